import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { getConnection, type Connection } from '@/lib/auth/session/session';
import { NomosError } from '@/lib/nomos/errors';

import { loadSubscriptions } from './load';
import { withSubscription } from './page-state';

vi.mock('@/lib/auth/session/session', () => ({ getConnection: vi.fn() }));
vi.mock('./load', () => ({ loadSubscriptions: vi.fn() }));

const now = Date.UTC(2026, 10, 23, 12);
const connection = (obtainedAgoMs: number): Connection => ({
  grantId: 'page-state-grant',
  accessToken: 'at',
  obtainedAt: now - obtainedAgoMs,
});
const unauthorized = () =>
  new NomosError('connection-ended', 'The access token is invalid or expired', { status: 401, code: 'UNAUTHORIZED' });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now);
});
afterEach(() => {
  vi.useRealTimers();
  vi.resetAllMocks();
});

describe('withSubscription when Nomos refuses the access token', () => {
  it('asks for one renewal when the token is not fresh (it ended early, or its lifetime was never stated)', async () => {
    vi.mocked(getConnection).mockResolvedValue(connection(5 * 60_000));
    vi.mocked(loadSubscriptions).mockRejectedValue(unauthorized());
    await expect(withSubscription(undefined, async () => 'prices')).resolves.toEqual({ kind: 'token-refused' });
  });

  it('says the connection ended when a token obtained moments ago is refused', async () => {
    vi.mocked(getConnection).mockResolvedValue(connection(5_000));
    vi.mocked(loadSubscriptions).mockRejectedValue(unauthorized());
    await expect(withSubscription(undefined, async () => 'prices')).resolves.toEqual({ kind: 'connection-ended' });
  });

  it('says the connection ended when the refresh itself found the grant gone (no 401 from an API call)', async () => {
    vi.mocked(getConnection).mockRejectedValue(new NomosError('connection-ended', 'This session was logged out'));
    await expect(withSubscription(undefined, async () => 'prices')).resolves.toEqual({ kind: 'connection-ended' });
  });
});
