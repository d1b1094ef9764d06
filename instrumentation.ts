/**
 * Runs once when the server starts: parse the configuration now, so that a
 * missing or malformed variable stops `next start` / `next dev` at once with
 * one line per problem, instead of failing the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { checkConfigOrExit } = await import('./lib/config-check');
    await checkConfigOrExit();
  }
}
