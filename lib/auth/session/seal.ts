import 'server-only';

import { createHash } from 'node:crypto';

import { sealData, unsealData } from 'iron-session';

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

export function createSealer(secrets: readonly string[]) {
  const [newest] = secrets;
  if (!newest) throw new Error('At least one session secret is required');
  const sealWith = { [passwordId(newest)]: newest };
  const unsealWith = Object.fromEntries(secrets.map((secret) => [passwordId(secret), secret]));
  return {
    seal: (data: object, ttlSeconds: number) => sealData(data, { password: sealWith, ttl: ttlSeconds }),
    /** Returns null for a tampered, expired or foreign seal. */
    unseal: async (seal: string, ttlSeconds: number): Promise<unknown> => {
      try {
        const data = await unsealData<Record<string, unknown>>(seal, { password: unsealWith, ttl: ttlSeconds });
        // iron-session answers an unreadable seal with an empty object.
        return Object.keys(data).length === 0 ? null : data;
      } catch {
        return null;
      }
    },
  };
}
