import 'server-only';

import { createHash } from 'node:crypto';

import { sealData, unsealData } from 'iron-session';
import { z } from 'zod';

import { config } from '@/lib/config';

/**
 * iron-session seals with the password of the highest numeric id and
 * unseals with the id stored in the seal. Ids derived from the secrets
 * themselves stay stable when an old secret is dropped from the list, so
 * `SESSION_SECRET=new,old` rotates without logging anyone out, and later
 * `SESSION_SECRET=new` keeps every session sealed with `new`.
 */
function passwordId(secret: string): number {
  return Number.parseInt(createHash('sha256').update(secret).digest('hex').slice(0, 8), 16);
}

/** Seals values with `SESSION_SECRET` before they reach a cookie or the store; unseals to null what it cannot read. */
export type Sealer = {
  seal: (data: object, ttlSeconds: number) => Promise<string>;
  unseal: (seal: string, ttlSeconds: number) => Promise<unknown>;
};

/** iron's `timestampSkewSec`: a seal opens up to a minute past its expiration. */
const EXPIRATION_SKEW_MS = 60_000;

export function createSealer(secrets: readonly string[], { kept = 1000 } = {}): Sealer {
  const [newest] = secrets;
  if (!newest) throw new Error('At least one session secret is required');
  const sealWith = { [passwordId(newest)]: newest };
  const unsealWith = Object.fromEntries(secrets.map((secret) => [passwordId(secret), secret]));
  /**
   * Cookies (seals under 4 KB) this sealer opened lately, `kept` at most. A
   * protected page opens the session twice per request (proxy, then page),
   * each a key derivation, an HMAC and a decryption; the same text under the
   * same secrets always opens to the same value. Expiration is checked as
   * iron does (on `Date.now()`), callers get their own copy, and a seal that
   * failed is not kept.
   */
  const opened = new Map<string, { data: Record<string, unknown>; expiresAt: number }>();
  const remembered = (seal: string) => {
    const known = opened.get(seal);
    if (!known) return undefined;
    opened.delete(seal);
    if (known.expiresAt <= Date.now() - EXPIRATION_SKEW_MS) return null;
    opened.set(seal, known); // Most recently used last, so the oldest goes first.
    return structuredClone(known.data);
  };
  const remember = (seal: string, data: Record<string, unknown>) => {
    if (seal.length > 4096) return;
    // iron writes the expiration (ms) as the sixth part: `Fe26.2*id*salt*iv*data*expiration*…`.
    const expiresAt = Number(seal.split('*')[5] || Infinity);
    if (Number.isNaN(expiresAt)) return;
    opened.set(seal, { data: structuredClone(data), expiresAt });
    const oldest = opened.keys().next().value;
    if (opened.size > kept && oldest !== undefined) opened.delete(oldest);
  };
  return {
    seal: (data: object, ttlSeconds: number) => sealData(data, { password: sealWith, ttl: ttlSeconds }),
    /** Returns null for a tampered, expired or foreign seal. */
    unseal: async (seal: string, ttlSeconds: number): Promise<unknown> => {
      const known = remembered(seal);
      if (known !== undefined) return known;
      try {
        const data = await unsealData<Record<string, unknown>>(seal, { password: unsealWith, ttl: ttlSeconds });
        // iron-session answers an unreadable seal with an empty object.
        if (Object.keys(data).length === 0) return null;
        remember(seal, data);
        return data;
      } catch {
        return null;
      }
    },
  };
}

/** Seals every cookie and store value of the app with `SESSION_SECRET`. */
export const sealer = createSealer(config.sessionSecrets);

/** The attributes of every cookie the app sets: HttpOnly, SameSite=Lax, Secure outside loopback. */
export type CookieAttributes = { httpOnly: true; sameSite: 'lax'; secure: boolean; path: string };

const HOST_PREFIX = '__Host-';

/**
 * The name of a cookie that only this app's own HTTPS responses can set.
 * Browsers keep a `__Host-` cookie only if it is Secure, has Path=/ and no
 * Domain, so neither a sibling subdomain nor a plain-HTTP response can plant
 * or overwrite it. Plain HTTP on loopback (development, tests) cannot set
 * Secure, so the name stays plain there.
 */
export function hostCookieName(name: string, secure: boolean = config.secureCookies): string {
  return secure ? `${HOST_PREFIX}${name}` : name;
}

/**
 * A named, encrypted, HttpOnly cookie holding data of one zod schema.
 * `SameSite=Lax` lets the cookie ride along on the top-level redirect back
 * from Nomos, and keeps it off cross-site subrequests and POSTs.
 */
export function sealedCookie<T extends z.ZodType<object>>(name: string, schema: T, path: string, ttlSeconds: number) {
  if (name.startsWith(HOST_PREFIX) && (path !== '/' || !config.secureCookies)) {
    throw new Error(`${name}: a __Host- cookie must be Secure with Path=/, or browsers drop it`);
  }
  const options: CookieAttributes & { maxAge: number } = {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    path,
    maxAge: ttlSeconds,
  };
  return {
    name,
    options,
    /**
     * What `cookies.delete()` needs: a browser replaces a prefixed cookie
     * only with a Set-Cookie that keeps its rules, Secure included.
     */
    deletion: { name, path, secure: options.secure },
    ttlSeconds,
    seal: (data: z.infer<T>) => sealer.seal(data, ttlSeconds),
    async unseal(value: string | undefined): Promise<z.infer<T> | null> {
      if (!value) return null;
      const parsed = schema.safeParse(await sealer.unseal(value, ttlSeconds));
      return parsed.success ? parsed.data : null;
    },
  };
}

/**
 * Where the next-auth style keeps its session: Auth.js's session-token
 * cookie, with the same attributes as every other session cookie here. Only
 * the name and attributes live here; reading and writing it needs Auth.js,
 * which `lib/auth/next-auth/session-token.ts` loads in that style only.
 */
export const nextAuthSessionCookie = {
  name: hostCookieName('authjs.session-token'),
  options: { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, path: '/' } satisfies CookieAttributes,
};
