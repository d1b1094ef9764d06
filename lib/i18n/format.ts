/**
 * Every number, price, date, time and duration the customer reads, in the
 * conventions of the page's language (see `intlLocales`): always in
 * Europe/Berlin time, so server and browser render the same text.
 *
 * German: "12,34 ct/kWh", "1,23 €", "Dienstag, 24. November 2026", "1 Std. 30 Min.".
 * English: "12.34 ct/kWh", "€1.23", "Tuesday, 24 November 2026", "1 hr 30 mins".
 *
 * Negative numbers use the real minus sign U+2212 ("−3,10 ct/kWh"), which
 * screen readers read as "minus". Amounts are rounded here and nowhere else:
 * the arithmetic keeps full precision.
 */
import { BERLIN_TIME_ZONE, berlinZoneName, isAmbiguousBerlinTime, isValidDate } from '@/lib/prices/berlin-time';
import { intlLocales, type Locale } from './locales';

export const MINUS = '\u2212';

export type Format = {
  locale: Locale;
  /** "12,34" — a price without its unit, for table cells under a unit header. */
  priceNumber(ct: number): string;
  /** "12,34 ct/kWh", "−3,10 ct/kWh", "0,00 ct/kWh". */
  price(ct: number): string;
  /** "14:15" in Berlin time, without a zone name. Use for axis ticks only. */
  clock(ms: number): string;
  /** "14:15"; in the repeated autumn hour "02:15 (CEST)" / "02:15 (MESZ)". */
  time(ms: number): string;
  /** "14:15–14:30"; names the zone where either end is in the repeated hour. */
  timeRange(start: number, end: number): string;
  /** "Dienstag, 24. November 2026" / "Tuesday, 24 November 2026" for a `YYYY-MM-DD` Berlin date. */
  date(date: string): string;
  /** "Di. 24. Nov." / "Tue 24 Nov". */
  shortDate(date: string): string;
  /** "Dienstag" / "Tuesday". */
  weekday(date: string): string;
  /** "1 Std. 30 Min." / "1 hr 30 mins", "45 Min." / "45 mins". */
  duration(minutes: number): string;
  /** "12 %" / "12%" for a value in percent points (12 means 12 %). */
  percent(percent: number): string;
  /** "1,23 €" / "€1.23" from an amount in ct. */
  euro(ct: number): string;
  /** "1,23" / "1.23" from ct, for table cells under a "€" header. */
  euroNumber(ct: number): string;
  /** "12,34 kWh". */
  kwh(value: number): string;
  /** "0,123": one quarter-hour's meter reading keeps the meter's precision. */
  kwhNumber(value: number): string;
};

const cache = new Map<Locale, Format>();

/** The formatter for a language; built once per language and process. */
export function formatFor(locale: Locale): Format {
  let format = cache.get(locale);
  if (!format) {
    format = createFormat(locale);
    cache.set(locale, format);
  }
  return format;
}

function withMinus(text: string): string {
  return text.replace('-', MINUS);
}

function dateAtNoon(date: string): number {
  if (!isValidDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day, 12);
}

function createFormat(locale: Locale): Format {
  const tag = intlLocales[locale];
  // Each Intl formatter is built when first used: building them all took a
  // phone tens of milliseconds while the page hydrated, for a tooltip or a
  // table nobody had opened yet.
  const twoDecimals = lazy(
    () =>
      new Intl.NumberFormat(tag, {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
        // "negative" keeps an amount that rounds to zero from reading "-0,00".
        signDisplay: 'negative',
      }),
  );
  const euroCurrency = lazy(
    () => new Intl.NumberFormat(tag, { style: 'currency', currency: 'EUR', signDisplay: 'negative' }),
  );
  const percentNumber = lazy(
    () =>
      new Intl.NumberFormat(tag, {
        style: 'percent',
        maximumFractionDigits: 0,
        signDisplay: 'negative',
      }),
  );
  const kwhFine = lazy(
    () =>
      new Intl.NumberFormat(tag, {
        minimumFractionDigits: 3,
        maximumFractionDigits: 3,
        signDisplay: 'negative',
      }),
  );
  const hours = lazy(() => new Intl.NumberFormat(tag, { style: 'unit', unit: 'hour', unitDisplay: 'short' }));
  const minutes = lazy(() => new Intl.NumberFormat(tag, { style: 'unit', unit: 'minute', unitDisplay: 'short' }));
  const clockFormat = lazy(
    () =>
      new Intl.DateTimeFormat(tag, {
        timeZone: BERLIN_TIME_ZONE,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  );
  const zoneFormat = lazy(() => new Intl.DateTimeFormat(tag, { timeZone: BERLIN_TIME_ZONE, timeZoneName: 'short' }));
  // Calendar dates are formatted at UTC noon in UTC so that no offset can
  // move them to a neighbouring day.
  const longDate = lazy(
    () =>
      new Intl.DateTimeFormat(tag, {
        timeZone: 'UTC',
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
      }),
  );
  const shortDateFormat = lazy(
    () =>
      new Intl.DateTimeFormat(tag, {
        timeZone: 'UTC',
        weekday: 'short',
        day: 'numeric',
        month: 'short',
      }),
  );
  const weekdayFormat = lazy(() => new Intl.DateTimeFormat(tag, { timeZone: 'UTC', weekday: 'long' }));

  /** "CET"/"CEST" in English, "MEZ"/"MESZ" in German. */
  function zoneName(ms: number): string {
    const name = zoneFormat()
      .formatToParts(ms)
      .find((part) => part.type === 'timeZoneName')?.value;
    // Intl without full zone data answers "GMT+1": the fixed name is clearer.
    return name && !name.startsWith('GMT') && !name.startsWith('UTC') ? name : berlinZoneName(ms);
  }

  // A page formats the same few hundred prices and quarter-hours (192 rows
  // of four prices, 96 rows of times) on every view, and Intl takes
  // microseconds a call: each answer is kept (the formatter lives as long as
  // the process).
  const clock = remembered((ms: number) => clockFormat().format(ms));
  const priceNumber = remembered((ct: number) => withMinus(twoDecimals().format(ct)));
  const euroNumber = remembered((ct: number) => withMinus(twoDecimals().format(ct / 100)));
  const kwhNumber = remembered((value: number) => withMinus(kwhFine().format(value)));
  const shortDate = remembered((date: string) => shortDateFormat().format(dateAtNoon(date)).replace(',', ''));

  return {
    locale,
    priceNumber,
    price: (ct) => `${priceNumber(ct)}\u00a0ct/kWh`,
    clock,
    time: (ms) => (isAmbiguousBerlinTime(ms) ? `${clock(ms)} (${zoneName(ms)})` : clock(ms)),
    timeRange(start, end) {
      if (!isAmbiguousBerlinTime(start) && !isAmbiguousBerlinTime(end)) return `${clock(start)}–${clock(end)}`;
      const startZone = zoneName(start);
      const endZone = zoneName(end);
      if (startZone === endZone) return `${clock(start)}–${clock(end)} (${endZone})`;
      return `${clock(start)} (${startZone})–${clock(end)} (${endZone})`;
    },
    date: (date) => longDate().format(dateAtNoon(date)),
    shortDate,
    weekday: (date) => weekdayFormat().format(dateAtNoon(date)),
    duration(total) {
      const rounded = Math.round(total);
      const sign = rounded < 0 ? MINUS : '';
      const h = Math.floor(Math.abs(rounded) / 60);
      const m = Math.abs(rounded) % 60;
      if (h === 0) return `${sign}${minutes().format(m)}`;
      if (m === 0) return `${sign}${hours().format(h)}`;
      return `${sign}${hours().format(h)} ${minutes().format(m)}`;
    },
    percent: (value) => withMinus(percentNumber().format(value / 100)),
    euro: (ct) => withMinus(euroCurrency().format(ct / 100)),
    euroNumber,
    kwh: (value) => `${withMinus(twoDecimals().format(value))}\u00a0kWh`,
    kwhNumber,
  };
}

const ANSWERS_KEPT = 20_000;

/** `format` with its answers kept, at most ANSWERS_KEPT of them (then it starts over). */
function remembered<K extends number | string>(format: (value: K) => string): (value: K) => string {
  const answers = new Map<K, string>();
  return (value) => {
    let answer = answers.get(value);
    if (answer === undefined) {
      answer = format(value);
      if (answers.size >= ANSWERS_KEPT) answers.clear();
      answers.set(value, answer);
    }
    return answer;
  };
}

/** `create()`, called once, when first needed. */
function lazy<T>(create: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= create());
}
