import { describe, expect, it } from 'vitest';

import { compareWindow, findCheapestWindow } from './cheapest-window';
import { makeIntervals, makeSeries } from './fixtures';
import { loadDuration, loadWindows } from './load-windows';
import { dayStats } from './stats';

const HOUR = 3_600_000;
const dishwasher = { id: 'dishwasher', durationMinutes: 120, latestFinish: '07:00' };

// Two days from 23 Nov 2026: 30 ct, cheap (12 ct) from 02:00 to 05:00 and 10 ct from 13:00 to 15:00 on the first day.
const prices = makeSeries(
  makeIntervals('2026-11-23', {
    days: 2,
    amount: (i) => (i < 96 && i >= 8 && i < 20 ? 12 : i < 96 && i >= 52 && i < 60 ? 10 : 30 - (i % 7) / 10),
  }),
);

describe('loadDuration', () => {
  it('snaps as the dashboard does, and keeps what the dashboard cannot show', () => {
    expect(loadDuration(135, '15min')).toBe(150);
    expect(loadDuration(90, 'hourly')).toBe(120);
    expect(loadDuration(120, '15min')).toBe(120);
    expect(loadDuration(600, '15min')).toBe(600);
  });
});

describe('loadWindows', () => {
  it('finds nothing without prices, and nothing for a deadline already past', () => {
    expect(loadWindows({ series: makeSeries([]), kind: 'consumption', loads: [dishwasher], now: 0 })).toEqual([]);
    // On the second evening, tomorrow unpublished: the next 07:00 has no prices left before it.
    const now = Date.parse('2026-11-24T22:00:00Z');
    expect(loadWindows({ series: prices, kind: 'consumption', loads: [dishwasher], now })).toEqual([]);
  });

  it('gives each deadline ahead the window findCheapestWindow finds in the 24 hours before it, from now on', () => {
    const now = Date.parse('2026-11-23T04:10:00Z'); // 05:10 in Berlin: the cheap night is over
    const windows = loadWindows({ series: prices, kind: 'consumption', loads: [dishwasher], now });
    const deadlines = ['2026-11-23T06:00:00Z', '2026-11-24T06:00:00Z', '2026-11-25T06:00:00Z'].map(Date.parse);
    const expected = deadlines.flatMap((deadline) => {
      const intervals = prices.intervals.filter((i) => i.start >= deadline - 24 * HOUR && i.end <= deadline);
      const result = findCheapestWindow(intervals, { from: now, durationMinutes: 120 });
      return result.kind === 'found'
        ? [{ deadline, start: result.start, end: result.end, average: result.average }]
        : [];
    });
    expect(expected).toHaveLength(3);
    expect(windows.map((w) => ({ deadline: w.latestFinish, start: w.start, end: w.end, average: w.average }))).toEqual(
      expected,
    );
    // The interval containing now is a candidate start, as on the dashboard: 05:00–07:00.
    expect(windows[0]?.start).toBe(Date.parse('2026-11-23T04:00:00Z'));
    // The afternoon's 10 ct, compared with the day's average as the dashboard compares it.
    expect(windows[1]).toMatchObject({ start: Date.parse('2026-11-23T12:00:00Z'), average: 10, complete: true });
    const average = dayStats(prices.intervals, '2026-11-23').average;
    expect(windows[1]?.vsDay).toEqual(compareWindow(10, average));
    // The third deadline's 24 hours run past the published prices: found, but not final.
    expect(windows[2]?.complete).toBe(false);
  });

  it('keeps the window that is running until it ends, instead of moving it along with now', () => {
    // 03:20 in Berlin, inside the night's cheap 02:00–05:00: from now, 03:15–05:15 would be found.
    const now = Date.parse('2026-11-23T02:20:00Z');
    const [running] = loadWindows({ series: prices, kind: 'consumption', loads: [dishwasher], now });
    expect(running).toMatchObject({
      start: Date.parse('2026-11-23T01:00:00Z'),
      end: Date.parse('2026-11-23T03:00:00Z'),
    });
    const fromNow = findCheapestWindow(
      prices.intervals.filter((i) => i.end <= Date.parse('2026-11-23T06:00:00Z')),
      { from: now, durationMinutes: 120 },
    );
    expect(fromNow).toMatchObject({ kind: 'found', start: Date.parse('2026-11-23T02:15:00Z') });
    // Once it has ended, the search starts from now again.
    const after = Date.parse('2026-11-23T03:00:00Z');
    const [next] = loadWindows({ series: prices, kind: 'consumption', loads: [dishwasher], now: after });
    expect(next).toMatchObject({
      start: Date.parse('2026-11-23T03:00:00Z'),
      latestFinish: Date.parse('2026-11-23T06:00:00Z'),
    });
  });

  it('searches the best-paid window for feed-in', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    const [first] = loadWindows({ series: prices, kind: 'feed_in', loads: [dishwasher], now });
    const intervals = prices.intervals.filter((i) => i.end <= Date.parse('2026-11-24T06:00:00Z'));
    const best = findCheapestWindow(intervals, { from: now, durationMinutes: 120, direction: 'highest' });
    expect(best.kind).toBe('found');
    expect(first).toMatchObject(best.kind === 'found' ? { start: best.start, end: best.end } : {});
  });

  it('covers the 25 hours before a deadline on the autumn DST day, the repeated hour included', () => {
    // 25 Oct 2026 has 100 quarter-hours; the second 02:00–03:00 (CET, 01:00–02:00 UTC) is the cheapest.
    const series = makeSeries(
      makeIntervals('2026-10-24', {
        days: 2,
        amount: (_i, start) =>
          start >= Date.parse('2026-10-25T01:00:00Z') && start < Date.parse('2026-10-25T02:00:00Z') ? 5 : 20,
      }),
    );
    const now = Date.parse('2026-10-24T06:30:00Z'); // 08:30 CEST on the 24th
    const windows = loadWindows({
      series,
      kind: 'consumption',
      loads: [{ id: 'ev', durationMinutes: 60, latestFinish: '07:00' }],
      now,
    });
    expect(windows[0]).toMatchObject({
      latestFinish: Date.parse('2026-10-25T06:00:00Z'), // 07:00 CET
      start: Date.parse('2026-10-25T01:00:00Z'),
      end: Date.parse('2026-10-25T02:00:00Z'),
      average: 5,
      complete: true,
    });
    expect(windows[0]!.latestFinish - Date.parse('2026-10-24T05:00:00Z')).toBe(25 * HOUR);
  });

  it('sorts the windows of several loads by start', () => {
    const now = Date.parse('2026-11-23T00:00:00Z');
    const windows = loadWindows({
      series: prices,
      kind: 'consumption',
      loads: [dishwasher, { id: 'ev', durationMinutes: 60, latestFinish: '18:00' }],
      now,
    });
    expect(windows.map((w) => w.start)).toEqual([...windows.map((w) => w.start)].sort((a, b) => a - b));
    expect(new Set(windows.map((w) => w.loadId))).toEqual(new Set(['dishwasher', 'ev']));
  });
});
