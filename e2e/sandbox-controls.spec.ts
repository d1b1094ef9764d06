import { request as httpRequest } from 'node:http';

import { expect, test } from '@playwright/test';

import { appUrl, sandboxUrl } from './ports';
import { connect, sandbox } from './support';

const CLOCK = '2026-11-23T15:07:00Z';

test.beforeEach(async () => {
  await sandbox('main').reset();
});

/** State a reset would wipe: a connected customer's grant and a clock setting. */
async function createState(page: import('@playwright/test').Page) {
  await sandbox('main').setClock(CLOCK);
  await connect(page, 'anna@example.com');
  await expect(page.getByTestId('price-chart')).toBeVisible();
}

async function expectStateKept(page: import('@playwright/test').Page) {
  const controls = sandbox('main');
  expect((await controls.stats()).grants.authorization_code).toBe(1);
  expect((await controls.tokens('anna@example.com')).refresh_tokens.length).toBeGreaterThanOrEqual(1);
  const clock = (await (await fetch(`${controls.url}/__sandbox/clock`)).json()) as { overridden: boolean };
  expect(clock.overridden).toBe(true);
  // The grant still works: the dashboard still shows prices.
  await page.goto('/dashboard');
  await expect(page.getByTestId('price-chart')).toBeVisible();
}

test.describe('the sandbox test controls', () => {
  test.describe(() => {
    // The attacking page is the app's own home page (localhost: another site than the sandbox on
    // 127.0.0.1, and local, so Chromium's private-network rules let it through). The app's CSP
    // would block the request itself; bypass it, so that this proves the sandbox's own defence.
    test.use({ bypassCSP: true });

    test('a cross-site text/plain no-cors POST from another site does not reset the sandbox', async ({ page }) => {
      await createState(page);
      await page.goto(`${appUrl('main')}/`);

      const attempt = page.waitForResponse(`${sandboxUrl('main')}/__sandbox/reset`);
      const fetched = await page.evaluate(
        async (target) => {
          // A no-cors request with a "simple" content type is sent without a preflight: the attack.
          const response = await fetch(target, {
            method: 'POST',
            mode: 'no-cors',
            headers: { 'content-type': 'text/plain' },
            body: '{}',
          });
          return response.type;
        },
        `${sandboxUrl('main')}/__sandbox/reset`,
      );
      expect(fetched).toBe('opaque');
      // The request did reach the sandbox, which refused it.
      expect((await attempt).status()).toBe(415);

      await expectStateKept(page);
    });
  });

  test('a request with a foreign Host header is refused with 403', async ({ page }) => {
    await createState(page);
    const { port } = new URL(sandboxUrl('main'));
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/__sandbox/reset',
          headers: { host: 'evil.example', 'content-type': 'application/json' },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toMatchObject({ code: 'FORBIDDEN' });

    await expectStateKept(page);
  });
});
