import 'server-only';

import { cache } from 'react';

import { sealer } from '@/lib/auth/session/cookies';
import type { Connection } from '@/lib/auth/session/session';
import { getPrices, listSubscriptions } from '@/lib/nomos/client';
import { reshapePrice, reshapeSubscription, type Subscription } from '@/lib/nomos/reshape';
import type { PriceSeries } from '@/lib/prices/types';
import { processSingleton } from '@/lib/process-singleton';
import { getSharedStore } from '@/lib/store';

import { isFinal, PriceCache } from './price-cache';

/** The cache of final prices, in the store every instance shares. */
export const getPriceCache = () => processSingleton('price-cache', () => new PriceCache(getSharedStore(), sealer));

/** All of the customer's subscriptions. Always fetched: status changes. */
export const loadSubscriptions = cache(async (connection: Connection): Promise<Subscription[]> => {
  const items = await listSubscriptions(connection.accessToken);
  return items.map(reshapeSubscription);
});

/**
 * Thrown by a load in `cachedOnly` mode where it would have to call Nomos:
 * the page then streams, showing a skeleton until the answer is there.
 */
export class NotCached extends Error {
  constructor(what: string) {
    super(`${what} not cached`);
    this.name = 'NotCached';
  }
}

/** `cachedOnly`: answer from the cache or throw {@link NotCached}, never call Nomos. */
export type LoadOptions = { cachedOnly?: boolean };

/**
 * Prices of `start`..`end` (Berlin dates, inclusive). Days that are over or
 * fully published do not change, so a final series is kept per connection
 * and not fetched again on every navigation.
 */
export async function loadPrices(
  connection: Connection,
  subscriptionId: string,
  start: string,
  end: string,
  { cachedOnly = false }: LoadOptions = {},
): Promise<PriceSeries> {
  const priceCache = getPriceCache();
  const cached = await priceCache.get(connection.grantId, subscriptionId, start, end);
  if (cached) return cached;
  if (cachedOnly) throw new NotCached('prices');
  const series = reshapePrice(await getPrices(connection.accessToken, subscriptionId, start, end));
  if (isFinal(series, start, end)) await priceCache.set(connection.grantId, subscriptionId, start, end, series);
  return series;
}
