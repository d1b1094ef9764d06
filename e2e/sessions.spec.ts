import { expect, request as playwrightRequest, test, type Browser, type Cookie, type Page } from '@playwright/test';

import {
  SESSION_MAX_AGE_SECONDS,
  TOKEN_TTL_SECONDS,
  appUrl,
  authStyle,
  instanceUrls,
  sessionCookieName,
  type Pair,
} from './ports';
import { startRedis, stopRedis } from './redis-control';
import { closeTheDashboard, connect, sandbox } from './support';

/**
 * Sessions that really end: a logout is recorded on the server, so a copy
 * of the cookie taken before it (a shared computer, malware) is refused
 * afterwards, on every instance, also within the refresh grace window; and
 * a session ends at its absolute lifetime even if someone keeps its cookie.
 */

const sessionCookieOf = async (page: Page, pair: Pair = 'oneInstance'): Promise<Cookie> => {
  const cookie = (await page.context().cookies()).find((c) => c.name === sessionCookieName(pair));
  expect(cookie, 'the session cookie').toBeDefined();
  return cookie!;
};

/** A fresh browser holding nothing but a copy of `cookie`, as someone who took it would set it. */
async function browserWithCopy(browser: Browser, cookie: Cookie) {
  const context = await browser.newContext();
  await context.addCookies([cookie]);
  return context.newPage();
}

async function logOutWithTheUi(page: Page, instance: string) {
  await page.goto(`${instance}/dashboard`);
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(`${instance}/`);
  await expect(page.getByText('could not record the logout')).toHaveCount(0);
}

async function expectConnectPrompt(page: Page, instance: string) {
  await page.goto(`${instance}/dashboard`);
  await expect(page.getByRole('link', { name: 'Connect your Nomos account' }).first()).toBeVisible();
  await expect(page.getByTestId('price-chart')).toHaveCount(0);
}

const setups: { pair: Pair; title: string }[] = [
  { pair: 'oneInstance', title: 'one instance, in-process store' },
  { pair: 'redis', title: 'two instances sharing Redis: logged out on one, the copy tried on the other' },
  { pair: 'nextAuth', title: 'next-auth style, two instances sharing Redis' },
];

for (const { pair, title } of setups) {
  test.describe(`logout (${title})`, () => {
    const nomos = sandbox(pair);
    const [instanceA, instanceB = instanceA] = instanceUrls(pair) as [string, string?];

    test.beforeEach(async () => {
      await nomos.reset();
    });

    test('a session cookie copied before logout is refused after it, and never refreshed', async ({
      page,
      browser,
    }) => {
      await connect(page, 'anna@example.com', pair);
      const copy = await sessionCookieOf(page, pair);
      await logOutWithTheUi(page, instanceA);

      // While its access token is still valid...
      const thief = await browserWithCopy(browser, copy);
      if (authStyle(pair) === 'next-auth') {
        // Not even who was signed in: Auth.js's session endpoint answers as for no session.
        const summary = await thief.request.get(`${instanceB}/api/auth/session`);
        expect(await summary.json()).toBeNull();
      }
      await expectConnectPrompt(thief, instanceB);
      expect((await thief.context().cookies()).find((c) => c.name === sessionCookieName(pair))).toBeUndefined();

      // ...and once it has expired, when a refresh would have renewed it.
      const before = await nomos.stats();
      await nomos.advanceClock(TOKEN_TTL_SECONDS + 1);
      await thief.context().addCookies([copy]);
      await expectConnectPrompt(thief, instanceB);
      const after = await nomos.stats();
      expect(after.grants.refresh_token - before.grants.refresh_token).toBe(0);
      expect(after.refresh_reuse_detected).toBe(0);
      await thief.context().close();
    });

    test('a response that lands late neither rolls the cookie back nor outlives a logout', async ({ page }) => {
      await connect(page, 'anna@example.com', pair);
      const generation0 = await sessionCookieOf(page, pair);
      await nomos.advanceClock(TOKEN_TTL_SECONDS + 1);
      await page.goto(`${instanceA}/dashboard`);
      await expect(page.getByTestId('price-chart')).toBeVisible();
      const generation1 = await sessionCookieOf(page, pair);
      expect(generation1.value).not.toBe(generation0.value);

      // A slower response of before the refresh (a touch, a prefetch) lands last and sets the older cookie.
      await page.context().addCookies([generation0]);
      await page.goto(`${instanceB}/dashboard`);
      await expect(page.getByTestId('price-chart')).toBeVisible();
      expect((await sessionCookieOf(page, pair)).value, 'brought forward to the newest generation').not.toBe(
        generation0.value,
      );
      expect(await nomos.stats()).toMatchObject({ grants: { refresh_token: 1 }, refresh_reuse_detected: 0 });

      // A response of before the logout lands after it and sets a cookie again: it is refused, and deleted.
      await logOutWithTheUi(page, instanceA);
      await page.context().addCookies([generation1]);
      await expectConnectPrompt(page, instanceB);
      expect((await page.context().cookies()).find((c) => c.name === sessionCookieName(pair))).toBeUndefined();
      expect(await nomos.stats()).toMatchObject({ grants: { refresh_token: 1 }, refresh_reuse_detected: 0 });
    });

    test('a refresh still running when the logout lands answers without a session cookie', async ({ page }) => {
      await connect(page, 'anna@example.com', pair);
      await closeTheDashboard(page);
      const cookie = await sessionCookieOf(page, pair);
      const asBrowser = await playwrightRequest.newContext({
        extraHTTPHeaders: { cookie: `${cookie.name}=${cookie.value}` },
      });
      try {
        await nomos.advanceClock(TOKEN_TTL_SECONDS + 1);
        // A dashboard load at expiry: Nomos rotates the token, and its answer is held back...
        await nomos.fault({ path: '/oauth/token', hold: true, when: 'after', times: 1 });
        const refreshing = asBrowser.get(`${instanceA}/dashboard`, { maxRedirects: 0 });
        await nomos.heldAnswers(1);
        // ...while the customer logs out (the form's POST, from the app's own origin); then it arrives.
        const logout = await asBrowser.post(`${instanceB}/auth/logout`, {
          headers: { origin: new URL(instanceB).origin },
          maxRedirects: 0,
        });
        expect(logout.status()).toBe(303);
        await nomos.releaseHeld();
        const late = await refreshing;
        const sessionSet = late
          .headersArray()
          .filter(({ name, value }) => name.toLowerCase() === 'set-cookie' && value.startsWith(`${cookie.name}=`))
          .map(({ value }) => value.split(';')[0]);
        expect(sessionSet, 'the late response only deletes the session cookie').toEqual([`${cookie.name}=`]);
        expect(late.headers()['location']).toMatch(/\/\?connection=ended$/);
        expect((await nomos.stats()).refresh_reuse_detected).toBe(0);
      } finally {
        await asBrowser.dispose();
      }
    });

    test('an older copy of the cookie does not get the newest tokens from the chain after logout', async ({
      page,
      browser,
    }) => {
      await connect(page, 'anna@example.com', pair);
      const older = await sessionCookieOf(page, pair);

      // The token expires and is refreshed: the browser now holds a newer cookie,
      // and the grant's chain would serve the newest tokens to the older one.
      await nomos.advanceClock(TOKEN_TTL_SECONDS + 1);
      await page.goto(`${instanceA}/dashboard`);
      await expect(page.getByTestId('price-chart')).toBeVisible();
      expect((await sessionCookieOf(page, pair)).value).not.toBe(older.value);
      const refreshed = await nomos.stats();
      expect(refreshed.grants.refresh_token).toBe(1);

      await logOutWithTheUi(page, instanceA);
      const thief = await browserWithCopy(browser, older);
      await expectConnectPrompt(thief, instanceB);
      const after = await nomos.stats();
      expect(after.grants.refresh_token).toBe(1);
      expect(after.refresh_reuse_detected).toBe(0);
      await thief.context().close();
    });
  });
}

test.describe('logout while Redis is down (two instances)', () => {
  const [instanceA] = instanceUrls('redis') as [string];

  test.beforeEach(async () => {
    await sandbox('redis').reset();
  });

  test.afterEach(() => {
    // Leave a Redis running for the tests after this one, whatever happened here.
    startRedis();
  });

  test('still logs this browser out, and says plainly that the server could not record it', async ({ page }) => {
    await connect(page, 'anna@example.com', 'redis');
    await stopRedis();
    await page.goto(`${instanceA}/dashboard`);
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL(`${instanceA}/?logout=incomplete`);
    await expect(page.getByRole('alert').filter({ hasText: 'could not record the logout' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Connect your Nomos account' })).toBeVisible();
    expect((await page.context().cookies()).find((c) => c.name === 'nomos_session')).toBeUndefined();
  });
});

test.describe('session lifetime and RFC 7009 revocation (one instance, sandbox with /oauth/revoke)', () => {
  const pair: Pair = 'oneInstance';
  const nomos = sandbox(pair);
  const DAY = 24 * 3600;
  const IDLE_TIMEOUT_SECONDS = 7 * DAY;

  test.beforeEach(async () => {
    await nomos.reset();
  });

  test('a session used every few days still ends at its absolute lifetime, even with a cookie kept beyond its Max-Age', async ({
    page,
    browser,
  }) => {
    await connect(page, 'anna@example.com', pair);
    const connected = Date.now() / 1000;
    const cookie = await sessionCookieOf(page);
    // The browser is told to drop it when the session would end (here its idle timeout), not in 30 days.
    expect(cookie.expires).toBeGreaterThan(connected);
    expect(cookie.expires).toBeLessThanOrEqual(connected + IDLE_TIMEOUT_SECONDS + 1);

    // A visit every six days keeps the idle timeout away...
    for (let visited = 6; visited < 30; visited += 6) {
      await nomos.advanceClock(6 * DAY);
      await page.goto(`${appUrl(pair)}/dashboard`);
      await expect(page.getByTestId('price-chart'), `day ${visited}`).toBeVisible();
    }
    const kept = await sessionCookieOf(page);
    // ...but not the absolute lifetime, counted from the sign-in.
    await nomos.advanceClock(SESSION_MAX_AGE_SECONDS - 24 * DAY + 1);

    // Someone who kept the cookie past its Max-Age gets nothing from it either.
    const keeper = await browserWithCopy(browser, { ...kept, expires: -1 });
    await expectConnectPrompt(keeper, appUrl(pair));
    await keeper.context().close();
    await expectConnectPrompt(page, appUrl(pair));
  });

  test('logout revokes the grant at Nomos when Nomos offers RFC 7009 revocation', async ({ page }) => {
    await connect(page, 'anna@example.com', pair);
    expect((await nomos.stats()).revocations).toBe(0);
    await logOutWithTheUi(page, appUrl(pair));
    expect((await nomos.stats()).revocations).toBe(1);
  });
});
