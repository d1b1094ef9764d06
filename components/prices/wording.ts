/**
 * What flips between consumption and feed-in: for a consumer a low price is
 * good, for someone feeding in a high payout is. The words themselves are
 * in the messages (`lib/i18n/messages/*.json`), chosen there with
 * `{kind, select, feed_in {…} other {…}}`: pass `kind` to every message.
 */
import type { WindowDirection } from '@/lib/prices/cheapest-window';

export type SubscriptionKind = 'consumption' | 'feed_in';

/** Which end of the price range the best window is at. */
export function directionFor(kind: SubscriptionKind): WindowDirection {
  return kind === 'feed_in' ? 'highest' : 'cheapest';
}
