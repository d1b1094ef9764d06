import { describe, expect, it } from 'vitest';

import { formatFor } from '@/lib/i18n/format';
import { makeIntervals } from '@/lib/prices/fixtures';

import { costRows, dayCost, periodSummary } from './cost';
import { makeUsage } from './fixtures';

const DAY = '2026-11-20';

describe('cost of a day', () => {
  it('leaves a quarter-hour without a meter value out instead of counting it as zero', () => {
    const usage = makeUsage(DAY, (i) => (i === 10 ? null : 0.25));
    const { day, rows } = dayCost(usage, makeIntervals(DAY, { amount: () => 40 }), DAY);
    expect(rows[10]).toMatchObject({ kwh: null, costCt: null });
    expect(day.metered).toBe(95);
    expect(day.energyKwh).toBeCloseTo(95 * 0.25);
    expect(day.final).toBe(false);
    // The average paid is over the metered energy only, so a gap does not pull it down.
    expect(day.paidAverage).toBeCloseTo(40);
  });

  it('leaves a null price out of the cost and the paid average, and counts it', () => {
    const prices = makeIntervals(DAY, { amount: (i) => (i < 4 ? null : 30) });
    const { day } = dayCost(
      makeUsage(DAY, () => 1),
      prices,
      DAY,
    );
    expect(day.unpriced).toBe(4);
    expect(day.energyKwh).toBeCloseTo(96);
    expect(day.pricedKwh).toBeCloseTo(92);
    expect(day.costCt).toBeCloseTo(92 * 30);
    expect(day.paidAverage).toBeCloseTo(30);
  });

  it('has no averages on a day without usage, rather than 0 ct', () => {
    const { day } = dayCost([], makeIntervals(DAY), DAY);
    expect(day.metered).toBe(0);
    expect(day.paidAverage).toBeNull();
    expect(day.differencePercent).toBeNull();
  });

  it('counts 92 quarter-hours on the spring DST day and 100 on the autumn one', () => {
    expect(costRows(makeUsage('2026-03-29'), makeIntervals('2026-03-29'), '2026-03-29')).toHaveLength(92);
    const autumn = dayCost(
      makeUsage('2026-10-25', () => 0.5),
      makeIntervals('2026-10-25', { amount: () => 20 }),
      '2026-10-25',
    );
    expect(autumn.rows).toHaveLength(100);
    expect(autumn.day.energyKwh).toBeCloseTo(50);
    expect(autumn.day.costCt).toBeCloseTo(1000);
  });

  it('applies an hourly price to each of its four quarter-hours', () => {
    const prices = makeIntervals(DAY, { resolution: 'hourly', amount: (i) => i });
    const rows = costRows(
      makeUsage(DAY, () => 1),
      prices,
      DAY,
    );
    expect(rows.slice(4, 8).map((row) => row.price)).toEqual([1, 1, 1, 1]);
    expect(rows[95]?.price).toBe(23);
  });

  it('weights the paid average by energy and compares it with the plain average', () => {
    // 10 ct for the first half of the day, 30 ct for the second; three times the energy in the cheap half.
    const prices = makeIntervals(DAY, { amount: (i) => (i < 48 ? 10 : 30) });
    const { day } = dayCost(
      makeUsage(DAY, (i) => (i < 48 ? 3 : 1)),
      prices,
      DAY,
    );
    expect(day.plainAverage).toBeCloseTo(20);
    expect(day.paidAverage).toBeCloseTo((48 * 3 * 10 + 48 * 30) / (48 * 4));
    expect(day.differencePercent).toBeCloseTo(-25);
  });

  it('rounds to the cent only at display, not per quarter-hour', () => {
    // 0,004 ct per quarter-hour rounds to 0 each, but 96 of them are 0,384 ct.
    const { day } = dayCost(
      makeUsage(DAY, () => 0.0002),
      makeIntervals(DAY, { amount: () => 20 }),
      DAY,
    );
    expect(day.costCt).toBeCloseTo(0.384);
    const { day: big } = dayCost(
      makeUsage(DAY, () => 0.1234),
      makeIntervals(DAY, { amount: () => 33.33 }),
      DAY,
    );
    expect(formatFor('de').euro(big.costCt)).toBe('3,95\u00a0€');
    expect(formatFor('en').euro(big.costCt)).toBe('€3.95');
  });

  it('treats feed-in the same way: energy fed in times payout is the earnings', () => {
    const payout = makeIntervals(DAY, { amount: (i) => (i >= 40 && i < 56 ? 8 : 0) });
    const sun = makeUsage(DAY, (i) => (i >= 40 && i < 56 ? 2 : 0));
    const { day } = dayCost(sun, payout, DAY);
    expect(day.costCt).toBeCloseTo(16 * 2 * 8);
    expect(day.paidAverage).toBeCloseTo(8);
    expect(day.differencePercent).toBeGreaterThan(0);
  });
});

describe('period summary', () => {
  it('sums the days and keeps days without usage as days without usage', () => {
    const usage = [...makeUsage('2026-11-01', () => 1), ...makeUsage('2026-11-03', () => 2)];
    const summary = periodSummary(
      usage,
      makeIntervals('2026-11-01', { days: 3, amount: () => 25 }),
      '2026-11-01',
      '2026-11-03',
    );
    expect(summary.days.map((day) => day.metered)).toEqual([96, 0, 96]);
    expect(summary.daysWithUsage).toBe(2);
    expect(summary.energyKwh).toBeCloseTo(288);
    expect(summary.costCt).toBeCloseTo(288 * 25);
    expect(summary.paidAverage).toBeCloseTo(25);
  });

  it('gives each day exactly the figures of that day alone, across DST and with readings outside the period', () => {
    // 2026-10-25 has 100 quarter-hours; readings and prices reach a day beyond each end.
    const dates = ['2026-10-23', '2026-10-24', '2026-10-25', '2026-10-26', '2026-10-27'];
    const usage = dates.flatMap((date, d) => makeUsage(date, (i) => (i % 7 === 3 ? null : 0.05 * ((i + d) % 9))));
    const prices = makeIntervals('2026-10-23', {
      days: 5,
      resolution: 'hourly',
      amount: (i) => (i % 11 === 5 ? null : 10 + (i % 13)),
    });
    const summary = periodSummary(usage, prices, '2026-10-24', '2026-10-26');
    expect(summary.days.map((day) => day.slots)).toEqual([96, 100, 96]);
    expect(summary.days).toEqual(
      ['2026-10-24', '2026-10-25', '2026-10-26'].map((date) => dayCost(usage, prices, date).day),
    );
  });
});
