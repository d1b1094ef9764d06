import { expect, test, type Page } from '@playwright/test';

import { phrasesIn } from '../lib/testing/icu';

import { englishPhrases, message } from './messages';
import { appUrl, sandboxUrl } from './ports';
import { connect, sandbox } from './support';

const nomos = sandbox('views');

test.beforeEach(async () => {
  await nomos.reset();
  await nomos.setClock('2026-11-23T15:07:00Z');
});

/** Everything a person or a screen reader gets from the page: text, names, tooltips and the title. */
async function everythingReadable(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attributes = ['aria-label', 'title', 'alt', 'placeholder', 'data-tip', 'aria-valuetext'];
    const values = Array.from(document.querySelectorAll('*')).flatMap((element) =>
      attributes.map((name) => element.getAttribute(name)).filter((value): value is string => Boolean(value)),
    );
    return [document.title, document.body.innerText, ...values].join('\n');
  });
}

/** The English message phrases the page shows anywhere a person or a screen reader can find them. */
async function englishOn(page: Page): Promise<string[]> {
  return phrasesIn(await everythingReadable(page), englishPhrases);
}

async function expectNoEnglish(page: Page) {
  expect(await englishOn(page), `English on the German page ${page.url()}`).toEqual([]);
}

test.describe('a browser that prefers German', () => {
  test.use({ locale: 'de-DE' });

  test('sees the app in German, connects, and gets a German dashboard with German numbers', async ({
    page,
  }, testInfo) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(message('de', 'Home.title'));
    await expectNoEnglish(page);

    await page.getByRole('link', { name: message('de', 'Home.connect') }).click();
    // Nomos' own screens are its own, in English; the sign-in is the usual one.
    await expect(page).toHaveURL(new RegExp(`^${sandboxUrl('views')}/`));
    await page.getByLabel('Email').fill('anna@example.com');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('One-time code').fill(await nomos.inboxCode('anna@example.com'));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();

    await expect(page).toHaveURL(new RegExp(`^${appUrl('views')}/dashboard`));
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.getByTestId('price-chart')).toBeVisible();
    // "Montag, 23. November 2026"; prices with a decimal comma.
    await expect(page.getByText('Montag, 23. November 2026').first()).toBeVisible();
    await expect(page.getByText(/^−?\d+,\d\d\sct\/kWh$/).first()).toBeVisible();
    await expect(page).toHaveTitle(/Nomos HEMS$/);
    await expectNoEnglish(page);
    await page.screenshot({ path: testInfo.outputPath('dashboard-de.png'), fullPage: true });

    await page.goto('/dashboard/usage?date=2026-11-22');
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expectNoEnglish(page);
    await page.screenshot({ path: testInfo.outputPath('usage-de.png'), fullPage: true });

    await page.goto('/auth/error?reason=denied');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(message('de', 'AuthError.denied.title'));
    await expectNoEnglish(page);
  });
});

test.describe('a browser that prefers English', () => {
  test.use({ locale: 'en-GB' });

  test('sees English, with English numbers', async ({ page }, testInfo) => {
    await connect(page, 'anna@example.com', 'views');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByText('Monday, 23 November 2026').first()).toBeVisible();
    await expect(page.getByText(/^−?\d+\.\d\d\sct\/kWh$/).first()).toBeVisible();
    // The check the German pages pass finds plenty on the English one.
    expect((await englishOn(page)).length).toBeGreaterThan(20);
    await page.screenshot({ path: testInfo.outputPath('dashboard-en.png'), fullPage: true });
  });

  test('switches to German, keeps it across pages and visits, and switches back', async ({ page, context }) => {
    await connect(page, 'anna@example.com', 'views');
    await page.goto('/dashboard/usage?date=2026-11-22');
    await page.getByRole('button', { name: 'Deutsch' }).click();
    // Back on the same page, now in German.
    await expect(page).toHaveURL(/\/dashboard\/usage\?date=2026-11-22$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.getByRole('button', { name: 'Deutsch' })).toHaveAttribute('aria-pressed', 'true');
    await expectNoEnglish(page);

    // Client-side navigation and full loads alike stay German.
    await page.getByRole('link', { name: 'Nomos HEMS' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(message('de', 'Home.title'));
    await page.goto('/dashboard');
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expectNoEnglish(page);

    // Remembered by a cookie: a new tab in the same browser is German too.
    const cookie = (await context.cookies()).find((c) => c.name === 'NEXT_LOCALE');
    expect(cookie).toMatchObject({ value: 'de', httpOnly: true, sameSite: 'Lax' });
    const second = await context.newPage();
    await second.goto('/');
    await expect(second.locator('html')).toHaveAttribute('lang', 'de');
    await second.close();

    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page).toHaveURL(/\/dashboard$/);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, locale: 'en-GB' });

  test('the language switch is a plain form and still works', async ({ page }) => {
    await page.goto('/auth/error?reason=denied');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(message('en', 'AuthError.denied.title'));
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await expect(page).toHaveURL(/\/auth\/error\?reason=denied$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(message('de', 'AuthError.denied.title'));
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  });
});
