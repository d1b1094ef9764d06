import 'server-only';

import { z } from 'zod';

import { now } from '@/lib/clock';
import { tokenRetryPolicy } from '@/lib/nomos/retry-policy';
import { processSingleton } from '@/lib/process-singleton';
import { getSharedStore } from '@/lib/store';

import { sealer } from '@/lib/auth/session/cookies';
import { RefreshCoordinator, type Generation, type GrantArchive } from './refresh-coordinator';
import { getRevocationList } from '@/lib/auth/logout/revocation';
import { sessionLimits, type SessionData } from '@/lib/auth/session/session-cookie';
import { tokensSchema } from '@/lib/auth/session/session-data';

/**
 * The lock's lease outlasts the whole token call: its time limit, the
 * waits of the retries that are allowed (only after answers that prove
 * Nomos did not process the call), and a margin. Discovery runs before the
 * lock is taken. A winner that crashed blocks its grant's refresh for at
 * most this long.
 */
const leaseMs =
  tokenRetryPolicy.timeoutMs * (tokenRetryPolicy.retries + 1) +
  tokenRetryPolicy.maxDelayMs * tokenRetryPolicy.retries +
  5_000;

/**
 * The token endpoint's client (oauth4webapi, discovery, the refresh grant),
 * loaded on the first refresh of the process: most requests only read their
 * cookie and never call Nomos from the proxy.
 */
const tokenEndpoint = () => import('@/lib/auth/oauth');

/**
 * Grants the server keeps for alerts (lib/auth/server-grant/) keep their
 * newest generation in the durable store too; loaded only for such a grant.
 */
const heldGrants = () => import('@/lib/auth/server-grant/held-grants');
const archive: GrantArchive = {
  load: async (grantId) => (await heldGrants()).heldGrantArchive.load(grantId),
  save: async (grantId, next) => (await heldGrants()).heldGrantArchive.save(grantId, next),
};

// One coordinator per server process, shared by every Next.js bundle; the
// store it coordinates through is shared by every instance when REDIS_URL is set.
export function getRefreshCoordinator(): RefreshCoordinator {
  return processSingleton(
    'refresh-coordinator',
    () =>
      new RefreshCoordinator({
        redeem: async (refreshToken, scope) => (await tokenEndpoint()).redeemRefreshToken(refreshToken, scope),
        store: getSharedStore(),
        sealer,
        isRevoked: (grantId) => getRevocationList().isRevoked(grantId),
        archive,
        leaseMs,
        // A waiter gives up a little after a slow Nomos would have answered.
        waitTimeoutMs: tokenRetryPolicy.timeoutMs + 5_000,
        now,
      }),
  );
}

// The session's tokens, and nothing else of it, go to the coordinator and the store.
const generationOf = (session: SessionData): Generation => ({
  generation: session.generation,
  tokens: tokensSchema.parse(session),
});

const withGeneration = (session: SessionData, { generation, tokens }: Generation): SessionData => ({
  ...session,
  ...tokens,
  generation,
});

/** How long a cookie of this session can live: the grant's chain is kept that long. */
const keepMs = (session: SessionData) =>
  Math.max(1_000, session.connectedAt + sessionLimits.maxAgeSeconds * 1000 - now());

/**
 * Returns the session with a fresh access token, refreshing it through the
 * coordinator: never presenting a refresh token twice, on any instance, for
 * as long as any cookie of the session can live. This is the only place in
 * the app that refreshes; it runs in `proxy.ts`, where the rotated tokens
 * can be written to the cookie before any page renders. Throws a
 * `NomosError` of kind `connection-ended` or `unavailable`.
 */
export async function refreshSession(session: SessionData): Promise<SessionData> {
  // Anything slow that is not the token call happens before the lock.
  await (await tokenEndpoint()).getAuthorizationServer();
  return withGeneration(
    session,
    await getRefreshCoordinator().renew(session.grantId, generationOf(session), keepMs(session), {
      archived: session.held,
    }),
  );
}

/**
 * The session with the newest generation of its grant, when this cookie
 * fell behind (a response carrying the newer cookie never reached the
 * browser, or a slower one overwrote it); null when it is the newest. Call
 * only after the revocation list was asked, strictly.
 */
export async function catchUp(session: SessionData): Promise<SessionData | null> {
  const newer = await getRefreshCoordinator().newer(session.grantId, session.generation, { archived: session.held });
  return newer ? withGeneration(session, newer) : null;
}

/**
 * When the proxy cannot refresh because Nomos is unavailable, it keeps the
 * session and tells the page through this request header, so the page can
 * show the Nomos `requestId`. The proxy strips any incoming copy first.
 */
export const REFRESH_FAILURE_HEADER = 'x-nomos-refresh-failure';

const refreshFailureSchema = z.object({
  /** `unavailable` (Nomos did not answer usefully) or `rejected` (it answered with something this app cannot use). */
  kind: z.enum(['unavailable', 'rejected']).catch('unavailable'),
  message: z.string(),
  requestId: z.string().optional().catch(undefined),
  code: z.string().optional().catch(undefined),
});
export type RefreshFailure = z.infer<typeof refreshFailureSchema>;

export function encodeRefreshFailure(failure: RefreshFailure): string {
  return encodeURIComponent(JSON.stringify(failure));
}

export function decodeRefreshFailure(value: string | null): RefreshFailure | null {
  if (!value) return null;
  try {
    const parsed = refreshFailureSchema.safeParse(JSON.parse(decodeURIComponent(value)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
