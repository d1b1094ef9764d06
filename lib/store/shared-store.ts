import 'server-only';

import { createHash } from 'node:crypto';

/**
 * The little a store must do so that several app instances can share one
 * customer's Nomos grant: values with a time to live, a lock that only its
 * owner can release, and a write that only the lock's owner can make. Two implementations:
 * `MemoryStore` (one process, the default) and `RedisStore` (any number of
 * instances). Everything above this interface is written once.
 *
 * Values are opaque strings: callers seal anything sensitive before it
 * gets here (the coordinator and the price cache seal with `SESSION_SECRET`), and keys are hashes.
 *
 * Keys under `cache:` are caches (prices, usage): a store may drop them to
 * make room. Every other key (a grant's chain, a lock, a logged-out grant)
 * is a security entry and lives until its time to live runs out.
 */
export const CACHE_KEY_PREFIX = 'cache:';

export interface SharedStore {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Sets the key only when it is absent (a lock); true when this call set it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /**
   * Sets `key` only while `lockKey` still holds `owner`, atomically: only a
   * lock's owner publishes what it did under the lock. True when it was set.
   */
  setIfHeld(lockKey: string, owner: string, key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Deletes the key only while it still holds `value`: a lock is released by its owner only. */
  deleteIfEquals(key: string, value: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Resolves when the store answers; rejects with `StoreUnavailableError` otherwise. */
  ping(): Promise<void>;
}

const brand = Symbol.for('nomos-hems.store-unavailable');

/** The shared store could not be reached or did not answer in time. */
export class StoreUnavailableError extends Error {
  readonly [brand] = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * Next.js bundles the proxy and the pages apart, each with its own copy of
 * this class, while the store lives once per process: recognise the error
 * by a registered symbol, not by `instanceof`.
 */
export function isStoreUnavailable(error: unknown): error is StoreUnavailableError {
  return typeof error === 'object' && error !== null && brand in error;
}

/**
 * A store key from secrets or ids: SHA-256 of the parts (joined with NUL, so
 * that no two lists of parts collide), base64url. The store never holds a
 * token, a grant id or an address that could be looked up elsewhere.
 */
export const keyHash = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('base64url');
