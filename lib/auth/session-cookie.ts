import 'server-only';

import { z } from 'zod';

import { hostCookieName, sealedCookie } from './cookies';

export const sessionDataSchema = z.object({
  /** Random id of this connection: keys the refresh coordination and the price cache. */
  grantId: z.string().min(16),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  expiresAt: z.number().int(),
  obtainedAt: z.number().int(),
  scope: z.string(),
  connectedAt: z.number().int(),
});

export type SessionData = z.infer<typeof sessionDataSchema>;

/**
 * Nomos does not publish how long an unused refresh token lives. The
 * session slides: every refresh re-seals the cookie for another 30 days, so
 * it lasts as long as the refresh token keeps the connection alive, and a
 * dead grant is noticed at the next refresh.
 */
export const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;

export const sessionCookie = sealedCookie(
  hostCookieName('nomos_session'),
  sessionDataSchema,
  '/',
  SESSION_TTL_SECONDS,
);
