import 'server-only';

import { NextResponse, type NextRequest } from 'next/server';

import { config } from '@/lib/config';

import { sessionCookie } from './session-cookie';

/**
 * Only a POST from this app's own pages may end the session. Browsers send
 * `Sec-Fetch-Site` (and `Origin` on every POST); a request without either
 * cannot be shown to come from here and is refused.
 */
export function isSameOriginPost(request: NextRequest): boolean {
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite) return fetchSite === 'same-origin';
  const origin = request.headers.get('origin');
  return origin !== null && (origin === new URL(config.appUrl).origin || origin === request.nextUrl.origin);
}

/** `POST /auth/logout`: forgets the tokens and returns to the home page. */
export function logout(request: NextRequest): Response {
  if (!isSameOriginPost(request)) {
    return NextResponse.json(
      { code: 'FORBIDDEN', message: 'Log out from the app itself: cross-site requests are refused.' },
      { status: 403 },
    );
  }
  const response = NextResponse.redirect(new URL('/', request.url), 303);
  response.cookies.delete(sessionCookie.deletion);
  return response;
}
