import 'server-only';

import { randomUUID } from 'node:crypto';

import type { DurableStore } from '@/lib/store/durable-store';
import { keyHash } from '@/lib/store/shared-store';

/**
 * "At most once per event", across instances and restarts: before an alert
 * is sent, its event (`DueAlert.eventKey`) is claimed in the durable store
 * with `compareAndSet(key, null, …)`, so of any number of instances running
 * the same rules exactly one wins and sends; the others skip it.
 *
 * A claim is kept for a few days (longer than any event stays due: a day's
 * publication summary, a window until it starts), under a hash of the
 * customer and the event, tagged with the customer as its owner: forgetting
 * the customer forgets their claims. A claim holds a random token and
 * nothing else.
 *
 * An instance that crashes between claim and send loses that alert: at most
 * once, not at least once. A send that failed only for now (the push service
 * answered 429/5xx for every device) may release its claim, so that the next
 * run tries again while the event is still due.
 */
export const SENT_EVENT_PREFIX = 'alerts:sent:';
export const SENT_EVENT_TTL_MS = 4 * 24 * 60 * 60 * 1000;

export type EventClaim = { readonly key: string; readonly token: string };

export type SentEvents = {
  /** Claims the event for this caller: the claim when it won, null when the event was claimed before. */
  claim(owner: string, eventKey: string): Promise<EventClaim | null>;
  /** Gives a claim back so the event can be claimed again; false when it no longer holds. */
  release(claim: EventClaim): Promise<boolean>;
};

export function sentEventKey(owner: string, eventKey: string): string {
  return SENT_EVENT_PREFIX + keyHash('alert-event', owner, eventKey);
}

export function createSentEvents(store: DurableStore, { ttlMs = SENT_EVENT_TTL_MS }: { ttlMs?: number } = {}) {
  return {
    async claim(owner, eventKey) {
      const key = sentEventKey(owner, eventKey);
      const token = randomUUID();
      return (await store.compareAndSet(key, null, token, { owner, ttlMs })) ? { key, token } : null;
    },
    async release(claim) {
      // Only the claimant writes this record, and only once more: to give it back right after its
      // send failed. Reading first keeps a late release from removing a newer claim of the event.
      if ((await store.get(claim.key)) !== claim.token) return false;
      return store.delete(claim.key);
    },
  } satisfies SentEvents;
}
