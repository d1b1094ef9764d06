import 'server-only';

import { nomosRetryPolicy, tokenRetryPolicy, type RetryPolicy } from './retry-policy';

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
 * The answers that prove the request was not processed: 429 and 503 with
 * `Retry-After` (the server says it turned the request away), or a
 * connection that was refused before anything was sent.
 */
function provablyUnprocessed(outcome: Response | unknown): boolean {
  if (outcome instanceof Response) {
    return outcome.status === 429 || (outcome.status === 503 && outcome.headers.has('retry-after'));
  }
  const cause = outcome instanceof Error ? (outcome.cause as { code?: unknown } | undefined) : undefined;
  return cause?.code === 'ECONNREFUSED';
}

/**
 * `fetch` with a per-attempt timeout, retried while `shouldRetry` says so and
 * `policy.retries` allows, honouring `Retry-After`. A thrown error that is
 * not retried is thrown as it is.
 */
async function fetchRetrying(
  input: string | URL,
  init: RequestInit,
  policy: RetryPolicy,
  shouldRetry: (outcome: Response | unknown) => boolean,
): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    let outcome: Response | unknown;
    try {
      outcome = await fetch(input, {
        ...init,
        signal: init.signal ?? AbortSignal.timeout(policy.timeoutMs),
        cache: 'no-store',
      });
    } catch (error) {
      outcome = error;
    }
    if (!shouldRetry(outcome) || attempt >= policy.retries) {
      if (outcome instanceof Response) return outcome;
      throw outcome;
    }
    const wait = outcome instanceof Response ? parseRetryAfter(outcome.headers.get('retry-after')) : null;
    if (outcome instanceof Response) await outcome.body?.cancel();
    await sleep(Math.min(wait ?? backoffDelay(attempt, policy), policy.maxDelayMs));
  }
}

/**
 * `fetch` with a per-attempt timeout and bounded retries of 429 and 5xx
 * answers, honouring `Retry-After`. Network errors and timeouts are not
 * retried: the request may have been processed, and for a rotating refresh
 * token a second attempt would look like token theft.
 */
export function fetchWithRetry(
  input: string | URL,
  init: RequestInit = {},
  policy: RetryPolicy = nomosRetryPolicy,
): Promise<Response> {
  return fetchRetrying(input, init, policy, (outcome) => outcome instanceof Response && retryable(outcome.status));
}

/**
 * `fetch` for calls that must not be repeated once they may have reached
 * Nomos: the refresh grant (a rotating refresh token presented twice looks
 * like theft and revokes the grant) and the code exchange (a replayed code
 * revokes what it issued). One attempt with its own long time limit; a
 * retry only after an answer that proves the first was not processed
 * (`provablyUnprocessed`). A timeout, a dropped connection or a 500/502/504
 * is returned or thrown as it is: the caller must treat it as ambiguous.
 */
export function fetchWithoutReplay(
  input: string | URL,
  init: RequestInit = {},
  policy: RetryPolicy = tokenRetryPolicy,
): Promise<Response> {
  return fetchRetrying(input, init, policy, provablyUnprocessed);
}
