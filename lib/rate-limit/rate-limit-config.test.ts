import { describe, expect, it } from 'vitest';

import type { ConfigError } from '@/lib/config-schema';

import { parseRateLimitConfig } from './rate-limit-config';

describe('parseRateLimitConfig', () => {
  it('refuses a bad auth rate limit, window or proxy count with one line each', () => {
    const cases: [Record<string, string>, string][] = [
      [{ AUTH_RATE_LIMIT: 'lots' }, 'AUTH_RATE_LIMIT: must be a whole number of requests from 1 to 100000'],
      [{ AUTH_RATE_LIMIT: '2.5' }, 'AUTH_RATE_LIMIT: must be a whole number of requests from 1 to 100000'],
      [
        { AUTH_RATE_LIMIT: '-1' },
        'AUTH_RATE_LIMIT: must be at least 1 (there is no off switch: set a high number instead)',
      ],
      [
        { AUTH_RATE_LIMIT: '0' },
        'AUTH_RATE_LIMIT: must be at least 1 (there is no off switch: set a high number instead)',
      ],
      [
        { AUTH_RATE_LIMIT_WINDOW_SECONDS: '0' },
        'AUTH_RATE_LIMIT_WINDOW_SECONDS: must be a whole number of seconds from 1 to 86400',
      ],
      [
        { AUTH_RATE_LIMIT_WINDOW_SECONDS: '1m' },
        'AUTH_RATE_LIMIT_WINDOW_SECONDS: must be a whole number of seconds from 1 to 86400',
      ],
      [{ TRUSTED_PROXY_COUNT: '-1' }, 'TRUSTED_PROXY_COUNT: must be a whole number of proxies from 0 to 10'],
      [{ TRUSTED_PROXY_COUNT: 'yes' }, 'TRUSTED_PROXY_COUNT: must be a whole number of proxies from 0 to 10'],
      [{ TRUSTED_PROXY_COUNT: '11' }, 'TRUSTED_PROXY_COUNT: must be a whole number of proxies from 0 to 10'],
    ];
    for (const [env, line] of cases) {
      try {
        parseRateLimitConfig(env);
        expect.unreachable(`parseConfig accepted ${JSON.stringify(env)}`);
      } catch (error) {
        expect((error as ConfigError).issues).toEqual([line]);
      }
    }
  });

  it('limits sign-in to 20 requests a minute per address and trusts no proxy by default', () => {
    const defaults = parseRateLimitConfig({});
    expect(defaults.authRateLimit).toEqual({ points: 20, windowSeconds: 60 });
    expect(defaults.trustedProxyCount).toBe(0);
    const tuned = parseRateLimitConfig({
      AUTH_RATE_LIMIT: '5',
      AUTH_RATE_LIMIT_WINDOW_SECONDS: '300',
      TRUSTED_PROXY_COUNT: '2',
    });
    expect(tuned.authRateLimit).toEqual({ points: 5, windowSeconds: 300 });
    expect(tuned.trustedProxyCount).toBe(2);
  });

  it('treats an empty variable as unset', () => {
    expect(parseRateLimitConfig({ AUTH_RATE_LIMIT: '' }).authRateLimit.points).toBe(20);
  });
});
