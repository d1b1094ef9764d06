import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nomosErrorSchema, tokenResponseSchema } from '../../lib/nomos/schemas';
import type { Sandbox } from '../server';
import { api, control, customerTokens, organisationToken, startSandbox, tokenRequest } from '../test-helpers';

const TTL = 3600;
const PLAIN = 'Bearer realm="nomos-sandbox"';
const INVALID = 'Bearer realm="nomos-sandbox", error="invalid_token"';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ accessTokenTtl: TTL });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await control(sandbox, 'POST', 'reset');
});

const expireFor = (email: unknown) => control(sandbox, 'POST', 'expire-access-tokens', { email });

async function expectRefused(response: Response, challenge: string, messagePart: string) {
  expect(response.status).toBe(401);
  expect(response.headers.get('www-authenticate')).toBe(challenge);
  const body = nomosErrorSchema.parse(await response.json());
  expect(body.code).toBe('UNAUTHORIZED');
  expect(body.requestId).toBe(response.headers.get('x-request-id'));
  expect(body.message).toContain(messagePart);
}

describe('Bearer challenges (RFC 6750 §3.1)', () => {
  it('answers a request without a token with the plain challenge, no error code', async () => {
    await expectRefused(await fetch(new URL('/subscriptions', sandbox.url)), PLAIN, 'Missing');
  });

  it('adds error="invalid_token" for a malformed or forged token', async () => {
    await expectRefused(await api(sandbox, '/subscriptions', 'not.a.jwt'), INVALID, 'Invalid');
    const [head, body] = (await customerTokens(sandbox, 'anna@example.com')).access_token.split('.');
    await expectRefused(await api(sandbox, '/subscriptions', `${head}.${body}.forged`), INVALID, 'Invalid');
  });

  it('adds error="invalid_token" for an expired token', async () => {
    const tokens = await customerTokens(sandbox, 'anna@example.com');
    await control(sandbox, 'POST', 'clock', { advance_seconds: TTL });
    await expectRefused(await api(sandbox, '/subscriptions', tokens.access_token), INVALID, 'expired');
  });

  it('adds error="invalid_token" for a token whose grant was revoked', async () => {
    const tokens = await customerTokens(sandbox, 'anna@example.com');
    await control(sandbox, 'POST', 'revoke', { email: 'anna@example.com' });
    await expectRefused(await api(sandbox, '/subscriptions', tokens.access_token), INVALID, 'revoked');
  });
});

describe('POST /__sandbox/expire-access-tokens', () => {
  it('ends every live access token of the customer’s grants now, with the invalid_token challenge', async () => {
    const first = await customerTokens(sandbox, 'anna@example.com');
    const second = await customerTokens(sandbox, 'anna@example.com');
    const rotated = tokenResponseSchema.parse(
      await (await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: second.refresh_token })).json(),
    );
    const response = await expireFor('anna@example.com');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ expired: 3 });
    for (const token of [first.access_token, second.access_token, rotated.access_token]) {
      await expectRefused(await api(sandbox, '/subscriptions', token), INVALID, 'expired');
    }
  });

  it('keeps the grant and its refresh tokens: a refresh gives an access token that works', async () => {
    const tokens = await customerTokens(sandbox, 'anna@example.com');
    await expireFor('anna@example.com');
    const renewed = await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(renewed.status).toBe(200);
    const fresh = tokenResponseSchema.parse(await renewed.json());
    expect((await api(sandbox, '/subscriptions', fresh.access_token)).status).toBe(200);
    const stats = (await (await control(sandbox, 'GET', 'stats')).json()) as { refresh_reuse_detected: number };
    expect(stats.refresh_reuse_detected).toBe(0);
  });

  it('leaves other customers’ and organisation tokens alone', async () => {
    await customerTokens(sandbox, 'anna@example.com');
    const ben = await customerTokens(sandbox, 'ben@example.com');
    const organisation = await organisationToken(sandbox);
    await expireFor('ANNA@example.com ');
    expect((await api(sandbox, '/subscriptions', ben.access_token)).status).toBe(200);
    expect((await api(sandbox, '/subscriptions', organisation.access_token)).status).toBe(200);
  });

  it('counts only tokens that were still valid: not expired, revoked or already ended ones', async () => {
    await customerTokens(sandbox, 'anna@example.com');
    expect(await (await expireFor('anna@example.com')).json()).toEqual({ expired: 1 });
    expect(await (await expireFor('anna@example.com')).json()).toEqual({ expired: 0 });
    await customerTokens(sandbox, 'anna@example.com');
    await control(sandbox, 'POST', 'clock', { advance_seconds: TTL }); // expired by itself
    // A reused refresh token revokes its grant, and only that one, with both access tokens still in time.
    const revoked = await customerTokens(sandbox, 'anna@example.com');
    const refresh = () => tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: revoked.refresh_token });
    expect((await refresh()).status).toBe(200);
    expect((await refresh()).status).toBe(401);
    const live = await customerTokens(sandbox, 'anna@example.com');
    expect(await (await expireFor('anna@example.com')).json()).toEqual({ expired: 1 });
    await expectRefused(await api(sandbox, '/subscriptions', revoked.access_token), INVALID, 'revoked');
    await expectRefused(await api(sandbox, '/subscriptions', live.access_token), INVALID, 'expired');
  });

  it('answers 404 for an unknown e-mail and 400 without one', async () => {
    const unknown = await expireFor('nobody@example.com');
    expect(unknown.status).toBe(404);
    expect(nomosErrorSchema.parse(await unknown.json()).message).toContain('nobody@example.com');
    const missing = await control(sandbox, 'POST', 'expire-access-tokens', {});
    expect(missing.status).toBe(400);
    expect(nomosErrorSchema.parse(await missing.json()).message).toContain("'email'");
  });
});
