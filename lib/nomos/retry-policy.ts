import 'server-only';

import { config } from '@/lib/config';

// How the app's calls to Nomos are timed and retried, apart from the fetch
// code that follows them: the refresh lock's lease is computed from the
// token policy without loading the token endpoint's client.

export type RetryPolicy = {
  /** Retries after the first attempt, for 429 and 5xx answers only. */
  retries: number;
  /** Base of the exponential backoff, in ms. */
  baseDelayMs: number;
  /** Upper bound for any single wait, including a server's Retry-After. */
  maxDelayMs: number;
  /** Time limit for each attempt. */
  timeoutMs: number;
};

/** How this app calls Nomos, API and token endpoint alike. */
export const nomosRetryPolicy: RetryPolicy = {
  retries: 2,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  timeoutMs: config.nomos.timeoutMs,
};

/** How the app calls the token endpoint: one long attempt, retried only when Nomos provably did not process it. */
export const tokenRetryPolicy: RetryPolicy = {
  retries: 2,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  timeoutMs: config.nomos.tokenTimeoutMs,
};
