import { NextResponse, type NextRequest } from 'next/server';

import { renewSessionCookie } from '@/lib/auth/proxy-refresh';

/**
 * Keeps the Nomos access token fresh before any page that calls Nomos
 * renders. Server components cannot write cookies; the proxy can, and a
 * cookie it sets is visible to the same request's server components, so a
 * page rendered right after a refresh already uses the new token.
 */
export async function proxy(request: NextRequest) {
  return (await renewSessionCookie(request)) ?? NextResponse.next();
}

export const config = {
  // Every route that calls Nomos with the session's token belongs here.
  matcher: ['/dashboard/:path*'],
};
