/**
 * HTTP Basic client authentication (`client_secret_basic`), the only method
 * Nomos publishes; shared by the token and revocation endpoints.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { NomosHttpError, type RequestContext } from '../http';
import type { SandboxState } from '../state';
import type { Client } from '../store';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Compares in time independent of where the strings differ. Hashing first
 * gives both sides the same length, so the length of the secret leaks neither.
 */
export function secretMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

// Compared against when the client id is unknown, so that case takes as long as a wrong secret.
const UNKNOWN_CLIENT_SECRET = 'no-such-client';

export function authenticateClient(ctx: RequestContext, state: SandboxState): Client {
  const header = ctx.req.headers.authorization ?? '';
  const challenge = { 'www-authenticate': 'Basic realm="nomos-sandbox"' };
  const match = /^Basic\s+(.+)$/i.exec(header);
  if (!match?.[1])
    throw new NomosHttpError(
      401,
      'UNAUTHORIZED',
      'invalid_client: HTTP Basic client authentication required',
      challenge,
    );
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  // RFC 6749 §2.3.1: id and secret are form-urlencoded before Basic encoding.
  const decode = (v: string) => {
    try {
      return decodeURIComponent(v.replace(/\+/g, ' '));
    } catch {
      return v;
    }
  };
  const id = decode(decoded.slice(0, colon));
  const secret = decode(decoded.slice(colon + 1));
  const client = colon < 0 ? undefined : state.clients.get(id);
  const matches = secretMatches(secret, client?.secret ?? UNKNOWN_CLIENT_SECRET);
  if (!client || !matches) {
    throw new NomosHttpError(401, 'UNAUTHORIZED', 'invalid_client: unknown client or wrong secret', challenge);
  }
  return client;
}
