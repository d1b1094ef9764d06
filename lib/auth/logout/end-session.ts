import 'server-only';

import { revokeRefreshToken } from './revoke-grant';
import { getRefreshCoordinator } from '@/lib/auth/refresh/refresh';
import { getRevocationList } from './revocation';
import type { SessionData } from '@/lib/auth/session/session-cookie';
import { sessionKey } from '@/lib/auth/session/session-data';

/**
 * What else a logout clears for the connection, given its `grantId`: the
 * features' caches (prices, usage). The route wires them in, so that auth
 * never imports the features that build on it.
 */
export type SessionCleanup = (grantId: string) => Promise<void>;

/** What a logout achieved: whether it was recorded, and whether the server keeps the grant for alerts. */
export type LogoutOutcome = { recorded: boolean; alertsContinue: boolean };

/**
 * Ends a session on the server, not only in this browser: records it as
 * logged out (so no copy of the cookie is accepted or refreshed again) and
 * runs the features' `cleanups` (cached prices and usage).
 *
 * When the server keeps the grant for alerts (the customer turned them on),
 * that is all: the grant goes on serving the alerts and the calendar feed,
 * and the outcome says so. Otherwise the grant ends with the session: it is
 * recorded as ended too, its token chain is dropped (the revocation list
 * already keeps it from every copy), and it is revoked at Nomos when Nomos
 * offers RFC 7009 revocation. Only recording the logout decides `recorded`:
 * the other steps are clean-up, logged when they fail.
 *
 * `recorded: false` means the store is unreachable: the caller must tell the person.
 */
export async function endSession(
  session: SessionData,
  cleanups: readonly SessionCleanup[] = [],
): Promise<LogoutOutcome> {
  const alertsContinue = session.held ? await keptOnServer(session.grantId) : false;
  const sessionOnly = sessionKey(session) !== session.grantId;
  const [recorded, ...rest] = await Promise.allSettled([
    getRevocationList().revoke(sessionKey(session)),
    Promise.all(cleanups.map((cleanup) => cleanup(session.grantId))),
    ...(alertsContinue
      ? []
      : [
          sessionOnly ? getRevocationList().revoke(session.grantId) : Promise.resolve(),
          getRefreshCoordinator().forget(session.grantId),
          revokeRefreshToken(session.refreshToken),
        ]),
  ]);
  if (recorded.status === 'rejected') {
    console.error('[logout] the logout could not be recorded; copies of this session stay valid', recorded.reason);
  }
  for (const step of rest)
    if (step.status === 'rejected') console.error('[logout] a clean-up step failed', step.reason);
  return { recorded: recorded.status === 'fulfilled', alertsContinue };
}

/**
 * Whether the server keeps the grant (loaded only for a session that turned
 * alerts on). When the durable store cannot say, the grant is kept: alerts
 * go on rather than end by accident; this browser's session ends either way.
 */
async function keptOnServer(grantId: string): Promise<boolean> {
  try {
    return await (await import('@/lib/auth/server-grant/held-grants')).keptOnLogout(grantId);
  } catch (error) {
    console.error('[logout] could not tell whether alerts keep this grant; keeping it', error);
    return true;
  }
}
