import 'server-only';

import { randomBytes } from 'node:crypto';

import { z } from 'zod';

import { NOMOS_ERROR_KINDS, NomosError, OUTCOME_UNKNOWN } from '@/lib/nomos/errors';
import { isStoreUnavailable, type SharedStore, keyHash } from '@/lib/store/shared-store';

import type { Sealer } from '@/lib/auth/session/cookies';
import { tokensSchema, type Tokens } from '@/lib/auth/session/session-data';

/** One generation of a grant: its tokens, and how many rotations came before them. */
export type Generation = { generation: number; tokens: Tokens };

const failureSchema = z.object({
  kind: z.enum(NOMOS_ERROR_KINDS),
  message: z.string(),
  requestId: z.string().optional(),
  code: z.string().optional(),
  /** App-clock ms until which nobody tries again; a grant that ended stays ended. */
  until: z.number(),
});

/**
 * The grant's chain, one entry per grant (not per rotation): the newest
 * generation, and what happened when it was last redeemed, if that failed.
 * Every refresh token of the grant older than `generation` is spent, and a
 * request carrying one is served from here; it never reaches Nomos again.
 */
const chainSchema = z.object({
  generation: z.number().int().min(0),
  tokens: tokensSchema,
  failure: failureSchema.optional(),
});
type Chain = z.infer<typeof chainSchema>;

/**
 * Where a grant that the server keeps for alerts (lib/server-grant/) keeps
 * its newest generation beyond the shared store: a durable record that
 * survives a restart of an app whose shared store is its memory. The
 * coordinator reads it when the store holds no chain, and writes every
 * generation it publishes to it, still holding the grant's lock.
 */
export type GrantArchive = {
  /** The newest generation kept for the grant, or null when the server does not keep it. */
  load(grantId: string): Promise<Generation | null>;
  /** Keeps `next` when the server keeps the grant and holds an older generation; does nothing otherwise. */
  save(grantId: string, next: Generation): Promise<void>;
};

/** Per call: whether the grant is kept on the server, so its archive is read and written. */
export type RenewOptions = { archived?: boolean };

export type RefreshCoordinatorOptions = {
  /** Redeems a refresh token at Nomos; the only call that may present one. */
  redeem: (refreshToken: string, scope: string) => Promise<Tokens>;
  store: SharedStore;
  sealer: Sealer;
  /**
   * Whether the grant was logged out. Asked before the chain hands out
   * anything; a store error there refuses the refresh (never fails open).
   */
  isRevoked: (grantId: string) => Promise<boolean>;
  /** For grants the server keeps (see `GrantArchive`); unset: no grant is kept beyond the shared store. */
  archive?: GrantArchive;
  /** How long a temporary failure is remembered, so a burst of requests does not retry it at once. */
  failureMemoryMs?: number;
  /**
   * How long an ambiguous failure (Nomos may have processed the call) is
   * remembered: the next attempt presents the same token, and must not
   * overlap a call that may still be finishing at Nomos.
   */
  unknownOutcomeMemoryMs?: number;
  /**
   * How long the winning instance holds the lock: longer than the whole
   * token call may take (its time limit, the waits between the retries
   * that are allowed, and a margin). Discovery happens before the lock.
   */
  leaseMs: number;
  /** How long other callers wait for the winner's result before giving up with "unavailable". */
  waitTimeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

/** `NomosError.details.code` when the app's own store, not Nomos, stood in the way. */
export const SESSION_STORE_UNAVAILABLE = 'SESSION_STORE_UNAVAILABLE';
/** `NomosError.details.code` of a refused refresh for a grant that was logged out. */
export const LOGGED_OUT = 'LOGGED_OUT';

/** The store keys of one grant's coordination: hashes of its random id, never a token. */
export function grantStoreKeys(grantId: string) {
  const key = keyHash(grantId);
  return { lock: `grant:lock:${key}`, chain: `grant:chain:${key}` };
}

/**
 * Makes sure a refresh token is presented to Nomos at most once, across
 * every request of every instance that shares the store, for as long as any
 * cookie holding it can live.
 *
 * Nomos rotates refresh tokens and treats a second use as theft, revoking
 * the whole grant (RFC 9700 §4.14). A page load fires several requests at
 * once with the same cookie, behind a load balancer they land on different
 * instances, and a response with the new cookie can be lost on the way (a
 * closed tab, a tunnel). So, per grant:
 * - the store keeps the chain: the newest generation of tokens, sealed,
 *   for the session's remaining lifetime. A request carrying any older
 *   generation gets the newest tokens (refreshed once if they are due);
 * - one caller wins a lock in the store (`SET NX PX`, released only by its
 *   owner), redeems the newest refresh token once, and publishes the next
 *   generation, again only while it holds the lock;
 * - everyone else waits for it (polling with backoff, bounded by
 *   `waitTimeoutMs`) and never presents the token themselves;
 * - within one process, concurrent callers share one promise.
 * A store that cannot be reached, or a chain that cannot be read (a secret
 * this instance does not know yet), ends the call with "unavailable":
 * never with an uncoordinated refresh.
 */
export class RefreshCoordinator {
  private readonly inFlight = new Map<string, Promise<Generation>>();
  private readonly failureMemoryMs: number;
  private readonly unknownOutcomeMemoryMs: number;
  private readonly waitTimeoutMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: RefreshCoordinatorOptions) {
    this.failureMemoryMs = options.failureMemoryMs ?? 3_000;
    this.unknownOutcomeMemoryMs = options.unknownOutcomeMemoryMs ?? 5_000;
    this.waitTimeoutMs = options.waitTimeoutMs ?? options.leaseMs;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /**
   * The newest generation of the grant for a holder of `current`, refreshed
   * when its access token is due. `keepMs`: how long a cookie holding these
   * tokens can live (the session's remaining lifetime); the chain is kept
   * that long. Throws `NomosError` (`connection-ended` or `unavailable`).
   */
  renew(grantId: string, current: Generation, keepMs: number, options: RenewOptions = {}): Promise<Generation> {
    const { chain } = grantStoreKeys(grantId);
    const pending = this.inFlight.get(chain);
    if (pending)
      return pending.then((newest) =>
        newest.generation >= current.generation ? newest : this.renew(grantId, current, keepMs, options),
      );
    const call = this.guarded(() => this.settle(grantId, current, keepMs, options)).finally(() =>
      this.inFlight.delete(chain),
    );
    this.inFlight.set(chain, call);
    return call;
  }

  /**
   * A newer generation than `generation`, when the chain holds one that is
   * not due for a refresh: for a request whose cookie fell behind (its
   * response with the newer cookie was lost, or a slower response rolled it
   * back). Null otherwise. Does not check the revocation list: call it only
   * after the caller did, strictly.
   */
  async newer(grantId: string, generation: number, options: RenewOptions = {}): Promise<Generation | null> {
    const chain = await this.guarded(() => this.readChain(grantId, options));
    if (!chain || chain.generation <= generation || needsRefresh(chain.tokens, this.now())) return null;
    return { generation: chain.generation, tokens: chain.tokens };
  }

  /** Forgets the grant's chain (logout); the revocation list is what refuses its cookies. */
  async forget(grantId: string): Promise<void> {
    await this.options.store.delete(grantStoreKeys(grantId).chain);
  }

  private async settle(grantId: string, current: Generation, keepMs: number, options: RenewOptions) {
    const { store } = this.options;
    const keys = grantStoreKeys(grantId);
    const deadline = this.now() + this.waitTimeoutMs;
    let delay = 10;
    for (;;) {
      // Strictly, before the chain hands out anything: a logged-out grant gets nothing.
      if (await this.options.isRevoked(grantId)) {
        throw new NomosError('connection-ended', 'This session was logged out', { code: LOGGED_OUT });
      }
      const decision = this.decide(current, await this.readChain(grantId, options));
      if ('serve' in decision) return decision.serve;

      const owner = randomBytes(16).toString('base64url');
      if (await store.setIfAbsent(keys.lock, owner, this.options.leaseMs)) {
        let result: { next: Generation; published: boolean } | null;
        try {
          result = await this.redeemUnderLock(grantId, decision.redeem, owner, keepMs, options);
        } catch (error) {
          await store.deleteIfEquals(keys.lock, owner).catch(() => {});
          throw error;
        }
        // Redeemed but not published (the store failed in between): keep the
        // lock until its lease runs out, so no other caller presents the
        // spent token meanwhile. This caller still gets the tokens for its cookie.
        if (!result || result.published) await store.deleteIfEquals(keys.lock, owner).catch(() => {});
        if (result) return result.next;
        continue;
      }
      // Another caller holds the lock: wait for what it publishes.
      const left = deadline - this.now();
      if (left <= 0) throw new NomosError('unavailable', 'Renewing your Nomos connection took too long');
      await this.sleep(Math.min(delay, left));
      delay = Math.min(delay * 2, 250);
    }
  }

  /** What to do with the chain as read: serve its newest generation, fail as it remembers, or redeem. */
  private decide(current: Generation, chain: Chain | null): { serve: Generation } | { redeem: Generation } {
    const newest =
      chain && chain.generation > current.generation ? { generation: chain.generation, tokens: chain.tokens } : current;
    const failure = chain?.failure;
    if (chain && failure && chain.generation === newest.generation && failure.until > this.now()) {
      throw new NomosError(failure.kind, failure.message, { requestId: failure.requestId, code: failure.code });
    }
    return needsRefresh(newest.tokens, this.now()) ? { redeem: newest } : { serve: newest };
  }

  /**
   * Redeems `newest` once, holding the lock, and publishes the result.
   * Returns null when the chain moved on meanwhile (look again).
   */
  private async redeemUnderLock(
    grantId: string,
    newest: Generation,
    owner: string,
    keepMs: number,
    options: RenewOptions,
  ): Promise<{ next: Generation; published: boolean } | null> {
    const keys = grantStoreKeys(grantId);
    // Someone may have published between our read and our lock.
    const chain = await this.readChain(grantId, options);
    if (chain && chain.generation > newest.generation) return null;
    if (chain?.failure && chain.generation === newest.generation && chain.failure.until > this.now()) return null;

    let next: Generation;
    try {
      next = {
        generation: newest.generation + 1,
        tokens: await this.options.redeem(newest.tokens.refreshToken, newest.tokens.scope),
      };
    } catch (error) {
      if (!(error instanceof NomosError)) throw error;
      const until =
        error.kind === 'connection-ended'
          ? Number.MAX_SAFE_INTEGER
          : this.now() + (error.details.code === OUTCOME_UNKNOWN ? this.unknownOutcomeMemoryMs : this.failureMemoryMs);
      const failure = {
        kind: error.kind,
        message: error.message,
        requestId: error.requestId,
        code: error.details.code,
        until,
      };
      await this.publish(keys, owner, { ...newest, failure }, keepMs).catch((publishError: unknown) => {
        console.error('[refresh] a failed refresh could not be recorded', publishError);
      });
      throw error;
    }
    // The archive first: a rotation the server keeps must outlive a restart
    // even when the shared store is this process's memory.
    if (options.archived) {
      await this.options.archive?.save(grantId, next).catch((error: unknown) => {
        console.error('[refresh] a kept grant’s new tokens could not be archived', error);
      });
    }
    try {
      if (!(await this.publish(keys, owner, next, keepMs))) {
        // The lease ran out before Nomos answered: publish all the same unless
        // the chain already holds this generation or a newer one.
        const latest = await this.read(keys.chain);
        if (!latest || latest.generation < next.generation) await this.write(keys.chain, next, keepMs);
        console.error('[refresh] the lock expired during the token call; raise the lease above the token time limit');
      }
    } catch (error) {
      console.error('[refresh] rotated tokens could not be shared; other requests wait for the lease', error);
      return { next, published: false };
    }
    return { next, published: true };
  }

  private async publish(keys: { lock: string; chain: string }, owner: string, chain: Chain, keepMs: number) {
    const sealed = await this.options.sealer.seal(chain, sealSeconds(keepMs));
    return this.options.store.setIfHeld(keys.lock, owner, keys.chain, sealed, keepMs);
  }

  private async write(key: string, chain: Chain, keepMs: number) {
    await this.options.store.set(key, await this.options.sealer.seal(chain, sealSeconds(keepMs)), keepMs);
  }

  /** The grant's chain in the shared store; else, for a grant the server keeps, its archived generation. */
  private async readChain(grantId: string, options: RenewOptions): Promise<Chain | null> {
    const chain = await this.read(grantStoreKeys(grantId).chain);
    if (chain || !options.archived || !this.options.archive) return chain;
    return this.options.archive.load(grantId);
  }

  private async read(key: string): Promise<Chain | null> {
    const sealed = await this.options.store.get(key);
    if (sealed === null) return null;
    const chain = chainSchema.safeParse(await this.options.sealer.unseal(sealed, 0));
    if (!chain.success) {
      // Sealed with a secret this instance does not know (a rotation being
      // rolled out) or damaged: its tokens were redeemed, so never redeem them again.
      throw new NomosError('unavailable', 'Your renewed Nomos connection could not be read');
    }
    return chain.data;
  }

  /** Store failures become "unavailable": without coordination, nothing is presented. */
  private async guarded<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (!isStoreUnavailable(error)) throw error;
      console.error(`[refresh] ${error.message}: not refreshing without coordination`);
      throw new NomosError(
        'unavailable',
        'Your Nomos connection could not be renewed because this app’s session store is unreachable',
        { cause: error, code: SESSION_STORE_UNAVAILABLE },
      );
    }
  }
}

const sealSeconds = (keepMs: number) => Math.ceil(keepMs / 1000) + 1;

/**
 * How long before expiry to refresh: about a minute, but never more than
 * half of the token's lifetime, so very short-lived tokens (tests) are not
 * refreshed on every request.
 */
export function refreshMarginMs(tokens: Pick<Tokens, 'expiresAt' | 'obtainedAt'>): number {
  return Math.min(60_000, Math.max(0, tokens.expiresAt - tokens.obtainedAt) / 2);
}

export function needsRefresh(tokens: Pick<Tokens, 'expiresAt' | 'obtainedAt'>, now: number) {
  return tokens.expiresAt - now <= refreshMarginMs(tokens);
}
