import 'server-only';

import { createHmac } from 'node:crypto';

import type { NextRequest } from 'next/server';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  type RateLimiterAbstract,
  type RateLimiterRes,
} from 'rate-limiter-flexible';

import { config } from '@/lib/config';
import { processSingleton } from '@/lib/process-singleton';
import { getSharedStore, type LazyRedisStore, type SharedStore } from '@/lib/store';

import { clientAddress, UNKNOWN_CLIENT } from './client-address';
import { rateLimitConfig } from './config';
import { LOCALE_COOKIE, resolveLocale } from '@/lib/i18n/locales';

import { tooManySignInAttempts } from './rate-limit-response';

export type RateLimitVerdict =
  | { allowed: true }
  | {
      allowed: false;
      /** Whole seconds until the window ends, at least 1: the `Retry-After` value. */
      retryAfterSeconds: number;
      /** This is the first request over the limit in its window (worth one log line). */
      first: boolean;
    };

export type AuthRateLimiterOptions = {
  store: SharedStore;
  /** Requests allowed per key and window. */
  points: number;
  windowSeconds: number;
  /** Redis keys are `<keyPrefix>:<key>`. */
  keyPrefix?: string;
};

/**
 * A fixed-window limit per key, counted in the shared store: in Redis when
 * the app runs as several instances, so that they count together, else in
 * this process's memory.
 *
 * While Redis is down or slow, an in-memory limiter of the same size takes
 * over (rate-limiter-flexible's `insuranceLimiter`): sign-in keeps working
 * and stays limited, per instance rather than for all of them, until Redis
 * answers again.
 */
export class AuthRateLimiter {
  private readonly limiter: Promise<RateLimiterAbstract>;
  private readonly points: number;

  constructor({ store, points, windowSeconds, keyPrefix = 'nomos-hems:auth-rate-limit' }: AuthRateLimiterOptions) {
    this.points = points;
    const inMemory = new RateLimiterMemory({ points, duration: windowSeconds, keyPrefix });
    this.limiter = redisClientOf(store).then(async (client) => {
      if (client === null) return inMemory;
      // Until the store's first connection attempt settles, Redis calls would fail at once.
      await store.ping().catch(() => undefined);
      return new RateLimiterRedis({
        storeClient: client,
        useRedisPackage: true,
        // The client queues nothing while offline; fall back at once instead of failing the command.
        rejectIfRedisNotReady: true,
        points,
        duration: windowSeconds,
        keyPrefix,
        insuranceLimiter: inMemory,
      });
    });
  }

  /** Counts one request against `key`. */
  async take(key: string): Promise<RateLimitVerdict> {
    const limiter = await this.limiter;
    try {
      await limiter.consume(key);
      return { allowed: true };
    } catch (rejection) {
      if (!isRateLimiterRes(rejection)) throw rejection;
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)),
        first: rejection.consumedPoints === this.points + 1,
      };
    }
  }
}

/** The node-redis client behind a Redis store (loaded first when it is loaded lazily), or null. */
async function redisClientOf(store: SharedStore): Promise<unknown> {
  if (store.kind !== 'redis') return null;
  const loaded =
    'loaded' in store && typeof store.loaded === 'function' ? await (store as LazyRedisStore).loaded() : store;
  return 'redisClient' in loaded ? loaded.redisClient : null;
}

/**
 * A rejection over the limit is a `RateLimiterRes`, not an `Error`. Next.js
 * may bundle the library once per route while the limiter lives once per
 * process, so recognise it by its shape rather than with `instanceof`.
 */
function isRateLimiterRes(value: unknown): value is RateLimiterRes {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Error) &&
    typeof (value as Partial<RateLimiterRes>).msBeforeNext === 'number' &&
    typeof (value as Partial<RateLimiterRes>).consumedPoints === 'number'
  );
}

/** One limiter per process, so /auth/login and /auth/callback count together. */
export function getAuthRateLimiter(): AuthRateLimiter {
  return processSingleton('auth-rate-limiter', () => {
    if (config.production && rateLimitConfig.trustedProxyCount === 0) {
      console.warn(
        '[auth] TRUSTED_PROXY_COUNT is 0, so X-Forwarded-For is ignored and every client shares one sign-in rate limit. Behind a reverse proxy or load balancer, set it to the number of proxies.',
      );
    }
    return new AuthRateLimiter({
      store: getSharedStore(),
      points: rateLimitConfig.authRateLimit.points,
      windowSeconds: rateLimitConfig.authRateLimit.windowSeconds,
    });
  });
}

/**
 * Addresses are personal data: the store holds a keyed hash of each, which
 * cannot be reversed by trying all IPv4 addresses without the secret.
 */
function bucketKey(address: string): string {
  const secret = config.sessionSecrets[0] ?? '';
  return createHmac('sha256', secret).update(`auth-rate-limit:${address}`).digest('base64url').slice(0, 22);
}

/**
 * Runs a sign-in route (`/auth/login`, `/auth/callback`) unless its client
 * is over `AUTH_RATE_LIMIT` requests per `AUTH_RATE_LIMIT_WINDOW_SECONDS`,
 * in which case it answers 429 with `Retry-After`. Every sign-in ends in a
 * token request with the app's client credentials, and Nomos limits those
 * per client: without this, anyone could use them up for every customer.
 */
export async function withAuthRateLimit(
  request: NextRequest,
  handler: (request: NextRequest) => Promise<Response>,
): Promise<Response> {
  const address = clientAddress(request.headers.get('x-forwarded-for'), rateLimitConfig.trustedProxyCount);
  const verdict = await getAuthRateLimiter().take(bucketKey(address));
  if (verdict.allowed) return handler(request);
  if (verdict.first) {
    const who = address === UNKNOWN_CLIENT ? 'all clients together (no trusted proxy)' : 'one client';
    console.warn(`[auth] sign-in rate limit reached by ${who}; answering 429 for ${verdict.retryAfterSeconds} s`);
  }
  const locale = resolveLocale({
    cookie: request.cookies.get(LOCALE_COOKIE)?.value,
    acceptLanguage: request.headers.get('accept-language'),
  });
  return tooManySignInAttempts(verdict.retryAfterSeconds, locale);
}
