import 'server-only';

import { config } from '@/lib/config';

import { MemoryStore } from './memory-store';
import { RedisStore } from './redis-store';
import type { SharedStore } from './shared-store';

// Next.js bundles the proxy and the routes separately: keep one store per
// process on globalThis, so every bundle shares it (and one Redis connection).
const key = Symbol.for('nomos-hems.shared-store');
const globalStore = globalThis as typeof globalThis & { [key]?: SharedStore };

/**
 * The store every instance of the app shares: Redis when `REDIS_URL` is
 * set, else this process's memory (one instance only).
 */
export function getSharedStore(): SharedStore {
  return (globalStore[key] ??= config.redisUrl ? new RedisStore({ url: config.redisUrl }) : new MemoryStore());
}

export { StoreUnavailableError, type SharedStore } from './shared-store';
