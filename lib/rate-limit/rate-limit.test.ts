import { setTimeout as sleep } from 'node:timers/promises';

import { NextRequest } from 'next/server';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';

import { rateLimitConfig } from './config';
import { MemoryStore } from '@/lib/store/memory-store';
import { RedisStore } from '@/lib/store/redis-store';

import { AuthRateLimiter, withAuthRateLimit } from './rate-limit';
import { tooManySignInAttempts } from './rate-limit-response';

const redisStores: RedisStore[] = [];
let prefixes = 0;
function openRedis(url = inject('redisUrl')) {
  const store = new RedisStore({ url });
  redisStores.push(store);
  return store;
}
afterAll(() => Promise.all(redisStores.map((store) => store.close())));
const freshPrefix = () => `rate-limit-test-${process.pid}-${++prefixes}`;

async function takeTimes(limiter: AuthRateLimiter, key: string, times: number) {
  const verdicts = [];
  for (let i = 0; i < times; i++) verdicts.push(await limiter.take(key));
  return verdicts;
}

describe.each([
  ['memory store', () => new MemoryStore()],
  ['Redis store', () => openRedis()],
] as const)('AuthRateLimiter with the %s', (_name, makeStore) => {
  it('refuses the request over the limit, saying how many seconds of the window are left', async () => {
    const limiter = new AuthRateLimiter({ store: makeStore(), points: 3, windowSeconds: 60, keyPrefix: freshPrefix() });
    const verdicts = await takeTimes(limiter, 'client-a', 5);
    expect(verdicts.slice(0, 3)).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    const [fourth, fifth] = verdicts.slice(3);
    expect(fourth).toMatchObject({ allowed: false, first: true });
    expect(fifth).toMatchObject({ allowed: false, first: false });
    if (fourth?.allowed !== false) throw new Error('unreachable');
    expect(fourth.retryAfterSeconds).toBeGreaterThan(55);
    expect(fourth.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('counts each client apart', async () => {
    const limiter = new AuthRateLimiter({ store: makeStore(), points: 1, windowSeconds: 60, keyPrefix: freshPrefix() });
    await expect(limiter.take('client-a')).resolves.toEqual({ allowed: true });
    await expect(limiter.take('client-a')).resolves.toMatchObject({ allowed: false });
    await expect(limiter.take('client-b')).resolves.toEqual({ allowed: true });
  });

  it('allows requests again once the window is over', async () => {
    const limiter = new AuthRateLimiter({ store: makeStore(), points: 1, windowSeconds: 1, keyPrefix: freshPrefix() });
    await limiter.take('client-a');
    await expect(limiter.take('client-a')).resolves.toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    await sleep(1_100);
    await expect(limiter.take('client-a')).resolves.toEqual({ allowed: true });
  });
});

describe('AuthRateLimiter with Redis', () => {
  it('counts the requests of every instance together, under the given key prefix', async () => {
    const keyPrefix = freshPrefix();
    const storeA = openRedis();
    const a = new AuthRateLimiter({ store: storeA, points: 2, windowSeconds: 60, keyPrefix });
    const b = new AuthRateLimiter({ store: openRedis(), points: 2, windowSeconds: 60, keyPrefix });
    await expect(a.take('client-a')).resolves.toEqual({ allowed: true });
    await expect(b.take('client-a')).resolves.toEqual({ allowed: true });
    // Each instance alone has seen fewer than the limit: only a shared count refuses these.
    await expect(a.take('client-a')).resolves.toMatchObject({ allowed: false });
    await expect(b.take('client-a')).resolves.toMatchObject({ allowed: false });
    await expect(storeA.redisClient.get(`${keyPrefix}:client-a`)).resolves.toBe('4');
  });

  it('neither blocks sign-in nor drops the limit while Redis is down', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const limiter = new AuthRateLimiter({
        store: openRedis('redis://127.0.0.1:1'),
        points: 2,
        windowSeconds: 60,
        keyPrefix: freshPrefix(),
      });
      const verdicts = await takeTimes(limiter, 'client-a', 3);
      expect(verdicts.slice(0, 2)).toEqual([{ allowed: true }, { allowed: true }]);
      expect(verdicts[2]).toMatchObject({ allowed: false, first: true });
      await expect(limiter.take('client-b')).resolves.toEqual({ allowed: true });
    } finally {
      errors.mockRestore();
    }
  });
});

describe('withAuthRateLimit', () => {
  const login = () => Promise.resolve(new Response(null, { status: 303, headers: { Location: 'https://nomos' } }));

  it('answers 429 past the limit even to a client that forges a new X-Forwarded-For each time (no trusted proxy)', async () => {
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const handler = vi.fn(login);
      const request = (i: number) =>
        new NextRequest('http://localhost:3000/auth/login', { headers: { 'X-Forwarded-For': `198.51.100.${i}` } });
      const { points } = rateLimitConfig.authRateLimit;
      for (let i = 0; i < points; i++) expect((await withAuthRateLimit(request(i), handler)).status).toBe(303);
      const refused = await withAuthRateLimit(request(points), handler);
      expect(refused.status).toBe(429);
      expect(handler).toHaveBeenCalledTimes(points);
      expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(50);
      expect(refused.headers.get('Cache-Control')).toBe('no-store');
      expect(await refused.text()).toMatch(/Please wait \d+ seconds, then try again\./);
      expect(warnings).toHaveBeenCalledTimes(1);
    } finally {
      warnings.mockRestore();
    }
  });
});

describe('tooManySignInAttempts', () => {
  it('is a 429 HTML page that no cache keeps, naming the wait in plain words', async () => {
    const response = tooManySignInAttempts(1, 'en');
    expect(response.status).toBe(429);
    expect(response.headers.get('Retry-After')).toBe('1');
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('<h1');
    expect(html).toContain('Too many sign-in attempts');
    expect(html).toContain('Please wait 1 second, then try again.');
    expect(html).toContain('<html lang="en">');
  });

  it('speaks German to a German browser', async () => {
    const html = await tooManySignInAttempts(30, 'de').text();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('Zu viele Anmeldeversuche');
    expect(html).toContain('Bitte warten Sie 30 Sekunden');
    expect(html).not.toContain('Too many sign-in attempts');
    expect(await tooManySignInAttempts(1, 'de').text()).toContain('Bitte warten Sie 1 Sekunde');
  });
});
