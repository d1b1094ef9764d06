import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Connection } from '@/lib/auth/session/session';
import { getUsage } from '@/lib/nomos/client';
import { reshapeUsage } from '@/lib/nomos/reshape';
import { startOfBerlinDay, expectedIntervals } from '@/lib/prices/berlin-time';

import { RECENT_USAGE_TTL_MS, loadUsage } from './load';
import type { UsageInterval } from './types';

vi.mock('@/lib/nomos/client', () => ({ getUsage: vi.fn(async () => ({})) }));
vi.mock('@/lib/nomos/reshape', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/nomos/reshape')>()),
  reshapeUsage: vi.fn(),
}));

const QUARTER = 15 * 60_000;
/** Every quarter-hour of `date`, final or preliminary. */
function day(date: string, final: boolean): UsageInterval[] {
  const start = startOfBerlinDay(date);
  return Array.from({ length: expectedIntervals(date, '15min') }, (_, i) => ({
    start: start + i * QUARTER,
    end: start + (i + 1) * QUARTER,
    kwh: 0.1,
    final,
  }));
}

let grants = 0;
const connection = (): Connection => ({ grantId: `usage-load-${++grants}`, accessToken: 'at', obtainedAt: 0 });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.UTC(2026, 10, 23, 12));
  // A final day and a day whose values are still preliminary.
  vi.mocked(reshapeUsage).mockReturnValue([...day('2026-11-20', true), ...day('2026-11-21', false)]);
});
afterEach(() => {
  vi.useRealTimers();
  vi.mocked(getUsage).mockClear();
});

describe('loadUsage', () => {
  it('asks Nomos again for days not final yet only after a few minutes; final days are kept', async () => {
    const customer = connection();
    const first = await loadUsage(customer, 'sub_1', '2026-11-20', '2026-11-21');
    expect(first).toHaveLength(192);
    expect(getUsage).toHaveBeenCalledOnce();

    // Moments later (another day, another period): everything is served from the caches.
    vi.setSystemTime(Date.now() + RECENT_USAGE_TTL_MS - 1_000);
    await expect(loadUsage(customer, 'sub_1', '2026-11-20', '2026-11-21', { cachedOnly: true })).resolves.toEqual(
      first,
    );
    expect(getUsage).toHaveBeenCalledOnce();

    // Later, only the preliminary day is fetched again.
    vi.setSystemTime(Date.now() + 2_000);
    await loadUsage(customer, 'sub_1', '2026-11-20', '2026-11-21');
    expect(getUsage).toHaveBeenCalledTimes(2);
    expect(vi.mocked(getUsage).mock.calls[1]?.slice(1)).toEqual(['sub_1', '2026-11-21', '2026-11-22']);
  });

  it('keeps one connection’s days from another', async () => {
    await loadUsage(connection(), 'sub_1', '2026-11-20', '2026-11-21');
    await expect(loadUsage(connection(), 'sub_1', '2026-11-20', '2026-11-21', { cachedOnly: true })).rejects.toThrow();
  });

  it('returns the quarter-hours in order when a cached day lies between days fetched from Nomos', async () => {
    const customer = connection();
    vi.mocked(reshapeUsage).mockReturnValueOnce(day('2026-11-20', true));
    await loadUsage(customer, 'sub_1', '2026-11-20', '2026-11-20');
    // The 19th and the 21st come from Nomos in one call; the 20th from the cache.
    vi.mocked(reshapeUsage).mockReturnValueOnce([...day('2026-11-19', true), ...day('2026-11-21', true)]);
    const usage = await loadUsage(customer, 'sub_1', '2026-11-19', '2026-11-21');
    expect(usage).toHaveLength(3 * 96);
    expect(usage.map((interval) => interval.start)).toEqual(
      Array.from({ length: 3 * 96 }, (_, i) => startOfBerlinDay('2026-11-19') + i * QUARTER),
    );
  });
});
