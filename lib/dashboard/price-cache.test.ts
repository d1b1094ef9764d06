import { describe, expect, it } from 'vitest';

import { startOfBerlinDay } from '@/lib/prices/berlin-time';
import { intervalsFrom, makeIntervals, makeSeries } from '@/lib/prices/fixtures';

import { isFinal, PriceCache } from './price-cache';

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

describe('PriceCache', () => {
  const series = makeSeries(intervalsFrom(startOfBerlinDay('2026-11-23'), [20, 21, 22, 23]));

  it('never serves one connection what another one fetched', () => {
    const cache = new PriceCache();
    cache.set(PriceCache.key('grant-a', 'sub_1', '2026-11-23', '2026-11-24'), series);
    expect(cache.get(PriceCache.key('grant-b', 'sub_1', '2026-11-23', '2026-11-24'))).toBeUndefined();
    expect(cache.get(PriceCache.key('grant-a', 'sub_1', '2026-11-23', '2026-11-24'))).toBe(series);
  });

  it('forgets entries after their lifetime', () => {
    let now = 0;
    const cache = new PriceCache(10, 1_000, () => now);
    cache.set('k', series);
    now = 999;
    expect(cache.get('k')).toBe(series);
    now = 2_000;
    expect(cache.get('k')).toBeUndefined();
  });

  it('evicts the least recently used entry beyond its capacity', () => {
    const cache = new PriceCache(2);
    cache.set('a', series);
    cache.set('b', series);
    cache.get('a');
    cache.set('c', series);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(series);
    expect(cache.size).toBe(2);
  });
});
