import { NextResponse, type NextRequest } from 'next/server';

import { renewSessionCookie } from '@/lib/auth/refresh/proxy-refresh';
import { RENEW_PATH } from '@/lib/auth/refresh/renew-path';
import { syncClock } from '@/lib/clock';
import { config as appConfig } from '@/lib/config';
import { NONCE_HEADER, STRICT_TRANSPORT_SECURITY, contentSecurityPolicy, createNonce } from '@/lib/security/headers';

const PROTECTED_PATH = /^\/dashboard(?:\/|$)/;
const https = new URL(appConfig.appUrl).protocol === 'https:';

/**
 * Gives every page a Content-Security-Policy with a fresh nonce, and keeps
 * the Nomos access token fresh before any page that calls Nomos renders.
 *
 * Next.js puts the nonce on its own scripts when it finds the policy among
 * the request headers, so the policy goes on the request as well as the
 * response. Server components cannot write cookies; the proxy can, and a
 * cookie it sets is visible to the same request's server components, so a
 * page rendered right after a refresh already uses the new token.
 */
export async function proxy(request: NextRequest) {
  // The app's clock follows the sandbox's in demos and tests (lib/clock.ts); in production this does nothing.
  await syncClock();
  const nonce = createNonce();
  const policy = contentSecurityPolicy({ nonce, development: !appConfig.production, https });
  // Set before the refresh: the response it builds forwards these request headers.
  request.headers.set(NONCE_HEADER, nonce);
  request.headers.set('Content-Security-Policy', policy);
  const { pathname } = request.nextUrl;
  const renewed =
    pathname === RENEW_PATH
      ? // Rare (Nomos refused a token early): loaded only when it happens.
        await (await import('@/lib/auth/refresh/renew-refused')).renewRefusedToken(request)
      : PROTECTED_PATH.test(pathname)
        ? await renewSessionCookie(request)
        : null;
  const response = renewed ?? NextResponse.next({ request: { headers: request.headers } });
  response.headers.set('Content-Security-Policy', policy);
  if (https) response.headers.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  matcher: [
    // Every route that calls Nomos with the session's token, prefetches included.
    '/dashboard/:path*',
    // Every other page and route handler. Static files carry no scripts, and
    // prefetched payloads are not documents.
    {
      source: '/((?!_next/static|_next/image|favicon\\.ico|robots\\.txt|sitemap\\.xml|manifest\\.webmanifest).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
