/**
 * When Nomos refuses an access token the app believed valid (it ended
 * earlier than its stated lifetime, or Nomos stated none and the assumed
 * hour was too long), the page sends the browser through `RENEW_PATH`,
 * where the proxy renews the grant once, as if the token had expired, and
 * sends it back. A token obtained moments ago that Nomos refuses is not
 * stale: renewing again would not help, so the page says the connection
 * ended instead, and no request can loop between the page and the renewal.
 */

/** The proxy renews the session here, then redirects to `returnTo` (a path on this app, checked). */
export const RENEW_PATH = '/auth/renew';

/** A token younger than this that Nomos refuses is not renewed again. */
export const REFUSED_TOKEN_MIN_AGE_MS = 30_000;

export function renewPath(returnTo: string): string {
  return `${RENEW_PATH}?${new URLSearchParams({ returnTo })}`;
}

/** Whether a refused access token obtained at `obtainedAt` may be renewed now. */
export function mayRenewRefusedToken(tokens: { obtainedAt: number }, now: number): boolean {
  return now - tokens.obtainedAt >= REFUSED_TOKEN_MIN_AGE_MS;
}
