import 'server-only';

import { CACHE_KEY_PREFIX, type SharedStore } from './shared-store';

type Entry = { value: string; until: number };

/**
 * The in-process store: right for one server process, and what
 * `npm start` uses out of the box. Expired entries are swept by a timer
 * (which never keeps the process alive).
 *
 * Caches (`cache:` keys) and security entries live apart: caches are capped
 * at `maxCacheEntries`, oldest writes dropped first, while a grant's chain,
 * its lock and a logged-out grant are never dropped to make room. Otherwise
 * a hundred busy customers' price caches would push out the logout of
 * another, and a copy of that logged-out cookie would refresh again.
 * Security entries are bounded by their time to live and by the number of
 * connected customers (one chain per grant, one entry per logout).
 */
export class MemoryStore implements SharedStore {
  readonly kind = 'memory';
  private readonly entries = new Map<string, Entry>();
  private readonly caches = new Map<string, Entry>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly maxCacheEntries = 10_000,
    private readonly now: () => number = Date.now,
    sweepEveryMs = 10_000,
  ) {
    this.sweeper = setInterval(() => this.sweep(), sweepEveryMs);
    this.sweeper.unref();
  }

  async get(key: string) {
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, ttlMs: number) {
    const map = this.mapOf(key);
    map.delete(key);
    map.set(key, { value, until: this.now() + ttlMs });
    if (map === this.caches) this.evictOverflow();
  }

  async setIfAbsent(key: string, value: string, ttlMs: number) {
    if (this.live(key)) return false;
    await this.set(key, value, ttlMs);
    return true;
  }

  async setIfHeld(lockKey: string, owner: string, key: string, value: string, ttlMs: number) {
    if (this.live(lockKey)?.value !== owner) return false;
    await this.set(key, value, ttlMs);
    return true;
  }

  async deleteIfEquals(key: string, value: string) {
    if (this.live(key)?.value !== value) return false;
    this.mapOf(key).delete(key);
    return true;
  }

  async delete(key: string) {
    this.mapOf(key).delete(key);
  }

  async ping() {}

  /** Entries held now, expired ones not yet swept included. */
  get size() {
    return this.entries.size + this.caches.size;
  }

  /** Stops the sweeper (tests). */
  close() {
    clearInterval(this.sweeper);
  }

  sweep() {
    const now = this.now();
    for (const map of [this.entries, this.caches]) {
      for (const [key, entry] of map) if (entry.until <= now) map.delete(key);
    }
  }

  private mapOf(key: string) {
    return key.startsWith(CACHE_KEY_PREFIX) ? this.caches : this.entries;
  }

  private live(key: string): Entry | undefined {
    const map = this.mapOf(key);
    const entry = map.get(key);
    if (entry && entry.until <= this.now()) {
      map.delete(key);
      return undefined;
    }
    return entry;
  }

  private evictOverflow() {
    if (this.caches.size <= this.maxCacheEntries) return;
    this.sweep();
    // Still full: drop the oldest cache writes first (a Map iterates in insertion order).
    for (const key of this.caches.keys()) {
      if (this.caches.size <= this.maxCacheEntries) break;
      this.caches.delete(key);
    }
  }
}
