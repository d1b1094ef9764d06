import 'server-only';

import { cookies, headers } from 'next/headers';
import { cache } from 'react';

import { now } from '@/lib/clock';
import { NomosError } from '@/lib/nomos/errors';

import { getRevocationList } from '@/lib/auth/logout/revocation';
import { REFRESH_FAILURE_HEADER, decodeRefreshFailure } from '@/lib/auth/refresh/refresh';
import { sessionCookie, type SessionData } from './session-cookie';
import { revocationIds } from './session-data';

/**
 * The current session, or null when no Nomos account is connected: no
 * cookie, one past its lifetime, or one of a session that was logged out
 * (checked here too, not only in the proxy, for pages outside its matcher).
 * Cached per request.
 */
export const getSession = cache(async (): Promise<SessionData | null> => {
  const cookieStore = await cookies();
  const session = await sessionCookie.unseal(cookieStore.get(sessionCookie.name)?.value);
  if (!session) return null;
  return (await getRevocationList().shouldRefuse(...revocationIds(session))) ? null : session;
});

export type Connection = {
  grantId: string;
  accessToken: string;
  /** Epoch ms (app clock) when the access token was obtained: a token Nomos refuses is renewed only when it is not fresh. */
  obtainedAt: number;
};

/**
 * The data-access layer's auth check: the connection of this request with a
 * valid access token, or null when no account is connected (or the session
 * was logged out or is over, see `getSession`). `proxy.ts` has
 * already refreshed the token for this request; server components cannot
 * write cookies, so they never refresh themselves. Throws `NomosError` when
 * the refresh failed because Nomos was unavailable.
 */
export const getConnection = cache(async (): Promise<Connection | null> => {
  const session = await getSession();
  if (!session) return null;
  const failure = decodeRefreshFailure((await headers()).get(REFRESH_FAILURE_HEADER));
  if (failure && session.expiresAt <= now()) {
    throw new NomosError(failure.kind, failure.message, { requestId: failure.requestId, code: failure.code });
  }
  return { grantId: session.grantId, accessToken: session.accessToken, obtainedAt: session.obtainedAt };
});
