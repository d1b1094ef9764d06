import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, afterEach, describe, expect, inject, it, vi } from 'vitest';

import { MemoryStore } from '@/lib/store/memory-store';
import { RedisStore } from '@/lib/store/redis-store';
import { StoreUnavailableError } from '@/lib/store/shared-store';

import { RevocationList, revocationKey } from './revocation';

const redisStores: RedisStore[] = [];
let prefixes = 0;
function openRedis() {
  const store = new RedisStore({ url: inject('redisUrl'), keyPrefix: `revocation-test-${process.pid}-${++prefixes}:` });
  redisStores.push(store);
  return store;
}
afterAll(() => Promise.all(redisStores.map((store) => store.close())));
afterEach(() => vi.restoreAllMocks());

describe.each([
  ['memory store', () => new MemoryStore()],
  ['Redis store', () => openRedis()],
] as const)('RevocationList with the %s', (_name, makeStore) => {
  it('refuses a logged-out grant on every instance sharing the store, and no other grant', async () => {
    const store = makeStore();
    await new RevocationList(store, 60_000).revoke('grant-a-0123456789');
    const otherInstance = new RevocationList(store, 60_000);
    await expect(otherInstance.isRevoked('grant-a-0123456789')).resolves.toBe(true);
    await expect(otherInstance.shouldRefuse('grant-a-0123456789')).resolves.toBe(true);
    await expect(otherInstance.isRevoked('grant-b-0123456789')).resolves.toBe(false);
  });

  it('keeps neither the raw grant id nor more than a marker in the store', async () => {
    const store = makeStore();
    const set = vi.spyOn(store, 'set');
    await new RevocationList(store, 60_000).revoke('grant-a-0123456789');
    const [key, value, ttlMs] = set.mock.calls[0] ?? [];
    expect(key).toBe(revocationKey('grant-a-0123456789'));
    expect(key).not.toContain('grant-a');
    expect(value).toBe('1');
    expect(ttlMs).toBe(60_000);
  });

  it('forgets a revocation once no cookie of the grant can be alive any more', async () => {
    const list = new RevocationList(makeStore(), 150);
    await list.revoke('grant-a-0123456789');
    await expect(list.isRevoked('grant-a-0123456789')).resolves.toBe(true);
    await sleep(300);
    await expect(list.isRevoked('grant-a-0123456789')).resolves.toBe(false);
  });
});

describe('RevocationList while the store is down', () => {
  function brokenStore() {
    const store = new MemoryStore();
    vi.spyOn(store, 'get').mockRejectedValue(new StoreUnavailableError('Redis is not reachable'));
    vi.spyOn(store, 'set').mockRejectedValue(new StoreUnavailableError('Redis is not reachable'));
    return store;
  }

  it('says so when a logout cannot be recorded', async () => {
    await expect(new RevocationList(brokenStore(), 60_000).revoke('grant-a-0123456789')).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
  });

  it('fails open on the check, logging the outage, so valid sessions keep working', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(new RevocationList(brokenStore(), 60_000).shouldRefuse('grant-a-0123456789')).resolves.toBe(false);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('logged-out sessions cannot be recognised'));
  });

  it('does not swallow errors that are not an outage', async () => {
    const store = new MemoryStore();
    vi.spyOn(store, 'get').mockRejectedValue(new TypeError('bug'));
    await expect(new RevocationList(store, 60_000).shouldRefuse('grant-a-0123456789')).rejects.toThrow('bug');
  });
});

describe('RevocationList in a memory store flooded with caches', () => {
  it('still refuses a logged-out grant after far more cache entries than the store keeps', async () => {
    const store = new MemoryStore(1_000);
    const list = new RevocationList(store, 60_000);
    await list.revoke('grant-logged-out-0123');
    // A hundred busy customers' price and usage caches, ten times the cache bound.
    for (let i = 0; i < 10_000; i++) await store.set(`cache:prices:${i}`, 'sealed prices', 60_000);
    await expect(list.isRevoked('grant-logged-out-0123')).resolves.toBe(true);
    expect(store.size).toBe(1_001);
    store.close();
  });
});
