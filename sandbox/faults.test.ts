import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nomosErrorSchema, tokenResponseSchema, type ApiTokenResponse } from '../lib/nomos/schemas';
import type { Sandbox } from './server';
import { api, control, customerTokens, startSandbox, tokenRequest } from './test-helpers';

let sandbox: Sandbox;
let tokens: ApiTokenResponse;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await control(sandbox, 'POST', 'reset');
  tokens = await customerTokens(sandbox, 'anna@example.com');
});

type Stats = { grants: { refresh_token: number }; refresh_reuse_detected: number; api_requests: number };
const stats = async () => (await (await control(sandbox, 'GET', 'stats')).json()) as Stats;
const refresh = (refreshToken = tokens.refresh_token) =>
  tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: refreshToken });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function addFault(fault: Record<string, unknown>) {
  const response = await control(sandbox, 'POST', 'faults', fault);
  expect(response.status).toBe(201);
}

async function expectError(response: Response, status: number, messagePart?: string) {
  expect(response.status).toBe(status);
  const body = nomosErrorSchema.parse(await response.json());
  expect(body.requestId).toBe(response.headers.get('x-request-id'));
  if (messagePart) expect(body.message).toContain(messagePart);
}

/** The presented refresh token was not used up: it still rotates, and nothing counts as reuse. */
async function expectStillFresh() {
  expect((await refresh()).status).toBe(200);
  expect(await stats()).toMatchObject({ grants: { refresh_token: 1 }, refresh_reuse_detected: 0 });
}

/** The presented refresh token was used up on the server: presenting it again is reuse, which revokes the grant. */
async function expectUsedUp() {
  await expectError(await refresh(), 401, 'already used');
  expect(await stats()).toMatchObject({ grants: { refresh_token: 1 }, refresh_reuse_detected: 1 });
}

describe('faults striking before processing (when: "before", the default)', () => {
  it.each([500, 502, 504])('answers %i to a refresh without rotating the token', async (status) => {
    await addFault({ path: '/oauth/token', status });
    await expectError(await refresh(), status, 'Injected fault');
    expect((await stats()).grants.refresh_token).toBe(0);
    await expectStillFresh();
  });

  it('sends Retry-After: 1 with 503 and 429, which say the request was not processed, and not with 502', async () => {
    await addFault({ path: '/oauth/token', status: 503 });
    await addFault({ path: '/subscriptions', status: 429 });
    await addFault({ path: '/subscriptions', status: 502 });
    const unavailable = await refresh();
    expect(unavailable.headers.get('retry-after')).toBe('1');
    await expectError(unavailable, 503);
    expect((await api(sandbox, '/subscriptions', tokens.access_token)).headers.get('retry-after')).toBe('1');
    const badGateway = await api(sandbox, '/subscriptions', tokens.access_token);
    expect(badGateway.status).toBe(502);
    expect(badGateway.headers.get('retry-after')).toBeNull();
    await expectStillFresh();
  });

  it('drops the connection without an answer and without rotating the token', async () => {
    await addFault({ path: '/oauth/token', drop: true });
    await expect(refresh()).rejects.toThrow('fetch failed');
    expect((await stats()).grants.refresh_token).toBe(0);
    await expectStillFresh();
  });

  it('drops an API request, then serves the next one', async () => {
    await addFault({ path: '/subscriptions', drop: true, times: 1 });
    await expect(api(sandbox, '/subscriptions', tokens.access_token)).rejects.toThrow('fetch failed');
    expect((await api(sandbox, '/subscriptions', tokens.access_token)).status).toBe(200);
  });

  it('reaches discovery: a slow or failing metadata endpoint, as after a restart', async () => {
    const discovery = () => fetch(`${sandbox.url}/.well-known/oauth-authorization-server`);
    await addFault({ path: '/.well-known/oauth-authorization-server', status: 503, times: 1 });
    await addFault({ path: '/.well-known/oauth-authorization-server', delay_ms: 300, times: 1 });
    await expectError(await discovery(), 503);
    const started = Date.now();
    const slow = await discovery();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(await slow.json()).toMatchObject({ issuer: sandbox.url });
  });

  it('waits delay_ms before striking, having done nothing while the client waits', async () => {
    await addFault({ path: '/oauth/token', status: 502, delay_ms: 500 });
    const started = Date.now();
    const pending = refresh();
    await sleep(250);
    expect((await stats()).grants.refresh_token).toBe(0);
    await expectError(await pending, 502);
    expect(Date.now() - started).toBeGreaterThanOrEqual(490);
    await expectStillFresh();
  });
});

describe('faults striking after processing (when: "after")', () => {
  it.each([500, 502, 504])(
    'rotates the refresh token and then answers %i instead of the new tokens',
    async (status) => {
      await addFault({ path: '/oauth/token', status, when: 'after' });
      await expectError(await refresh(), status, 'Injected fault');
      // The rotation happened: a new refresh token exists that the client never saw.
      const issued = (await (await control(sandbox, 'GET', 'tokens?email=anna@example.com')).json()) as {
        refresh_tokens: string[];
      };
      expect(issued.refresh_tokens).toHaveLength(2);
      await expectUsedUp();
    },
  );

  it('holds the real answer back after rotating until a test releases it (hold: true)', async () => {
    await addFault({ path: '/oauth/token', hold: true, when: 'after' });
    let answered = false;
    const pending = refresh().then((response) => {
      answered = true;
      return response;
    });
    const held = async () => ((await (await control(sandbox, 'GET', 'faults/held')).json()) as { held: number }).held;
    while ((await held()) === 0) await sleep(10);
    // Processed already: the rotation is counted, the answer not yet sent.
    expect((await stats()).grants.refresh_token).toBe(1);
    expect(answered).toBe(false);
    expect(await (await control(sandbox, 'POST', 'faults/release')).json()).toEqual({ released: 1 });
    const response = await pending;
    expect(response.status).toBe(200);
    expect(tokenResponseSchema.parse(await response.json()).refresh_token).not.toBe(tokens.refresh_token);
    expect(await held()).toBe(0);
  });

  it('refuses hold before processing: there is no answer yet to hold', async () => {
    const response = await control(sandbox, 'POST', 'faults', { path: '/oauth/token', hold: true });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("invalid 'hold'");
  });

  it('sends no Retry-After with a 503 after processing, since the request was processed', async () => {
    await addFault({ path: '/oauth/token', status: 503, when: 'after' });
    const response = await refresh();
    expect(response.headers.get('retry-after')).toBeNull();
    await expectError(response, 503);
    await expectUsedUp();
  });

  it('rotates the refresh token and then drops the connection, so the client never hears', async () => {
    await addFault({ path: '/oauth/token', drop: true, when: 'after' });
    await expect(refresh()).rejects.toThrow('fetch failed');
    await expectUsedUp();
  });

  it('replaces the error a request earned too, after that error’s effects (reuse revokes the grant)', async () => {
    const second = tokenResponseSchema.parse(await (await refresh()).json());
    await addFault({ path: '/oauth/token', status: 502, when: 'after' });
    await expectError(await refresh(tokens.refresh_token), 502);
    expect((await stats()).refresh_reuse_detected).toBe(1);
    await expectError(await refresh(second.refresh_token), 401, 'revoked');
  });

  it('answers an API request with the status instead of its data', async () => {
    await addFault({ path: '/subscriptions', status: 500, when: 'after' });
    await expectError(await api(sandbox, '/subscriptions', tokens.access_token), 500, 'Injected fault');
    expect((await stats()).api_requests).toBe(1);
    expect((await api(sandbox, '/subscriptions', tokens.access_token)).status).toBe(200);
  });

  it('processes first and then waits delay_ms before striking', async () => {
    await addFault({ path: '/oauth/token', status: 504, when: 'after', delay_ms: 500 });
    const started = Date.now();
    const pending = refresh();
    await sleep(250);
    expect((await stats()).grants.refresh_token).toBe(1);
    await expectError(await pending, 504);
    expect(Date.now() - started).toBeGreaterThanOrEqual(490);
    await expectUsedUp();
  });

  it('with only delay_ms, processes first and sends the real answer late', async () => {
    await addFault({ path: '/oauth/token', when: 'after', delay_ms: 500 });
    const started = Date.now();
    const pending = refresh();
    await sleep(250);
    expect((await stats()).grants.refresh_token).toBe(1);
    const response = await pending;
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const rotated = tokenResponseSchema.parse(await response.json());
    expect(Date.now() - started).toBeGreaterThanOrEqual(490);
    expect((await refresh(rotated.refresh_token)).status).toBe(200);
  });
});

describe('POST /__sandbox/faults validation', () => {
  it.each([
    ['status and drop together', { path: '/oauth/token', status: 502, drop: true }, "'drop'"],
    ['neither status, drop nor delay_ms', { path: '/oauth/token' }, "'status'"],
    ['when: "after" alone', { path: '/oauth/token', when: 'after' }, "'status'"],
    ['drop: false alone', { path: '/oauth/token', drop: false }, "'status'"],
    ['an unknown moment', { path: '/oauth/token', status: 502, when: 'later' }, "'when'"],
    ['drop as a string', { path: '/oauth/token', drop: 'yes' }, "'drop'"],
  ])('refuses %s with 400 and stores nothing', async (_name, body, messagePart) => {
    await expectError(await control(sandbox, 'POST', 'faults', body), 400, messagePart);
    await expectStillFresh();
  });
});
