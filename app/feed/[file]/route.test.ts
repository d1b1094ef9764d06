import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import ICAL from 'ical.js';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

import type { AlertSettings } from '@/lib/alerts/alert-settings';
import { NomosError } from '@/lib/nomos/errors';
import { priceSchema, subscriptionListItemSchema } from '@/lib/nomos/schemas';
import { makeIntervals } from '@/lib/prices/fixtures';
import type { HeldGrant } from '@/lib/auth/server-grant/held-grants';

// The durable store is the real one, SQLite in a temporary DATA_DIR; the held grant, the settings and Nomos are mocked.
const dataDir = mkdtempSync(path.join(tmpdir(), 'feed-route-test-'));
vi.stubEnv('DATA_DIR', dataDir);

const mocks = vi.hoisted(() => ({
  grants: new Map<string, HeldGrant>(),
  settings: new Map<string, AlertSettings>(),
  getAccessToken: vi.fn<(grant: HeldGrant) => Promise<string>>(),
  listSubscriptions: vi.fn<(token: string) => Promise<unknown[]>>(),
  getPrices: vi.fn<(token: string, subscription: string, start: string, end: string) => Promise<unknown>>(),
}));
vi.mock('@/lib/auth/server-grant/held-grants', () => ({
  getHeldGrant: async (owner: string) => mocks.grants.get(owner) ?? null,
  getAccessToken: (grant: HeldGrant) => mocks.getAccessToken(grant),
}));
vi.mock('@/lib/alerts/settings-store', () => ({
  getAlertSettings: async (owner: string) => mocks.settings.get(owner) ?? null,
}));
vi.mock('@/lib/nomos/client', () => ({
  listSubscriptions: (token: string) => mocks.listSubscriptions(token),
  getPrices: (token: string, subscription: string, start: string, end: string) =>
    mocks.getPrices(token, subscription, start, end),
}));

const { GET } = await import('./route');
const { createFeedAddress, revokeFeedAddresses, rotateFeedAddress } = await import('@/lib/feed/feed-address');
const { FEED_RATE_LIMIT } = await import('@/lib/feed/feed-response');
const { getDurableStore } = await import('@/lib/store/durable');
const { loadWindows } = await import('@/lib/prices/load-windows');

afterAll(async () => {
  await (await getDurableStore()).close();
  rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

// Monday 23 Nov 2026, 11:00 in Berlin; tomorrow's prices are published.
const NOW = Date.parse('2026-11-23T10:00:00Z');
const intervals = makeIntervals('2026-11-23', {
  days: 2,
  amount: (i) => (i % 96 >= 8 && i % 96 < 16 ? 9 + (i % 3) : 25 + (i % 7)),
});
const apiPrice = priceSchema.parse({
  object: 'price',
  subscription: 'sub_anna_home',
  period: { start: '2026-11-22T23:00:00Z', end: '2026-11-24T22:59:59Z' },
  unit: 'ct/kWh',
  currency: 'EUR',
  resolution: '15min',
  reference: 'EPEX Day-Ahead',
  items: intervals.map((i) => ({ timestamp: new Date(i.start).toISOString(), amount: i.amount, components: [] })),
});
const subscription = subscriptionListItemSchema.parse({
  object: 'subscription',
  id: 'sub_anna_home',
  plan: 'plan_dynamic',
  status: 'active',
  estimated_usage: 2500,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  customer: 'cus_anna',
  address: 'adr_1',
  meter: 'mtr_1',
  payment_method: 'pm_1',
  billing_address: 'adr_1',
});
const loads = [
  { id: 'dishwasher', name: 'Dishwasher', durationMinutes: 120, latestFinish: '07:00' },
  { id: 'ev', name: 'EV', durationMinutes: 180, latestFinish: '18:00' },
];

let owners = 0;
/** A connected customer with a feed address: a fresh owner, so no cache or limit carries over. */
async function customer(locale: 'de' | 'en' = 'en') {
  const owner = `owner-${++owners}`;
  mocks.grants.set(owner, { owner, grantId: `grant-${owners}`, heldSince: NOW - 86_400_000, ended: null });
  mocks.settings.set(owner, {
    locale,
    subscriptionId: 'sub_anna_home',
    tomorrowPublished: true,
    cheapWindow: { enabled: true, leadMinutes: 30 },
    threshold: { enabled: false, mode: 'relative', ctPerKwh: 20, percentBelowAverage: 20 },
    quietHours: { enabled: true, from: '22:00', to: '07:00' },
    loads,
  });
  const address = await createFeedAddress(owner);
  const secret = /\/feed\/([^/]+)\.ics$/.exec(address.ics)?.[1] ?? '';
  return { owner, secret, address };
}

function get(file: string, headers: Record<string, string> = {}) {
  return GET(new Request(`http://localhost:3000/feed/${file}`, { headers }), {
    params: Promise.resolve({ file }),
  });
}

const logs = () =>
  [console.info, console.warn, console.error, console.log].flatMap((fn) =>
    vi.mocked(fn).mock.calls.map((call) => call.join(' ')),
  );

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  for (const level of ['info', 'warn', 'error', 'log'] as const) {
    vi.spyOn(console, level).mockImplementation(() => undefined);
  }
  mocks.getAccessToken.mockReset().mockResolvedValue('access-token-1');
  mocks.listSubscriptions.mockReset().mockResolvedValue([subscription]);
  mocks.getPrices.mockReset().mockResolvedValue(apiPrice);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function events(text: string) {
  return new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
}

describe('GET /feed/<secret>.ics and .json', () => {
  it('answers 404 alike to every address that opens nothing, and never says whether it existed', async () => {
    const { owner, secret } = await customer();
    const revoked = await customer();
    await revokeFeedAddresses(revoked.owner);
    const never = 'A'.repeat(43);
    const answers = await Promise.all(
      [
        `${never}.ics`,
        `${revoked}.ics`,
        `${revoked}.json`,
        `${secret}.txt`,
        `${secret}`,
        'x.ics',
        `${secret}.ics.ics`,
      ].map((file) => get(file)),
    );
    for (const response of answers) {
      expect(response.status).toBe(404);
      expect(await response.text()).toBe('Not found\n');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
    expect(mocks.getAccessToken).not.toHaveBeenCalled();
    // Forgetting the customer (one deleteOwner) ends the address the same way.
    await (await getDurableStore()).deleteOwner(owner);
    expect((await get(`${secret}.ics`)).status).toBe(404);
  });

  it('answers 410 Gone when the grant ended, was forgotten, Nomos ended it, or the feature is off', async () => {
    const ended = await customer();
    mocks.grants.set(ended.owner, { ...mocks.grants.get(ended.owner)!, ended: { at: NOW - 1, notified: true } });
    const forgotten = await customer('de');
    mocks.grants.delete(forgotten.owner);
    const off = await customer();
    mocks.settings.delete(off.owner);
    for (const { secret } of [ended, forgotten, off]) {
      const response = await get(`${secret}.ics`);
      expect(response.status).toBe(410);
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    }
    expect(mocks.getAccessToken).not.toHaveBeenCalled();

    const refused = await customer('de');
    mocks.getAccessToken.mockRejectedValueOnce(new NomosError('connection-ended', 'invalid_grant'));
    const response = await get(`${refused.secret}.json`);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain('Dieser Kalender ist beendet');
  });

  it('answers 503 with Retry-After when Nomos is unavailable, never an empty calendar', async () => {
    const { secret } = await customer();
    mocks.getAccessToken.mockRejectedValueOnce(new NomosError('unavailable', 'token endpoint timed out'));
    const first = await get(`${secret}.ics`);
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('300');
    expect(first.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await first.text()).not.toContain('BEGIN:VCALENDAR');

    mocks.getPrices.mockRejectedValueOnce(new NomosError('unavailable', 'prices timed out', { requestId: 'req_7' }));
    const second = await get(`${secret}.json`);
    expect(second.status).toBe(503);
    expect(logs().some((line) => line.includes('req_7'))).toBe(true);
    // Nothing failed was cached: the next poll asks Nomos again and gets the feed.
    expect((await get(`${secret}.ics`)).status).toBe(200);
  });

  it('serves the loads’ windows as a calendar that ical.js reads, with validators and no cookie', async () => {
    const { secret } = await customer();
    const response = await get(`${secret}.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    expect(response.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(response.headers.get('last-modified')).toBe(new Date(NOW).toUTCString());
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(mocks.getAccessToken).toHaveBeenCalledWith(expect.objectContaining({ grantId: expect.any(String) }));
    expect(mocks.getPrices).toHaveBeenCalledWith('access-token-1', 'sub_anna_home', '2026-11-22', '2026-11-24');

    const expected = loadWindows({
      series: { unit: 'ct/kWh', currency: 'EUR', resolution: '15min', reference: null, intervals },
      kind: 'consumption',
      loads,
      now: NOW,
    });
    expect(expected.length).toBeGreaterThanOrEqual(3);
    const found = events(await response.text());
    expect(found.map((e) => [e.startDate.toJSDate().getTime(), e.endDate.toJSDate().getTime()])).toEqual(
      expected.map((w) => [w.start, w.end]),
    );
    for (const event of found) {
      expect(event.uid).toMatch(/^(dishwasher|ev)-\d{8}T\d{6}Z-[A-Za-z0-9_-]{8}@nomos-hems$/);
      expect(event.component.getFirstSubcomponent('valarm')).not.toBeNull();
    }
  });

  it('serves the same windows as JSON for home automation', async () => {
    const { secret } = await customer();
    const response = await get(`${secret}.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = z
      .object({
        version: z.literal(1),
        windows: z.array(z.object({ uid: z.string(), loadId: z.string(), start: z.string(), end: z.string() })),
      })
      .parse(await response.json());
    const calendar = events(await (await get(`${secret}.ics`)).text());
    expect(body.windows.map((w) => [w.uid, Date.parse(w.start), Date.parse(w.end)])).toEqual(
      calendar.map((e) => [e.uid, e.startDate.toJSDate().getTime(), e.endDate.toJSDate().getTime()]),
    );
  });

  it('answers 304 to a calendar that has the current body, by ETag first, then by date', async () => {
    const { secret } = await customer();
    const first = await get(`${secret}.ics`);
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;

    const byTag = await get(`${secret}.ics`, { 'If-None-Match': `W/"other", ${etag}` });
    expect(byTag.status).toBe(304);
    expect(byTag.headers.get('etag')).toBe(etag);
    expect(await byTag.text()).toBe('');
    expect((await get(`${secret}.ics`, { 'If-Modified-Since': lastModified })).status).toBe(304);
    // A tag that does not match wins over a date that would.
    expect((await get(`${secret}.ics`, { 'If-None-Match': '"other"', 'If-Modified-Since': lastModified })).status).toBe(
      200,
    );
    expect((await get(`${secret}.ics`, { 'If-Modified-Since': new Date(NOW - 60_000).toUTCString() })).status).toBe(
      200,
    );
    // The JSON body has its own tag.
    expect((await get(`${secret}.json`, { 'If-None-Match': etag })).status).toBe(200);
  });

  it('asks Nomos once per few minutes, keeps the validators while the windows stay, and follows an edit at once', async () => {
    const { owner, secret } = await customer();
    const first = await get(`${secret}.ics`);
    await get(`${secret}.ics`);
    await get(`${secret}.json`);
    expect(mocks.getPrices).toHaveBeenCalledTimes(1);

    vi.setSystemTime(NOW + 6 * 60_000);
    const later = await get(`${secret}.ics`);
    expect(mocks.getPrices).toHaveBeenCalledTimes(2);
    expect(later.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(later.headers.get('last-modified')).toBe(first.headers.get('last-modified'));

    // An edited load is not served from the old cache.
    mocks.settings.set(owner, { ...mocks.settings.get(owner)!, loads: [{ ...loads[0]!, name: 'Spüler' }] });
    const edited = await get(`${secret}.ics`);
    expect(mocks.getPrices).toHaveBeenCalledTimes(3);
    expect(edited.headers.get('etag')).not.toBe(first.headers.get('etag'));
    expect(events(await edited.text()).every((e) => e.summary.startsWith('Spüler:'))).toBe(true);
  });

  it('stops the old address at once on rotation, and speaks the customer’s language', async () => {
    const { owner, secret } = await customer('de');
    expect((await get(`${secret}.ics`)).status).toBe(200);
    const next = await rotateFeedAddress(owner);
    expect((await get(`${secret}.ics`)).status).toBe(404);
    const file = next.ics.split('/').at(-1)!;
    const text = await (await get(file)).text();
    expect(text).toContain('X-WR-CALNAME:Nomos HEMS: günstigste Zeiten');
  });

  it('limits each address to FEED_RATE_LIMIT requests, with Retry-After, and no other address', async () => {
    const { secret } = await customer();
    const other = await customer();
    for (let i = 0; i < FEED_RATE_LIMIT.points; i++) expect((await get(`${secret}.json`)).status).toBe(200);
    const limited = await get(`${secret}.ics`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await get(`${other.secret}.ics`)).status).toBe(200);
  });

  it('never writes a secret into a log line', async () => {
    const { secret } = await customer();
    mocks.getAccessToken.mockRejectedValueOnce(new NomosError('unavailable', 'down'));
    await get(`${secret}.ics`);
    const gone = await customer();
    mocks.grants.delete(gone.owner);
    await get(`${gone.secret}.ics`);
    for (let i = 0; i <= FEED_RATE_LIMIT.points; i++) await get(`${secret}.json`);
    expect(logs().length).toBeGreaterThanOrEqual(3);
    for (const line of logs()) {
      expect(line).not.toContain(secret);
      expect(line).not.toContain(gone.secret);
    }
  });
});
