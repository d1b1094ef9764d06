/**
 * The cheapest window as an iCalendar event, built by the `ics` library
 * (RFC 5545 escaping, line folding and CRLF are its job, not ours). Times
 * are written in UTC (`…Z`), which every calendar shows in its own zone and
 * which needs no VTIMEZONE, so the DST hours cannot be misread. The title,
 * the description and the file name are in the customer's language.
 */
import { createEvent, type EventAttributes } from 'ics';

import { formatFor } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/messages';
import type { Saving, SubscriptionKind } from '@/lib/prices/cheapest-window';
import { berlinDate } from '@/lib/prices/berlin-time';

export type WindowEventInput = {
  subscriptionId: string;
  kind: SubscriptionKind;
  start: number;
  end: number;
  durationMinutes: number;
  average: number;
  /** Against the day's average price; null when the day has no average. */
  vsDay: Saving | null;
  /** The link to the same answer in the app. */
  url: string;
};

function savingSentence(saving: Saving, kind: SubscriptionKind, locale: Locale): string {
  const format = formatFor(locale);
  const price = format.price(Math.abs(saving.ct));
  // Two numbers side by side, "3,20 ct/kWh (21 %)": formatting, not wording.
  const amount = saving.percent === null ? price : `${price} (${format.percent(Math.abs(saving.percent))})`;
  return translatorFor(locale, 'Calendar')('saving', { kind, better: saving.ct >= 0 ? 'yes' : 'no', amount });
}

/**
 * The description of a window in `locale`, a line each: when (in Berlin
 * time), the average price, the saving against the day's average, and the
 * link back to the app. Shared by the download and the calendar feed.
 */
export function windowDescriptionLines(input: WindowEventInput, locale: Locale): string[] {
  const t = translatorFor(locale, 'Calendar');
  const format = formatFor(locale);
  return [
    t('when', { date: format.shortDate(berlinDate(input.start)), timeRange: format.timeRange(input.start, input.end) }),
    t('average', { kind: input.kind, price: format.price(input.average) }),
    input.vsDay ? savingSentence(input.vsDay, input.kind, locale) : null,
    t('source', { subscription: input.subscriptionId, url: input.url }),
  ].filter((line): line is string => line !== null);
}

/**
 * The `ics` attributes of one window's event: UTC start and end, title,
 * description and link in `locale`, shown as free time. Throws when the
 * window ends before it starts, which `ics` would write and calendars drop
 * silently.
 */
export function windowEventAttributes(input: WindowEventInput, locale: Locale): EventAttributes {
  if (!(input.end > input.start)) throw new RangeError('A calendar window must end after it starts');
  const t = translatorFor(locale, 'Calendar');
  return {
    productId: 'nomos-hems/cheapest-window',
    uid: `${input.subscriptionId}-${input.start}-${input.end}@nomos-hems`,
    title: t('title', { kind: input.kind, duration: formatFor(locale).duration(input.durationMinutes) }),
    description: windowDescriptionLines(input, locale).join('\n'),
    url: input.url,
    start: input.start,
    startInputType: 'utc',
    startOutputType: 'utc',
    end: input.end,
    endInputType: 'utc',
    endOutputType: 'utc',
    busyStatus: 'FREE',
  };
}

/** The `.ics` text of one event in `locale`; throws when `ics` refuses the input. */
export function windowEvent(input: WindowEventInput, locale: Locale): string {
  const { error, value } = createEvent(windowEventAttributes(input, locale));
  if (error || !value) throw error ?? new Error('ics returned no calendar');
  return value;
}

/** "cheapest-window-20261124-0100Z.ics" / "günstigste-zeit-20261124-0100Z.ics": named by the window's start in UTC. */
export function windowFileName(input: Pick<WindowEventInput, 'kind' | 'start'>, locale: Locale): string {
  const stamp = `${new Date(input.start).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-')}Z`;
  return translatorFor(locale, 'Calendar')('fileName', { kind: input.kind, stamp });
}

const ASCII_FALLBACK: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' };

/**
 * `Content-Disposition` for a download named `fileName`: the name itself as
 * RFC 5987 UTF-8 (`filename*`, "günstigste-zeit-….ics"), and a plain ASCII
 * `filename` ("guenstigste-zeit-….ics") for clients that read only that.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName
    .replace(/[äöüÄÖÜß]/g, (letter) => ASCII_FALLBACK[letter] ?? '_')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  if (ascii === fileName) return `attachment; filename="${fileName}"`;
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
