import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, describe, expect, inject, it } from 'vitest';

import { lazyRedisStore } from './index';
import { MemoryStore } from './memory-store';
import { RedisStore } from './redis-store';
import type { SharedStore } from './shared-store';

const closers: (() => unknown)[] = [];
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
});

let prefixes = 0;
const stores: [string, () => SharedStore][] = [
  [
    'memory store',
    () => {
      const store = new MemoryStore();
      closers.push(() => store.close());
      return store;
    },
  ],
  [
    'Redis store',
    () => {
      const store = new RedisStore({ url: inject('redisUrl'), keyPrefix: `contract-${process.pid}-${++prefixes}:` });
      closers.push(() => store.close());
      return store;
    },
  ],
  [
    'Redis store, loaded on first use (as getSharedStore gives it)',
    () => {
      const store = lazyRedisStore({ url: inject('redisUrl'), keyPrefix: `contract-${process.pid}-${++prefixes}:` });
      closers.push(async () => (await store.loaded()).close());
      return store;
    },
  ],
];

/** What the coordinator, the revocation list and the caches rely on, run against every store the same way. */
describe.each(stores)('the SharedStore contract: %s', (_name, makeStore) => {
  it('gives back what was set, and nothing once its time to live is over', async () => {
    const store = makeStore();
    await expect(store.get('k')).resolves.toBeNull();
    await store.set('k', 'v1', 150);
    await expect(store.get('k')).resolves.toBe('v1');
    await store.set('k', 'v2', 150);
    await expect(store.get('k')).resolves.toBe('v2');
    await sleep(300);
    await expect(store.get('k')).resolves.toBeNull();
  });

  it('sets a lock only when it is absent, and again once it has expired', async () => {
    const store = makeStore();
    await expect(store.setIfAbsent('lock', 'a', 150)).resolves.toBe(true);
    await expect(store.setIfAbsent('lock', 'b', 150)).resolves.toBe(false);
    await expect(store.get('lock')).resolves.toBe('a');
    await sleep(300);
    await expect(store.setIfAbsent('lock', 'b', 150)).resolves.toBe(true);
  });

  it('writes for the lock owner only (setIfHeld), and lets only the owner release the lock', async () => {
    const store = makeStore();
    await store.setIfAbsent('lock', 'owner', 5_000);
    await expect(store.setIfHeld('lock', 'someone-else', 'value', 'theirs', 5_000)).resolves.toBe(false);
    await expect(store.get('value')).resolves.toBeNull();
    await expect(store.setIfHeld('lock', 'owner', 'value', 'mine', 5_000)).resolves.toBe(true);
    await expect(store.get('value')).resolves.toBe('mine');
    await expect(store.deleteIfEquals('lock', 'someone-else')).resolves.toBe(false);
    await expect(store.deleteIfEquals('lock', 'owner')).resolves.toBe(true);
    await expect(store.setIfHeld('lock', 'owner', 'value', 'late', 5_000)).resolves.toBe(false);
    await expect(store.get('value')).resolves.toBe('mine');
  });

  it('deletes, and answers ping', async () => {
    const store = makeStore();
    await store.set('k', 'v', 5_000);
    await store.delete('k');
    await expect(store.get('k')).resolves.toBeNull();
    await expect(store.ping()).resolves.toBeUndefined();
  });
});

describe('MemoryStore bounds', () => {
  it('drops the oldest caches past its cache bound, and never a security entry', async () => {
    const store = new MemoryStore(3);
    closers.push(() => store.close());
    await store.set('session:revoked:x', '1', 60_000);
    await store.set('grant:chain:x', 'sealed', 60_000);
    for (let i = 0; i < 5; i++) await store.set(`cache:prices:${i}`, String(i), 60_000);
    await expect(store.get('cache:prices:0')).resolves.toBeNull();
    await expect(store.get('cache:prices:1')).resolves.toBeNull();
    await expect(store.get('cache:prices:4')).resolves.toBe('4');
    await expect(store.get('session:revoked:x')).resolves.toBe('1');
    await expect(store.get('grant:chain:x')).resolves.toBe('sealed');
    expect(store.size).toBe(5);
  });
});
