import { createSign, generateKeyPairSync, randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { sessionCookie } from './session-cookie';

/** An RS256 JWT shaped like a Nomos access token, with a realistic claim set. */
function realisticJwt() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const header = encode({ alg: 'RS256', typ: 'JWT', kid: 'nomos-2026-05-key-1' });
  const payload = encode({
    iss: 'https://api.nomos.energy',
    sub: 'cus_mi4f0oda6x9m7gcsvjk0ole1',
    aud: 'https://api.nomos.energy',
    client_id: 'client_mi4f0oda6x9m7gcsvjk0ole1',
    org: 'org_mi4f0oda6x9m7gcsvjk0ole1',
    scope: 'read:*',
    iat: now,
    nbf: now,
    exp: now + 3600,
    jti: randomBytes(16).toString('hex'),
  });
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(privateKey).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

describe('session cookie', () => {
  it('stays well under the 4 KB browser limit with a realistic JWT access token', async () => {
    const sealed = await sessionCookie.seal({
      grantId: randomBytes(16).toString('base64url'),
      accessToken: realisticJwt(),
      refreshToken: randomBytes(32).toString('hex'),
      expiresAt: Date.now() + 3_600_000,
      obtainedAt: Date.now(),
      scope: 'read:*',
      connectedAt: Date.now(),
    });
    const attributes = '; Path=/; Max-Age=2592000; HttpOnly; Secure; SameSite=Lax';
    const size = `${sessionCookie.name}=${sealed}${attributes}`.length;
    console.log(`session cookie: ${size} bytes`);
    expect(size).toBeLessThan(2_500);
  });

  it('is HttpOnly, SameSite=Lax and scoped to the whole app', () => {
    expect(sessionCookie.options).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/' });
  });

  it('reads back what it sealed, and nothing from a foreign or broken seal', async () => {
    const data = {
      grantId: 'g'.repeat(22),
      accessToken: 'at',
      refreshToken: 'rt',
      expiresAt: 2,
      obtainedAt: 1,
      scope: 'read:*',
      connectedAt: 1,
    };
    await expect(sessionCookie.unseal(await sessionCookie.seal(data))).resolves.toEqual(data);
    await expect(sessionCookie.unseal('Fe26.2*1*garbage')).resolves.toBeNull();
    await expect(sessionCookie.unseal(undefined)).resolves.toBeNull();
  });
});
