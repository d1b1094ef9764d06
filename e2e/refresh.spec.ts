import { expect, test } from '@playwright/test';

import { appUrl } from './ports';
import { connect, sandbox } from './support';

// The `shortTtl` sandbox issues access tokens that live 6 seconds.
const TOKEN_TTL_MS = 6_000;
const nomos = sandbox('shortTtl');

test.beforeEach(async () => {
  await nomos.reset();
});

test('pages keep working across several refreshes, each rotation used once', async ({ page }) => {
  await connect(page, 'anna@example.com', 'shortTtl');
  for (let round = 0; round < 3; round++) {
    await page.waitForTimeout(TOKEN_TTL_MS + 500);
    await page.goto(`${appUrl('shortTtl')}/dashboard`);
    await expect(page.getByTestId('price-chart')).toBeVisible();
  }
  const stats = await nomos.stats();
  expect(stats.grants.refresh_token).toBeGreaterThanOrEqual(3);
  expect(stats.refresh_reuse_detected).toBe(0);
});

test('50 parallel requests with an expired token cause exactly one refresh and all succeed', async ({ page }) => {
  await connect(page, 'anna@example.com', 'shortTtl');
  await page.waitForTimeout(TOKEN_TTL_MS + 500);
  const before = await nomos.stats();

  const responses = await Promise.all(
    Array.from({ length: 50 }, () => page.request.get(`${appUrl('shortTtl')}/dashboard`, { maxRedirects: 0 })),
  );
  const bodies = await Promise.all(responses.map((response) => response.text()));
  expect(responses.map((response) => response.status())).toEqual(Array(50).fill(200));
  for (const body of bodies) expect(body).toContain('data-testid="price-chart"');

  const after = await nomos.stats();
  expect(after.grants.refresh_token - before.grants.refresh_token).toBe(1);
  expect(after.refresh_reuse_detected).toBe(0);
});

test('Nomos being down during a refresh keeps the session and shows the request id', async ({ page }) => {
  await connect(page, 'anna@example.com', 'shortTtl');
  await page.waitForTimeout(TOKEN_TTL_MS + 500);
  await nomos.fault({ path: '/oauth/token', status: 503, times: 3 });
  await page.goto(`${appUrl('shortTtl')}/dashboard`);
  const alert = page.getByRole('alert').filter({ hasText: 'Nomos could not be reached' });
  await expect(alert).toContainText(/Request ID for Nomos support: [\w-]{8,}/);

  await page.getByRole('link', { name: 'Try again' }).click();
  await expect(page.getByTestId('price-chart')).toBeVisible();
  expect((await nomos.stats()).refresh_reuse_detected).toBe(0);
});

test('a refresh refused because the customer revoked access ends the session and asks to connect again', async ({
  page,
}) => {
  await connect(page, 'anna@example.com', 'shortTtl');
  await nomos.revoke('anna@example.com');
  await page.waitForTimeout(TOKEN_TTL_MS + 500);
  await page.goto(`${appUrl('shortTtl')}/dashboard`);
  await expect(page).toHaveURL(`${appUrl('shortTtl')}/?connection=ended`);
  await expect(page.getByRole('status')).toContainText('Your Nomos connection has ended');
  await expect(page.getByRole('link', { name: 'Connect your Nomos account' })).toBeVisible();
  expect((await page.context().cookies()).find((cookie) => cookie.name === 'nomos_session')).toBeUndefined();
});
