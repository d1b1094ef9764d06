import { afterEach, describe, expect, it, vi } from 'vitest';

import { backoffDelay, fetchWithRetry, parseRetryAfter } from './http';
import type { RetryPolicy } from './retry-policy';

const policy: RetryPolicy = { retries: 2, baseDelayMs: 1, maxDelayMs: 50, timeoutMs: 1_000 };

function answers(...statuses: number[]) {
  const calls: number[] = [];
  const fetchMock = vi.fn(async () => {
    const status = statuses[Math.min(calls.length, statuses.length - 1)]!;
    calls.push(Date.now());
    return new Response('{}', { status, headers: status === 429 ? { 'Retry-After': '0' } : {} });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => vi.unstubAllGlobals());

describe('fetchWithRetry', () => {
  it('does not retry a 4xx answer other than 429', async () => {
    const fetchMock = answers(401, 200);
    expect((await fetchWithRetry('http://nomos.test/x', {}, policy)).status).toBe(401);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('gives up after the bounded number of retries and returns the last answer', async () => {
    const fetchMock = answers(503, 503, 503, 200);
    expect((await fetchWithRetry('http://nomos.test/x', {}, policy)).status).toBe(503);
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });

  it('retries 429 and 5xx until Nomos answers', async () => {
    const fetchMock = answers(429, 502, 200);
    expect((await fetchWithRetry('http://nomos.test/x', {}, policy)).status).toBe(200);
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });

  it('does not retry a network failure, which may have reached Nomos', async () => {
    const fetchMock = vi.fn(async () => {
      throw new TypeError('fetch failed');
    });
    vi.stubGlobal('fetch', fetchMock);
    await expect(fetchWithRetry('http://nomos.test/x', {}, policy)).rejects.toThrow('fetch failed');
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});

describe('parseRetryAfter', () => {
  it('ignores a missing or unreadable header', () => {
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });

  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:05 GMT', Date.parse('2026-11-23T10:00:00Z'))).toBe(5_000);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially, stays under the cap, and is spread by jitter', () => {
    const big: RetryPolicy = { retries: 5, baseDelayMs: 100, maxDelayMs: 1_000, timeoutMs: 1_000 };
    expect(backoffDelay(0, big, () => 0.999)).toBeLessThanOrEqual(100);
    expect(backoffDelay(2, big, () => 0.999)).toBeLessThanOrEqual(400);
    expect(backoffDelay(2, big, () => 0.999)).toBeGreaterThan(300);
    expect(backoffDelay(10, big, () => 0.999)).toBeLessThanOrEqual(1_000);
    expect(backoffDelay(2, big, () => 0)).toBe(0);
  });
});
