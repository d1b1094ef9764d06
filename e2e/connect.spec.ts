import { expect, test } from '@playwright/test';

import { appUrl } from './ports';
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
