// Where a page sends the browser when Nomos refused a token that was not fresh: see renew-refused.ts.

/** The proxy renews the session here, then redirects to `returnTo` (a path on this app, checked). */
export const RENEW_PATH = '/auth/renew';

/** A token younger than this that Nomos refuses is not renewed again: no request loops. */
export const REFUSED_TOKEN_MIN_AGE_MS = 30_000;

export function renewPath(returnTo: string): string {
  return `${RENEW_PATH}?${new URLSearchParams({ returnTo })}`;
}

/** Whether a refused access token obtained at `obtainedAt` may be renewed now. */
export function mayRenewRefusedToken(tokens: { obtainedAt: number }, now: number): boolean {
  return now - tokens.obtainedAt >= REFUSED_TOKEN_MIN_AGE_MS;
}
