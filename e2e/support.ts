import { expect, request as playwrightRequest, type Page } from '@playwright/test';

import { appUrl, sandboxUrl, type e2ePorts } from './ports';

type Pair = keyof typeof e2ePorts;

export type SandboxStats = {
  grants: { authorization_code: number; refresh_token: number; client_credentials: number };
  refresh_reuse_detected: number;
  revocations: number;
  api_requests: number;
};

/** The sandbox's test controls (`/__sandbox/…`), over real HTTP. */
export function sandbox(pair: Pair = 'main') {
  const base = sandboxUrl(pair);
  const call = async (method: 'GET' | 'POST' | 'DELETE', path: string, data?: unknown) => {
    const context = await playwrightRequest.newContext();
    try {
      // The controls take changes only as JSON, which a cross-site page cannot send without a preflight.
      const response = await context.fetch(`${base}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        data: data ?? (method === 'GET' ? undefined : {}),
      });
      expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBe(true);
      return (await response.json()) as unknown;
    } finally {
      await context.dispose();
    }
  };
  return {
    url: base,
    reset: () => call('POST', '/__sandbox/reset'),
    setClock: (now: string | null) => call('POST', '/__sandbox/clock', { now }),
    /**
     * Moves the sandbox's clock forward, and with it the app's (which follows
     * it, see lib/clock.ts): tokens expire and sessions age without waiting.
     */
    advanceClock: (seconds: number) => call('POST', '/__sandbox/clock', { advance_seconds: seconds }),
    fault: (fault: {
      path: string;
      status?: number;
      drop?: boolean;
      when?: 'before' | 'after';
      times?: number;
      delay_ms?: number;
      hold?: boolean;
    }) => call('POST', '/__sandbox/faults', fault),
    /** Resolves once `count` answers are held back by `hold` faults (they were processed). */
    heldAnswers: async (count = 1) => {
      await expect
        .poll(async () => ((await call('GET', '/__sandbox/faults/held')) as { held: number }).held)
        .toBe(count);
    },
    /** Lets the answers held back by `hold` faults go. */
    releaseHeld: () => call('POST', '/__sandbox/faults/release'),
    clearFaults: () => call('DELETE', '/__sandbox/faults'),
    revoke: (email: string) => call('POST', '/__sandbox/revoke', { email }),
    /** Ends the customer's access tokens before their stated lifetime; the grant lives on. */
    expireAccessTokens: (email: string) => call('POST', '/__sandbox/expire-access-tokens', { email }),
    /** Members the sandbox leaves out of refresh-grant responses, as RFC 6749 allows (`expires_in`, `scope`, `refresh_token`). */
    omitFromTokenResponses: (omit: ('expires_in' | 'scope' | 'refresh_token')[]) =>
      call('POST', '/__sandbox/token-response', { omit }),
    stats: async () => (await call('GET', '/__sandbox/stats')) as SandboxStats,
    inboxCode: async (email: string) =>
      ((await call('GET', `/__sandbox/inbox?email=${encodeURIComponent(email)}`)) as { code: string }).code,
    tokens: async (email: string) =>
      (await call('GET', `/__sandbox/tokens?email=${encodeURIComponent(email)}`)) as {
        access_tokens: string[];
        refresh_tokens: string[];
      },
  };
}

/**
 * Leaves the dashboard for a blank page. A dashboard left open re-renders at
 * the end of each quarter-hour (`LiveRefresh`, on the browser's own clock),
 * and that request refreshes like any other: a test that sends requests
 * with a copied cookie while it moves the clock must not have one open, or
 * a real quarter-hour passing during the test renews the cookie behind it.
 */
export async function closeTheDashboard(page: Page) {
  await page.goto('about:blank');
}

/** Walks the hosted Nomos journey up to the consent screen. */
export async function signInAtNomos(page: Page, email: string, pair: Pair = 'main', query = '') {
  await page.goto(`${appUrl(pair)}/auth/login${query}`);
  await expect(page).toHaveURL(new RegExp(`^${sandboxUrl(pair)}/`));
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
  const code = await sandbox(pair).inboxCode(email);
  await page.getByLabel('One-time code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
}

/** The whole connect journey: e-mail, one-time code, Allow; ends on the dashboard. */
export async function connect(page: Page, email: string, pair: Pair = 'main', query = '') {
  await signInAtNomos(page, email, pair, query);
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page).toHaveURL(new RegExp(`^${appUrl(pair)}/dashboard`));
}

/**
 * Waits until the dashboard's client leaves have hydrated: the chart's leaf
 * then marks its plot (`data-hydrated`) and the plot is a tab stop.
 * Interacting earlier would hit the plain-HTML form, not the in-place
 * update. A browser the server knows runs scripts gets the tab stop in the
 * HTML already, so the tab stop alone says nothing.
 */
export async function waitForHydration(page: Page) {
  await expect(page.locator('[data-testid="price-chart-plot"][data-hydrated][tabindex="0"]')).toBeAttached();
}
