import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';

import { sandboxUrl } from './ports';
import { connect, sandbox, waitForHydration } from './support';

const nomos = sandbox('main');

test.beforeEach(async () => {
  await nomos.reset();
});

/**
 * The price table's rows of `day`. The table is collapsed and, in a browser
 * that runs JavaScript, builds its rows when it is opened: it is opened
 * first, as a person would.
 */
async function rows(page: Page, day: string) {
  const table = page.locator('details').filter({ has: page.getByText('Show all prices as a table', { exact: true }) });
  // A page whose prices were not cached streams: the skeleton first, the table after it.
  await table.waitFor();
  if (!(await table.evaluate((details) => (details as HTMLDetailsElement).open))) {
    await table.locator('summary').click();
  }
  return page.locator(`[data-testid="price-row"][data-day="${day}"]`);
}

type ApiPriceItem = { timestamp: string; amount: number | null };

/** Prices straight from the sandbox API, with an organisation token of the demo client. */
async function pricesFromNomos(subscriptionId: string, start: string, end: string): Promise<ApiPriceItem[]> {
  const context = await playwrightRequest.newContext();
  try {
    const basic = Buffer.from('hems-demo:hems-demo-secret').toString('base64');
    const token = await context.post(`${sandboxUrl('main')}/oauth/token`, {
      headers: { Authorization: `Basic ${basic}` },
      form: { grant_type: 'client_credentials' },
    });
    expect(token.ok()).toBe(true);
    const { access_token } = (await token.json()) as { access_token: string };
    const prices = await context.get(
      `${sandboxUrl('main')}/subscriptions/${subscriptionId}/prices?start=${start}&end=${end}`,
      { headers: { Authorization: `Bearer ${access_token}` } },
    );
    expect(prices.ok()).toBe(true);
    return ((await prices.json()) as { items: ApiPriceItem[] }).items;
  } finally {
    await context.dispose();
  }
}

/** The obvious O(n·k) search the app's linear one must agree with. */
function bruteForceCheapest(items: ApiPriceItem[], from: number, minutes: number, intervalMinutes = 15) {
  const length = intervalMinutes * 60_000;
  const candidates = items
    .map((item) => ({ start: Date.parse(item.timestamp), amount: item.amount }))
    .filter((item) => item.start + length > from);
  const k = Math.ceil(minutes / intervalMinutes);
  let best: { start: number; average: number } | null = null;
  for (let i = 0; i + k <= candidates.length; i++) {
    const window = candidates.slice(i, i + k);
    const contiguous = window.every((item, j) => j === 0 || item.start === window[j - 1]!.start + length);
    if (!contiguous || window.some((item) => item.amount === null)) continue;
    const average = window.reduce((sum, item) => sum + item.amount!, 0) / k;
    if (!best || average < best.average - 1e-9) best = { start: window[0]!.start, average };
  }
  return best;
}

test('anna sees the current price, a chart, and a table of 96 quarter-hours per day', async ({ page }) => {
  await nomos.setClock('2026-11-23T15:07:00Z');
  await connect(page, 'anna@example.com');
  await expect(page.getByText(/^Price now, \d\d:\d\d–\d\d:\d\d$/)).toBeVisible();
  await expect(page.getByTestId('price-chart')).toBeVisible();
  await expect(await rows(page, '2026-11-23')).toHaveCount(96);
  await expect(await rows(page, '2026-11-24')).toHaveCount(96);
  await expect(page.getByText('Tomorrow’s prices are published around 14:00')).toHaveCount(0);
  // English pages show en-GB numbers (e2e/language.spec.ts checks German's de-DE).
  await expect(page.getByText(/^−?\d+\.\d\d\sct\/kWh$/).first()).toBeVisible();
});

/**
 * The fonts a page's visible text and controls use, as "size weight" with the
 * count of elements each. Every distinct size and weight is a font the
 * browser looks up and sets up before its first paint (docs/dashboard.md,
 * "Fewer fonts"); the collapsed table's rows are not shown and not counted.
 */
async function fontsInUse(page: Page) {
  return page.evaluate(() => {
    const fonts: Record<string, number> = {};
    const add = (element: Element) => {
      if (element.closest('details:not([open]) > :not(summary)')) return;
      const style = getComputedStyle(element);
      if (style.display === 'none') return;
      const key = `${style.fontFamily.split(',')[0]} ${style.fontSize} ${style.fontWeight}`;
      fonts[key] = (fonts[key] ?? 0) + 1;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.textContent?.trim() && node.parentElement) add(node.parentElement);
    }
    for (const control of document.querySelectorAll('input:not([type=hidden]), select, button')) add(control);
    return fonts;
  });
}

test('the dashboard and the usage view draw their text in at most ten fonts, all of one family', async ({ page }) => {
  await nomos.setClock('2026-11-23T15:07:00Z');
  await connect(page, 'anna@example.com');
  await expect(page.getByTestId('price-chart')).toBeVisible();
  for (const path of ['/dashboard', '/dashboard/usage']) {
    await page.goto(path);
    await expect(page.locator('main h1')).toBeVisible();
    const fonts = await fontsInUse(page);
    const families = new Set(Object.keys(fonts).map((key) => key.split(' ')[0]));
    expect([...families], `${path}: ${JSON.stringify(fonts)}`).toEqual(['system-ui']);
    expect(Object.keys(fonts).length, `${path}: ${JSON.stringify(fonts)}`).toBeLessThanOrEqual(10);
  }
});

test('published prices are not fetched again on every navigation', async ({ page }) => {
  await nomos.setClock('2026-11-23T15:07:00Z');
  await connect(page, 'anna@example.com');
  await expect(page.getByTestId('price-chart')).toBeVisible();
  const before = (await nomos.stats()).api_requests;
  await page.reload();
  await expect(page.getByTestId('price-chart')).toBeVisible();
  // Only the subscriptions are asked for again: their status can change.
  expect((await nomos.stats()).api_requests - before).toBe(1);
});

test('before 14:00 tomorrow is announced, never drawn as prices', async ({ page }) => {
  await nomos.setClock('2026-11-23T09:07:00Z');
  await connect(page, 'anna@example.com');
  await expect(page.getByText('Tomorrow’s prices are published around 14:00').first()).toBeVisible();
  await expect(await rows(page, '2026-11-23')).toHaveCount(96);
  await expect(await rows(page, '2026-11-24')).toHaveCount(0);

  await page.getByRole('link', { name: 'Next day' }).click();
  await expect(page.getByRole('heading', { name: 'Tomorrow’s prices are published around 14:00' })).toBeVisible();
  await expect(page.getByTestId('price-row')).toHaveCount(0);
});

test('DST days have 92 quarter-hours in spring and 100 in autumn', async ({ page }) => {
  await nomos.setClock('2026-03-29T10:00:00Z');
  await connect(page, 'anna@example.com');
  await expect(await rows(page, '2026-03-29')).toHaveCount(92);

  // Seven months on, that session is long over (the app follows the sandbox's clock): connect again.
  await nomos.setClock('2026-10-25T10:00:00Z');
  await connect(page, 'anna@example.com');
  await expect(await rows(page, '2026-10-25')).toHaveCount(100);
  // The repeated hour is shown twice, told apart by its zone.
  const autumn = await rows(page, '2026-10-25');
  await expect(autumn.filter({ hasText: '02:15–02:30 (CEST)' })).toHaveCount(1);
  await expect(autumn.filter({ hasText: '02:15–02:30 (CET)' })).toHaveCount(1);
  // Spring skips the hour: no row starts at 02:xx.
  await page.goto('/dashboard?date=2026-03-29');
  await expect((await rows(page, '2026-03-29')).filter({ hasText: /^\s*02:/ })).toHaveCount(0);
});

test('the history view shows the day asked for, with links to the days around it', async ({ page }) => {
  await nomos.setClock('2026-11-23T09:07:00Z');
  await connect(page, 'anna@example.com');
  await page.goto('/dashboard?date=2026-03-29');
  await expect(await rows(page, '2026-03-29')).toHaveCount(92);
  await expect(await rows(page, '2026-03-30')).toHaveCount(96);
  await page.getByRole('link', { name: 'Previous day' }).click();
  await expect(page).toHaveURL(/date=2026-03-28/);
  // The new day's page (and its table, closed again) is in place.
  await expect(page.getByText('Showing Saturday, 28 March 2026')).toBeVisible();
  await expect(await rows(page, '2026-03-28')).toHaveCount(96);
});

test('the chart explains an interval on hover and on keyboard focus', async ({ page }) => {
  await nomos.setClock('2026-11-23T09:07:00Z');
  await connect(page, 'anna@example.com');
  const chart = page.getByTestId('price-chart');
  // A few shapes, not an element per interval.
  expect(await chart.locator('svg path, svg rect, svg use').count()).toBeLessThan(20);
  await waitForHydration(page);
  const plot = page.getByTestId('price-chart-plot');

  // Today and tomorrow (2,880 minutes across the plot): 05:05 lies in the interval 05:00–05:15.
  const tooltip = plot
    .locator('[aria-hidden="true"]')
    .getByText(/^(Now · )?\d\d:\d\d–\d\d:\d\d: −?\d+\.\d\d\sct\/kWh$/);
  const box = await plot.boundingBox();
  await plot.hover({ position: { x: (box!.width * 305) / 2880, y: box!.height / 2 } });
  await expect(tooltip).toHaveText(/^05:00–05:15: /);

  // One tab stop; the arrow keys move from the current interval (10:00–10:15) and are announced.
  await plot.focus();
  await expect(tooltip).toHaveText(/^Now · 10:00–10:15: /);
  await page.keyboard.press('ArrowRight');
  await expect(tooltip).toHaveText(/^10:15–10:30: /);
  await expect(plot.locator('[aria-live="polite"]')).toHaveText(/^10:15–10:30: /);
  await page.keyboard.press('Home');
  await expect(plot.locator('[aria-live="polite"]')).toHaveText(/^00:00–00:15: /);
  await expect(plot).toBeFocused();
});

test('a dashboard left open moves on to the next interval by itself', async ({ page }) => {
  await nomos.setClock('2026-11-23T09:14:52Z');
  await connect(page, 'anna@example.com');
  await expect(page.getByText('Price now, 10:00–10:15')).toBeVisible();
  await expect(page.getByText('Price now, 10:15–10:30')).toBeVisible({ timeout: 20_000 });
});

test('ben on an hourly plan sees 24 hourly rows', async ({ page }) => {
  await nomos.setClock('2026-11-23T09:07:00Z');
  await connect(page, 'ben@example.com');
  await expect(await rows(page, '2026-11-23')).toHaveCount(24);
});

test('carla, whose contract is still being set up, is told so', async ({ page }) => {
  await connect(page, 'carla@example.com');
  await expect(page.getByRole('heading', { name: "We're still setting up your contract" })).toBeVisible();
  await expect(page.getByText(/Your supply starts on/)).toBeVisible();
});

test('emil, whose contract has ended, is told so', async ({ page }) => {
  await connect(page, 'emil@example.com');
  await expect(page.getByRole('heading', { name: 'Your Nomos contract has ended' })).toBeVisible();
});

test('dora switches between her consumption and feed-in subscriptions', async ({ page }) => {
  await connect(page, 'dora@example.com');
  const switcher = page.getByRole('navigation', { name: 'Your subscriptions' });
  await expect(switcher.getByRole('link')).toHaveCount(2);
  await switcher.getByRole('link', { name: /Feed-in/ }).click();
  await expect(page).toHaveURL(/subscription=sub_dora_solar/);
  await expect(page.getByText('the payout per kWh you feed in: higher is better')).toBeVisible();
  await switcher.getByRole('link', { name: /Consumption/ }).click();
  await expect(page).toHaveURL(/subscription=sub_dora_home/);
  await expect(page.getByText(/^Price now/)).toBeVisible();
});

for (const [label, clock] of [
  ['before publication', '2026-11-23T09:07:00Z'],
  ['after publication, across midnight', '2026-11-23T15:07:00Z'],
] as const) {
  test(`the cheapest window equals a brute-force search over the same prices (${label})`, async ({ page }) => {
    await nomos.setClock(clock);
    await connect(page, 'anna@example.com');
    await page.goto('/dashboard?duration=150');
    const answer = page.getByTestId('cheapest-window');
    await expect(answer).toBeVisible();

    const items = await pricesFromNomos('sub_anna_home', '2026-11-23', '2026-11-24');
    const expected = bruteForceCheapest(items, Date.parse(clock), 150);
    expect(expected).not.toBeNull();
    expect(Number(await answer.getAttribute('data-start'))).toBe(expected!.start);
    expect(Number(await answer.getAttribute('data-average'))).toBeCloseTo(expected!.average, 6);

    // Without JavaScript the form submits as GET; with it, the answer updates in place.
    await waitForHydration(page);
    await page.getByLabel(/How long/i).selectOption('60');
    const oneHour = bruteForceCheapest(items, Date.parse(clock), 60);
    await expect(answer).toHaveAttribute('data-start', String(oneHour!.start));
  });
}

test('a skeleton stands in while Nomos is asked for prices, and cached prices come in one piece', async ({ page }) => {
  await nomos.setClock('2026-11-23T15:07:00Z');
  await connect(page, 'anna@example.com');
  // Once the browser has shown that it runs JavaScript, the page may stream.
  await expect
    .poll(async () => (await page.context().cookies()).some((cookie) => cookie.name === 'hems_js'))
    .toBe(true);
  // Today's prices are cached (final after publication): no skeleton in the HTML.
  const cached = await page.request.get('/dashboard');
  const html = await cached.text();
  expect(html).toContain('data-testid="price-chart"');
  expect(html).not.toContain('aria-busy="true"');

  // A day not seen before asks Nomos, slowly: the skeleton first, then the prices.
  await nomos.fault({ path: '/subscriptions/*/prices', delay_ms: 2_000, times: 1 });
  await page.goto('/dashboard?date=2026-11-20', { waitUntil: 'commit' });
  await expect(page.locator('[aria-busy="true"]')).toBeVisible();
  await expect(page.getByTestId('price-chart')).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the whole journey, the chart and the cheapest-window form work as plain HTML', async ({ page }) => {
    await nomos.setClock('2026-11-23T15:07:00Z');
    await connect(page, 'anna@example.com');
    await expect(page.getByTestId('price-chart')).toBeVisible();
    await expect(page.getByText(/^Price now, /)).toBeVisible();
    // The table's rows come in the HTML, collapsed until opened.
    const today = page.locator('[data-testid="price-row"][data-day="2026-11-23"]');
    await expect(today).toHaveCount(96);
    await expect(today.first()).toBeHidden();
    await page.getByText('Show all prices as a table', { exact: true }).click();
    await expect(today.first()).toBeVisible();

    await page.getByLabel(/How long/i).selectOption('240');
    await page.getByRole('button', { name: 'Find the cheapest time' }).click();
    await expect(page).toHaveURL(/duration=240/);
    const items = await pricesFromNomos('sub_anna_home', '2026-11-23', '2026-11-24');
    const expected = bruteForceCheapest(items, Date.parse('2026-11-23T15:07:00Z'), 240);
    await expect(page.getByTestId('cheapest-window')).toHaveAttribute('data-start', String(expected!.start));
  });
});

test('a duration chosen in place is kept by the chart view and day links', async ({ page }) => {
  await nomos.setClock('2026-11-23T15:07:00Z');
  await connect(page, 'anna@example.com');
  await waitForHydration(page);
  await page.getByLabel(/How long/i).selectOption('240');
  await expect(page).toHaveURL(/duration=240/);
  await page.getByRole('link', { name: 'Components' }).click();
  await expect(page).toHaveURL(/view=components/);
  await expect(page).toHaveURL(/duration=240/);
  await page.getByRole('link', { name: 'Previous day' }).click();
  await expect(page).toHaveURL(/date=2026-11-22/);
  await expect(page).toHaveURL(/duration=240/);
  await expect(page.getByLabel(/How long/i)).toHaveValue('240');
});

test('the link to an answer is copied with one click, with or without the Clipboard API', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await nomos.setClock('2026-11-23T15:07:00Z');
  await connect(page, 'anna@example.com');
  await waitForHydration(page);
  await page.getByLabel(/How long/i).selectOption('240');
  const field = page.getByLabel('Link to this answer');
  await expect(field).toHaveValue(/duration=240/);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await field.inputValue());

  // This browser is known to run scripts now (hems_js): the button comes in the HTML.
  expect(await (await page.request.get(page.url())).text()).toMatch(/<button type="button"[^>]*>Copy link<\/button>/);
  // A page served over plain HTTP has no Clipboard API: the button copies the selected field instead.
  await page.addInitScript(() => {
    const clipboard = navigator.clipboard;
    Object.defineProperty(window, 'clipboardForTest', { value: clipboard });
    Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
  });
  await page.evaluate(() => navigator.clipboard.writeText('before'));
  await page.reload();
  await waitForHydration(page);
  expect(await page.evaluate(() => navigator.clipboard === undefined)).toBe(true);
  await page.getByLabel(/How long/i).selectOption('60');
  await expect(field).toHaveValue(/duration=60/);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  const copied = await page.evaluate(() =>
    (window as unknown as { clipboardForTest: Clipboard }).clipboardForTest.readText(),
  );
  expect(copied).toBe(await field.inputValue());
});

test('a Nomos 503 on prices shows the error with its request id, and the page recovers on retry', async ({ page }) => {
  await nomos.fault({ path: '/subscriptions/*/prices', status: 503, times: 3 });
  await connect(page, 'anna@example.com');
  const alert = page.getByRole('alert').filter({ hasText: 'Nomos could not be reached' });
  await expect(alert).toContainText(/Request ID for Nomos support: [\w-]{8,}/);
  await alert.getByRole('link', { name: 'Try again' }).click();
  await expect(page.getByTestId('price-chart')).toBeVisible();
});

test('screenshots of the dashboard: light, dark and phone width', async ({ page }, testInfo) => {
  await nomos.setClock('2026-11-23T15:07:00Z');
  await connect(page, 'anna@example.com');
  await expect(page.getByTestId('price-chart')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('dashboard-light.png'), fullPage: true });

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: testInfo.outputPath('dashboard-dark.png'), fullPage: true });

  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 360, height: 780 });
  await page.reload();
  await expect(page.getByTestId('price-chart')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: testInfo.outputPath('dashboard-phone.png'), fullPage: true });

  // Every label over the plot (now, the cheapest window, the day names above it) stays inside it,
  // in both languages, from 360 px up: German's "Günstigster Zeitraum für 2 Std." is the longest.
  for (const [language, widths] of [
    ['English', [360, 390]],
    ['Deutsch', [360, 390, 430]],
  ] as const) {
    if (language === 'Deutsch') await page.getByRole('button', { name: 'Deutsch' }).click();
    for (const width of widths) {
      await page.setViewportSize({ width, height: 780 });
      await page.goto('/dashboard');
      await expect(page.getByTestId('price-chart')).toBeVisible();
      const outside = await page.getByTestId('price-chart').evaluate((chart) => {
        const plot = chart.querySelector('[data-testid="price-chart-plot"]');
        const days = chart.querySelector('[data-testid="price-chart-days"]');
        if (!plot || !days) return ['no plot or no day names'];
        const box = plot.getBoundingClientRect();
        const names = [...days.children].map((name) => name.getBoundingClientRect());
        if (names.some((name, i) => i > 0 && name.left < (names[i - 1]?.right ?? 0) - 1)) return ['day names overlap'];
        const labels = [...plot.querySelectorAll('span, p'), ...days.children];
        return labels
          .filter((label) => label.textContent?.trim() && !label.classList.contains('sr-only'))
          .map((label) => ({ text: label.textContent, rect: label.getBoundingClientRect() }))
          .filter(({ rect }) => rect.width > 0 && (rect.left < box.left - 1 || rect.right > box.right + 1))
          .map(({ text }) => text);
      });
      expect(outside, `${language} at ${width} px`).toEqual([]);
    }
  }
});
