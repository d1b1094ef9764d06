import 'server-only';

import { alertJob } from '@/lib/alerts/alert-job-wiring';
import { pushEnabled } from '@/lib/alerts/push';
import { now, syncClock } from '@/lib/clock';
import type { Job } from '@/lib/jobs/job';
import { createJobRunner, type JobRunner } from '@/lib/jobs/runner';
import { startJobTicker, type JobTicker } from '@/lib/jobs/ticker';
import { processSingleton } from '@/lib/process-singleton';
import { getSharedStore } from '@/lib/store';

/** The jobs this app runs: alerts, while the VAPID keys are set. */
export const appJobs: readonly Job[] = pushEnabled ? [alertJob] : [];

/** The runner of this process: slots claimed in the shared store (memory, or Redis for several instances). */
export function getJobRunner(): JobRunner {
  return processSingleton('job-runner', () => createJobRunner({ jobs: appJobs, store: getSharedStore(), now }));
}

/** Runs what is due now on the app's clock (the sandbox's in the demo and tests). */
export async function runDueJobs() {
  return getJobRunner().runDueJobs(await syncClock());
}

/**
 * Starts this process's ticker (JOBS_SCHEDULER=in-process), once per process
 * however often it is called; none while there is no job to run.
 */
export function startAppJobTicker(): JobTicker | null {
  if (appJobs.length === 0) return null;
  return processSingleton('job-ticker', () =>
    startJobTicker({ runDueJobs: (at) => getJobRunner().runDueJobs(at), clock: syncClock }),
  );
}
