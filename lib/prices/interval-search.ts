/**
 * The one search for "which interval holds this instant", shared by the
 * headline's current price, the usage cost per quarter-hour, and the chart
 * (its current interval, and the interval under the pointer or the keyboard
 * cursor in the browser). Pure and free of server imports.
 */

/** Anything with a half-open time span `[start, end)` in epoch ms. */
export type Span = { start: number; end: number };

/**
 * Index of the interval containing `at` (`start <= at < end`), or -1 when
 * none does (before the first, after the last, or in a gap). Binary search:
 * `intervals` MUST be sorted by start and must not overlap, as
 * `PriceSeries.intervals` are.
 */
export function intervalIndexAt(intervals: readonly Span[], at: number): number {
  let low = 0;
  let high = intervals.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const interval = intervals[mid];
    if (!interval) break;
    if (at < interval.start) high = mid - 1;
    else if (at >= interval.end) low = mid + 1;
    else return mid;
  }
  return -1;
}

/** The interval containing `at`, or null; see {@link intervalIndexAt}. */
export function intervalAt<T extends Span>(intervals: readonly T[], at: number): T | null {
  return intervals[intervalIndexAt(intervals, at)] ?? null;
}
