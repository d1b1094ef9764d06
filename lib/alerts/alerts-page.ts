import 'server-only';

import { getHeldGrant, type HeldGrant } from '@/lib/auth/server-grant/held-grants';
import { withSubscription, type PageFailure, type SubscriptionView } from '@/lib/dashboard/page-state';

import { getFeedAddress, type FeedAddress } from '@/lib/feed/feed-address';

import type { AlertSettings } from './alert-settings';
import { customerFrom } from './customer';
import { vapidPublicKey } from './push';
import { getAlertSettings } from './settings-store';

export type AlertsPageState =
  | PageFailure
  | SubscriptionView<{
      /** The grant the server keeps for the customer's alerts; null: alerts are off. */
      held: HeldGrant | null;
      settings: AlertSettings | null;
      /** The customer's calendar address, once made. */
      feed: FeedAddress | null;
      /** The key devices subscribe with; undefined when this server has no VAPID keys (push alerts off). */
      vapidPublicKey: string | undefined;
    }>;

/** What the settings page shows: whether the server keeps a grant for the customer, and their settings. */
export function loadAlertsPage(): Promise<AlertsPageState> {
  return withSubscription(undefined, async ({ subscriptions, subscription, now }) => {
    const customer = customerFrom(subscriptions);
    const [held, settings, feed] = customer
      ? await Promise.all([
          getHeldGrant(customer.owner),
          getAlertSettings(customer.owner),
          getFeedAddress(customer.owner),
        ])
      : [null, null, null];
    return {
      kind: 'subscription' as const,
      subscriptions,
      subscription,
      now,
      held,
      settings,
      feed: held && !held.ended ? feed : null,
      vapidPublicKey,
    };
  });
}
