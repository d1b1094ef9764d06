import 'server-only';

import { getHeldGrant, type HeldGrant } from '@/lib/auth/server-grant/held-grants';
import { withSubscription, type PageFailure, type SubscriptionView } from '@/lib/dashboard/page-state';

import type { AlertSettings } from './alert-settings';
import { customerFrom } from './customer';
import { getAlertSettings } from './settings-store';

export type AlertsPageState =
  | PageFailure
  | SubscriptionView<{
      /** The grant the server keeps for the customer's alerts; null: alerts are off. */
      held: HeldGrant | null;
      settings: AlertSettings | null;
    }>;

/** What the settings page shows: whether the server keeps a grant for the customer, and their settings. */
export function loadAlertsPage(): Promise<AlertsPageState> {
  return withSubscription(undefined, async ({ subscriptions, subscription, now }) => {
    const customer = customerFrom(subscriptions);
    const [held, settings] = customer
      ? await Promise.all([getHeldGrant(customer.owner), getAlertSettings(customer.owner)])
      : [null, null];
    return {
      kind: 'subscription' as const,
      subscriptions: customer?.subscriptions ?? subscriptions,
      subscription,
      now,
      held,
      settings,
    };
  });
}
