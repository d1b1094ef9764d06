import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { POST } from '@/app/auth/logout/route';
import { getPriceCache } from '@/lib/dashboard/load';
import { makeIntervals, makeSeries } from '@/lib/prices/fixtures';
import { getSharedStore } from '@/lib/store';
import { StoreUnavailableError } from '@/lib/store/shared-store';

import { getRevocationList } from './revocation';
import { logout } from './logout';
import { revokeRefreshToken } from './revoke-grant';
import { grantStoreKeys } from '@/lib/auth/refresh/refresh-coordinator';
import { sessionCookie, type SessionData } from '@/lib/auth/session/session-cookie';
import { newSession } from '@/lib/auth/session/session-data';

vi.mock('./revoke-grant', () => ({ revokeRefreshToken: vi.fn(async () => true) }));

afterEach(() => vi.restoreAllMocks());

let grants = 0;
function session(): SessionData {
  const now = Date.now();
  const tokens = { accessToken: 'at', refreshToken: `rt-${++grants}`, expiresAt: now + 3_600_000, obtainedAt: now };
  return newSession({ ...tokens, scope: 'read:*' }, now);
}

async function logoutRequest(data: SessionData, headers: Record<string, string> = { 'sec-fetch-site': 'same-origin' }) {
  const request = new NextRequest('http://localhost:3000/auth/logout', { method: 'POST', headers });
  request.cookies.set(sessionCookie.name, (await sessionCookie.seal(data)).value);
  return request;
}

const deletesCookie = (response: Response) =>
  expect(response.headers.get('set-cookie')).toMatch(/nomos_session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i);

describe('logout', () => {
  it('refuses a cross-site POST and ends nothing', async () => {
    const data = session();
    const response = await logout(await logoutRequest(data, { 'sec-fetch-site': 'cross-site' }));
    expect(response.status).toBe(403);
    await expect(getRevocationList().isRevoked(data.grantId)).resolves.toBe(false);
    expect(revokeRefreshToken).not.toHaveBeenCalledWith(data.refreshToken);
  });

  it('still deletes the cookie when the store cannot record the logout, and sends the person where that is said', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(getSharedStore(), 'set').mockRejectedValue(new StoreUnavailableError('Redis is not reachable'));
    const response = await logout(await logoutRequest(session()));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('http://localhost:3000/?logout=incomplete');
    deletesCookie(response);
  });

  it('logs out completely even when revoking at Nomos fails', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.mocked(revokeRefreshToken).mockRejectedValueOnce(new Error('Nomos is down'));
    const data = session();
    const response = await logout(await logoutRequest(data));
    expect(response.headers.get('location')).toBe('http://localhost:3000/');
    deletesCookie(response);
    await expect(getRevocationList().isRevoked(data.grantId)).resolves.toBe(true);
  });

  it('records the grant as logged out, drops its token chain and cached prices, and revokes it at Nomos', async () => {
    const data = session();
    const store = getSharedStore();
    const chainKey = grantStoreKeys(data.grantId).chain;
    await store.set(chainKey, 'sealed token chain', 30_000);
    const series = makeSeries(makeIntervals('2026-11-23'));
    await getPriceCache().set(data.grantId, 'sub_1', '2026-11-23', '2026-11-23', series);

    // Through the route, which wires in the features' caches.
    const response = await POST(await logoutRequest(data));

    expect(response.headers.get('location')).toBe('http://localhost:3000/');
    deletesCookie(response);
    await expect(getRevocationList().isRevoked(data.grantId)).resolves.toBe(true);
    await expect(store.get(chainKey)).resolves.toBeNull();
    await expect(getPriceCache().get(data.grantId, 'sub_1', '2026-11-23', '2026-11-23')).resolves.toBeUndefined();
    expect(revokeRefreshToken).toHaveBeenCalledWith(data.refreshToken);
  });
});
