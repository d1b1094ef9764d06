import 'server-only';

import { customerOwner } from '@/lib/auth/server-grant/held-grants';
import { listSubscriptions } from '@/lib/nomos/client';
import { reshapeSubscription, type Subscription } from '@/lib/nomos/reshape';

export type Customer = { owner: string; subscriptions: Subscription[] };

/**
 * Who the connected customer is, for what the server keeps for them: the
 * hash of their Nomos customer id (the owner of every record kept for them)
 * and the subscriptions alerts can follow. Null when the customer has no
 * subscription (nothing to alert about).
 */
export function customerFrom(subscriptions: Subscription[]): Customer | null {
  const first = subscriptions[0];
  return first ? { owner: customerOwner(first.customerId), subscriptions } : null;
}

/** The same, asking Nomos with `accessToken`. */
export async function customerOf(accessToken: string): Promise<Customer | null> {
  return customerFrom((await listSubscriptions(accessToken)).map(reshapeSubscription));
}
