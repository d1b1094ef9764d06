import { Badge, type BadgeTone } from '@/components/ui/badge';
import { formatDate, formatPrice, formatTime, formatTimeRange } from '@/lib/prices/format';
import { priceLevel, type DayStats, type PricedInterval } from '@/lib/prices/stats';
import type { PriceInterval } from '@/lib/prices/types';
import { wordingFor, type SubscriptionKind } from './wording';

export type PriceHeadlineProps = {
  /** Statistics of the day shown. */
  stats: DayStats;
  /**
   * The interval containing now, or `undefined` for a past or future day,
   * where the headline shows the day's figures instead of "now". `null`
   * means "today, but there is no interval for now".
   */
  current: PriceInterval | null | undefined;
  kind: SubscriptionKind;
};

/**
 * The price right now, large, with today's minimum, average and maximum and
 * a text label of where now sits within the day's spread.
 */
export function PriceHeadline({ stats, current, kind }: PriceHeadlineProps) {
  const wording = wordingFor(kind);
  const live = current !== undefined;
  return (
    <div className="grid gap-4 sm:grid-cols-[1fr_auto] sm:items-end">
      <div>
        {live ? (
          current && current.amount !== null ? (
            <>
              <p className="text-sm text-slate-600 dark:text-slate-400">
                {kind === 'feed_in' ? 'Payout now' : 'Price now'}, {formatTimeRange(current.start, current.end)}
              </p>
              <p className="mt-1 text-4xl font-bold tracking-tight tabular-nums sm:text-5xl">{formatPrice(current.amount)}</p>
              <p className="mt-2">
                <LevelBadge amount={current.amount} stats={stats} kind={kind} />
              </p>
            </>
          ) : (
            <>
              <p className="text-sm text-slate-600 dark:text-slate-400">
                {kind === 'feed_in' ? 'Payout now' : 'Price now'}
                {current ? `, ${formatTimeRange(current.start, current.end)}` : ''}
              </p>
              <p className="mt-1 text-2xl font-semibold">No price for the current interval yet</p>
            </>
          )
        ) : (
          <>
            <p className="text-sm text-slate-600 dark:text-slate-400">Day overview</p>
            <p className="mt-1 text-2xl font-bold tracking-tight sm:text-3xl">{formatDate(stats.date)}</p>
            {stats.average !== null ? (
              <p className="mt-1 text-slate-700 dark:text-slate-300">
                Average <span className="font-semibold tabular-nums">{formatPrice(stats.average)}</span>
              </p>
            ) : null}
          </>
        )}
      </div>
      <dl className="grid grid-cols-3 gap-2 text-sm sm:gap-3 sm:min-w-[22rem]">
        <Figure label={live ? 'Today’s low' : 'Low'} interval={stats.min} />
        <div className="rounded-lg bg-slate-50 p-2 sm:p-3 dark:bg-slate-800/60">
          <dt className="text-slate-600 dark:text-slate-400">{live ? 'Today’s average' : 'Average'}</dt>
          <dd className="mt-1 font-semibold tabular-nums">{stats.average === null ? 'no price yet' : formatPrice(stats.average)}</dd>
        </div>
        <Figure label={live ? 'Today’s high' : 'High'} interval={stats.max} />
      </dl>
      {stats.nullCount > 0 ? (
        <p className="text-sm text-slate-600 sm:col-span-2 dark:text-slate-400">
          {stats.nullCount} {stats.nullCount === 1 ? 'interval has' : 'intervals have'} no {wording.noun} yet and{' '}
          {stats.nullCount === 1 ? 'is' : 'are'} left out of these figures.
        </p>
      ) : null}
    </div>
  );
}

function Figure({ label, interval }: { label: string; interval: PricedInterval | null }) {
  return (
    <div className="rounded-lg bg-slate-50 p-2 sm:p-3 dark:bg-slate-800/60">
      <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="mt-1 font-semibold tabular-nums">{interval ? formatPrice(interval.amount) : 'no price yet'}</dd>
      {interval ? <dd className="text-xs text-slate-600 dark:text-slate-400">at {formatTime(interval.start)}</dd> : null}
    </div>
  );
}

function LevelBadge({ amount, stats, kind }: { amount: number; stats: DayStats; kind: SubscriptionKind }) {
  const wording = wordingFor(kind);
  const level = priceLevel(amount, stats);
  const good: BadgeTone = 'good';
  const bad: BadgeTone = 'bad';
  // For feed-in a high payout is the good news.
  const tone = level === 'average' ? 'neutral' : (level === 'low') === (kind === 'consumption') ? good : bad;
  const text = level === 'low' ? wording.lowLabel : level === 'high' ? wording.highLabel : wording.averageLabel;
  return <Badge tone={tone}>{text}</Badge>;
}
