import type { Subscription } from '@/lib/nomos/reshape';

const statusRank = { active: 0, pending: 1, ended: 2 } as const;

/**
 * The subscription to show: the one named in the URL if it is the
 * customer's, else the first active one (consumption before feed-in), else
 * a pending one, else an ended one. Undefined when there are none.
 */
export function pickSubscription(subscriptions: Subscription[], requestedId: string | undefined) {
  const requested = subscriptions.find((subscription) => subscription.id === requestedId);
  if (requested) return requested;
  const rank = (s: Subscription) => statusRank[s.status] * 2 + (s.kind === 'consumption' ? 0 : 1);
  return [...subscriptions].sort((a, b) => rank(a) - rank(b))[0];
}
