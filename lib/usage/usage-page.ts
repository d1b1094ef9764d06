import 'server-only';

import type { LoadOptions } from '@/lib/dashboard/load';
import { withSubscription, type PageFailure, type SubscriptionView } from '@/lib/dashboard/page-state';
import { derived } from '@/lib/derived';
import { addDays, berlinDate, isRequestableDate } from '@/lib/prices/berlin-time';

import { dayCost, periodSummary, type CostRow, type DayCost, type PeriodSummary } from './cost';
import { loadMonthPrices, loadUsage } from './load';
import { latestPublishedDay, usagePublishedAt } from './publication';
import { normalizeShiftablePercent, shiftingSavings, type ShiftingResult } from './shifting';

export type UsageQuery = { subscription?: string; date?: string; shift?: string };

export type UsageReport =
  | { status: 'unpublished'; publishedAt: number }
  | {
      status: 'ready';
      day: DayCost;
      rows: CostRow[];
      shifting: ShiftingResult | null;
      sharePercent: number;
      week: PeriodSummary;
      month: PeriodSummary;
    };

export type UsageState =
  | PageFailure
  | SubscriptionView<{
      /** The latest day with usage to show: published, and within the contract. */
      latest: string;
      date: string;
      /** Null for a pending subscription: there is no usage yet. */
      report: UsageReport | null;
    }>;

/**
 * Everything the usage view shows; with `cachedOnly`, throws `NotCached`
 * where it would ask Nomos for usage or prices. Upstream calls per view: the
 * subscriptions, at most one usage call (only the days not cached as final)
 * and at most two price calls (one per calendar month touched, cached once
 * final), each retried at most twice on 429/5xx.
 */
export function loadUsagePage(query: UsageQuery, options: LoadOptions = {}): Promise<UsageState> {
  return withSubscription(query.subscription, async ({ connection, now, subscriptions, subscription }) => {
    const published = latestPublishedDay(now);
    // An ended contract has no usage after its last day: start there, not on an empty day.
    const lastSupplied =
      subscription.status === 'ended' && subscription.endAt !== null ? berlinDate(subscription.endAt - 1) : published;
    const latest = lastSupplied < published ? lastSupplied : published;
    const date = query.date && isRequestableDate(query.date) ? query.date : latest;
    const base = { kind: 'subscription', subscriptions, subscription, now, latest, date } as const;
    if (subscription.status === 'pending') return { ...base, report: null };
    if (date > published) return { ...base, report: { status: 'unpublished', publishedAt: usagePublishedAt(date) } };

    const weekFrom = addDays(date, -6);
    const monthFrom = `${date.slice(0, 8)}01`;
    const from = weekFrom < monthFrom ? weekFrom : monthFrom;
    const [usage, prices] = await Promise.all([
      loadUsage(connection, subscription.id, from, date, options),
      loadMonthPrices(connection, subscription.id, from, date, published, options),
    ]);
    // Kept while the caches hand out the same usage and prices (lib/derived.ts): a day and its
    // 37-day periods cost more to sum up than to render.
    const { day, rows, week, month } = derived([usage, prices], date, () => ({
      ...dayCost(usage, prices, date),
      week: periodSummary(usage, prices, weekFrom, date),
      month: periodSummary(usage, prices, monthFrom, date),
    }));
    const sharePercent = normalizeShiftablePercent(query.shift);
    return {
      ...base,
      report: {
        status: 'ready',
        day,
        rows,
        sharePercent,
        shifting: subscription.kind === 'feed_in' ? null : shiftingSavings(rows, sharePercent),
        week,
        month,
      },
    };
  });
}
