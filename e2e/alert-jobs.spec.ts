import { expect, test, type Page } from '@playwright/test';

import { startPushService, type PushService, type TestSubscription } from '../sandbox/push-service/server';

import { JOBS_SECRET, TOKEN_TTL_SECONDS, appUrl, instanceUrls, type Pair } from './ports';
import { closeTheDashboard, connect, sandbox } from './support';

/**
 * Alerts with no browser open, on each style and store: the grant the server
 * keeps for a customer, the jobs run through `POST /api/jobs/run` (as a
 * serverless host's cron calls it; on two instances at once where there are
 * two), and a test push service on this machine that checks the VAPID
 * signature and decrypts each message with the device's keys (RFC 8291), so
 * a test reads what a phone would show. A real browser's push service (FCM,
 * Mozilla's) is not reachable offline, so the device is the test push
 * service's subscription, registered through the app's own route.
 */
const setups: { pair: Pair; title: string }[] = [
  { pair: 'oneInstance', title: 'one instance, in-process store' },
  { pair: 'redis', title: 'two instances sharing Redis' },
  { pair: 'nextAuth', title: 'next-auth style, two instances sharing Redis' },
];

let push: PushService;
test.beforeAll(async () => {
  push = await startPushService();
});
test.afterAll(async () => {
  await push.close();
});

type Message = { title: string; body: string; tag: string; url: string };

function received(device: TestSubscription): Message[] {
  return push.messages(device.endpoint).map((message) => {
    expect(message.decryptionError).toBeUndefined();
    return JSON.parse(message.text!) as Message;
  });
}

/**
 * Every instance runs the jobs at once, as crons on two hosts would. Each
 * call is in a slot no earlier call used (one instance runs it, the others
 * find it taken), unless `again`: a second call in the same slot, where
 * nothing runs.
 *
 * An app remembers the slots it ran, in its store and in each process, and
 * every sandbox reset sets the clock back to real time, which production's
 * clock never does. Two tests that moved the clock into the same 5-minute
 * slot would share it, and the later one would find it taken and send
 * nothing. So each test moves the clock somewhere of its own (a different
 * extra advance, or a day of its own in `toAfterPublication`), and a shared
 * slot fails here, by name, instead of as a missing message.
 */
async function runJobs(page: Page, pair: Pair, { again = false }: { again?: boolean } = {}) {
  const instances = instanceUrls(pair);
  const answers = await Promise.all(
    instances.map((instance) =>
      page.request.post(`${instance}/api/jobs/run`, { headers: { Authorization: `Bearer ${JOBS_SECRET}` } }),
    ),
  );
  const outcomes: string[] = [];
  for (const answer of answers) {
    const text = await answer.text();
    expect(answer.status(), text).toBe(200);
    const { runs } = JSON.parse(text) as { runs: { job: string; outcome: string }[] };
    outcomes.push(...runs.filter((run) => run.job === 'alerts').map((run) => run.outcome));
  }
  const ran = outcomes.filter((outcome) => outcome === 'ran').length;
  expect(ran, `the alerts job's outcomes on ${instances.length} instance(s): ${outcomes.join(', ')}`).toBe(
    again ? 0 : 1,
  );
}

/** Connects, turns alerts on and registers a device; leaves the page on a blank tab. */
async function withAlertsOn(page: Page, pair: Pair, email: string): Promise<TestSubscription> {
  await connect(page, email, pair);
  await page.goto(`${appUrl(pair)}/dashboard/alerts`);
  // Alerts an earlier test left on for this customer go first (the app's durable store outlives a sandbox reset).
  const forget = page.getByRole('button', { name: 'Stop alerts and forget my connection' });
  if (await forget.isVisible()) await forget.click();
  await page.getByRole('button', { name: 'Turn on alerts and calendar' }).click();
  await expect(page.getByText(/Alerts and calendar are on/)).toBeVisible();
  const device = push.subscribe();
  const registered = await page.request.post(`${appUrl(pair)}/alerts/push`, {
    headers: { Origin: appUrl(pair) },
    data: { action: 'subscribe', subscription: device },
  });
  expect(registered.status(), await registered.text()).toBe(200);
  await closeTheDashboard(page);
  return device;
}

/**
 * Moves the clock to 13:30 UTC `days` days after today's (14:30 in Berlin in
 * winter, 15:30 in summer): Nomos has published the next day's prices by
 * then. A day of its own for each test that calls it, later than any other
 * test's advance of an hour or so, so that no two tests share a job slot
 * (see `runJobs`). Returns that instant.
 */
async function toAfterPublication(nomos: ReturnType<typeof sandbox>, days: number): Promise<number> {
  const { now } = (await nomos.advanceClock(1)) as { now: string };
  const at = new Date(now);
  const target = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + days, 13, 30);
  await nomos.advanceClock(Math.ceil((target - at.getTime()) / 1000));
  return target;
}

for (const { pair, title } of setups) {
  test.describe(`alerts from a kept grant (${title})`, () => {
    const nomos = sandbox(pair);

    test.beforeEach(async () => {
      await nomos.reset();
    });

    test('a job rotates the grant while the browser holds the previous cookie; then the browser visits: prices render, 0 reuse', async ({
      page,
    }) => {
      await withAlertsOn(page, pair, 'anna@example.com');
      await nomos.advanceClock(TOKEN_TTL_SECONDS + 1);
      await runJobs(page, pair);
      expect(await nomos.stats()).toMatchObject({ grants: { refresh_token: 1 }, refresh_reuse_detected: 0 });
      for (const instance of instanceUrls(pair)) {
        await page.goto(`${instance}/dashboard`);
        await expect(page.getByTestId('price-chart')).toBeVisible();
      }
      expect(await nomos.stats()).toMatchObject({ grants: { refresh_token: 1 }, refresh_reuse_detected: 0 });
    });

    test('tomorrow’s prices reach the device once, decrypted, however many instances run the job', async ({ page }) => {
      const device = await withAlertsOn(page, pair, 'anna@example.com');
      await toAfterPublication(nomos, 1);
      await runJobs(page, pair);
      await runJobs(page, pair, { again: true });
      const first = received(device);
      const published = first.filter((message) => message.title.startsWith('Prices for '));
      expect(published, JSON.stringify(first)).toHaveLength(1);
      expect(published[0]!.body).toMatch(/^Cheapest hour .+ at .+ct\/kWh, dearest .+ at .+ct\/kWh\. Day average .+/);
      expect(new Set(first.map((message) => message.tag)).size).toBe(first.length);
      // The next slot: nothing already sent is sent again.
      await nomos.advanceClock(5 * 60);
      await runJobs(page, pair);
      expect(received(device).filter((message) => message.title.startsWith('Prices for '))).toHaveLength(1);
      expect(await nomos.stats()).toMatchObject({ refresh_reuse_detected: 0 });
    });

    test('consent withdrawn at Nomos: the jobs stop with one last notice, and the settings page offers reconnecting', async ({
      page,
    }) => {
      const device = await withAlertsOn(page, pair, 'anna@example.com');
      await nomos.revoke('anna@example.com');
      // Ten minutes more than the first test's advance: slots of its own (see `runJobs`).
      await nomos.advanceClock(TOKEN_TTL_SECONDS + 1 + 10 * 60);
      await runJobs(page, pair);
      await nomos.advanceClock(5 * 60);
      await runJobs(page, pair);
      const ended = received(device).filter((message) => message.title === 'Your Nomos connection has ended');
      expect(ended).toHaveLength(1);
      expect(ended[0]!.url).toBe('/dashboard/alerts');
      expect(await nomos.stats()).toMatchObject({ refresh_reuse_detected: 0 });

      // Connected again, the page says what happened and keeps the new connection instead.
      await connect(page, 'anna@example.com', pair);
      await page.goto(`${appUrl(pair)}/dashboard/alerts`);
      await expect(page.getByRole('heading', { name: 'Your Nomos connection for alerts has ended' })).toBeVisible();
      await page.getByRole('button', { name: 'Turn alerts back on' }).click();
      await expect(page.getByText(/Alerts and calendar are on/)).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Your alerts' })).toBeVisible();
    });
  });
}

test.describe('a cheap window starting soon (one instance, in-process store)', () => {
  const pair: Pair = 'oneInstance';
  const nomos = sandbox(pair);

  test.beforeEach(async () => {
    await nomos.reset();
  });

  test('the clock reaches the appliance’s cheapest window: one alert before it starts, for the window the calendar feed lists', async ({
    page,
  }) => {
    const device = await withAlertsOn(page, pair, 'anna@example.com');
    const afterPublication = await toAfterPublication(nomos, 2);
    // Quiet hours off, so that a window at night is announced; the dishwasher is done by 07:00.
    await page.goto(`${appUrl(pair)}/dashboard/alerts`);
    await page.getByLabel('Quiet hours: send nothing').uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Saved.')).toBeVisible();
    await page.getByRole('button', { name: 'Create calendar address' }).click();
    const webcal = await page.getByRole('link', { name: 'Subscribe in your calendar app' }).getAttribute('href');
    await closeTheDashboard(page);

    // The window the feed lists for the dishwasher, as a home-automation tool reads it.
    const feed = await page.request.get(webcal!.replace(/^webcal:(.*)\.ics$/, 'http:$1.json'));
    expect(feed.status()).toBe(200);
    const { windows } = (await feed.json()) as { windows: { loadId: string; start: string }[] };
    const start = Date.parse(windows.find((window) => window.loadId === 'dishwasher')!.start);
    // 20 minutes before it starts, inside the default 30-minute lead (at once, if it starts sooner than that).
    const wait = Math.floor((start - 20 * 60_000 - afterPublication) / 1000);
    if (wait > 0) await nomos.advanceClock(wait);
    await runJobs(page, pair);
    const windowAlerts = received(device).filter((message) => message.title.startsWith('Dishwasher: cheapest start'));
    expect(windowAlerts).toHaveLength(1);
    const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' });
    expect(windowAlerts[0]!.title).toBe(`Dishwasher: cheapest start at ${time.format(start)}`);
    // The next slot announces nothing new.
    await nomos.advanceClock(5 * 60);
    await runJobs(page, pair);
    expect(received(device).filter((message) => message.title.startsWith('Dishwasher: cheapest start'))).toHaveLength(
      1,
    );
  });
});
