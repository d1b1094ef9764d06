import { describe, expect, it } from 'vitest';

import { needsRefresh, RefreshCoordinator, type RotatedTokens } from './refresh-coordinator';

function fakeNomos() {
  const used = new Set<string>();
  let calls = 0;
  let reuse = 0;
  const redeem = async (refreshToken: string): Promise<RotatedTokens> => {
    const call = ++calls;
    if (used.has(refreshToken)) {
      reuse++;
      throw new Error('refresh token reused');
    }
    used.add(refreshToken);
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { accessToken: `at-${call}`, refreshToken: `rt-${call}`, expiresAt: Number.MAX_SAFE_INTEGER, obtainedAt: 0, scope: 'read:*' };
  };
  return { redeem, stats: () => ({ calls, reuse }) };
}

describe('RefreshCoordinator', () => {
  it('never presents a refresh token twice when many callers refresh at once', async () => {
    const nomos = fakeNomos();
    const coordinator = new RefreshCoordinator(nomos.redeem);
    const results = await Promise.all(Array.from({ length: 50 }, () => coordinator.refresh('rt-0')));
    expect(nomos.stats()).toEqual({ calls: 1, reuse: 0 });
    expect(new Set(results.map((r) => r.refreshToken))).toEqual(new Set(['rt-1']));
  });

  it('gives late callers with the previous token the rotated result within the grace window', async () => {
    let now = 1_000;
    const nomos = fakeNomos();
    const coordinator = new RefreshCoordinator(nomos.redeem, 30_000, () => now);
    const first = await coordinator.refresh('rt-0');
    now += 29_000;
    const late = await coordinator.refresh('rt-0');
    expect(late).toEqual(first);
    expect(nomos.stats().calls).toBe(1);
  });

  it('renews from the newest generation when a late caller’s rotated access token has run out too', async () => {
    let now = 0;
    const presented: string[] = [];
    const coordinator = new RefreshCoordinator(
      async (refreshToken) => {
        presented.push(refreshToken);
        const n = presented.length;
        return { accessToken: `at-${n}`, refreshToken: `rt-${n}`, obtainedAt: now, expiresAt: now + 8_000, scope: '' };
      },
      30_000,
      () => now,
    );
    await coordinator.refresh('rt-0');
    now += 9_000;
    // A request still carrying the cookie with rt-0 arrives after rt-1's access token expired.
    const late = await coordinator.refresh('rt-0');
    expect(presented).toEqual(['rt-0', 'rt-1']);
    expect(late.accessToken).toBe('at-2');
    // Everyone else holding rt-0 or rt-1 now gets the same newest tokens.
    await expect(coordinator.refresh('rt-0')).resolves.toEqual(late);
    await expect(coordinator.refresh('rt-1')).resolves.toEqual(late);
    expect(presented).toEqual(['rt-0', 'rt-1']);
  });

  it('presents the old token again after the grace window, so Nomos can judge it', async () => {
    let now = 1_000;
    const nomos = fakeNomos();
    const coordinator = new RefreshCoordinator(nomos.redeem, 30_000, () => now);
    await coordinator.refresh('rt-0');
    now += 31_000;
    await expect(coordinator.refresh('rt-0')).rejects.toThrow(/reused/);
    expect(nomos.stats()).toEqual({ calls: 2, reuse: 1 });
  });

  it('does not cache a failed refresh: the next caller tries again', async () => {
    let fail = true;
    const coordinator = new RefreshCoordinator(async () => {
      if (fail) throw new Error('503');
      return { accessToken: 'a', refreshToken: 'b', expiresAt: 0, obtainedAt: 0, scope: '' };
    });
    await expect(coordinator.refresh('rt')).rejects.toThrow('503');
    fail = false;
    await expect(coordinator.refresh('rt')).resolves.toMatchObject({ refreshToken: 'b' });
  });

  it('keeps different grants apart', async () => {
    const nomos = fakeNomos();
    const coordinator = new RefreshCoordinator(nomos.redeem);
    const [a, b] = await Promise.all([coordinator.refresh('grant-a'), coordinator.refresh('grant-b')]);
    expect(a.refreshToken).not.toBe(b.refreshToken);
    expect(nomos.stats().calls).toBe(2);
  });
});

describe('needsRefresh', () => {
  const hour = 3_600_000;
  it('refreshes an expired token', () => {
    expect(needsRefresh({ obtainedAt: 0, expiresAt: hour }, hour + 1)).toBe(true);
  });
  it('refreshes when less than a minute is left', () => {
    expect(needsRefresh({ obtainedAt: 0, expiresAt: hour }, hour - 59_000)).toBe(true);
  });
  it('leaves a token with more than a minute left alone', () => {
    expect(needsRefresh({ obtainedAt: 0, expiresAt: hour }, hour - 61_000)).toBe(false);
  });
  it('uses half the lifetime as the margin for very short tokens', () => {
    expect(needsRefresh({ obtainedAt: 0, expiresAt: 6_000 }, 2_000)).toBe(false);
    expect(needsRefresh({ obtainedAt: 0, expiresAt: 6_000 }, 3_500)).toBe(true);
  });
});
