import { addDays, berlinDate } from './berlin-time';
import {
  compareWindow,
  directionFor,
  findCheapestWindow,
  windowStartingAt,
  type Saving,
  type SubscriptionKind,
  type WindowResult,
} from './cheapest-window';
import type { PriceInterval } from './types';

export type WindowQuery = {
  /** The intervals to search, sorted. */
  intervals: PriceInterval[];
  /** Earliest start: now when live, the start of the day for a past day. */
  from: number;
  /** Whether `from` is the real now; only then is "running now" a comparison. */
  live: boolean;
  /** The Berlin date shown, to name other days ("Tomorrow"). */
  date: string;
  durationMinutes: number;
  kind: SubscriptionKind;
  /** Average price per Berlin date, for "cheaper than the day's average". */
  dayAverages: Record<string, number | null>;
  /** Whether the day after `date` has prices; explains a too-long answer. */
  nextDayPublished: boolean;
};

export type WindowAnswer = {
  result: WindowResult;
  durationMinutes: number;
  vsNow: Saving | null;
  vsDay: Saving | null;
  /**
   * The Berlin date the window starts on when that is not `date`, and
   * whether it is tomorrow ("Tomorrow, Tue 24 Nov"); null on the day shown.
   */
  startDay: { date: string; tomorrow: boolean } | null;
};

/** Runs the search and the comparisons the answer shows. Pure: runs on the server and in the browser. */
export function answerWindow(query: WindowQuery): WindowAnswer {
  const direction = directionFor(query.kind);
  const options = { from: query.from, durationMinutes: query.durationMinutes };
  const result = findCheapestWindow(query.intervals, { ...options, direction });
  if (result.kind !== 'found')
    return { result, durationMinutes: query.durationMinutes, vsNow: null, vsDay: null, startDay: null };
  const now = query.live ? windowStartingAt(query.intervals, options) : null;
  const startDate = berlinDate(result.start);
  return {
    result,
    durationMinutes: query.durationMinutes,
    vsNow: result.startsNow || !now ? null : compareWindow(result.average, now.average, direction),
    vsDay: compareWindow(result.average, query.dayAverages[startDate] ?? null, direction),
    startDay:
      startDate === query.date
        ? null
        : { date: startDate, tomorrow: query.live && startDate === addDays(query.date, 1) },
  };
}

/** Twelve significant digits: what float arithmetic leaves beyond them is noise. */
export const significant = (n: number) => Number(n.toPrecision(12));
