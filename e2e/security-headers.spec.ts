import { expect, test, type Page, type Response } from '@playwright/test';

import { connect, sandbox, waitForHydration } from './support';

const nomos = sandbox('views');

test.beforeEach(async () => {
  await nomos.reset();
  await nomos.setClock('2026-11-23T09:07:00Z');
});

/**
 * Checks the headers every page must carry and returns its nonce, after
 * checking that every `<script>` of the HTML, streamed parts included,
 * bears it: a script without it would not run.
 */
async function expectNoncedPage(response: Response | null): Promise<string> {
  expect(response, 'no response').not.toBeNull();
  const headers = response!.headers();
  const policy = headers['content-security-policy'] ?? '';
  const nonce = /script-src 'nonce-([A-Za-z0-9+/]+={0,2})' 'strict-dynamic'(;|$)/.exec(policy)?.[1];
  expect(nonce, `script-src of ${response!.url()}: ${policy}`).toBeDefined();
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"]) {
    expect(policy).toContain(directive);
  }
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  // The e2e app is served over plain HTTP, where HSTS means nothing.
  expect(headers['strict-transport-security']).toBeUndefined();

  const scripts = (await response!.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, 'a page without scripts proves nothing').toBeGreaterThan(0);
  for (const script of scripts) expect(script).toContain(` nonce="${nonce}"`);
  return nonce!;
}

/** Every CSP violation the page reports, as events and as console messages. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
      void report(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  return violations;
}

test('every page has a CSP whose fresh nonce every one of its scripts bears', async ({ page }) => {
  const violations = await watchViolations(page);
  const nonces = new Set<string>();
  for (const path of ['/', '/', '/dashboard', '/auth/error?reason=state', '/no-such-page']) {
    nonces.add(await expectNoncedPage(await page.goto(path)));
  }
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // One nonce per response, never reused: the two visits to / differ too.
  expect(nonces.size).toBe(5);
  expect(violations).toEqual([]);
});

test('the connected dashboard keeps working under the CSP, streamed and interactive', async ({ page }) => {
  const violations = await watchViolations(page);
  await connect(page, 'anna@example.com', 'views');
  // Once the browser has shown that it runs JavaScript, a day whose prices
  // are not cached streams, and React puts the streamed parts in place with
  // inline scripts; cached prices come in one piece.
  await expect
    .poll(async () => (await page.context().cookies()).some((cookie) => cookie.name === 'hems_js'))
    .toBe(true);
  const first = await expectNoncedPage(await page.goto('/dashboard?date=2026-11-20'));
  const second = await expectNoncedPage(await page.goto('/dashboard'));
  expect(second).not.toBe(first);

  await waitForHydration(page);
  // Today and tomorrow, 2,880 minutes across the plot: 05:05 lies in 05:00–05:15.
  const plot = page.getByTestId('price-chart-plot');
  const box = await plot.boundingBox();
  await plot.hover({ position: { x: (box!.width * 305) / 2880, y: box!.height / 2 } });
  await expect(page.getByText(/^(Now · )?05:00–05:15: −?\d+\.\d\d\sct\/kWh$/)).toBeVisible();
  // Without JavaScript choosing a duration does nothing until the form is sent.
  await page.getByLabel(/How long/i).selectOption('480');
  const answer = page.getByTestId('cheapest-window');
  await expect
    .poll(async () => Number(await answer.getAttribute('data-end')) - Number(await answer.getAttribute('data-start')))
    .toBe(480 * 60_000);
  expect(violations).toEqual([]);
});

test('the app’s service worker registers under the CSP, and a worker from elsewhere does not', async ({ page }) => {
  const violations = await watchViolations(page);
  await expectNoncedPage(await page.goto('/'));
  const scriptUrl = await page.evaluate(async () => {
    await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    return (await navigator.serviceWorker.ready).active?.scriptURL;
  });
  expect(scriptUrl).toMatch(/^http:\/\/localhost:\d+\/sw\.js$/);
  expect(violations).toEqual([]);
  // The policy is in force: worker-src 'self' refuses a worker made from a blob.
  await page.evaluate(() => {
    try {
      new Worker(URL.createObjectURL(new Blob([''], { type: 'text/javascript' })));
    } catch {}
  });
  await expect.poll(() => violations.some((line) => /^worker-src blocked blob/.test(line))).toBe(true);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the dashboard under the CSP still renders whole', async ({ page }) => {
    await connect(page, 'anna@example.com', 'views');
    await expectNoncedPage(await page.goto('/dashboard'));
    await expect(page.getByTestId('price-chart')).toBeVisible();
    await expect(page.getByText(/^Price now, /)).toBeVisible();
  });
});
