/**
 * Fault drills for the refresh, without a browser: the app's real token
 * calls (`oauth.ts`, oauth4webapi, `fetchWithoutReplay`) against the real
 * sandbox over HTTP, through the coordinator on both stores (a real
 * redis-server for two instances), with the app's clock following the
 * sandbox's. Time is moved, never waited for, except where a slow Nomos is
 * the point. Every drill asserts the sandbox's own counts: refresh grants
 * issued and refresh-token reuse detected (which revokes a grant at Nomos).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';

import { MemoryStore } from '@/lib/store/memory-store';
import { RedisStore } from '@/lib/store/redis-store';
import type { SharedStore } from '@/lib/store/shared-store';

import { control, customerTokens, startSandbox } from '../../../sandbox/test-helpers';
import type { Sandbox } from '../../../sandbox/server';

import type { Generation, RefreshCoordinator } from './refresh-coordinator';

type AppModules = {
  redeemRefreshToken: typeof import('@/lib/auth/oauth').redeemRefreshToken;
  RefreshCoordinator: typeof import('./refresh-coordinator').RefreshCoordinator;
  createSealer: typeof import('@/lib/auth/session/cookies').createSealer;
  syncClock: typeof import('@/lib/clock').syncClock;
  now: typeof import('@/lib/clock').now;
};

const DAY = 24 * 3_600_000;
const TOKEN_TIMEOUT_MS = 12_000;
let app: AppModules;
let sandbox: Sandbox;
const closers: (() => Promise<void>)[] = [];

/**
 * The app's modules read their configuration once, on import: point them at
 * the sandbox (and its clock) first, as `next start` would be configured.
 */
beforeAll(async () => {
  sandbox = await startSandbox();
  closers.push(() => sandbox.close());
  process.env.NOMOS_ISSUER = sandbox.url;
  process.env.DEMO_CLOCK_URL = `${sandbox.url}/__sandbox/clock`;
  process.env.NOMOS_TOKEN_TIMEOUT_MS = String(TOKEN_TIMEOUT_MS);
  const [oauth, coordinator, seal, clock] = await Promise.all([
    import('@/lib/auth/oauth'),
    import('./refresh-coordinator'),
    import('@/lib/auth/session/cookies'),
    import('@/lib/clock'),
  ]);
  app = {
    redeemRefreshToken: oauth.redeemRefreshToken,
    RefreshCoordinator: coordinator.RefreshCoordinator,
    createSealer: seal.createSealer,
    syncClock: clock.syncClock,
    now: clock.now,
  };
});

beforeEach(async () => {
  // Grants, clock, faults and counts back to the seeded state.
  expect((await control(sandbox, 'POST', 'reset', {})).status).toBe(200);
  await app.syncClock();
});

afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
});

let prefixes = 0;
/** `instances` coordinators sharing one store, as that many app instances would. */
function instancesOn(kind: 'memory' | 'redis', instances: number): RefreshCoordinator[] {
  const memory = new MemoryStore();
  const keyPrefix = `drill-${process.pid}-${++prefixes}:`;
  const store = (): SharedStore => {
    if (kind === 'memory') return memory;
    const redis = new RedisStore({ url: inject('redisUrl'), keyPrefix });
    closers.push(() => redis.close());
    return redis;
  };
  const sealer = app.createSealer(['d'.repeat(32)]);
  return Array.from(
    { length: kind === 'memory' ? 1 : instances },
    () =>
      new app.RefreshCoordinator({
        redeem: app.redeemRefreshToken,
        store: store(),
        sealer,
        isRevoked: async () => false,
        leaseMs: TOKEN_TIMEOUT_MS * 3 + 13_000,
        waitTimeoutMs: TOKEN_TIMEOUT_MS + 5_000,
        now: app.now,
      }),
  );
}

/** A connected customer: the code flow at the sandbox, as a sign-in leaves it. */
async function connected(email = 'anna@example.com'): Promise<Generation> {
  const tokens = await customerTokens(sandbox, email);
  const obtainedAt = await app.syncClock();
  return {
    generation: 0,
    tokens: {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      obtainedAt,
      expiresAt: obtainedAt + tokens.expires_in * 1000,
      scope: tokens.scope,
    },
  };
}

async function stats() {
  return (await (await control(sandbox, 'GET', 'stats')).json()) as {
    grants: { refresh_token: number };
    refresh_reuse_detected: number;
  };
}

/** Moves the sandbox's clock, which the app follows: tokens expire without anyone waiting. */
async function advance(seconds: number) {
  const response = await control(sandbox, 'POST', 'clock', { advance_seconds: seconds });
  expect(response.status, await response.clone().text()).toBe(200);
  await app.syncClock();
}

async function fault(body: Record<string, unknown>) {
  const response = await control(sandbox, 'POST', 'faults', body);
  expect(response.status, await response.clone().text()).toBe(201);
}

const GRANT = 'drill-grant-0123456789';

/** A request as the proxy makes it: the app's clock read first, then the coordinator. */
async function renew(coordinator: RefreshCoordinator, current: Generation) {
  await app.syncClock();
  return coordinator.renew(GRANT, current, DAY);
}

const HOUR_S = 3_600;

describe.each(['memory', 'redis'] as const)('refresh drills, %s store', (kind) => {
  it('a storm of 50 requests at each of 3 expiries: one refresh grant per rotation, no reuse', async () => {
    const instances = instancesOn(kind, 2);
    let current = await connected();
    for (let rotation = 1; rotation <= 3; rotation++) {
      await advance(HOUR_S + 1);
      const before = await stats();
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => renew(instances[i % instances.length]!, current)),
      );
      const after = await stats();
      expect(after.grants.refresh_token - before.grants.refresh_token, `rotation ${rotation}`).toBe(1);
      expect(after.refresh_reuse_detected).toBe(0);
      expect(new Set(results.map((r) => r.generation))).toEqual(new Set([rotation]));
      current = results[0]!;
    }
  });

  it('abandoned response: the cookie that never got the rotated tokens comes back 35 s and 2 h later and is served, no reuse', async () => {
    const [a, b = a] = instancesOn(kind, 2);
    const cookie = await connected();
    await advance(HOUR_S + 1);
    const lost = await renew(a!, cookie);
    expect(lost.generation).toBe(1);

    await advance(35);
    await expect(renew(b!, cookie)).resolves.toEqual(lost);
    await advance(2 * HOUR_S);
    const newest = await renew(b!, cookie);
    expect(newest.generation).toBe(2);
    expect(await stats()).toMatchObject({ grants: { refresh_token: 2 }, refresh_reuse_detected: 0 });
  });

  it('a 503 with Retry-After is retried inside the call (Nomos said it did not process it): connected, one grant', async () => {
    const [coordinator] = instancesOn(kind, 1);
    const cookie = await connected();
    await advance(HOUR_S + 1);
    await fault({ path: '/oauth/token', status: 503, times: 1 });
    await expect(renew(coordinator!, cookie)).resolves.toMatchObject({ generation: 1 });
    expect(await stats()).toMatchObject({ grants: { refresh_token: 1 }, refresh_reuse_detected: 0 });
  });

  it('a 502 before Nomos processed anything: "unavailable" now, not retried at once, connected on the next attempt', async () => {
    const [coordinator] = instancesOn(kind, 1);
    const cookie = await connected();
    await advance(HOUR_S + 1);
    await fault({ path: '/oauth/token', status: 502, times: 1 });
    await expect(renew(coordinator!, cookie)).rejects.toMatchObject({
      kind: 'unavailable',
      details: { code: 'OUTCOME_UNKNOWN' },
    });
    // Remembered: a burst of requests does not present the token again at once.
    await expect(renew(coordinator!, cookie)).rejects.toMatchObject({ kind: 'unavailable' });
    expect((await stats()).grants.refresh_token).toBe(0);
    await advance(6);
    await expect(renew(coordinator!, cookie)).resolves.toMatchObject({ generation: 1 });
    expect(await stats()).toMatchObject({ grants: { refresh_token: 1 }, refresh_reuse_detected: 0 });
  });

  for (const lost of [
    { title: '502 after rotating', fault: { status: 502, when: 'after' } },
    { title: 'connection dropped after rotating', fault: { drop: true, when: 'after' } },
  ]) {
    it(`${lost.title}: the rotated tokens are lost; one reuse detection at most, then "connection ended", never an endless "unavailable"`, async () => {
      const [a, b = a] = instancesOn(kind, 2);
      const cookie = await connected();
      await advance(HOUR_S + 1);
      await fault({ path: '/oauth/token', times: 1, ...lost.fault });
      await expect(renew(a!, cookie)).rejects.toMatchObject({
        kind: 'unavailable',
        details: { code: 'OUTCOME_UNKNOWN' },
      });
      expect((await stats()).grants.refresh_token).toBe(1);
      await advance(6);
      await expect(renew(b!, cookie)).rejects.toMatchObject({ kind: 'connection-ended' });
      // Ended for good: every later request is told so without asking Nomos again.
      await advance(HOUR_S);
      await expect(renew(a!, cookie)).rejects.toMatchObject({ kind: 'connection-ended' });
      expect(await stats()).toMatchObject({ grants: { refresh_token: 1 }, refresh_reuse_detected: 1 });
    });
  }
});

describe('refresh drills with a slow Nomos (two instances on Redis)', () => {
  it(
    'a token endpoint that takes 9 s: connected, one grant, no reuse, every waiter served',
    { timeout: 30_000 },
    async () => {
      const instances = instancesOn('redis', 2);
      const cookie = await connected();
      await advance(HOUR_S + 1);
      await fault({ path: '/oauth/token', delay_ms: 9_000, times: 1 });
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => renew(instances[i % 2]!, cookie)));
      expect(new Set(results.map((r) => r.generation))).toEqual(new Set([1]));
      expect(await stats()).toMatchObject({ grants: { refresh_token: 1 }, refresh_reuse_detected: 0 });
    },
  );

  it(
    `longer than the token time limit: "Nomos did not answer", and still connected afterwards when Nomos had not processed it`,
    { timeout: 40_000 },
    async () => {
      const [coordinator] = instancesOn('redis', 1);
      const cookie = await connected();
      await advance(HOUR_S + 1);
      // Answers (unprocessed) only after the app gave up waiting.
      await fault({ path: '/oauth/token', delay_ms: TOKEN_TIMEOUT_MS + 2_000, status: 503, times: 1 });
      await expect(renew(coordinator!, cookie)).rejects.toMatchObject({
        kind: 'unavailable',
        details: { code: 'OUTCOME_UNKNOWN' },
      });
      await advance(6);
      await expect(renew(coordinator!, cookie)).resolves.toMatchObject({ generation: 1 });
      expect(await stats()).toMatchObject({ grants: { refresh_token: 1 }, refresh_reuse_detected: 0 });
    },
  );
});

describe('two instances restarted while Nomos is slow', () => {
  const slots = ['refresh-coordinator', 'shared-store'].map((name) => Symbol.for(`nomos-hems.${name}`));
  const globals = globalThis as typeof globalThis & Record<symbol, unknown>;

  /**
   * A freshly started app instance on Redis: its own copy of every module,
   * so nothing is discovered yet, and its own store connection and
   * coordinator. Returns the proxy's refresh, as `proxy.ts` calls it.
   */
  async function restartedInstance() {
    vi.resetModules();
    for (const slot of slots) delete globals[slot];
    const [refresh, store] = await Promise.all([import('./refresh'), import('@/lib/store')]);
    const shared = store.getSharedStore();
    closers.push(async () => {
      if (shared instanceof RedisStore) await shared.close();
    });
    return refresh.refreshSession;
  }

  it(
    'discovery slow after a restart: it happens before the lock, so one grant per rotation and no reuse',
    { timeout: 30_000 },
    async () => {
      process.env.REDIS_URL = inject('redisUrl');
      try {
        // Both instances discover Nomos' metadata slowly, as after a deployment.
        await fault({ path: '/.well-known/oauth-authorization-server', delay_ms: 4_000, times: 2 });
        const instances = [await restartedInstance(), await restartedInstance()];
        const { generation, tokens } = await connected();
        const connectedAt = app.now();
        let session = {
          grantId: `restart-${GRANT}`,
          ...tokens,
          generation,
          connectedAt,
          lastSeenAt: connectedAt,
        };
        for (let rotation = 1; rotation <= 2; rotation++) {
          await advance(HOUR_S + 1);
          const results = await Promise.all(Array.from({ length: 10 }, (_, i) => instances[i % 2]!(session)));
          expect(new Set(results.map((r) => r.generation)), `rotation ${rotation}`).toEqual(new Set([rotation]));
          expect(new Set(results.map((r) => r.refreshToken)).size).toBe(1);
          expect(await stats()).toMatchObject({ grants: { refresh_token: rotation }, refresh_reuse_detected: 0 });
          session = results[0]!;
        }
      } finally {
        delete process.env.REDIS_URL;
        for (const slot of slots) delete globals[slot];
      }
    },
  );
});

describe('token responses as RFC 6749 allows them', () => {
  async function omit(fields: string[]) {
    const response = await control(sandbox, 'POST', 'token-response', { omit: fields });
    expect(response.status, await response.clone().text()).toBe(200);
  }

  it('a refresh response without scope keeps the scope granted before (§5.1: unchanged scope may be left out)', async () => {
    const [coordinator] = instancesOn('memory', 1);
    const cookie = await connected();
    await omit(['scope']);
    await advance(HOUR_S + 1);
    await expect(renew(coordinator!, cookie)).resolves.toMatchObject({
      generation: 1,
      tokens: { scope: cookie.tokens.scope },
    });
  });

  it('a refresh response without expires_in is taken to last Nomos’ documented hour', async () => {
    const [coordinator] = instancesOn('memory', 1);
    const cookie = await connected();
    await omit(['expires_in']);
    await advance(HOUR_S + 1);
    const next = await renew(coordinator!, cookie);
    expect(next.tokens.expiresAt - next.tokens.obtainedAt).toBe(HOUR_S * 1000);
  });

  it('a refresh response without a new refresh token keeps the old one (§6), and the next refresh presents it without reuse', async () => {
    const [coordinator] = instancesOn('redis', 1);
    const cookie = await connected();
    await omit(['refresh_token']);
    await advance(HOUR_S + 1);
    const first = await renew(coordinator!, cookie);
    expect(first.tokens.refreshToken).toBe(cookie.tokens.refreshToken);
    expect(first.tokens.accessToken).not.toBe(cookie.tokens.accessToken);
    await advance(HOUR_S + 1);
    const second = await renew(coordinator!, first);
    expect(second.generation).toBe(2);
    // An older cookie holding the same refresh token is still served from the chain, not redeemed again.
    await expect(renew(coordinator!, cookie)).resolves.toEqual(second);
    expect(await stats()).toMatchObject({ grants: { refresh_token: 2 }, refresh_reuse_detected: 0 });
  });

  it('a 200 that this app cannot use is "rejected" with its reason, not "Nomos could not be reached"', async () => {
    const [coordinator] = instancesOn('memory', 1);
    const cookie = await connected();
    await advance(HOUR_S + 1);
    const realFetch = globalThis.fetch;
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (!url.endsWith('/oauth/token')) return realFetch(input, init);
      return Response.json({ token_type: 'Bearer', expires_in: 3600 }, { headers: { 'cache-control': 'no-store' } });
    });
    try {
      await expect(renew(coordinator!, cookie)).rejects.toMatchObject({
        kind: 'rejected',
        details: { code: 'UNUSABLE_TOKEN_RESPONSE' },
        message: expect.stringContaining('cannot use'),
      });
    } finally {
      spy.mockRestore();
    }
  });
});
