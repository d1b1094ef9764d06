import { describe, expect, it } from 'vitest';
import { startOfBerlinDay } from './berlin-time';
import { intervalsFrom, makeIntervals, makeSeries } from './fixtures';
import { currentInterval, dayStats, intervalsOfDay, isDayPublished, priceLevel, splitByDay } from './stats';

const MIN = 60_000;

describe('currentInterval', () => {
  const intervals = makeIntervals('2026-11-23');
  const start = startOfBerlinDay('2026-11-23');
  it('returns null before the first and after the last interval', () => {
    expect(currentInterval(intervals, start - 1)).toBeNull();
    expect(currentInterval(intervals, start + 24 * 60 * MIN)).toBeNull();
    expect(currentInterval([], start)).toBeNull();
  });
  it('returns null inside a gap', () => {
    const gappy = [...intervalsFrom(start, [1, 2]), ...intervalsFrom(start + 60 * MIN, [3])];
    expect(currentInterval(gappy, start + 40 * MIN)).toBeNull();
  });
  it('includes the start and excludes the end', () => {
    expect(currentInterval(makeSeries(intervals), start + 15 * MIN)?.start).toBe(start + 15 * MIN);
    expect(currentInterval(intervals, start + 15 * MIN - 1)?.start).toBe(start);
    expect(currentInterval(intervals, start + 14 * 60 * MIN + 7 * MIN)?.start).toBe(start + 14 * 60 * MIN);
  });
});

describe('dayStats', () => {
  it('ignores nulls instead of counting them as zero, and counts them', () => {
    const intervals = makeIntervals('2026-11-23', { amount: (i) => (i % 2 === 0 ? null : 20 + (i % 7)) });
    const stats = dayStats(intervals, '2026-11-23');
    expect(stats.nullCount).toBe(48);
    expect(stats.count).toBe(96);
    expect(stats.min?.amount).toBe(20);
    expect(stats.average).toBeGreaterThan(20);
  });
  it('has no min, max or average when the day has no price', () => {
    const stats = dayStats(makeIntervals('2026-11-23', { amount: () => null }), '2026-11-23');
    expect(stats).toMatchObject({ min: null, max: null, average: null, nullCount: 96 });
    expect(dayStats([], '2026-11-24')).toMatchObject({ count: 0, average: null });
  });
  it('picks the earliest interval on ties and handles negative prices', () => {
    const start = startOfBerlinDay('2026-11-23');
    const stats = dayStats(intervalsFrom(start, [5, -2, 7, -2, 7]), '2026-11-23');
    expect(stats.min).toMatchObject({ start: start + 15 * MIN, amount: -2 });
    expect(stats.max).toMatchObject({ start: start + 30 * MIN, amount: 7 });
    expect(stats.average).toBeCloseTo(3);
  });
  it('covers all 100 intervals of the autumn DST day and only that day', () => {
    const intervals = makeIntervals('2026-10-24', { days: 3, amount: (i) => i });
    const stats = dayStats(intervals, '2026-10-25');
    expect(stats.count).toBe(100);
    expect(stats.min?.amount).toBe(96);
    expect(stats.max?.amount).toBe(195);
  });
});

describe('splitByDay', () => {
  it('groups by Berlin date, with 92 intervals on the spring day', () => {
    const days = splitByDay(makeIntervals('2026-03-28', { days: 3 }));
    expect(days.map((d) => [d.date, d.intervals.length])).toEqual([
      ['2026-03-28', 96],
      ['2026-03-29', 92],
      ['2026-03-30', 96],
    ]);
  });
  it('groups hourly plans across the year boundary', () => {
    const days = splitByDay(makeIntervals('2026-12-31', { days: 2, resolution: 'hourly' }));
    expect(days.map((d) => [d.date, d.intervals.length])).toEqual([
      ['2026-12-31', 24],
      ['2027-01-01', 24],
    ]);
    expect(splitByDay([])).toEqual([]);
  });
});

describe('isDayPublished and intervalsOfDay', () => {
  it('treats a day without any interval as unpublished', () => {
    const intervals = makeIntervals('2026-11-23');
    expect(isDayPublished(intervals, '2026-11-23')).toBe(true);
    expect(isDayPublished(intervals, '2026-11-24')).toBe(false);
    expect(intervalsOfDay(intervals, '2026-11-24')).toEqual([]);
  });
});

describe('priceLevel', () => {
  const start = startOfBerlinDay('2026-11-23');
  const stats = dayStats(intervalsFrom(start, [10, 20, 40]), '2026-11-23');
  it('is relative to the spread of the day', () => {
    expect(priceLevel(10, stats)).toBe('low');
    expect(priceLevel(20, stats)).toBe('average');
    expect(priceLevel(39, stats)).toBe('high');
  });
  it('is average on a flat day or without prices', () => {
    expect(priceLevel(5, dayStats(intervalsFrom(start, [5, 5]), '2026-11-23'))).toBe('average');
    expect(priceLevel(5, { min: null, max: null })).toBe('average');
  });
});
