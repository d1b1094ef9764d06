import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, describe, expect, inject, it } from 'vitest';

import { startOfBerlinDay } from '@/lib/prices/berlin-time';
import { intervalsFrom, makeIntervals, makeSeries } from '@/lib/prices/fixtures';

import { createSealer } from '@/lib/auth/session/cookies';
import { MemoryStore } from '@/lib/store/memory-store';
import { RedisStore } from '@/lib/store/redis-store';

import { isFinal, PriceCache } from './price-cache';

const redisStores: RedisStore[] = [];
let prefixes = 0;
function openRedis() {
  const store = new RedisStore({ url: inject('redisUrl'), keyPrefix: `prices-test-${process.pid}-${++prefixes}:` });
  redisStores.push(store);
  return store;
}
afterAll(() => Promise.all(redisStores.map((store) => store.close())));

describe('isFinal', () => {
  it('is not final while tomorrow is unpublished', () => {
    const today = makeSeries(makeIntervals('2026-11-23'));
    expect(isFinal(today, '2026-11-23', '2026-11-24')).toBe(false);
  });

  it('is not final when an amount is missing', () => {
    const series = makeSeries(makeIntervals('2026-11-23', { amount: (i) => (i === 40 ? null : 20) }));
    expect(isFinal(series, '2026-11-23', '2026-11-23')).toBe(false);
  });

  it('is final when both days are complete, counting DST days right', () => {
    const spring = makeSeries(makeIntervals('2026-03-29', { days: 2 }));
    expect(isFinal(spring, '2026-03-29', '2026-03-30')).toBe(true);
    const autumnShort = makeSeries(intervalsFrom(startOfBerlinDay('2026-10-25'), Array(96).fill(20)));
    expect(isFinal(autumnShort, '2026-10-25', '2026-10-25')).toBe(false);
  });
});

describe.each([
  ['memory store', () => new MemoryStore()],
  ['Redis store', () => openRedis()],
] as const)('PriceCache with the %s', (_name, makeStore) => {
  const series = makeSeries(intervalsFrom(startOfBerlinDay('2026-11-23'), [20, 21, 22, 23]));
  const sealer = createSealer(['p'.repeat(32)]);

  it('never serves one connection what another one fetched', async () => {
    const cache = new PriceCache(makeStore(), sealer);
    await cache.set('grant-a', 'sub_1', '2026-11-23', '2026-11-24', series);
    await expect(cache.get('grant-b', 'sub_1', '2026-11-23', '2026-11-24')).resolves.toBeUndefined();
    await expect(cache.get('grant-a', 'sub_2', '2026-11-23', '2026-11-24')).resolves.toBeUndefined();
    await expect(cache.get('grant-a', 'sub_1', '2026-11-23', '2026-11-24')).resolves.toEqual(series);
  });

  it('opens a seal once: a value read again is not decrypted again, a new one is', async () => {
    let unsealed = 0;
    const counting = { ...sealer, unseal: (seal: string, ttl: number) => (unsealed++, sealer.unseal(seal, ttl)) };
    const cache = new PriceCache(makeStore(), counting);
    await cache.set('grant-a', 'sub_1', '2026-11-23', '2026-11-24', series);
    for (let i = 0; i < 3; i++) {
      await expect(cache.get('grant-a', 'sub_1', '2026-11-23', '2026-11-24')).resolves.toEqual(series);
    }
    expect(unsealed).toBe(1);
    const other = makeSeries(intervalsFrom(startOfBerlinDay('2026-11-23'), [30, 31, 32, 33]));
    await cache.set('grant-a', 'sub_1', '2026-11-23', '2026-11-24', other);
    const beforeRead = unsealed;
    await expect(cache.get('grant-a', 'sub_1', '2026-11-23', '2026-11-24')).resolves.toEqual(other);
    expect(unsealed).toBe(beforeRead + 1);
  });

  it('forgets entries after their lifetime', async () => {
    const cache = new PriceCache(makeStore(), sealer, 40, 150);
    await cache.set('grant-a', 'sub_1', '2026-11-23', '2026-11-24', series);
    await expect(cache.get('grant-a', 'sub_1', '2026-11-23', '2026-11-24')).resolves.toEqual(series);
    await sleep(300);
    await expect(cache.get('grant-a', 'sub_1', '2026-11-23', '2026-11-24')).resolves.toBeUndefined();
  });

  it('keeps at most its capacity per connection, dropping the oldest first', async () => {
    const cache = new PriceCache(makeStore(), sealer, 2);
    await cache.set('grant-a', 'sub_1', '2026-11-01', '2026-11-02', series);
    await cache.set('grant-a', 'sub_1', '2026-11-02', '2026-11-03', series);
    await cache.set('grant-a', 'sub_1', '2026-11-03', '2026-11-04', series);
    await expect(cache.get('grant-a', 'sub_1', '2026-11-01', '2026-11-02')).resolves.toBeUndefined();
    await expect(cache.get('grant-a', 'sub_1', '2026-11-03', '2026-11-04')).resolves.toEqual(series);
  });

  it('forgets everything of a connection on clear, and nothing of another', async () => {
    const cache = new PriceCache(makeStore(), sealer);
    await cache.set('grant-a', 'sub_1', '2026-11-23', '2026-11-24', series);
    await cache.set('grant-b', 'sub_1', '2026-11-23', '2026-11-24', series);
    await cache.clear('grant-a');
    await expect(cache.get('grant-a', 'sub_1', '2026-11-23', '2026-11-24')).resolves.toBeUndefined();
    await expect(cache.get('grant-b', 'sub_1', '2026-11-23', '2026-11-24')).resolves.toEqual(series);
  });
});

describe('PriceCache when the store is down', () => {
  it('misses instead of failing the page', async () => {
    const cache = new PriceCache(new RedisStore({ url: 'redis://127.0.0.1:1' }), createSealer(['p'.repeat(32)]));
    const series = makeSeries(intervalsFrom(startOfBerlinDay('2026-11-23'), [20]));
    await expect(cache.set('grant-a', 'sub_1', '2026-11-23', '2026-11-23', series)).resolves.toBeUndefined();
    await expect(cache.get('grant-a', 'sub_1', '2026-11-23', '2026-11-23')).resolves.toBeUndefined();
  });
});
