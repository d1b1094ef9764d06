import 'server-only';

import { NextResponse, type NextRequest } from 'next/server';

import { now as appNow } from '@/lib/clock';
import { config } from '@/lib/config';
import { NomosError } from '@/lib/nomos/errors';

import { sessionCookie } from '@/lib/auth/session/session-cookie';
import { returnToUrl } from '@/lib/auth/sign-in/return-to';
import { connectionEnded, isLoggedOut, sealOnto, tellThePage } from './proxy-refresh';
import { REFRESH_FAILURE_HEADER, refreshSession } from './refresh';
import { mayRenewRefusedToken } from './renew-path';

/**
 * When Nomos refuses an access token the app believed valid (it ended
 * earlier than its stated lifetime, or Nomos stated none and the assumed
 * hour was too long), the page sends the browser through `RENEW_PATH`,
 * where the proxy renews the grant once, as if the token had expired, and
 * sends it back. A token obtained moments ago that Nomos refuses is not
 * stale: renewing again would not help, so the page says the connection
 * ended instead, and no request can loop between the page and the renewal.
 */

/**
 * `GET /auth/renew?returnTo=…` (`RENEW_PATH`): a page met a 401
 * from Nomos for an access token that was not fresh. Renews the grant as if
 * the token had expired, through the coordinator like every refresh (so a
 * newer generation is served rather than redeemed again), and sends the
 * browser back. When Nomos cannot renew it now, the page is shown here with
 * the failure, so nothing goes round in a loop.
 */
export async function renewRefusedToken(request: NextRequest): Promise<NextResponse> {
  request.headers.delete(REFRESH_FAILURE_HEADER);
  const back = returnToUrl(request.nextUrl.searchParams.get('returnTo'), config.appUrl);
  const now = appNow();
  const session = await sessionCookie.unseal(request.cookies.get(sessionCookie.name)?.value, now);
  if (!session) return NextResponse.redirect(back, 303);
  if (await isLoggedOut(session)) return connectionEnded();
  // Renewed moments ago (another tab, a double click): the page decides with the fresh token.
  if (!mayRenewRefusedToken(session, now)) return NextResponse.redirect(back, 303);
  const refused = { ...session, expiresAt: Math.min(session.expiresAt, now) };
  try {
    const renewed = await refreshSession(refused);
    return await sealOnto({ ...renewed, lastSeenAt: now }, now, () => NextResponse.redirect(back, 303));
  } catch (error) {
    if (error instanceof NomosError && error.kind === 'connection-ended') return connectionEnded();
    tellThePage(request, error);
    // This render only: the page reads the token as expired and shows why it could not be renewed.
    request.cookies.set(sessionCookie.name, (await sessionCookie.seal(refused, now)).value);
    return NextResponse.rewrite(back, { request: { headers: request.headers } });
  }
}
