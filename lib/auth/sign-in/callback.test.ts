import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { completeLogin } from './callback';
import { sessionCookie } from '@/lib/auth/session/session-cookie';
import { newSession } from '@/lib/auth/session/session-data';
import { createLoginTransaction, transactionCookie } from './transaction';

async function callbackRequest(query: string, cookies: Record<string, string>) {
  const request = new NextRequest(`http://localhost:3000/auth/callback?${query}`);
  for (const [name, value] of Object.entries(cookies)) request.cookies.set(name, value);
  return request;
}

// The protocol steps are oauth4webapi's and tested there; these tests are about where the callback sends people.
vi.mock('@/lib/auth/oauth', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/auth/oauth')>()),
  getAuthorizationServer: async () => ({
    issuer: 'http://127.0.0.1:4000',
    token_endpoint: 'http://127.0.0.1:4000/oauth/token',
  }),
}));
vi.mock('./exchange-code', () => ({
  exchangeCode: async () => ({
    accessToken: 'at',
    refreshToken: 'rt',
    expiresAt: Date.now() + 3_600_000,
    obtainedAt: Date.now(),
    scope: 'read:*',
  }),
}));

afterEach(() => vi.unstubAllGlobals());

describe('completeLogin', () => {
  it('refuses a callback whose state does not match the transaction, without exchanging the code', async () => {
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    const { transaction } = await createLoginTransaction('/dashboard');
    const request = await callbackRequest(`code=abc&state=${'x'.repeat(43)}`, {
      [transactionCookie.name]: await transactionCookie.seal(transaction),
    });
    const response = await completeLogin(request);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('http://localhost:3000/auth/error?reason=state');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(fetchSpy).not.toHaveBeenCalled();
    // The transaction is spent: the cookie is cleared.
    expect(response.headers.get('set-cookie')).toMatch(/nomos_oauth_tx=;/);
  });

  it('refuses a callback without a transaction cookie', async () => {
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    const response = await completeLogin(await callbackRequest('code=abc&state=abc', {}));
    expect(response.headers.get('location')).toBe('http://localhost:3000/auth/error?reason=expired');
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('refuses a transaction cookie that was tampered with', async () => {
    const { transaction } = await createLoginTransaction('/dashboard');
    const sealed = await transactionCookie.seal(transaction);
    const tampered = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const response = await completeLogin(
      await callbackRequest(`code=abc&state=${transaction.state}`, { [transactionCookie.name]: tampered }),
    );
    expect(response.headers.get('location')).toBe('http://localhost:3000/auth/error?reason=expired');
  });

  it('keeps an established session when the callback URL is replayed', async () => {
    const now = Date.now();
    const tokens = {
      accessToken: 'at',
      refreshToken: 'rt',
      expiresAt: now + 3_600_000,
      obtainedAt: now,
      scope: 'read:*',
    };
    const { value: session } = await sessionCookie.seal(newSession(tokens, now));
    const response = await completeLogin(
      await callbackRequest('code=used&state=old', { [sessionCookie.name]: session }),
    );
    expect(response.headers.get('location')).toBe('http://localhost:3000/dashboard');
    expect(response.headers.get('set-cookie') ?? '').not.toMatch(/nomos_session=/);
  });

  it.each(['//evil.example', '/.//evil.example', '/a/..//evil.example'])(
    'never redirects off the app origin, even for a stored returnTo %j that older code let through',
    async (returnTo) => {
      const { transaction } = await createLoginTransaction(returnTo);
      const request = new NextRequest(`http://evil.example/auth/callback?code=abc&state=${transaction.state}`);
      request.cookies.set(transactionCookie.name, await transactionCookie.seal(transaction));
      const response = await completeLogin(request);
      expect(response.headers.get('location')).toBe('http://localhost:3000/dashboard');
      expect(response.headers.get('set-cookie')).toMatch(/nomos_session=[^;]/);
    },
  );

  it('sends the person back to the stored same-origin path after connecting', async () => {
    const { transaction } = await createLoginTransaction('/dashboard?date=2026-11-24#x');
    const request = await callbackRequest(`code=abc&state=${transaction.state}`, {
      [transactionCookie.name]: await transactionCookie.seal(transaction),
    });
    const response = await completeLogin(request);
    expect(response.headers.get('location')).toBe('http://localhost:3000/dashboard?date=2026-11-24#x');
  });
});
