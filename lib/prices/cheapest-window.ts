/**
 * The cheapest (or, for feed-in, the best-paid) contiguous window of a given
 * length: "when should the dishwasher run". A window never spans a missing
 * price or a gap in time: a price that has not been published is unknown,
 * not cheap.
 */
import type { PriceInterval, Resolution } from './types';

export type WindowDirection = 'cheapest' | 'highest';

export type WindowOptions = {
  /** The instant from which the load can start, usually now. The interval containing it is a candidate start. */
  from: number;
  /** How long the load runs. Rounded up to whole intervals. */
  durationMinutes: number;
  /** `highest` for feed-in: find the window with the highest payout. Default `cheapest`. */
  direction?: WindowDirection;
};

export type PriceWindow = {
  /** Start of the first interval, epoch ms. */
  start: number;
  /** End of the last interval, epoch ms: `durationMinutes` rounded up to whole intervals. */
  end: number;
  /** Mean price of the window's intervals, ct/kWh. */
  average: number;
  /** Number of intervals in the window. */
  intervals: number;
};

export type WindowResult =
  | ({ kind: 'found'; /** The window starts with the interval containing `from`. */ startsNow: boolean } & PriceWindow)
  /** No contiguous priced run is long enough; `availableMinutes` is the longest there is. */
  | { kind: 'too-long'; availableMinutes: number }
  /** Not a single priced interval ends after `from`. */
  | { kind: 'no-prices' };

const MINUTE_MS = 60_000;
// Sliding sums drift by a few ulps; windows whose averages differ by less
// than this are ties, and ties go to the earliest window.
const TIE_EPSILON = 1e-9;

function firstCandidate(intervals: PriceInterval[], from: number): number {
  // Binary search for the first interval that has not ended at `from`.
  let low = 0;
  let high = intervals.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((intervals[mid]?.end ?? Infinity) <= from) low = mid + 1;
    else high = mid;
  }
  return low;
}

function windowSize(interval: PriceInterval, durationMinutes: number): number {
  const length = interval.end - interval.start;
  return Math.max(1, Math.ceil((durationMinutes * MINUTE_MS) / length));
}

function averageOf(intervals: PriceInterval[], first: number, count: number): number {
  let sum = 0;
  for (let i = first; i < first + count; i += 1) sum += intervals[i]?.amount ?? 0;
  return sum / count;
}

/**
 * Finds the cheapest contiguous window of `durationMinutes` among the
 * intervals that have not ended at `from`, in O(n).
 *
 * - The window length is `ceil(duration / interval length)` intervals, taken
 *   from the first candidate interval (series have one resolution), so it
 *   works for 15-minute and hourly plans alike.
 * - A null `amount` or a gap in time (`interval.end !== next.start`, e.g.
 *   tomorrow not yet published) breaks the window.
 * - On equal averages the earliest window wins: starting sooner is better.
 * - With `direction: 'highest'` it finds the best-paid window (feed-in).
 *
 * `intervals` MUST be sorted by start, as `PriceSeries.intervals` is.
 */
export function findCheapestWindow(intervals: PriceInterval[], options: WindowOptions): WindowResult {
  const { from, durationMinutes } = options;
  const sign = options.direction === 'highest' ? -1 : 1;
  const first = firstCandidate(intervals, from);
  const head = intervals[first];
  if (!head) return { kind: 'no-prices' };
  const size = windowSize(head, durationMinutes);

  let bestStart = -1;
  let bestScore = Infinity;
  let runStart = first;
  let runSum = 0; // sum of the last `size` amounts of the current run
  let longestRunMs = 0;
  let anyPriced = false;

  for (let i = first; i < intervals.length; i += 1) {
    const interval = intervals[i];
    if (!interval) break;
    const previous = intervals[i - 1];
    if (interval.amount === null) {
      runStart = i + 1;
      runSum = 0;
      continue;
    }
    if (i > runStart && previous && previous.end !== interval.start) {
      runStart = i;
      runSum = 0;
    }
    anyPriced = true;
    runSum += interval.amount;
    const runLength = i - runStart + 1;
    if (runLength > size) runSum -= intervals[i - size]?.amount ?? 0;
    const runStartInterval = intervals[runStart];
    if (runStartInterval) longestRunMs = Math.max(longestRunMs, interval.end - runStartInterval.start);
    if (runLength >= size) {
      const score = (sign * runSum) / size;
      if (score < bestScore - TIE_EPSILON) {
        bestScore = score;
        bestStart = i - size + 1;
      }
    }
  }

  if (!anyPriced) return { kind: 'no-prices' };
  const startInterval = intervals[bestStart];
  const endInterval = intervals[bestStart + size - 1];
  if (bestStart < 0 || !startInterval || !endInterval) {
    return { kind: 'too-long', availableMinutes: Math.floor(longestRunMs / MINUTE_MS) };
  }
  return {
    kind: 'found',
    start: startInterval.start,
    end: endInterval.end,
    // Recomputed from scratch so the reported value carries no sliding-sum drift.
    average: averageOf(intervals, bestStart, size),
    intervals: size,
    startsNow: startInterval.start <= from,
  };
}

/**
 * The window of the same length that starts with the interval containing
 * `from` ("what if I switch it on now"), or null when that interval has no
 * price, or prices run out or have a gap before the duration is covered.
 */
export function windowStartingAt(
  intervals: PriceInterval[],
  options: Omit<WindowOptions, 'direction'>,
): PriceWindow | null {
  const first = firstCandidate(intervals, options.from);
  const head = intervals[first];
  if (!head || head.start > options.from) return null;
  const size = windowSize(head, options.durationMinutes);
  for (let i = first; i < first + size; i += 1) {
    const interval = intervals[i];
    const previous = intervals[i - 1];
    if (!interval || interval.amount === null) return null;
    if (i > first && previous && previous.end !== interval.start) return null;
  }
  const last = intervals[first + size - 1];
  if (!last) return null;
  return { start: head.start, end: last.end, average: averageOf(intervals, first, size), intervals: size };
}

/** Below this reference price (ct/kWh) a percentage says more about the reference than the saving. */
const MIN_PERCENT_REFERENCE = 1;

export type Saving = {
  /** How much better the window is, ct/kWh: positive is cheaper (or, for `highest`, better paid). */
  ct: number;
  /**
   * The same relative to the reference price, in percent points; null when
   * the reference is below 1 ct/kWh, where a percentage has no meaning
   * ("200 % cheaper than −1 ct", "6 782 % more than a 0,25 ct payout").
   */
  percent: number | null;
};

/**
 * How much better `average` is than `reference` (the price of running now, or
 * the day's average). Null when there is nothing to compare against.
 */
export function compareWindow(
  average: number,
  reference: number | null,
  direction: WindowDirection = 'cheapest',
): Saving | null {
  if (reference === null) return null;
  const ct = direction === 'cheapest' ? reference - average : average - reference;
  return { ct, percent: reference >= MIN_PERCENT_REFERENCE ? (ct / reference) * 100 : null };
}

/**
 * The durations offered to the customer, in minutes: 15-minute steps up to
 * 2 h, then 30-minute steps up to 4 h, then whole hours up to 8 h. Hourly
 * plans can only be planned in whole hours.
 */
export function durationOptions(resolution: Resolution): number[] {
  const options: number[] = [];
  if (resolution === 'hourly') {
    for (let m = 60; m <= 480; m += 60) options.push(m);
    return options;
  }
  for (let m = 15; m <= 120; m += 15) options.push(m);
  for (let m = 150; m <= 240; m += 30) options.push(m);
  for (let m = 300; m <= 480; m += 60) options.push(m);
  return options;
}

/**
 * Snaps a requested duration (e.g. from `?duration=`) to the nearest offered
 * option not shorter than it, so a load is never planned too short. Invalid
 * input falls back to `fallback` (2 h by default).
 */
export function normalizeDuration(
  raw: string | number | null | undefined,
  resolution: Resolution,
  fallback = 120,
): number {
  const options = durationOptions(resolution);
  const value = typeof raw === 'number' ? raw : Number.parseInt(raw ?? '', 10);
  const wanted = Number.isFinite(value) && value > 0 ? value : fallback;
  return options.find((option) => option >= wanted) ?? options.at(-1) ?? fallback;
}

/**
 * What flips between consumption and feed-in: for a consumer a low price is
 * good, for someone feeding in a high payout is. The words themselves are
 * in the messages (`lib/i18n/messages/*.json`), chosen there with
 * `{kind, select, feed_in {…} other {…}}`: pass `kind` to every message.
 */
export type SubscriptionKind = 'consumption' | 'feed_in';

/** Which end of the price range the best window is at. */
export function directionFor(kind: SubscriptionKind): WindowDirection {
  return kind === 'feed_in' ? 'highest' : 'cheapest';
}
