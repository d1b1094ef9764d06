import { useTranslations } from 'next-intl';

import type { SubscriptionKind } from '@/lib/prices/cheapest-window';
import { useFormat } from '@/lib/i18n/use-format';
import type { DayCost } from '@/lib/usage/cost';

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <dt className="text-sm text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="text-2xl font-bold tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/**
 * Whether paying (receiving) `differencePercent` more than the day's plain
 * average is good news: for consumption a paid average below it is, for
 * feed-in a payout above it.
 */
function isGood(kind: SubscriptionKind, differencePercent: number): boolean {
  return kind === 'feed_in' ? differencePercent > 0 : differencePercent < 0;
}

/** The day's energy, money and average prices, with the states that qualify them (partial, unpriced, preliminary). */
export function UsageSummary({ day, kind }: { day: DayCost; kind: SubscriptionKind }) {
  const t = useTranslations('Usage.summary');
  const format = useFormat();
  if (day.metered === 0) {
    return <p role="status">{t('noReadings')}</p>;
  }
  const difference = day.differencePercent;
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        <Figure label={t('energy', { kind })} value={format.kwh(day.energyKwh)} testId="usage-energy" />
        <Figure label={t('money', { kind })} value={format.euro(day.costCt)} testId="usage-cost" />
        <Figure
          label={t('paidAverage', { kind })}
          value={day.paidAverage === null ? '–' : format.price(day.paidAverage)}
          testId="usage-paid-average"
        />
        <Figure
          label={t('dayAverage', { kind })}
          value={day.plainAverage === null ? '–' : format.price(day.plainAverage)}
          testId="usage-plain-average"
        />
      </dl>
      {difference !== null && (
        <p data-testid="usage-difference">
          {t.rich('difference', {
            kind,
            direction: difference >= 0 ? 'above' : 'below',
            percent: format.percent(Math.abs(difference)),
            strong: (chunks) => (
              <strong
                className={
                  isGood(kind, difference)
                    ? 'text-emerald-700 dark:text-emerald-300'
                    : 'text-rose-700 dark:text-rose-300'
                }
              >
                {chunks}
              </strong>
            ),
          })}
        </p>
      )}
      <ul className="space-y-1 text-sm text-slate-700 dark:text-slate-300">
        {day.metered < day.slots && (
          <li data-testid="usage-partial">{t('partial', { metered: day.metered, slots: day.slots })}</li>
        )}
        {day.unpriced > 0 && (
          <li data-testid="usage-unpriced">
            {t('unpriced', {
              kind,
              count: day.unpriced,
              priced: format.kwh(day.pricedKwh),
              energy: format.kwh(day.energyKwh),
            })}
          </li>
        )}
        {day.metered > 0 && !day.final && <li>{t('preliminary')}</li>}
      </ul>
    </div>
  );
}
