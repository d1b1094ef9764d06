import 'server-only';

import { Auth, raw, skipCSRFCheck } from '@auth/core';
import NextAuth, { type NextAuthConfig } from 'next-auth';

import { now } from '@/lib/clock';
import { config } from '@/lib/config';
import { fetchWithRetry } from '@/lib/nomos/http';
import { processSingleton } from '@/lib/process-singleton';

import { authErrorPath } from '@/lib/auth/sign-in/auth-error';
import { hostCookieName } from '@/lib/auth/session/cookies';
import { getRevocationList } from '@/lib/auth/logout/revocation';
import { ASSUMED_LIFETIME_SECONDS, getAuthorizationServer } from '../oauth';
import { returnToUrl } from '@/lib/auth/sign-in/return-to';
import { newSession, revocationIds, sessionEndsAt } from '@/lib/auth/session/session-data';

import { Nomos } from './nomos-provider';
import { NEXT_AUTH_BASE_PATH, nextAuthCookie } from './session-token';

const signInCookie = (name: string, maxAge: number) => ({
  name: hostCookieName(name),
  options: { ...nextAuthCookie.options, maxAge },
});
const signInCookies = {
  pkceCodeVerifier: signInCookie('authjs.pkce.code_verifier', 15 * 60),
  state: signInCookie('authjs.state', 15 * 60),
  callbackUrl: { name: hostCookieName('authjs.callback-url'), options: nextAuthCookie.options },
  csrfToken: { name: hostCookieName('authjs.csrf-token'), options: nextAuthCookie.options },
};

/**
 * The Auth.js configuration of the next-auth style. Built on first use: the
 * provider's endpoints come from the Nomos metadata, discovered once.
 */
async function nextAuthConfig(): Promise<NextAuthConfig> {
  const as = await getAuthorizationServer();
  if (!as.authorization_endpoint || !as.token_endpoint) {
    throw new Error('The Nomos metadata names no authorization_endpoint or token_endpoint');
  }
  return {
    // All secrets, newest first: Auth.js encrypts with the first and decrypts with each.
    secret: config.sessionSecrets,
    // Every request reaching Auth.js is rebuilt on APP_URL (`onAppUrl`), so the host is ours.
    trustHost: true,
    basePath: NEXT_AUTH_BASE_PATH,
    // A new session lives as long as its idle timeout allows; the proxy re-seals it for what is left.
    session: { strategy: 'jwt', maxAge: Math.min(config.session.maxAgeSeconds, config.session.idleTimeoutSeconds) },
    cookies: {
      sessionToken: { name: nextAuthCookie.name, options: nextAuthCookie.options },
      // `__Host-` over HTTPS, not Auth.js's `__Secure-`: a sibling subdomain must
      // not be able to plant a sign-in's state or verifier (login CSRF).
      ...signInCookies,
    },
    providers: [
      Nomos({
        clientId: config.nomos.clientId,
        clientSecret: config.nomos.clientSecret,
        issuer: as.issuer,
        authorizationEndpoint: as.authorization_endpoint,
        tokenEndpoint: as.token_endpoint,
        apiUrl: config.nomos.apiUrl,
        apiVersion: config.nomos.apiVersion,
        scope: config.nomos.scope,
        fetch: (input, init) => fetchWithRetry(input instanceof Request ? input.url : input, init),
      }),
    ],
    pages: { signIn: '/auth/error', error: '/auth/error' },
    callbacks: {
      /**
       * Turns the sign-in's tokens into the session. It never refreshes:
       * Auth.js runs this callback on every `auth()` call, concurrently, and
       * a refresh here would present one rotating refresh token several
       * times (see docs/decisions/006). The proxy refreshes, once per rotation.
       */
      async jwt({ token, account }) {
        if (!account) return token;
        if (!account.access_token || !account.refresh_token) {
          throw new Error('Nomos sent no refresh token with the access token');
        }
        const connectedAt = now();
        // From `expires_in`, on the app's clock: Auth.js's `expires_at` counts from the system clock.
        const lifetimeSeconds = Number(account.expires_in ?? ASSUMED_LIFETIME_SECONDS);
        const session = newSession(
          {
            accessToken: account.access_token,
            refreshToken: account.refresh_token,
            expiresAt: connectedAt + lifetimeSeconds * 1000,
            obtainedAt: connectedAt,
            scope: account.scope ?? config.nomos.scope,
          },
          connectedAt,
        );
        return { sub: token.sub, name: token.name, email: token.email, ...session };
      },
      /** What `/api/auth/session` and `useSession()` show the browser: who, never the tokens. */
      session({ session }) {
        return { expires: session.expires, user: { name: session.user?.name, email: session.user?.email } } as never;
      },
      /** Only paths on this app, as `/auth/login` already checked. */
      redirect({ url }) {
        const target = new URL(url, config.appUrl);
        return returnToUrl(`${target.pathname}${target.search}${target.hash}`, config.appUrl).toString();
      },
    },
  };
}

// One Auth.js instance per process, on globalThis like the other singletons.
const nextAuth = () => processSingleton('next-auth', () => NextAuth(() => nextAuthConfig()));

/**
 * The request rebuilt on `APP_URL`: Auth.js derives its own URLs, the OAuth
 * `redirect_uri` among them, from the request, so a forged `Host` or
 * `X-Forwarded-Host` must never reach it.
 */
function onAppUrl(request: Request): Request {
  const url = new URL(request.url);
  const pinned = new URL(`${url.pathname}${url.search}`, config.appUrl);
  const headers = new Headers(request.headers);
  headers.set('host', pinned.host);
  headers.delete('x-forwarded-host');
  headers.set('x-forwarded-proto', pinned.protocol.replace(':', ''));
  return new Request(pinned, {
    method: request.method,
    headers,
    body: request.method === 'GET' || request.method === 'HEAD' ? undefined : request.body,
    // Node's fetch needs this to stream a request body.
    ...(request.body ? { duplex: 'half' } : {}),
  } as RequestInit);
}

/** `GET`/`POST /api/auth/*`: Auth.js's own routes (callback, session, csrf), on the app's origin. */
export async function handleNextAuth(request: Request): Promise<Response> {
  const { handlers } = nextAuth();
  const pinned = onAppUrl(request);
  const url = new URL(pinned.url);
  if (url.pathname === `${NEXT_AUTH_BASE_PATH}/callback/nomos`) {
    if (url.searchParams.get('error') === 'access_denied') {
      // Auth.js reports a Deny like any other authorization error; the person should read what they chose.
      return Response.redirect(new URL(authErrorPath('denied'), config.appUrl), 303);
    }
    // RFC 9207: Auth.js checks an `iss` that is present; require it when the server says it sends one.
    const as = await getAuthorizationServer();
    if (as.authorization_response_iss_parameter_supported && url.searchParams.get('iss') !== as.issuer) {
      return Response.redirect(new URL(authErrorPath('invalid-response'), config.appUrl), 303);
    }
  }
  if (url.pathname === `${NEXT_AUTH_BASE_PATH}/session`) {
    return sessionSummary(request);
  }
  // The NextRequest type is what the handlers declare; they read only standard Request fields.
  const nextRequest = pinned as unknown as Parameters<typeof handlers.GET>[0];
  return request.method === 'POST' ? handlers.POST(nextRequest) : handlers.GET(nextRequest);
}

/**
 * `GET /api/auth/session` (what `useSession()` reads), answered here rather
 * than by Auth.js: with the app's own checks (lifetimes, logged-out grants),
 * only who is signed in (never a token), and without re-issuing the cookie
 * for a fresh lifetime as Auth.js would.
 */
async function sessionSummary(request: Request): Promise<Response> {
  const value = request.headers
    .get('cookie')
    ?.split(/;\s*/)
    .find((pair) => pair.startsWith(`${nextAuthCookie.name}=`))
    ?.slice(nextAuthCookie.name.length + 1);
  const session = await nextAuthCookie.unseal(value);
  const headers = { 'Cache-Control': 'no-store' };
  if (!session || (await getRevocationList().shouldRefuse(...revocationIds(session))))
    return Response.json(null, { headers });
  return Response.json(
    {
      user: { name: session.name ?? null, email: session.email ?? null },
      expires: new Date(sessionEndsAt(session, config.session)).toISOString(),
    },
    { headers },
  );
}

/**
 * Starts a sign-in through Auth.js, as next-auth's `signIn()` does, but on
 * the app's own origin: returns where to send the browser and the cookies
 * (PKCE verifier, state) to set on that redirect.
 */
export async function startNextAuthSignIn(
  returnTo: string,
  flow: 'login' | 'signup' | undefined,
  cookieHeader: string | null,
) {
  const authConfig = await nextAuthConfig();
  const params = new URLSearchParams(flow ? { flow_type: flow } : {});
  const request = new Request(new URL(`${NEXT_AUTH_BASE_PATH}/signin/nomos?${params}`, config.appUrl), {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(cookieHeader ? { cookie: cookieHeader } : {}),
    },
    body: new URLSearchParams({ callbackUrl: returnTo }),
  });
  // `raw` gives the redirect and cookies instead of a Response; the CSRF
  // check is for Auth.js's own form posts, and this request never came from a form.
  const result = await Auth(request, { ...authConfig, raw, skipCSRFCheck });
  return { redirect: result.redirect, cookies: result.cookies ?? [] };
}
