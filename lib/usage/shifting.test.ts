import { describe, expect, it } from 'vitest';

import { makeIntervals } from '@/lib/prices/fixtures';

import { costRows } from './cost';
import { makeUsage } from './fixtures';
import { normalizeShiftablePercent, shiftingSavings } from './shifting';

const DAY = '2026-11-20';

describe('shiftingSavings', () => {
  it('has no answer for a day without priced energy', () => {
    expect(shiftingSavings(costRows([], makeIntervals(DAY), DAY), 30)).toBeNull();
    expect(shiftingSavings(costRows(makeUsage(DAY), makeIntervals(DAY, { amount: () => null }), DAY), 30)).toBeNull();
  });

  it('never uses a missing price as the cheapest one', () => {
    const prices = makeIntervals(DAY, { amount: (i) => (i < 10 ? null : 20 + (i % 2)) });
    const result = shiftingSavings(
      costRows(
        makeUsage(DAY, () => 1),
        prices,
        DAY,
      ),
      30,
    );
    expect(result?.cheapestAverage).toBeCloseTo(20);
  });

  it('saves nothing on a flat price', () => {
    const result = shiftingSavings(costRows(makeUsage(DAY), makeIntervals(DAY, { amount: () => 25 }), DAY), 30);
    expect(result?.savingsCt).toBeCloseTo(0);
  });

  it('moves the share of the energy into the same share of the cheapest quarter-hours', () => {
    // Prices 0..95 ct, 1 kWh every quarter-hour: 30 % is 28.8 kWh into the 29 cheapest (0..28 ct, mean 14).
    const rows = costRows(
      makeUsage(DAY, () => 1),
      makeIntervals(DAY, { amount: (i) => i }),
      DAY,
    );
    const result = shiftingSavings(rows, 30);
    expect(result).toMatchObject({ cheapestSlots: 29, cheapestAverage: 14 });
    const actual = (95 * 96) / 2;
    expect(result?.actualCostCt).toBeCloseTo(actual);
    expect(result?.shiftedKwh).toBeCloseTo(28.8);
    expect(result?.savingsCt).toBeCloseTo(actual - (0.7 * actual + 28.8 * 14));
  });

  it('shows no saving for a household that already runs in the cheapest hours', () => {
    const prices = makeIntervals(DAY, { amount: (i) => (i < 10 ? 5 : 40) });
    const rows = costRows(
      makeUsage(DAY, (i) => (i < 10 ? 5 : 0)),
      prices,
      DAY,
    );
    expect(shiftingSavings(rows, 30)?.savingsCt).toBeLessThanOrEqual(1e-9);
  });

  it('spreads over the 92 quarter-hours of the spring DST day', () => {
    const date = '2026-03-29';
    const rows = costRows(
      makeUsage(date, () => 1),
      makeIntervals(date, { amount: (i) => i }),
      date,
    );
    expect(shiftingSavings(rows, 50)?.cheapestSlots).toBe(46);
  });
});

describe('normalizeShiftablePercent', () => {
  it('falls back to 30 % for anything but an offered share', () => {
    expect(normalizeShiftablePercent('abc')).toBe(30);
    expect(normalizeShiftablePercent('35')).toBe(30);
    expect(normalizeShiftablePercent(undefined)).toBe(30);
    expect(normalizeShiftablePercent('50')).toBe(50);
  });
});
