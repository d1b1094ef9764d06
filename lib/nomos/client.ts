import 'server-only';

import type { z } from 'zod';

import { config } from '@/lib/config';

import { NomosError, nomosErrorFromException, nomosErrorFromResponse } from './errors';
import { fetchWithRetry } from './http';
import {
  priceSchema,
  subscriptionListSchema,
  usageSchema,
  type ApiPrice,
  type ApiSubscriptionListItem,
  type ApiUsage,
} from './schemas';

type Query = Record<string, string | number | undefined>;

/**
 * The one way this app calls the Nomos API: base URL, bearer token, the
 * pinned `X-API-Version`, a timeout, bounded retries of 429/5xx, and a zod
 * check of every response. Failures become `NomosError`s carrying the
 * Nomos `requestId`.
 */
export async function nomosFetch<T extends z.ZodType>(
  path: string,
  { accessToken, schema, query = {} }: { accessToken: string; schema: T; query?: Query },
): Promise<z.infer<T>> {
  const url = new URL(path, `${config.nomos.apiUrl}/`);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
  const context = `Loading ${url.pathname} from Nomos`;

  let response: Response;
  try {
    response = await fetchWithRetry(url, {
      headers: {
        Authorization: `Bearer ${accessToken}`,
        'X-API-Version': config.nomos.apiVersion,
        Accept: 'application/json',
      },
    });
  } catch (error) {
    throw nomosErrorFromException(error, context);
  }
  if (!response.ok) throw await nomosErrorFromResponse(response, context);

  const body: unknown = await response.json().catch(() => undefined);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    console.error(`Unexpected response from Nomos ${url.pathname}`, parsed.error.issues.slice(0, 5));
    throw new NomosError('rejected', 'Nomos sent a response this app cannot read', {
      status: response.status,
      requestId: response.headers.get('x-request-id') ?? undefined,
    });
  }
  return parsed.data;
}

/** Upper bound on pages, so that a misbehaving cursor cannot loop forever. */
const MAX_PAGES = 50;

/** `GET /subscriptions`, following the cursor to the last page. */
export async function listSubscriptions(accessToken: string): Promise<ApiSubscriptionListItem[]> {
  const items: ApiSubscriptionListItem[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const list = await nomosFetch('/subscriptions', {
      accessToken,
      schema: subscriptionListSchema,
      query: { limit: 100, cursor },
    });
    items.push(...list.items);
    if (!list.has_more || !list.next_page) return items;
    cursor = list.next_page;
  }
  throw new NomosError('rejected', `Nomos returned more than ${MAX_PAGES} pages of subscriptions`);
}

/**
 * `GET /subscriptions/{id}/prices`: `start` and `end` are Europe/Berlin
 * dates (YYYY-MM-DD), both inclusive.
 */
export function getPrices(accessToken: string, subscriptionId: string, start: string, end: string): Promise<ApiPrice> {
  return nomosFetch(`/subscriptions/${encodeURIComponent(subscriptionId)}/prices`, {
    accessToken,
    schema: priceSchema,
    query: { start, end },
  });
}

/**
 * `GET /subscriptions/{id}/usage` (`/consumption` before `2026-05-27.curie`)
 * at 15-minute resolution: `start` inclusive, `end` exclusive (Berlin
 * dates, unlike prices), at most 92 days. A day appears from about 16:00
 * the next day.
 */
export function getUsage(accessToken: string, subscriptionId: string, start: string, end: string): Promise<ApiUsage> {
  const endpoint = config.nomos.apiVersion === '2026-01-29.edison' ? 'consumption' : 'usage';
  return nomosFetch(`/subscriptions/${encodeURIComponent(subscriptionId)}/${endpoint}`, {
    accessToken,
    schema: usageSchema,
    query: { start, end, resolution: '15min' },
  });
}
