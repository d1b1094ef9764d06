import 'server-only';

import { revokeRefreshToken } from './revoke-grant';
import { getRefreshCoordinator } from '@/lib/auth/refresh/refresh';
import { getRevocationList } from './revocation';
import type { SessionData } from '@/lib/auth/session/session-cookie';

/**
 * What else a logout clears for the connection, given its `grantId`: the
 * features' caches (prices, usage). The route wires them in, so that auth
 * never imports the features that build on it.
 */
export type SessionCleanup = (grantId: string) => Promise<void>;

/**
 * Ends a session on the server, not only in this browser: records its
 * grant as logged out (so no copy of the cookie is accepted or refreshed
 * again), drops the grant's token chain (which the revocation list already
 * keeps from every copy), runs the features' `cleanups` (cached prices and usage), and revokes the grant at
 * Nomos when Nomos offers RFC 7009 revocation. Only the first step decides
 * the result: the others are clean-up, logged when they fail.
 *
 * Resolves `false` when the logout could not be recorded (the store is
 * unreachable): the caller must tell the person.
 */
export async function endSession(session: SessionData, cleanups: readonly SessionCleanup[] = []): Promise<boolean> {
  const [recorded, forgotten, cleared, atNomos] = await Promise.allSettled([
    getRevocationList().revoke(session.grantId),
    getRefreshCoordinator().forget(session.grantId),
    Promise.all(cleanups.map((cleanup) => cleanup(session.grantId))),
    revokeRefreshToken(session.refreshToken),
  ]);
  if (recorded.status === 'rejected') {
    console.error('[logout] the logout could not be recorded; copies of this session stay valid', recorded.reason);
  }
  if (forgotten.status === 'rejected')
    console.error('[logout] the grant’s token chain could not be forgotten', forgotten.reason);
  if (cleared.status === 'rejected') console.error('[logout] cached data could not be cleared', cleared.reason);
  if (atNomos.status === 'rejected') console.error('[logout] revoking the grant at Nomos failed', atNomos.reason);
  return recorded.status === 'fulfilled';
}
