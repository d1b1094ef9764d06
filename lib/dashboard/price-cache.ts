import 'server-only';

import { z } from 'zod';

import { addDays, berlinDate, expectedIntervals } from '@/lib/prices/berlin-time';
import type { Sealer } from '@/lib/auth/session/cookies';
import type { PriceSeries } from '@/lib/prices/types';
import { CACHE_KEY_PREFIX, isStoreUnavailable, type SharedStore, keyHash } from '@/lib/store/shared-store';

/**
 * True when the series can no longer change: every requested day is either
 * over or completely published, without a missing amount. Today before
 * tomorrow's publication, or a day with a null amount, is fetched again.
 */
export function isFinal(series: PriceSeries, start: string, end: string): boolean {
  // One pass over the intervals, not one per day: a month has some 3,000.
  const perDay = new Map<string, number>();
  for (const interval of series.intervals) {
    const day = berlinDate(interval.start);
    if (day < start || day > end) continue;
    if (interval.amount === null) return false;
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  for (let day = start; day <= end; day = addDays(day, 1)) {
    if (perDay.get(day) !== expectedIntervals(day, series.resolution)) return false;
  }
  return true;
}

/** Unsealed values kept per cache: about two views of a month (37 usage days, two price months). */
const OPENED_MAX = 100;

/**
 * Remembers values that can no longer change per connection, in the shared
 * store (this process's memory, or Redis for several instances). Keys are
 * hashes of the connection's random `grantId` with the caller's key parts,
 * under a `prefix` per kind of value, so one session can never be served
 * another's data and a new connection starts with an empty view. Bounded in
 * time (`ttlMs`) and in size: each connection keeps at most
 * `maxPerConnection` entries of a prefix, oldest dropped first. A store that
 * is down costs a fetch, never a page.
 */
export class ConnectionCache<T extends object> {
  constructor(
    private readonly store: SharedStore,
    private readonly sealer: Sealer,
    private readonly prefix: string,
    private readonly maxPerConnection: number,
    private readonly ttlMs: number,
  ) {}

  /**
   * Values this process unsealed lately, by their sealed text: a month of
   * prices or a day of usage is read on every view, and opening the seal
   * (key derivation, decryption, parsing) cost more than rendering the page.
   * Only what the store handed out under the connection's own key reaches
   * it, so it serves nothing a connection could not read anyway.
   */
  private readonly opened = new Map<string, T>();

  async get(grantId: string, parts: string[]): Promise<T | undefined> {
    try {
      const sealed = await this.store.get(this.entryKey(grantId, parts));
      if (sealed === null) return undefined;
      const known = this.opened.get(sealed);
      if (known) {
        // Most recently used last, so the oldest goes first.
        this.opened.delete(sealed);
        this.opened.set(sealed, known);
        return known;
      }
      const value = await this.sealer.unseal(sealed, this.ttlSeconds);
      if (value === null) return undefined;
      // Sealed and authenticated by this app with its own secret: what we stored.
      this.opened.set(sealed, value as T);
      for (const oldest of this.opened.keys()) {
        if (this.opened.size <= OPENED_MAX) break;
        this.opened.delete(oldest);
      }
      return value as T;
    } catch (error) {
      logStoreFailure(this.prefix, error);
      return undefined;
    }
  }

  async set(grantId: string, parts: string[], value: T) {
    try {
      const key = this.entryKey(grantId, parts);
      const index = await this.readIndex(grantId);
      const kept = [...index.filter((existing) => existing !== key), key];
      for (const dropped of kept.splice(0, Math.max(0, kept.length - this.maxPerConnection))) {
        await this.store.delete(dropped);
      }
      await this.store.set(key, await this.sealer.seal(value, this.ttlSeconds), this.ttlMs);
      await this.store.set(this.indexKey(grantId), await this.sealer.seal({ keys: kept }, this.ttlSeconds), this.ttlMs);
    } catch (error) {
      logStoreFailure(this.prefix, error);
    }
  }

  /** Forgets everything of this prefix cached for a connection (logout). */
  async clear(grantId: string) {
    for (const key of await this.readIndex(grantId)) await this.store.delete(key);
    await this.store.delete(this.indexKey(grantId));
  }

  private get ttlSeconds() {
    return Math.ceil(this.ttlMs / 1000);
  }

  private entryKey(grantId: string, parts: string[]) {
    return `${CACHE_KEY_PREFIX}${this.prefix}:${keyHash(grantId, ...parts)}`;
  }

  private indexKey(grantId: string) {
    return `${CACHE_KEY_PREFIX}${this.prefix}:index:${keyHash(grantId)}`;
  }

  private async readIndex(grantId: string): Promise<string[]> {
    const sealed = await this.store.get(this.indexKey(grantId));
    if (sealed === null) return [];
    const index = await this.sealer.unseal(sealed, this.ttlSeconds);
    const parsed = z.object({ keys: z.array(z.string()) }).safeParse(index);
    return parsed.success ? parsed.data.keys : [];
  }
}

/** Final price series per connection and `start`..`end`; see {@link ConnectionCache}. */
export class PriceCache {
  private readonly cache: ConnectionCache<PriceSeries>;

  constructor(store: SharedStore, sealer: Sealer, maxPerConnection = 40, ttlMs = 12 * 60 * 60_000) {
    this.cache = new ConnectionCache(store, sealer, 'prices', maxPerConnection, ttlMs);
  }

  get(grantId: string, subscriptionId: string, start: string, end: string): Promise<PriceSeries | undefined> {
    return this.cache.get(grantId, [subscriptionId, start, end]);
  }

  set(grantId: string, subscriptionId: string, start: string, end: string, series: PriceSeries) {
    return this.cache.set(grantId, [subscriptionId, start, end], series);
  }

  /** Forgets everything cached for a connection (logout). */
  clear(grantId: string) {
    return this.cache.clear(grantId);
  }
}

function logStoreFailure(prefix: string, error: unknown) {
  if (isStoreUnavailable(error)) console.error(`[${prefix}] cache skipped: ${error.message}`);
  else throw error;
}
