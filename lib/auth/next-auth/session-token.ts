import 'server-only';

import { decode, encode } from '@auth/core/jwt';

import { now as appNow } from '@/lib/clock';
import { config } from '@/lib/config';

import { nextAuthSessionCookie } from '@/lib/auth/session/cookies';
import type { SessionCookie } from '@/lib/auth/session/session-cookie';
import { isSessionOver, remainingSeconds, sessionDataSchema, type SessionData } from '@/lib/auth/session/session-data';

export const NEXT_AUTH_BASE_PATH = '/api/auth';

const { name, options } = nextAuthSessionCookie;

/**
 * The Auth.js session cookie of the next-auth style, read and written with
 * Auth.js's own `decode`/`encode` (JWE, keyed by `SESSION_SECRET` with the
 * cookie name as salt, exactly as Auth.js does). It has the same shape and
 * the same interface as the iron-session cookie (`lib/auth/session-cookie.ts`),
 * so the proxy's refresh, `getConnection()` and logout are the same code for
 * both styles.
 *
 * Auth.js splits a cookie over 4 KB into chunks (`name.0`, `name.1`); the
 * session stays well under that (a realistic RS256 access token gives about
 * 2.0 KB, measured in session-cookie.test.ts), so only the whole cookie is read.
 */
export const nextAuthCookie = {
  name,
  options,
  deletion: { name, path: '/', secure: options.secure },
  /** Encodes the session for its remaining time; set the cookie with the returned options. */
  async seal(session: SessionData, now = appNow()) {
    const maxAge = remainingSeconds(session, config.session, now);
    const value = await encode({
      // The session already carries Auth.js's claims (sub, name, email): they survive every refresh.
      token: session,
      secret: config.sessionSecrets,
      salt: name,
      maxAge,
    });
    return { value, options: { ...options, maxAge } };
  },
  /** The session, or null when there is none, it cannot be read, or it is over. */
  async unseal(value: string | undefined, now = appNow()): Promise<SessionData | null> {
    if (!value) return null;
    let token: unknown;
    try {
      token = await decode({ token: value, secret: config.sessionSecrets, salt: name });
    } catch {
      return null;
    }
    const parsed = sessionDataSchema.safeParse(token);
    if (!parsed.success || isSessionOver(parsed.data, config.session, now)) return null;
    return parsed.data;
  },
} satisfies SessionCookie;
