import { expect, test, type APIResponse, type Page } from '@playwright/test';

import { appUrl, instanceUrls, sessionCookieName, tokenTtlSeconds, type Pair } from './ports';
import { startRedis, stopRedis } from './redis-control';
import { connect, sandbox } from './support';

/**
 * The refresh journeys, run against each store: the in-process store with
 * one instance, and Redis with two instances behind one cookie, where the
 * requests of a page load alternate between the instances as a load
 * balancer would send them.
 */
const setups: { pair: Pair; title: string }[] = [
  { pair: 'shortTtl', title: 'one instance, in-process store' },
  { pair: 'redis', title: 'two instances sharing Redis' },
  { pair: 'nextAuth', title: 'next-auth style, two instances sharing Redis' },
];

/** Waits until the access token the browser holds has expired. */
const waitForExpiry = (page: Page, pair: Pair) => page.waitForTimeout(tokenTtlSeconds[pair] * 1000 + 500);

for (const { pair, title } of setups) {
  test.describe(`refresh (${title})`, () => {
    const nomos = sandbox(pair);
    const instances = instanceUrls(pair);

    test.beforeEach(async () => {
      await nomos.reset();
    });

    // A browser navigating once per style and store kind; iron-session on Redis has the storm below.
    if (pair !== 'redis') {
      test('pages keep working across several refreshes, each rotation used once', async ({ page }) => {
        test.setTimeout(120_000);
        await connect(page, 'anna@example.com', pair);
        for (let round = 0; round < 3; round++) {
          await waitForExpiry(page, pair);
          await page.goto(`${instances[round % instances.length]}/dashboard`);
          await expect(page.getByTestId('price-chart')).toBeVisible();
        }
        const stats = await nomos.stats();
        expect(stats.grants.refresh_token).toBe(3);
        expect(stats.refresh_reuse_detected).toBe(0);
      });
    }

    test('50 parallel requests at each of 3 expiries: all render prices, exactly one refresh per rotation', async ({
      page,
    }) => {
      test.setTimeout(150_000);
      await connect(page, 'anna@example.com', pair);
      for (let rotation = 1; rotation <= 3; rotation++) {
        await waitForExpiry(page, pair);
        const before = await nomos.stats();
        const responses: APIResponse[] = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            page.request.get(`${instances[i % instances.length]}/dashboard`, { maxRedirects: 0 }),
          ),
        );
        const bodies = await Promise.all(responses.map((response) => response.text()));
        expect(responses.map((response) => response.status()), `rotation ${rotation}`).toEqual(Array(50).fill(200));
        for (const body of bodies) expect(body).toContain('data-testid="price-chart"');
        const after = await nomos.stats();
        expect(after.grants.refresh_token - before.grants.refresh_token, `rotation ${rotation}`).toBe(1);
        expect(after.refresh_reuse_detected, `rotation ${rotation}`).toBe(0);
      }
    });

    test('Nomos being down during a refresh keeps the session and shows the request id', async ({ page }) => {
      await connect(page, 'anna@example.com', pair);
      await waitForExpiry(page, pair);
      await nomos.fault({ path: '/oauth/token', status: 503, times: 3 });
      await page.goto(`${instances.at(-1)}/dashboard`);
      const alert = page.getByRole('alert').filter({ hasText: 'Nomos could not be reached' });
      await expect(alert).toContainText(/Request ID for Nomos support: [\w-]{8,}/);

      // The failure is remembered for a few seconds, so a burst of requests does not retry it at once.
      await page.waitForTimeout(3_500);
      await page.getByRole('link', { name: 'Try again' }).click();
      await expect(page.getByTestId('price-chart')).toBeVisible();
      expect((await nomos.stats()).refresh_reuse_detected).toBe(0);
    });

    test('a refresh refused because the customer revoked access ends the session and asks to connect again', async ({
      page,
    }) => {
      await connect(page, 'anna@example.com', pair);
      await nomos.revoke('anna@example.com');
      await waitForExpiry(page, pair);
      await page.goto(`${instances.at(-1)}/dashboard`);
      // The app's own URL (APP_URL, the load balancer's in production), whichever instance answered.
      await expect(page).toHaveURL(`${appUrl(pair)}/?connection=ended`);
      await expect(page.getByRole('status')).toContainText('Your Nomos connection has ended');
      await expect(page.getByRole('link', { name: 'Connect your Nomos account' })).toBeVisible();
      expect((await page.context().cookies()).find((cookie) => cookie.name === sessionCookieName(pair))).toBeUndefined();
    });
  });
}

test.describe('Redis failing (two instances)', () => {
  const nomos = sandbox('redis');
  const [instanceA, instanceB] = instanceUrls('redis') as [string, string];

  test.beforeEach(async () => {
    await nomos.reset();
  });

  test.afterEach(() => {
    // Leave a Redis running for the tests after this one, whatever happened here.
    startRedis();
  });

  test('costs no session and no grant: valid tokens keep working, a refresh waits, and it recovers without a new log-in', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await connect(page, 'anna@example.com', 'redis');
    await stopRedis();

    // The access token is still valid: both instances serve the dashboard without Redis.
    for (const instance of [instanceA, instanceB]) {
      await page.goto(`${instance}/dashboard`);
      await expect(page.getByTestId('price-chart')).toBeVisible();
    }

    // At expiry a refresh would need coordination: the page says so, and keeps the session.
    await page.waitForTimeout(tokenTtlSeconds.redis * 1000 + 500);
    const before = await nomos.stats();
    for (const instance of [instanceA, instanceB]) {
      await page.goto(`${instance}/dashboard`);
      const alert = page.getByRole('alert').filter({ hasText: 'Your connection could not be renewed just now' });
      await expect(alert).toContainText('session store is unreachable');
      await expect(page.getByRole('link', { name: 'Try again' })).toBeVisible();
    }
    expect((await page.context().cookies()).some((cookie) => cookie.name === 'nomos_session')).toBe(true);
    const during = await nomos.stats();
    expect(during.grants.refresh_token - before.grants.refresh_token).toBe(0);
    expect(during.refresh_reuse_detected).toBe(0);

    const restarted = startRedis();
    expect(restarted.status, restarted.stderr).toBe(0);
    // The client reconnects in the background: the next request works, without logging in again.
    await expect(async () => {
      await page.goto(`${instanceB}/dashboard`);
      await expect(page.getByTestId('price-chart')).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await page.goto(`${instanceA}/dashboard`);
    await expect(page.getByTestId('price-chart')).toBeVisible();
    const after = await nomos.stats();
    expect(after.grants.refresh_token - before.grants.refresh_token).toBe(1);
    expect(after.refresh_reuse_detected).toBe(0);
  });
});
