import 'server-only';

import { randomUUID } from 'node:crypto';

import { isStoreUnavailable, type SharedStore } from '@/lib/store/shared-store';

import { assertValidJob, slotOf, type Job, type JobContext } from './job';

export type JobRun = {
  job: string;
  slot: number;
  /**
   * - ran: this instance claimed the slot and the job finished;
   * - failed: this instance claimed the slot and the job threw (the slot is spent: the next slot runs it again);
   * - taken: another instance (or an earlier call here) has the slot;
   * - store-unavailable: the slot could not be claimed (Redis down): nothing ran, the next call tries again.
   */
  outcome: 'ran' | 'failed' | 'taken' | 'store-unavailable';
  summary?: string;
  durationMs?: number;
};

export type JobRunnerOptions = {
  jobs: readonly Job[];
  /** The shared store (memory on one instance, Redis on several): where slots are claimed. */
  store: SharedStore;
  /** The app's clock, for the jobs. */
  now: () => number;
  /** Waits on the app's clock; default: real time. */
  sleep?: (ms: number) => Promise<void>;
  log?: (line: string) => void;
  /** Written into the claim, for whoever reads Redis. */
  instanceId?: string;
};

/** The key of a job's slot claim. */
export const slotKey = (job: string, slot: number) => `job:${job}:${slot}`;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs each job at most once per slot across every instance sharing the
 * store: `setIfAbsent('job:<name>:<slot>')` decides which caller runs it.
 * The claim lives two slots, longer than the slot itself, so a late caller in
 * the same slot still finds it. Call `runDueJobs` as often as you like (a
 * ticker every 30 s, a cron's `POST /api/jobs/run`): only the first call of
 * a slot anywhere runs the job.
 */
export function createJobRunner({
  jobs,
  store,
  now,
  sleep = realSleep,
  log = (line) => console.info(line),
  instanceId = randomUUID(),
}: JobRunnerOptions) {
  for (const job of jobs) assertValidJob(job);
  if (new Set(jobs.map((job) => job.name)).size !== jobs.length) throw new RangeError('Job names must be unique');
  // Slots this process already tried: later calls in the slot skip the store.
  const tried = new Map<string, number>();

  async function runJob(job: Job, at: number): Promise<JobRun> {
    const slot = slotOf(at, job.periodMs);
    if (tried.get(job.name) === slot.index) return { job: job.name, slot: slot.index, outcome: 'taken' };
    let won: boolean;
    try {
      won = await store.setIfAbsent(slotKey(job.name, slot.index), instanceId, 2 * job.periodMs);
    } catch (error) {
      if (!isStoreUnavailable(error)) throw error;
      log(`[jobs] ${job.name} slot ${slot.index}: not run, the shared store is unavailable`);
      return { job: job.name, slot: slot.index, outcome: 'store-unavailable' };
    }
    tried.set(job.name, slot.index);
    if (!won) return { job: job.name, slot: slot.index, outcome: 'taken' };

    const started = now();
    const context: JobContext = { slot, now, sleep, log };
    try {
      const { summary } = await job.run(context);
      const durationMs = now() - started;
      log(`[jobs] ${job.name} slot ${slot.index}: ${summary} (${durationMs} ms)`);
      return { job: job.name, slot: slot.index, outcome: 'ran', summary, durationMs };
    } catch (error) {
      const durationMs = now() - started;
      // The error's name and message only: a stack may carry more than a log should.
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
      log(`[jobs] ${job.name} slot ${slot.index}: failed, ${reason} (${durationMs} ms)`);
      return { job: job.name, slot: slot.index, outcome: 'failed', summary: reason, durationMs };
    }
  }

  return {
    jobs,
    /** Runs every job whose current slot has not run anywhere yet; resolves when they are done. */
    runDueJobs(at: number = now()): Promise<JobRun[]> {
      return Promise.all(jobs.map((job) => runJob(job, at)));
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
