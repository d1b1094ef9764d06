import { createSign, generateKeyPairSync, randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { sealer } from './cookies';
import { nextAuthCookie } from '@/lib/auth/next-auth/session-token';
import { ironSessionCookie, sessionLimits, type SessionCookie, type SessionData } from './session-cookie';

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 23, 12);

function session(overrides: Partial<SessionData> = {}): SessionData {
  return {
    grantId: 'g'.repeat(22),
    accessToken: 'at',
    refreshToken: 'rt',
    expiresAt: now + 3_600_000,
    obtainedAt: now,
    scope: 'read:*',
    generation: 0,
    connectedAt: now - DAY,
    lastSeenAt: now,
    ...overrides,
  };
}

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
    generation: 0,
    iat: now,
    nbf: now,
    exp: now + 3600,
    jti: randomBytes(16).toString('hex'),
  });
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(privateKey).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

const styles: [string, SessionCookie][] = [
  ['iron-session', ironSessionCookie],
  ['next-auth (Auth.js session token)', nextAuthCookie],
];

describe.each(styles)('session cookie, %s', (style, sessionCookie) => {
  it('stays well under the 4 KB browser limit with a realistic JWT access token', async () => {
    const { value: sealed } = await sessionCookie.seal({
      grantId: randomBytes(16).toString('base64url'),
      accessToken: realisticJwt(),
      refreshToken: randomBytes(32).toString('hex'),
      expiresAt: Date.now() + 3_600_000,
      obtainedAt: Date.now(),
      scope: 'read:*',
      generation: 0,
      connectedAt: Date.now(),
      lastSeenAt: Date.now(),
      // What the next-auth style also keeps: who signed in.
      ...(style.startsWith('next-auth')
        ? { sub: 'cus_mi4f0oda6x9m7gcsvjk0ole1', name: 'Anna Albrecht', email: 'anna@example.com' }
        : {}),
    });
    const attributes = '; Path=/; Max-Age=2592000; HttpOnly; Secure; SameSite=Lax';
    const size = `${sessionCookie.name}=${sealed}${attributes}`.length;
    console.log(`session cookie (${style}): ${size} bytes`);
    expect(size).toBeLessThan(2_500);
  });

  it('is HttpOnly, SameSite=Lax and scoped to the whole app', () => {
    expect(sessionCookie.options).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/' });
  });

  it('reads back what it sealed, and nothing from a foreign or broken seal', async () => {
    const data = session();
    await expect(sessionCookie.unseal((await sessionCookie.seal(data, now)).value, now)).resolves.toEqual(data);
    await expect(sessionCookie.unseal('Fe26.2*1*garbage', now)).resolves.toBeNull();
    await expect(
      sessionCookie.unseal('eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..x.y.z', now),
    ).resolves.toBeNull();
    await expect(sessionCookie.unseal(undefined, now)).resolves.toBeNull();
  });

  it('treats a session past its absolute lifetime as absent, however recently it was used', async () => {
    const connectedAt = now - sessionLimits.maxAgeSeconds * 1000;
    const { value } = await sessionCookie.seal(session({ connectedAt }), connectedAt + 1000);
    await expect(sessionCookie.unseal(value, now)).resolves.toBeNull();
    await expect(sessionCookie.unseal(value, now - 1000)).resolves.not.toBeNull();
  });

  it('treats a session unused for longer than the idle timeout as absent', async () => {
    const lastSeenAt = now - sessionLimits.idleTimeoutSeconds * 1000;
    const { value } = await sessionCookie.seal(session({ lastSeenAt }), lastSeenAt);
    await expect(sessionCookie.unseal(value, now)).resolves.toBeNull();
    await expect(sessionCookie.unseal(value, now - 1000)).resolves.not.toBeNull();
  });

  it('gives a re-sealed cookie only the remaining absolute lifetime, never a fresh one', async () => {
    // Connected 29 days and 1 hour ago, seen just now: one hour left, although the idle timeout is a week.
    const connectedAt = now - sessionLimits.maxAgeSeconds * 1000 + 3_600_000;
    const { options } = await sessionCookie.seal(session({ connectedAt, lastSeenAt: now }), now);
    expect(options.maxAge).toBe(3600);
  });

  it('gives a re-sealed cookie at most the idle timeout when more absolute lifetime is left', async () => {
    const { options } = await sessionCookie.seal(session({ connectedAt: now, lastSeenAt: now }), now);
    expect(options.maxAge).toBe(sessionLimits.idleTimeoutSeconds);
    expect(options).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/' });
  });
});

describe('session cookie, iron-session only', () => {
  it('reads a cookie sealed before lastSeenAt existed, counting idle time from its last refresh', async () => {
    const older: Partial<SessionData> = session({ obtainedAt: now - DAY });
    delete older.lastSeenAt;
    const value = await sealer.seal(older, 3600);
    await expect(ironSessionCookie.unseal(value, now)).resolves.toMatchObject({ lastSeenAt: now - DAY });
  });
});
