import { describe, expect, it } from 'vitest';

import { startOfBerlinDay } from './berlin-time';
import { barsPath, missingSpans, priceChartGeometry, pricedRuns, spansPath, stackedParts } from './chart-geometry';
import { makeIntervals } from './fixtures';

const DAY = '2026-11-23';
const HOUR = 3_600_000;
const count = (d: string, command: string) => d.split(command).length - 1;

function geometry(options: Partial<Parameters<typeof priceChartGeometry>[0]> = {}) {
  const result = priceChartGeometry({
    intervals: makeIntervals(DAY),
    days: [DAY],
    now: null,
    view: 'total',
    ...options,
  });
  if (!result) throw new Error('no geometry');
  return result;
}

describe('priceChartGeometry', () => {
  it('draws a flat day as one line with a single step command, whatever the number of intervals', () => {
    const g = geometry();
    expect(g.line).toBe(`M0,${g.ticks.find((t) => t.value === 10)?.y}V${g.ticks.find((t) => t.value === 10)?.y}h1000`);
    expect(g.area.startsWith(`M0,${g.zero}`)).toBe(true);
    expect(g.area.endsWith(`V${g.zero}Z`)).toBe(true);
  });

  it('breaks the line and the area at a missing price and at a time gap', () => {
    const intervals = makeIntervals(DAY, { amount: (i) => (i === 50 ? null : 10 + (i % 3)) });
    const withGap = intervals.filter((_, i) => i !== 70);
    const g = geometry({ intervals: withGap });
    expect(count(g.line, 'M')).toBe(3);
    expect(count(g.area, 'Z')).toBe(3);
    expect(missingSpans(withGap, g.from, g.to)).toHaveLength(2);
    expect(pricedRuns(withGap)).toHaveLength(3);
  });

  it('hatches an unpublished day as one gap and says which day is empty', () => {
    const g = geometry({ days: [DAY, '2026-11-24'] });
    expect(g.gaps).toBe('M500,0H1000V300H500Z');
    expect(g.days.map((d) => [d.left, d.width, d.empty])).toEqual([
      [0, 50, false],
      [50, 50, true],
    ]);
    expect(g.dayLines).toBe('M500,0V300');
  });

  it('stacks the components from zero, a negative part below it', () => {
    const [interval] = makeIntervals(DAY, { amount: () => 8 });
    expect(interval).toBeDefined();
    // electricity = amount - 15 = -7, grid 10, levies 5 (see fixtures).
    expect(stackedParts(interval!)).toEqual({
      electricity: { low: -7, high: 0 },
      grid: { low: 0, high: 10 },
      levies: { low: 10, high: 15 },
    });
    const g = geometry({ intervals: makeIntervals(DAY, { amount: () => 8 }), view: 'components' });
    expect(g.scale.min).toBeLessThanOrEqual(-7);
    expect(g.scale.max).toBeGreaterThanOrEqual(15);
    for (const part of ['electricity', 'grid', 'levies'] as const) expect(count(g.parts[part], 'Z')).toBe(1);
    expect(geometry().parts.grid).toBe('');
  });

  it('ticks every full hour, a full-height line every six, and labels every three hours', () => {
    const g = geometry({ days: [DAY, '2026-11-24'] });
    expect(count(g.hourTicks, 'M')).toBe(48);
    expect(count(g.hourTicks, ',0V')).toBe(8);
    expect(g.hourLabels.map((l) => l.hour)).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 0, 3, 6, 9, 12, 15, 18, 21]);
  });

  it('has 25 hours on the autumn DST day, the repeated 02:00 included', () => {
    const g = geometry({ intervals: makeIntervals('2026-10-25'), days: ['2026-10-25'] });
    expect(count(g.hourTicks, 'M')).toBe(25);
    expect(g.hourLabels.map((l) => l.hour)).toEqual([0, 3, 6, 9, 12, 15, 18, 21]);
  });

  it('finds now and the current interval through the shared search, and nothing for a past day', () => {
    const now = startOfBerlinDay(DAY) + 14 * HOUR + 20 * 60_000;
    const g = geometry({ now });
    expect(g.current?.start).toBe(startOfBerlinDay(DAY) + 14 * HOUR + 15 * 60_000);
    expect(g.now?.left).toBeCloseTo(((14 + 1 / 3) / 24) * 100, 1);
    expect(geometry({ now: startOfBerlinDay('2026-11-25') }).now).toBeNull();
    expect(geometry().current).toBeNull();
  });

  it('puts each price tick on its grid line and finds the cheapest and dearest interval', () => {
    const g = geometry({ intervals: makeIntervals(DAY, { amount: (i) => (i === 3 ? -5 : i === 90 ? 40 : 10) }) });
    expect(g.ticks.find((t) => t.value === 0)?.y).toBe(g.zero);
    expect(g.low?.amount).toBe(-5);
    expect(g.high?.amount).toBe(40);
  });

  it('has nothing to draw without days', () => {
    expect(priceChartGeometry({ intervals: [], days: [], now: null, view: 'total' })).toBeNull();
  });
});

describe('barsPath and spansPath', () => {
  const x = (ms: number) => ms;
  const y = (value: number) => 100 - value;

  it('draws adjacent bars as one shape and starts another after a missing value', () => {
    const items = [
      { start: 0, end: 10, value: 5 },
      { start: 10, end: 20, value: 5 },
      { start: 20, end: 30, value: null },
      { start: 30, end: 40, value: -2 },
    ];
    expect(barsPath(items, x, y)).toBe('M0,95V95h20V100h-20ZM30,100V100h10V102h-10Z');
  });

  it('merges touching spans into one rectangle', () => {
    expect(
      spansPath(
        [
          { start: 0, end: 10 },
          { start: 10, end: 20 },
          { start: 30, end: 40 },
        ],
        x,
        50,
      ),
    ).toBe('M0,0H20V50H0ZM30,0H40V50H30Z');
  });
});
