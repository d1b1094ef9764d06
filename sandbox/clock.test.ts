import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nomosErrorSchema, tokenResponseSchema } from '../lib/nomos/schemas';
import type { Sandbox } from './server';
import {
  api,
  authorizeUrl,
  control,
  customerTokens,
  hiddenRequestId,
  pkcePair,
  postForm,
  REDIRECT_URI,
  runJourney,
  startSandbox,
  tokenRequest,
} from './test-helpers';

// A wall clock that stands still, so every instant below is exact.
const WALL = Date.parse('2026-06-15T08:00:00Z');
const DAY = 86_400;

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ wallClock: () => WALL, accessTokenTtl: 3600 });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await control(sandbox, 'POST', 'reset');
});

type ClockState = { now: string; overridden: boolean };
const readClock = async () => (await (await control(sandbox, 'GET', 'clock')).json()) as ClockState;
const advance = async (seconds: number) => {
  const response = await control(sandbox, 'POST', 'clock', { advance_seconds: seconds });
  expect(response.status).toBe(200);
  return (await response.json()) as ClockState;
};
const refresh = (refreshToken: string) =>
  tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: refreshToken });

async function expectError(response: Response, status: number, code: string, messagePart: string) {
  expect(response.status).toBe(status);
  const body = nomosErrorSchema.parse(await response.json());
  expect(body.code).toBe(code);
  expect(body.requestId).toBe(response.headers.get('x-request-id'));
  expect(body.message).toContain(messagePart);
}

const claimsOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as { iat: number; exp: number };

describe('POST /__sandbox/clock advance_seconds', () => {
  it('moves the clock forward from real time and marks it overridden', async () => {
    expect(await readClock()).toEqual({ now: new Date(WALL).toISOString(), overridden: false });
    expect(await advance(90)).toEqual({ now: new Date(WALL + 90_000).toISOString(), overridden: true });
    expect(await readClock()).toEqual({ now: new Date(WALL + 90_000).toISOString(), overridden: true });
  });

  it('moves the clock forward from a set instant, adding up, fractions included', async () => {
    await control(sandbox, 'POST', 'clock', { now: '2026-03-29T10:00:00Z' });
    await advance(30);
    expect(await advance(0.25)).toEqual({ now: '2026-03-29T10:00:30.250Z', overridden: true });
  });

  it('goes back to real time with {"now": null} after advancing', async () => {
    await advance(DAY);
    await control(sandbox, 'POST', 'clock', { now: null });
    expect(await readClock()).toEqual({ now: new Date(WALL).toISOString(), overridden: false });
  });

  it.each([
    ['neither now nor advance_seconds', {}, 'exactly one'],
    ['both now and advance_seconds', { now: '2026-03-29T10:00:00Z', advance_seconds: 5 }, 'exactly one'],
    ['both now: null and advance_seconds', { now: null, advance_seconds: 5 }, 'exactly one'],
    ['a zero advance', { advance_seconds: 0 }, 'advance_seconds'],
    ['a backward advance', { advance_seconds: -60 }, 'advance_seconds'],
    ['an advance beyond 400 days', { advance_seconds: 400 * DAY + 1 }, 'advance_seconds'],
    ['an advance as a string', { advance_seconds: '60' }, 'advance_seconds'],
  ])('refuses %s with 400 and leaves the clock alone', async (_name, body, messagePart) => {
    await control(sandbox, 'POST', 'clock', { now: '2026-03-29T10:00:00Z' });
    await expectError(await control(sandbox, 'POST', 'clock', body), 400, 'BAD_REQUEST', messagePart);
    expect(await readClock()).toEqual({ now: '2026-03-29T10:00:00.000Z', overridden: true });
  });

  it('accepts an advance of exactly 400 days', async () => {
    expect((await advance(400 * DAY)).now).toBe(new Date(WALL + 400 * DAY * 1000).toISOString());
  });
});

describe('one clock decides token lifetimes too', () => {
  it('issues access tokens with iat and exp on the sandbox clock', async () => {
    await control(sandbox, 'POST', 'clock', { now: '2026-03-29T10:00:00Z' });
    const claims = claimsOf((await customerTokens(sandbox, 'anna@example.com')).access_token);
    expect(claims.iat).toBe(Date.parse('2026-03-29T10:00:00Z') / 1000);
    expect(claims.exp).toBe(claims.iat + 3600);
  });

  it('ends an access token once the clock passes its lifetime: 401 envelope; the refresh token still works', async () => {
    const tokens = await customerTokens(sandbox, 'anna@example.com');
    await advance(3599);
    expect((await api(sandbox, '/subscriptions', tokens.access_token)).status).toBe(200);
    await advance(1);
    const expired = await api(sandbox, '/subscriptions', tokens.access_token);
    expect(expired.headers.get('www-authenticate')).toContain('Bearer realm="nomos-sandbox"');
    await expectError(expired, 401, 'UNAUTHORIZED', 'expired');

    const renewed = await refresh(tokens.refresh_token);
    expect(renewed.status).toBe(200);
    const fresh = tokenResponseSchema.parse(await renewed.json());
    expect((await api(sandbox, '/subscriptions', fresh.access_token)).status).toBe(200);
  });

  it('keeps a refresh token for exactly 30 days on the sandbox clock', async () => {
    const first = await customerTokens(sandbox, 'anna@example.com');
    const second = await customerTokens(sandbox, 'anna@example.com');
    await advance(30 * DAY - 1);
    expect((await refresh(first.refresh_token)).status).toBe(200);
    await advance(1);
    await expectError(await refresh(second.refresh_token), 401, 'UNAUTHORIZED', 'invalid_grant: refresh token expired');
  });

  it('refuses a refresh token 31 days after it was issued', async () => {
    const tokens = await customerTokens(sandbox, 'anna@example.com');
    await advance(31 * DAY);
    await expectError(await refresh(tokens.refresh_token), 401, 'UNAUTHORIZED', 'invalid_grant: refresh token expired');
    const stats = (await (await control(sandbox, 'GET', 'stats')).json()) as { grants: { refresh_token: number } };
    expect(stats.grants.refresh_token).toBe(0);
  });

  it('ends an authorization code ten minutes later on the sandbox clock', async () => {
    const { verifier, challenge } = pkcePair();
    const callback = await runJourney(sandbox, 'anna@example.com', {
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    await advance(10 * 60);
    const response = await tokenRequest(sandbox, {
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code') ?? '',
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    });
    await expectError(response, 400, 'BAD_REQUEST', 'authorization code expired');
  });

  it('ends a pending sign-in request 30 minutes later on the sandbox clock', async () => {
    const request = hiddenRequestId(await (await fetch(authorizeUrl(sandbox, {}), { redirect: 'manual' })).text());
    await advance(30 * 60);
    const response = await postForm(sandbox, '/oauth/authorize/email', { request, email: 'anna@example.com' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('expired');
  });

  it('forgets wrong one-time codes 30 minutes later on the sandbox clock', async () => {
    const start = async () =>
      hiddenRequestId(await (await fetch(authorizeUrl(sandbox, {}), { redirect: 'manual' })).text());
    const first = await start();
    await postForm(sandbox, '/oauth/authorize/email', { request: first, email: 'anna@example.com' });
    for (let i = 0; i < 5; i++) await postForm(sandbox, '/oauth/authorize/code', { request: first, code: '000000x' });
    const refused = await postForm(sandbox, '/oauth/authorize/email', {
      request: await start(),
      email: 'anna@example.com',
    });
    expect(await refused.text()).toContain('wrong too often');
    await advance(30 * 60);
    expect(
      (await postForm(sandbox, '/oauth/authorize/email', { request: await start(), email: 'anna@example.com' })).status,
    ).toBe(200);
  });

  it('stamps the inbox sent_at with the sandbox clock', async () => {
    await control(sandbox, 'POST', 'clock', { now: '2026-03-29T10:00:00Z' });
    await advance(5);
    const request = hiddenRequestId(await (await fetch(authorizeUrl(sandbox, {}), { redirect: 'manual' })).text());
    await postForm(sandbox, '/oauth/authorize/email', { request, email: 'anna@example.com' });
    const inbox = (await (await control(sandbox, 'GET', 'inbox?email=anna@example.com')).json()) as { sent_at: string };
    expect(inbox.sent_at).toBe('2026-03-29T10:00:05.000Z');
  });
});
