import { z } from 'zod';

/**
 * What a connected session holds, in either integration style: the
 * iron-session cookie and the Auth.js session token carry the same fields.
 */
export const sessionDataSchema = z
  .object({
    /** Random id of this connection: keys the refresh coordination, the price cache and the revocation list. */
    grantId: z.string().min(16),
    accessToken: z.string().min(1),
    refreshToken: z.string().min(1),
    expiresAt: z.number().int(),
    obtainedAt: z.number().int(),
    scope: z.string(),
    /** How many refreshes came before these tokens: tells an older cookie from the newest (see refresh-coordinator.ts). */
    generation: z.number().int().min(0).default(0),
    connectedAt: z.number().int(),
    /** Moved by the proxy on visits (see session-lifetime.ts); the idle timeout counts from it. */
    lastSeenAt: z.number().int().optional(),
    /** The next-auth style: who signed in (Auth.js's standard claims), kept across refreshes. */
    sub: z.string().optional(),
    name: z.string().nullish(),
    email: z.string().nullish(),
  })
  // Cookies sealed before `lastSeenAt` existed: their last refresh is the
  // latest visit they can prove, so nobody is logged out by the upgrade.
  .transform(({ lastSeenAt, ...session }) => ({ ...session, lastSeenAt: lastSeenAt ?? session.obtainedAt }));

export type SessionData = z.infer<typeof sessionDataSchema>;
