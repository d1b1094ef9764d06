import { createHash } from 'node:crypto';

/**
 * A store key from secrets or ids: SHA-256 of the parts (joined with NUL, so
 * that no two lists of parts collide), base64url. The store never holds a
 * token, a grant id or an address that could be looked up elsewhere.
 */
export const keyHash = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('base64url');
