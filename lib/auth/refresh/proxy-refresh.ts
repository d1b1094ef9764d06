import 'server-only';

import { NextResponse, type NextRequest } from 'next/server';

import { now as appNow } from '@/lib/clock';
import { config } from '@/lib/config';
import { NomosError } from '@/lib/nomos/errors';

import { catchUp, refreshSession } from './refresh';
import { needsRefresh } from './refresh-coordinator';
import { REFRESH_FAILURE_HEADER, encodeRefreshFailure } from './refresh';
import { getRevocationList } from '@/lib/auth/logout/revocation';
import { sessionCookie, sessionLimits, type SessionData } from '@/lib/auth/session/session-cookie';
import { revocationIds, shouldTouch } from '@/lib/auth/session/session-data';

const CONNECTION_ENDED_PATH = '/?connection=ended';

export function connectionEnded(): NextResponse {
  const response = NextResponse.redirect(new URL(CONNECTION_ENDED_PATH, config.appUrl));
  response.cookies.delete(sessionCookie.deletion);
  return response;
}

/**
 * A last look before a cookie leaves: a logout recorded while this request
 * refreshed (or waited for the chain) gets no new cookie after it, but a
 * deletion. Only a response built before the logout was recorded can still
 * carry one, and every request with that cookie is refused.
 */
export const isLoggedOut = async (session: SessionData) =>
  (await getRevocationList().status(...revocationIds(session))) === 'revoked';

/** Seals `session` onto the response `build` makes (given the sealed value), after that last look. */
export async function sealOnto(session: SessionData, now: number, build: (value: string) => NextResponse) {
  const { value, options } = await sessionCookie.seal(session, now);
  if (await isLoggedOut(session)) return connectionEnded();
  const response = build(value);
  response.cookies.set(sessionCookie.name, value, options);
  return response;
}

/** Sets the re-sealed session for this request's server components and for the browser. */
function reseal(request: NextRequest, session: SessionData, now: number): Promise<NextResponse> {
  return sealOnto(session, now, (value) => {
    request.cookies.set(sessionCookie.name, value);
    return NextResponse.next({ request: { headers: request.headers } });
  });
}

/**
 * Checks the session of a request and renews its cookie: refuses a session
 * that was logged out, brings a cookie that fell behind up to the newest
 * generation of its grant, refreshes an access token about to expire, and
 * records the visit for the idle timeout now and then (see
 * session-data.ts). Returns null when nothing needs to change. A
 * session past its lifetime unseals as none: the page asks to connect.
 */
export async function renewSessionCookie(request: NextRequest): Promise<NextResponse | null> {
  // Only this proxy may say that a refresh failed.
  request.headers.delete(REFRESH_FAILURE_HEADER);
  const now = appNow();
  const session = await sessionCookie.unseal(request.cookies.get(sessionCookie.name)?.value, now);
  if (!session) return null;

  // Before anything else: a copy of a logged-out session never gets new
  // tokens, neither from Nomos nor from the grant's chain.
  const revocation = await getRevocationList().status(...revocationIds(session));
  if (revocation === 'revoked') return connectionEnded();

  if (!needsRefresh(session, now)) {
    // A cookie that fell behind is brought forward (only when the revocation
    // list answered); an unreadable chain costs nothing while the token is valid.
    const newest = revocation === 'active' ? await catchUp(session).catch(() => null) : null;
    if (newest) return reseal(request, { ...newest, lastSeenAt: now }, now);
    return shouldTouch(session, sessionLimits, now) ? reseal(request, { ...session, lastSeenAt: now }, now) : null;
  }

  try {
    return await reseal(request, { ...(await refreshSession(session)), lastSeenAt: now }, now);
  } catch (error) {
    if (error instanceof NomosError && error.kind === 'connection-ended') return connectionEnded();
    tellThePage(request, error);
    return NextResponse.next({ request: { headers: request.headers } });
  }
}

/** Nomos is unavailable, or answered with something unusable: keep the session, let the page explain. */
export function tellThePage(request: NextRequest, error: unknown) {
  const failure = error instanceof NomosError ? error : undefined;
  request.headers.set(
    REFRESH_FAILURE_HEADER,
    encodeRefreshFailure({
      kind: failure?.kind === 'rejected' ? 'rejected' : 'unavailable',
      message: failure?.message ?? 'Renewing your Nomos connection failed',
      requestId: failure?.requestId,
      code: failure?.details.code,
    }),
  );
  if (!failure) console.error('Unexpected error while refreshing the Nomos session', error);
}
