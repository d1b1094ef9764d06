import { z } from 'zod';

import { ConfigError, configIssues, withoutEmpty } from '@/lib/config-schema';

/**
 * The configuration of the jobs (alerts): who triggers them, and the secret
 * a cron must present to `POST /api/jobs/run`. Parsed apart from the core
 * configuration, so that only what runs jobs loads it; `lib/config-check.ts`
 * parses it at start-up all the same.
 */
const jobsEnvSchema = z.object({
  JOBS_SCHEDULER: z
    .enum(['in-process', 'external'], {
      error: 'must be in-process (a timer in each app process) or external (a cron calls POST /api/jobs/run)',
    })
    .default('in-process'),
  JOBS_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 32`)')
    .max(512, 'must be at most 512 characters')
    .refine((value) => !/\s/.test(value), 'must not contain spaces')
    .optional(),
});

export type JobsConfig = {
  /**
   * in-process: a timer in every app process runs what is due (one server, or
   * several sharing Redis); external: only `POST /api/jobs/run` does (serverless
   * hosts, whose processes sleep between requests, call it from their cron).
   */
  scheduler: 'in-process' | 'external';
  /** The bearer token of `POST /api/jobs/run`; unset: the route answers 404. */
  secret: string | undefined;
};

/** Parses the job variables of `env`; throws `ConfigError` with one line per problem. */
export function parseJobsConfig(env: Record<string, string | undefined>): JobsConfig {
  const result = jobsEnvSchema.safeParse(withoutEmpty(env));
  if (!result.success) throw new ConfigError(configIssues(result.error));
  const { JOBS_SCHEDULER: scheduler, JOBS_SECRET: secret } = result.data;
  if (scheduler === 'external' && secret === undefined) {
    throw new ConfigError([
      'JOBS_SECRET: must be set with JOBS_SCHEDULER=external (the cron calls POST /api/jobs/run with it as a bearer token)',
    ]);
  }
  return { scheduler, secret };
}
