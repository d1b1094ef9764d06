/**
 * Auth.js's refresh-token-rotation guide, as written there, for `npm run
 * bench` only: the app it measures against. It signs in through Auth.js
 * (`@auth/core`, the Nomos provider of lib/auth/next-auth/nomos-provider.ts)
 * and refreshes inside the `jwt` callback when the access token has expired.
 * Every concurrent request runs that callback with the same refresh token,
 * so a strictly rotating server sees the token again and revokes the grant:
 * that is what the bench shows beside the coordinated refresh. Nothing in
 * the app loads this file.
 *
 * Routes, as the bench drives the app: `GET /auth/login` (starts a sign-in),
 * `GET /api/auth/callback/nomos` (Auth.js's callback), `GET /dashboard`
 * (asks Auth.js for the session, as `auth()` does, then reads the
 * customer's subscriptions with its access token; answers with a
 * `data-testid="price-chart"` marker when Nomos accepted the token).
 *
 * Started by scripts/bench.mjs with PORT, APP_URL, NOMOS_ISSUER,
 * SESSION_SECRET and DEMO_CLOCK_URL (the sandbox's clock, which decides
 * when a token has expired, as it does for the app).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

import { Auth, raw, skipCSRFCheck, type AuthConfig } from '@auth/core';
import type { JWT } from '@auth/core/jwt';

import { Nomos } from '../../lib/auth/next-auth/nomos-provider';

const env = (name: string, fallback?: string) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is required`);
  return value;
};
const port = Number(env('PORT'));
const appUrl = env('APP_URL');
const issuer = env('NOMOS_ISSUER');
const secret = env('SESSION_SECRET');
const clockUrl = env('DEMO_CLOCK_URL');
const clientId = env('NOMOS_CLIENT_ID', 'hems-demo');
const clientSecret = env('NOMOS_CLIENT_SECRET', 'hems-demo-secret');
const API_VERSION = '2026-05-27.curie';

/** The sandbox's clock in epoch ms: token lifetimes count on it. */
async function nomosNow(): Promise<number> {
  const body = (await (await fetch(clockUrl)).json()) as { now: string };
  return Date.parse(body.now);
}

type Metadata = { issuer: string; authorization_endpoint: string; token_endpoint: string };
let discovered: Promise<Metadata> | undefined;
/** Nomos' metadata, fetched on first use (the sandbox may start after this server). */
function discover(): Promise<Metadata> {
  discovered ??= fetch(`${issuer}/.well-known/oauth-authorization-server`)
    .then(async (response) => {
      if (!response.ok) throw new Error(`discovery answered ${response.status}`);
      return (await response.json()) as Metadata;
    })
    .catch((error: unknown) => {
      discovered = undefined;
      throw error;
    });
  return discovered;
}

/** The guide's token: the provider's tokens as Auth.js hands them to the `jwt` callback. */
type RecipeToken = JWT & { access_token?: string; refresh_token?: string; expires_at?: number; error?: string };

const authConfig = (metadata: Metadata): AuthConfig => ({
  secret,
  trustHost: true,
  basePath: '/api/auth',
  session: { strategy: 'jwt' },
  providers: [
    Nomos({
      clientId,
      clientSecret,
      issuer: metadata.issuer,
      authorizationEndpoint: metadata.authorization_endpoint,
      tokenEndpoint: metadata.token_endpoint,
      apiUrl: issuer,
      apiVersion: API_VERSION,
    }),
  ],
  callbacks: {
    async jwt({ token, account }) {
      const now = await nomosNow();
      if (account) {
        // First sign-in: keep the tokens (the lifetime counted on Nomos' clock).
        return {
          ...token,
          access_token: account.access_token,
          refresh_token: account.refresh_token,
          expires_at: Math.floor(now / 1000 + Number(account.expires_in ?? 3600)),
        };
      }
      const current = token as RecipeToken;
      if (current.expires_at !== undefined && now < current.expires_at * 1000) return token;
      // Expired: refresh, here, in every request that sees it (the guide's recipe).
      try {
        const response = await fetch(metadata.token_endpoint, {
          method: 'POST',
          headers: {
            authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: current.refresh_token ?? '' }),
        });
        const tokens = (await response.json()) as { access_token: string; expires_in: number; refresh_token?: string };
        if (!response.ok) throw new Error(`token endpoint answered ${response.status}`);
        return {
          ...token,
          access_token: tokens.access_token,
          expires_at: Math.floor(now / 1000 + tokens.expires_in),
          refresh_token: tokens.refresh_token ?? current.refresh_token,
        };
      } catch {
        return { ...token, error: 'RefreshTokenError' };
      }
    },
    // Server side only: the dashboard reads the access token from the session, as the guide's pages do.
    session({ session, token }) {
      return { ...session, accessToken: (token as RecipeToken).access_token } as typeof session;
    },
  },
});

const onApp = (path: string) => new URL(path, appUrl);

function toRequest(req: IncomingMessage, url: URL, init: RequestInit = {}): Request {
  return new Request(url, { headers: { cookie: req.headers.cookie ?? '' }, ...init });
}

async function send(res: ServerResponse, response: Response, body?: string) {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  res.end(body ?? (await response.text()));
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const url = onApp(req.url ?? '/');
  if (url.pathname === '/') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    return res.end('Auth.js jwt-callback recipe (bench only)\n');
  }
  const metadata = await discover();
  const config = authConfig(metadata);
  if (url.pathname === '/auth/login') {
    const result = await Auth(
      new Request(onApp('/api/auth/signin/nomos'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: req.headers.cookie ?? '' },
        body: new URLSearchParams({ callbackUrl: '/dashboard' }),
      }),
      { ...config, raw, skipCSRFCheck },
    );
    const headers = new Headers({ location: result.redirect ?? '/' });
    for (const cookie of result.cookies ?? []) {
      const attributes = `Path=${cookie.options?.path ?? '/'}; HttpOnly; SameSite=Lax`;
      headers.append('set-cookie', `${cookie.name}=${cookie.value}; ${attributes}`);
    }
    return send(res, new Response(null, { status: 302, headers }), '');
  }
  if (url.pathname.startsWith('/api/auth/')) return send(res, await Auth(toRequest(req, url), config));
  if (url.pathname === '/dashboard') {
    // What `auth()` does in a page: ask for the session, which runs the `jwt` callback.
    const answer = await Auth(toRequest(req, onApp('/api/auth/session')), config);
    const session = (await answer.json()) as { accessToken?: string } | null;
    const prices = session?.accessToken
      ? await fetch(`${issuer}/subscriptions`, {
          headers: { authorization: `Bearer ${session.accessToken}`, 'x-api-version': API_VERSION },
        })
      : null;
    const served = prices?.ok === true;
    const body = served ? '<div data-testid="price-chart"></div>' : '<p>Your Nomos connection has ended.</p>';
    const headers = new Headers({ 'content-type': 'text/html; charset=utf-8' });
    for (const cookie of answer.headers.getSetCookie()) headers.append('set-cookie', cookie);
    return send(res, new Response(body, { status: 200, headers }), body);
  }
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found\n');
}

createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    console.error('[authjs-recipe]', error);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
    res.end('error\n');
  });
}).listen(port, '127.0.0.1', () => console.error(`[authjs-recipe] on ${appUrl}`));
