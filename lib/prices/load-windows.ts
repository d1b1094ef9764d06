/**
 * The cheapest window of each of a customer's loads before each of its
 * deadlines ("the dishwasher must be done by 07:00"), for the calendar feed
 * and the alerts. Pure: the same search the dashboard runs (`answerWindow`,
 * hence `findCheapestWindow`), with the same duration snapping and the same
 * comparison with the day's average, only confined to the 24 hours before a
 * deadline.
 */
import { addDays, berlinDate, berlinTimeOn } from './berlin-time';
import { normalizeDuration, type Saving, type SubscriptionKind } from './cheapest-window';
import { dayStats } from './stats';
import type { PriceInterval, PriceSeries, Resolution } from './types';
import { answerWindow } from './window-answer';

/** The longest duration the dashboard offers (see `durationOptions`). */
const LONGEST_DASHBOARD_DURATION = 480;
/** Deadlines on today, tomorrow and the day after: prices never reach further than tomorrow's midnight. */
const DEADLINE_DAYS = 3;

/** What the search needs of a load (`Load` in lib/alerts/alert-settings.ts). */
export type LoadSpec = {
  id: string;
  /** Whole quarter-hours, up to 12 hours. */
  durationMinutes: number;
  /** Europe/Berlin wall-clock "HH:MM". */
  latestFinish: string;
};

export type LoadWindow = {
  loadId: string;
  /** The duration searched for: the load's, snapped as the dashboard snaps it. */
  durationMinutes: number;
  /** The deadline this window is for, epoch ms. */
  latestFinish: number;
  start: number;
  end: number;
  /** Mean price of the window, ct/kWh (full precision: round where it is shown). */
  average: number;
  /** Against the average of the Berlin day the window starts on; null when that day has none. */
  vsDay: Saving | null;
  /**
   * Every interval from the search's start to the deadline has a price, so
   * the window is final; false while part of the 24 hours is unpublished (a
   * window found now may move when tomorrow's prices come).
   */
  complete: boolean;
};

/**
 * The duration to search for: snapped to the dashboard's options as the
 * dashboard snaps `?duration=` (so the two agree), and, beyond the
 * dashboard's longest option, the load's own (whole intervals are taken by
 * the search).
 */
export function loadDuration(durationMinutes: number, resolution: Resolution): number {
  return durationMinutes <= LONGEST_DASHBOARD_DURATION
    ? normalizeDuration(durationMinutes, resolution)
    : durationMinutes;
}

/** Every interval in `[from, until)` is there, priced and contiguous. */
function covers(intervals: PriceInterval[], from: number, until: number): boolean {
  let reached: number | null = null;
  for (const interval of intervals) {
    if (interval.end <= from) continue;
    if (interval.amount === null) return false;
    if (reached === null) {
      if (interval.start > from) return false;
    } else if (interval.start !== reached) return false;
    reached = interval.end;
  }
  return reached !== null && reached >= until;
}

/**
 * For each load and each of its deadlines still ahead, the cheapest window
 * that starts at `now` or later, after the same time of day one day before,
 * and ends by the deadline, among the intervals of `series` (yesterday's,
 * today's and, once published, tomorrow's). On the DST days those 24 hours
 * of wall-clock time are 23 or 25 hours. One exception keeps a calendar
 * still: when the cheapest window of the whole 24 hours is running at `now`,
 * it is the answer until it ends, rather than a window that starts with the
 * current interval and moves on every quarter-hour. A deadline whose hours
 * have no priced run long enough has no window. Sorted by start, then load.
 */
export function loadWindows(input: {
  series: PriceSeries;
  kind: SubscriptionKind;
  loads: readonly LoadSpec[];
  now: number;
}): LoadWindow[] {
  const { series, kind, loads, now } = input;
  const today = berlinDate(now);
  const dayAverages: Record<string, number | null> = {};
  for (let i = -1; i < DEADLINE_DAYS; i += 1) {
    const date = addDays(today, i);
    dayAverages[date] = dayStats(series.intervals, date).average;
  }
  const windows: LoadWindow[] = [];
  for (const load of loads) {
    const durationMinutes = loadDuration(load.durationMinutes, series.resolution);
    for (let i = 0; i < DEADLINE_DAYS; i += 1) {
      const date = addDays(today, i);
      const latestFinish = berlinTimeOn(date, load.latestFinish);
      if (latestFinish <= now) continue;
      const earliest = berlinTimeOn(addDays(date, -1), load.latestFinish);
      const intervals = series.intervals.filter(
        (interval) => interval.start >= earliest && interval.end <= latestFinish,
      );
      const search = (from: number) =>
        answerWindow({
          intervals,
          from,
          live: true,
          date: today,
          durationMinutes,
          kind,
          dayAverages,
          nextDayPublished: true,
        });
      // The window of the whole 24 hours, if it is running now, stays put until it ends; else the
      // search starts now, as the dashboard's does (which would move a running window along with now).
      const whole = search(earliest);
      const running = whole.result.kind === 'found' && whole.result.start <= now && whole.result.end > now;
      const from = Math.max(now, earliest);
      const answer = running ? whole : search(from);
      const { result } = answer;
      if (result.kind !== 'found') continue;
      windows.push({
        loadId: load.id,
        durationMinutes,
        latestFinish,
        start: result.start,
        end: result.end,
        average: result.average,
        vsDay: answer.vsDay,
        complete: covers(intervals, from, latestFinish),
      });
    }
  }
  return windows.sort((a, b) => a.start - b.start || (a.loadId < b.loadId ? -1 : a.loadId > b.loadId ? 1 : 0));
}
