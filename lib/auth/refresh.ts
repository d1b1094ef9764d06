import 'server-only';

import { redeemRefreshToken } from './oauth';
import { RefreshCoordinator } from './refresh-coordinator';
import type { SessionData } from './session-cookie';

// One coordinator per server process. Next.js bundles the proxy and the
// routes separately, so keep it on globalThis: every bundle shares it.
const key = Symbol.for('nomos-hems.refresh-coordinator');
const globalStore = globalThis as typeof globalThis & { [key]?: RefreshCoordinator };
const coordinator = (globalStore[key] ??= new RefreshCoordinator(redeemRefreshToken));

/**
 * Returns the session with a fresh access token, refreshing it through the
 * coordinator (never presenting a refresh token twice). This is the only
 * place in the app that refreshes; it runs in `proxy.ts`, where the rotated
 * tokens can be written to the cookie before any page renders. Throws a
 * `NomosError` of kind `connection-ended` or `unavailable`.
 */
export async function refreshSession(session: SessionData): Promise<SessionData> {
  const tokens = await coordinator.refresh(session.refreshToken);
  return { ...session, ...tokens };
}
