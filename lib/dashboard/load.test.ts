import { beforeEach, describe, expect, it, vi } from 'vitest';

import { makeIntervals, makeSeries } from '@/lib/prices/fixtures';

const nomos = vi.hoisted(() => ({ getPrices: vi.fn(), getUsage: vi.fn(), listSubscriptions: vi.fn() }));
vi.mock('@/lib/nomos/client', () => nomos);

const { getPriceCache, loadPrices, NotCached } = await import('./load');
const { loadUsage } = await import('@/lib/usage/load');

const connection = { grantId: 'grant-cached-only', accessToken: 'token', obtainedAt: 0 };

describe('cachedOnly: the state a page can render in one piece', () => {
  beforeEach(() => {
    nomos.getPrices.mockReset();
    nomos.getUsage.mockReset();
  });

  it('answers cached prices without asking Nomos', async () => {
    const series = makeSeries(makeIntervals('2026-11-20', { days: 2 }));
    await getPriceCache().set(connection.grantId, 'sub_1', '2026-11-20', '2026-11-21', series);
    const loaded = await loadPrices(connection, 'sub_1', '2026-11-20', '2026-11-21', { cachedOnly: true });
    expect(loaded.intervals).toHaveLength(192);
    expect(nomos.getPrices).not.toHaveBeenCalled();
  });

  it('throws NotCached instead of asking Nomos for prices or usage it does not have', async () => {
    await expect(
      loadPrices(connection, 'sub_1', '2026-10-01', '2026-10-02', { cachedOnly: true }),
    ).rejects.toBeInstanceOf(NotCached);
    await expect(
      loadUsage(connection, 'sub_1', '2026-10-01', '2026-10-07', { cachedOnly: true }),
    ).rejects.toBeInstanceOf(NotCached);
    expect(nomos.getPrices).not.toHaveBeenCalled();
    expect(nomos.getUsage).not.toHaveBeenCalled();
  });
});
