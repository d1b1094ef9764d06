import 'server-only';

import { parseRateLimitConfig } from './rate-limit-config';

/** The sign-in rate limit of this process, parsed once from its environment. */
export const rateLimitConfig = parseRateLimitConfig(process.env);
