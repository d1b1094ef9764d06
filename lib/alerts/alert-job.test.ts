import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { generateVAPIDKeys } from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSealer } from '@/lib/auth/session/cookies';
import { slotOf, type JobContext } from '@/lib/jobs/job';
import { NomosError } from '@/lib/nomos/errors';
import { addDays, berlinTimeOn } from '@/lib/prices/berlin-time';
import { makeIntervals, makeSeries } from '@/lib/prices/fixtures';
import { SqliteDurableStore } from '@/lib/store/sqlite-durable-store';
import { startPushService, type PushService } from '@/sandbox/push-service/server';

import type { HeldGrant } from '@/lib/auth/server-grant/held-grants';

import { createAlertJob, ownerLabel, sendTestAlertWith, type AlertJobDeps } from './alert-job';
import { defaultAlertSettings, type AlertSettings } from './alert-settings';
import { createPushSender, pushSubscriptionSchema, type PushSubscription } from './push';
import { createSentEvents } from './sent-events';
import { createSubscriptionStore } from './subscriptions';

const NB = '\u00a0';
const MIN = 60_000;
const TODAY = '2026-11-24';
const TOMORROW = '2026-11-25';
// The dishwasher's window: tomorrow 03:00–05:00, announced from 02:30.
const WINDOW_DUE = berlinTimeOn(TOMORROW, '02:30');

const keys = generateVAPIDKeys();
let push: PushService;
const folders: string[] = [];
const stores: SqliteDurableStore[] = [];
beforeAll(async () => {
  push = await startPushService();
});
afterAll(async () => {
  await push.close();
  await Promise.all(stores.map((store) => store.close()));
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const pushLines: string[] = [];
const sendPush = createPushSender({
  vapid: { ...keys, subject: 'mailto:ops@example.com' },
  timeoutMs: 2_000,
  log: (line) => pushLines.push(line),
});

function durableStore() {
  const folder = mkdtempSync(path.join(tmpdir(), 'alert-job-test-'));
  folders.push(folder);
  const store = new SqliteDurableStore({ dataDir: path.join(folder, 'data') });
  stores.push(store);
  return store;
}

function settingsFor(locale: 'en' | 'de' = 'en'): AlertSettings {
  const settings = defaultAlertSettings(locale, 'sub-1');
  settings.tomorrowPublished = false;
  settings.quietHours.enabled = false;
  return settings;
}

/** Everything the job needs, with real push, a real durable store and fakes for the grant's side. */
function world({ grants = [grant('owner-a')], locale = 'en' as 'en' | 'de' } = {}) {
  const store = durableStore();
  const subscriptions = createSubscriptionStore({ store: async () => store, sealer: createSealer(['s'.repeat(32)]) });
  const clock = { now: WINDOW_DUE, waits: [] as number[] };
  const calls = { token: 0, prices: [] as string[][], ended: new Map<string, number>() };
  const faults: { token: Error[]; settings: AlertSettings | null } = { token: [], settings: settingsFor(locale) };
  const deps: AlertJobDeps = {
    async *listHeldGrants() {
      yield* grants;
    },
    async getAccessToken(held) {
      calls.token++;
      const fault = faults.token.shift();
      if (fault) throw fault;
      return `access-token-of-${held.grantId}`;
    },
    async markGrantEnded(owner) {
      const times = (calls.ended.get(owner) ?? 0) + 1;
      calls.ended.set(owner, times);
      return { first: times === 1 };
    },
    getAlertSettings: async () => faults.settings,
    async getPrices(token, subscriptionId, start, end) {
      calls.prices.push([token, subscriptionId, start, end]);
      return makeSeries(
        makeIntervals(start, {
          days: 3,
          amount: (_i, at) => (at >= berlinTimeOn(TOMORROW, '03:00') && at < berlinTimeOn(TOMORROW, '05:00') ? 5 : 30),
        }),
      );
    },
    subscriptions,
    sentEvents: createSentEvents(store),
    sendPush,
  };
  const lines: string[] = [];
  const context = (): JobContext => ({
    slot: slotOf(clock.now, 5 * MIN),
    now: () => clock.now,
    sleep: async (ms) => {
      clock.waits.push(ms);
      clock.now += ms;
    },
    log: (line) => lines.push(line),
  });
  async function device(owner = 'owner-a') {
    const subscription = pushSubscriptionSchema({ allowLoopbackHttp: true }).parse(
      push.subscribe({ applicationServerKey: keys.publicKey }),
    );
    await subscriptions.save(owner, subscription);
    return subscription;
  }
  return { deps, clock, calls, faults, lines, context, device, subscriptions, store };
}

function grant(owner: string, ended: HeldGrant['ended'] = null): HeldGrant {
  return { owner, grantId: `grant-${owner}`, heldSince: Date.parse('2026-11-01T00:00:00Z'), ended };
}

/** What a device's service worker would show, oldest first. */
const shown = (subscription: PushSubscription) =>
  push.messages(subscription.endpoint).map((message) => JSON.parse(message.text ?? 'null') as unknown);

const windowAlert = {
  title: 'Dishwasher: cheapest start at 03:00',
  body: `2 hrs, 03:00–05:00, at an average of 5.00${NB}ct/kWh: done before 07:00.`,
  url: '/dashboard?duration=120',
  tag: 'window-dishwasher',
  lang: 'en',
};

describe('the alert job', () => {
  it('sends each due alert once to each of the customer’s devices, which decrypt exactly it', async () => {
    const { deps, context, device, calls } = world();
    const [phone, laptop] = [await device(), await device()];
    const job = createAlertJob(deps);
    expect(await job.run(context())).toEqual({ summary: '1 grants (alerted 1), 1 alerts sent' });
    expect(shown(phone)).toEqual([windowAlert]);
    expect(shown(laptop)).toEqual([windowAlert]);
    // Prices of yesterday to tomorrow, with the grant's token.
    expect(calls.prices).toEqual([['access-token-of-grant-owner-a', 'sub-1', TODAY, addDays(TOMORROW, 1)]]);

    // The next run, with the event still due: not again.
    expect(await job.run(context())).toEqual({ summary: '1 grants (alerted 1), 0 alerts sent' });
    expect(push.messages(phone.endpoint)).toHaveLength(1);
  });

  it('sends an event once when two instances run at the same moment', async () => {
    const { deps, context, device } = world();
    const phone = await device();
    const other: AlertJobDeps = { ...deps };
    await Promise.all([createAlertJob(deps).run(context()), createAlertJob(other).run(context())]);
    expect(shown(phone)).toEqual([windowAlert]);
  });

  it('logs one line per grant that did something: counts and outcomes, never tokens or endpoints', async () => {
    const { deps, context, device, lines } = world();
    const phone = await device();
    await createAlertJob(deps).run(context());
    expect(lines).toEqual([
      `[jobs] alerts ${ownerLabel('owner-a')}: alerted; due 1, sent 1, claimed elsewhere 0, Nomos retries 0; devices delivered 1, gone 0, failed 0, rejected 0`,
    ]);
    expect(lines.join('\n')).not.toContain('access-token');
    expect(lines.join('\n')).not.toContain(new URL(phone.endpoint).pathname);
    expect(lines.join('\n')).not.toContain('owner-a');
  });

  it('asks Nomos nothing for an ended grant, a customer without settings or without devices', async () => {
    const ended = world({ grants: [grant('owner-a', { at: Date.parse('2026-11-20T00:00:00Z'), notified: true })] });
    await ended.device();
    const noDevices = world();
    const noSettings = world();
    await noSettings.device();
    noSettings.faults.settings = null;
    expect((await createAlertJob(ended.deps).run(ended.context())).summary).toBe(
      '1 grants (already-ended 1), 0 alerts sent',
    );
    expect((await createAlertJob(noDevices.deps).run(noDevices.context())).summary).toBe(
      '1 grants (no-devices 1), 0 alerts sent',
    );
    expect((await createAlertJob(noSettings.deps).run(noSettings.context())).summary).toBe(
      '1 grants (no-settings 1), 0 alerts sent',
    );
    expect(ended.calls.token + noDevices.calls.token + noSettings.calls.token).toBe(0);
  });

  it('does nothing while alerts are off', async () => {
    const { deps, context, device, calls } = world();
    await device();
    expect(await createAlertJob({ ...deps, sendPush: null }).run(context())).toEqual({
      summary: 'alerts are off (no VAPID keys)',
    });
    expect(calls.token).toBe(0);
  });
});

describe('when Nomos is busy', () => {
  const busy = (status: 429 | 503) => new NomosError('unavailable', `HTTP ${status}`, { status });

  it('retries 429 and 503 with backoff on the job’s clock, then sends', async () => {
    const { deps, context, device, clock, calls, lines, faults } = world();
    const phone = await device();
    faults.token = [busy(429)];
    const getPrices = deps.getPrices;
    let priceFailures = 1;
    deps.getPrices = (...args) => (priceFailures-- > 0 ? Promise.reject(busy(503)) : getPrices(...args));
    const start = clock.now;
    await createAlertJob(deps).run(context());
    expect(clock.waits).toHaveLength(2);
    // The first retry after 2.5–5 s, each attempt starting afresh.
    for (const wait of clock.waits) expect(wait).toBeGreaterThanOrEqual(2_500);
    expect(clock.now - start).toBe(clock.waits.reduce((sum, wait) => sum + wait, 0));
    expect(calls.token).toBe(2);
    expect(calls.prices).toHaveLength(1);
    expect(shown(phone)).toHaveLength(1);
    expect(lines[0]).toContain(': alerted; due 1, sent 1, claimed elsewhere 0, Nomos retries 2;');
  });

  it('gives up at the end of the slot without claiming anything, and the next slot sends', async () => {
    const { deps, context, device, faults, clock } = world();
    const phone = await device();
    faults.token = Array.from({ length: 10 }, () => busy(429));
    const job = createAlertJob(deps);
    expect((await job.run(context())).summary).toBe('1 grants (nomos-unavailable 1), 0 alerts sent');
    expect(push.messages(phone.endpoint)).toEqual([]);
    faults.token = [];
    clock.now = WINDOW_DUE + 5 * MIN;
    expect((await job.run(context())).summary).toBe('1 grants (alerted 1), 1 alerts sent');
    expect(shown(phone)).toEqual([windowAlert]);
  });
});

describe('a refused grant', () => {
  it('is marked ended, never retried, and the customer gets one last notice in their language, once', async () => {
    const { deps, context, device, faults, calls, clock } = world({ locale: 'de' });
    const [phone, laptop] = [await device(), await device()];
    const refused = () => new NomosError('connection-ended', 'invalid_grant', { status: 400 });
    faults.token = [refused()];
    const job = createAlertJob(deps);
    expect((await job.run(context())).summary).toBe('1 grants (ended 1), 1 alerts sent');
    const notice = {
      title: 'Ihre Nomos-Verbindung ist beendet',
      body: 'Sie erhalten keine Benachrichtigungen mehr. Verbinden Sie Nomos in den Einstellungen neu, um sie wieder zu erhalten.',
      url: '/dashboard/alerts',
      tag: 'connection-ended',
      lang: 'de',
    };
    expect(shown(phone)).toEqual([notice]);
    expect(shown(laptop)).toEqual([notice]);
    expect(calls.token).toBe(1);
    expect(clock.waits).toEqual([]);
    expect(calls.prices).toEqual([]);

    // Another instance that saw the grant still held and was refused as well: not first, no second notice.
    faults.token = [refused()];
    clock.now += 5 * MIN;
    expect((await job.run(context())).summary).toBe('1 grants (ended 1), 0 alerts sent');
    expect(push.messages(phone.endpoint)).toHaveLength(1);
    expect(calls.ended.get('owner-a')).toBe(2);
  });
});

describe('devices', () => {
  it('forgets a device its push service says is gone, and still alerts the others', async () => {
    const { deps, context, device, subscriptions } = world();
    const [gone, phone] = [await device(), await device()];
    push.unsubscribe(gone.endpoint);
    await createAlertJob(deps).run(context());
    expect(shown(phone)).toEqual([windowAlert]);
    expect((await subscriptions.list('owner-a')).map((s) => s.endpoint)).toEqual([phone.endpoint]);
  });

  it('gives the event back when no device could take it for now, so the next run sends it', async () => {
    const { deps, context, device, clock } = world();
    const phone = await device();
    push.respondWith(phone.endpoint, 503, { times: 1 });
    const job = createAlertJob(deps);
    expect((await job.run(context())).summary).toBe('1 grants (alerted 1), 0 alerts sent');
    expect(push.messages(phone.endpoint)).toEqual([]);
    clock.now += 5 * MIN;
    expect((await job.run(context())).summary).toBe('1 grants (alerted 1), 1 alerts sent');
    expect(shown(phone)).toEqual([windowAlert]);
  });

  it('keeps the event once one device has it, even if another failed', async () => {
    const { deps, context, device, clock } = world();
    const [failing, phone] = [await device(), await device()];
    push.respondWith(failing.endpoint, 503, { times: 1 });
    const job = createAlertJob(deps);
    await job.run(context());
    clock.now += 5 * MIN;
    await job.run(context());
    expect(push.messages(failing.endpoint)).toEqual([]);
    expect(shown(phone)).toEqual([windowAlert]);
  });
});

describe('sendTestAlert', () => {
  it('sends a test notification to each device now, in the customer’s language, and forgets gone ones', async () => {
    const { deps, device, subscriptions } = world({ locale: 'de' });
    const [phone, gone] = [await device(), await device()];
    push.unsubscribe(gone.endpoint);
    expect(await sendTestAlertWith(deps, 'owner-a')).toEqual({
      devices: 2,
      delivered: 1,
      gone: 1,
      failed: 0,
      rejected: 0,
    });
    expect(shown(phone)).toEqual([
      {
        title: 'Testbenachrichtigung',
        body: 'Benachrichtigungen erreichen dieses Gerät. So sieht ein Preishinweis aus.',
        url: '/dashboard/alerts',
        tag: 'test',
        lang: 'de',
      },
    ]);
    expect(await subscriptions.list('owner-a')).toHaveLength(1);
  });

  it('refuses while alerts are off', async () => {
    const { deps } = world();
    await expect(sendTestAlertWith({ ...deps, sendPush: null }, 'owner-a')).rejects.toThrow(/alerts are off/);
  });
});
