import 'server-only';

import { addDays, berlinDate, isRequestableDate } from '@/lib/prices/berlin-time';
import type { PriceSeries } from '@/lib/prices/types';

import { loadPrices, type LoadOptions } from './load';
import { withSubscription, type PageFailure, type SubscriptionView } from './page-state';

export type DashboardQuery = { subscription?: string; date?: string };

export type DashboardState =
  | PageFailure
  | SubscriptionView<{
      /** The Berlin day shown first: today, or the `?date=` of the history view. */
      date: string;
      /** Only for an active subscription: its prices of `date` and the day after. */
      series: PriceSeries | null;
    }>;

/**
 * Everything the dashboard shows, as one state. With `cachedOnly`, throws
 * `NotCached` instead of asking Nomos for prices (the subscriptions are
 * always asked for: their status changes).
 */
export function loadDashboard(query: DashboardQuery, options: LoadOptions = {}): Promise<DashboardState> {
  return withSubscription(query.subscription, async ({ connection, now, subscriptions, subscription }) => {
    const date = query.date && isRequestableDate(query.date) ? query.date : berlinDate(now);
    const series =
      subscription.status === 'active'
        ? await loadPrices(connection, subscription.id, date, addDays(date, 1), options)
        : null;
    return { kind: 'subscription', subscriptions, subscription, now, date, series } as const;
  });
}
