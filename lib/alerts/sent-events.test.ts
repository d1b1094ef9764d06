import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { createClient } from 'redis';
import { afterAll, describe, expect, inject, it } from 'vitest';

import type { DurableStore } from '@/lib/store/durable-store';
import { RedisDurableStore } from '@/lib/store/redis-durable-store';
import { SqliteDurableStore } from '@/lib/store/sqlite-durable-store';

import { createSentEvents, SENT_EVENT_PREFIX, SENT_EVENT_TTL_MS, sentEventKey } from './sent-events';

const folders: string[] = [];
const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const clock = { now: Date.parse('2026-11-24T13:20:00Z') };

function sqliteStore() {
  const folder = mkdtempSync(path.join(tmpdir(), 'sent-events-test-'));
  folders.push(folder);
  const store = new SqliteDurableStore({ dataDir: path.join(folder, 'data'), now: () => clock.now });
  closers.push(() => store.close());
  return store;
}

let prefixes = 0;
const redisPrefix = () => `sent-events-test-${process.pid}-${++prefixes}:`;
function redisStore(keyPrefix = redisPrefix()) {
  const store = new RedisDurableStore({ url: inject('redisUrl'), keyPrefix });
  closers.push(() => store.close());
  return store;
}

const stores: [string, () => DurableStore][] = [
  ['SQLite', sqliteStore],
  ['Redis', () => redisStore()],
];

describe.each(stores)('sent events on %s', (_name, makeStore) => {
  it('lets exactly one of 20 concurrent claims of an event win', async () => {
    const events = createSentEvents(makeStore());
    const claims = await Promise.all(
      Array.from({ length: 20 }, () => events.claim('owner-a', 'window:dishwasher:2026-11-25T02:00:00.000Z')),
    );
    expect(claims.filter((claim) => claim !== null)).toHaveLength(1);
    // And later ones lose too.
    await expect(events.claim('owner-a', 'window:dishwasher:2026-11-25T02:00:00.000Z')).resolves.toBeNull();
  });

  it('keeps events and customers apart', async () => {
    const events = createSentEvents(makeStore());
    expect(await events.claim('owner-a', 'published:2026-11-25')).not.toBeNull();
    expect(await events.claim('owner-a', 'published:2026-11-26')).not.toBeNull();
    expect(await events.claim('owner-b', 'published:2026-11-25')).not.toBeNull();
  });

  it('stores the claim under a hash, owned by the customer, so forgetting the customer forgets it', async () => {
    const store = makeStore();
    const events = createSentEvents(store);
    const claim = await events.claim('owner-a', 'published:2026-11-25');
    expect(claim?.key).toBe(sentEventKey('owner-a', 'published:2026-11-25'));
    const [record, ...more] = await store.listByOwner('owner-a');
    expect(more).toEqual([]);
    expect(record?.key.startsWith(SENT_EVENT_PREFIX)).toBe(true);
    expect(record?.key).not.toContain('published');
    expect(record?.key).not.toContain('owner-a');
    expect(await store.deleteOwner('owner-a')).toBe(1);
    expect(await events.claim('owner-a', 'published:2026-11-25')).not.toBeNull();
  });

  it('gives a claim back for a retry, but never someone else’s newer claim', async () => {
    const events = createSentEvents(makeStore());
    const first = (await events.claim('owner-a', 'below:2026-11-24:2026-11-24T12:00:00.000Z'))!;
    expect(await events.release(first)).toBe(true);
    const second = await events.claim('owner-a', 'below:2026-11-24:2026-11-24T12:00:00.000Z');
    expect(second).not.toBeNull();
    // A stale release (the first claimant, again) leaves the second claim in place.
    expect(await events.release(first)).toBe(false);
    await expect(events.claim('owner-a', 'below:2026-11-24:2026-11-24T12:00:00.000Z')).resolves.toBeNull();
  });
});

describe('how long a claim is kept', () => {
  it('SQLite: a few days, then the event could be claimed again', async () => {
    const events = createSentEvents(sqliteStore());
    expect(await events.claim('owner-a', 'published:2026-11-25')).not.toBeNull();
    clock.now += SENT_EVENT_TTL_MS - 1000;
    expect(await events.claim('owner-a', 'published:2026-11-25')).toBeNull();
    clock.now += 2000;
    expect(await events.claim('owner-a', 'published:2026-11-25')).not.toBeNull();
  });

  it('Redis: the record carries the same time to live', async () => {
    const prefix = redisPrefix();
    const events = createSentEvents(redisStore(prefix));
    const claim = (await events.claim('owner-a', 'published:2026-11-25'))!;
    const client = createClient({ url: inject('redisUrl') });
    await client.connect();
    try {
      const ttl = await client.pTTL(`${prefix}durable:r:${claim.key}`);
      expect(ttl).toBeGreaterThan(SENT_EVENT_TTL_MS - 60_000);
      expect(ttl).toBeLessThanOrEqual(SENT_EVENT_TTL_MS);
    } finally {
      await client.close();
    }
  });
});
