import { createHmac, timingSafeEqual } from 'node:crypto';

export type AccessClaims = {
  iss: string;
  sub: string;
  aud: string;
  client_id: string;
  scope: string;
  /** Grant id: revoking the grant kills its access tokens at once. */
  gid: string;
  jti: string;
  iat: number;
  exp: number;
};

const b64 = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/** HS256 with a per-process key: only the sandbox verifies its own tokens. */
export function signJwt(claims: AccessClaims, key: Buffer): string {
  const head = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64(JSON.stringify(claims));
  const signature = createHmac('sha256', key).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${signature}`;
}

/** The claims when the signature holds, else null; expiry is the caller's business. */
export function verifyJwt(token: string, key: Buffer): AccessClaims | null {
  const [head, body, signature] = token.split('.');
  if (!head || !body || !signature) return null;
  const expected = Buffer.from(createHmac('sha256', key).update(`${head}.${body}`).digest('base64url'));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as AccessClaims;
  } catch {
    return null;
  }
}
