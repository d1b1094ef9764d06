import { z } from 'zod';

/**
 * The tokens of one generation of a grant, as every part of the app holds
 * them: the token endpoint's answer (`oauth.ts`), the grant's chain in the
 * store (`refresh-coordinator.ts`) and the session cookie of either style.
 */
export const tokensSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  /** Epoch ms (app clock) when the access token expires: stated by Nomos, or assumed (see oauth.ts). */
  expiresAt: z.number().int(),
  /** Epoch ms when it was obtained; with expiresAt, gives its lifetime. */
  obtainedAt: z.number().int(),
  scope: z.string(),
});

export type Tokens = z.infer<typeof tokensSchema>;

/**
 * What a connected session holds, in either integration style: the
 * iron-session cookie and the Auth.js session token carry the same fields.
 */
export const sessionDataSchema = tokensSchema
  .extend({
    /** Random id of this connection's grant: keys the refresh coordination and the price cache. */
    grantId: z.string().min(16),
    /**
     * Random id of this browser's session: keys its logout in the revocation
     * list, so that logging out of a grant the server keeps for alerts ends
     * this browser's session and nothing else. Cookies sealed before it
     * existed use their grant id (see `sessionKey`).
     */
    sessionId: z.string().min(16).optional(),
    /** The server keeps this grant for alerts (lib/server-grant/): its refreshes are kept there too. */
    held: z.boolean().optional(),
    /** How many refreshes came before these tokens: tells an older cookie from the newest (see refresh-coordinator.ts). */
    generation: z.number().int().min(0).default(0),
    connectedAt: z.number().int(),
    /** Moved by the proxy on visits (see `shouldTouch` below); the idle timeout counts from it. */
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

/**
 * A new connection's session from the tokens of its sign-in, in either
 * style: a fresh random grant id, generation 0, connected and seen `now`.
 */
export function newSession(tokens: Tokens, now: number): SessionData {
  return { ...tokens, grantId: randomId(), sessionId: randomId(), generation: 0, connectedAt: now, lastSeenAt: now };
}

/** 128 random bits, base64url: a grant's or a browser session's id. */
export const randomId = () => Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64url');

/** What the revocation list records when this browser's session is logged out. */
export const sessionKey = (session: Pick<SessionData, 'grantId' | 'sessionId'>) => session.sessionId ?? session.grantId;

/** What the revocation list is asked for a cookie: its session logged out, or its grant ended. */
export const revocationIds = (session: Pick<SessionData, 'grantId' | 'sessionId'>) => [
  sessionKey(session),
  session.grantId,
];

// How long a session lives: its absolute lifetime and its idle timeout.

/** How long a session may live: `SESSION_MAX_AGE_SECONDS` and `SESSION_IDLE_TIMEOUT_SECONDS`. */
export type SessionLimits = { maxAgeSeconds: number; idleTimeoutSeconds: number };

export type SessionTimes = {
  /** Epoch ms of the sign-in; a refresh never moves it. */
  connectedAt: number;
  /** Epoch ms of the last time the proxy re-sealed the cookie on a visit. */
  lastSeenAt: number;
};

/**
 * Writing the cookie on every request would re-encrypt it and send 1.7 KB
 * back each time, so `lastSeenAt` is moved only once it is older than a
 * tenth of the idle timeout, and at least hourly. The idle timeout
 * therefore counts from at most an hour (or a tenth of it) before the
 * last visit: a session can end that much earlier than the full idle time.
 */
const TOUCH_AT_MOST_EVERY_MS = 60 * 60 * 1000;

export function touchIntervalMs(limits: SessionLimits): number {
  return Math.min(TOUCH_AT_MOST_EVERY_MS, (limits.idleTimeoutSeconds * 1000) / 10);
}

/** Epoch ms at which the session ends: its absolute lifetime or its idle timeout, whichever comes first. */
export function sessionEndsAt(session: SessionTimes, limits: SessionLimits): number {
  return Math.min(
    session.connectedAt + limits.maxAgeSeconds * 1000,
    session.lastSeenAt + limits.idleTimeoutSeconds * 1000,
  );
}

export function isSessionOver(session: SessionTimes, limits: SessionLimits, now: number): boolean {
  return sessionEndsAt(session, limits) <= now;
}

/**
 * The Max-Age of a cookie sealed now, and the lifetime of its seal: only
 * what is left of the session, never a fresh full lifetime. At least one
 * second, because iron-session reads a TTL of 0 as "never expires"; callers
 * do not seal sessions that are over.
 */
export function remainingSeconds(session: SessionTimes, limits: SessionLimits, now: number): number {
  return Math.max(1, Math.floor((sessionEndsAt(session, limits) - now) / 1000));
}

/** True when a visit should move `lastSeenAt` (and so write the cookie), though nothing else changed. */
export function shouldTouch(session: SessionTimes, limits: SessionLimits, now: number): boolean {
  return now - session.lastSeenAt >= touchIntervalMs(limits);
}
