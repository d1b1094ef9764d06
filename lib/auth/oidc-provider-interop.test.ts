/**
 * The app against an authorization server it was not written with: panva's
 * `oidc-provider` (OpenID Certified), run in-process by
 * sandbox/oidc-provider/server.ts and reached by configuration alone
 * (`NOMOS_ISSUER`, `NOMOS_CLIENT_ID`, `NOMOS_CLIENT_SECRET`). Every step is
 * the app's own code: the sign-in's authorization request, the callback
 * (state, RFC 9207 `iss`, the code exchange), the refresh coordinator and
 * the logout. Every rule is asserted on the provider's own events, not on
 * what the app believes it did.
 *
 * Time: only `Date` is faked (it still runs at real speed), and it is the
 * one clock of both the provider (token lifetimes) and the app
 * (`lib/clock.ts` without a demo clock), so moving it forward expires
 * access tokens for both without anyone waiting.
 */
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import {
  NON_ROTATING_CLIENT,
  ROTATING_CLIENT,
  signIn,
  startOidcProvider,
  type OidcProviderServer,
} from '../../sandbox/oidc-provider/server';

import type { Generation, RefreshCoordinator } from './refresh/refresh-coordinator';
import type { SessionData } from './session/session-cookie';

const APP_URL = 'http://localhost:3000';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

let server: OidcProviderServer;

/** What the provider did, from its own events. */
const seen = {
  codeExchanges: 0,
  refreshes: 0,
  /** Refresh tokens rotated away (each one is spent from then on). */
  consumed: 0,
  /** Grants the provider revoked: at a revocation request, or on a spent refresh token presented again. */
  revokedGrants: [] as string[],
  /** Token requests the provider refused, with its reason. */
  refused: [] as string[],
};

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(Date.UTC(2026, 10, 24, 9, 0, 0));
  server = await startOidcProvider({ port: 0, redirectUris: [`${APP_URL}/auth/callback`], accessTokenTtl: 3_600 });
  server.provider.on('grant.success', (ctx) => {
    if (ctx.oidc.params?.grant_type === 'refresh_token') seen.refreshes++;
    if (ctx.oidc.params?.grant_type === 'authorization_code') seen.codeExchanges++;
  });
  server.provider.on('refresh_token.consumed', () => seen.consumed++);
  server.provider.on('grant.revoked', (_ctx, grantId) => seen.revokedGrants.push(grantId));
  server.provider.on('grant.error', (_ctx, error) =>
    seen.refused.push(`${error.error}: ${error.error_detail ?? error.error_description}`),
  );
});

afterAll(async () => {
  vi.useRealTimers();
  await server?.close();
});

/** Moves the one clock of the provider and the app. */
const advance = (ms: number) => vi.setSystemTime(Date.now() + ms);

/**
 * The app's modules read their configuration once, on import: load a fresh
 * copy pointed at the provider with the given client, as `next start` would
 * be configured.
 */
async function appFor(credentials: { clientId: string; clientSecret: string }) {
  vi.resetModules();
  Object.assign(process.env, {
    APP_URL,
    NOMOS_ISSUER: server.issuer,
    NOMOS_CLIENT_ID: credentials.clientId,
    NOMOS_CLIENT_SECRET: credentials.clientSecret,
    NOMOS_SCOPE: 'read:*',
    NOMOS_AUTH: 'iron-session',
  });
  delete process.env.DEMO_CLOCK_URL;
  delete process.env.REDIS_URL;
  const [oauth, revocation, login, callback, logout, transaction, session, coordinator, seal, clock, memory] =
    await Promise.all([
      import('@/lib/auth/oauth'),
      import('./logout/revoke-grant'),
      import('./sign-in/login'),
      import('./sign-in/callback'),
      import('./logout/logout'),
      import('./sign-in/transaction'),
      import('./session/session-cookie'),
      import('./refresh/refresh-coordinator'),
      import('./session/cookies'),
      import('@/lib/clock'),
      import('@/lib/store/memory-store'),
    ]);
  const sealer = seal.createSealer(['i'.repeat(32)]);

  /** `count` app instances sharing one store, each with its own coordinator, as behind a load balancer. */
  function instances(count: number): RefreshCoordinator[] {
    const store = new memory.MemoryStore(undefined, clock.now);
    return Array.from(
      { length: count },
      () =>
        new coordinator.RefreshCoordinator({
          redeem: oauth.redeemRefreshToken,
          store,
          sealer,
          isRevoked: async () => false,
          leaseMs: 60_000,
          waitTimeoutMs: 5_000,
          now: clock.now,
        }),
    );
  }

  /** The sign-in as a browser makes it: /auth/login, the provider's screens, /auth/callback. */
  async function startSignIn() {
    const started = await login.startLogin(new NextRequest(`${APP_URL}/auth/login?returnTo=/dashboard`));
    expect(started.status).toBe(303);
    return {
      authorizationUrl: new URL(started.headers.get('location') ?? ''),
      transactionCookie: cookieFrom(started, transaction.transactionCookie.name),
    };
  }

  async function callbackWith(params: URLSearchParams, transactionCookieValue: string) {
    const request = new NextRequest(`${APP_URL}/auth/callback?${params}`, {
      headers: { cookie: `${transaction.transactionCookie.name}=${transactionCookieValue}` },
    });
    return callback.completeLogin(request);
  }

  /** A connected session, as the callback's cookie holds it. */
  async function connect(login: string): Promise<SessionData> {
    const { authorizationUrl, transactionCookie } = await startSignIn();
    const redirect = await signIn(authorizationUrl.href, login);
    const done = await callbackWith(redirect.searchParams, transactionCookie);
    expect(done.headers.get('location')).toBe(`${APP_URL}/dashboard`);
    const connected = await session.sessionCookie.unseal(cookieFrom(done, session.sessionCookie.name));
    if (!connected) throw new Error('the callback set no readable session cookie');
    return connected;
  }

  async function logoutWith(connected: SessionData) {
    const request = new NextRequest(`${APP_URL}/auth/logout`, {
      method: 'POST',
      headers: {
        'sec-fetch-site': 'same-origin',
        cookie: `${session.sessionCookie.name}=${(await session.sessionCookie.seal(connected)).value}`,
      },
    });
    return logout.logout(request);
  }

  return { oauth, revocation, startSignIn, callbackWith, connect, logoutWith, instances };
}

function cookieFrom(response: Response, name: string): string {
  const line = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`));
  if (!line) throw new Error(`no ${name} cookie was set`);
  return decodeURIComponent(line.slice(name.length + 1).split(';')[0] ?? '');
}

const generationOf = (session: SessionData): Generation => ({
  generation: session.generation,
  tokens: {
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
    expiresAt: session.expiresAt,
    obtainedAt: session.obtainedAt,
    scope: session.scope,
  },
});

/** The provider's counts before `run`, subtracted from those after. */
async function counted<T>(run: () => Promise<T>) {
  const before = { ...seen, revokedGrants: seen.revokedGrants.length, refused: seen.refused.length };
  const result = await run();
  return {
    result,
    codeExchanges: seen.codeExchanges - before.codeExchanges,
    refreshes: seen.refreshes - before.refreshes,
    consumed: seen.consumed - before.consumed,
    revokedGrants: seen.revokedGrants.slice(before.revokedGrants),
    refused: seen.refused.slice(before.refused),
  };
}

describe('against oidc-provider, a certified authorization server, by configuration alone', () => {
  let app: Awaited<ReturnType<typeof appFor>>;
  beforeAll(async () => {
    app = await appFor(ROTATING_CLIENT);
  });

  it('refuses a callback whose RFC 9207 iss names another issuer, or is missing while the metadata promises it, without redeeming the code', async () => {
    const metadata = await app.oauth.getAuthorizationServer();
    expect(metadata.issuer).toBe(server.issuer);
    expect(metadata.authorization_response_iss_parameter_supported).toBe(true);

    const { authorizationUrl, transactionCookie } = await app.startSignIn();
    const redirect = await signIn(authorizationUrl.href, 'mallory');
    expect(redirect.searchParams.get('iss')).toBe(server.issuer);

    const mixedUp = new URLSearchParams(redirect.searchParams);
    mixedUp.set('iss', 'http://127.0.0.1:1');
    const missing = new URLSearchParams(redirect.searchParams);
    missing.delete('iss');
    for (const params of [mixedUp, missing]) {
      const refused = await counted(() => app.callbackWith(params, transactionCookie));
      expect(refused.result.headers.get('location')).toBe(`${APP_URL}/auth/error?reason=invalid-response`);
      expect(refused.result.headers.getSetCookie().join()).not.toMatch(/nomos_session=[^;]/);
      expect(refused.codeExchanges).toBe(0);
    }

    // The code was never presented: the same callback with the provider's own iss still connects.
    const genuine = await counted(() => app.callbackWith(redirect.searchParams, transactionCookie));
    expect(genuine.result.headers.get('location')).toBe(`${APP_URL}/dashboard`);
    expect(genuine.codeExchanges).toBe(1);
  });

  it('a person who declines at the provider ends on "denied": the error response carries iss, and no code is exchanged', async () => {
    const { authorizationUrl, transactionCookie } = await app.startSignIn();
    const redirect = await signIn(authorizationUrl.href, 'nora', 'deny');
    expect(Object.fromEntries(redirect.searchParams)).toMatchObject({ error: 'access_denied', iss: server.issuer });

    const declined = await counted(() => app.callbackWith(redirect.searchParams, transactionCookie));
    expect(declined.result.headers.get('location')).toBe(`${APP_URL}/auth/error?reason=denied`);
    expect(declined.codeExchanges).toBe(0);
  });

  it('connects: the sign-in sends PKCE (S256) and state, the provider answers with code, state and iss, and the code exchange yields the tokens', async () => {
    const { authorizationUrl } = await app.startSignIn();
    expect(authorizationUrl.origin).toBe(server.issuer);
    expect(Object.fromEntries(authorizationUrl.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: ROTATING_CLIENT.clientId,
      redirect_uri: `${APP_URL}/auth/callback`,
      scope: 'read:*',
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      state: expect.stringMatching(/^[\w-]{43}$/),
    });

    const { result: session, codeExchanges, refused } = await counted(() => app.connect('anna'));
    expect(codeExchanges).toBe(1);
    expect(refused).toEqual([]);
    expect(session).toMatchObject({
      generation: 0,
      scope: 'read:*',
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
    });
    expect(session.expiresAt - session.obtainedAt).toBe(HOUR_MS);
  });

  it('refreshes once per expiry with no reuse: 20 concurrent renewals on two instances at each of 3 expiries make exactly one refresh at the provider, and its grant is never revoked', async () => {
    const instances = app.instances(2);
    const grantId = 'interop-storm-grant-0123456789';
    let current = generationOf(await app.connect('ben'));
    for (let expiry = 1; expiry <= 3; expiry++) {
      advance(HOUR_MS + 1_000);
      const storm = await counted(() =>
        Promise.all(Array.from({ length: 20 }, (_, i) => instances[i % 2]!.renew(grantId, current, DAY_MS))),
      );
      expect({ refreshes: storm.refreshes, consumed: storm.consumed }, `expiry ${expiry}`).toEqual({
        refreshes: 1,
        consumed: 1,
      });
      expect(new Set(storm.result.map((next) => next.generation))).toEqual(new Set([expiry]));
      expect(new Set(storm.result.map((next) => next.tokens.refreshToken)).size).toBe(1);
      const next = storm.result[0]!;
      expect(next.tokens.refreshToken).not.toBe(current.tokens.refreshToken);
      expect(storm.revokedGrants).toEqual([]);
      expect(storm.refused).toEqual([]);
      current = next;
    }
  });

  it('a cookie that fell behind is served from the spent-token chain and never redeemed again; the newest refresh token still works at the provider', async () => {
    const [a, b] = app.instances(2);
    const grantId = 'interop-chain-grant-0123456789';
    const first = generationOf(await app.connect('carla'));
    advance(HOUR_MS + 1_000);
    const second = await a!.renew(grantId, first, DAY_MS);
    advance(HOUR_MS + 1_000);
    const third = await b!.renew(grantId, second, DAY_MS);
    expect(third.generation).toBe(2);

    // Within the newest access token's life, the oldest cookie gets the newest tokens without a call.
    const caughtUp = await counted(() => a!.renew(grantId, first, DAY_MS));
    expect(caughtUp.result).toEqual(third);
    expect(caughtUp.refreshes).toBe(0);

    // At the next expiry, cookies of every older generation make one refresh together, of the newest token.
    advance(HOUR_MS + 1_000);
    const behind = await counted(() =>
      Promise.all(
        [first, second, third, first, second].map((cookie, i) => [a, b][i % 2]!.renew(grantId, cookie, DAY_MS)),
      ),
    );
    expect(behind.refreshes).toBe(1);
    expect(new Set(behind.result.map((next) => next.generation))).toEqual(new Set([3]));
    expect(behind.revokedGrants).toEqual([]);
    expect(behind.refused).toEqual([]);

    const newest = await counted(() =>
      app.oauth.redeemRefreshToken(behind.result[0]!.tokens.refreshToken, behind.result[0]!.tokens.scope),
    );
    expect(newest.result.accessToken).toEqual(expect.any(String));
    expect(newest.refreshes).toBe(1);
    expect(newest.revokedGrants).toEqual([]);
  });

  it('revokes at the provider (RFC 7009): revokeRefreshToken is answered, and the refresh token is refused afterwards', async () => {
    const session = await app.connect('dora');
    const revoked = await counted(() => app.revocation.revokeRefreshToken(session.refreshToken));
    expect(revoked.result).toBe(true);
    expect(revoked.revokedGrants).toHaveLength(1);

    const after = await counted(() =>
      app.oauth.redeemRefreshToken(session.refreshToken, session.scope).then(
        () => 'redeemed',
        (error: unknown) => error,
      ),
    );
    expect(after.result).toMatchObject({ name: 'NomosError', kind: 'connection-ended' });
    expect(after.refreshes).toBe(0);
    expect(after.refused).toEqual(['invalid_grant: refresh token not found']);
  });

  it('logging out revokes the grant at the provider: the session’s refresh token, and every one rotated from it, is dead', async () => {
    const [coordinator] = app.instances(1);
    const session = await app.connect('emil');
    advance(HOUR_MS + 1_000);
    const rotated = await coordinator!.renew(session.grantId, generationOf(session), DAY_MS);
    const newest = { ...session, ...rotated.tokens, generation: rotated.generation };

    const loggedOut = await counted(() => app.logoutWith(newest));
    expect(loggedOut.result.headers.get('location')).toBe(`${APP_URL}/`);
    expect(loggedOut.revokedGrants).toHaveLength(1);

    await expect(app.oauth.redeemRefreshToken(newest.refreshToken, newest.scope)).rejects.toMatchObject({
      kind: 'connection-ended',
    });
  });
});

describe('against oidc-provider with a client whose refresh tokens are not rotated (RFC 6749 §6)', () => {
  it('keeps the refresh token the provider answers with, and refreshes with it twice in a row, without reuse detection', async () => {
    const app = await appFor(NON_ROTATING_CLIENT);
    const [coordinator] = app.instances(1);
    const grantId = 'interop-static-grant-0123456789';
    const session = generationOf(await app.connect('frank'));

    advance(HOUR_MS + 1_000);
    const once = await counted(() => coordinator!.renew(grantId, session, DAY_MS));
    advance(HOUR_MS + 1_000);
    const twice = await counted(() => coordinator!.renew(grantId, once.result, DAY_MS));

    for (const refresh of [once, twice]) {
      expect(refresh).toMatchObject({ refreshes: 1, consumed: 0, revokedGrants: [], refused: [] });
      expect(refresh.result.tokens.refreshToken).toBe(session.tokens.refreshToken);
    }
    expect(twice.result.generation).toBe(2);
    expect(new Set([session, once.result, twice.result].map((g) => g.tokens.accessToken)).size).toBe(3);
  });
});
