import { expect, test, type APIRequestContext } from '@playwright/test';

import { appUrl } from './ports';

// The `rateLimit` app allows 3 sign-in requests a minute per client and
// trusts one proxy hop of X-Forwarded-For (playwright.config.ts).
const limit = 3;
const baseURL = appUrl('rateLimit');

let clients = 0;
/** A client address of its own for each test and run, so no test inherits another's count. */
function freshAddress() {
  const n = (Date.now() + ++clients) % 65_536;
  return `198.18.${n >> 8}.${n & 255}`;
}

async function signInRequests(request: APIRequestContext, path: string, forwardedFor: string, times: number) {
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) {
    const response = await request.get(`${baseURL}${path}`, {
      headers: { 'X-Forwarded-For': forwardedFor },
      maxRedirects: 0,
    });
    statuses.push(response.status());
  }
  return statuses;
}

test('past the limit, /auth/login answers 429 with Retry-After and a page saying how long to wait', async ({
  page,
  request,
}, testInfo) => {
  const address = freshAddress();
  expect(await signInRequests(request, '/auth/login', address, limit)).toEqual([303, 303, 303]);

  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': address });
  const response = await page.goto(`${baseURL}/auth/login`);
  expect(response?.status()).toBe(429);
  const retryAfter = Number(await response?.headerValue('Retry-After'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(await response?.headerValue('Cache-Control')).toBe('no-store');
  await expect(page.getByRole('heading', { level: 1, name: 'Too many sign-in attempts' })).toBeVisible();
  await expect(page.getByText(/Please wait \d+ seconds?, then try again\./)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Try again' })).toHaveAttribute('href', '/auth/login');
  await page.screenshot({ path: testInfo.outputPath('rate-limited.png'), fullPage: true });
});

test('/auth/callback counts in the same limit as /auth/login', async ({ request }) => {
  const address = freshAddress();
  expect(await signInRequests(request, '/auth/login', address, limit)).toEqual([303, 303, 303]);
  const [status] = await signInRequests(request, '/auth/callback?code=junk&state=junk', address, 1);
  expect(status).toBe(429);
});

test('a forged address in front of the trusted hop gives no fresh limit', async ({ request }) => {
  const address = freshAddress();
  const statuses: number[] = [];
  for (let i = 0; i <= limit; i++) {
    // The proxy appends the address it saw; what the client wrote stays on the left.
    statuses.push(...(await signInRequests(request, '/auth/login', `203.0.113.${i}, ${address}`, 1)));
  }
  expect(statuses).toEqual([303, 303, 303, 429]);
});

test('next start passes a client-sent X-Forwarded-For on unchanged, appending no socket address', async ({
  request,
}) => {
  // Were the socket address appended, it would be the trusted hop here and
  // both addresses would share one count. This is why, with no trusted
  // proxy, the app cannot use the header at all.
  const first = freshAddress();
  const second = freshAddress();
  expect(await signInRequests(request, '/auth/login', first, limit + 1)).toEqual([303, 303, 303, 429]);
  expect(await signInRequests(request, '/auth/login', second, 1)).toEqual([303]);
});
