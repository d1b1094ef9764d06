import { createHash } from 'node:crypto';

import { z } from 'zod';

import { addDays, berlinDate, expectedIntervals } from '@/lib/prices/berlin-time';
import type { PriceSeries } from '@/lib/prices/types';
import { isStoreUnavailable, type SharedStore } from '@/lib/store/shared-store';

/**
 * True when the series can no longer change: every requested day is either
 * over or completely published, without a missing amount. Today before
 * tomorrow's publication, or a day with a null amount, is fetched again.
 */
export function isFinal(series: PriceSeries, start: string, end: string): boolean {
  for (let day = start; day <= end; day = addDays(day, 1)) {
    const intervals = series.intervals.filter((interval) => berlinDate(interval.start) === day);
    if (intervals.length !== expectedIntervals(day, series.resolution)) return false;
    if (intervals.some((interval) => interval.amount === null)) return false;
  }
  return true;
}

/** Seals cached values (iron-session, keyed by `SESSION_SECRET`) before they reach the store. */
export type CacheSealer = {
  seal: (data: object, ttlSeconds: number) => Promise<string>;
  unseal: (seal: string, ttlSeconds: number) => Promise<unknown>;
};

const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('base64url');

/**
 * Remembers final price series per connection, in the shared store (this
 * process's memory, or Redis for several instances). Keys are hashes of
 * the connection's random `grantId` with the subscription and days, so one
 * session can never be served another's data and a new connection starts
 * with an empty view. Bounded in time (`ttlMs`) and in size: each
 * connection keeps at most `maxPerConnection` series, oldest dropped first.
 * A store that is down costs a fetch, never a page.
 */
export class PriceCache {
  constructor(
    private readonly store: SharedStore,
    private readonly sealer: CacheSealer,
    private readonly maxPerConnection = 40,
    private readonly ttlMs = 12 * 60 * 60_000,
  ) {}

  async get(grantId: string, subscriptionId: string, start: string, end: string): Promise<PriceSeries | undefined> {
    try {
      const sealed = await this.store.get(entryKey(grantId, subscriptionId, start, end));
      if (sealed === null) return undefined;
      const series = await this.sealer.unseal(sealed, this.ttlSeconds);
      // Sealed and authenticated by this app with its own secret: what we stored.
      return series === null ? undefined : (series as PriceSeries);
    } catch (error) {
      logStoreFailure(error);
      return undefined;
    }
  }

  async set(grantId: string, subscriptionId: string, start: string, end: string, series: PriceSeries) {
    try {
      const key = entryKey(grantId, subscriptionId, start, end);
      const index = await this.readIndex(grantId);
      const kept = [...index.filter((existing) => existing !== key), key];
      for (const dropped of kept.splice(0, Math.max(0, kept.length - this.maxPerConnection))) {
        await this.store.delete(dropped);
      }
      await this.store.set(key, await this.sealer.seal(series, this.ttlSeconds), this.ttlMs);
      await this.store.set(indexKey(grantId), await this.sealer.seal({ keys: kept }, this.ttlSeconds), this.ttlMs);
    } catch (error) {
      logStoreFailure(error);
    }
  }

  /** Forgets everything cached for a connection (logout). */
  async clear(grantId: string) {
    for (const key of await this.readIndex(grantId)) await this.store.delete(key);
    await this.store.delete(indexKey(grantId));
  }

  private get ttlSeconds() {
    return Math.ceil(this.ttlMs / 1000);
  }

  private async readIndex(grantId: string): Promise<string[]> {
    const sealed = await this.store.get(indexKey(grantId));
    if (sealed === null) return [];
    const index = await this.sealer.unseal(sealed, this.ttlSeconds);
    const parsed = z.object({ keys: z.array(z.string()) }).safeParse(index);
    return parsed.success ? parsed.data.keys : [];
  }
}

const entryKey = (grantId: string, subscriptionId: string, start: string, end: string) =>
  `prices:${hash(grantId, subscriptionId, start, end)}`;
const indexKey = (grantId: string) => `prices:index:${hash(grantId)}`;

function logStoreFailure(error: unknown) {
  if (isStoreUnavailable(error)) console.error(`[prices] cache skipped: ${error.message}`);
  else throw error;
}
