import { formatPercent, formatPrice } from '@/lib/prices/format';
import type { SubscriptionKind } from '@/components/prices/wording';
import type { DayCost } from '@/lib/usage/cost';
import { formatEuro, formatKwh } from '@/lib/usage/format';

import { usageWordingFor } from './usage-wording';

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

/** The day's energy, money and average prices, with the states that qualify them (partial, unpriced, preliminary). */
export function UsageSummary({ day, kind }: { day: DayCost; kind: SubscriptionKind }) {
  const words = usageWordingFor(kind);
  if (day.metered === 0) {
    return <p role="status">Nomos has no meter readings for this day.</p>;
  }
  const difference = day.differencePercent;
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        <Figure label={words.energy} value={formatKwh(day.energyKwh)} testId="usage-energy" />
        <Figure label={words.money} value={formatEuro(day.costCt)} testId="usage-cost" />
        <Figure label={words.paid} value={day.paidAverage === null ? '–' : formatPrice(day.paidAverage)} testId="usage-paid-average" />
        <Figure label={words.plain} value={day.plainAverage === null ? '–' : formatPrice(day.plainAverage)} testId="usage-plain-average" />
      </dl>
      {difference !== null && (
        <p data-testid="usage-difference">
          <strong className={words.good(difference) ? 'text-emerald-700 dark:text-emerald-300' : 'text-rose-700 dark:text-rose-300'}>
            {formatPercent(Math.abs(difference))}
          </strong>{' '}
          {difference >= 0 ? words.above : words.below}.
        </p>
      )}
      <ul className="space-y-1 text-sm text-slate-700 dark:text-slate-300">
        {day.metered < day.slots && (
          <li data-testid="usage-partial">
            Partial day: {day.metered} of {day.slots} quarter-hours have a meter reading. The others are left out, not counted as zero.
          </li>
        )}
        {day.unpriced > 0 && (
          <li data-testid="usage-unpriced">
            {day.unpriced} metered quarter-hour{day.unpriced === 1 ? ' has' : 's have'} no price from Nomos: the {words.money.toLowerCase()} covers{' '}
            {formatKwh(day.pricedKwh)} of {formatKwh(day.energyKwh)}.
          </li>
        )}
        {day.metered > 0 && !day.final && (
          <li>Preliminary readings: the metering operator may still correct them.</li>
        )}
      </ul>
    </div>
  );
}
