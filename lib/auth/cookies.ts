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

/**
 * A named, encrypted, HttpOnly cookie holding data of one zod schema.
 * `SameSite=Lax` lets the cookie ride along on the top-level redirect back
 * from Nomos, and keeps it off cross-site subrequests and POSTs.
 */
export function sealedCookie<T extends z.ZodType<object>>(name: string, schema: T, path: string, ttlSeconds: number) {
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
    ttlSeconds,
    seal: (data: z.infer<T>) => sealer.seal(data, ttlSeconds),
    async unseal(value: string | undefined): Promise<z.infer<T> | null> {
      if (!value) return null;
      const parsed = schema.safeParse(await sealer.unseal(value, ttlSeconds));
      return parsed.success ? parsed.data : null;
    },
  };
}
