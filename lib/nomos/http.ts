import 'server-only';

import { config } from '@/lib/config';

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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Seconds or an HTTP date, as RFC 9110 §10.2.3 allows; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Full jitter (AWS architecture blog): spreads retries of many clients apart. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(random() * ceiling);
}

const retryable = (status: number) => status === 429 || status >= 500;

/**
 * `fetch` with a per-attempt timeout and bounded retries of 429 and 5xx
 * answers, honouring `Retry-After`. Network errors and timeouts are not
 * retried: the request may have been processed, and for a rotating refresh
 * token a second attempt would look like token theft.
 */
export async function fetchWithRetry(
  input: string | URL,
  init: RequestInit = {},
  policy: RetryPolicy = nomosRetryPolicy,
): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(input, {
      ...init,
      signal: init.signal ?? AbortSignal.timeout(policy.timeoutMs),
      cache: 'no-store',
    });
    if (!retryable(response.status) || attempt >= policy.retries) return response;
    const wait = parseRetryAfter(response.headers.get('retry-after')) ?? backoffDelay(attempt, policy);
    await response.body?.cancel();
    await sleep(Math.min(wait, policy.maxDelayMs));
  }
}
