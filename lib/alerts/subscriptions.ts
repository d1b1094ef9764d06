import 'server-only';

import { sealer, type Sealer } from '@/lib/auth/session/cookies';
import { getDurableStore } from '@/lib/store/durable';
import type { DurableStore } from '@/lib/store/durable-store';
import { keyHash } from '@/lib/store/shared-store';

import { pushSubscriptionSchema, type PushSubscription } from './push';

/**
 * A customer's push subscriptions (one per browser or phone that turned
 * alerts on), kept in the durable store while the server holds their grant:
 * the key a hash of the endpoint (one record per device, whoever subscribed
 * it last), the value sealed with `SESSION_SECRET` (an endpoint and its keys
 * are enough to push to that device), the customer as its owner, so that
 * forgetting them forgets their devices.
 */
export const SUBSCRIPTION_PREFIX = 'alerts:subscription:';

export const subscriptionKey = (endpoint: string) => SUBSCRIPTION_PREFIX + keyHash('push-subscription', endpoint);

// What was stored was checked against the app's configuration when it arrived; reading back only checks its shape.
const storedSchema = pushSubscriptionSchema({ allowLoopbackHttp: true });

export type SubscriptionStore = {
  /** Keeps `subscription` for `owner`, replacing the record of the same endpoint (whoever had it). */
  save(owner: string, subscription: PushSubscription): Promise<void>;
  /** The customer's subscriptions; records sealed with a secret no longer configured are skipped. */
  list(owner: string): Promise<PushSubscription[]>;
  /** Forgets one device (unsubscribed, or gone at its push service). True when it was there. */
  remove(owner: string, endpoint: string): Promise<boolean>;
};

export function createSubscriptionStore({
  store,
  sealer,
}: {
  store: () => Promise<DurableStore>;
  sealer: Sealer;
}): SubscriptionStore {
  return {
    async save(owner, subscription) {
      const sealed = await sealer.seal(storedSchema.parse(subscription), 0);
      await (await store()).put(subscriptionKey(subscription.endpoint), sealed, { owner });
    },
    async list(owner) {
      const records = await (await store()).listByOwner(owner);
      const subscriptions: PushSubscription[] = [];
      for (const record of records) {
        if (!record.key.startsWith(SUBSCRIPTION_PREFIX)) continue;
        const parsed = storedSchema.safeParse(await sealer.unseal(record.value, 0));
        if (parsed.success) subscriptions.push(parsed.data);
      }
      return subscriptions;
    },
    async remove(owner, endpoint) {
      const durable = await store();
      const key = subscriptionKey(endpoint);
      // Only the owner's own record: another customer who now holds the device keeps it.
      const mine = (await durable.listByOwner(owner)).some((record) => record.key === key);
      return mine && durable.delete(key);
    },
  };
}

/** The customers' subscriptions, in this process's durable store, sealed with `SESSION_SECRET`. */
export const subscriptions = createSubscriptionStore({ store: getDurableStore, sealer });
