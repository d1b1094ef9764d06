import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authorizationServerMetadataSchema, nomosErrorSchema, tokenResponseSchema } from '../../lib/nomos/schemas';
import type { Sandbox } from '../server';
import {
  api,
  authorizeUrl,
  basicAuth,
  control,
  customerTokens,
  hiddenRequestId,
  organisationToken,
  pkcePair,
  postForm,
  REDIRECT_URI,
  runJourney,
  startSandbox,
  tokenRequest,
} from '../test-helpers';

let sandbox: Sandbox;
let wall = Date.now();

beforeAll(async () => {
  sandbox = await startSandbox({ wallClock: () => wall, accessTokenTtl: 60 });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  wall = Date.now();
  await control(sandbox, 'POST', 'reset');
});

async function expectError(response: Response, status: number, code: string, messagePart?: string) {
  expect(response.status).toBe(status);
  const body = nomosErrorSchema.parse(await response.json());
  expect(body.code).toBe(code);
  expect(body.requestId).toBe(response.headers.get('x-request-id'));
  if (messagePart) expect(body.message).toContain(messagePart);
  return body;
}

async function codeFor(email: string, extra: Record<string, string> = {}) {
  const { verifier, challenge } = pkcePair();
  const callback = await runJourney(sandbox, email, {
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...extra,
  });
  return { verifier, code: callback.searchParams.get('code') ?? '', callback };
}

describe('authorization code exchange', () => {
  it('rejects a PKCE verifier that does not match the challenge', async () => {
    const { code } = await codeFor('anna@example.com');
    const response = await tokenRequest(sandbox, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: pkcePair().verifier,
    });
    await expectError(response, 400, 'BAD_REQUEST', 'PKCE');
  });

  it('rejects a verifier that breaks the RFC 7636 character rules', async () => {
    const { code } = await codeFor('anna@example.com');
    const response = await tokenRequest(sandbox, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: 'too-short',
    });
    await expectError(response, 400, 'BAD_REQUEST', 'code_verifier');
  });

  it('rejects a missing verifier when the request used PKCE', async () => {
    const { code } = await codeFor('anna@example.com');
    const response = await tokenRequest(sandbox, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
    });
    await expectError(response, 400, 'BAD_REQUEST', 'code_verifier');
  });

  it('rejects a redirect_uri different from the authorization request', async () => {
    const { code, verifier } = await codeFor('anna@example.com');
    const response = await tokenRequest(sandbox, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'http://localhost:3000/other',
      code_verifier: verifier,
    });
    await expectError(response, 400, 'BAD_REQUEST', 'redirect_uri');
  });

  it('fails a second use of a code and revokes the tokens of the first use', async () => {
    const { code, verifier } = await codeFor('anna@example.com');
    const fields = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier };
    const first = tokenResponseSchema.parse(await (await tokenRequest(sandbox, fields)).json());
    await expectError(await tokenRequest(sandbox, fields), 400, 'BAD_REQUEST', 'already used');
    await expectError(await api(sandbox, '/subscriptions', first.access_token), 401, 'UNAUTHORIZED');
    await expectError(
      await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: first.refresh_token }),
      401,
      'UNAUTHORIZED',
    );
  });

  it('rejects a code older than ten minutes', async () => {
    const { code, verifier } = await codeFor('anna@example.com');
    wall += 10 * 60_000 + 1;
    const response = await tokenRequest(sandbox, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    });
    await expectError(response, 400, 'BAD_REQUEST', 'expired');
  });

  it('rejects a wrong client secret with 401 and a Basic challenge', async () => {
    const { code, verifier } = await codeFor('anna@example.com');
    const response = await tokenRequest(
      sandbox,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
      basicAuth('hems-demo', 'wrong'),
    );
    expect(response.headers.get('www-authenticate')).toContain('Basic');
    await expectError(response, 401, 'UNAUTHORIZED', 'invalid_client');
  });

  it.each([
    ['a wrong secret of the same length', basicAuth('hems-demo', 'hems-demo-secreX')],
    ['a shorter secret', basicAuth('hems-demo', 'hems')],
    ['a longer secret', basicAuth('hems-demo', 'hems-demo-secret-and-more')],
    ['an empty secret', basicAuth('hems-demo', '')],
    ['an unknown client with the right secret', basicAuth('other-client', 'hems-demo-secret')],
    ['no colon at all', `Basic ${Buffer.from('hems-demo').toString('base64')}`],
  ])('refuses %s with 401, comparing in constant time', async (_name, auth) => {
    const response = await tokenRequest(sandbox, { grant_type: 'client_credentials' }, auth);
    await expectError(response, 401, 'UNAUTHORIZED', 'invalid_client');
  });

  it('accepts the right secret through the constant-time comparison', async () => {
    const response = await tokenRequest(sandbox, { grant_type: 'client_credentials' });
    expect(response.status).toBe(200);
  });

  it('rejects an unknown grant_type', async () => {
    await expectError(
      await tokenRequest(sandbox, { grant_type: 'password' }),
      400,
      'BAD_REQUEST',
      'unsupported_grant_type',
    );
  });

  it('accepts a JSON body and the plain PKCE method, and issues a customer JWT', async () => {
    const verifier = pkcePair().verifier;
    const callback = await runJourney(sandbox, 'anna@example.com', {
      code_challenge: verifier,
      code_challenge_method: 'plain',
    });
    expect(callback.searchParams.get('state')).toBe('st-123');
    const response = await fetch(new URL('/oauth/token', sandbox.url), {
      method: 'POST',
      headers: { authorization: basicAuth(), 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'authorization_code',
        code: callback.searchParams.get('code'),
        redirect_uri: REDIRECT_URI,
        code_verifier: verifier,
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const tokens = tokenResponseSchema.parse(await response.json());
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 60, scope: 'read:*' });
    const claims = JSON.parse(Buffer.from(tokens.access_token.split('.')[1] ?? '', 'base64url').toString()) as {
      sub: string;
      exp: number;
      iss: string;
    };
    expect(claims.sub).toBe('cus_anna');
    expect(claims.iss).toBe(sandbox.url);
    expect(claims.exp).toBe(Math.floor(wall / 1000) + 60);
  });

  it('lets access tokens expire after SANDBOX_ACCESS_TOKEN_TTL on the sandbox clock, which runs on the wall clock', async () => {
    const tokens = await customerTokens(sandbox, 'anna@example.com');
    expect((await api(sandbox, '/subscriptions', tokens.access_token)).status).toBe(200);
    wall += 61_000;
    await expectError(await api(sandbox, '/subscriptions', tokens.access_token), 401, 'UNAUTHORIZED', 'expired');
  });
});

describe('refresh token rotation', () => {
  it('treats a reused refresh token as theft and revokes the whole grant, newest tokens included', async () => {
    const first = await customerTokens(sandbox, 'anna@example.com');
    const secondResponse = await tokenRequest(sandbox, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
    });
    const second = tokenResponseSchema.parse(await secondResponse.json());
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.scope).toBe('read:*');

    await expectError(
      await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: first.refresh_token }),
      401,
      'UNAUTHORIZED',
      'already used',
    );
    await expectError(
      await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: second.refresh_token }),
      401,
      'UNAUTHORIZED',
    );
    await expectError(await api(sandbox, '/subscriptions', second.access_token), 401, 'UNAUTHORIZED');
    const stats = (await (await control(sandbox, 'GET', 'stats')).json()) as {
      refresh_reuse_detected: number;
      grants: Record<string, number>;
    };
    expect(stats.refresh_reuse_detected).toBe(1);
    expect(stats.grants).toEqual({ authorization_code: 1, refresh_token: 1, client_credentials: 0 });
  });

  it('fails an unknown refresh token with 401', async () => {
    await expectError(
      await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: 'nope' }),
      401,
      'UNAUTHORIZED',
    );
  });

  it('fails refresh after the customer withdrew consent (/__sandbox/revoke)', async () => {
    const tokens = await customerTokens(sandbox, 'anna@example.com');
    expect(await (await control(sandbox, 'POST', 'revoke', { email: 'anna@example.com' })).json()).toEqual({
      revoked: 1,
    });
    await expectError(
      await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }),
      401,
      'UNAUTHORIZED',
      'revoked',
    );
    await expectError(await api(sandbox, '/subscriptions', tokens.access_token), 401, 'UNAUTHORIZED');
  });

  it('rotates many times in a row, each new token working once', async () => {
    let tokens = await customerTokens(sandbox, 'ben@example.com');
    for (let i = 0; i < 5; i++) {
      const response = await tokenRequest(sandbox, {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
      });
      expect(response.status).toBe(200);
      tokens = tokenResponseSchema.parse(await response.json());
    }
    expect((await api(sandbox, '/subscriptions', tokens.access_token)).status).toBe(200);
  });
});

describe('GET /__sandbox/tokens', () => {
  it('lists every access and refresh token issued to a customer, and none of others', async () => {
    const first = await customerTokens(sandbox, 'anna@example.com');
    const second = tokenResponseSchema.parse(
      await (await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: first.refresh_token })).json(),
    );
    await customerTokens(sandbox, 'ben@example.com');
    const tokens = (await (await control(sandbox, 'GET', 'tokens?email=anna@example.com')).json()) as {
      access_tokens: string[];
      refresh_tokens: string[];
    };
    expect(tokens.access_tokens.sort()).toEqual([first.access_token, second.access_token].sort());
    expect(tokens.refresh_tokens.sort()).toEqual([first.refresh_token, second.refresh_token].sort());
  });
});

describe('client credentials', () => {
  it('issues an organisation token with scope read:* write:*', async () => {
    const tokens = await organisationToken(sandbox);
    expect(tokens.scope).toBe('read:* write:*');
  });
});

describe('GET /oauth/authorize', () => {
  it('never redirects for an unknown client, answering with an error page or the JSON envelope', async () => {
    const page = await fetch(authorizeUrl(sandbox, { client_id: 'evil' }), { redirect: 'manual' });
    expect(page.status).toBe(400);
    expect(page.headers.get('location')).toBeNull();
    expect(page.headers.get('content-type')).toContain('text/html');
    const json = await fetch(authorizeUrl(sandbox, { client_id: 'evil' }), {
      redirect: 'manual',
      headers: { accept: 'application/json' },
    });
    await expectError(json, 400, 'BAD_REQUEST', 'client_id');
  });

  it('never redirects to an unregistered redirect_uri', async () => {
    for (const redirectUri of ['https://attacker.example/cb', 'http://localhost:3001/cb', 'not a url']) {
      const page = await fetch(authorizeUrl(sandbox, { redirect_uri: redirectUri }), { redirect: 'manual' });
      expect(page.status).toBe(400);
      expect(page.headers.get('location')).toBeNull();
    }
  });

  it('redirects other problems back with error and state (RFC 6749 §4.1.2.1)', async () => {
    const badType = await fetch(authorizeUrl(sandbox, { response_type: 'token' }), { redirect: 'manual' });
    expect(badType.status).toBe(302);
    const location = new URL(badType.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe(REDIRECT_URI);
    expect(location.searchParams.get('error')).toBe('unsupported_response_type');
    expect(location.searchParams.get('state')).toBe('st-123');

    const badMethod = await fetch(
      authorizeUrl(sandbox, { code_challenge: pkcePair().challenge, code_challenge_method: 'S512' }),
      { redirect: 'manual' },
    );
    expect(new URL(badMethod.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_request');
  });

  it.each([
    'http://localhost:3001/auth/callback',
    'https://localhost:3000/auth/callback',
    'http://127.0.0.1:3000/auth/callback',
    'http://localhost:3000.evil.example/auth/callback',
    'http://localhost:3000@evil.example/auth/callback',
    'http://localhost:30000/auth/callback',
    'http://localhost:3000/auth/callback#fragment',
    'javascript://localhost:3000/%0aalert(1)',
    '/auth/callback',
  ])('refuses the redirect_uri %j, which is not under a registered origin', async (redirectUri) => {
    const response = await fetch(authorizeUrl(sandbox, { redirect_uri: redirectUri }), { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  it('accepts a sub-path under a registered origin and origins added by configuration', async () => {
    const extra = await startSandbox({ redirectOrigins: ['http://127.0.0.1:3100'] });
    try {
      const page = await fetch(authorizeUrl(extra, { redirect_uri: 'http://127.0.0.1:3100/deep/path/callback' }), {
        redirect: 'manual',
      });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    } finally {
      await extra.close();
    }
  });

  it('redirects with access_denied and the state when the customer denies', async () => {
    const callback = await runJourney(sandbox, 'anna@example.com', {}, 'deny');
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe('st-123');
    expect(callback.searchParams.get('code')).toBeNull();
  });

  it('shows an error for a wrong one-time code, lets the person retry, and gives up after five tries', async () => {
    const page = await fetch(authorizeUrl(sandbox, {}), { redirect: 'manual' });
    const request = hiddenRequestId(await page.text());
    const codePage = await (
      await postForm(sandbox, '/oauth/authorize/email', { request, email: 'anna@example.com' })
    ).text();
    expect(codePage).toContain('Sandbox inbox');
    expect(codePage).toContain('One-time code');
    const wrong = await postForm(sandbox, '/oauth/authorize/code', { request, code: '000000x' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('4 attempts left');
    for (let i = 0; i < 4; i++) await postForm(sandbox, '/oauth/authorize/code', { request, code: '000000x' });
    const inbox = (await (await control(sandbox, 'GET', 'inbox?email=anna@example.com')).json()) as { code: string };
    const late = await postForm(sandbox, '/oauth/authorize/code', { request, code: inbox.code });
    expect(late.status).toBe(400);
    expect(late.headers.get('location')).toBeNull();
  });

  it('keeps counting wrong codes when the e-mail is submitted again', async () => {
    const page = await fetch(authorizeUrl(sandbox, {}), { redirect: 'manual' });
    const request = hiddenRequestId(await page.text());
    await postForm(sandbox, '/oauth/authorize/email', { request, email: 'anna@example.com' });
    for (let i = 0; i < 3; i++) await postForm(sandbox, '/oauth/authorize/code', { request, code: '000000x' });
    const again = await postForm(sandbox, '/oauth/authorize/email', { request, email: 'anna@example.com' });
    expect(again.status).toBe(200);
    const fourth = await postForm(sandbox, '/oauth/authorize/code', { request, code: '000000x' });
    expect(await fourth.text()).toContain('1 attempt left');
    const fifth = await postForm(sandbox, '/oauth/authorize/code', { request, code: '000000x' });
    expect(await fifth.text()).toContain('Too many attempts');
    // The request is gone: even the right code no longer helps.
    const late = await postForm(sandbox, '/oauth/authorize/code', { request, code: '123456' });
    expect(late.status).toBe(400);
    expect(late.headers.get('location')).toBeNull();
  });

  it('counts wrong codes per e-mail across new authorization requests, and lets the person in again after the window', async () => {
    const start = async () =>
      hiddenRequestId(await (await fetch(authorizeUrl(sandbox, {}), { redirect: 'manual' })).text());
    const first = await start();
    await postForm(sandbox, '/oauth/authorize/email', { request: first, email: 'anna@example.com' });
    for (let i = 0; i < 4; i++) await postForm(sandbox, '/oauth/authorize/code', { request: first, code: '000000x' });

    const second = await start();
    await postForm(sandbox, '/oauth/authorize/email', { request: second, email: 'anna@example.com' });
    const wrong = await postForm(sandbox, '/oauth/authorize/code', { request: second, code: '000000x' });
    expect(await wrong.text()).toContain('Too many attempts');

    const third = await start();
    const refused = await postForm(sandbox, '/oauth/authorize/email', { request: third, email: 'anna@example.com' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('wrong too often');
    // Another address is not affected.
    expect(
      (await postForm(sandbox, '/oauth/authorize/email', { request: third, email: 'ben@example.com' })).status,
    ).toBe(200);

    wall += 31 * 60_000;
    expect((await runJourney(sandbox, 'anna@example.com')).searchParams.get('code')).toBeTruthy();
  });

  it('refuses an unknown e-mail outside the signup flow', async () => {
    const page = await fetch(authorizeUrl(sandbox, {}), { redirect: 'manual' });
    const request = hiddenRequestId(await page.text());
    const response = await postForm(sandbox, '/oauth/authorize/email', { request, email: 'nobody@example.com' });
    expect(response.status).toBe(400);
  });

  it('skips the consent screen for flow_type=login', async () => {
    const callback = await runJourney(sandbox, 'ben@example.com', { flow_type: 'login' });
    expect(callback.searchParams.get('code')).toBeTruthy();
  });

  it('creates a customer without subscriptions for flow_type=signup', async () => {
    const { code, verifier } = await codeFor('newbie@example.com', { flow_type: 'signup' });
    const tokens = tokenResponseSchema.parse(
      await (
        await tokenRequest(sandbox, {
          grant_type: 'authorization_code',
          code,
          redirect_uri: REDIRECT_URI,
          code_verifier: verifier,
        })
      ).json(),
    );
    const list = (await (await api(sandbox, '/subscriptions', tokens.access_token)).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
    await control(sandbox, 'POST', 'reset');
    const again = await fetch(authorizeUrl(sandbox, {}), { redirect: 'manual' });
    const request = hiddenRequestId(await again.text());
    expect((await postForm(sandbox, '/oauth/authorize/email', { request, email: 'newbie@example.com' })).status).toBe(
      400,
    );
  });

  it('labels the screens as the e2e tests expect and lists the demo customers', async () => {
    const html = await (await fetch(authorizeUrl(sandbox, {}))).text();
    expect(html).toContain('<label for="email">Email</label>');
    expect(html).toContain('>Continue</button>');
    expect(html).toContain('anna@example.com');
    expect(html).toContain('emil@example.com');
  });
});

describe('metadata', () => {
  it('publishes RFC 8414 metadata with the sandbox as issuer', async () => {
    const response = await fetch(new URL('/.well-known/oauth-authorization-server', sandbox.url));
    const metadata = authorizationServerMetadataSchema.parse(await response.json());
    expect(metadata.issuer).toBe(sandbox.url);
    expect(metadata.token_endpoint).toBe(`${sandbox.url}/oauth/token`);
    expect(metadata.code_challenge_methods_supported).toEqual(['S256', 'plain']);
    expect(metadata.token_endpoint_auth_methods_supported).toEqual(['client_secret_basic']);
  });
});
