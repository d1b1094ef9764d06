import 'server-only';

import { NomosError } from '@/lib/nomos/errors';

import type { JobContext } from './job';

export type JobRetryPolicy = {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The first wait; each further one doubles, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry may start later than this before the slot ends: the next slot takes over. */
  slotMarginMs: number;
};

/**
 * How jobs retry a busy Nomos (on top of the few quick retries of
 * lib/nomos/http.ts): in a five-minute slot, after about 5, 10 and 20 s.
 */
export const nomosJobRetryPolicy: JobRetryPolicy = {
  attempts: 4,
  baseDelayMs: 5_000,
  maxDelayMs: 60_000,
  slotMarginMs: 30_000,
};

/**
 * Nomos said it is busy or could not answer (`unavailable`: 429, 5xx, a time-out):
 * worth another try. A refused grant (`connection-ended`) or a rejected
 * request never is.
 */
export function isRetryable(error: unknown): boolean {
  return error instanceof NomosError && error.kind === 'unavailable';
}

/** The wait before retry `retry` (0 for the first retry): exponential, with jitter in its upper half. */
export function retryDelay(retry: number, policy: JobRetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Calls `call` until it succeeds, fails for good, or the policy or the slot
 * runs out; throws the last error then. `onRetry` hears of each retry (for
 * the job's counts).
 */
export async function withRetries<T>(
  call: () => Promise<T>,
  context: Pick<JobContext, 'now' | 'sleep' | 'slot'>,
  {
    policy = nomosJobRetryPolicy,
    random = Math.random,
    onRetry = () => undefined,
  }: { policy?: JobRetryPolicy; random?: () => number; onRetry?: (delayMs: number) => void } = {},
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isRetryable(error) || attempt + 1 >= policy.attempts) throw error;
      const delay = retryDelay(attempt, policy, random);
      if (context.now() + delay > context.slot.end - policy.slotMarginMs) throw error;
      onRetry(delay);
      await context.sleep(delay);
    }
  }
}
