import 'server-only';

import { config } from '@/lib/config';
import { processSingleton } from '@/lib/process-singleton';

import { MemoryStore } from './memory-store';
import { RedisStore } from './redis-store';
import type { SharedStore } from './shared-store';

/**
 * The store every instance of the app shares: Redis when `REDIS_URL` is
 * set, else this process's memory (one instance only).
 */
export function getSharedStore(): SharedStore {
  // One per process, so every bundle shares it (and one Redis connection).
  return processSingleton('shared-store', () =>
    config.redisUrl ? new RedisStore({ url: config.redisUrl }) : new MemoryStore(),
  );
}

export { StoreUnavailableError, type SharedStore } from './shared-store';
