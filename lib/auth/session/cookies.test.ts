import { NextResponse } from 'next/server';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

import { hostCookieName, sealedCookie } from './cookies';

// As in production: APP_URL is HTTPS, so cookies are Secure.
vi.mock('@/lib/config', () => ({
  config: { secureCookies: true, sessionSecrets: ['s'.repeat(32)] },
}));

const schema = z.object({ value: z.string() });

describe('hostCookieName', () => {
  it('keeps the plain name where cookies cannot be Secure (plain HTTP on loopback)', () => {
    expect(hostCookieName('nomos_session', false)).toBe('nomos_session');
  });

  it('prefixes __Host- where cookies are Secure, so no subdomain or plain-HTTP page can set them', () => {
    expect(hostCookieName('nomos_session', true)).toBe('__Host-nomos_session');
    expect(hostCookieName('nomos_session')).toBe('__Host-nomos_session');
  });
});

describe('sealedCookie', () => {
  it('refuses a __Host- cookie with a narrower path, which browsers would drop', () => {
    expect(() => sealedCookie('__Host-tx', schema, '/auth/callback', 60)).toThrow(/Path=\//);
  });

  it('deletes a __Host- cookie with Secure and Path=/ and without Max-Age, or browsers keep it', () => {
    const cookie = sealedCookie(hostCookieName('nomos_session'), schema, '/', 3600);
    const response = NextResponse.next();
    response.cookies.delete(cookie.deletion);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^__Host-nomos_session=;/);
    expect(setCookie).toContain('Path=/');
    expect(setCookie).toContain('Secure');
    expect(setCookie).toContain('Expires=Thu, 01 Jan 1970');
    expect(setCookie).not.toMatch(/Max-Age|Domain/i);
  });

  it('sets a __Host- cookie Secure with Path=/ and no Domain', () => {
    const cookie = sealedCookie(hostCookieName('nomos_session'), schema, '/', 3600);
    const response = NextResponse.next();
    response.cookies.set(cookie.name, 'sealed', cookie.options);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^__Host-nomos_session=sealed;/);
    expect(setCookie).toContain('Path=/');
    expect(setCookie).toContain('Secure');
    expect(setCookie).not.toMatch(/Domain/i);
  });
});
