/**
 * Runs once when the server starts: parse the configuration now, so that a
 * missing or malformed variable stops `next start` / `next dev` at once with
 * one line per problem, instead of failing the first request; then start
 * the in-process job ticker (lib/jobs/ticker.ts) when it is chosen.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { checkConfigOrExit } = await import('./lib/config-check');
    await checkConfigOrExit();
    // One timer per process runs the jobs (alerts) unless a cron calls POST /api/jobs/run instead.
    const { jobsConfig } = await import('./lib/jobs/config');
    if (jobsConfig.scheduler === 'in-process') {
      const { startAppJobTicker } = await import('./lib/app-jobs');
      startAppJobTicker();
    }
  }
}
