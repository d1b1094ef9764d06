import { afterEach, describe, expect, it, vi } from 'vitest';

import { getSharedStore } from '@/lib/store';
import { StoreUnavailableError } from '@/lib/store/shared-store';

import { getRevocationList } from '@/lib/auth/logout/revocation';
import { getConnection } from './session';
import { sessionCookie, type SessionData } from './session-cookie';
import { newSession } from './session-data';

const cookieJar = new Map<string, string>();
vi.mock('next/headers', () => ({
  cookies: async () => ({ get: (name: string) => (cookieJar.has(name) ? { value: cookieJar.get(name) } : undefined) }),
  headers: async () => new Headers(),
}));

afterEach(() => {
  cookieJar.clear();
  vi.restoreAllMocks();
});

async function withSession(): Promise<SessionData> {
  const now = Date.now();
  const data = newSession(
    { accessToken: 'at', refreshToken: 'rt', expiresAt: now + 3_600_000, obtainedAt: now, scope: 'read:*' },
    now,
  );
  cookieJar.set(sessionCookie.name, (await sessionCookie.seal(data)).value);
  return data;
}

describe('getConnection', () => {
  it('returns null for a session that was logged out', async () => {
    const data = await withSession();
    await getRevocationList().revoke(data.grantId);
    await expect(getConnection()).resolves.toBeNull();
  });

  it('returns the connection while the store is down: the check fails open', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const data = await withSession();
    vi.spyOn(getSharedStore(), 'get').mockRejectedValue(new StoreUnavailableError('Redis is not reachable'));
    await expect(getConnection()).resolves.toEqual({
      grantId: data.grantId,
      accessToken: 'at',
      obtainedAt: data.obtainedAt,
    });
  });

  it('returns the connection of a live session that was not logged out', async () => {
    const data = await withSession();
    await expect(getConnection()).resolves.toEqual({
      grantId: data.grantId,
      accessToken: 'at',
      obtainedAt: data.obtainedAt,
    });
  });
});
