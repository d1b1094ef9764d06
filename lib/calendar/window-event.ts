/**
 * The cheapest window as an iCalendar event, built by the `ics` library
 * (RFC 5545 escaping, line folding and CRLF are its job, not ours). Times
 * are written in UTC (`…Z`), which every calendar shows in its own zone and
 * which needs no VTIMEZONE, so the DST hours cannot be misread.
 */
import { createEvent } from 'ics';

import type { SubscriptionKind } from '@/components/prices/wording';
import type { Saving } from '@/lib/prices/cheapest-window';
import { formatDuration, formatPercent, formatPrice, formatShortDate, formatTimeRange } from '@/lib/prices/format';
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

function savingSentence(saving: Saving, kind: SubscriptionKind): string {
  const percent = saving.percent === null ? '' : ` (${formatPercent(Math.abs(saving.percent))})`;
  const amount = `${formatPrice(Math.abs(saving.ct))}${percent}`;
  if (kind === 'feed_in') return saving.ct >= 0 ? `${amount} more than the day’s average payout.` : `${amount} less than the day’s average payout.`;
  return saving.ct >= 0 ? `${amount} cheaper than the day’s average price.` : `${amount} dearer than the day’s average price.`;
}

/** The `.ics` text of one event; throws when `ics` refuses the input. */
export function windowEvent(input: WindowEventInput): string {
  // `ics` writes an event that ends before it starts; calendars then drop it silently.
  if (!(input.end > input.start)) throw new RangeError('A calendar window must end after it starts');
  const duration = formatDuration(input.durationMinutes);
  const title = input.kind === 'feed_in' ? `Feed in: best-paid ${duration}` : `Run your load: cheapest ${duration}`;
  const lines = [
    `${formatShortDate(berlinDate(input.start))}, ${formatTimeRange(input.start, input.end)} (Europe/Berlin).`,
    `Average ${input.kind === 'feed_in' ? 'payout' : 'price'} ${formatPrice(input.average)}.`,
    input.vsDay ? savingSentence(input.vsDay, input.kind) : null,
    `From your Nomos prices (${input.subscriptionId}): ${input.url}`,
  ].filter((line): line is string => line !== null);
  const { error, value } = createEvent({
    productId: 'nomos-hems/cheapest-window',
    uid: `${input.subscriptionId}-${input.start}-${input.end}@nomos-hems`,
    title,
    description: lines.join('\n'),
    url: input.url,
    start: input.start,
    startInputType: 'utc',
    startOutputType: 'utc',
    end: input.end,
    endInputType: 'utc',
    endOutputType: 'utc',
    busyStatus: 'FREE',
  });
  if (error || !value) throw error ?? new Error('ics returned no calendar');
  return value;
}
