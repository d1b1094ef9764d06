import { createHash, randomBytes } from 'node:crypto';

import { z } from 'zod';

import { NOMOS_ERROR_KINDS, NomosError } from '@/lib/nomos/errors';
import { isStoreUnavailable, type SharedStore } from '@/lib/store/shared-store';

export type RotatedTokens = {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
  obtainedAt: number;
  scope: string;
};

/** Seals values before they reach the store (iron-session, keyed by `SESSION_SECRET`). */
export type ValueSealer = {
  seal: (data: object, ttlSeconds: number) => Promise<string>;
  unseal: (seal: string, ttlSeconds: number) => Promise<unknown>;
};

/** What the instance that redeemed a refresh token publishes for everyone holding it. */
const outcomeSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    tokens: z.object({
      accessToken: z.string().min(1),
      refreshToken: z.string().min(1),
      expiresAt: z.number(),
      obtainedAt: z.number(),
      scope: z.string(),
    }),
  }),
  z.object({
    ok: z.literal(false),
    kind: z.enum(NOMOS_ERROR_KINDS),
    message: z.string(),
    requestId: z.string().optional(),
  }),
]);
type Outcome = z.infer<typeof outcomeSchema>;

export type RefreshCoordinatorOptions = {
  /** Redeems a refresh token at Nomos; the only call that may present one. */
  redeem: (refreshToken: string) => Promise<RotatedTokens>;
  store: SharedStore;
  sealer: ValueSealer;
  /** How long the rotated tokens are kept for requests still carrying the previous cookie. */
  graceMs?: number;
  /** How long a failed refresh is remembered, so a burst of requests does not retry it at once. */
  failureMemoryMs?: number;
  /**
   * How long the winning instance holds the lock: longer than the whole
   * token call may take (every attempt's time limit and the waits between).
   */
  leaseMs: number;
  /** How long other callers wait for the winner's result before giving up with "unavailable". */
  waitTimeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

/** A grace window entry may point at tokens that need renewing themselves; follow at most this many generations. */
const MAX_GENERATIONS = 3;

/** `NomosError.details.code` when the app's own store, not Nomos, stood in the way. */
export const SESSION_STORE_UNAVAILABLE = 'SESSION_STORE_UNAVAILABLE';

const hash = (token: string) => createHash('sha256').update(token).digest('base64url');
const lockKey = (key: string) => `refresh:lock:${key}`;
const outcomeKey = (key: string) => `refresh:outcome:${key}`;

/** The store keys of one refresh token's coordination: hashes, never the token. */
export function refreshStoreKeys(refreshToken: string) {
  const key = hash(refreshToken);
  return { lock: lockKey(key), outcome: outcomeKey(key) };
}

/**
 * Makes sure one refresh token is presented to Nomos at most once, across
 * every request of every instance that shares the store.
 *
 * Nomos rotates refresh tokens and treats a second use as theft, revoking
 * the whole grant (RFC 9700 §4.14). A page load fires several requests at
 * once, all carrying the same cookie, and behind a load balancer they land
 * on different instances. So, per refresh token:
 * - one caller wins a lock in the store (`SET NX PX`, released only by its
 *   owner), redeems the token once and publishes the outcome, sealed;
 * - everyone else waits for that outcome (polling with backoff, bounded by
 *   `waitTimeoutMs`) and never presents the token themselves;
 * - the outcome stays for a grace window, so requests that arrive shortly
 *   after, still carrying the previous cookie, get the rotated tokens;
 * - within one process, concurrent callers share one promise, so the store
 *   sees one waiter per instance, not one per request.
 * A store that cannot be reached, or an outcome that cannot be read (a
 * secret this instance does not know yet), ends the call with
 * "unavailable": never with an uncoordinated refresh.
 */
export class RefreshCoordinator {
  private readonly inFlight = new Map<string, Promise<RotatedTokens>>();
  private readonly graceMs: number;
  private readonly failureMemoryMs: number;
  private readonly waitTimeoutMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: RefreshCoordinatorOptions) {
    this.graceMs = options.graceMs ?? 30_000;
    this.failureMemoryMs = options.failureMemoryMs ?? 3_000;
    this.waitTimeoutMs = options.waitTimeoutMs ?? Math.min(options.leaseMs, 15_000);
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Fresh tokens for the holder of `refreshToken`. Throws `NomosError` (`connection-ended` or `unavailable`). */
  refresh(refreshToken: string): Promise<RotatedTokens> {
    return this.refreshGeneration(refreshToken, 0);
  }

  /**
   * Forgets what the store holds for this refresh token (logout): a copy of
   * the previous cookie can then no longer pick up the rotated tokens.
   */
  async forget(refreshToken: string): Promise<void> {
    await this.options.store.delete(outcomeKey(hash(refreshToken)));
  }

  private refreshGeneration(refreshToken: string, generation: number): Promise<RotatedTokens> {
    const key = hash(refreshToken);
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const call = this.settle(refreshToken, key).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, call);
    return call.then((tokens) =>
      // The caller's token was rotated a while ago and the rotated access
      // token has itself run out: renew from the newest generation. The
      // caller's own refresh token is dead and must not be presented again.
      needsRefresh(tokens, this.now()) && generation < MAX_GENERATIONS
        ? this.refreshGeneration(tokens.refreshToken, generation + 1)
        : tokens,
    );
  }

  private async settle(refreshToken: string, key: string): Promise<RotatedTokens> {
    const { store } = this.options;
    const deadline = this.now() + this.waitTimeoutMs;
    let delay = 10;
    try {
      for (;;) {
        const published = await this.readOutcome(key);
        if (published) return unwrap(published);

        const owner = randomBytes(16).toString('base64url');
        if (await store.setIfAbsent(lockKey(key), owner, this.options.leaseMs)) {
          return unwrap(await this.redeemAndPublish(refreshToken, key, owner));
        }
        // Another caller holds the lock: wait for what it publishes.
        const left = deadline - this.now();
        if (left <= 0) {
          throw new NomosError(
            'unavailable',
            'Renewing your Nomos connection took too long',
          );
        }
        await this.sleep(Math.min(delay, left));
        delay = Math.min(delay * 2, 250);
      }
    } catch (error) {
      if (isStoreUnavailable(error)) {
        console.error(`[refresh] ${error.message}: not refreshing without coordination`);
        throw new NomosError(
          'unavailable',
          'Your Nomos connection could not be renewed because this app’s session store is unreachable',
          { cause: error, code: SESSION_STORE_UNAVAILABLE },
        );
      }
      throw error;
    }
  }

  private async redeemAndPublish(refreshToken: string, key: string, owner: string): Promise<Outcome> {
    const { store, sealer } = this.options;
    // Someone may have published between our read and our lock.
    const published = await this.readOutcome(key);
    if (published) {
      await store.deleteIfEquals(lockKey(key), owner);
      return published;
    }

    let outcome: Outcome;
    try {
      outcome = { ok: true, tokens: await this.options.redeem(refreshToken) };
    } catch (error) {
      if (!(error instanceof NomosError)) {
        await store.deleteIfEquals(lockKey(key), owner).catch(() => {});
        throw error;
      }
      outcome = { ok: false, kind: error.kind, message: error.message, requestId: error.requestId };
    }

    const ttlMs = outcome.ok || outcome.kind === 'connection-ended' ? this.graceMs : this.failureMemoryMs;
    try {
      await store.set(outcomeKey(key), await sealer.seal(outcome, Math.ceil(ttlMs / 1000) + 1), ttlMs);
    } catch (error) {
      // Tokens redeemed but not published: keep the lock until its lease
      // runs out, so no other caller presents the dead refresh token
      // meanwhile. This caller still gets the tokens and writes the cookie.
      console.error('[refresh] rotated tokens could not be shared; other requests wait for the lease', error);
      return outcome;
    }
    await store.deleteIfEquals(lockKey(key), owner).catch(() => {});
    return outcome;
  }

  private async readOutcome(key: string): Promise<Outcome | null> {
    const sealed = await this.options.store.get(outcomeKey(key));
    if (sealed === null) return null;
    const outcome = outcomeSchema.safeParse(await this.options.sealer.unseal(sealed, Math.ceil(this.graceMs / 1000) + 1));
    if (!outcome.success) {
      // Sealed with a secret this instance does not know (a rotation being
      // rolled out) or damaged: the token was redeemed, so never redeem it again.
      throw new NomosError('unavailable', 'Your renewed Nomos connection could not be read');
    }
    return outcome.data;
  }
}

function unwrap(outcome: Outcome): RotatedTokens {
  if (outcome.ok) return outcome.tokens;
  throw new NomosError(outcome.kind, outcome.message, { requestId: outcome.requestId });
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
