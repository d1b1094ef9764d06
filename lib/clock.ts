import 'server-only';

import { cache } from 'react';
import { z } from 'zod';

import { config } from '@/lib/config';

const clockSchema = z.object({ now: z.string().datetime({ offset: true }) });

/**
 * The current time for this request. In production it is the system clock.
 * A demo or test setup can set `DEMO_CLOCK_URL` to the sandbox's clock, so
 * that "today", "now" and "tomorrow is published" follow the sandbox when it
 * is moved in time. If the clock cannot be read, the system clock is used.
 */
export const getNow = cache(async (): Promise<number> => {
  if (!config.demoClockUrl) return Date.now();
  try {
    const response = await fetch(config.demoClockUrl, { cache: 'no-store', signal: AbortSignal.timeout(1_000) });
    return Date.parse(clockSchema.parse(await response.json()).now);
  } catch {
    return Date.now();
  }
});
