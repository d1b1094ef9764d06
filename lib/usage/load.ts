import 'server-only';

import { sealer } from '@/lib/auth/session/cookies';
import type { Connection } from '@/lib/auth/session/session';
import { loadPrices, NotCached, type LoadOptions } from '@/lib/dashboard/load';
import { ConnectionCache } from '@/lib/dashboard/price-cache';
import { getUsage } from '@/lib/nomos/client';
import { NomosError } from '@/lib/nomos/errors';
import { reshapeUsage } from '@/lib/nomos/reshape';
import { addDays, berlinDate, expectedIntervals } from '@/lib/prices/berlin-time';
import type { PriceInterval } from '@/lib/prices/types';
import { derived } from '@/lib/derived';
import { processSingleton } from '@/lib/process-singleton';
import { getSharedStore } from '@/lib/store';

import type { UsageInterval } from './types';

type CachedDay = { intervals: UsageInterval[] };

/**
 * Final usage days per connection, beside the price cache in the shared
 * store. 62 days hold a month view and the month before it.
 */
export const getUsageCache = () =>
  processSingleton(
    'usage-cache',
    () => new ConnectionCache<CachedDay>(getSharedStore(), sealer, 'usage', 62, 12 * 60 * 60_000),
  );

/**
 * Days whose usage is not final yet (the smart meter's preliminary values,
 * which Nomos may still correct), kept for a few minutes: a view that is
 * five minutes old is fresh enough for a meter read every quarter-hour, and
 * moving between days and periods no longer asks Nomos again each time.
 */
export const RECENT_USAGE_TTL_MS = 5 * 60_000;
export const getRecentUsageCache = () =>
  processSingleton(
    'usage-recent-cache',
    () => new ConnectionCache<CachedDay>(getSharedStore(), sealer, 'usage-recent', 40, RECENT_USAGE_TTL_MS),
  );

/** A day can no longer change once every quarter-hour has a final value. */
export function isFinalUsageDay(intervals: UsageInterval[], date: string): boolean {
  return intervals.length === expectedIntervals(date, '15min') && intervals.every((interval) => interval.final);
}

/**
 * Quarter-hour usage of `from`..`to` (inclusive Berlin dates). Final days
 * come from the cache, days not final yet from the short one above; the
 * rest is fetched in ONE call spanning the first to the last day not cached
 * (Nomos allows 92 days; the view asks for at most 37).
 */
export async function loadUsage(
  connection: Connection,
  subscriptionId: string,
  from: string,
  to: string,
  { cachedOnly = false }: LoadOptions = {},
): Promise<UsageInterval[]> {
  const cache = getUsageCache();
  const recent = getRecentUsageCache();
  const dates: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  // Every day's cache read at once: up to 37 days, each a store round trip with Redis.
  const cachedDays = await Promise.all(
    dates.map(
      async (date) =>
        (await cache.get(connection.grantId, [subscriptionId, date])) ??
        (await recent.get(connection.grantId, [subscriptionId, date])),
    ),
  );
  const byDay = new Map<string, UsageInterval[]>();
  const missing: string[] = [];
  dates.forEach((date, i) => {
    const cached = cachedDays[i];
    if (cached) byDay.set(date, cached.intervals);
    else missing.push(date);
  });
  const first = missing[0];
  const last = missing.at(-1);
  if (first && last && cachedOnly) throw new NotCached('usage');
  if (first && last) {
    const fetched = await fetchUsage(connection, subscriptionId, first, addDays(last, 1));
    for (const date of missing) byDay.set(date, []);
    for (const interval of fetched) byDay.get(berlinDate(interval.start))?.push(interval);
    for (const date of missing) {
      const intervals = byDay.get(date) ?? [];
      const final = isFinalUsageDay(intervals, date);
      await (final ? cache : recent).set(connection.grantId, [subscriptionId, date], { intervals });
    }
  }
  // Each day's own array, in date order: the same cached days give the same
  // parts, and so the same array, from which the view's figures are kept (usage-page.ts).
  const parts = dates.map((date) => byDay.get(date) ?? []);
  const [firstDay, ...otherDays] = parts;
  return firstDay ? derived([firstDay, ...otherDays], 'usage', () => byStart(parts.flat())) : [];
}

/**
 * `intervals` sorted by start. They nearly always come in order already
 * (days and months are read in order), and sorting some 6,000 of them on
 * every view cost more than checking.
 */
function byStart<T extends { start: number }>(intervals: T[]): T[] {
  const sorted = intervals.every((interval, i) => i === 0 || (intervals[i - 1]?.start ?? -Infinity) <= interval.start);
  return sorted ? intervals : intervals.sort((a, b) => a.start - b.start);
}

async function fetchUsage(connection: Connection, subscriptionId: string, start: string, end: string) {
  const usage = await getUsage(connection.accessToken, subscriptionId, start, end);
  try {
    return reshapeUsage(usage);
  } catch (error) {
    throw new NomosError('rejected', error instanceof Error ? error.message : 'Nomos sent usage this app cannot price');
  }
}

const monthStart = (date: string) => `${date.slice(0, 8)}01`;
const monthEnd = (date: string) => addDays(monthStart(addDays(monthStart(date), 31)), -1);

/**
 * Prices of every day of `from`..`to`, fetched per calendar month
 * (`first..last of the month`, cut at `until`), so the keys of the price
 * cache stay the same whichever day of a past month is looked at. A range
 * of at most 37 days touches at most two months: at most two calls.
 */
export async function loadMonthPrices(
  connection: Connection,
  subscriptionId: string,
  from: string,
  to: string,
  until: string,
  options: LoadOptions = {},
): Promise<PriceInterval[]> {
  const chunks: [string, string][] = [];
  for (let month = monthStart(from); month <= to; month = addDays(monthEnd(month), 1)) {
    const wanted = until > to ? until : to;
    chunks.push([month, monthEnd(month) < wanted ? monthEnd(month) : wanted]);
  }
  const series = await Promise.all(
    chunks.map(([start, end]) => loadPrices(connection, subscriptionId, start, end, options)),
  );
  const [first, ...rest] = series.map((s) => s.intervals);
  // The same cached months give the same array (see loadUsage).
  return first ? derived([first, ...rest], 'prices', () => byStart(series.flatMap((s) => s.intervals))) : [];
}
