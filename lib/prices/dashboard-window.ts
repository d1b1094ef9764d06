/**
 * What the prices dashboard searches for its cheapest window, as one pure
 * function, so that the page and the calendar export give the same answer
 * for the same subscription, day and duration.
 */
import { addDays, berlinDate, endOfBerlinDay, startOfBerlinDay } from './berlin-time';
import { dayStats, isDayPublished } from './stats';
import type { PriceInterval, PriceSeries } from './types';

export type DashboardWindowScope = {
  /** The days drawn: the day shown and, when live or published, the next one. */
  days: string[];
  /** Intervals of `days`, sorted. */
  intervals: PriceInterval[];
  /** Earliest start: now when live, else the day's midnight. */
  from: number;
  live: boolean;
  date: string;
  dayAverages: Record<string, number | null>;
  nextDayPublished: boolean;
};

/**
 * When `date` is today the search starts now and may run into tomorrow;
 * for any other day it starts at that day's midnight, across that day and
 * the next if published, because a load started late may run past midnight.
 */
export function dashboardWindowScope(series: PriceSeries, now: number, date: string): DashboardWindowScope {
  const live = berlinDate(now) === date;
  const next = addDays(date, 1);
  const nextDayPublished = isDayPublished(series.intervals, next);
  // Live, tomorrow is always drawn, as a labelled empty area until 14:00;
  // for another day the next one is only drawn when it has prices.
  const days = live || nextDayPublished ? [date, next] : [date];
  const rangeStart = startOfBerlinDay(date);
  const rangeEnd = endOfBerlinDay(days.at(-1) ?? date);
  const intervals = series.intervals.filter((i) => i.start >= rangeStart && i.start < rangeEnd);
  return {
    days,
    intervals,
    from: live ? now : rangeStart,
    live,
    date,
    dayAverages: Object.fromEntries(days.map((d) => [d, dayStats(intervals, d).average])),
    nextDayPublished,
  };
}
