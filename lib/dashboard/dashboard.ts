import 'server-only';

import { SESSION_STORE_UNAVAILABLE } from '@/lib/auth/refresh-coordinator';
import { getConnection } from '@/lib/auth/session';
import { getNow } from '@/lib/clock';
import { NomosError } from '@/lib/nomos/errors';
import type { Subscription } from '@/lib/nomos/reshape';
import { addDays, berlinDate, isRequestableDate } from '@/lib/prices/berlin-time';
import type { PriceSeries } from '@/lib/prices/types';

import { loadPrices, loadSubscriptions } from './load';
import { pickSubscription } from './select';

export type DashboardQuery = { subscription?: string; date?: string };

export type DashboardState =
  | { kind: 'not-connected' }
  | { kind: 'connection-ended' }
  | {
      kind: 'nomos-error';
      /** `store-unavailable`: the app's own session store, not Nomos, was unreachable. */
      reason: 'unavailable' | 'store-unavailable' | 'rejected';
      message: string;
      requestId?: string;
    }
  | { kind: 'no-subscription' }
  | {
      kind: 'subscription';
      subscriptions: Subscription[];
      subscription: Subscription;
      now: number;
      /** The Berlin day shown first: today, or the `?date=` of the history view. */
      date: string;
      /** Only for an active subscription: its prices of `date` and the day after. */
      series: PriceSeries | null;
    };

/**
 * Everything the dashboard shows, as one state. Nomos failures become
 * states too, so the page can explain them; only an ended connection asks
 * the person to connect again.
 */
export async function loadDashboard(query: DashboardQuery): Promise<DashboardState> {
  try {
    const connection = await getConnection();
    if (!connection) return { kind: 'not-connected' };
    const [now, subscriptions] = await Promise.all([getNow(), loadSubscriptions(connection)]);
    const subscription = pickSubscription(subscriptions, query.subscription);
    if (!subscription) return { kind: 'no-subscription' };
    const date = query.date && isRequestableDate(query.date) ? query.date : berlinDate(now);
    const series =
      subscription.status === 'active'
        ? await loadPrices(connection, subscription.id, date, addDays(date, 1))
        : null;
    return { kind: 'subscription', subscriptions, subscription, now, date, series };
  } catch (error) {
    if (!(error instanceof NomosError)) throw error;
    if (error.kind === 'connection-ended') return { kind: 'connection-ended' };
    const reason = error.details.code === SESSION_STORE_UNAVAILABLE ? 'store-unavailable' : error.kind;
    return { kind: 'nomos-error', reason, message: error.message, requestId: error.requestId };
  }
}
