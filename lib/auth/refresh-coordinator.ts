import { createHash } from 'node:crypto';

export type RotatedTokens = {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
  obtainedAt: number;
  scope: string;
};

/**
 * Makes sure one refresh token is presented to Nomos at most once.
 *
 * Nomos rotates refresh tokens and treats a second use as theft, revoking
 * the whole grant (RFC 9700 §4.14). A page load fires several requests at
 * once, all carrying the same cookie, so:
 * - concurrent callers with the same refresh token share one upstream call;
 * - callers that arrive shortly after it, still carrying the previous cookie
 *   (their response with the new cookie is not back yet), get the
 *   just-rotated tokens from a short grace window instead of presenting the
 *   dead token again.
 *
 * This coordinates within one server process. Several instances behind a
 * load balancer need the same two maps in a shared store with a lock.
 */
export class RefreshCoordinator {
  private readonly inFlight = new Map<string, Promise<RotatedTokens>>();
  private readonly recent = new Map<string, { tokens: RotatedTokens; until: number }>();

  constructor(
    private readonly redeem: (refreshToken: string) => Promise<RotatedTokens>,
    private readonly graceMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  refresh(refreshToken: string): Promise<RotatedTokens> {
    // Hash the key so the maps hold no usable token for anyone who dumps memory.
    const key = createHash('sha256').update(refreshToken).digest('base64url');
    this.forgetExpired();
    const recent = this.recent.get(key);
    if (recent) {
      // The caller's token was rotated moments ago. If the rotated access
      // token has itself run out, renew from the newest generation; the
      // caller's own refresh token is dead and must not be presented again.
      return needsRefresh(recent.tokens, this.now())
        ? this.refresh(recent.tokens.refreshToken)
        : Promise.resolve(recent.tokens);
    }
    const pending = this.inFlight.get(key);
    if (pending) return pending;

    const call = this.redeem(refreshToken)
      .then((tokens) => {
        this.recent.set(key, { tokens, until: this.now() + this.graceMs });
        return tokens;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, call);
    return call;
  }

  private forgetExpired() {
    const now = this.now();
    for (const [key, entry] of this.recent) if (entry.until <= now) this.recent.delete(key);
  }
}

/**
 * How long before expiry to refresh: about a minute, but never more than
 * half of the token's lifetime, so very short-lived tokens (tests) are not
 * refreshed on every request.
 */
export function refreshMarginMs(tokens: Pick<RotatedTokens, 'expiresAt' | 'obtainedAt'>): number {
  return Math.min(60_000, Math.max(0, tokens.expiresAt - tokens.obtainedAt) / 2);
}

export function needsRefresh(tokens: Pick<RotatedTokens, 'expiresAt' | 'obtainedAt'>, now = Date.now()) {
  return tokens.expiresAt - now <= refreshMarginMs(tokens);
}
