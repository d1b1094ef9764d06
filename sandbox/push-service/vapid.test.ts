import { createPrivateKey, sign } from 'node:crypto';

import { generateVAPIDKeys } from 'web-push';
import { describe, expect, it } from 'vitest';

import { verifyVapid } from './vapid';

const origin = 'http://127.0.0.1:9999';
const keys = generateVAPIDKeys();
const now = Date.UTC(2026, 10, 23, 9, 0, 0);
const nowSeconds = now / 1000;

/** A VAPID JWT signed by hand with node:crypto, so each claim can be got wrong on purpose. */
function jwt(claims: Record<string, unknown>, header: Record<string, unknown> = { typ: 'JWT', alg: 'ES256' }) {
  const point = Buffer.from(keys.publicKey, 'base64url');
  const privateKey = createPrivateKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33).toString('base64url'),
      d: keys.privateKey,
    },
    format: 'jwk',
  });
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${encode(header)}.${encode(claims)}`;
  const signature = sign('sha256', Buffer.from(signed), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${signed}.${signature.toString('base64url')}`;
}

const good = { aud: origin, exp: nowSeconds + 3600, sub: 'mailto:ops@example.com' };
const verdict = (token: string, key = keys.publicKey, expectedKey?: string) =>
  verifyVapid(`vapid t=${token}, k=${key}`, { origin, now, expectedKey });

describe('verifyVapid (RFC 8292)', () => {
  it('accepts an ES256 JWT for this origin, within 24 hours, with a contact', () => {
    expect(verdict(jwt(good))).toEqual({ ok: true, publicKey: keys.publicKey, claims: good });
    expect(verdict(jwt({ ...good, exp: nowSeconds + 24 * 3600 })).ok).toBe(true);
  });

  it.each([
    ['no header', undefined, 'no `Authorization: vapid` header'],
    ['the old WebPush scheme', `WebPush ${jwt(good)}`, 'no `Authorization: vapid` header'],
    ['no key', `vapid t=${jwt(good)}`, 'the vapid header needs t= and k='],
  ])('refuses %s with 401', (_, header, reason) => {
    expect(verifyVapid(header, { origin, now })).toEqual({ ok: false, status: 401, reason });
  });

  it.each([
    ['another audience', jwt({ ...good, aud: 'https://fcm.googleapis.com' }), `aud must be ${origin}`],
    ['an expired JWT', jwt({ ...good, exp: nowSeconds - 1 }), 'the JWT has expired (exp)'],
    ['exp beyond 24 hours', jwt({ ...good, exp: nowSeconds + 24 * 3600 + 1 }), 'exp is more than 24 hours ahead'],
    ['no contact', jwt({ aud: origin, exp: good.exp }), 'sub must be a mailto: or https: contact'],
    ['another algorithm', jwt(good, { typ: 'JWT', alg: 'HS256' }), 'the JWT must be signed with ES256'],
    [
      'a changed claim',
      jwt(good).replace(
        /^([^.]+)\.[^.]+/,
        (_, h) => `${h}.${Buffer.from(JSON.stringify({ ...good, aud: origin + '/' })).toString('base64url')}`,
      ),
      'the JWT signature does not verify with k',
    ],
  ])('refuses %s with 401', (_, token, reason) => {
    expect(verdict(token)).toEqual({ ok: false, status: 401, reason });
  });

  it('refuses a JWT that does not verify with the key it names', () => {
    expect(verdict(jwt(good), generateVAPIDKeys().publicKey)).toEqual({
      ok: false,
      status: 401,
      reason: 'the JWT signature does not verify with k',
    });
  });

  it('refuses with 403 a valid claim by another key than the subscription was made for', () => {
    expect(verdict(jwt(good), keys.publicKey, generateVAPIDKeys().publicKey)).toEqual({
      ok: false,
      status: 403,
      reason: 'the subscription was made for another application server key',
    });
    expect(verdict(jwt(good), keys.publicKey, keys.publicKey).ok).toBe(true);
  });
});
