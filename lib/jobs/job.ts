/**
 * A job: work that must run once per time slot (every five minutes, every
 * hour), whatever the number of app instances. The runner (`./runner.ts`)
 * claims each slot in the shared store and runs the job only where the
 * claim was won; see docs/decisions/011-jobs-run-once-per-slot.md.
 */
export type Job = {
  /** Names the job in slot keys and logs: 1–32 of a-z, 0-9 and -. */
  readonly name: string;
  /** Length of a slot, in ms: slots are `[k × periodMs, (k + 1) × periodMs)` on the app's clock. */
  readonly periodMs: number;
  /** Runs the job for one slot; resolves with one line of what it did (counts, outcomes: never tokens or addresses). */
  run(context: JobContext): Promise<JobResult>;
};

export type JobSlot = { index: number; start: number; end: number };

export type JobContext = {
  slot: JobSlot;
  /** The app's clock (lib/clock.ts): tests move it. */
  now(): number;
  /** Waits on the app's clock: tests pass one that moves a fake clock instead. */
  sleep(ms: number): Promise<void>;
  log(line: string): void;
};

export type JobResult = { summary: string };

const JOB_NAME = /^[a-z0-9-]{1,32}$/;

/** Checks a job's name and period once, when the runner is built. */
export function assertValidJob(job: Job): void {
  if (!JOB_NAME.test(job.name)) throw new RangeError(`Job name must be 1–32 of a-z, 0-9 and -: ${job.name}`);
  if (!Number.isInteger(job.periodMs) || job.periodMs < 1000) {
    throw new RangeError(`Job ${job.name}: periodMs must be a whole number of ms, at least 1000`);
  }
}

/** The slot of `periodMs` containing `now`. */
export function slotOf(now: number, periodMs: number): JobSlot {
  const index = Math.floor(now / periodMs);
  return { index, start: index * periodMs, end: (index + 1) * periodMs };
}
