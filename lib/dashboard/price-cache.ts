import { addDays, berlinDate, expectedIntervals } from '@/lib/prices/berlin-time';
import type { PriceSeries } from '@/lib/prices/types';

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

/**
 * Remembers final price series per connection. Keys start with the
 * connection's random `grantId`, so one session can never be served
 * another's data; a new connection starts with an empty view.
 */
export class PriceCache {
  private readonly entries = new Map<string, { series: PriceSeries; until: number }>();

  constructor(
    private readonly maxEntries = 1_000,
    private readonly ttlMs = 12 * 60 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  static key(grantId: string, subscriptionId: string, start: string, end: string) {
    return `${grantId}\u0000${subscriptionId}\u0000${start}\u0000${end}`;
  }

  get(key: string): PriceSeries | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    // Re-insert: Map keeps insertion order, which makes this an LRU.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.series;
  }

  set(key: string, series: PriceSeries) {
    this.entries.delete(key);
    this.entries.set(key, { series, until: this.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size() {
    return this.entries.size;
  }
}
