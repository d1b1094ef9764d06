import { expect, test } from '@playwright/test';

import { appUrl, authStyle, sessionCookieName } from './ports';
import { connect, sandbox, signInAtNomos } from './support';

test.beforeEach(async () => {
  await sandbox('main').reset();
});

test.describe('connecting a Nomos account', () => {
  test('a tampered state is refused and nothing is connected', async ({ page }) => {
    // Stop at Nomos' redirect back to the app and keep its URL.
    let callbackUrl: string | undefined;
    await page.route(`${sandbox('main').url}/oauth/authorize/consent`, async (route) => {
      const response = await route.fetch({ maxRedirects: 0 });
      callbackUrl = response.headers()['location'];
      await route.fulfill({ contentType: 'text/plain', body: 'stopped before the callback' });
    });
    await signInAtNomos(page, 'anna@example.com');
    await page.getByRole('button', { name: 'Allow' }).click();
    await expect(page.getByText('stopped before the callback')).toBeVisible();
    expect(callbackUrl).toContain('/auth/callback?');

    const tampered = new URL(callbackUrl!);
    tampered.searchParams.set('state', `${tampered.searchParams.get('state')}x`);
    await page.goto(tampered.toString());
    await expect(page.getByRole('heading', { name: 'This sign-in could not be verified' })).toBeVisible();
    const stats = await sandbox('main').stats();
    expect(stats.grants.authorization_code).toBe(0);

    await page.goto('/dashboard');
    await expect(page.getByRole('link', { name: 'Connect your Nomos account' })).toBeVisible();
  });

  test('Deny ends on a page that says what happened and offers to try again', async ({ page }) => {
    await signInAtNomos(page, 'anna@example.com');
    await page.getByRole('button', { name: 'Deny' }).click();
    await expect(page).toHaveURL(/\/auth\/error\?reason=denied/);
    await expect(page.getByRole('heading', { name: 'You did not connect your Nomos account' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Try again' })).toHaveAttribute('href', '/auth/login');
  });

  test('the full journey ends on the dashboard, and replaying the callback keeps the session', async ({ page }) => {
    const callbacks: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(`${appUrl('main')}/auth/callback`)) callbacks.push(request.url());
    });
    await connect(page, 'anna@example.com');
    await expect(page.getByTestId('price-chart')).toBeVisible();
    expect(callbacks).toHaveLength(1);

    const cookies = await page.context().cookies();
    const session = cookies.find((cookie) => cookie.name === 'nomos_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookies.find((cookie) => cookie.name === 'nomos_oauth_tx')).toBeUndefined();

    await page.goto(callbacks[0]!);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByTestId('price-chart')).toBeVisible();
    expect((await sandbox('main').stats()).grants.authorization_code).toBe(1);
  });

  test('someone new can create a Nomos account and is told they have no subscription yet', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Create a Nomos account' }).click();
    await page.getByLabel('Email').fill('new.customer@example.com');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('One-time code').fill(await sandbox('main').inboxCode('new.customer@example.com'));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole('heading', { name: "You don't have a Nomos subscription yet" })).toBeVisible();
  });

  test('a returnTo with dot segments (/.//evil.example) ends on the app after a real sign-in', async ({ page }) => {
    const offSite: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).hostname === 'evil.example') offSite.push(request.url());
    });
    await connect(page, 'anna@example.com', 'main', `?returnTo=${encodeURIComponent('/.//evil.example')}`);
    await expect(page).toHaveURL(`${appUrl('main')}/dashboard`);
    expect(offSite).toEqual([]);
  });

  test('returnTo brings the person back to where they started, and never off-site', async ({ page }) => {
    await connect(page, 'anna@example.com', 'main', `?returnTo=${encodeURIComponent('//evil.example/x')}`);
    await expect(page).toHaveURL(`${appUrl('main')}/dashboard`);
  });
});

for (const pair of ['main', 'nextAuth'] as const) {
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
      page.on('response', async (response) => {
        if (!response.url().startsWith(app)) return;
        bodies.push(JSON.stringify(await response.allHeaders()));
        const body = await response.body().catch(() => null);
        if (body) bodies.push(body.toString('utf8'));
      });
      await connect(page, 'anna@example.com', pair);
      await page.reload();
      await page.getByRole('link', { name: 'Next day' }).click();
      await expect(page.getByTestId('price-chart')).toBeVisible();

      // What Auth.js's session endpoint (`useSession()`) would hand a script: who, never the tokens.
      const sessionEndpoint = await page.evaluate(async () => (await fetch('/api/auth/session')).text());
      bodies.push(sessionEndpoint);
      if (authStyle(pair) === 'next-auth') expect(JSON.parse(sessionEndpoint)).toMatchObject({ user: { email: 'anna@example.com' } });

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
