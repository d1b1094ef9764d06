import { describe, expect, it } from 'vitest';

import { NomosError } from '@/lib/nomos/errors';

import { slotOf } from './job';
import { nomosJobRetryPolicy, retryDelay, withRetries } from './retry';

const MIN = 60_000;
const busy = (status: 429 | 503) => new NomosError('unavailable', `Nomos answered ${status}`, { status });

/** A fake clock: `sleep` moves it and records each wait. */
function fakeTime(start = Date.parse('2026-11-24T13:20:00Z')) {
  const clock = { now: start, waits: [] as number[] };
  return {
    clock,
    context: {
      slot: slotOf(start, 5 * MIN),
      now: () => clock.now,
      sleep: async (ms: number) => {
        clock.waits.push(ms);
        clock.now += ms;
      },
    },
  };
}

/** Fails with the given errors in turn, then answers. */
function calls(...failures: Error[]) {
  let count = 0;
  return {
    get count() {
      return count;
    },
    call: async () => {
      const failure = failures[count++];
      if (failure) throw failure;
      return 'prices';
    },
  };
}

describe('withRetries', () => {
  it('never retries a refused grant or a rejected request', async () => {
    for (const error of [
      new NomosError('connection-ended', 'the grant was revoked', { status: 401 }),
      new NomosError('rejected', 'bad request', { status: 400 }),
      new Error('a bug'),
    ]) {
      const { clock, context } = fakeTime();
      const fails = calls(error);
      await expect(withRetries(fails.call, context)).rejects.toBe(error);
      expect(fails.count).toBe(1);
      expect(clock.waits).toEqual([]);
    }
  });

  it('retries 429 and 503 with a doubling backoff on the job’s clock, then succeeds', async () => {
    const { clock, context } = fakeTime();
    const fails = calls(busy(429), busy(503), busy(429));
    const retries: number[] = [];
    await expect(
      withRetries(fails.call, context, { random: () => 1, onRetry: (ms) => retries.push(ms) }),
    ).resolves.toBe('prices');
    expect(fails.count).toBe(4);
    expect(clock.waits).toEqual([5_000, 10_000, 20_000]);
    expect(retries).toEqual(clock.waits);
  });

  it('gives up after the policy’s attempts with the last error', async () => {
    const { context } = fakeTime();
    const last = busy(503);
    const fails = calls(busy(429), busy(429), busy(429), last, busy(429));
    await expect(withRetries(fails.call, context, { random: () => 0 })).rejects.toBe(last);
    expect(fails.count).toBe(nomosJobRetryPolicy.attempts);
  });

  it('does not wait past the end of its slot: the next slot takes over', async () => {
    const { clock, context } = fakeTime(Date.parse('2026-11-24T13:24:20Z'));
    const fails = calls(busy(429), busy(429));
    // 40 s left in the slot, 30 s of margin: a 5 s wait fits, a 10 s one does not.
    await expect(withRetries(fails.call, context, { random: () => 1 })).rejects.toThrow('Nomos answered 429');
    expect(clock.waits).toEqual([5_000]);
  });
});

describe('retryDelay', () => {
  it('doubles from the base up to the maximum, jittered in its upper half', () => {
    const policy = { ...nomosJobRetryPolicy, baseDelayMs: 1_000, maxDelayMs: 6_000 };
    expect([0, 1, 2, 3].map((retry) => retryDelay(retry, policy, () => 1))).toEqual([1_000, 2_000, 4_000, 6_000]);
    expect([0, 1, 2, 3].map((retry) => retryDelay(retry, policy, () => 0))).toEqual([500, 1_000, 2_000, 3_000]);
  });
});
