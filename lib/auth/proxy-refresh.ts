import 'server-only';

import { NextResponse, type NextRequest } from 'next/server';

import { NomosError } from '@/lib/nomos/errors';

import { needsRefresh } from './refresh-coordinator';
import { REFRESH_FAILURE_HEADER, encodeRefreshFailure } from './refresh-failure';
import { refreshSession } from './refresh';
import { sessionCookie } from './session-cookie';

const CONNECTION_ENDED_PATH = '/?connection=ended';

/**
 * Renews the session cookie of a request when its access token is about to
 * expire. Returns null when nothing needs to change.
 */
export async function renewSessionCookie(request: NextRequest): Promise<NextResponse | null> {
  // Only this proxy may say that a refresh failed.
  request.headers.delete(REFRESH_FAILURE_HEADER);
  const session = await sessionCookie.unseal(request.cookies.get(sessionCookie.name)?.value);
  if (!session || !needsRefresh(session)) return null;

  try {
    const renewed = await refreshSession(session);
    const sealed = await sessionCookie.seal(renewed);
    // Visible to this request's server components...
    request.cookies.set(sessionCookie.name, sealed);
    const response = NextResponse.next({ request: { headers: request.headers } });
    // ...and stored by the browser for the next requests.
    response.cookies.set(sessionCookie.name, sealed, sessionCookie.options);
    return response;
  } catch (error) {
    if (error instanceof NomosError && error.kind === 'connection-ended') {
      const response = NextResponse.redirect(new URL(CONNECTION_ENDED_PATH, request.url));
      response.cookies.delete(sessionCookie.deletion);
      return response;
    }
    // Nomos is unavailable: keep the session, let the page explain.
    const failure = error instanceof NomosError ? error : undefined;
    request.headers.set(
      REFRESH_FAILURE_HEADER,
      encodeRefreshFailure({
        message: failure?.message ?? 'Renewing your Nomos connection failed',
        requestId: failure?.requestId,
        code: failure?.details.code,
      }),
    );
    if (!failure) console.error('Unexpected error while refreshing the Nomos session', error);
    return NextResponse.next({ request: { headers: request.headers } });
  }
}
