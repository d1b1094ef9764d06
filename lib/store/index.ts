import 'server-only';

import { config } from '@/lib/config';
import { processSingleton } from '@/lib/process-singleton';

import { MemoryStore } from './memory-store';
import type { SharedStore } from './shared-store';

/** The Redis store, loaded on first use: an app on the memory store never loads the Redis client. */
export type LazyRedisStore = SharedStore & {
  readonly kind: 'redis';
  /** The loaded store, for libraries that speak to Redis themselves (rate limits): its `redisClient`. */
  loaded(): Promise<SharedStore & { readonly redisClient: unknown; close(): Promise<void> }>;
};

export function lazyRedisStore(options: { url: string; keyPrefix?: string }): LazyRedisStore {
  const store = import('./redis-store').then(({ RedisStore }) => new RedisStore(options));
  return {
    kind: 'redis',
    loaded: () => store,
    get: async (key) => (await store).get(key),
    set: async (key, value, ttlMs) => (await store).set(key, value, ttlMs),
    setIfAbsent: async (key, value, ttlMs) => (await store).setIfAbsent(key, value, ttlMs),
    setIfHeld: async (lockKey, owner, key, value, ttlMs) => (await store).setIfHeld(lockKey, owner, key, value, ttlMs),
    deleteIfEquals: async (key, value) => (await store).deleteIfEquals(key, value),
    delete: async (key) => (await store).delete(key),
    ping: async () => (await store).ping(),
  };
}

/**
 * The store every instance of the app shares: Redis when `REDIS_URL` is
 * set, else this process's memory (one instance only).
 */
export function getSharedStore(): SharedStore {
  // One per process, so every bundle shares it (and one Redis connection).
  return processSingleton('shared-store', () =>
    config.redisUrl ? lazyRedisStore({ url: config.redisUrl }) : new MemoryStore(),
  );
}

export { StoreUnavailableError, type SharedStore } from './shared-store';
