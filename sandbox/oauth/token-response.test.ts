import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nomosErrorSchema, type ApiTokenResponse } from '../../lib/nomos/schemas';
import type { Sandbox } from '../server';
import { api, control, customerTokens, organisationToken, startSandbox, tokenRequest } from '../test-helpers';

const TTL = 60;
let sandbox: Sandbox;
let tokens: ApiTokenResponse;

beforeAll(async () => {
  // A wall clock that stands still, so lifetimes are exact to the second.
  sandbox = await startSandbox({ accessTokenTtl: TTL, wallClock: () => Date.parse('2026-06-15T08:00:00Z') });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await control(sandbox, 'POST', 'reset');
  tokens = await customerTokens(sandbox, 'anna@example.com');
});

type Stats = { grants: { refresh_token: number }; refresh_reuse_detected: number };
const stats = async () => (await (await control(sandbox, 'GET', 'stats')).json()) as Stats;
const omit = (fields: unknown) => control(sandbox, 'POST', 'token-response', { omit: fields });
const currentOmit = async () =>
  ((await (await control(sandbox, 'GET', 'token-response')).json()) as { omit: string[] }).omit;

async function refreshBody(refreshToken = tokens.refresh_token): Promise<Record<string, unknown>> {
  const response = await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: refreshToken });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

describe('POST /__sandbox/token-response', () => {
  it('leaves scope out of refresh responses when asked (RFC 6749 §5.1: an unchanged scope may be omitted)', async () => {
    expect(await (await omit(['scope'])).json()).toEqual({ omit: ['scope'] });
    const body = await refreshBody();
    expect(body).not.toHaveProperty('scope');
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: TTL });
    expect(typeof body.refresh_token).toBe('string');
  });

  it('leaves expires_in out, while the access token still ends after the configured lifetime', async () => {
    await omit(['expires_in']);
    const body = await refreshBody();
    expect(body).not.toHaveProperty('expires_in');
    expect(body.scope).toBe('read:*');
    const accessToken = String(body.access_token);
    await control(sandbox, 'POST', 'clock', { advance_seconds: TTL - 1 });
    expect((await api(sandbox, '/subscriptions', accessToken)).status).toBe(200);
    await control(sandbox, 'POST', 'clock', { advance_seconds: 1 });
    expect((await api(sandbox, '/subscriptions', accessToken)).status).toBe(401);
  });

  it('without refresh_token keeps the presented token valid: no new one, and presenting it again is not reuse (RFC 6749 §6)', async () => {
    await omit(['refresh_token']);
    const first = await refreshBody();
    expect(first).not.toHaveProperty('refresh_token');
    expect(first).toMatchObject({ scope: 'read:*', expires_in: TTL });
    const second = await refreshBody(tokens.refresh_token);
    expect((await api(sandbox, '/subscriptions', String(second.access_token))).status).toBe(200);
    expect(await stats()).toMatchObject({ grants: { refresh_token: 2 }, refresh_reuse_detected: 0 });
    const issued = (await (await control(sandbox, 'GET', 'tokens?email=anna@example.com')).json()) as {
      refresh_tokens: string[];
    };
    expect(issued.refresh_tokens).toEqual([tokens.refresh_token]);
  });

  it('with a kept refresh token, an answer lost after processing costs nothing: the same token works again', async () => {
    await omit(['refresh_token']);
    await control(sandbox, 'POST', 'faults', { path: '/oauth/token', status: 502, when: 'after' });
    expect(
      (await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).status,
    ).toBe(502);
    await refreshBody(tokens.refresh_token);
    expect((await stats()).refresh_reuse_detected).toBe(0);
  });

  it('leaves out several members at once and restores the full response with an empty list', async () => {
    expect(await (await omit(['refresh_token', 'scope', 'scope', 'expires_in'])).json()).toEqual({
      omit: ['scope', 'expires_in', 'refresh_token'],
    });
    expect(Object.keys(await refreshBody()).sort()).toEqual(['access_token', 'token_type']);
    expect(await (await omit([])).json()).toEqual({ omit: [] });
    const full = await refreshBody();
    expect(Object.keys(full).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'scope', 'token_type']);
    // Full rotation again: the presented token is now used up.
    const reused = await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(reused.status).toBe(401);
  });

  it('shapes refresh-grant responses only, never authorization_code or client_credentials ones', async () => {
    await omit(['scope', 'expires_in', 'refresh_token']);
    const customer = await customerTokens(sandbox, 'ben@example.com');
    expect(customer).toMatchObject({ scope: 'read:*', expires_in: TTL });
    expect(customer.refresh_token).toBeTruthy();
    expect((await organisationToken(sandbox)).scope).toBe('read:* write:*');
  });

  it.each([
    ['an unknown member', { omit: ['access_token'] }],
    ['a misspelt member', { omit: ['expires'] }],
    ['a string instead of a list', { omit: 'scope' }],
    ['no omit at all', {}],
  ])('refuses %s with 400 and keeps the setting', async (_name, body) => {
    await omit(['scope']);
    const response = await control(sandbox, 'POST', 'token-response', body);
    expect(response.status).toBe(400);
    const error = nomosErrorSchema.parse(await response.json());
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain("'omit");
    expect(await currentOmit()).toEqual(['scope']);
  });

  it('is cleared by POST /__sandbox/reset', async () => {
    await omit(['scope', 'refresh_token']);
    await control(sandbox, 'POST', 'reset');
    expect(await currentOmit()).toEqual([]);
    tokens = await customerTokens(sandbox, 'anna@example.com');
    expect(Object.keys(await refreshBody()).sort()).toEqual([
      'access_token',
      'expires_in',
      'refresh_token',
      'scope',
      'token_type',
    ]);
  });
});
