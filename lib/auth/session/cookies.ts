import 'server-only';

import { z } from 'zod';

import { config } from '@/lib/config';

import { createSealer } from './seal';

export const sealer = createSealer(config.sessionSecrets);

type CookieOptions = {
  httpOnly: true;
  sameSite: 'lax';
  secure: boolean;
  path: string;
  maxAge: number;
};

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
  const options: CookieOptions = {
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
  options: { httpOnly: true as const, sameSite: 'lax' as const, secure: config.secureCookies, path: '/' },
};
