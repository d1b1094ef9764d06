import type { PriceInterval, PriceSeries } from '@/lib/prices/types';

import type { UsageInterval } from '@/lib/usage/types';

import type { ApiPrice, ApiPriceItem, ApiSubscriptionListItem, ApiUsage } from './schemas';

export type SubscriptionStatus = 'pending' | 'active' | 'ended';

/** The app's view of a subscription: what the dashboard needs, nothing more. */
export type Subscription = {
  id: string;
  number: string | null;
  status: SubscriptionStatus;
  kind: 'consumption' | 'feed_in';
  planId: string;
  /** The Nomos customer it belongs to (`cus_…`): the same for all of a connection's subscriptions. */
  customerId: string;
  /** Epoch ms, when known. */
  startAt: number | null;
  endAt: number | null;
};

const toMs = (value: string | null | undefined) => (value ? Date.parse(value) : null);

export function reshapeSubscription(item: ApiSubscriptionListItem): Subscription {
  return {
    id: item.id,
    number: item.number ?? null,
    status: item.status,
    kind: item.type,
    planId: item.plan,
    customerId: item.customer,
    startAt: toMs(item.start_at),
    endAt: toMs(item.end_at ?? item.terminated_at),
  };
}

const INTERVAL_MS = { '15min': 15 * 60_000, hourly: 60 * 60_000 } as const;

function reshapeInterval(item: ApiPriceItem, lengthMs: number): PriceInterval {
  const start = Date.parse(item.timestamp);
  const part = (type: 'electricity' | 'grid' | 'levies') =>
    item.components.find((component) => component.type === type)?.amount ?? null;
  const electricity = part('electricity');
  const grid = part('grid');
  const levies = part('levies');
  return {
    start,
    end: start + lengthMs,
    amount: item.amount,
    // A partial breakdown would draw as if the missing part were zero.
    components: electricity === null || grid === null || levies === null ? null : { electricity, grid, levies },
  };
}

/** `ApiPrice` → `PriceSeries`: epoch-ms intervals, sorted, components by name. */
export function reshapePrice(price: ApiPrice): PriceSeries {
  const lengthMs = INTERVAL_MS[price.resolution];
  return {
    unit: price.unit,
    currency: price.currency,
    resolution: price.resolution,
    reference: price.reference || null,
    intervals: (price.items ?? []).map((item) => reshapeInterval(item, lengthMs)).sort((a, b) => a.start - b.start),
  };
}

const USAGE_INTERVAL_MS = 15 * 60_000;

/**
 * `ApiUsage` → `UsageInterval[]`, sorted. Only quarter-hour data can be
 * priced per interval (the app asks for it); coarser buckets are refused
 * rather than spread evenly, which would invent a load profile.
 */
export function reshapeUsage(usage: ApiUsage): UsageInterval[] {
  if (usage.resolution !== '15min')
    throw new RangeError(`Usage at '${usage.resolution}' resolution cannot be priced per quarter-hour`);
  const lengthMs = USAGE_INTERVAL_MS;
  return usage.data
    .map((item) => {
      const start = Date.parse(item.start);
      return { start, end: start + lengthMs, kwh: item.usage, final: item.type === 'final' };
    })
    .sort((a, b) => a.start - b.start);
}
