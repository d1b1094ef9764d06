import 'server-only';

/**
 * The in-process scheduler: asks the runner every `everyMs` (30 s) to run
 * what is due. It never keeps the process alive (its timer is unref'd) and
 * reads the app's clock on each tick (`syncClock`: the sandbox's clock in the
 * demo and tests), so moving the clock moves the jobs. Tests do not wait for
 * it: they call `runDueJobs(now)` themselves, or `tick()`.
 *
 * On several instances every one may run its ticker: the slot claims make
 * each job run once per slot all the same.
 */
export type JobTicker = {
  /** One tick now: resolves when its jobs are done. A tick while one is running is skipped. */
  tick(): Promise<void>;
  stop(): void;
};

export const DEFAULT_TICK_MS = 30_000;

export function startJobTicker({
  runDueJobs,
  clock,
  everyMs = DEFAULT_TICK_MS,
  log = (line) => console.error(line),
}: {
  runDueJobs: (now: number) => Promise<unknown>;
  /** The app's clock, read afresh on each tick. */
  clock: () => Promise<number>;
  everyMs?: number;
  log?: (line: string) => void;
}): JobTicker {
  let running: Promise<void> | null = null;

  function tick(): Promise<void> {
    // A slow run (Nomos backing off) must not pile up ticks behind it.
    running ??= (async () => {
      try {
        await runDueJobs(await clock());
      } catch (error) {
        log(`[jobs] tick failed: ${error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error'}`);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
