import { describe, expect, it } from 'vitest';
import { addDays } from '../berlin-time';
import { dayPrices, type PlanPricing } from './model';

const plan: PlanPricing = {
  id: 'plan_dynamic_15min',
  type: 'consumption',
  resolution: '15min',
  timeVariableGrid: true,
};

describe('price model', () => {
  it('is deterministic per plan and day, and differs between days', () => {
    expect(dayPrices(plan, '2026-05-10')).toEqual(dayPrices(plan, '2026-05-10'));
    expect(dayPrices(plan, '2026-05-10')).not.toEqual(dayPrices(plan, '2026-05-11'));
  });

  it('stays in a plausible German retail range over a year', () => {
    const amounts: number[] = [];
    for (let day = '2025-10-01'; day < '2026-10-01'; day = addDays(day, 1)) {
      amounts.push(...dayPrices(plan, day).map((p) => p.amount ?? 0));
    }
    const mean = amounts.reduce((a, b) => a + b, 0) / amounts.length;
    expect(mean).toBeGreaterThan(25);
    expect(mean).toBeLessThan(40);
    expect(Math.min(...amounts)).toBeGreaterThan(-60);
    expect(Math.max(...amounts)).toBeLessThan(150);
  });

  it('sometimes goes negative at midday in spring and summer, never in winter', () => {
    const negativeElectricity = (from: string, days: number) => {
      let hours = 0;
      for (let i = 0; i < days; i++) {
        for (const price of dayPrices(plan, addDays(from, i))) if ((price.components[0]?.amount ?? 0) < 0) hours += 1;
      }
      return hours;
    };
    expect(negativeElectricity('2026-04-01', 60)).toBeGreaterThan(0);
    expect(negativeElectricity('2025-12-01', 31)).toBe(0);
  });

  it('makes the evening dearer than the midday solar dip on average in summer', () => {
    let midday = 0;
    let evening = 0;
    for (let i = 0; i < 30; i++) {
      const day = dayPrices(plan, addDays('2026-06-01', i));
      midday += day[13 * 4]?.amount ?? 0;
      evening += day[19 * 4]?.amount ?? 0;
    }
    expect(evening).toBeGreaterThan(midday * 1.3);
  });
});
