import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { findCheapestWindow } from '@/lib/prices/cheapest-window';
import { makeIntervals, makeSeries } from '@/lib/prices/fixtures';
import { loadWindows } from '@/lib/prices/load-windows';

import { feedCalendar, feedJson, type FeedModel } from './feed-document';

const APP_URL = 'https://hems.example';

/** The JSON sibling's documented shape (docs/calendar-feed.md), written out here so a change to it fails. */
const feedJsonSchema = z.strictObject({
  version: z.literal(1),
  updatedAt: z.iso.datetime(),
  locale: z.enum(['de', 'en']),
  unit: z.literal('ct/kWh'),
  subscription: z.strictObject({
    id: z.string(),
    kind: z.enum(['consumption', 'feed_in']),
    status: z.enum(['active', 'pending', 'ended', 'missing']),
  }),
  windows: z.array(
    z.strictObject({
      uid: z.string(),
      loadId: z.string(),
      loadName: z.string(),
      durationMinutes: z.number().int(),
      start: z.iso.datetime(),
      end: z.iso.datetime(),
      latestFinish: z.iso.datetime(),
      averageCtPerKwh: z.number(),
      savingVsDayAverage: z.strictObject({ ctPerKwh: z.number(), percent: z.number().nullable() }).nullable(),
      complete: z.boolean(),
      url: z.url(),
    }),
  ),
});

// The autumn DST weekend: 24 and 25 Oct 2026 (the 25th has 25 hours); cheapest in the repeated hour.
const series = makeSeries(
  makeIntervals('2026-10-24', {
    days: 2,
    amount: (i, start) =>
      start >= Date.parse('2026-10-25T01:00:00Z') && start < Date.parse('2026-10-25T03:00:00Z') ? 4.123 : 20 + (i % 5),
  }),
);
const loads = [
  { id: 'dishwasher', name: 'Spülmaschine; "eco", 2h', durationMinutes: 120, latestFinish: '07:00' },
  { id: 'ev', name: 'EV', durationMinutes: 60, latestFinish: '18:00' },
];
const NOW = Date.parse('2026-10-24T12:07:00Z');

function modelFor(locale: 'de' | 'en', overrides: Partial<FeedModel> = {}): FeedModel {
  const names = new Map(loads.map((load) => [load.id, load.name]));
  return {
    locale,
    changedAt: NOW,
    subscription: { id: 'sub_anna_home', kind: 'consumption', status: 'active' },
    windows: loadWindows({ series, kind: 'consumption', loads, now: NOW }).map((window) => ({
      ...window,
      loadName: names.get(window.loadId) ?? '',
      uid: `${window.loadId}-${window.start}@test`,
    })),
    ...overrides,
  };
}

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
  return { calendar, events };
}

describe('feedCalendar', () => {
  it('writes an empty calendar, not a broken one, and says why when the subscription has no prices', () => {
    const text = feedCalendar(
      modelFor('en', { windows: [], subscription: { id: 'sub_x', kind: 'consumption', status: 'ended' } }),
      APP_URL,
    );
    const { calendar, events } = parse(text);
    expect(events).toEqual([]);
    expect(calendar.getFirstPropertyValue('x-wr-caldesc')).toBe(
      'Subscription sub_x has ended: it has no prices to plan with.',
    );
  });

  it('lists the windows findCheapestWindow finds for each load, DST day included, as UTC instants', () => {
    const model = modelFor('en');
    const { events } = parse(feedCalendar(model, APP_URL));
    // Computed again here, straight from findCheapestWindow over the 24 hours before each deadline.
    // [load, the same time the day before, deadline, duration]: the 24 wall-clock hours, 25 across the change.
    const deadlines = [
      ['ev', '2026-10-23T16:00:00Z', '2026-10-24T16:00:00Z', 60], // 18:00 CEST
      ['dishwasher', '2026-10-24T05:00:00Z', '2026-10-25T06:00:00Z', 120], // 07:00 CEST to 07:00 CET
      ['ev', '2026-10-24T16:00:00Z', '2026-10-25T17:00:00Z', 60],
      ['dishwasher', '2026-10-25T06:00:00Z', '2026-10-26T06:00:00Z', 120],
      ['ev', '2026-10-25T17:00:00Z', '2026-10-26T17:00:00Z', 60],
    ] as const;
    const expected = deadlines
      .flatMap(([loadId, earliest, deadline, durationMinutes]) => {
        const intervals = series.intervals.filter(
          (i) => i.start >= Date.parse(earliest) && i.end <= Date.parse(deadline),
        );
        const found = findCheapestWindow(intervals, { from: NOW, durationMinutes });
        return found.kind === 'found' ? [{ loadId, start: found.start, end: found.end }] : [];
      })
      .sort((a, b) => a.start - b.start);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(
      events.map((event) => ({
        loadId: event.uid.split('-')[0],
        start: event.startDate.toJSDate().getTime(),
        end: event.endDate.toJSDate().getTime(),
      })),
    ).toEqual(expected);
    // The dishwasher runs in the repeated hour's cheap prices: 02:00 CET, the second 02:00.
    const dishwasher = events.find((event) => event.uid.startsWith('dishwasher'));
    expect(dishwasher?.startDate.toJSDate().toISOString()).toBe('2026-10-25T01:00:00.000Z');
    expect(dishwasher?.description).toContain('02:00–04:00');
  });

  it('gives every event a stable UID, DTSTAMP, a reminder, the load and price in its title, and a link', () => {
    const model = modelFor('en');
    const { calendar, events } = parse(feedCalendar(model, APP_URL));
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Nomos HEMS: cheapest times');
    expect(calendar.getFirstPropertyValue('refresh-interval')?.toString()).toBe('PT1H');
    expect(calendar.getFirstPropertyValue('x-published-ttl')).toBe('PT1H');
    expect(events.map((event) => event.uid)).toEqual(
      [...model.windows].sort((a, b) => a.start - b.start).map((w) => w.uid),
    );
    for (const event of events) {
      const window = model.windows.find((w) => w.uid === event.uid)!;
      expect(event.component.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-10-24T12:07:00Z');
      const alarm = event.component.getFirstSubcomponent('valarm');
      expect(alarm?.getFirstPropertyValue('action')).toBe('DISPLAY');
      expect(alarm?.getFirstPropertyValue('trigger')?.toString()).toBe('-PT15M');
      expect(event.summary).toContain(window.loadName);
      expect(event.component.getFirstPropertyValue('url')).toBe(
        `${APP_URL}/dashboard?subscription=sub_anna_home&duration=${window.durationMinutes}`,
      );
      expect(event.component.getFirstPropertyValue('status')).toBe(window.complete ? 'CONFIRMED' : 'TENTATIVE');
    }
    const dishwasher = events.find((event) => event.uid.startsWith('dishwasher'))!;
    // Escaping of the customer's own name survives a second parser unchanged.
    expect(dishwasher.summary).toBe('Spülmaschine; "eco", 2h: cheapest time, 4.12\u00a0ct/kWh');
    expect(dishwasher.description).toContain('must be done by Sun 25 Oct 07:00.');
    expect(dishwasher.description).toMatch(/ct\/kWh \(\d+%\) cheaper than the day’s average price\./);
    // Rendering the same model twice gives the same bytes: the ETag follows the windows, not the clock.
    expect(feedCalendar(model, APP_URL)).toBe(feedCalendar(model, APP_URL));
  });

  it('marks a window whose prices are not all published as tentative', () => {
    const { events } = parse(feedCalendar(modelFor('en'), APP_URL));
    const tentative = events.filter((event) => event.component.getFirstPropertyValue('status') === 'TENTATIVE');
    expect(tentative.length).toBeGreaterThan(0);
    for (const event of tentative) expect(event.description).toContain('this window may still move');
  });

  it('speaks German to a German customer', () => {
    const { calendar, events } = parse(feedCalendar(modelFor('de'), APP_URL));
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Nomos HEMS: günstigste Zeiten');
    const dishwasher = events.find((event) => event.uid.startsWith('dishwasher'))!;
    expect(dishwasher.summary).toBe('Spülmaschine; "eco", 2h: günstigste Zeit, 4,12\u00a0ct/kWh');
    expect(dishwasher.description).toContain('muss bis So. 25. Okt. 07:00 fertig sein.');
    expect(dishwasher.description).toContain('Durchschnittspreis: 4,12\u00a0ct/kWh.');
    const alarm = dishwasher.component.getFirstSubcomponent('valarm');
    expect(alarm?.getFirstPropertyValue('description')).toBe('Spülmaschine; "eco", 2h: Start in 15 Minuten');
    expect(dishwasher.description).not.toMatch(/cheaper|Average|must be/);
  });
});

describe('feedJson', () => {
  it('has the documented shape, with the same windows as the calendar', () => {
    const model = modelFor('en');
    const body = feedJsonSchema.parse(JSON.parse(feedJson(model, APP_URL)));
    expect(body.updatedAt).toBe('2026-10-24T12:07:00.000Z');
    expect(body.windows.map((w) => [w.loadId, Date.parse(w.start), Date.parse(w.end)])).toEqual(
      model.windows.map((w) => [w.loadId, w.start, w.end]),
    );
    const dishwasher = body.windows.find((w) => w.loadId === 'dishwasher')!;
    expect(dishwasher).toMatchObject({
      loadName: 'Spülmaschine; "eco", 2h',
      start: '2026-10-25T01:00:00.000Z',
      latestFinish: '2026-10-25T06:00:00.000Z',
      averageCtPerKwh: 4.123,
      complete: true,
    });
    // Float noise trimmed as the dashboard's answer is.
    expect(String(dishwasher.savingVsDayAverage?.ctPerKwh).length).toBeLessThan(16);
  });
});
