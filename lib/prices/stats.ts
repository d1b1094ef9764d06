/**
 * Summaries of a price series per Berlin day. Missing prices (`amount: null`)
 * are counted, never averaged in as zero.
 */
import { berlinDate, endOfBerlinDay, startOfBerlinDay } from './berlin-time';
import { intervalAt } from './interval-search';
import type { PriceInterval, PriceSeries } from './types';

/** A priced interval: the narrowed type after filtering out nulls. */
export type PricedInterval = PriceInterval & { amount: number };

export type DayStats = {
  date: string;
  /** Cheapest interval of the day (the earliest on a tie), null when no interval has a price. */
  min: PricedInterval | null;
  /** Most expensive interval of the day (the earliest on a tie). */
  max: PricedInterval | null;
  /** Time-weighted mean of the non-null prices, null when there are none. */
  average: number | null;
  /** Intervals that start on this day. */
  count: number;
  /** Intervals of this day whose price is null. */
  nullCount: number;
};

export type DayIntervals = { date: string; intervals: PriceInterval[] };

export function isPriced(interval: PriceInterval): interval is PricedInterval {
  return interval.amount !== null;
}

/**
 * The interval containing `now` (`start <= now < end`), or null when there is
 * none, e.g. before publication or after the last interval. Intervals must
 * be sorted by start, as `PriceSeries` guarantees (see `intervalAt`).
 */
export function currentInterval(series: PriceSeries | PriceInterval[], now: number): PriceInterval | null {
  return intervalAt(Array.isArray(series) ? series : series.intervals, now);
}

/** The intervals that start on the Berlin day `date`. */
export function intervalsOfDay(intervals: PriceInterval[], date: string): PriceInterval[] {
  const from = startOfBerlinDay(date);
  const to = endOfBerlinDay(date);
  return intervals.filter((interval) => interval.start >= from && interval.start < to);
}

/**
 * True once Nomos has published at least one interval of `date`. Tomorrow is
 * published in one batch around 14:00, so "any interval" means "published".
 */
export function isDayPublished(intervals: PriceInterval[], date: string): boolean {
  const from = startOfBerlinDay(date);
  const to = endOfBerlinDay(date);
  return intervals.some((interval) => interval.start >= from && interval.start < to);
}

/** Minimum, average and maximum of the non-null prices of one Berlin day. */
export function dayStats(intervals: PriceInterval[], date: string): DayStats {
  const day = intervalsOfDay(intervals, date);
  let min: PricedInterval | null = null;
  let max: PricedInterval | null = null;
  let weighted = 0;
  let duration = 0;
  let nullCount = 0;
  for (const interval of day) {
    if (!isPriced(interval)) {
      nullCount += 1;
      continue;
    }
    if (!min || interval.amount < min.amount) min = interval;
    if (!max || interval.amount > max.amount) max = interval;
    const length = interval.end - interval.start;
    weighted += interval.amount * length;
    duration += length;
  }
  return { date, min, max, average: duration > 0 ? weighted / duration : null, count: day.length, nullCount };
}

/** Intervals grouped by the Berlin date on which they start, in order. */
export function splitByDay(intervals: PriceInterval[]): DayIntervals[] {
  const days: DayIntervals[] = [];
  for (const interval of intervals) {
    const date = berlinDate(interval.start);
    const last = days.at(-1);
    if (last && last.date === date) last.intervals.push(interval);
    else days.push({ date, intervals: [interval] });
  }
  return days;
}

export type PriceLevel = 'low' | 'average' | 'high';

/**
 * Where a price sits within the day's spread: the lower third is `low`, the
 * upper third `high`. A flat day (min equals max) is all `average`. Relative
 * to the spread rather than the average because a day with one spike would
 * otherwise call every other interval "cheap".
 */
export function priceLevel(amount: number, stats: Pick<DayStats, 'min' | 'max'>): PriceLevel {
  if (!stats.min || !stats.max) return 'average';
  const spread = stats.max.amount - stats.min.amount;
  if (spread <= 0) return 'average';
  const position = (amount - stats.min.amount) / spread;
  if (position < 1 / 3) return 'low';
  if (position > 2 / 3) return 'high';
  return 'average';
}
