import 'server-only';

import { NextResponse, type NextRequest } from 'next/server';

import { config } from '@/lib/config';

import { isSameOriginPost } from '@/lib/security/same-origin';

import { endSession, type SessionCleanup } from './end-session';
import { sessionCookie } from '@/lib/auth/session/session-cookie';

/** Where a logout goes when this browser is logged out but the server could not record it. */
export const LOGOUT_INCOMPLETE_PATH = '/?logout=incomplete';
/** Where a logout goes when the server keeps the grant for alerts: the home page says they continue. */
export const LOGOUT_ALERTS_CONTINUE_PATH = '/?logout=alerts-continue';

/**
 * `POST /auth/logout`: ends the session on the server (see `endSession`)
 * and deletes the cookie. The cookie goes whatever happens on the server:
 * this browser is logged out in any case; when the server could not record
 * the logout, the home page says so instead of pretending.
 */
export async function logout(request: NextRequest, cleanups: readonly SessionCleanup[] = []): Promise<Response> {
  if (!isSameOriginPost(request)) {
    return NextResponse.json(
      { code: 'FORBIDDEN', message: 'Log out from the app itself: cross-site requests are refused.' },
      { status: 403 },
    );
  }
  const session = await sessionCookie.unseal(request.cookies.get(sessionCookie.name)?.value);
  const { recorded, alertsContinue } = session
    ? await endSession(session, cleanups)
    : { recorded: true, alertsContinue: false };
  const path = !recorded ? LOGOUT_INCOMPLETE_PATH : alertsContinue ? LOGOUT_ALERTS_CONTINUE_PATH : '/';
  const response = NextResponse.redirect(new URL(path, config.appUrl), 303);
  response.cookies.delete(sessionCookie.deletion);
  return response;
}
