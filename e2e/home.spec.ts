import { expect, test } from '@playwright/test';

test('the home page explains the app and offers to connect a Nomos account', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const connect = page.getByRole('link', { name: 'Connect your Nomos account' });
  await expect(connect).toBeVisible();
  await expect(connect).toHaveAttribute('href', '/auth/login');
  await page.screenshot({ path: testInfo.outputPath('home.png'), fullPage: true });
});
