/**
 * Builders for price series in tests. Intervals are generated in absolute
 * time from Berlin midnight, so DST days get 92/100 quarter hours for free.
 */
import { addDays, endOfBerlinDay, intervalMinutes, startOfBerlinDay } from './berlin-time';
import type { PriceInterval, PriceSeries, Resolution } from './types';

export type AmountFn = (index: number, start: number) => number | null;

/** Contiguous intervals covering the Berlin days `[date, date + days)`. */
export function makeIntervals(
  date: string,
  {
    days = 1,
    resolution = '15min',
    amount = () => 10,
  }: { days?: number; resolution?: Resolution; amount?: AmountFn } = {},
): PriceInterval[] {
  const step = intervalMinutes(resolution) * 60_000;
  const from = startOfBerlinDay(date);
  const to = endOfBerlinDay(addDays(date, days - 1));
  const intervals: PriceInterval[] = [];
  for (let start = from, index = 0; start < to; start += step, index += 1) {
    const value = amount(index, start);
    intervals.push({
      start,
      end: start + step,
      amount: value,
      components: value === null ? null : { electricity: value - 15, grid: 10, levies: 5 },
    });
  }
  return intervals;
}

/** Intervals from a list of amounts, starting at `start`, `minutes` long each. */
export function intervalsFrom(start: number, amounts: (number | null)[], minutes = 15): PriceInterval[] {
  return amounts.map((amount, index) => ({
    start: start + index * minutes * 60_000,
    end: start + (index + 1) * minutes * 60_000,
    amount,
    components: null,
  }));
}

export function makeSeries(intervals: PriceInterval[], resolution: Resolution = '15min'): PriceSeries {
  return { unit: 'ct/kWh', currency: 'EUR', resolution, reference: 'EPEX Day-Ahead', intervals };
}
