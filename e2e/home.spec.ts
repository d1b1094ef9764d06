import { expect, test } from '@playwright/test';

import { connect } from './support';

test('the home page explains the app and offers to connect a Nomos account', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const connect = page.getByRole('link', { name: 'Connect your Nomos account' });
  await expect(connect).toBeVisible();
  await expect(connect).toHaveAttribute('href', '/auth/login');
  await page.screenshot({ path: testInfo.outputPath('home.png'), fullPage: true });
});

test('no request of the home page or the dashboard fails, the icons and the manifest included', async ({ page }) => {
  const failures: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => {
    // Navigating away cancels Next.js's prefetches: aborted, not failed.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') failures.push(`failed ${request.url()}`);
  });

  await page.goto('/');
  await connect(page, 'anna@example.com');
  await expect(page.getByTestId('price-chart')).toBeVisible();
  // Browsers ask for /favicon.ico on their own, whatever the page links.
  for (const path of ['/favicon.ico', '/manifest.webmanifest']) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
  }
  const links = await page.locator('link[rel="icon"], link[rel="apple-touch-icon"], link[rel="manifest"]').all();
  expect(links.length).toBeGreaterThanOrEqual(3);
  for (const link of links) {
    const href = await link.getAttribute('href');
    expect((await page.request.get(href ?? '/missing-href')).status(), `${href}`).toBe(200);
  }
  const manifest = (await (await page.request.get('/manifest.webmanifest')).json()) as {
    icons: { src: string }[];
    start_url: string;
  };
  expect(manifest.start_url).toBe('/dashboard');
  for (const icon of manifest.icons) {
    const response = await page.request.get(icon.src);
    expect(response.status(), icon.src).toBe(200);
    expect(response.headers()['content-type']).toBe('image/png');
  }
  expect(failures).toEqual([]);
});
