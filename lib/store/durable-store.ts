import 'server-only';

/**
 * Records that must survive a restart: what the app keeps for a customer
 * while no browser is open (a server-side grant, its push subscriptions,
 * its feed addresses). Two implementations: `SqliteDurableStore` (one file
 * under `DATA_DIR`, one process) and `RedisDurableStore` (the Redis of
 * `REDIS_URL`, any number of instances). See
 * docs/decisions/010-durable-store-for-server-side-grants.md.
 *
 * As in the shared store, values are opaque strings that callers seal
 * before they get here, and keys and owners are opaque strings that callers
 * hash: the store never holds anything usable on its own.
 *
 * Every record may belong to one owner (a hash of the customer), so that
 * everything kept for that customer goes in one call (`deleteOwner`).
 */
export interface DurableStore {
  readonly kind: 'sqlite' | 'redis';
  /** The record's value, or null when it is absent or its time to live is over. */
  get(key: string): Promise<string | null>;
  /**
   * Writes the whole record: its value, its owner (none when not given) and
   * its time to live (none when not given: it lives until deleted).
   */
  put(key: string, value: string, options?: DurablePutOptions): Promise<void>;
  /** True when a live record was deleted. */
  delete(key: string): Promise<boolean>;
  /**
   * Deletes every record of `owner` at once (atomically: a reader sees all of
   * them or none), and nothing else. Resolves with the number of live records deleted.
   */
  deleteOwner(owner: string): Promise<number>;
  /** The live records of `owner`, by key. */
  listByOwner(owner: string): Promise<DurableEntry[]>;
  /**
   * Every live record whose key starts with `prefix`, fetched a page at a
   * time (`pageSize`, default 100) so that a job can walk all of them. A record
   * that lives through the whole walk is yielded exactly once; one written
   * or deleted meanwhile may or may not be. The order is unspecified.
   */
  list(prefix: string, options?: { pageSize?: number }): AsyncIterable<DurableEntry>;
  /**
   * Writes `next` only while the record's value is still `expected` (null:
   * only while there is no live record), atomically: of several concurrent
   * updates from the same value, exactly one wins. True when this call wrote.
   *
   * Unlike `put`, the record keeps its owner and its expiry unless `options`
   * give new ones, so that updating a grant's tokens never detaches the grant
   * from its customer. A record created here (`expected` null) has what
   * `options` give.
   */
  compareAndSet(key: string, expected: string | null, next: string, options?: DurablePutOptions): Promise<boolean>;
  /** Resolves when the store answers; rejects otherwise (`StoreUnavailableError` for Redis). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type DurablePutOptions = {
  /** Time to live in milliseconds; none: the record lives until deleted. */
  ttlMs?: number;
  /** The record's owner (a hash of the customer), for `listByOwner` and `deleteOwner`. */
  owner?: string;
};

export type DurableEntry = { key: string; value: string; owner: string | null };

/** Milliseconds as the engines take them: whole, at least 1. */
export function ttlMillis(ttlMs: number): number {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw new RangeError(`ttlMs must be a positive number, not ${ttlMs}`);
  return Math.max(1, Math.ceil(ttlMs));
}

export const DEFAULT_PAGE_SIZE = 100;
