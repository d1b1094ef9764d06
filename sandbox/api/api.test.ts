import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  customerSchema,
  nomosErrorSchema,
  planSchema,
  priceSchema,
  subscriptionListSchema,
  subscriptionSchema,
  usageSchema,
  type ApiPrice,
} from '../../lib/nomos/schemas';
import type { Sandbox } from '../server';
import { api, control, customerTokens, organisationToken, startSandbox } from '../test-helpers';

let sandbox: Sandbox;
let anna: string;
let organisation: string;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await control(sandbox, 'POST', 'reset');
  anna = (await customerTokens(sandbox, 'anna@example.com')).access_token;
  organisation = (await organisationToken(sandbox)).access_token;
});

/** Moves the sandbox clock and signs in again: tokens live on that clock, so a jump forward would end the ones from beforeEach. */
async function setClock(now: string | null) {
  await control(sandbox, 'POST', 'clock', { now });
  anna = (await customerTokens(sandbox, 'anna@example.com')).access_token;
  organisation = (await organisationToken(sandbox)).access_token;
}

async function expectError(response: Response, status: number, code: string, messagePart?: string) {
  expect(response.status).toBe(status);
  const body = nomosErrorSchema.parse(await response.json());
  expect(body.code).toBe(code);
  if (messagePart) expect(body.message).toContain(messagePart);
}

async function prices(token: string, subscription: string, start: string, end = start): Promise<ApiPrice> {
  const response = await api(sandbox, `/subscriptions/${subscription}/prices?start=${start}&end=${end}`, token);
  expect(response.status).toBe(200);
  return priceSchema.parse(await response.json());
}

describe('access control', () => {
  it('answers 404 for another customer’s subscription, customer and plan', async () => {
    await expectError(await api(sandbox, '/subscriptions/sub_ben_home', anna), 404, 'NOT_FOUND');
    await expectError(
      await api(sandbox, '/subscriptions/sub_ben_home/prices?start=2026-03-01&end=2026-03-01', anna),
      404,
      'NOT_FOUND',
    );
    await expectError(await api(sandbox, '/customers/cus_ben', anna), 404, 'NOT_FOUND');
    await expectError(await api(sandbox, '/plans/plan_dynamic_hourly', anna), 404, 'NOT_FOUND');
  });

  it('lists only the token’s own customer at GET /customers', async () => {
    const list = (await (await api(sandbox, '/customers', anna)).json()) as { object: string; items: unknown[] };
    expect(list.object).toBe('list');
    expect(list.items.map((item) => customerSchema.parse(item).email)).toEqual(['anna@example.com']);
  });

  it('requires a bearer token', async () => {
    await expectError(await fetch(new URL('/subscriptions', sandbox.url)), 401, 'UNAUTHORIZED');
    await expectError(await api(sandbox, '/subscriptions', 'not.a.jwt'), 401, 'UNAUTHORIZED');
  });

  it('shows a customer only their own subscriptions, with expanded objects on the detail', async () => {
    const list = subscriptionListSchema.parse(await (await api(sandbox, '/subscriptions', anna)).json());
    expect(list.items.map((s) => s.id)).toEqual(['sub_anna_home']);
    const detail = subscriptionSchema.parse(await (await api(sandbox, '/subscriptions/sub_anna_home', anna)).json());
    expect(detail).toMatchObject({ status: 'active', type: 'consumption', plan: 'plan_dynamic_15min' });
    expect(detail.customer.email).toBe('anna@example.com');
    customerSchema.parse(await (await api(sandbox, '/customers/cus_anna', anna)).json());
    const plan = planSchema.parse(await (await api(sandbox, '/plans/plan_dynamic_15min', anna)).json());
    expect(plan.type).toBe('consumption');
  });

  it('rejects an unknown X-API-Version and echoes the version on every response', async () => {
    await expectError(
      await api(sandbox, '/subscriptions', anna, { 'x-api-version': '2025-01-01.nope' }),
      400,
      'BAD_REQUEST',
      'X-API-Version',
    );
    const curie = await api(sandbox, '/subscriptions', anna);
    expect(curie.headers.get('x-api-version')).toBe('2026-05-27.curie');
    const edison = await api(sandbox, '/subscriptions', anna, { 'x-api-version': '2026-01-29.edison' });
    expect(edison.headers.get('x-api-version')).toBe('2026-01-29.edison');
    const notFound = await api(sandbox, '/subscriptions/nope', anna);
    expect(notFound.headers.get('x-api-version')).toBe('2026-05-27.curie');
  });
});

describe('GET /subscriptions', () => {
  it('rejects a limit outside 1–100', async () => {
    for (const limit of ['0', '101', 'abc']) {
      await expectError(await api(sandbox, `/subscriptions?limit=${limit}`, organisation), 400, 'BAD_REQUEST', 'limit');
    }
  });

  it('paginates an organisation to the end without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const path: string = `/subscriptions?limit=7${cursor ? `&cursor=${cursor}` : ''}`;
      const page = subscriptionListSchema.parse(await (await api(sandbox, path, organisation)).json());
      seen.push(...page.items.map((s) => s.id));
      expect(page.has_more).toBe(page.next_page !== null);
      cursor = page.next_page;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(31);
    expect(new Set(seen).size).toBe(31);
    expect(seen[0]).toBe('sub_anna_home');
  });

  it('walks dora’s two subscriptions with limit=1', async () => {
    const dora = (await customerTokens(sandbox, 'dora@example.com')).access_token;
    const first = subscriptionListSchema.parse(await (await api(sandbox, '/subscriptions?limit=1', dora)).json());
    expect(first.has_more).toBe(true);
    const second = subscriptionListSchema.parse(
      await (await api(sandbox, `/subscriptions?limit=1&cursor=${first.next_page}`, dora)).json(),
    );
    expect(second.has_more).toBe(false);
    expect(second.next_page).toBeNull();
    expect([...first.items, ...second.items].map((s) => s.type).sort()).toEqual(['consumption', 'feed_in']);
  });

  it('filters by status and shows carla pending and emil ended', async () => {
    const pending = subscriptionListSchema.parse(
      await (await api(sandbox, '/subscriptions?filter[status][eq]=pending&limit=100', organisation)).json(),
    );
    expect(pending.items.map((s) => s.id)).toContain('sub_carla_home');
    expect(pending.items.every((s) => s.status === 'pending')).toBe(true);
    const ended = subscriptionListSchema.parse(
      await (await api(sandbox, '/subscriptions?filter[status][eq]=ended&limit=100', organisation)).json(),
    );
    expect(ended.items.map((s) => s.id)).toContain('sub_emil_home');
    await expectError(
      await api(sandbox, '/subscriptions?filter[status][eq]=gone', organisation),
      400,
      'BAD_REQUEST',
      'filter[status][eq]',
    );
  });

  it('hides feed-in subscriptions from the edison version', async () => {
    const dora = (await customerTokens(sandbox, 'dora@example.com')).access_token;
    const list = subscriptionListSchema.parse(
      await (await api(sandbox, '/subscriptions', dora, { 'x-api-version': '2026-01-29.edison' })).json(),
    );
    expect(list.items.map((s) => s.id)).toEqual(['sub_dora_home']);
  });
});

describe('GET /subscriptions/{id}/prices', () => {
  it('rejects invalid dates, start after end and too long ranges, naming the parameter', async () => {
    const path = '/subscriptions/sub_anna_home/prices';
    await expectError(
      await api(sandbox, `${path}?start=2026-02-30&end=2026-03-01`, anna),
      400,
      'BAD_REQUEST',
      "'start'",
    );
    await expectError(await api(sandbox, `${path}?start=2026-03-01`, anna), 400, 'BAD_REQUEST', "'end'");
    await expectError(
      await api(sandbox, `${path}?start=2026-03-02&end=2026-03-01`, anna),
      400,
      'BAD_REQUEST',
      "'start'",
    );
    await expectError(await api(sandbox, `${path}?start=2026-01-01&end=2026-03-01`, anna), 400, 'BAD_REQUEST', "'end'");
  });

  it('counts 92 quarter-hours on 2026-03-29, 100 on 2026-10-25 and 96 otherwise', async () => {
    await setClock('2026-11-01T12:00:00Z');
    expect((await prices(anna, 'sub_anna_home', '2026-03-29')).items).toHaveLength(92);
    expect((await prices(anna, 'sub_anna_home', '2026-10-25')).items).toHaveLength(100);
    expect((await prices(anna, 'sub_anna_home', '2026-03-30')).items).toHaveLength(96);
    const autumn = await prices(anna, 'sub_anna_home', '2026-10-25');
    expect(autumn.period).toEqual({ start: '2026-10-24T22:00:00.000Z', end: '2026-10-25T22:59:59.000Z' });
    expect(autumn.items?.[0]?.timestamp).toBe('2026-10-24T22:00:00.000Z');
  });

  it('counts 23, 24 and 25 hours for an hourly plan', async () => {
    await setClock('2026-11-01T12:00:00Z');
    const ben = (await customerTokens(sandbox, 'ben@example.com')).access_token;
    const spring = await prices(ben, 'sub_ben_home', '2026-03-29');
    expect(spring.resolution).toBe('hourly');
    expect(spring.items).toHaveLength(23);
    expect((await prices(ben, 'sub_ben_home', '2026-10-25')).items).toHaveLength(25);
    expect((await prices(ben, 'sub_ben_home', '2026-06-01')).items).toHaveLength(24);
  });

  it('has no prices for tomorrow before 14:00 Berlin time, and all of them after', async () => {
    await setClock('2026-06-10T11:59:00Z'); // 13:59 CEST
    const before = await prices(anna, 'sub_anna_home', '2026-06-10', '2026-06-11');
    expect(before.items).toHaveLength(96);
    expect(before.items?.at(-1)?.timestamp).toBe('2026-06-10T21:45:00.000Z');
    await setClock('2026-06-10T12:00:00Z'); // 14:00 CEST
    expect((await prices(anna, 'sub_anna_home', '2026-06-10', '2026-06-11')).items).toHaveLength(192);
    expect((await prices(anna, 'sub_anna_home', '2026-06-12')).items).toEqual([]);
  });

  it('gives null items for a subscription that is not active', async () => {
    const carla = (await customerTokens(sandbox, 'carla@example.com')).access_token;
    const { items } = await prices(carla, 'sub_carla_home', new Date().toISOString().slice(0, 10));
    expect(items).toBeNull();
    const emil = (await customerTokens(sandbox, 'emil@example.com')).access_token;
    expect((await prices(emil, 'sub_emil_home', new Date().toISOString().slice(0, 10))).items).toBeNull();
  });

  it('returns the same prices for the same plan and day, components summing to the amount', async () => {
    await setClock('2026-06-01T12:00:00Z');
    const a = await prices(anna, 'sub_anna_home', '2026-05-10');
    await control(sandbox, 'POST', 'reset');
    const again = await prices(
      (await customerTokens(sandbox, 'anna@example.com')).access_token,
      'sub_anna_home',
      '2026-05-10',
    );
    expect(again.items).toEqual(a.items);
    for (const item of a.items ?? []) {
      const sum = item.components.reduce((s, c) => s + (c.amount ?? 0), 0);
      expect(Math.round(sum * 100) / 100).toBe(item.amount);
      expect(Math.round((item.amount ?? 0) * 100) / 100).toBe(item.amount);
    }
    expect(a).toMatchObject({ unit: 'ct/kWh', currency: 'EUR', resolution: '15min', reference: 'EPEX Day-Ahead' });
  });

  it('pays feed-in at market value without grid fees and never below zero', async () => {
    await setClock('2026-06-01T12:00:00Z');
    const dora = (await customerTokens(sandbox, 'dora@example.com')).access_token;
    const solar = await prices(dora, 'sub_dora_solar', '2026-05-01', '2026-05-14');
    for (const item of solar.items ?? []) {
      expect(item.amount).toBeGreaterThanOrEqual(0);
      expect(item.components.find((c) => c.type === 'grid')?.amount).toBe(0);
    }
  });
});

describe('null prices switch', () => {
  it('makes a stable share of amounts null, still conforming to the spec', async () => {
    const sprinkled = await startSandbox({ nullPriceFraction: 0.05 });
    try {
      await control(sprinkled, 'POST', 'clock', { now: '2026-06-01T12:00:00Z' });
      const token = (await customerTokens(sprinkled, 'anna@example.com')).access_token;
      const fetchDay = async () =>
        priceSchema.parse(
          await (
            await api(sprinkled, '/subscriptions/sub_anna_home/prices?start=2026-05-01&end=2026-05-07', token)
          ).json(),
        );
      const first = await fetchDay();
      const nulls = (first.items ?? []).filter((i) => i.amount === null).length;
      expect(nulls).toBeGreaterThan(5);
      expect(nulls).toBeLessThan(100);
      expect((await fetchDay()).items).toEqual(first.items);
    } finally {
      await sprinkled.close();
    }
  });
});

describe('missing usage switch', () => {
  it('leaves a stable share of quarter-hours out of usage, rather than sending zeros', async () => {
    const gappy = await startSandbox({ missingUsageFraction: 0.05 });
    try {
      await control(gappy, 'POST', 'clock', { now: '2026-06-11T14:00:00Z' });
      const token = (await customerTokens(gappy, 'anna@example.com')).access_token;
      const fetchDays = async () =>
        usageSchema.parse(
          await (await api(gappy, '/subscriptions/sub_anna_home/usage?start=2026-06-01&end=2026-06-08', token)).json(),
        );
      const first = await fetchDays();
      expect(first.data.length).toBeLessThan(7 * 96 - 5);
      expect(first.data.length).toBeGreaterThan(7 * 96 - 100);
      expect(first.data.every((item) => item.usage > 0)).toBe(true);
      expect((await fetchDays()).data).toEqual(first.data);
    } finally {
      await gappy.close();
    }
  });
});

describe('usage', () => {
  it('serves 15-minute usage of past days from 16:00 the next day, on /usage (curie) and /consumption (edison)', async () => {
    await setClock('2026-06-11T13:59:00Z'); // 15:59 CEST: yesterday not yet delivered
    const early = usageSchema.parse(await (await api(sandbox, '/subscriptions/sub_anna_home/usage', anna)).json());
    expect(early.data).toEqual([]);
    await setClock('2026-06-11T14:00:00Z');
    const usage = usageSchema.parse(await (await api(sandbox, '/subscriptions/sub_anna_home/usage', anna)).json());
    expect(usage).toMatchObject({ object: 'usage', meter_type: 'smart', resolution: '15min' });
    expect(usage.data).toHaveLength(96);
    expect(usage.data[0]?.start).toBe('2026-06-09T22:00:00.000Z');
    const edison = await api(sandbox, '/subscriptions/sub_anna_home/consumption', anna, {
      'x-api-version': '2026-01-29.edison',
    });
    expect(usageSchema.parse(await edison.json()).data).toEqual(usage.data);
    await expectError(await api(sandbox, '/subscriptions/sub_anna_home/consumption', anna), 404, 'NOT_FOUND');
    const daily = usageSchema.parse(
      await (
        await api(sandbox, '/subscriptions/sub_anna_home/usage?start=2026-03-28&end=2026-03-31&resolution=day', anna)
      ).json(),
    );
    expect(daily.data).toHaveLength(3);
  });
});

describe('test controls', () => {
  it('injects faults on matching paths, with Retry-After on 429, then serves normally', async () => {
    await control(sandbox, 'POST', 'faults', { path: '/subscriptions/*/prices', status: 429, times: 2 });
    const path = '/subscriptions/sub_anna_home/prices?start=2026-03-01&end=2026-03-01';
    for (let i = 0; i < 2; i++) {
      const response = await api(sandbox, path, anna);
      expect(response.headers.get('retry-after')).toBe('1');
      await expectError(response, 429, 'TOO_MANY_REQUESTS');
    }
    expect((await api(sandbox, path, anna)).status).toBe(200);
    expect((await api(sandbox, '/subscriptions', anna)).status).toBe(200);
  });

  it('fails /oauth/token with a 503 envelope and clears faults on DELETE', async () => {
    await control(sandbox, 'POST', 'faults', { path: '/oauth/token', status: 503, times: 5 });
    const response = await fetch(new URL('/oauth/token', sandbox.url), { method: 'POST' });
    await expectError(response, 503, 'INTERNAL_SERVER_ERROR');
    await control(sandbox, 'DELETE', 'faults');
    expect((await organisationToken(sandbox)).scope).toBe('read:* write:*');
  });

  it('delays without failing when only delay_ms is given', async () => {
    await control(sandbox, 'POST', 'faults', { path: '/subscriptions', delay_ms: 150 });
    const started = Date.now();
    expect((await api(sandbox, '/subscriptions', anna)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('counts API requests only and reports the clock', async () => {
    await api(sandbox, '/subscriptions', anna);
    await api(sandbox, '/subscriptions/sub_anna_home', anna);
    const stats = (await (await control(sandbox, 'GET', 'stats')).json()) as { api_requests: number };
    expect(stats.api_requests).toBe(2);
    await setClock('2026-03-29T10:00:00Z');
    const clock = (await (await control(sandbox, 'GET', 'clock')).json()) as { now: string; overridden: boolean };
    expect(clock.overridden).toBe(true);
    expect(Date.parse(clock.now) - Date.parse('2026-03-29T10:00:00Z')).toBeLessThan(5_000);
    await setClock(null);
    expect(((await (await control(sandbox, 'GET', 'clock')).json()) as { overridden: boolean }).overridden).toBe(false);
  });

  it('rejects malformed control bodies with the envelope', async () => {
    await expectError(await control(sandbox, 'POST', 'clock', { now: 'yesterday' }), 400, 'BAD_REQUEST', 'now');
  });
});
