import { expect, request as playwrightRequest, test, type APIResponse, type Page } from '@playwright/test';

import { TOKEN_TTL_SECONDS, appUrl, instanceUrls, sessionCookieName, type Pair } from './ports';
import { startRedis, stopRedis } from './redis-control';
import { closeTheDashboard, connect, sandbox } from './support';

/**
 * The refresh journeys, run against each store: the in-process store with
 * one instance, and Redis with two instances behind one cookie, where the
 * requests of a page load alternate between the instances as a load
 * balancer would send them.
 */
const setups: { pair: Pair; title: string }[] = [
  { pair: 'oneInstance', title: 'one instance, in-process store' },
  { pair: 'redis', title: 'two instances sharing Redis' },
  { pair: 'nextAuth', title: 'next-auth style, two instances sharing Redis' },
];

/** The session cookie the browser holds now. */
async function sessionCookie(page: Page, pair: Pair) {
  const cookie = (await page.context().cookies()).find((c) => c.name === sessionCookieName(pair));
  expect(cookie, 'the session cookie').toBeDefined();
  return cookie!;
}

/**
 * A request carrying `page`'s session cookie whose response the browser never
 * sees (the tab was closed, the network dropped): its Set-Cookie is lost.
 */
async function lostRequest(page: Page, pair: Pair, url: string) {
  const cookie = await sessionCookie(page, pair);
  const context = await playwrightRequest.newContext({
    extraHTTPHeaders: { cookie: `${cookie.name}=${cookie.value}` },
  });
  try {
    const response = await context.get(url, { maxRedirects: 0 });
    // What the page said, for a failure's message: its text without markup.
    const said = (await response.text())
      .replace(/<script[\s\S]*?<\/script>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .slice(0, 400);
    return { status: response.status(), setCookie: response.headers()['set-cookie'] ?? '', said };
  } finally {
    await context.dispose();
  }
}

/** Nomos' own counts: `rotations` refresh grants, and not one refresh token presented twice. */
async function expectRotations(nomos: ReturnType<typeof sandbox>, rotations: number) {
  expect(await nomos.stats()).toMatchObject({ grants: { refresh_token: rotations }, refresh_reuse_detected: 0 });
}

/** Moves the clock (the sandbox's, which the app follows) past the access token's lifetime. */
const expire = (pair: Pair) => sandbox(pair).advanceClock(TOKEN_TTL_SECONDS + 1);

for (const { pair, title } of setups) {
  test.describe(`refresh (${title})`, () => {
    const nomos = sandbox(pair);
    const instances = instanceUrls(pair);

    test.beforeEach(async () => {
      await nomos.reset();
    });

    test('pages keep working across several refreshes, each rotation used once', async ({ page }) => {
      await connect(page, 'anna@example.com', pair);
      for (let round = 0; round < 3; round++) {
        await expire(pair);
        await page.goto(`${instances[round % instances.length]}/dashboard`);
        await expect(page.getByTestId('price-chart')).toBeVisible();
      }
      await expectRotations(nomos, 3);
    });

    // One storm per style and store end to end; storms over several expiries run without a browser (lib/auth/refresh-drills.test.ts).
    test('50 parallel requests at an expiry: all render prices, exactly one refresh', async ({ page }) => {
      await connect(page, 'anna@example.com', pair);
      await expire(pair);
      const responses: APIResponse[] = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          page.request.get(`${instances[i % instances.length]}/dashboard`, { maxRedirects: 0 }),
        ),
      );
      const bodies = await Promise.all(responses.map((response) => response.text()));
      expect(responses.map((response) => response.status())).toEqual(Array(50).fill(200));
      for (const body of bodies) expect(body).toContain('data-testid="price-chart"');
      await expectRotations(nomos, 1);
    });

    test('a refresh whose response never reached the browser: 35 s later the old cookie gets prices and the newest cookie, no reuse', async ({
      page,
    }) => {
      await connect(page, 'anna@example.com', pair);
      await closeTheDashboard(page);
      const old = await sessionCookie(page, pair);
      await expire(pair);
      const lost = await lostRequest(page, pair, `${instances[0]}/dashboard`);
      expect(lost.status).toBe(200);
      expect(lost.setCookie, `the lost response carried the rotated cookie; the page said: ${lost.said}`).toContain(
        `${sessionCookieName(pair)}=`,
      );
      expect((await nomos.stats()).grants.refresh_token).toBe(1);

      // The customer opens the app again with the cookie they still have.
      await nomos.advanceClock(35);
      await page.goto(`${instances.at(-1)}/dashboard`);
      await expect(page.getByTestId('price-chart')).toBeVisible();
      expect((await sessionCookie(page, pair)).value).not.toBe(old.value);
      // An hour later the newest generation is refreshed once, from the newest refresh token.
      await expire(pair);
      await page.goto(`${instances[0]}/dashboard`);
      await expect(page.getByTestId('price-chart')).toBeVisible();
      await expectRotations(nomos, 2);
    });

    test('an access token Nomos refuses before its end is renewed once and the page renders, also when Nomos states no lifetime', async ({
      page,
    }) => {
      await connect(page, 'anna@example.com', pair);
      // From the first refresh on, Nomos states no lifetime: the app assumes its hour.
      await nomos.omitFromTokenResponses(['expires_in']);
      await expire(pair);
      await page.goto(`${instances[0]}/dashboard`);
      await expect(page.getByTestId('price-chart')).toBeVisible();
      expect((await nomos.stats()).grants.refresh_token).toBe(1);

      // Minutes later Nomos ends the token early; the app learns it from a 401 and renews once.
      await nomos.advanceClock(120);
      await nomos.expireAccessTokens('anna@example.com');
      await page.goto(`${instances.at(-1)}/dashboard?duration=60`);
      await expect(page.getByTestId('price-chart')).toBeVisible();
      await expect(page).toHaveURL(/\/dashboard\?duration=60$/);
      await expectRotations(nomos, 2);
    });

    test('a refresh Nomos processed but whose answer was lost: the page says so, then that the connection ended, with one reuse at most', async ({
      page,
    }) => {
      await connect(page, 'anna@example.com', pair);
      // The fault first: the open dashboard may refresh by itself (LiveRefresh) as soon as the token is due.
      await nomos.fault({ path: '/oauth/token', status: 502, when: 'after' });
      await expire(pair);
      await page.goto(`${instances.at(-1)}/dashboard`);
      await expect(
        page.getByRole('alert').filter({ hasText: 'Nomos did not answer the renewal of your connection' }),
      ).toBeVisible();

      // The next attempt, after the first can no longer be in flight, presents the token Nomos already rotated.
      // (A reload rather than the Try again link: between two test instances on two origins, a client-side
      // navigation cannot follow the redirect to APP_URL, which in production is the one origin.)
      await nomos.advanceClock(6);
      await page.goto(`${instances[0]}/dashboard`);
      await expect(page).toHaveURL(`${appUrl(pair)}/?connection=ended`);
      await expect(page.getByRole('status')).toContainText('Your Nomos connection has ended');
      await expect(page.getByRole('link', { name: 'Connect your Nomos account' })).toBeVisible();
      // The cookie is gone and Nomos saw the spent token once (the chain keeps any copy from trying again).
      expect(
        (await page.context().cookies()).find((cookie) => cookie.name === sessionCookieName(pair)),
      ).toBeUndefined();
      const stats = await nomos.stats();
      expect(stats.grants.refresh_token).toBe(1);
      expect(stats.refresh_reuse_detected).toBe(1);
    });

    test('Nomos being down during a refresh keeps the session and shows the request id', async ({ page }) => {
      await connect(page, 'anna@example.com', pair);
      // The fault first: the open dashboard may refresh by itself (LiveRefresh) as soon as the token is due.
      await nomos.fault({ path: '/oauth/token', status: 503, times: 3 });
      await expire(pair);
      await page.goto(`${instances.at(-1)}/dashboard`);
      const alert = page.getByRole('alert').filter({ hasText: 'Nomos could not be reached' });
      await expect(alert).toContainText(/Request ID for Nomos support: [\w-]{8,}/);

      // The failure is remembered for a few seconds, so a burst of requests does not retry it at once.
      await nomos.advanceClock(4);
      await page.getByRole('link', { name: 'Try again' }).click();
      await expect(page.getByTestId('price-chart')).toBeVisible();
      expect((await nomos.stats()).refresh_reuse_detected).toBe(0);
    });

    test('a refresh refused because the customer revoked access ends the session and asks to connect again', async ({
      page,
    }) => {
      await connect(page, 'anna@example.com', pair);
      await nomos.revoke('anna@example.com');
      await expire(pair);
      await page.goto(`${instances.at(-1)}/dashboard`);
      // The app's own URL (APP_URL, the load balancer's in production), whichever instance answered.
      await expect(page).toHaveURL(`${appUrl(pair)}/?connection=ended`);
      await expect(page.getByRole('status')).toContainText('Your Nomos connection has ended');
      await expect(page.getByRole('link', { name: 'Connect your Nomos account' })).toBeVisible();
      expect(
        (await page.context().cookies()).find((cookie) => cookie.name === sessionCookieName(pair)),
      ).toBeUndefined();
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
    await connect(page, 'anna@example.com', 'redis');
    await stopRedis();

    // The access token is still valid: both instances serve the dashboard without Redis.
    for (const instance of [instanceA, instanceB]) {
      await page.goto(`${instance}/dashboard`);
      await expect(page.getByTestId('price-chart')).toBeVisible();
    }

    // At expiry a refresh would need coordination: the page says so, and keeps the session.
    await expire('redis');
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
