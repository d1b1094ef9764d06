import { z } from 'zod';

import { ConfigError, configIssues, wholeNumber, withoutEmpty } from '@/lib/config-schema';

/**
 * The sign-in rate limit's variables, parsed apart from the core
 * configuration so that only the sign-in routes load them;
 * `lib/config-check.ts` parses them at start-up all the same.
 */
const rateLimitEnvSchema = z.object({
  AUTH_RATE_LIMIT: wholeNumber(1, 100_000, 'requests', {
    // A security limit must not be switched off by accident.
    belowMin: 'must be at least 1 (there is no off switch: set a high number instead)',
  }).default(20),
  AUTH_RATE_LIMIT_WINDOW_SECONDS: wholeNumber(1, 86_400, 'seconds').default(60),
  TRUSTED_PROXY_COUNT: wholeNumber(0, 10, 'proxies').default(0),
});

export type RateLimitConfig = {
  /** Requests to /auth/login and /auth/callback together, per client address and window. */
  authRateLimit: { points: number; windowSeconds: number };
  /**
   * Reverse proxies in front of the app that each append to X-Forwarded-For.
   * 0: the header is ignored, since a client talking to the app directly can write anything in it.
   */
  trustedProxyCount: number;
};

/** Parses the rate-limit variables of `env`; throws `ConfigError` with one line per problem. */
export function parseRateLimitConfig(env: Record<string, string | undefined>): RateLimitConfig {
  const result = rateLimitEnvSchema.safeParse(withoutEmpty(env));
  if (!result.success) throw new ConfigError(configIssues(result.error));
  const e = result.data;
  return {
    authRateLimit: { points: e.AUTH_RATE_LIMIT, windowSeconds: e.AUTH_RATE_LIMIT_WINDOW_SECONDS },
    trustedProxyCount: e.TRUSTED_PROXY_COUNT,
  };
}
