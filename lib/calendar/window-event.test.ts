import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';

import { attachmentDisposition, windowEvent, windowFileName, type WindowEventInput } from './window-event';

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
    expect(() => windowEvent({ ...input, end: input.start - 1 }, 'en')).toThrow();
  });

  it('writes start and end as UTC instants a second parser reads back exactly, in either language', () => {
    for (const locale of ['en', 'de'] as const) {
      const { event } = parse(windowEvent(input, locale));
      expect(event.startDate.toJSDate().getTime()).toBe(input.start);
      expect(event.endDate.toJSDate().getTime()).toBe(input.end);
      expect(event.startDate.zone?.tzid).toBe('UTC');
    }
  });

  it('puts the average price, the saving and the link in the description, in English', () => {
    const { event, description } = parse(windowEvent(input, 'en'));
    expect(event.summary).toBe('Run your load: cheapest 2 hrs');
    expect(description).toContain('Tue 24 Nov, 02:00–04:00 (Europe/Berlin).');
    expect(description).toContain('Average price 12.35\u00a0ct/kWh.');
    expect(description).toContain('3.20\u00a0ct/kWh (21%) cheaper than the day’s average price.');
    expect(description).toContain(`From your Nomos prices (sub_anna_home): ${input.url}`);
  });

  it('writes the event in German for a German customer, with German numbers and dates', () => {
    const { event, description } = parse(windowEvent(input, 'de'));
    expect(event.summary).toBe('Günstigste Zeit zum Starten (2 Std.)');
    expect(description).toContain('Di. 24. Nov., 02:00–04:00 (Zeitzone Europe/Berlin).');
    expect(description).toContain('Durchschnittspreis: 12,35\u00a0ct/kWh.');
    expect(description).toContain('3,20\u00a0ct/kWh (21\u00a0%) günstiger als der Durchschnittspreis des Tages.');
    expect(description).toContain(`Aus Ihren Nomos-Preisen (sub_anna_home): ${input.url}`);
    expect(description).not.toMatch(/Average|cheaper|price|From your/);
    // The link survives the line folding of a longer, non-ASCII text unchanged.
    expect(event.component.getFirstPropertyValue('url')).toBe(input.url);
  });

  it('names the repeated hour of the autumn DST day by its zone', () => {
    const start = Date.parse('2026-10-25T01:00:00Z'); // 02:00 CET, the second 02:00
    expect(parse(windowEvent({ ...input, start, end: start + 30 * 60_000 }, 'en')).description).toContain(
      '02:00–02:30 (CET)',
    );
    expect(parse(windowEvent({ ...input, start, end: start + 30 * 60_000 }, 'de')).description).toContain(
      '02:00–02:30 (MEZ)',
    );
  });

  it('leaves the percentage out when the day has none, and says when the window is dearer', () => {
    const { description } = parse(windowEvent({ ...input, vsDay: { ct: -1.5, percent: null } }, 'en'));
    expect(description).toContain('1.50\u00a0ct/kWh dearer than the day’s average price.');
    const german = parse(windowEvent({ ...input, vsDay: { ct: -1.5, percent: null } }, 'de')).description;
    expect(german).toContain('1,50\u00a0ct/kWh teurer als der Durchschnittspreis des Tages.');
  });

  it('words feed-in as a payout, where more is better', () => {
    const { event, description } = parse(windowEvent({ ...input, kind: 'feed_in' }, 'en'));
    expect(event.summary).toBe('Feed in: best-paid 2 hrs');
    expect(description).toContain('Average payout 12.35\u00a0ct/kWh.');
    expect(description).toContain('more than the day’s average payout');
    const german = parse(windowEvent({ ...input, kind: 'feed_in' }, 'de'));
    expect(german.event.summary).toBe('Beste Zeit zum Einspeisen (2 Std.)');
    expect(german.description).toContain('Durchschnittliche Vergütung: 12,35\u00a0ct/kWh.');
    expect(german.description).toContain('mehr als die durchschnittliche Vergütung des Tages');
  });
});

describe('the download’s file name', () => {
  it('is named by the window’s start in UTC and in the customer’s language', () => {
    expect(windowFileName(input, 'en')).toBe('cheapest-window-20261124-0100Z.ics');
    expect(windowFileName(input, 'de')).toBe('günstigste-zeit-20261124-0100Z.ics');
    expect(windowFileName({ ...input, kind: 'feed_in' }, 'de')).toBe('beste-einspeisezeit-20261124-0100Z.ics');
  });

  it('gives a non-ASCII name as RFC 5987 UTF-8 with an ASCII fallback, and an ASCII one as it is', () => {
    expect(attachmentDisposition('cheapest-window-20261124-0100Z.ics')).toBe(
      'attachment; filename="cheapest-window-20261124-0100Z.ics"',
    );
    expect(attachmentDisposition('günstigste-zeit-20261124-0100Z.ics')).toBe(
      'attachment; filename="guenstigste-zeit-20261124-0100Z.ics"; filename*=UTF-8\'\'g%C3%BCnstigste-zeit-20261124-0100Z.ics',
    );
  });
});
