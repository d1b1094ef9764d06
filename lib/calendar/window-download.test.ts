import ICAL from 'ical.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import type { DashboardState } from '@/lib/dashboard/dashboard';
import type { Locale } from '@/lib/i18n/locales';
import { makeSubscription } from '@/lib/nomos/fixtures';
import { makeIntervals } from '@/lib/prices/fixtures';

const mocks = vi.hoisted(() => ({
  locale: 'en' as Locale,
  state: null as unknown as DashboardState,
}));

vi.mock('@/lib/config', () => ({ config: { appUrl: 'https://hems.example' } }));
vi.mock('next-intl/server', () => ({ getLocale: async () => mocks.locale }));
vi.mock('@/lib/dashboard/dashboard', () => ({ loadDashboard: async () => mocks.state }));

const { windowCalendarResponse } = await import('./window-download');

const anna = makeSubscription();

// A past day: cheap from 02:00 to 04:00, 30 ct otherwise.
const DAY = '2026-11-20';
const subscriptionState: DashboardState = {
  kind: 'subscription',
  subscriptions: [anna],
  subscription: anna,
  now: Date.parse('2026-11-23T15:07:00Z'),
  date: DAY,
  series: {
    unit: 'ct/kWh',
    currency: 'EUR',
    resolution: '15min',
    reference: null,
    intervals: makeIntervals(DAY, { amount: (i) => (i >= 8 && i < 16 ? 10 : 30) }),
  },
};

const query = new URLSearchParams({ subscription: 'sub_anna_home', date: DAY, duration: '120' });

function summaryOf(text: string): string {
  const event = new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent') ?? undefined);
  return event.summary;
}

describe('windowCalendarResponse', () => {
  beforeEach(() => {
    mocks.state = subscriptionState;
  });

  it('answers an English customer with an English event and file name', async () => {
    mocks.locale = 'en';
    const response = await windowCalendarResponse(query);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="cheapest-window-20261120-0100Z.ics"',
    );
    expect(response.headers.get('vary')).toContain('Accept-Language');
    const text = await response.text();
    expect(summaryOf(text)).toBe('Run your load: cheapest 2 hrs');
  });

  it('answers a German customer with a German event and file name', async () => {
    mocks.locale = 'de';
    const response = await windowCalendarResponse(query);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="guenstigste-zeit-20261120-0100Z.ics"; filename*=UTF-8\'\'g%C3%BCnstigste-zeit-20261120-0100Z.ics',
    );
    const text = await response.text();
    expect(summaryOf(text)).toBe('Günstigste Zeit zum Starten (2 Std.)');
    expect(text).toContain('Fr. 20. Nov.');
  });

  it('refuses in the customer’s language', async () => {
    mocks.locale = 'de';
    mocks.state = { kind: 'not-connected' };
    const notConnected = await windowCalendarResponse(query);
    expect(notConnected.status).toBe(401);
    expect(await notConnected.text()).toBe(
      'Bitte verbinden Sie zuerst Ihr Nomos-Konto: https://hems.example/dashboard\n',
    );

    mocks.state = { kind: 'nomos-error', reason: 'unavailable', message: 'Nomos timed out', requestId: 'req_42' };
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const unavailable = await windowCalendarResponse(query);
    expect(unavailable.status).toBe(503);
    const body = await unavailable.text();
    expect(body).toContain('req_42');
    expect(body).not.toContain('Nomos timed out');
    expect(spy).toHaveBeenCalledWith(expect.stringContaining('Nomos timed out'));
    spy.mockRestore();

    mocks.locale = 'en';
    mocks.state = { ...subscriptionState, subscription: { ...anna, status: 'ended' }, series: null };
    const ended = await windowCalendarResponse(query);
    expect(ended.status).toBe(404);
    expect(await ended.text()).toBe('Subscription sub_anna_home has ended: it has no prices to plan with.\n');
  });

  it('keeps a bad query’s reasons technical', async () => {
    const response = await windowCalendarResponse(new URLSearchParams({ date: '2026-02-30', duration: 'abc' }));
    expect(response.status).toBe(400);
    const body = await response.text();
    expect(body).toContain('date must be a calendar date');
    expect(body).toContain('duration must be whole minutes');
  });
});
