import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { getSharedStore } from '@/lib/store';
import { StoreUnavailableError } from '@/lib/store/shared-store';

import { getRevocationList } from '@/lib/auth/logout/revocation';
import { NomosError } from '@/lib/nomos/errors';

import { renewSessionCookie } from './proxy-refresh';
import { renewRefusedToken } from './renew-refused';
import { REFRESH_FAILURE_HEADER, decodeRefreshFailure, refreshSession } from './refresh';
import { REFUSED_TOKEN_MIN_AGE_MS, mayRenewRefusedToken, renewPath } from './renew-path';
import { sessionCookie, sessionLimits, type SessionData } from '@/lib/auth/session/session-cookie';

vi.mock('./refresh', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./refresh')>()),
  refreshSession: vi.fn(async (session: SessionData) => ({
    ...session,
    accessToken: 'at-new',
    refreshToken: 'rt-new',
    obtainedAt: Date.now(),
    expiresAt: Date.now() + 3_600_000,
  })),
}));

const HOUR = 3_600_000;
const now = Date.UTC(2026, 10, 23, 12);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.mocked(refreshSession).mockClear();
});

let grants = 0;
function session(overrides: Partial<SessionData> = {}): SessionData {
  return {
    grantId: `proxy-test-grant-${++grants}`,
    accessToken: 'at',
    refreshToken: 'rt',
    expiresAt: now + HOUR,
    obtainedAt: now,
    scope: 'read:*',
    generation: 0,
    connectedAt: now - 24 * HOUR,
    lastSeenAt: now,
    ...overrides,
  };
}

async function dashboardRequest(data: SessionData, sealedAt = now) {
  const request = new NextRequest('http://localhost:3000/dashboard');
  request.cookies.set(sessionCookie.name, (await sessionCookie.seal(data, sealedAt)).value);
  return request;
}

const expiredToken = { expiresAt: now - 1000, obtainedAt: now - HOUR - 1000 };

function setCookie(response: Response | null) {
  const header = response?.headers.get('set-cookie') ?? '';
  const value = /nomos_session=([^;]*)/.exec(header)?.[1];
  const maxAge = /Max-Age=(\d+)/i.exec(header)?.[1];
  return {
    value: value ? decodeURIComponent(value) : value,
    maxAge: maxAge === undefined ? undefined : Number(maxAge),
  };
}

describe('renewSessionCookie', () => {
  it('refuses a logged-out session before any refresh: the cookie is deleted and the person asked to connect again', async () => {
    const data = session(expiredToken);
    await getRevocationList().revoke(data.grantId);
    const response = await renewSessionCookie(await dashboardRequest(data));
    expect(refreshSession).not.toHaveBeenCalled();
    expect(response?.headers.get('location')).toBe('http://localhost:3000/?connection=ended');
    expect(setCookie(response).value).toBe('');
  });

  it('treats a session past its absolute lifetime as absent and never refreshes it', async () => {
    const connectedAt = now - sessionLimits.maxAgeSeconds * 1000;
    const data = session({ ...expiredToken, connectedAt, lastSeenAt: now - HOUR });
    const response = await renewSessionCookie(await dashboardRequest(data, now - HOUR));
    expect(response).toBeNull();
    expect(refreshSession).not.toHaveBeenCalled();
  });

  it('treats a session idle for longer than the idle timeout as absent and never refreshes it', async () => {
    const lastSeenAt = now - sessionLimits.idleTimeoutSeconds * 1000;
    const data = session({ ...expiredToken, lastSeenAt });
    const response = await renewSessionCookie(await dashboardRequest(data, lastSeenAt));
    expect(response).toBeNull();
    expect(refreshSession).not.toHaveBeenCalled();
  });

  it('re-seals a refreshed session for the remaining absolute lifetime only, not a fresh 30 days', async () => {
    const connectedAt = now - sessionLimits.maxAgeSeconds * 1000 + 2 * HOUR;
    const response = await renewSessionCookie(await dashboardRequest(session({ ...expiredToken, connectedAt })));
    expect(refreshSession).toHaveBeenCalledOnce();
    const { value, maxAge } = setCookie(response);
    expect(maxAge).toBe(2 * 3600);
    await expect(sessionCookie.unseal(value, now)).resolves.toMatchObject({ refreshToken: 'rt-new', connectedAt });
    // The seal itself expires with the session: the cookie is worthless after that, whatever a browser keeps.
    await expect(sessionCookie.unseal(value, now)).resolves.not.toBeNull();
    vi.setSystemTime(now + 2 * HOUR + 61_000);
    await expect(sessionCookie.unseal(value, now)).resolves.toBeNull();
  });

  it('re-seals a refreshed session for the idle timeout when more absolute lifetime is left', async () => {
    const response = await renewSessionCookie(await dashboardRequest(session(expiredToken)));
    expect(setCookie(response).maxAge).toBe(sessionLimits.idleTimeoutSeconds);
  });

  it('does not write the cookie on every visit, and records the visit once lastSeenAt is an hour old', async () => {
    await expect(
      renewSessionCookie(await dashboardRequest(session({ lastSeenAt: now - HOUR + 1000 }))),
    ).resolves.toBeNull();

    const response = await renewSessionCookie(await dashboardRequest(session({ lastSeenAt: now - HOUR })));
    expect(refreshSession).not.toHaveBeenCalled();
    const { value, maxAge } = setCookie(response);
    expect(maxAge).toBe(sessionLimits.idleTimeoutSeconds);
    await expect(sessionCookie.unseal(value, now)).resolves.toMatchObject({ lastSeenAt: now, accessToken: 'at' });
  });

  it('sends no new cookie when the session was logged out while its refresh ran: the cookie is deleted instead', async () => {
    const data = session(expiredToken);
    vi.mocked(refreshSession).mockImplementationOnce(async (current) => {
      // The logout lands while Nomos answers the refresh.
      await getRevocationList().revoke(current.grantId);
      return { ...current, accessToken: 'at-new', refreshToken: 'rt-new', generation: current.generation + 1 };
    });
    const response = await renewSessionCookie(await dashboardRequest(data));
    expect(refreshSession).toHaveBeenCalledOnce();
    expect(response?.headers.get('location')).toBe('http://localhost:3000/?connection=ended');
    expect(setCookie(response).value).toBe('');
  });

  it('lets a session with a valid access token through while the store is down (the check fails open)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(getSharedStore(), 'get').mockRejectedValue(new StoreUnavailableError('Redis is not reachable'));
    await expect(renewSessionCookie(await dashboardRequest(session()))).resolves.toBeNull();
  });
});

describe('renewRefusedToken', () => {
  const renewRequest = async (data: SessionData, returnTo = '/dashboard?duration=60') => {
    const request = new NextRequest(`http://localhost:3000${renewPath(returnTo)}`);
    request.cookies.set(sessionCookie.name, (await sessionCookie.seal(data, now)).value);
    return request;
  };

  it('renews a token Nomos refused as if it had expired, then sends the browser back with the new cookie', async () => {
    const data = session({ obtainedAt: now - 10 * 60_000, expiresAt: now + 50 * 60_000 });
    const response = await renewRefusedToken(await renewRequest(data));
    expect(refreshSession).toHaveBeenCalledOnce();
    // Through the coordinator like any refresh, with the token treated as over.
    expect(vi.mocked(refreshSession).mock.calls[0]?.[0]).toMatchObject({ grantId: data.grantId, expiresAt: now });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('http://localhost:3000/dashboard?duration=60');
    await expect(sessionCookie.unseal(setCookie(response).value, now)).resolves.toMatchObject({
      refreshToken: 'rt-new',
    });
  });

  it('does not renew a token obtained moments ago, so a page and the renewal cannot loop', async () => {
    const data = session({ obtainedAt: now - REFUSED_TOKEN_MIN_AGE_MS + 1000 });
    const response = await renewRefusedToken(await renewRequest(data));
    expect(refreshSession).not.toHaveBeenCalled();
    expect(response.headers.get('location')).toBe('http://localhost:3000/dashboard?duration=60');
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('sends the browser only to a path on this app', async () => {
    const data = session({ obtainedAt: now - HOUR / 2 });
    for (const returnTo of ['https://evil.example/dashboard', '//evil.example', '/auth/renew?returnTo=/dashboard']) {
      const response = await renewRefusedToken(await renewRequest(data, returnTo));
      expect(response.headers.get('location')).toBe('http://localhost:3000/dashboard');
    }
  });

  it('refuses a logged-out session without renewing it', async () => {
    const data = session({ obtainedAt: now - HOUR / 2 });
    await getRevocationList().revoke(data.grantId);
    const response = await renewRefusedToken(await renewRequest(data));
    expect(refreshSession).not.toHaveBeenCalled();
    expect(response.headers.get('location')).toBe('http://localhost:3000/?connection=ended');
  });

  it('shows the page with the reason when Nomos cannot renew now, instead of redirecting again', async () => {
    vi.mocked(refreshSession).mockRejectedValueOnce(
      new NomosError('unavailable', 'Nomos did not answer in time', { requestId: 'req_42' }),
    );
    const request = await renewRequest(session({ obtainedAt: now - HOUR / 2 }));
    const response = await renewRefusedToken(request);
    expect(response.headers.get('x-middleware-rewrite')).toBe('http://localhost:3000/dashboard?duration=60');
    expect(decodeRefreshFailure(request.headers.get(REFRESH_FAILURE_HEADER))).toMatchObject({
      kind: 'unavailable',
      requestId: 'req_42',
    });
    // The page reads this render's token as over, so it shows the failure; the browser's cookie is untouched.
    await expect(sessionCookie.unseal(request.cookies.get(sessionCookie.name)?.value, now)).resolves.toMatchObject({
      expiresAt: now,
    });
    expect(response.headers.get('set-cookie')).toBeNull();
  });
});

describe('mayRenewRefusedToken', () => {
  it('allows one renewal per token that is not fresh', () => {
    expect(mayRenewRefusedToken({ obtainedAt: now - REFUSED_TOKEN_MIN_AGE_MS }, now)).toBe(true);
    expect(mayRenewRefusedToken({ obtainedAt: now - REFUSED_TOKEN_MIN_AGE_MS + 1 }, now)).toBe(false);
  });
});
