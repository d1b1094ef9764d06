import { describe, expect, it } from 'vitest';
import { endOfBerlinDay, startOfBerlinDay } from './berlin-time';
import {
  compareWindow,
  durationOptions,
  findCheapestWindow,
  normalizeDuration,
  windowStartingAt,
  type WindowDirection,
  type WindowResult,
} from './cheapest-window';
import { intervalsFrom, makeIntervals } from './fixtures';
import type { PriceInterval } from './types';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = startOfBerlinDay('2026-11-23');

function found(result: WindowResult) {
  if (result.kind !== 'found') throw new Error(`expected a window, got ${JSON.stringify(result)}`);
  return result;
}

describe('findCheapestWindow: missing prices are never cheap', () => {
  it('does not span a null price', () => {
    const intervals = intervalsFrom(T0, [10, 1, null, 1, 10, 10, 2, 2]);
    const w = found(findCheapestWindow(intervals, { from: T0, durationMinutes: 30 }));
    expect(w.start).toBe(T0 + 6 * 15 * MIN);
    expect(w.average).toBe(2);
  });
  it('does not span a gap in time, such as an unpublished tomorrow', () => {
    const intervals = [...intervalsFrom(T0, [5, 1]), ...intervalsFrom(T0 + HOUR, [1, 5, 5])];
    const w = found(findCheapestWindow(intervals, { from: T0, durationMinutes: 30 }));
    expect(w.start).toBe(T0); // [5,1] = 3, beats [1,5] = 3 by being earlier; the gap pair [1,1] does not exist
    expect(w.average).toBe(3);
  });
  it('says how much is left when the duration does not fit, rather than returning a partial window', () => {
    const intervals = makeIntervals('2026-11-23');
    const from = T0 + 20 * HOUR + 47 * MIN; // in 20:45–21:00
    expect(findCheapestWindow(intervals, { from, durationMinutes: 240 })).toEqual({
      kind: 'too-long',
      availableMinutes: 195,
    });
  });
  it('measures "available" as the longest priced run, not the sum across gaps', () => {
    const intervals = intervalsFrom(T0, [1, 1, null, 1, 1, 1]);
    expect(findCheapestWindow(intervals, { from: T0, durationMinutes: 90 })).toEqual({
      kind: 'too-long',
      availableMinutes: 45,
    });
  });
  it('reports no prices when everything left is null or nothing is left', () => {
    expect(findCheapestWindow(intervalsFrom(T0, [null, null]), { from: T0, durationMinutes: 15 })).toEqual({
      kind: 'no-prices',
    });
    expect(findCheapestWindow(intervalsFrom(T0, [1, 2]), { from: T0 + HOUR, durationMinutes: 15 })).toEqual({
      kind: 'no-prices',
    });
    expect(findCheapestWindow([], { from: T0, durationMinutes: 15 })).toEqual({ kind: 'no-prices' });
  });
});

describe('findCheapestWindow: candidates', () => {
  it('counts the interval containing `from` as a start and marks it as now', () => {
    const intervals = intervalsFrom(T0, [9, 1, 1, 9]);
    const w = found(findCheapestWindow(intervals, { from: T0 + 20 * MIN, durationMinutes: 30 }));
    expect(w).toMatchObject({ start: T0 + 15 * MIN, end: T0 + 45 * MIN, startsNow: true, intervals: 2 });
  });
  it('ignores intervals that have ended, however cheap', () => {
    const intervals = intervalsFrom(T0, [-50, 9, 8, 9]);
    const w = found(findCheapestWindow(intervals, { from: T0 + 15 * MIN, durationMinutes: 15 }));
    expect(w).toMatchObject({ start: T0 + 30 * MIN, average: 8, startsNow: false });
  });
  it('picks the earliest of equal windows', () => {
    const intervals = intervalsFrom(T0, [5, 2, 3, 9, 3, 2, 9, 2, 3]);
    const w = found(findCheapestWindow(intervals, { from: T0, durationMinutes: 30 }));
    expect(w.start).toBe(T0 + 15 * MIN); // [2,3], [3,2] and [2,3] all average 2,5
    expect(found(findCheapestWindow(intervalsFrom(T0, [4, 4, 4, 4]), { from: T0, durationMinutes: 30 })).start).toBe(
      T0,
    );
  });
  it('picks the earliest of windows that tie only up to floating-point noise', () => {
    const intervals = intervalsFrom(T0, [0.1, 0.2, 0.3, 0.1, 0.2, 0.3, 0.3]);
    const w = found(findCheapestWindow(intervals, { from: T0, durationMinutes: 45 }));
    expect(w.start).toBe(T0);
  });
  it('rounds a duration that is not a multiple of the interval length up', () => {
    const intervals = intervalsFrom(T0, [3, 1, 1, 3, 0, 9]);
    const w = found(findCheapestWindow(intervals, { from: T0, durationMinutes: 20 }));
    expect(w).toMatchObject({ start: T0 + 15 * MIN, end: T0 + 45 * MIN, intervals: 2, average: 1 });
  });
  it('finds negative prices as the cheapest', () => {
    const intervals = intervalsFrom(T0, [2, -1, -4, 0, -3]);
    const w = found(findCheapestWindow(intervals, { from: T0, durationMinutes: 30 }));
    expect(w).toMatchObject({ start: T0 + 15 * MIN, average: -2.5 });
  });
  it('finds the best-paid window for feed-in with direction "highest"', () => {
    const intervals = intervalsFrom(T0, [2, 8, 8, 1, 9, 6]);
    const w = found(findCheapestWindow(intervals, { from: T0, durationMinutes: 30, direction: 'highest' }));
    expect(w).toMatchObject({ start: T0 + 15 * MIN, average: 8 });
  });
});

describe('findCheapestWindow: resolutions and DST days', () => {
  it('plans hourly series in whole hours', () => {
    const intervals = makeIntervals('2026-11-23', {
      resolution: 'hourly',
      amount: (i) => (i === 13 || i === 14 ? 1 : 20),
    });
    const w = found(findCheapestWindow(intervals, { from: T0, durationMinutes: 90 }));
    expect(w).toMatchObject({ start: T0 + 13 * HOUR, end: T0 + 15 * HOUR, intervals: 2, average: 1 });
  });
  it('uses absolute time on the spring day: the quarter after 01:45 is 03:00', () => {
    const day = startOfBerlinDay('2026-03-29');
    const intervals = makeIntervals('2026-03-29', { amount: (i) => (i === 7 || i === 8 ? 0 : 10) });
    expect(intervals).toHaveLength(92);
    const w = found(findCheapestWindow(intervals, { from: day, durationMinutes: 30 }));
    expect(w).toMatchObject({ start: day + 105 * MIN, end: day + 135 * MIN, average: 0 }); // 01:45–03:15 local
  });
  it('sees both repeated hours of the autumn day as different intervals', () => {
    const day = startOfBerlinDay('2026-10-25');
    const intervals = makeIntervals('2026-10-25', { amount: (i) => (i >= 12 && i < 16 ? 1 : 10) });
    expect(intervals).toHaveLength(100);
    const w = found(findCheapestWindow(intervals, { from: day, durationMinutes: 60 }));
    expect(w).toMatchObject({ start: day + 3 * HOUR, end: day + 4 * HOUR }); // 02:00 CET–03:00 CET
  });
  it('may run into the next day when it is published', () => {
    const intervals = makeIntervals('2026-11-23', { days: 2, amount: (i) => (i >= 94 && i < 98 ? 0 : 10) });
    const w = found(findCheapestWindow(intervals, { from: T0 + 20 * HOUR, durationMinutes: 60 }));
    expect(w).toMatchObject({ start: endOfBerlinDay('2026-11-23') - 30 * MIN, average: 0 });
  });
});

// The O(n·k) definition the sliding window must agree with.
function bruteForce(
  intervals: PriceInterval[],
  from: number,
  durationMinutes: number,
  direction: WindowDirection,
): WindowResult {
  const candidates = intervals.filter((i) => i.end > from);
  const head = candidates[0];
  if (!head) return { kind: 'no-prices' };
  if (candidates.every((i) => i.amount === null)) return { kind: 'no-prices' };
  const k = Math.ceil((durationMinutes * MIN) / (head.end - head.start));
  let best: { start: number; score: number; index: number } | null = null;
  let longest = 0;
  for (let s = 0; s < candidates.length; s += 1) {
    let sum = 0;
    let length = 0;
    for (let j = s; j < candidates.length; j += 1) {
      const c = candidates[j]!;
      if (c.amount === null || (j > s && candidates[j - 1]!.end !== c.start)) break;
      length += 1;
      longest = Math.max(longest, c.end - candidates[s]!.start);
      if (length <= k) sum += c.amount;
    }
    if (length >= k) {
      const score = ((direction === 'highest' ? -1 : 1) * sum) / k;
      if (!best || score < best.score - 1e-9) best = { start: candidates[s]!.start, score, index: s };
    }
  }
  if (!best) return { kind: 'too-long', availableMinutes: Math.floor(longest / MIN) };
  const window = candidates.slice(best.index, best.index + k);
  return {
    kind: 'found',
    start: best.start,
    end: window.at(-1)!.end,
    average: window.reduce((a, c) => a + c.amount!, 0) / k,
    intervals: k,
    startsNow: best.start <= from,
  };
}

function random(seed: number) {
  // mulberry32: a reproducible generator so a failure can be replayed.
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('findCheapestWindow agrees with the brute-force definition', () => {
  it('on 500 random series with nulls, gaps, negative prices and ties', () => {
    for (let seed = 1; seed <= 500; seed += 1) {
      const rnd = random(seed);
      const minutes = rnd() < 0.25 ? 60 : 15;
      const n = Math.floor(rnd() * 60);
      const intervals: PriceInterval[] = [];
      let t = T0;
      for (let i = 0; i < n; i += 1) {
        if (rnd() < 0.05) t += minutes * MIN * (1 + Math.floor(rnd() * 3)); // a gap
        const r = rnd();
        // Few distinct values, so ties are common.
        const amount = r < 0.08 ? null : Math.round((rnd() * 8 - 2) * (rnd() < 0.5 ? 1 : 10)) / 4;
        intervals.push({ start: t, end: t + minutes * MIN, amount, components: null });
        t += minutes * MIN;
      }
      const from = T0 + Math.floor(rnd() * n * minutes) * MIN;
      const duration = 1 + Math.floor(rnd() * 8 * minutes);
      const direction: WindowDirection = rnd() < 0.3 ? 'highest' : 'cheapest';
      const expected = bruteForce(intervals, from, duration, direction);
      const actual = findCheapestWindow(intervals, { from, durationMinutes: duration, direction });
      expect({ seed, ...actual }).toEqual({ seed, ...expected });
    }
  });
});

describe('windowStartingAt (running now)', () => {
  const intervals = intervalsFrom(T0, [4, 6, null, 1]);
  it('is null when now has no price, prices run out or a null interrupts', () => {
    expect(windowStartingAt(intervals, { from: T0 + 30 * MIN, durationMinutes: 15 })).toBeNull();
    expect(windowStartingAt(intervals, { from: T0 + 15 * MIN, durationMinutes: 30 })).toBeNull();
    expect(windowStartingAt(intervals, { from: T0 + 45 * MIN, durationMinutes: 30 })).toBeNull();
    expect(windowStartingAt(intervals, { from: T0 - 1, durationMinutes: 15 })).toBeNull();
  });
  it('averages the intervals from the current one on', () => {
    expect(windowStartingAt(intervals, { from: T0 + 5 * MIN, durationMinutes: 30 })).toEqual({
      start: T0,
      end: T0 + 30 * MIN,
      average: 5,
      intervals: 2,
    });
  });
});

describe('compareWindow', () => {
  it('has no percentage against a zero, negative or near-zero reference', () => {
    expect(compareWindow(-2, 0)).toEqual({ ct: 2, percent: null });
    expect(compareWindow(17.12, 0.25, 'highest')).toEqual({ ct: 16.87, percent: null });
    expect(compareWindow(-3, -1)).toEqual({ ct: 2, percent: null });
  });
  it('is null without a reference', () => {
    expect(compareWindow(5, null)).toBeNull();
  });
  it('is positive when the window is cheaper', () => {
    expect(compareWindow(15, 20)).toEqual({ ct: 5, percent: 25 });
    expect(compareWindow(25, 20)).toEqual({ ct: -5, percent: -25 });
  });
  it('is positive when the window pays more, for feed-in', () => {
    expect(compareWindow(10, 8, 'highest')).toEqual({ ct: 2, percent: 25 });
  });
});

describe('durationOptions and normalizeDuration', () => {
  it('offers 15 minutes to 8 hours, whole hours only for hourly plans', () => {
    const quarter = durationOptions('15min');
    expect(quarter.slice(0, 8)).toEqual([15, 30, 45, 60, 75, 90, 105, 120]);
    expect(quarter.slice(8)).toEqual([150, 180, 210, 240, 300, 360, 420, 480]);
    expect(durationOptions('hourly')).toEqual([60, 120, 180, 240, 300, 360, 420, 480]);
  });
  it('rounds up to an offered duration and falls back on garbage', () => {
    expect(normalizeDuration('20', '15min')).toBe(30);
    expect(normalizeDuration('15', 'hourly')).toBe(60);
    expect(normalizeDuration('9999', '15min')).toBe(480);
    expect(normalizeDuration('abc', '15min')).toBe(120);
    expect(normalizeDuration('-5', '15min')).toBe(120);
    expect(normalizeDuration(undefined, 'hourly', 180)).toBe(180);
    expect(normalizeDuration(45, '15min')).toBe(45);
  });
});
