import { useTranslations } from 'next-intl';

import type { SubscriptionKind } from '@/lib/prices/cheapest-window';
import { intlLocales, type Locale } from '@/lib/i18n/locales';
import { useFormat } from '@/lib/i18n/use-format';
import type { PeriodSummary } from '@/lib/usage/cost';

import { PeriodDetails } from './period-details';
import { PeriodTable, type PeriodTableData } from './period-table';

const dayEnergy = new Map<Locale, Intl.NumberFormat>();

/** "12,34" / "12.34": a day's energy under the "(kWh)" header, to the hundredth like the total's "12,34 kWh". */
function dayEnergyNumber(locale: Locale, kwh: number): string {
  let number = dayEnergy.get(locale);
  if (!number) {
    number = new Intl.NumberFormat(intlLocales[locale], { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    dayEnergy.set(locale, number);
  }
  return number.format(kwh);
}

/** A week's or month's table, every word and figure in the page's language. */
function usePeriodTable(title: string, summary: PeriodSummary, kind: SubscriptionKind): PeriodTableData {
  const t = useTranslations('Usage.period');
  const format = useFormat();
  const partial: number[] = [];
  const rows = summary.days.map((day, index): PeriodTableData['rows'][number] => {
    if (day.metered === 0) return [format.shortDate(day.date), t('noReadings')];
    if (day.metered < day.slots) partial.push(index);
    return [
      format.shortDate(day.date),
      [
        dayEnergyNumber(format.locale, day.energyKwh),
        format.euroNumber(day.costCt),
        day.paidAverage === null ? '–' : format.priceNumber(day.paidAverage),
      ],
    ];
  });
  return {
    from: summary.from,
    title,
    range: t('range', { from: format.shortDate(summary.from), to: format.shortDate(summary.to) }),
    headers: [t('day'), t('energy', { kind }), t('money', { kind }), t('paidAverage', { kind })],
    rows,
    partial: { text: t('partial'), rows: partial },
    totals: [
      t('total', { days: summary.daysWithUsage }),
      format.kwh(summary.energyKwh),
      format.euro(summary.costCt),
      summary.paidAverage === null ? '–' : format.price(summary.paidAverage),
    ],
  };
}

/** A week or month, one row per day: energy, money and the average price paid that day. */
export function PeriodSummaryTable({
  title,
  summary,
  kind,
}: {
  title: string;
  summary: PeriodSummary;
  kind: SubscriptionKind;
}) {
  return <PeriodTable data={usePeriodTable(title, summary, kind)} />;
}

/**
 * The same table collapsed under the period's name and totals, which stay
 * in view: its day rows are built when it is opened (`PeriodDetails`).
 */
export function PeriodSummaryDetails({
  title,
  summary,
  kind,
  rowsInHtml,
}: {
  title: string;
  summary: PeriodSummary;
  kind: SubscriptionKind;
  rowsInHtml: boolean;
}) {
  const data = usePeriodTable(title, summary, kind);
  const [label, ...figures] = data.totals;
  return (
    <PeriodDetails
      data={data}
      rowsInHtml={rowsInHtml}
      summary={
        <>
          <span className="font-semibold">{data.title}</span>{' '}
          <span className="text-slate-600 dark:text-slate-400">{data.range}</span>
          <span className="block text-sm tabular-nums">
            {label}: {figures.join(' · ')}
          </span>
        </>
      }
    />
  );
}
