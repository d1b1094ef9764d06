/**
 * The Nomos API subset a HEMS needs. A customer token sees only its own
 * customer (anything else is a 404, so ids cannot be probed); an
 * organisation token sees everything.
 */
import type { ApiVersion } from '../../lib/nomos/schemas';
import { addDays, berlinDate, berlinTime, daysBetween, parseDate, startOfBerlinDay } from '../berlin-time';
import { badRequest, NomosHttpError, notFound, sendJson, type RequestContext } from '../http';
import { verifyJwt, type AccessClaims } from '../oauth/jwt';
import { dayPrices, withNullSprinkle } from '../prices/model';
import type { SandboxState } from '../state';
import { ORGANISATION_ID, PLANS, subscriptionStatus, type Subscription } from '../store';
import { customerJson, planJson, subscriptionJson, subscriptionListItemJson } from './serialize';
import { dayUsage, withMissingReadings } from './usage';

/** Longest `start`..`end` span for prices, in days (inclusive). */
export const MAX_PRICE_RANGE_DAYS = 31;
/** Longest `start`..`end` span for usage, in days. */
export const MAX_USAGE_RANGE_DAYS = 92;

const EDISON: ApiVersion = '2026-01-29.edison';

/** RFC 6750 §3.1: no error code when the request had no token, `invalid_token` when the token is bad, expired or revoked. */
const MISSING_TOKEN = { 'www-authenticate': 'Bearer realm="nomos-sandbox"' };
const INVALID_TOKEN = { 'www-authenticate': 'Bearer realm="nomos-sandbox", error="invalid_token"' };

function authenticate(ctx: RequestContext, state: SandboxState): AccessClaims {
  const match = /^Bearer\s+(\S+)$/i.exec(ctx.req.headers.authorization ?? '');
  const token = match?.[1];
  if (!token) throw new NomosHttpError(401, 'UNAUTHORIZED', 'Missing bearer token', MISSING_TOKEN);
  const claims = verifyJwt(token, state.signingKey);
  if (!claims || claims.iss !== ctx.baseUrl)
    throw new NomosHttpError(401, 'UNAUTHORIZED', 'Invalid access token', INVALID_TOKEN);
  if (claims.exp * 1000 <= state.clock.now() || state.auth.endedAccessTokens.has(token)) {
    throw new NomosHttpError(401, 'UNAUTHORIZED', 'Access token expired', INVALID_TOKEN);
  }
  const grant = state.auth.grants.get(claims.gid);
  if (!grant || grant.revoked) throw new NomosHttpError(401, 'UNAUTHORIZED', 'Access token revoked', INVALID_TOKEN);
  return claims;
}

const isOrganisation = (claims: AccessClaims) => claims.sub === ORGANISATION_ID;

/** Subscriptions this token may see under this API version. */
function visibleSubscriptions(ctx: RequestContext, state: SandboxState, claims: AccessClaims): Subscription[] {
  return state.store.subscriptions.filter(
    (s) =>
      (isOrganisation(claims) || s.customerId === claims.sub) && !(ctx.apiVersion === EDISON && s.type === 'feed_in'),
  );
}

function findSubscription(ctx: RequestContext, state: SandboxState, claims: AccessClaims, id: string): Subscription {
  const sub = visibleSubscriptions(ctx, state, claims).find((s) => s.id === id);
  if (!sub) throw notFound(`Subscription '${id}' not found`);
  return sub;
}

const FILTER_PATTERN = /^filter\[(\w+)\]\[(\w+)\]$/;

function listSubscriptions(ctx: RequestContext, state: SandboxState, claims: AccessClaims): void {
  const q = ctx.url.searchParams;
  const limitText = q.get('limit') ?? '10';
  const limit = Number(limitText);
  if (!/^\d+$/.test(limitText) || limit < 1 || limit > 100)
    throw badRequest(`invalid 'limit': must be an integer from 1 to 100`);
  const now = state.clock.now();
  let items = [...visibleSubscriptions(ctx, state, claims)].sort(
    (a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id),
  );
  for (const [key, value] of q) {
    const filter = FILTER_PATTERN.exec(key);
    if (!filter) continue;
    const [, field, op] = filter;
    if (op !== 'eq') throw badRequest(`invalid '${key}': the sandbox supports only the 'eq' operator`);
    if (field === 'status') {
      if (!['pending', 'active', 'ended'].includes(value))
        throw badRequest(`invalid '${key}': expected pending, active or ended`);
      items = items.filter((s) => subscriptionStatus(s, now) === value);
    } else if (field === 'customer') items = items.filter((s) => s.customerId === value);
    else if (field === 'plan') items = items.filter((s) => s.planId === value);
    else throw badRequest(`invalid '${key}': filterable fields are status, customer and plan`);
  }
  const cursor = q.get('cursor');
  if (cursor) {
    const index = items.findIndex((s) => s.id === Buffer.from(cursor, 'base64url').toString('utf8'));
    if (index < 0) throw badRequest(`invalid 'cursor'`);
    items = items.slice(index + 1);
  }
  const page = items.slice(0, limit);
  const hasMore = items.length > limit;
  const last = page.at(-1);
  // As on Nomos, `next_page` is the opaque cursor to pass back as `cursor`.
  const nextPage = hasMore && last ? Buffer.from(last.id).toString('base64url') : null;
  sendJson(ctx, 200, {
    object: 'list',
    items: page.map((s) => subscriptionListItemJson(s, now, ctx.apiVersion)),
    has_more: hasMore,
    next_page: nextPage,
  });
}

function dateParam(ctx: RequestContext, name: string, fallback?: string): string {
  const value = ctx.url.searchParams.get(name);
  if (value === null || value === '') {
    if (fallback !== undefined) return fallback;
    throw badRequest(`invalid_type in '${name}': Required`);
  }
  if (!parseDate(value)) throw badRequest(`invalid '${name}': expected a date as YYYY-MM-DD, got '${value}'`);
  return value;
}

function prices(ctx: RequestContext, state: SandboxState, sub: Subscription): void {
  const start = dateParam(ctx, 'start');
  const end = dateParam(ctx, 'end');
  if (start > end) throw badRequest(`invalid 'start': must not be after 'end'`);
  if (daysBetween(start, end) + 1 > MAX_PRICE_RANGE_DAYS)
    throw badRequest(`invalid 'end': at most ${MAX_PRICE_RANGE_DAYS} days from 'start'`);
  const plan = PLANS.find((p) => p.id === sub.planId);
  if (!plan) throw new NomosHttpError(500, 'INTERNAL_SERVER_ERROR', 'Plan missing');
  const now = state.clock.now();
  const periodStart = startOfBerlinDay(start);
  const periodEnd = startOfBerlinDay(addDays(end, 1));
  const activeFrom = sub.startAt(now);
  const activeUntil = sub.endAt(now) ?? Number.POSITIVE_INFINITY;
  let items = null;
  if (activeFrom < periodEnd && activeUntil > periodStart) {
    // The day-ahead auction publishes tomorrow in one batch at about 14:00 Berlin time.
    const today = berlinDate(now);
    const lastPublished = now >= berlinTime(today, 14) ? addDays(today, 1) : today;
    items = [];
    for (let day = start; day <= end && day <= lastPublished; day = addDays(day, 1)) {
      const series = withNullSprinkle(plan, dayPrices(plan, day), state.nullPriceFraction);
      for (const price of series) {
        if (price.timestamp < activeFrom || price.timestamp >= activeUntil) continue;
        items.push({
          timestamp: new Date(price.timestamp).toISOString(),
          amount: price.amount,
          components: price.components,
        });
      }
    }
  }
  sendJson(ctx, 200, {
    object: 'price',
    subscription: sub.id,
    period: { start: new Date(periodStart).toISOString(), end: new Date(periodEnd - 1000).toISOString() },
    unit: 'ct/kWh',
    currency: 'EUR',
    resolution: plan.resolution,
    reference: 'EPEX Day-Ahead',
    items,
  });
}

function usage(ctx: RequestContext, state: SandboxState, sub: Subscription): void {
  const now = state.clock.now();
  const today = berlinDate(now);
  const start = dateParam(ctx, 'start', addDays(today, -1));
  // `end` is exclusive for usage, unlike prices.
  const end = dateParam(ctx, 'end', today);
  if (start >= end) throw badRequest(`invalid 'start': must be before 'end' (end is exclusive)`);
  const span = daysBetween(start, end);
  if (span > MAX_USAGE_RANGE_DAYS)
    throw badRequest(`invalid 'end': at most ${MAX_USAGE_RANGE_DAYS} days after 'start'`);
  const requested = ctx.url.searchParams.get('resolution') ?? 'auto';
  if (!['auto', '15min', 'hour', 'day'].includes(requested)) {
    throw badRequest(`invalid 'resolution': the sandbox supports auto, 15min, hour and day`);
  }
  const resolution = requested === 'auto' ? (span <= 31 ? '15min' : 'day') : requested;
  const activeFrom = sub.startAt(now);
  const activeUntil = sub.endAt(now) ?? Number.POSITIVE_INFINITY;
  const buckets = new Map<string, { start: number; usage: number; type: 'final' | 'preliminary' }>();
  for (let day = start; day < end; day = addDays(day, 1)) {
    // Smart-meter data arrives from 16:00 on the following day.
    if (now < berlinTime(addDays(day, 1), 16)) break;
    const type = now >= berlinTime(addDays(day, 10), 0) ? 'final' : 'preliminary';
    for (const reading of withMissingReadings(sub, dayUsage(sub, day), state.missingUsageFraction)) {
      if (reading.start < activeFrom || reading.start >= activeUntil) continue;
      const bucketStart =
        resolution === '15min'
          ? reading.start
          : resolution === 'hour'
            ? reading.start - (reading.start % 3_600_000)
            : startOfBerlinDay(day);
      const key = String(bucketStart);
      const bucket = buckets.get(key) ?? { start: bucketStart, usage: 0, type };
      bucket.usage += reading.usage;
      buckets.set(key, bucket);
    }
  }
  sendJson(ctx, 200, {
    object: 'usage',
    meter_type: 'smart',
    resolution,
    data: [...buckets.values()].map((b) => ({
      start: new Date(b.start).toISOString(),
      usage: Math.round(b.usage * 1000) / 1000,
      type: b.type,
    })),
  });
}

/** Routes an API request; returns false when the path is not an API route. */
export function handleApi(ctx: RequestContext, state: SandboxState): boolean {
  const segments = ctx.url.pathname.split('/').filter(Boolean);
  const [resource, id, sub, ...rest] = segments;
  if (!['subscriptions', 'customers', 'plans'].includes(resource ?? '') || rest.length > 0) return false;
  if (ctx.req.method !== 'GET')
    throw new NomosHttpError(405, 'METHOD_NOT_ALLOWED', `${ctx.req.method ?? ''} is not allowed here`);
  const claims = authenticate(ctx, state);
  const now = state.clock.now();

  if (resource === 'subscriptions') {
    if (!id) {
      listSubscriptions(ctx, state, claims);
      return true;
    }
    const subscription = findSubscription(ctx, state, claims, id);
    if (!sub) {
      const customer = state.store.customers.get(subscription.customerId);
      if (!customer) throw notFound();
      sendJson(ctx, 200, subscriptionJson(subscription, customer, now, ctx.apiVersion));
      return true;
    }
    if (sub === 'prices') prices(ctx, state, subscription);
    else if (sub === (ctx.apiVersion === EDISON ? 'consumption' : 'usage')) usage(ctx, state, subscription);
    else throw notFound();
    return true;
  }
  if (resource === 'customers' && !id) {
    // A customer token lists exactly its own customer; an organisation's, all of them.
    const customers = [...state.store.customers.values()].filter((c) => isOrganisation(claims) || c.id === claims.sub);
    sendJson(ctx, 200, { object: 'list', items: customers.map(customerJson), has_more: false, next_page: null });
    return true;
  }
  if (!id || sub) throw notFound();
  if (resource === 'customers') {
    const customer = state.store.customers.get(id);
    if (!customer || (!isOrganisation(claims) && customer.id !== claims.sub))
      throw notFound(`Customer '${id}' not found`);
    sendJson(ctx, 200, customerJson(customer));
    return true;
  }
  const plan = PLANS.find((p) => p.id === id);
  // A customer may read the plans of its own subscriptions only.
  const allowed = isOrganisation(claims) || visibleSubscriptions(ctx, state, claims).some((s) => s.planId === id);
  if (!plan || !allowed) throw notFound(`Plan '${id}' not found`);
  sendJson(ctx, 200, planJson(plan, ctx.apiVersion));
  return true;
}
