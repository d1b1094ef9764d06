/**
 * What a push service checks of an application server's VAPID claim
 * (RFC 8292): `Authorization: vapid t=<JWT>, k=<public key>`, the JWT signed
 * with ES256 by that key, for this push service (aud), not expired and at
 * most 24 hours ahead (exp), with a contact (sub).
 */
import { createPublicKey, verify } from 'node:crypto';

export type VapidClaims = { aud: string; exp: number; sub: string };

/** 401: the request carries no valid VAPID claim. 403: a valid claim by another key than the subscription's. */
export type VapidVerdict =
  { ok: true; publicKey: string; claims: VapidClaims } | { ok: false; status: 401 | 403; reason: string };

const MAX_AHEAD_SECONDS = 24 * 60 * 60;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The raw uncompressed P-256 point (base64url) as a key node:crypto verifies with. */
function publicKeyObject(raw: string) {
  const point = Buffer.from(raw, 'base64url');
  if (point.length !== 65 || point[0] !== 4) throw new Error('not an uncompressed P-256 point');
  return createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33).toString('base64url'),
    },
    format: 'jwk',
  });
}

function json(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

export function verifyVapid(
  authorization: string | undefined,
  { origin, expectedKey, now = Date.now() }: { origin: string; expectedKey?: string; now?: number },
): VapidVerdict {
  const refuse = (reason: string): VapidVerdict => ({ ok: false, status: 401, reason });
  const match = /^vapid\s+(.+)$/i.exec(authorization?.trim() ?? '');
  if (!match) return refuse('no `Authorization: vapid` header');
  const params = new Map(
    match[1]!.split(',').map((part) => {
      const [name = '', ...value] = part.trim().split('=');
      return [name.trim().toLowerCase(), value.join('=').trim()] as const;
    }),
  );
  const token = params.get('t');
  const key = params.get('k');
  if (!token || !key) return refuse('the vapid header needs t= and k=');
  if (!BASE64URL.test(key)) return refuse('k is not base64url');

  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) return refuse('t is not a compact JWS');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = json(headerPart) as { alg?: unknown } | undefined;
  if (header?.alg !== 'ES256') return refuse('the JWT must be signed with ES256');

  let publicKey;
  try {
    publicKey = publicKeyObject(key);
  } catch {
    return refuse('k is not a P-256 public key');
  }
  const signature = Buffer.from(signaturePart, 'base64url');
  const signed = verify(
    'sha256',
    Buffer.from(`${headerPart}.${payloadPart}`),
    { key: publicKey, dsaEncoding: 'ieee-p1363' },
    signature,
  );
  if (!signed) return refuse('the JWT signature does not verify with k');

  const claims = json(payloadPart) as Partial<Record<keyof VapidClaims, unknown>> | undefined;
  if (claims?.aud !== origin) return refuse(`aud must be ${origin}`);
  const nowSeconds = Math.floor(now / 1000);
  if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) return refuse('the JWT has expired (exp)');
  if (claims.exp > nowSeconds + MAX_AHEAD_SECONDS) return refuse('exp is more than 24 hours ahead');
  if (typeof claims.sub !== 'string' || !/^(mailto:|https:)/.test(claims.sub)) {
    return refuse('sub must be a mailto: or https: contact');
  }
  // RFC 8292 §4.2: a subscription made with an application server key accepts only that key.
  if (expectedKey !== undefined && key !== expectedKey) {
    return { ok: false, status: 403, reason: 'the subscription was made for another application server key' };
  }
  return { ok: true, publicKey: key, claims: { aud: claims.aud, exp: claims.exp, sub: claims.sub } };
}
