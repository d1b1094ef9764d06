/**
 * Europe/Berlin calendar arithmetic on epoch milliseconds, without a date
 * library. Nomos days are Berlin days: 23 hours on the last Sunday of March,
 * 25 hours on the last Sunday of October, so a day is never "24 * 3600 s".
 * Calendar dates are plain `YYYY-MM-DD` strings because they cross the
 * server/client boundary and URLs unchanged.
 */
import type { Resolution } from './types';

export const BERLIN_TIME_ZONE = 'Europe/Berlin';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

// Formatters are expensive to build and this module runs for every interval;
// built at the first question, not when a page's script loads.
let partsFormatter: Intl.DateTimeFormat | undefined;
const partsFormatterOptions: Intl.DateTimeFormatOptions = {
  timeZone: BERLIN_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
};

export type BerlinParts = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
};

/** The Berlin wall-clock reading of a full UTC hour, from Intl (slow: microseconds per call). */
function hourParts(hourStart: number): BerlinParts {
  const parts: Record<string, number> = {};
  partsFormatter ??= new Intl.DateTimeFormat('en-GB', partsFormatterOptions);
  for (const part of partsFormatter.formatToParts(hourStart)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

// Berlin's offset is a whole number of hours and changes only at a full UTC
// hour (01:00 UTC), so within a UTC hour only the minutes and seconds move:
// Intl is asked once per hour, and a page of 200 intervals or a month of
// usage asks a few hundred times instead of tens of thousands.
const hours = new Map<number, BerlinParts>();
const HOURS_KEPT = 100_000;

/** The Berlin wall-clock reading of an instant. */
export function berlinParts(ms: number): BerlinParts {
  const hour = Math.floor(ms / HOUR_MS);
  let parts = hours.get(hour);
  if (!parts) {
    parts = hourParts(hour * HOUR_MS);
    if (hours.size >= HOURS_KEPT) hours.clear();
    hours.set(hour, parts);
  }
  const within = ms - hour * HOUR_MS;
  return { ...parts, minute: Math.floor(within / MINUTE_MS), second: Math.floor((within % MINUTE_MS) / 1000) };
}

/** Offset of Berlin local time from UTC at an instant, in ms (3 600 000 in winter, 7 200 000 in summer). */
export function berlinOffsetMs(ms: number): number {
  const p = berlinParts(ms);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  // Drop sub-second precision, which the wall-clock parts do not carry.
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

/** `'CET'` or `'CEST'`: names the repeated hour of the autumn DST day apart. */
export function berlinZoneName(ms: number): 'CET' | 'CEST' {
  return berlinOffsetMs(ms) === 2 * HOUR_MS ? 'CEST' : 'CET';
}

/**
 * True when the Berlin wall-clock time of `ms` occurs twice, i.e. it lies in
 * the hour 02:00–02:59 of the autumn DST day. Such times must carry their
 * zone name when shown, or two different intervals read the same.
 */
export function isAmbiguousBerlinTime(ms: number): boolean {
  // Clocks go back only in October (UTC as well); skip the formatter otherwise.
  if (new Date(ms).getUTCMonth() !== 9) return false;
  const wall = ms + berlinOffsetMs(ms);
  return wall === ms + HOUR_MS + berlinOffsetMs(ms + HOUR_MS) || wall === ms - HOUR_MS + berlinOffsetMs(ms - HOUR_MS);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function parseDate(date: string): { year: number; month: number; day: number } | null {
  const match = DATE_PATTERN.exec(date);
  if (!match) return null;
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function requireDate(date: string): { year: number; month: number; day: number } {
  const parsed = parseDate(date);
  if (!parsed || !isValidDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  return parsed;
}

/** The Berlin calendar date (`YYYY-MM-DD`) of an instant. */
export function berlinDate(ms: number): string {
  const p = berlinParts(ms);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/**
 * True for an existing calendar date in `YYYY-MM-DD` form. Rejects
 * `2026-02-30`, `2026-13-01` and `2026-1-1`: use it on every date that comes
 * from a URL before doing arithmetic with it.
 */
export function isValidDate(date: string): boolean {
  const parsed = parseDate(date);
  if (!parsed) return false;
  const { year, month, day } = parsed;
  if (month < 1 || month > 12 || day < 1) return false;
  const utc = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear keeps them as written.
  utc.setUTCFullYear(year);
  return utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
}

/** The days a visitor may ask for (`?date=`): Germany's day-ahead market in 15-minute steps, and this century. */
export const FIRST_DAY = '2018-10-01';
export const LAST_DAY = '2099-12-31';

/**
 * A `?date=` from the network: a calendar date within FIRST_DAY..LAST_DAY.
 * Years like 0001 or 9999 are calendar dates, but no price or usage exists
 * for them, and date arithmetic on them only invites edge cases.
 */
export function isRequestableDate(date: string): boolean {
  return isValidDate(date) && date >= FIRST_DAY && date <= LAST_DAY;
}

/**
 * Epoch ms of 00:00 Berlin time on `date`. Berlin midnight always exists
 * (the clocks change at 02:00/03:00), so the answer is unique.
 *
 * @throws RangeError when `date` is not a valid `YYYY-MM-DD` date.
 */
export function startOfBerlinDay(date: string): number {
  const known = midnights.get(date);
  if (known !== undefined) return known;
  const { year, month, day } = requireDate(date);
  const wallMidnight = Date.UTC(year, month - 1, day);
  // The offset at midnight can differ from the offset at the guess by one
  // hour; a second pass settles it.
  let guess = wallMidnight - berlinOffsetMs(wallMidnight);
  guess = wallMidnight - berlinOffsetMs(guess);
  remember(midnights, date, guess);
  return guess;
}

/** `date` plus `n` calendar days (n may be negative). */
export function addDays(date: string, n: number): string {
  const key = `${date}${n < 0 ? '' : '+'}${n}`;
  const known = shifted.get(key);
  if (known !== undefined) return known;
  const { year, month, day } = requireDate(date);
  const d = new Date(Date.UTC(year, month - 1, day) + n * DAY_MS);
  const result = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  remember(shifted, key, result);
  return result;
}

// A page asks for the same few dozen days' midnights and neighbours hundreds
// of times (a usage view prices 38 days, each a few calls): checking and
// converting the date each time cost more than the arithmetic it guards.
// Only valid dates get here, so only valid dates are kept.
const midnights = new Map<string, number>();
const shifted = new Map<string, string>();
const DATES_KEPT = 10_000;

function remember<T>(map: Map<string, T>, key: string, value: T) {
  if (map.size >= DATES_KEPT) map.clear();
  map.set(key, value);
}

/** Epoch ms of the end (exclusive) of the Berlin day `date`, i.e. the next midnight. */
export function endOfBerlinDay(date: string): number {
  return startOfBerlinDay(addDays(date, 1));
}

/** Length of the Berlin day in ms: 23, 24 or 25 hours. */
export function dayLengthMs(date: string): number {
  return endOfBerlinDay(date) - startOfBerlinDay(date);
}

/** Length of one interval of a resolution, in minutes. */
export function intervalMinutes(resolution: Resolution): number {
  return resolution === 'hourly' ? 60 : 15;
}

/**
 * Number of intervals a complete day has: 96/92/100 for `15min`,
 * 24/23/25 for `hourly` (normal, spring and autumn DST day).
 */
export function expectedIntervals(date: string, resolution: Resolution): number {
  return dayLengthMs(date) / (intervalMinutes(resolution) * MINUTE_MS);
}

/** Every Berlin date touched by `[from, to)`, in order. */
export function datesBetween(from: number, to: number): string[] {
  if (to <= from) return [];
  const dates: string[] = [];
  const last = berlinDate(to - 1);
  for (let date = berlinDate(from); ; date = addDays(date, 1)) {
    dates.push(date);
    if (date === last) break;
  }
  return dates;
}

/**
 * The instants of every full local hour in `[from, to)`. Berlin's offset is a
 * whole number of hours, so local full hours are UTC full hours; the autumn
 * DST day has two "02:00" and the spring day none.
 */
export function hourStarts(from: number, to: number): number[] {
  const hours: number[] = [];
  for (let t = Math.ceil(from / HOUR_MS) * HOUR_MS; t < to; t += HOUR_MS) hours.push(t);
  return hours;
}

/**
 * Epoch ms of the Berlin wall-clock time `time` ("HH:MM") on `date`. A time
 * that occurs twice (02:30 on the last Sunday of October) is the first of the
 * two, in CEST, and one that does not occur (02:30 on the last Sunday of
 * March) is the moment the clocks jump (03:00 CEST): a deadline or the end of
 * quiet hours is never later than the customer could have meant.
 *
 * @throws RangeError when `date` is not a valid date or `time` not HH:MM.
 */
export function berlinTimeOn(date: string, time: string): number {
  const { year, month, day } = requireDate(date);
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`Not a time of day (HH:MM): ${time}`);
  const wall = Date.UTC(year, month - 1, day, Number(match[1]), Number(match[2]));
  // Berlin is UTC+2 in summer and UTC+1 in winter: one of the two readings is the instant, or neither is.
  for (const offset of [2 * HOUR_MS, HOUR_MS]) {
    if (berlinOffsetMs(wall - offset) === offset) return wall - offset;
  }
  // Only 02:00–02:59 of the spring day is skipped; the jump is at 01:00 UTC.
  return Math.floor((wall - HOUR_MS) / HOUR_MS) * HOUR_MS;
}
