import { describe, expect, it } from 'vitest';

import { intervalsFrom } from './fixtures';
import { intervalAt, intervalIndexAt } from './interval-search';

const T0 = Date.parse('2026-11-23T00:00:00Z');
const MIN = 60_000;

describe('intervalIndexAt', () => {
  const intervals = intervalsFrom(T0, [1, 2, 3, 4, 5]);

  it('finds the interval whose half-open span holds the instant', () => {
    expect(intervalIndexAt(intervals, T0)).toBe(0);
    expect(intervalIndexAt(intervals, T0 + 14 * MIN)).toBe(0);
    expect(intervalIndexAt(intervals, T0 + 15 * MIN)).toBe(1);
    expect(intervalIndexAt(intervals, T0 + 74 * MIN)).toBe(4);
  });

  it('answers -1 before the first, at the end of the last, and for no intervals', () => {
    expect(intervalIndexAt(intervals, T0 - 1)).toBe(-1);
    expect(intervalIndexAt(intervals, T0 + 75 * MIN)).toBe(-1);
    expect(intervalIndexAt([], T0)).toBe(-1);
  });

  it('answers -1 inside a gap between two intervals', () => {
    const gapped = [...intervalsFrom(T0, [1, 2]), ...intervalsFrom(T0 + 60 * MIN, [3])];
    expect(intervalIndexAt(gapped, T0 + 45 * MIN)).toBe(-1);
    expect(intervalIndexAt(gapped, T0 + 60 * MIN)).toBe(2);
  });

  it('agrees with a linear search on every minute of a day', () => {
    const day = intervalsFrom(
      T0,
      Array.from({ length: 96 }, (_, i) => i),
    );
    for (let at = T0 - MIN; at <= T0 + 24 * 60 * MIN; at += MIN) {
      expect(intervalIndexAt(day, at)).toBe(day.findIndex((i) => i.start <= at && at < i.end));
    }
  });
});

describe('intervalAt', () => {
  it('returns the interval itself, or null', () => {
    const intervals = intervalsFrom(T0, [7, null]);
    expect(intervalAt(intervals, T0 + 20 * MIN)).toBe(intervals[1]);
    expect(intervalAt(intervals, T0 + 30 * MIN)).toBeNull();
  });
});
