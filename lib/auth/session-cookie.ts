import 'server-only';

import { z } from 'zod';

import { config } from '@/lib/config';

import { sealedCookie, sealer } from './cookies';
import { isSessionOver, remainingSeconds, type SessionLimits } from './session-lifetime';

export const sessionDataSchema = z
  .object({
    /** Random id of this connection: keys the refresh coordination, the price cache and the revocation list. */
    grantId: z.string().min(16),
    accessToken: z.string().min(1),
    refreshToken: z.string().min(1),
    expiresAt: z.number().int(),
    obtainedAt: z.number().int(),
    scope: z.string(),
    connectedAt: z.number().int(),
    /** Moved by the proxy on visits (see session-lifetime.ts); the idle timeout counts from it. */
    lastSeenAt: z.number().int().optional(),
  })
  // Cookies sealed before `lastSeenAt` existed: their last refresh is the
  // latest visit they can prove, so nobody is logged out by the upgrade.
  .transform(({ lastSeenAt, ...session }) => ({ ...session, lastSeenAt: lastSeenAt ?? session.obtainedAt }));

export type SessionData = z.infer<typeof sessionDataSchema>;

export const sessionLimits: SessionLimits = config.session;

const cookie = sealedCookie('nomos_session', sessionDataSchema, '/', sessionLimits.maxAgeSeconds);

/**
 * The session cookie. A session ends at its absolute lifetime (counted from
 * `connectedAt`, which refreshes never move) or after its idle timeout,
 * whichever comes first: every seal, and the cookie's Max-Age, cover only
 * what is left of it, so neither a refresh nor a visit ever extends a
 * session past its absolute lifetime, and a copied cookie is worthless
 * after that time even to someone who sets it by hand.
 */
export const sessionCookie = {
  name: cookie.name,
  /** For deleting the cookie; one that is set takes its options from `seal`. */
  options: cookie.options,
  /** Seals the session for its remaining time; set the cookie with the returned options. */
  async seal(session: SessionData, now = Date.now()) {
    const ttlSeconds = remainingSeconds(session, sessionLimits, now);
    return { value: await sealer.seal(session, ttlSeconds), options: { ...cookie.options, maxAge: ttlSeconds } };
  },
  /** The session, or null when there is none, it cannot be read, or it is over. */
  async unseal(value: string | undefined, now = Date.now()): Promise<SessionData | null> {
    const session = await cookie.unseal(value);
    return session && !isSessionOver(session, sessionLimits, now) ? session : null;
  },
};
