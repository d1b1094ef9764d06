/**
 * Usage × price: what each metering interval cost (or, for feed-in, earned).
 * Everything stays in ct and kWh at full precision; rounding to the cent
 * happens only when a figure is displayed, so a month is not the sum of
 * 3 000 rounded quarter-hours. A missing usage value or a `null` price is a
 * gap: it is counted and said, never treated as zero.
 */
import { addDays, endOfBerlinDay, startOfBerlinDay } from '@/lib/prices/berlin-time';
import { intervalAt } from '@/lib/prices/interval-search';
import { dayStats } from '@/lib/prices/stats';
import type { PriceInterval } from '@/lib/prices/types';

import type { UsageInterval } from './types';

/** Smart meters measure quarter-hours, whatever the price resolution. */
export const SLOT_MS = 15 * 60_000;

export type CostRow = {
  start: number;
  end: number;
  /** Null when the meter has no value for this quarter-hour. */
  kwh: number | null;
  /** ct/kWh of the price interval containing the quarter-hour; null when Nomos has none. */
  price: number | null;
  /** kwh × price in ct; null when either is missing. */
  costCt: number | null;
  /** False when the usage value is preliminary. */
  final: boolean;
};

/**
 * One row per quarter-hour of the Berlin day `date` (92, 96 or 100), with
 * the metered energy, the all-in price of that time and their product.
 * Hourly prices apply to each of their four quarter-hours. `prices` MUST be
 * sorted by start, as `PriceSeries.intervals` is.
 */
export function costRows(usage: UsageInterval[], prices: PriceInterval[], date: string): CostRow[] {
  const from = startOfBerlinDay(date);
  const to = endOfBerlinDay(date);
  // Only the day's readings: a month view asks for 38 days of the same 37-day usage.
  const byStart = new Map<number, UsageInterval>();
  for (const interval of usage)
    if (interval.start >= from && interval.start < to) byStart.set(interval.start, interval);
  const rows: CostRow[] = [];
  for (let start = from; start < to; start += SLOT_MS) {
    const metered = byStart.get(start);
    const kwh = metered ? metered.kwh : null;
    const price = intervalAt(prices, start)?.amount ?? null;
    rows.push({
      start,
      end: start + SLOT_MS,
      kwh,
      price,
      costCt: kwh === null || price === null ? null : kwh * price,
      final: metered?.final ?? false,
    });
  }
  return rows;
}

export type CostTotals = {
  /** Every metered kWh, priced or not. */
  energyKwh: number;
  /** The kWh that have a price; `costCt` covers exactly these. */
  pricedKwh: number;
  costCt: number;
  /** Average price actually paid (received, for feed-in): cost ÷ priced energy. Null without priced energy. */
  paidAverage: number | null;
  /** Quarter-hours the day has. */
  slots: number;
  /** Quarter-hours with a usage value. */
  metered: number;
  /** Metered quarter-hours without a price. */
  unpriced: number;
  /** Every quarter-hour is metered with a final value. */
  final: boolean;
};

export function totals(rows: CostRow[]): CostTotals {
  let energyKwh = 0;
  let pricedKwh = 0;
  let costCt = 0;
  let metered = 0;
  let unpriced = 0;
  let final = rows.length > 0;
  for (const row of rows) {
    if (row.kwh === null) {
      final = false;
      continue;
    }
    metered += 1;
    energyKwh += row.kwh;
    if (!row.final) final = false;
    if (row.costCt === null) unpriced += 1;
    else {
      pricedKwh += row.kwh;
      costCt += row.costCt;
    }
  }
  return {
    energyKwh,
    pricedKwh,
    costCt,
    paidAverage: pricedKwh > 0 ? costCt / pricedKwh : null,
    slots: rows.length,
    metered,
    unpriced,
    final,
  };
}

export type DayCost = CostTotals & {
  date: string;
  /** The day's plain (time-weighted) average price, as the prices view shows it. */
  plainAverage: number | null;
  /** How far the paid average lies from the plain one, in % of the plain one. */
  differencePercent: number | null;
};

/** A day's totals beside its plain average price. */
export function dayCost(
  usage: UsageInterval[],
  prices: PriceInterval[],
  date: string,
): { day: DayCost; rows: CostRow[] } {
  const rows = costRows(usage, prices, date);
  const sums = totals(rows);
  const plainAverage = dayStats(prices, date).average;
  const differencePercent =
    sums.paidAverage === null || plainAverage === null || plainAverage === 0
      ? null
      : ((sums.paidAverage - plainAverage) / Math.abs(plainAverage)) * 100;
  return { day: { ...sums, date, plainAverage, differencePercent }, rows };
}

export type PeriodSummary = {
  from: string;
  to: string;
  days: DayCost[];
  /** Sums over the days that have usage. */
  energyKwh: number;
  pricedKwh: number;
  costCt: number;
  paidAverage: number | null;
  /** Days with at least one metered quarter-hour. */
  daysWithUsage: number;
};

/**
 * Per-day figures and sums for `from`..`to` (inclusive Berlin dates).
 * `prices` MUST be sorted by start, as for {@link costRows}. Each day is
 * priced from its own readings and prices only: the view asks for 38 days
 * of the same 37-day usage, and scanning all of it for every day cost more
 * than rendering the page.
 */
export function periodSummary(
  usage: UsageInterval[],
  prices: PriceInterval[],
  from: string,
  to: string,
): PeriodSummary {
  const dates: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  // The days' boundaries, one more than there are days: day i is [bounds[i], bounds[i + 1]).
  const bounds = [...dates.map(startOfBerlinDay), endOfBerlinDay(to)];
  const usageByDay = dates.map((): UsageInterval[] => []);
  for (const interval of usage) usageByDay[dayIndex(bounds, interval.start)]?.push(interval);
  const days = dates.map((date, i) => {
    const dayPrices = prices.slice(firstAtOrAfter(prices, bounds[i] ?? 0), firstAtOrAfter(prices, bounds[i + 1] ?? 0));
    return dayCost(usageByDay[i] ?? [], dayPrices, date).day;
  });
  const energyKwh = days.reduce((sum, day) => sum + day.energyKwh, 0);
  const pricedKwh = days.reduce((sum, day) => sum + day.pricedKwh, 0);
  const costCt = days.reduce((sum, day) => sum + day.costCt, 0);
  return {
    from,
    to,
    days,
    energyKwh,
    pricedKwh,
    costCt,
    paidAverage: pricedKwh > 0 ? costCt / pricedKwh : null,
    daysWithUsage: days.filter((day) => day.metered > 0).length,
  };
}

/** Index of the day in `bounds` (see `periodSummary`) that holds `at`, or -1 outside them. */
function dayIndex(bounds: number[], at: number): number {
  let low = 0;
  let high = bounds.length - 2;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (at < (bounds[mid] ?? 0)) high = mid - 1;
    else if (at >= (bounds[mid + 1] ?? 0)) low = mid + 1;
    else return mid;
  }
  return -1;
}

/** Index of the first interval of the sorted `intervals` that starts at or after `at`. */
function firstAtOrAfter(intervals: PriceInterval[], at: number): number {
  let low = 0;
  let high = intervals.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((intervals[mid]?.start ?? Infinity) < at) low = mid + 1;
    else high = mid;
  }
  return low;
}
