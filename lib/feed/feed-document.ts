/**
 * The calendar feed's two bodies, from one model: an iCalendar subscription
 * (`.ics`, built by the `ics` library with the download's event text) and
 * the same windows as JSON for home-automation tools (`.json`). Pure: the
 * same model always gives the same bytes, so the ETag changes only when the
 * windows do.
 */
import { createEvents, type EventAttributes } from 'ics';

import { windowDescriptionLines, windowEventAttributes } from '@/lib/calendar/window-event';
import { formatFor } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/messages';
import { berlinDate } from '@/lib/prices/berlin-time';
import type { SubscriptionKind } from '@/lib/prices/cheapest-window';
import type { LoadWindow } from '@/lib/prices/load-windows';
import { significant } from '@/lib/prices/window-answer';

/** Minutes before a window's start at which calendars remind (VALARM). */
export const REMINDER_MINUTES = 15;
/** How often calendars should fetch the feed again (`REFRESH-INTERVAL`, `X-PUBLISHED-TTL`). */
export const REFRESH_INTERVAL = 'PT1H';

export type FeedWindow = LoadWindow & {
  /** The customer's own name of the load. */
  loadName: string;
  /** The event's UID: the load and the window's start, stable across fetches. */
  uid: string;
};

/** What a feed shows, cached per customer between fetches. */
export type FeedModel = {
  locale: Locale;
  /** When the windows last changed (DTSTAMP, Last-Modified), epoch ms. */
  changedAt: number;
  subscription: { id: string; kind: SubscriptionKind; status: 'active' | 'pending' | 'ended' | 'missing' };
  windows: FeedWindow[];
};

/** The dashboard with the window's duration: the same search, from now. */
export function dashboardLink(appUrl: string, subscriptionId: string, durationMinutes: number): string {
  const params = new URLSearchParams({ subscription: subscriptionId, duration: String(durationMinutes) });
  return `${appUrl}/dashboard?${params}`;
}

/** One iCalendar content line: TEXT escaped (RFC 5545 §3.3.11), folded at 75 octets (§3.1). */
function contentLine(name: string, text: string): string {
  const line = `${name}:${text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n')}`;
  const bytes = Buffer.from(line, 'utf8');
  const parts: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(bytes.length, start + (start === 0 ? 75 : 74));
    // Never split a UTF-8 sequence: back up to the start of a character.
    while (end < bytes.length && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
  }
  return `${parts.join('\r\n ')}\r\n`;
}

function eventOf(model: FeedModel, window: FeedWindow, appUrl: string): EventAttributes {
  const { locale, subscription } = model;
  const t = translatorFor(locale, 'feed');
  const format = formatFor(locale);
  const input = {
    subscriptionId: subscription.id,
    kind: subscription.kind,
    start: window.start,
    end: window.end,
    durationMinutes: window.durationMinutes,
    average: window.average,
    vsDay: window.vsDay,
    url: dashboardLink(appUrl, subscription.id, window.durationMinutes),
  };
  const description = [
    t('deadline', {
      load: window.loadName,
      duration: format.duration(window.durationMinutes),
      deadline: `${format.shortDate(berlinDate(window.latestFinish))} ${format.time(window.latestFinish)}`,
    }),
    ...windowDescriptionLines(input, locale),
    window.complete ? null : t('tentative'),
  ].filter((line): line is string => line !== null);
  // `timestamp` (DTSTAMP) is written by `ics` but missing from its types.
  const event: EventAttributes & { timestamp: number } = {
    ...windowEventAttributes(input, locale),
    productId: 'nomos-hems/feed',
    uid: window.uid,
    title: t('title', { kind: subscription.kind, load: window.loadName, price: format.price(window.average) }),
    description: description.join('\n'),
    status: window.complete ? 'CONFIRMED' : 'TENTATIVE',
    timestamp: model.changedAt,
    alarms: [
      {
        action: 'display',
        description: t('alarm', { load: window.loadName, minutes: REMINDER_MINUTES }),
        trigger: { minutes: REMINDER_MINUTES, before: true },
      },
    ],
  };
  return event;
}

/** The `.ics` body: one event per window, in the customer's language. */
export function feedCalendar(model: FeedModel, appUrl: string): string {
  const t = translatorFor(model.locale, 'feed');
  const calName = t('calendarName');
  const { error, value } = createEvents(
    model.windows.map((window) => eventOf(model, window, appUrl)),
    { productId: 'nomos-hems/feed', calName },
  );
  if (error || !value) throw error ?? new Error('ics returned no calendar');
  const description =
    model.subscription.status === 'active' || model.subscription.status === 'missing'
      ? t('calendarDescription')
      : translatorFor(model.locale, 'Calendar')('noPrices', {
          status: model.subscription.status,
          subscription: model.subscription.id,
        });
  // `ics` writes X-PUBLISHED-TTL (Outlook, Google); Apple and RFC 7986 read REFRESH-INTERVAL.
  const extra = `REFRESH-INTERVAL;VALUE=DURATION:${REFRESH_INTERVAL}\r\n${contentLine('X-WR-CALDESC', description)}`;
  return value.replace(/X-PUBLISHED-TTL:[^\r]*\r\n/, () => `X-PUBLISHED-TTL:${REFRESH_INTERVAL}\r\n${extra}`);
}

/**
 * The `.json` body, version 1. Field names are stable; new fields may be
 * added. Times are ISO 8601 in UTC; prices in ct/kWh with twelve
 * significant digits, as the dashboard receives them. See
 * docs/calendar-feed.md for the shape.
 */
export type FeedJson = {
  version: 1;
  updatedAt: string;
  locale: Locale;
  unit: 'ct/kWh';
  subscription: FeedModel['subscription'];
  windows: {
    uid: string;
    loadId: string;
    loadName: string;
    durationMinutes: number;
    start: string;
    end: string;
    latestFinish: string;
    averageCtPerKwh: number;
    savingVsDayAverage: { ctPerKwh: number; percent: number | null } | null;
    complete: boolean;
    url: string;
  }[];
};

export function feedJson(model: FeedModel, appUrl: string): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  const body: FeedJson = {
    version: 1,
    updatedAt: iso(model.changedAt),
    locale: model.locale,
    unit: 'ct/kWh',
    subscription: model.subscription,
    windows: model.windows.map((window) => ({
      uid: window.uid,
      loadId: window.loadId,
      loadName: window.loadName,
      durationMinutes: window.durationMinutes,
      start: iso(window.start),
      end: iso(window.end),
      latestFinish: iso(window.latestFinish),
      averageCtPerKwh: significant(window.average),
      savingVsDayAverage: window.vsDay && {
        ctPerKwh: significant(window.vsDay.ct),
        percent: window.vsDay.percent === null ? null : significant(window.vsDay.percent),
      },
      complete: window.complete,
      url: dashboardLink(appUrl, model.subscription.id, window.durationMinutes),
    })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
