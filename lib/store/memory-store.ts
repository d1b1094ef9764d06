import type { SharedStore } from './shared-store';

type Entry = { value: string; until: number };

/**
 * The in-process store: right for one server process, and what
 * `npm start` uses out of the box. Expired entries are swept by a timer
 * (which never keeps the process alive) and the number of entries is
 * capped, so an idle server holds nothing past its time.
 */
export class MemoryStore implements SharedStore {
  readonly kind = 'memory';
  private readonly entries = new Map<string, Entry>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly maxEntries = 10_000,
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
    this.entries.delete(key);
    this.entries.set(key, { value, until: this.now() + ttlMs });
    this.evictOverflow();
  }

  async setIfAbsent(key: string, value: string, ttlMs: number) {
    if (this.live(key)) return false;
    await this.set(key, value, ttlMs);
    return true;
  }

  async deleteIfEquals(key: string, value: string) {
    if (this.live(key)?.value !== value) return false;
    this.entries.delete(key);
    return true;
  }

  async delete(key: string) {
    this.entries.delete(key);
  }

  async increment(key: string, ttlMs: number) {
    const entry = this.live(key);
    const count = (entry ? Number(entry.value) : 0) + 1;
    this.entries.set(key, { value: String(count), until: entry?.until ?? this.now() + ttlMs });
    this.evictOverflow();
    return count;
  }

  async ping() {}

  /** Entries held now, expired ones not yet swept included. */
  get size() {
    return this.entries.size;
  }

  /** Stops the sweeper (tests). */
  close() {
    clearInterval(this.sweeper);
  }

  sweep() {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.until <= now) this.entries.delete(key);
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.until <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private evictOverflow() {
    if (this.entries.size <= this.maxEntries) return;
    this.sweep();
    // Still full: drop the oldest writes first (a Map iterates in insertion order).
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(key);
    }
  }
}
