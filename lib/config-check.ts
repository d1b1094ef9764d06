import 'server-only';

/** Loads the configuration; on failure prints why and stops the server. */
export async function checkConfigOrExit() {
  try {
    await import('./config');
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
