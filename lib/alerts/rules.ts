/**
 * Which alerts are due for one customer at one moment: a pure function of
 * their settings, the prices of today and tomorrow and the time, so that the
 * alert job can run it every few minutes on any instance and send each alert
 * at most once (by its `eventKey`, claimed in `./sent-events.ts`).
 *
 * The rules, all in Europe/Berlin time:
 *
 * - **Tomorrow's prices are published**: from 14:20 (Nomos publishes at about
 *   14:00), once tomorrow has prices. One event per day.
 * - **A load's cheapest window starts soon**: for each latest-finish time
 *   from now on, the load's window is the one the calendar feed lists and
 *   the dashboard shows (`loadWindows`: the cheapest within the wall-clock day
 *   before it, from now on, where prices are known, for the duration snapped
 *   as the dashboard snaps it). It is announced from `leadMinutes` before its
 *   start until it starts, and only if it was still the window when its
 *   alert fell due: once a window has begun, the best of what remains (the
 *   same load shifted by a quarter-hour) is not a new window. One event per
 *   load and start.
 * - **The price falls below the threshold** (absolute, or a share below the
 *   day's average): each contiguous stretch below it, per day, announced from
 *   `leadMinutes` before it starts until it ends. A stretch that merely
 *   continues over midnight is not announced again.
 * - **Quiet hours** (may span midnight): nothing is sent inside them. An
 *   alert that falls due then waits for their end and is sent if it still
 *   means something: a window that has started by then, or a stretch below
 *   the threshold that has ended, is dropped; the publication summary is sent
 *   at the end of the quiet hours, also after midnight (as the summary of
 *   "today").
 *
 * The alert job runs every few minutes, so a lead shorter than
 * `MIN_LEAD_MINUTES` is announced at the last run before the start.
 */
import { formatFor, type Format } from '@/lib/i18n/format';
import { translatorFor } from '@/lib/i18n/messages';
import {
  addDays,
  berlinDate,
  berlinParts,
  berlinTimeOn,
  endOfBerlinDay,
  hourStarts,
  startOfBerlinDay,
} from '@/lib/prices/berlin-time';
import { loadWindows } from '@/lib/prices/load-windows';
import { dayStats, intervalsOfDay, isDayPublished } from '@/lib/prices/stats';
import type { PriceInterval, PriceSeries } from '@/lib/prices/types';

import type { AlertSettings } from './alert-settings';
import type { PushPayload } from './push';

/** Tomorrow's prices are looked for from this Berlin time on (Nomos publishes at about 14:00). */
export const PUBLICATION_CHECK_TIME = '14:20';
/** The alert job's period: a shorter lead is announced at the last run before the start. */
export const MIN_LEAD_MINUTES = 5;

const MINUTE_MS = 60_000;

export type AlertKind = 'prices-published' | 'cheap-window' | 'below-threshold';

export type DueAlert = {
  /** Names the event, stable across runs and instances: claimed once, sent once. */
  eventKey: string;
  kind: AlertKind;
  payload: PushPayload;
  /** After this the alert means nothing: the push service may drop it for a device that was offline. */
  expiresAt: number;
};

export type RulesInput = {
  settings: AlertSettings;
  /** Today's and (once published) tomorrow's prices, as `reshapePrice` gives them. */
  prices: PriceSeries;
  now: number;
};

type Context = RulesInput & {
  intervals: PriceInterval[];
  today: string;
  format: Format;
  t: ReturnType<typeof translatorFor<'pushAlerts'>>;
  leadMs: number;
};

/** The alerts due at `now`, each with its event key; none inside the quiet hours. */
export function dueAlerts(input: RulesInput): DueAlert[] {
  const { settings, prices, now } = input;
  if (isQuietTime(settings.quietHours, now)) return [];
  const context: Context = {
    ...input,
    intervals: prices.intervals,
    today: berlinDate(now),
    format: formatFor(settings.locale),
    t: translatorFor(settings.locale, 'pushAlerts'),
    leadMs: Math.max(settings.cheapWindow.leadMinutes, MIN_LEAD_MINUTES) * MINUTE_MS,
  };
  return [...publishedAlerts(context), ...windowAlerts(context), ...thresholdAlerts(context)];
}

// ---------------------------------------------------------------- quiet hours

type QuietHours = AlertSettings['quietHours'];

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

function wallMinutes(ms: number): number {
  const parts = berlinParts(ms);
  return parts.hour * 60 + parts.minute;
}

/** True inside the quiet hours. `from` equal to `to` is an empty range: never quiet. */
export function isQuietTime(quiet: QuietHours, ms: number): boolean {
  if (!quiet.enabled) return false;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  const minute = wallMinutes(ms);
  if (from === to) return false;
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

/** The quiet stretch `[start, end)` containing `ms`, or null outside quiet hours. */
export function quietStretchAt(quiet: QuietHours, ms: number): { start: number; end: number } | null {
  if (!isQuietTime(quiet, ms)) return null;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  const date = berlinDate(ms);
  const startDate = from < to || wallMinutes(ms) >= from ? date : addDays(date, -1);
  const endDate = from < to ? startDate : addDays(startDate, 1);
  return { start: berlinTimeOn(startDate, quiet.from), end: berlinTimeOn(endDate, quiet.to) };
}

// ------------------------------------------------------- prices are published

function publishedAlerts(context: Context): DueAlert[] {
  const { settings, intervals, now, today } = context;
  if (!settings.tomorrowPublished) return [];
  const tomorrow = addDays(today, 1);
  if (now >= berlinTimeOn(today, PUBLICATION_CHECK_TIME) && isDayPublished(intervals, tomorrow)) {
    return summary(context, tomorrow);
  }
  // Quiet hours that held the summary back past midnight: it comes at their end, as today's.
  const yesterday = addDays(today, -1);
  const overnight = quietStretchAt(settings.quietHours, startOfBerlinDay(today) - 1);
  if (overnight && overnight.start <= berlinTimeOn(yesterday, PUBLICATION_CHECK_TIME) && now >= overnight.end) {
    return summary(context, today);
  }
  return [];
}

type HourPrice = { start: number; end: number; average: number };

/** The average of each full hour of `date` whose every interval has a price. */
function hourlyPrices(intervals: PriceInterval[], date: string): HourPrice[] {
  const day = intervalsOfDay(intervals, date);
  const hours: HourPrice[] = [];
  // Berlin hours are UTC hours: the offset is whole hours (see `hourStarts`).
  for (const start of hourStarts(startOfBerlinDay(date), endOfBerlinDay(date))) {
    const end = start + 60 * MINUTE_MS;
    const within = day.filter((interval) => interval.start >= start && interval.start < end);
    const covered = within.reduce((sum, interval) => sum + (interval.end - interval.start), 0);
    if (within.length === 0 || covered !== end - start || within.some((interval) => interval.amount === null)) continue;
    const weighted = within.reduce(
      (sum, interval) => sum + (interval.amount ?? 0) * (interval.end - interval.start),
      0,
    );
    hours.push({ start, end, average: weighted / covered });
  }
  return hours;
}

function summary(context: Context, date: string): DueAlert[] {
  const { intervals, format, t, settings } = context;
  const hours = hourlyPrices(intervals, date);
  const average = dayStats(intervals, date).average;
  // The earliest on a tie, as everywhere in the app.
  const cheapest = hours.reduce<HourPrice | null>(
    (best, hour) => (!best || hour.average < best.average ? hour : best),
    null,
  );
  const dearest = hours.reduce<HourPrice | null>(
    (best, hour) => (!best || hour.average > best.average ? hour : best),
    null,
  );
  if (!cheapest || !dearest || average === null) return [];
  return [
    {
      eventKey: `published:${date}`,
      kind: 'prices-published',
      expiresAt: endOfBerlinDay(date),
      payload: {
        title: t('publishedTitle', { date: format.shortDate(date) }),
        body: t('publishedBody', {
          cheapRange: format.timeRange(cheapest.start, cheapest.end),
          cheapPrice: format.price(cheapest.average),
          dearRange: format.timeRange(dearest.start, dearest.end),
          dearPrice: format.price(dearest.average),
          average: format.price(average),
        }),
        url: `/dashboard?date=${date}`,
        tag: `prices-${date}`,
        lang: settings.locale,
      },
    },
  ];
}

// ------------------------------------------------------ a load's cheap window

function windowAlerts(context: Context): DueAlert[] {
  const { settings, prices, now, leadMs, format, t } = context;
  if (!settings.cheapWindow.enabled) return [];
  // The windows the feed lists and the dashboard shows: the same search, snapping and deadlines. The
  // alerts announce the cheapest (a consumer's) window; the settings do not carry the subscription's kind.
  const windowsAt = (at: number) =>
    loadWindows({ series: prices, kind: 'consumption', loads: settings.loads, now: at });
  const names = new Map(settings.loads.map((load) => [load.id, load.name]));
  const alerts: DueAlert[] = [];
  const announced = new Set<string>();
  for (const window of windowsAt(now)) {
    if (window.start <= now || window.start - leadMs > now) continue;
    const eventKey = `window:${window.loadId}:${new Date(window.start).toISOString()}`;
    if (announced.has(eventKey)) continue;
    // Still the plan it was when its alert fell due? Otherwise a cheaper window has begun since.
    const dueAt = window.start - leadMs;
    const planned = windowsAt(dueAt).find(
      (candidate) => candidate.loadId === window.loadId && candidate.latestFinish === window.latestFinish,
    );
    if (planned?.start !== window.start) continue;
    announced.add(eventKey);
    alerts.push({
      eventKey,
      kind: 'cheap-window',
      expiresAt: window.start,
      payload: {
        title: t('windowTitle', { load: names.get(window.loadId) ?? window.loadId, time: format.time(window.start) }),
        body: t('windowBody', {
          duration: format.duration(window.durationMinutes),
          range: format.timeRange(window.start, window.end),
          price: format.price(window.average),
          finish: format.time(window.latestFinish),
        }),
        url: `/dashboard?duration=${window.durationMinutes}`,
        tag: `window-${window.loadId}`,
        lang: settings.locale,
      },
    });
  }
  return alerts;
}

// -------------------------------------------------- below the price threshold

/** The day's limit in ct/kWh: absolute, or the share below the day's average. Null without prices. */
function thresholdOf(settings: AlertSettings, intervals: PriceInterval[], date: string): number | null {
  const { threshold } = settings;
  if (threshold.mode === 'absolute') return threshold.ctPerKwh;
  const average = dayStats(intervals, date).average;
  // |average|: on a day that averages below zero, "20 % below" is still lower, not higher.
  return average === null ? null : average - (Math.abs(average) * threshold.percentBelowAverage) / 100;
}

type Stretch = { start: number; end: number; lowest: PriceInterval & { amount: number } };

/** The contiguous runs of `date`'s intervals priced below `limit`. */
function stretchesBelow(intervals: PriceInterval[], date: string, limit: number): Stretch[] {
  const stretches: Stretch[] = [];
  let current: Stretch | null = null;
  for (const interval of intervalsOfDay(intervals, date)) {
    const below = interval.amount !== null && interval.amount < limit;
    if (!below || interval.amount === null) {
      current = null;
      continue;
    }
    const priced = { ...interval, amount: interval.amount };
    if (current && current.end === interval.start) {
      current.end = interval.end;
      if (priced.amount < current.lowest.amount) current.lowest = priced;
    } else {
      current = { start: interval.start, end: interval.end, lowest: priced };
      stretches.push(current);
    }
  }
  return stretches;
}

function thresholdAlerts(context: Context): DueAlert[] {
  const { settings, intervals, now, today, leadMs, format, t } = context;
  if (!settings.threshold.enabled) return [];
  const alerts: DueAlert[] = [];
  for (const date of [today, addDays(today, 1)]) {
    const limit = thresholdOf(settings, intervals, date);
    if (limit === null) continue;
    for (const stretch of stretchesBelow(intervals, date, limit)) {
      if (now < stretch.start - leadMs || now >= stretch.end) continue;
      if (continuesFromDayBefore(settings, intervals, date, stretch)) continue;
      const started = stretch.start <= now;
      alerts.push({
        eventKey: `below:${date}:${new Date(stretch.start).toISOString()}`,
        kind: 'below-threshold',
        expiresAt: stretch.end,
        payload: {
          title: t('belowTitle', {
            mode: settings.threshold.mode,
            percent: format.percent(settings.threshold.percentBelowAverage),
            threshold: format.price(limit),
          }),
          body: t('belowBody', {
            started: started ? 'yes' : 'no',
            start: format.time(stretch.start),
            end: format.time(stretch.end),
            lowestTime: format.time(stretch.lowest.start),
            lowest: format.price(stretch.lowest.amount),
          }),
          url: `/dashboard?date=${date}`,
          tag: `below-${date}`,
          lang: settings.locale,
        },
      });
    }
  }
  return alerts;
}

/** A stretch from midnight whose day before ended below its own limit: the same stretch, already announced. */
function continuesFromDayBefore(settings: AlertSettings, intervals: PriceInterval[], date: string, stretch: Stretch) {
  if (stretch.start !== startOfBerlinDay(date)) return false;
  const dayBefore = addDays(date, -1);
  const limit = thresholdOf(settings, intervals, dayBefore);
  const last = intervalsOfDay(intervals, dayBefore).at(-1);
  return (
    limit !== null && last !== undefined && last.end === stretch.start && last.amount !== null && last.amount < limit
  );
}
