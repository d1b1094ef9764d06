import { readFile } from 'node:fs/promises';

import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import ICAL from 'ical.js';

import { appUrl, sandboxUrl } from './ports';
import { connect, sandbox } from './support';

const nomos = sandbox('views');

test.beforeEach(async () => {
  await nomos.reset();
});

type ApiUsage = { resolution: string; data: { start: string; usage: number; type: string }[] };
type ApiPrice = { items: { timestamp: string; amount: number | null }[] | null };

/** GETs the sandbox API with the customer's own latest access token, as the app does. */
async function fromNomos<T>(email: string, path: string): Promise<T> {
  const token = (await nomos.tokens(email)).access_tokens.at(-1);
  expect(token).toBeTruthy();
  const context = await playwrightRequest.newContext();
  try {
    const response = await context.get(`${sandboxUrl('views')}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(response.ok(), `${path}: ${response.status()}`).toBe(true);
    return (await response.json()) as T;
  } finally {
    await context.dispose();
  }
}

// The suite reads the English pages: en-GB numbers ("€17.80", "12.34 kWh").
const twoDecimals = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const euro = (ct: number) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(ct / 100).replace('-', '\u2212');
const kwh = (value: number) => `${twoDecimals.format(value)} kWh`;
const ctPerKwh = (value: number) => `${twoDecimals.format(value)} ct/kWh`;

/** The day's figures computed here, independently of the app, from the API's own usage and prices. */
async function expectedDay(email: string, subscription: string, date: string, next: string) {
  const usage = await fromNomos<ApiUsage>(
    email,
    `/subscriptions/${subscription}/usage?start=${date}&end=${next}&resolution=15min`,
  );
  const prices = await fromNomos<ApiPrice>(email, `/subscriptions/${subscription}/prices?start=${date}&end=${date}`);
  const amounts = new Map((prices.items ?? []).map((item) => [Date.parse(item.timestamp), item.amount]));
  let energy = 0;
  let priced = 0;
  let cost = 0;
  for (const reading of usage.data) {
    energy += reading.usage;
    const amount = amounts.get(Date.parse(reading.start));
    if (amount === null || amount === undefined) continue;
    priced += reading.usage;
    cost += reading.usage * amount;
  }
  const known = [...amounts.values()].filter((amount): amount is number => amount !== null);
  return {
    readings: usage.data.length,
    energy,
    cost,
    paidAverage: cost / priced,
    plainAverage: known.reduce((sum, amount) => sum + amount, 0) / known.length,
  };
}

async function openUsage(page: Page, query: string) {
  await page.goto(`${appUrl('views')}/dashboard/usage${query}`);
}

test('anna’s usage of a past day shows the kWh and € that the API’s own usage × prices give', async ({
  page,
}, testInfo) => {
  await nomos.setClock('2026-11-23T15:07:00Z');
  await connect(page, 'anna@example.com', 'views');
  await page.getByRole('link', { name: 'Usage and cost →' }).click();
  // After 16:00 Berlin time yesterday is the latest published day.
  await expect(page.getByText('Showing Sunday, 22 November 2026')).toBeVisible();

  await page.getByRole('link', { name: 'Previous day' }).click();
  await expect(page.getByText('Showing Saturday, 21 November 2026')).toBeVisible();
  await page.getByRole('link', { name: 'Previous day' }).click();
  await expect(page.getByText('Showing Friday, 20 November 2026')).toBeVisible();
  const expected = await expectedDay('anna@example.com', 'sub_anna_home', '2026-11-20', '2026-11-21');
  expect(expected.readings).toBe(96);
  await expect(page.getByTestId('usage-energy')).toHaveText(kwh(expected.energy));
  await expect(page.getByTestId('usage-cost')).toHaveText(euro(expected.cost));
  await expect(page.getByTestId('usage-paid-average')).toHaveText(ctPerKwh(expected.paidAverage));
  await expect(page.getByTestId('usage-plain-average')).toHaveText(ctPerKwh(expected.plainAverage));
  await expect(page.getByTestId('usage-chart')).toBeVisible();
  // The quarter-hour table is collapsed; with JavaScript its rows are built when it is opened.
  await expect(page.getByTestId('usage-row')).toHaveCount(0);
  await page.getByText('Show every quarter-hour as a table', { exact: true }).click();
  await expect(page.getByTestId('usage-row')).toHaveCount(96);
  await expect(page.getByTestId('usage-row').first()).toBeVisible();
  await expect(page.getByTestId('shifting')).toContainText('What shifting could have saved');
  await expect(page.getByText('Last 7 days')).toBeVisible();
  // The month's days, collapsed under its totals, are built when opened: 20 rows for 1–20 November.
  await expect(page.getByText('This month so far')).toBeVisible();
  await expect(page.getByTestId('period-2026-11-01')).toHaveCount(0);
  await page.getByText('This month so far').click();
  await expect(page.getByTestId('period-2026-11-01').locator('tbody tr')).toHaveCount(20);
  await page.screenshot({ path: testInfo.outputPath('usage-light.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: testInfo.outputPath('usage-dark.png'), fullPage: true });
});

test('a day before 16:00 the next day says when its usage will be published', async ({ page }) => {
  await nomos.setClock('2026-11-23T09:07:00Z');
  await connect(page, 'anna@example.com', 'views');
  await openUsage(page, '?date=2026-11-22');
  await expect(page.getByRole('heading', { name: 'Usage not published yet' })).toBeVisible();
  await expect(page.getByText('around 16:00 on Monday, 23 November 2026')).toBeVisible();
  await expect(page.getByTestId('usage-energy')).toHaveCount(0);
});

test('final usage days are cached: the view asks Nomos only for what can still change', async ({ page }) => {
  await nomos.setClock('2026-11-23T15:07:00Z');
  await connect(page, 'anna@example.com', 'views');
  await openUsage(page, '?date=2026-11-05');
  await expect(page.getByTestId('usage-energy')).toBeVisible();
  const before = (await nomos.stats()).api_requests;
  await page.reload();
  await expect(page.getByTestId('usage-energy')).toBeVisible();
  // Subscriptions only: 1–5 Nov and October are final, and so are their prices.
  expect((await nomos.stats()).api_requests - before).toBe(1);
});

test('dora’s feed-in shows the energy fed in and its earnings, from the API’s own data', async ({ page }) => {
  await nomos.setClock('2026-11-23T15:07:00Z');
  await connect(page, 'dora@example.com', 'views');
  await openUsage(page, '?subscription=sub_dora_solar&date=2026-11-20');
  const expected = await expectedDay('dora@example.com', 'sub_dora_solar', '2026-11-20', '2026-11-21');
  expect(expected.energy).toBeGreaterThan(0);
  await expect(page.getByText('Energy fed in', { exact: true })).toBeVisible();
  await expect(page.getByText('Earnings', { exact: true })).toBeVisible();
  await expect(page.getByTestId('usage-energy')).toHaveText(kwh(expected.energy));
  await expect(page.getByTestId('usage-cost')).toHaveText(euro(expected.cost));
  // Shifting a solar plant's output is not a thing: no savings card.
  await expect(page.getByTestId('shifting')).toHaveCount(0);
});

test('a 503 on usage shows the error with the request id, and Try again recovers', async ({ page }) => {
  await nomos.setClock('2026-11-23T15:07:00Z');
  await connect(page, 'anna@example.com', 'views');
  // The first call and its two retries.
  await nomos.fault({ path: '/subscriptions/*/usage', status: 503, times: 3 });
  await openUsage(page, '?date=2026-11-20');
  // Next.js keeps an empty route announcer with the same role.
  const alert = page.getByRole('alert').filter({ hasText: 'Nomos' });
  await expect(alert).toContainText('Nomos could not be reached just now');
  await expect(alert.locator('code')).toHaveText(/\S+/);
  await alert.getByRole('link', { name: 'Try again' }).click();
  await expect(page.getByTestId('usage-energy')).toHaveText(/kWh$/);
});

test('the .ics download parses and holds the window the dashboard shows', async ({ page }) => {
  await nomos.setClock('2026-11-23T15:07:00Z');
  await connect(page, 'anna@example.com', 'views');
  const window = page.getByTestId('cheapest-window');
  const start = Number(await window.getAttribute('data-start'));
  const end = Number(await window.getAttribute('data-end'));
  const shownAverage = (await window.getByText(/^Average/).textContent()) ?? '';

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Add to calendar (.ics)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^cheapest-window-.*\.ics$/);
  const text = await readFile(await download.path(), 'utf8');
  const component = new ICAL.Component(ICAL.parse(text));
  const event = new ICAL.Event(component.getFirstSubcomponent('vevent') ?? undefined);
  expect(event.startDate.toJSDate().getTime()).toBe(start);
  expect(event.endDate.toJSDate().getTime()).toBe(end);
  expect(event.description).toContain(`Average price ${shownAverage.match(/−?\d+\.\d\d\sct\/kWh/)?.[0]}`);

  const link = await page.getByLabel('Link to this answer').inputValue();
  expect(link).toContain('/dashboard?subscription=sub_anna_home&date=2026-11-23&duration=120');
  expect(event.description).toContain(link);
});

test('the calendar export refuses a bad query with a 400 that says what is wrong', async ({ page }) => {
  await nomos.setClock('2026-11-23T15:07:00Z');
  await connect(page, 'anna@example.com', 'views');
  const response = await page.request.get(`${appUrl('views')}/dashboard/calendar?date=2026-02-30&duration=abc`);
  expect(response.status()).toBe(400);
  const body = await response.text();
  expect(body).toContain('date must be a calendar date');
  expect(body).toContain('duration must be whole minutes');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the usage view, its day links, the shifting setting and the calendar link work', async ({ page }) => {
    await nomos.setClock('2026-11-23T15:07:00Z');
    await connect(page, 'anna@example.com', 'views');
    await openUsage(page, '?date=2026-11-20');
    await expect(page.getByTestId('usage-energy')).toHaveText(/kWh$/);
    // Without JavaScript the table's rows come in the HTML, collapsed.
    await expect(page.getByTestId('usage-row')).toHaveCount(96);
    await expect(page.getByTestId('usage-row').first()).toBeHidden();
    await page.getByLabel('Shiftable share of the energy').selectOption('50');
    await page.getByRole('button', { name: 'Recalculate' }).click();
    await expect(page).toHaveURL(/shift=50/);
    await expect(page.getByTestId('shifting')).toContainText('50% of the day’s energy');
    await page.getByRole('link', { name: 'Next day' }).click();
    await expect(page.getByText('Showing Saturday, 21 November 2026')).toBeVisible();

    await page.goto(`${appUrl('views')}/dashboard`);
    const href = await page.getByRole('link', { name: 'Add to calendar (.ics)' }).getAttribute('href');
    const response = await page.request.get(`${appUrl('views')}${href}`);
    expect(response.headers()['content-type']).toContain('text/calendar');
    expect(response.headers()['content-disposition']).toMatch(/^attachment; filename=/);
  });
});
