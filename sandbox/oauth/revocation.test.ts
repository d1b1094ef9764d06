import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authorizationServerMetadataSchema, nomosErrorSchema } from '../../lib/nomos/schemas';
import type { Sandbox } from '../server';
import { api, basicAuth, control, customerTokens, startSandbox, tokenRequest } from '../test-helpers';
import { secretMatches } from './client-auth';

let withEndpoint: Sandbox;
let withoutEndpoint: Sandbox;

beforeAll(async () => {
  [withEndpoint, withoutEndpoint] = await Promise.all([startSandbox({ revocationEndpoint: true }), startSandbox()]);
});
afterAll(() => Promise.all([withEndpoint.close(), withoutEndpoint.close()]));
beforeEach(async () => {
  await control(withEndpoint, 'POST', 'reset');
});

function revoke(sandbox: Sandbox, fields: Record<string, string>, auth = basicAuth()): Promise<Response> {
  return fetch(new URL('/oauth/revoke', sandbox.url), {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

const stats = async (sandbox: Sandbox) =>
  (await (await control(sandbox, 'GET', 'stats')).json()) as { revocations: number };
const metadata = async (sandbox: Sandbox) =>
  (await (await fetch(new URL('/.well-known/oauth-authorization-server', sandbox.url))).json()) as Record<
    string,
    unknown
  >;

describe('revocation endpoint switched off (the default, as on real Nomos)', () => {
  it('is absent from the metadata and answers 404', async () => {
    const published = await metadata(withoutEndpoint);
    expect(published).not.toHaveProperty('revocation_endpoint');
    expect(published).not.toHaveProperty('revocation_endpoint_auth_methods_supported');
    const tokens = await customerTokens(withoutEndpoint, 'anna@example.com');
    const response = await revoke(withoutEndpoint, { token: tokens.refresh_token });
    expect(response.status).toBe(404);
    expect(
      (await tokenRequest(withoutEndpoint, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }))
        .status,
    ).toBe(200);
  });
});

describe('POST /oauth/revoke (SANDBOX_REVOCATION_ENDPOINT=1, RFC 7009)', () => {
  it.each([
    ['a wrong secret', basicAuth('hems-demo', 'wrong-secret')],
    ['an unknown client', basicAuth('other', 'hems-demo-secret')],
    ['no client authentication', ''],
  ])('refuses %s with 401 and revokes nothing', async (_name, auth) => {
    const tokens = await customerTokens(withEndpoint, 'anna@example.com');
    const response = await revoke(withEndpoint, { token: tokens.refresh_token }, auth);
    expect(response.status).toBe(401);
    expect(nomosErrorSchema.parse(await response.json()).code).toBe('UNAUTHORIZED');
    expect((await api(withEndpoint, '/subscriptions', tokens.access_token)).status).toBe(200);
    expect((await stats(withEndpoint)).revocations).toBe(0);
  });

  it('refuses a request without a token with 400', async () => {
    expect((await revoke(withEndpoint, {})).status).toBe(400);
  });

  it('answers 200 with an empty body for an unknown token (§2.2)', async () => {
    const response = await revoke(withEndpoint, { token: 'never-issued', token_type_hint: 'refresh_token' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect((await stats(withEndpoint)).revocations).toBe(0);
  });

  it('revokes the whole grant from its refresh token: access token and refresh token stop working', async () => {
    const tokens = await customerTokens(withEndpoint, 'anna@example.com');
    const response = await revoke(withEndpoint, { token: tokens.refresh_token, token_type_hint: 'refresh_token' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect((await api(withEndpoint, '/subscriptions', tokens.access_token)).status).toBe(401);
    expect(
      (await tokenRequest(withEndpoint, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).status,
    ).toBe(401);
    expect((await stats(withEndpoint)).revocations).toBe(1);
  });

  it('revokes the whole grant from its access token, even with a wrong hint, and leaves other grants alone', async () => {
    const anna = await customerTokens(withEndpoint, 'anna@example.com');
    const ben = await customerTokens(withEndpoint, 'ben@example.com');
    expect((await revoke(withEndpoint, { token: anna.access_token, token_type_hint: 'refresh_token' })).status).toBe(
      200,
    );
    expect(
      (await tokenRequest(withEndpoint, { grant_type: 'refresh_token', refresh_token: anna.refresh_token })).status,
    ).toBe(401);
    expect((await api(withEndpoint, '/subscriptions', ben.access_token)).status).toBe(200);
    // A second revocation of the same grant is still 200, but not counted again.
    expect((await revoke(withEndpoint, { token: anna.refresh_token })).status).toBe(200);
    expect((await stats(withEndpoint)).revocations).toBe(1);
  });

  it('is listed in the metadata with client_secret_basic', async () => {
    const published = await metadata(withEndpoint);
    authorizationServerMetadataSchema.parse(published);
    expect(published.revocation_endpoint).toBe(`${withEndpoint.url}/oauth/revoke`);
    expect(published.revocation_endpoint_auth_methods_supported).toEqual(['client_secret_basic']);
  });
});

describe('secretMatches', () => {
  it('refuses a different secret of equal or different length, and accepts the same one', () => {
    expect(secretMatches('hems-demo-secreX', 'hems-demo-secret')).toBe(false);
    expect(secretMatches('hems', 'hems-demo-secret')).toBe(false);
    expect(secretMatches('', 'hems-demo-secret')).toBe(false);
    expect(secretMatches('hems-demo-secret', 'hems-demo-secret')).toBe(true);
  });
});
