/**
 * Display formatting. Convention: numbers and clock times follow de-DE
 * (decimal comma, 24-hour clock), prose, weekday and month names are English
 * (en-GB order: "Monday, 23 November 2026"), always in Europe/Berlin time so
 * server and browser render the same text. Negative numbers use the real
 * minus sign U+2212 ("−3,10 ct/kWh"), which screen readers read as "minus".
 */
import { BERLIN_TIME_ZONE, berlinZoneName, isAmbiguousBerlinTime, isValidDate } from './berlin-time';

export const MINUS = '\u2212';

const priceNumber = new Intl.NumberFormat('de-DE', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  // "negative" keeps a price that rounds to zero from reading "-0,00".
  signDisplay: 'negative',
});

const percentNumber = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0, signDisplay: 'negative' });

const timeFormatter = new Intl.DateTimeFormat('de-DE', {
  timeZone: BERLIN_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

// Calendar dates are formatted at UTC noon in UTC so that no offset can move
// them to a neighbouring day.
const longDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const shortDate = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });
const weekdayOnly = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long' });

function withMinus(text: string): string {
  return text.replace('-', MINUS);
}

/** "12,34" — a price without its unit, for table cells under a unit header. */
export function formatPriceNumber(ct: number): string {
  return withMinus(priceNumber.format(ct));
}

/** "12,34 ct/kWh", "−3,10 ct/kWh", "0,00 ct/kWh". */
export function formatPrice(ct: number): string {
  return `${formatPriceNumber(ct)} ct/kWh`;
}

/** A price, or `fallback` ("no price yet") when Nomos has none: never "0,00". */
export function formatPriceOrMissing(ct: number | null, fallback = 'no price yet'): string {
  return ct === null ? fallback : formatPrice(ct);
}

/** "14:15" in Berlin time, without a zone name. Use for axis ticks only. */
export function formatClock(ms: number): string {
  return timeFormatter.format(ms);
}

/**
 * "14:15" in Berlin time. In the repeated hour of the autumn DST day the
 * zone is appended ("02:15 (CEST)", then "02:15 (CET)"), because otherwise
 * two different intervals would read the same.
 */
export function formatTime(ms: number): string {
  const clock = formatClock(ms);
  return isAmbiguousBerlinTime(ms) ? `${clock} (${berlinZoneName(ms)})` : clock;
}

/**
 * "14:15–14:30". When either end is in the repeated autumn hour the zone is
 * named: once at the end when both share it ("02:15–02:30 (CEST)"), at each
 * end otherwise ("02:45 (CEST)–02:00 (CET)").
 */
export function formatTimeRange(start: number, end: number): string {
  const ambiguous = isAmbiguousBerlinTime(start) || isAmbiguousBerlinTime(end);
  if (!ambiguous) return `${formatClock(start)}–${formatClock(end)}`;
  const startZone = berlinZoneName(start);
  const endZone = berlinZoneName(end);
  if (startZone === endZone) return `${formatClock(start)}–${formatClock(end)} (${endZone})`;
  return `${formatClock(start)} (${startZone})–${formatClock(end)} (${endZone})`;
}

function dateAtNoon(date: string): number {
  if (!isValidDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day, 12);
}

/** "Monday, 23 November 2026" for a `YYYY-MM-DD` Berlin date. */
export function formatDate(date: string): string {
  return longDate.format(dateAtNoon(date));
}

/** "Mon 23 Nov" for a `YYYY-MM-DD` Berlin date. */
export function formatShortDate(date: string): string {
  return shortDate.format(dateAtNoon(date)).replace(',', '');
}

/** "Monday" for a `YYYY-MM-DD` Berlin date. */
export function formatWeekday(date: string): string {
  return weekdayOnly.format(dateAtNoon(date));
}

/** "1 h 30 min", "45 min", "2 h", "0 min". */
export function formatDuration(minutes: number): string {
  const total = Math.round(minutes);
  const sign = total < 0 ? MINUS : '';
  const hours = Math.floor(Math.abs(total) / 60);
  const rest = Math.abs(total) % 60;
  if (hours === 0) return `${sign}${rest} min`;
  if (rest === 0) return `${sign}${hours} h`;
  return `${sign}${hours} h ${rest} min`;
}

/** "12 %", "−5 %", "0 %" for a value in percent points (12 means 12 %). */
export function formatPercent(percent: number): string {
  return `${withMinus(percentNumber.format(percent))} %`;
}
