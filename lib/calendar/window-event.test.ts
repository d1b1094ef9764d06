import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';

import { windowEvent, type WindowEventInput } from './window-event';

const input: WindowEventInput = {
  subscriptionId: 'sub_anna_home',
  kind: 'consumption',
  // 02:00–04:00 CET on 24 Nov 2026.
  start: Date.parse('2026-11-24T01:00:00Z'),
  end: Date.parse('2026-11-24T03:00:00Z'),
  durationMinutes: 120,
  average: 12.345,
  vsDay: { ct: 3.2, percent: 21 },
  url: 'https://hems.example/dashboard?subscription=sub_anna_home&date=2026-11-23&duration=120',
};

function parse(text: string) {
  const component = new ICAL.Component(ICAL.parse(text));
  const event = new ICAL.Event(component.getFirstSubcomponent('vevent') ?? undefined);
  return { event, description: event.description };
}

describe('windowEvent', () => {
  it('refuses an event that ends before it starts instead of writing a broken file', () => {
    expect(() => windowEvent({ ...input, end: input.start - 1 })).toThrow();
  });

  it('writes start and end as UTC instants a second parser reads back exactly', () => {
    const { event } = parse(windowEvent(input));
    expect(event.startDate.toJSDate().getTime()).toBe(input.start);
    expect(event.endDate.toJSDate().getTime()).toBe(input.end);
    expect(event.startDate.zone?.tzid).toBe('UTC');
  });

  it('puts the average price, the saving and the link in the description', () => {
    const { event, description } = parse(windowEvent(input));
    expect(event.summary).toBe('Run your load: cheapest 2 h');
    expect(description).toContain('02:00–04:00');
    expect(description).toContain('Average price 12,35 ct/kWh.');
    expect(description).toContain('3,20 ct/kWh (21 %) cheaper than the day’s average price.');
    expect(description).toContain(input.url);
  });

  it('names the repeated hour of the autumn DST day by its zone', () => {
    const start = Date.parse('2026-10-25T01:00:00Z'); // 02:00 CET, the second 02:00
    const { description } = parse(windowEvent({ ...input, start, end: start + 30 * 60_000 }));
    expect(description).toContain('02:00–02:30 (CET)');
  });

  it('words feed-in as a payout, where more is better', () => {
    const { event, description } = parse(windowEvent({ ...input, kind: 'feed_in' }));
    expect(event.summary).toBe('Feed in: best-paid 2 h');
    expect(description).toContain('more than the day’s average payout');
  });
});
