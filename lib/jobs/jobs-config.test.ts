import { describe, expect, it } from 'vitest';

import type { ConfigError } from '@/lib/config-schema';

import { parseJobsConfig } from './jobs-config';

const secret = 'a'.repeat(32);

function issues(env: Record<string, string>): string[] {
  try {
    parseJobsConfig(env);
  } catch (error) {
    return (error as ConfigError).issues;
  }
  throw new Error(`parseJobsConfig accepted ${JSON.stringify(env)}`);
}

describe('the jobs configuration', () => {
  it('refuses a short or spaced secret, an unknown scheduler, and an external one without a secret', () => {
    expect(issues({ JOBS_SECRET: 'short' })).toEqual([
      'JOBS_SECRET: must be at least 32 characters (e.g. `openssl rand -base64 32`)',
    ]);
    expect(issues({ JOBS_SECRET: `${secret} x` })).toEqual(['JOBS_SECRET: must not contain spaces']);
    expect(issues({ JOBS_SCHEDULER: 'cron' })).toEqual([
      'JOBS_SCHEDULER: must be in-process (a timer in each app process) or external (a cron calls POST /api/jobs/run)',
    ]);
    expect(issues({ JOBS_SCHEDULER: 'external' })).toEqual([
      'JOBS_SECRET: must be set with JOBS_SCHEDULER=external (the cron calls POST /api/jobs/run with it as a bearer token)',
    ]);
  });

  it('runs jobs in-process by default, with the route off until a secret is set', () => {
    expect(parseJobsConfig({})).toEqual({ scheduler: 'in-process', secret: undefined });
    expect(parseJobsConfig({ JOBS_SECRET: '' })).toEqual({ scheduler: 'in-process', secret: undefined });
    expect(parseJobsConfig({ JOBS_SCHEDULER: 'external', JOBS_SECRET: secret })).toEqual({
      scheduler: 'external',
      secret,
    });
  });
});
