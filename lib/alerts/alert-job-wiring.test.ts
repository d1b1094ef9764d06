import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { generateVAPIDKeys } from 'web-push';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { slotOf } from '@/lib/jobs/job';
import { NomosError } from '@/lib/nomos/errors';
import type { ApiPrice } from '@/lib/nomos/schemas';
import { berlinTimeOn } from '@/lib/prices/berlin-time';
import { makeIntervals } from '@/lib/prices/fixtures';
import { startPushService, type PushService } from '@/sandbox/push-service/server';

import { defaultAlertSettings } from './alert-settings';

/**
 * The alert job as the app wires it (./alert-job-wiring.ts), with the
 * grant's side mocked (the kept grant, its settings, the Nomos API) and
 * everything else real: the durable store (SQLite in a temporary DATA_DIR),
 * the sealed subscriptions, the sent events, and Web Push to the test push
 * service, which decrypts what a phone would show.
 */
const grants = vi.hoisted(() => ({
  listHeldGrants: vi.fn(),
  getAccessToken: vi.fn(),
  markGrantEnded: vi.fn(),
}));
const settingsStore = vi.hoisted(() => ({ getAlertSettings: vi.fn() }));
const nomos = vi.hoisted(() => ({ getPrices: vi.fn() }));
vi.mock('@/lib/auth/server-grant/held-grants', () => grants);
vi.mock('./settings-store', () => settingsStore);
vi.mock('@/lib/nomos/client', () => nomos);

const keys = generateVAPIDKeys();
const dataDir = mkdtempSync(path.join(tmpdir(), 'alert-wiring-test-'));
let push: PushService;
let wiring: typeof import('./alert-job-wiring');
let subscriptions: typeof import('./subscriptions');

beforeAll(async () => {
  push = await startPushService();
  vi.stubEnv('VAPID_PUBLIC_KEY', keys.publicKey);
  vi.stubEnv('VAPID_PRIVATE_KEY', keys.privateKey);
  vi.stubEnv('VAPID_SUBJECT', 'mailto:ops@example.com');
  vi.stubEnv('DATA_DIR', dataDir);
  vi.resetModules();
  wiring = await import('./alert-job-wiring');
  subscriptions = await import('./subscriptions');
});
afterAll(async () => {
  await push.close();
  const { getDurableStore } = await import('@/lib/store/durable');
  await (await getDurableStore()).close();
  vi.unstubAllEnvs();
  vi.resetModules();
  rmSync(dataDir, { recursive: true, force: true });
});

const TOMORROW = '2026-11-25';

/** The wire answer of `GET /subscriptions/sub-1/prices`, cheap tomorrow 03:00–05:00. */
function apiPrice(start: string): ApiPrice {
  const intervals = makeIntervals(start, {
    days: 3,
    amount: (_i, at) => (at >= berlinTimeOn(TOMORROW, '03:00') && at < berlinTimeOn(TOMORROW, '05:00') ? 5 : 30),
  });
  return {
    object: 'price',
    subscription: 'sub-1',
    period: {
      start: new Date(intervals[0]!.start).toISOString(),
      end: new Date(intervals.at(-1)!.end - 1000).toISOString(),
    },
    unit: 'ct/kWh',
    currency: 'EUR',
    resolution: '15min',
    reference: 'EPEX Day-Ahead',
    items: intervals.map((interval) => ({
      timestamp: new Date(interval.start).toISOString(),
      amount: interval.amount,
      components: [],
    })),
  };
}

async function subscribe(owner: string) {
  const subscription = (await import('./push')).subscriptionSchema.parse(
    push.subscribe({ applicationServerKey: keys.publicKey }),
  );
  await subscriptions.subscriptions.save(owner, subscription);
  return subscription;
}

function context(now: number) {
  const lines: string[] = [];
  return {
    lines,
    context: {
      slot: slotOf(now, 5 * 60_000),
      now: () => now,
      sleep: async () => undefined,
      log: (line: string) => lines.push(line),
    },
  };
}

describe('the alert job as wired', () => {
  it('fetches prices with the kept grant’s token and pushes the due window to the customer’s device', async () => {
    const grant = { owner: 'owner-w', grantId: 'grant-w', heldSince: 0, ended: null };
    grants.listHeldGrants.mockImplementation(async function* () {
      yield grant;
    });
    grants.getAccessToken.mockResolvedValue('access-token-w');
    settingsStore.getAlertSettings.mockResolvedValue({
      ...defaultAlertSettings('en', 'sub-1'),
      quietHours: { enabled: false, from: '22:00', to: '07:00' },
      tomorrowPublished: false,
    });
    nomos.getPrices.mockImplementation(async (_token: string, _id: string, start: string) => apiPrice(start));
    const phone = await subscribe('owner-w');

    const { context: job } = context(berlinTimeOn(TOMORROW, '02:30'));
    expect(await wiring.alertJob.run(job)).toEqual({ summary: '1 grants (alerted 1), 1 alerts sent' });
    expect(grants.getAccessToken).toHaveBeenCalledWith(grant);
    expect(nomos.getPrices).toHaveBeenCalledWith('access-token-w', 'sub-1', '2026-11-24', '2026-11-26');
    const [message, ...more] = push.messages(phone.endpoint);
    expect(more).toEqual([]);
    expect(JSON.parse(message!.text!)).toEqual({
      title: 'Dishwasher: cheapest start at 03:00',
      body: '2 hrs, 03:00–05:00, at an average of 5.00\u00a0ct/kWh: done before 07:00.',
      url: '/dashboard?duration=120',
      tag: 'window-dishwasher',
      lang: 'en',
    });
    // The same event on the next run: claimed, not sent again.
    await wiring.alertJob.run(context(berlinTimeOn(TOMORROW, '02:35')).context);
    expect(push.messages(phone.endpoint)).toHaveLength(1);
  });

  it('on a refused grant, marks it ended and sends the one last notice, only when first', async () => {
    const grant = { owner: 'owner-r', grantId: 'grant-r', heldSince: 0, ended: null };
    grants.listHeldGrants.mockImplementation(async function* () {
      yield grant;
    });
    grants.getAccessToken.mockRejectedValue(new NomosError('connection-ended', 'Nomos ended this connection'));
    grants.markGrantEnded.mockResolvedValueOnce({ first: true }).mockResolvedValueOnce({ first: false });
    settingsStore.getAlertSettings.mockResolvedValue(defaultAlertSettings('en', 'sub-1'));
    nomos.getPrices.mockClear();
    const phone = await subscribe('owner-r');

    await wiring.alertJob.run(context(Date.parse('2026-11-24T12:00:00Z')).context);
    await wiring.alertJob.run(context(Date.parse('2026-11-24T12:05:00Z')).context);
    expect(grants.markGrantEnded).toHaveBeenCalledTimes(2);
    expect(grants.markGrantEnded).toHaveBeenCalledWith('owner-r');
    expect(nomos.getPrices).not.toHaveBeenCalled();
    expect(push.messages(phone.endpoint).map((m) => JSON.parse(m.text!) as { title: string })).toEqual([
      expect.objectContaining({ title: 'Your Nomos connection has ended', url: '/dashboard/alerts' }),
    ]);
  });

  it('sendTestAlert reaches every device of the customer', async () => {
    settingsStore.getAlertSettings.mockResolvedValue(defaultAlertSettings('de', 'sub-1'));
    const [phone, laptop] = [await subscribe('owner-t'), await subscribe('owner-t')];
    expect(await wiring.sendTestAlert('owner-t')).toEqual({
      devices: 2,
      delivered: 2,
      gone: 0,
      failed: 0,
      rejected: 0,
    });
    for (const device of [phone, laptop]) {
      expect(JSON.parse(push.messages(device.endpoint)[0]!.text!)).toMatchObject({ title: 'Testbenachrichtigung' });
    }
  });
});
