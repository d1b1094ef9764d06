import 'server-only';

import { nomosRetryPolicy } from '@/lib/nomos/http';
import { getSharedStore } from '@/lib/store';

import { sealer } from './cookies';
import { redeemRefreshToken } from './oauth';
import { RefreshCoordinator } from './refresh-coordinator';
import type { SessionData } from './session-cookie';

/**
 * The lock's lease outlasts the whole token call: every attempt's time
 * limit, the waits between attempts, and a margin. A winner that crashed
 * blocks its grant's refresh for at most this long.
 */
const leaseMs =
  nomosRetryPolicy.timeoutMs * (nomosRetryPolicy.retries + 1) +
  nomosRetryPolicy.maxDelayMs * nomosRetryPolicy.retries +
  5_000;

// One coordinator per server process, on globalThis so that every Next.js
// bundle (the proxy, the routes) shares it; the store it coordinates
// through is shared by every instance when REDIS_URL is set.
const key = Symbol.for('nomos-hems.refresh-coordinator');
const globalStore = globalThis as typeof globalThis & { [key]?: RefreshCoordinator };

export function getRefreshCoordinator(): RefreshCoordinator {
  return (globalStore[key] ??= new RefreshCoordinator({
    redeem: redeemRefreshToken,
    store: getSharedStore(),
    sealer,
    leaseMs,
  }));
}

/**
 * Returns the session with a fresh access token, refreshing it through the
 * coordinator (never presenting a refresh token twice, on any instance).
 * This is the only place in the app that refreshes; it runs in `proxy.ts`,
 * where the rotated tokens can be written to the cookie before any page
 * renders. Throws a `NomosError` of kind `connection-ended` or `unavailable`.
 */
export async function refreshSession(session: SessionData): Promise<SessionData> {
  const tokens = await getRefreshCoordinator().refresh(session.refreshToken);
  return { ...session, ...tokens };
}
