import { afterEach, describe, expect, it, vi } from 'vitest';

import { startJobTicker } from './ticker';

afterEach(() => {
  vi.useRealTimers();
});

describe('the in-process ticker', () => {
  it('reads the app’s clock afresh on each tick and hands it to the runner', async () => {
    const seen: number[] = [];
    const clock = { now: Date.parse('2026-11-24T13:20:00Z') };
    const ticker = startJobTicker({ runDueJobs: async (now) => void seen.push(now), clock: async () => clock.now });
    try {
      await ticker.tick();
      clock.now += 5 * 60_000;
      await ticker.tick();
      expect(seen).toEqual([Date.parse('2026-11-24T13:20:00Z'), Date.parse('2026-11-24T13:25:00Z')]);
    } finally {
      ticker.stop();
    }
  });

  it('ticks on its interval, without keeping the process alive, until stopped', async () => {
    vi.useFakeTimers();
    const setInterval = vi.spyOn(globalThis, 'setInterval');
    let runs = 0;
    const ticker = startJobTicker({ runDueJobs: async () => void runs++, clock: async () => 0, everyMs: 30_000 });
    const timer = setInterval.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    await vi.advanceTimersByTimeAsync(90_000);
    expect(runs).toBe(3);
    ticker.stop();
    await vi.advanceTimersByTimeAsync(90_000);
    expect(runs).toBe(3);
  });

  it('skips a tick while the last one still runs, and logs a failed one without stopping', async () => {
    let release: () => void = () => undefined;
    let runs = 0;
    const lines: string[] = [];
    const ticker = startJobTicker({
      runDueJobs: () => {
        runs++;
        if (runs === 2) return Promise.reject(new Error('store down'));
        return new Promise<void>((resolve) => (release = resolve));
      },
      clock: async () => 0,
      log: (line) => lines.push(line),
    });
    try {
      const slow = ticker.tick();
      const overlapping = ticker.tick();
      expect(overlapping).toBe(slow);
      await Promise.resolve();
      release();
      await slow;
      expect(runs).toBe(1);
      await ticker.tick();
      expect(lines).toEqual(['[jobs] tick failed: Error: store down']);
      expect(runs).toBe(2);
    } finally {
      ticker.stop();
    }
  });
});
