import 'server-only';

import { config } from '@/lib/config';
import { processSingleton } from '@/lib/process-singleton';

import type { DurableStore } from './durable-store';

/**
 * The store for records that must survive a restart: the Redis of
 * `REDIS_URL` when it is set (any number of instances), else one SQLite file
 * in `DATA_DIR` (one instance). Opened on first use, one per process, and
 * loaded by dynamic import: code that never asks for it (the proxy) loads
 * neither better-sqlite3 nor the Redis client.
 *
 * Kept apart from `./index` (the shared store), which the proxy imports.
 */
export function getDurableStore(): Promise<DurableStore> {
  const slot = processSingleton('durable-store', () => ({ store: undefined as Promise<DurableStore> | undefined }));
  slot.store ??= openDurableStore().catch((error: unknown) => {
    // Not kept: once the folder or Redis is fixed, the next call opens it.
    slot.store = undefined;
    throw error;
  });
  return slot.store;
}

async function openDurableStore(): Promise<DurableStore> {
  if (config.redisUrl) {
    const { RedisDurableStore } = await import('./redis-durable-store');
    return new RedisDurableStore({ url: config.redisUrl });
  }
  const { SqliteDurableStore } = await import('./sqlite-durable-store');
  return new SqliteDurableStore({ dataDir: config.dataDir });
}

export type { DurableEntry, DurablePutOptions, DurableStore } from './durable-store';
