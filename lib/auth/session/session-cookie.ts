import 'server-only';

import { now as appNow } from '@/lib/clock';
import { config } from '@/lib/config';

import { hostCookieName, nextAuthSessionCookie, sealedCookie, sealer, type CookieAttributes } from './cookies';
import {
  isSessionOver,
  remainingSeconds,
  sessionDataSchema,
  type SessionData,
  type SessionLimits,
} from './session-data';

export { sessionDataSchema, type SessionData } from './session-data';

export const sessionLimits: SessionLimits = config.session;

/** What both integration styles' session cookies offer. */
export type SessionCookie = {
  name: string;
  options: CookieAttributes;
  /** Deletes the cookie: a `__Host-` cookie is only deleted by a Secure Set-Cookie. */
  deletion: { name: string; path: string; secure: boolean };
  /** Seals the session for its remaining time; set the cookie with the returned options. */
  seal(session: SessionData, now?: number): Promise<{ value: string; options: CookieAttributes & { maxAge: number } }>;
  /** The session, or null when there is none, it cannot be read, or it is over. */
  unseal(value: string | undefined, now?: number): Promise<SessionData | null>;
};

const cookie = sealedCookie(hostCookieName('nomos_session'), sessionDataSchema, '/', sessionLimits.maxAgeSeconds);

/**
 * The session cookie. A session ends at its absolute lifetime (counted from
 * `connectedAt`, which refreshes never move) or after its idle timeout,
 * whichever comes first: every seal, and the cookie's Max-Age, cover only
 * what is left of it, so neither a refresh nor a visit ever extends a
 * session past its absolute lifetime, and a copied cookie is worthless
 * after that time even to someone who sets it by hand.
 */
export const ironSessionCookie = {
  name: cookie.name,
  /** For deleting the cookie; one that is set takes its options from `seal`. */
  options: cookie.options,
  /** Deletes the cookie: a `__Host-` cookie is only deleted by a Secure Set-Cookie. */
  deletion: cookie.deletion,
  /** Seals the session for its remaining time; set the cookie with the returned options. */
  async seal(session: SessionData, now = appNow()) {
    const ttlSeconds = remainingSeconds(session, sessionLimits, now);
    return { value: await sealer.seal(session, ttlSeconds), options: { ...cookie.options, maxAge: ttlSeconds } };
  },
  /** The session, or null when there is none, it cannot be read, or it is over. */
  async unseal(value: string | undefined, now = appNow()): Promise<SessionData | null> {
    const session = await cookie.unseal(value);
    return session && !isSessionOver(session, sessionLimits, now) ? session : null;
  },
};

/**
 * The Auth.js session token of the next-auth style, with the same interface.
 * Auth.js (its JWE `encode`/`decode`) is loaded on first use, so the
 * iron-session style never loads it.
 */
const nextAuthSessionToken: SessionCookie = {
  ...nextAuthSessionCookie,
  deletion: { name: nextAuthSessionCookie.name, path: '/', secure: nextAuthSessionCookie.options.secure },
  seal: async (session, now) => (await import('@/lib/auth/next-auth/session-token')).nextAuthCookie.seal(session, now),
  unseal: async (value, now) => (await import('@/lib/auth/next-auth/session-token')).nextAuthCookie.unseal(value, now),
};

/**
 * The session cookie of the integration style in use (`NOMOS_AUTH`): the
 * iron-session seal, or Auth.js's session token. Both have this interface,
 * so the proxy's refresh, `getConnection()` and logout are written once.
 */
export const sessionCookie: SessionCookie = config.authStyle === 'next-auth' ? nextAuthSessionToken : ironSessionCookie;
