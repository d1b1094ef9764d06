import 'server-only';

/** Loads the configuration; on failure prints why and stops the server. */
export async function checkConfigOrExit() {
  try {
    await import('./config');
    // Features are configured apart (only what uses them loads it), and checked at start all the same.
    await import('./rate-limit/config');
    await import('./alerts/config');
    await import('./jobs/config');
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
