import { expect, test, type Response } from '@playwright/test';

import { appUrl, authStyle, sessionCookieName } from './ports';
import { connect, sandbox } from './support';

/**
 * The connection once made, in both integration styles: the iron-session
 * style (one instance) and the next-auth style (two instances on Redis).
 */
for (const pair of ['oneInstance', 'nextAuth'] as const) {
  test.describe(`the connection (${authStyle(pair)})`, () => {
    const app = appUrl(pair);
    const nomos = sandbox(pair);

    test.beforeEach(async () => {
      await nomos.reset();
    });

    test('after the customer revokes access, the person is asked to connect again', async ({ page }) => {
      await connect(page, 'anna@example.com', pair);
      await nomos.revoke('anna@example.com');
      await page.reload();
      await expect(page.getByText('Your Nomos connection has ended')).toBeVisible();
      await expect(page.getByRole('link', { name: 'Connect your Nomos account' })).toBeVisible();
    });

    test('logout works, while a GET or a cross-site POST changes nothing', async ({ page, request }) => {
      await connect(page, 'anna@example.com', pair);

      const get = await page.request.get(`${app}/auth/logout`, { maxRedirects: 0 });
      expect(get.status()).toBe(405);

      // A page on another site posts a form to the logout route.
      const evil = `${nomos.url}/evil-page`;
      await page.route(evil, (route) =>
        route.fulfill({
          contentType: 'text/html',
          body: `<form id="f" method="post" action="${app}/auth/logout"></form><script>document.getElementById('f').submit()</script>`,
        }),
      );
      const crossSite = page.waitForResponse(`${app}/auth/logout`);
      await page.goto(evil);
      expect((await crossSite).status()).toBe(403);
      await page.goto(`${app}/dashboard`);
      await expect(page.getByTestId('price-chart')).toBeVisible();

      // Without the browser's cookies and headers, a bare POST is refused too.
      expect((await request.post(`${app}/auth/logout`, { maxRedirects: 0 })).status()).toBe(403);

      await page.getByRole('button', { name: 'Log out' }).click();
      await expect(page).toHaveURL(`${app}/`);
      await expect(page.getByRole('link', { name: 'Connect your Nomos account' })).toBeVisible();
      expect((await page.context().cookies()).find((c) => c.name === sessionCookieName(pair))).toBeUndefined();
    });

    test('the access and refresh tokens appear nowhere in what the browser receives', async ({ page }) => {
      // After 14:00, so that tomorrow (the "Next day" link) has prices.
      await nomos.setClock('2026-11-23T15:07:00Z');
      const bodies: string[] = [];
      const reading: Promise<void>[] = [];
      const read = async (response: Response) => {
        bodies.push(JSON.stringify(await response.allHeaders()));
        const body = await response.body().catch(() => null);
        if (body) bodies.push(body.toString('utf8'));
      };
      // Every read is awaited before the check, and the listener removed: a response still being read
      // when the page closes must not fail the next test (it did, now and then, before).
      const onResponse = (response: Response) => {
        if (response.url().startsWith(app)) reading.push(read(response));
      };
      page.on('response', onResponse);
      await connect(page, 'anna@example.com', pair);
      await page.reload();
      await page.getByRole('link', { name: 'Next day' }).click();
      await expect(page.getByTestId('price-chart')).toBeVisible();

      // What Auth.js's session endpoint (`useSession()`) would hand a script: who, never the tokens.
      const sessionEndpoint = await page.evaluate(async () => (await fetch('/api/auth/session')).text());
      bodies.push(sessionEndpoint);
      if (authStyle(pair) === 'next-auth')
        expect(JSON.parse(sessionEndpoint)).toMatchObject({ user: { email: 'anna@example.com' } });

      page.off('response', onResponse);
      await Promise.all(reading);
      const tokens = await nomos.tokens('anna@example.com');
      const secrets = [...tokens.access_tokens, ...tokens.refresh_tokens];
      expect(secrets.length).toBeGreaterThanOrEqual(2);
      const storage = await page.evaluate(() => ({
        cookie: document.cookie,
        local: JSON.stringify({ ...localStorage }),
        session: JSON.stringify({ ...sessionStorage }),
      }));
      const everything = [...bodies, storage.cookie, storage.local, storage.session].join('\n');
      expect(bodies.length).toBeGreaterThan(5);
      for (const secret of secrets) expect(everything.includes(secret)).toBe(false);
      // Nothing that looks like a JWT either.
      expect(everything).not.toMatch(/eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/);
    });
  });
}
