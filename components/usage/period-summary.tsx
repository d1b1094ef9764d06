import { useTranslations } from 'next-intl';

import type { SubscriptionKind } from '@/lib/prices/cheapest-window';
import { intlLocales, type Locale } from '@/lib/i18n/locales';
import { useFormat } from '@/lib/i18n/use-format';
import type { PeriodSummary } from '@/lib/usage/cost';

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
  const t = useTranslations('Usage.period');
  const format = useFormat();
  return (
    <div className="overflow-x-auto" data-testid={`period-${summary.from}`}>
      <table className="figures min-w-[26rem]">
        <caption className="py-2 text-left">
          <span className="font-semibold">{title}</span>{' '}
          <span className="text-slate-600 dark:text-slate-400">
            {t('range', { from: format.shortDate(summary.from), to: format.shortDate(summary.to) })}
          </span>
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('day')}</th>
            <th scope="col">{t('energy', { kind })}</th>
            <th scope="col">{t('money', { kind })}</th>
            <th scope="col">{t('paidAverage', { kind })}</th>
          </tr>
        </thead>
        <tbody>
          {summary.days.map((day) => (
            <tr key={day.date}>
              <th scope="row">{format.shortDate(day.date)}</th>
              {day.metered === 0 ? (
                <td colSpan={3} className="text-slate-500 italic dark:text-slate-400">
                  {t('noReadings')}
                </td>
              ) : (
                <>
                  <td>
                    {dayEnergyNumber(format.locale, day.energyKwh)}
                    {day.metered < day.slots ? <span className="text-slate-500"> {t('partial')}</span> : null}
                  </td>
                  <td>{format.euroNumber(day.costCt)}</td>
                  <td>{day.paidAverage === null ? '–' : format.priceNumber(day.paidAverage)}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="font-semibold">
            <th scope="row">{t('total', { days: summary.daysWithUsage })}</th>
            <td>{format.kwh(summary.energyKwh)}</td>
            <td>{format.euro(summary.costCt)}</td>
            <td>{summary.paidAverage === null ? '–' : format.price(summary.paidAverage)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
