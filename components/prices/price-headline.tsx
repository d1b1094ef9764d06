import { useTranslations } from 'next-intl';

import { Badge, type BadgeTone } from '@/components/ui/badge';
import { useFormat } from '@/lib/i18n/use-format';
import { priceLevel, type DayStats, type PricedInterval } from '@/lib/prices/stats';
import type { PriceInterval } from '@/lib/prices/types';
import type { SubscriptionKind } from '@/lib/prices/cheapest-window';

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
  const t = useTranslations('Prices');
  const format = useFormat();
  const live = current !== undefined;
  const liveArg = { live: String(live) };
  return (
    <div className="grid gap-4 sm:grid-cols-[1fr_auto] sm:items-end">
      <div>
        {live ? (
          current && current.amount !== null ? (
            <>
              <p className="text-sm text-slate-600 dark:text-slate-400">
                {t('headline.now', { kind, range: format.timeRange(current.start, current.end) })}
              </p>
              <p className="mt-1 text-4xl font-bold tracking-tight tabular-nums sm:text-5xl">
                {format.price(current.amount)}
              </p>
              <p className="mt-2">
                <LevelBadge amount={current.amount} stats={stats} kind={kind} />
              </p>
            </>
          ) : (
            <>
              <p className="text-sm text-slate-600 dark:text-slate-400">
                {current
                  ? t('headline.now', { kind, range: format.timeRange(current.start, current.end) })
                  : t('headline.nowWithoutRange', { kind })}
              </p>
              <p className="mt-1 text-2xl font-semibold">{t('headline.missingNow', { kind })}</p>
            </>
          )
        ) : (
          <>
            <p className="text-sm text-slate-600 dark:text-slate-400">{t('headline.dayOverview')}</p>
            <p className="mt-1 text-2xl font-bold tracking-tight sm:text-3xl">{format.date(stats.date)}</p>
            {stats.average !== null ? (
              <p className="mt-1 text-slate-700 dark:text-slate-300">
                {t.rich('headline.average', {
                  price: format.price(stats.average),
                  b: (chunks) => <span className="font-semibold tabular-nums">{chunks}</span>,
                })}
              </p>
            ) : null}
          </>
        )}
      </div>
      <dl className="grid grid-cols-3 gap-2 text-sm sm:gap-3 sm:min-w-[22rem]">
        <Figure label={t('headline.low', liveArg)} interval={stats.min} />
        <div className="rounded-lg bg-slate-50 p-2 sm:p-3 dark:bg-slate-800/60">
          <dt className="text-slate-600 dark:text-slate-400">{t('headline.mean', liveArg)}</dt>
          <dd className="mt-1 font-semibold tabular-nums">
            {stats.average === null ? t('missing') : format.price(stats.average)}
          </dd>
        </div>
        <Figure label={t('headline.high', liveArg)} interval={stats.max} />
      </dl>
      {stats.nullCount > 0 ? (
        <p className="text-sm text-slate-600 sm:col-span-2 dark:text-slate-400">
          {t('headline.left', { kind, count: stats.nullCount })}
        </p>
      ) : null}
    </div>
  );
}

function Figure({ label, interval }: { label: string; interval: PricedInterval | null }) {
  const t = useTranslations('Prices');
  const format = useFormat();
  return (
    <div className="rounded-lg bg-slate-50 p-2 sm:p-3 dark:bg-slate-800/60">
      <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="mt-1 font-semibold tabular-nums">{interval ? format.price(interval.amount) : t('missing')}</dd>
      {interval ? (
        <dd className="text-xs text-slate-600 dark:text-slate-400">
          {t('headline.at', { time: format.time(interval.start) })}
        </dd>
      ) : null}
    </div>
  );
}

function LevelBadge({ amount, stats, kind }: { amount: number; stats: DayStats; kind: SubscriptionKind }) {
  const t = useTranslations('Prices.headline');
  const level = priceLevel(amount, stats);
  const good: BadgeTone = 'good';
  const bad: BadgeTone = 'bad';
  // For feed-in a high payout is the good news.
  const tone = level === 'average' ? 'neutral' : (level === 'low') === (kind === 'consumption') ? good : bad;
  return <Badge tone={tone}>{t('level', { kind, level })}</Badge>;
}
