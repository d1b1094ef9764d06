import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, describe, expect, inject, it } from 'vitest';

import { NomosError } from '@/lib/nomos/errors';
import { MemoryStore } from '@/lib/store/memory-store';
import { RedisStore } from '@/lib/store/redis-store';
import { StoreUnavailableError, type SharedStore } from '@/lib/store/shared-store';

import { startRedis } from '../../scripts/redis-server.mjs';

import { needsRefresh, RefreshCoordinator, refreshStoreKeys, type RotatedTokens } from './refresh-coordinator';
import { createSealer } from './seal';

const secret = 's'.repeat(32);
const newSecret = 'n'.repeat(32);
const sealer = createSealer([secret]);
const HOUR = 3_600_000;

/** A stand-in for Nomos' token endpoint that rotates strictly and counts reuse, as the real one revokes on it. */
function fakeNomos(lifetimeMs = HOUR) {
  const used = new Set<string>();
  const presented: string[] = [];
  let reuse = 0;
  const redeem = async (refreshToken: string): Promise<RotatedTokens> => {
    presented.push(refreshToken);
    const call = presented.length;
    if (used.has(refreshToken)) {
      reuse++;
      throw new NomosError('connection-ended', 'refresh token reused: grant revoked');
    }
    used.add(refreshToken);
    await sleep(20);
    const now = Date.now();
    return { accessToken: `at-${call}`, refreshToken: `rt-${call}`, obtainedAt: now, expiresAt: now + lifetimeMs, scope: 'read:*' };
  };
  return { redeem, presented, stats: () => ({ calls: presented.length, reuse }) };
}

/** Records every value written, to check what the store holds at rest. */
function recording(store: SharedStore) {
  const writes: { key: string; value: string }[] = [];
  const recorded: SharedStore = Object.create(store) as SharedStore;
  recorded.set = (key, value, ttl) => (writes.push({ key, value }), store.set(key, value, ttl));
  recorded.setIfAbsent = (key, value, ttl) => (writes.push({ key, value }), store.setIfAbsent(key, value, ttl));
  return { store: recorded, writes };
}

const redisStores: RedisStore[] = [];
let prefixCount = 0;
afterAll(async () => {
  await Promise.all(redisStores.map((store) => store.close()));
});

/**
 * Each case runs against both stores. `instance()` gives another "server
 * instance" sharing the same store: the same MemoryStore object, or a new
 * Redis connection with the same key prefix.
 */
const stores: [string, () => { instance: () => SharedStore }][] = [
  [
    'memory store',
    () => {
      const store = new MemoryStore();
      return { instance: () => store };
    },
  ],
  [
    'Redis store',
    () => {
      const keyPrefix = `test-${process.pid}-${++prefixCount}:`;
      return {
        instance: () => {
          const store = new RedisStore({ url: inject('redisUrl'), keyPrefix });
          redisStores.push(store);
          return store;
        },
      };
    },
  ],
];

describe.each(stores)('RefreshCoordinator with the %s', (_name, makeStore) => {
  const coordinatorOn = (store: SharedStore, redeem: (rt: string) => Promise<RotatedTokens>, extra = {}) =>
    new RefreshCoordinator({ redeem, store, sealer, leaseMs: 5_000, ...extra });

  it('never presents a refresh token twice when 50 callers on two instances refresh at once', async () => {
    const shared = makeStore();
    const nomos = fakeNomos();
    const instances = [coordinatorOn(shared.instance(), nomos.redeem), coordinatorOn(shared.instance(), nomos.redeem)];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => instances[i % 2]!.refresh('rt-0')),
    );
    expect(nomos.stats()).toEqual({ calls: 1, reuse: 0 });
    expect(new Set(results.map((r) => r.refreshToken))).toEqual(new Set(['rt-1']));
  });

  it('gives late callers with the previous token the rotated result within the grace window, on any instance', async () => {
    const shared = makeStore();
    const nomos = fakeNomos();
    const first = await coordinatorOn(shared.instance(), nomos.redeem).refresh('rt-0');
    await sleep(100);
    const late = await coordinatorOn(shared.instance(), nomos.redeem).refresh('rt-0');
    expect(late).toEqual(first);
    expect(nomos.stats().calls).toBe(1);
  });

  it('renews from the newest generation when a late caller’s rotated access token has run out too', async () => {
    const shared = makeStore();
    const nomos = fakeNomos(300);
    const a = coordinatorOn(shared.instance(), nomos.redeem);
    const b = coordinatorOn(shared.instance(), nomos.redeem);
    await a.refresh('rt-0');
    await sleep(350);
    // A request still carrying the cookie with rt-0 arrives after rt-1's access token expired.
    const late = await b.refresh('rt-0');
    expect(nomos.presented).toEqual(['rt-0', 'rt-1']);
    expect(late.accessToken).toBe('at-2');
    // Everyone else holding rt-0 or rt-1 now gets the same newest tokens.
    await expect(a.refresh('rt-0')).resolves.toEqual(late);
    await expect(a.refresh('rt-1')).resolves.toEqual(late);
    expect(nomos.stats()).toEqual({ calls: 2, reuse: 0 });
  });

  it('presents the old token again after the grace window, so Nomos can judge it', async () => {
    const shared = makeStore();
    const nomos = fakeNomos();
    const coordinator = coordinatorOn(shared.instance(), nomos.redeem, { graceMs: 150 });
    await coordinator.refresh('rt-0');
    await sleep(300);
    await expect(coordinator.refresh('rt-0')).rejects.toThrow(/reused/);
    expect(nomos.stats()).toEqual({ calls: 2, reuse: 1 });
  });

  it('tells every waiting caller that the connection ended, after one attempt', async () => {
    const shared = makeStore();
    let calls = 0;
    const redeem = async (): Promise<RotatedTokens> => {
      calls++;
      await sleep(30);
      throw new NomosError('connection-ended', 'Nomos refused the refresh token', { requestId: 'req-1' });
    };
    const instances = [coordinatorOn(shared.instance(), redeem), coordinatorOn(shared.instance(), redeem)];
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => instances[i % 2]!.refresh('rt-0')));
    expect(calls).toBe(1);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const reason = (result as PromiseRejectedResult).reason as NomosError;
      expect(reason).toBeInstanceOf(NomosError);
      expect([reason.kind, reason.requestId]).toEqual(['connection-ended', 'req-1']);
    }
  });

  it('remembers a failed refresh briefly, then lets the next caller try again', async () => {
    const shared = makeStore();
    let fail = true;
    let calls = 0;
    const coordinator = coordinatorOn(
      shared.instance(),
      async () => {
        calls++;
        if (fail) throw new NomosError('unavailable', 'Nomos answered 503', { requestId: 'req-503' });
        return { accessToken: 'a', refreshToken: 'b', expiresAt: Date.now() + HOUR, obtainedAt: Date.now(), scope: '' };
      },
      { failureMemoryMs: 150 },
    );
    await expect(coordinator.refresh('rt')).rejects.toMatchObject({ kind: 'unavailable', requestId: 'req-503' });
    fail = false;
    await expect(coordinator.refresh('rt')).rejects.toMatchObject({ kind: 'unavailable' });
    expect(calls).toBe(1);
    await sleep(300);
    await expect(coordinator.refresh('rt')).resolves.toMatchObject({ refreshToken: 'b' });
    expect(calls).toBe(2);
  });

  it('takes over once the lease of a winner that crashed has run out, and redeems exactly once', async () => {
    const shared = makeStore();
    const store = shared.instance();
    const nomos = fakeNomos();
    // An instance won the lock and died before publishing anything.
    expect(await store.setIfAbsent(refreshStoreKeys('rt-0').lock, 'crashed-instance', 300)).toBe(true);
    const started = Date.now();
    const tokens = await coordinatorOn(store, nomos.redeem, { waitTimeoutMs: 2_000 }).refresh('rt-0');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(tokens.refreshToken).toBe('rt-1');
    expect(nomos.stats()).toEqual({ calls: 1, reuse: 0 });
  });

  it('gives up waiting after its time limit with "unavailable", never presenting the token itself', async () => {
    const shared = makeStore();
    const store = shared.instance();
    const nomos = fakeNomos();
    await store.setIfAbsent(refreshStoreKeys('rt-0').lock, 'slow-instance', 5_000);
    const started = Date.now();
    await expect(
      coordinatorOn(store, nomos.redeem, { waitTimeoutMs: 200 }).refresh('rt-0'),
    ).rejects.toMatchObject({ kind: 'unavailable' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(nomos.stats().calls).toBe(0);
  });

  it('stores only sealed values under hashed keys: no token at rest in clear', async () => {
    const shared = makeStore();
    const { store, writes } = recording(shared.instance());
    const nomos = fakeNomos();
    const tokens = await coordinatorOn(store, nomos.redeem).refresh('rt-0-secret-value');
    expect(writes.length).toBeGreaterThanOrEqual(2);
    for (const { key, value } of writes) {
      for (const token of ['rt-0-secret-value', tokens.accessToken, tokens.refreshToken]) {
        expect(key).not.toContain(token);
        expect(value).not.toContain(token);
      }
    }
    const published = writes.find(({ key }) => key === refreshStoreKeys('rt-0-secret-value').outcome);
    expect(published?.value).toMatch(/^Fe26\.2\*/);
  });

  it('reads what an instance with the previous secret published during a secret rotation', async () => {
    const shared = makeStore();
    const nomos = fakeNomos();
    const before = await coordinatorOn(shared.instance(), nomos.redeem).refresh('rt-0');
    const rotated = new RefreshCoordinator({
      redeem: nomos.redeem,
      store: shared.instance(),
      sealer: createSealer([newSecret, secret]),
      leaseMs: 5_000,
    });
    await expect(rotated.refresh('rt-0')).resolves.toEqual(before);
    expect(nomos.stats().calls).toBe(1);
  });

  it('answers "unavailable", and does not redeem again, when the published outcome is sealed with an unknown secret', async () => {
    const shared = makeStore();
    const nomos = fakeNomos();
    await new RefreshCoordinator({
      redeem: nomos.redeem,
      store: shared.instance(),
      sealer: createSealer([newSecret, secret]),
      leaseMs: 5_000,
    }).refresh('rt-0');
    // An instance not yet given the new secret.
    await expect(coordinatorOn(shared.instance(), nomos.redeem).refresh('rt-0')).rejects.toMatchObject({
      kind: 'unavailable',
    });
    expect(nomos.stats()).toEqual({ calls: 1, reuse: 0 });
  });

  it('forgets the rotated tokens of a logged-out grant: the previous cookie cannot pick them up', async () => {
    const shared = makeStore();
    const nomos = fakeNomos();
    const coordinator = coordinatorOn(shared.instance(), nomos.redeem);
    await coordinator.refresh('rt-0');
    await coordinator.forget('rt-0');
    // Nomos now judges the dead token (and would revoke the grant).
    await expect(coordinator.refresh('rt-0')).rejects.toThrow(/reused/);
  });

  it('keeps different grants apart', async () => {
    const shared = makeStore();
    const nomos = fakeNomos();
    const coordinator = coordinatorOn(shared.instance(), nomos.redeem);
    const [a, b] = await Promise.all([coordinator.refresh('grant-a'), coordinator.refresh('grant-b')]);
    expect(a.refreshToken).not.toBe(b.refreshToken);
    expect(nomos.stats().calls).toBe(2);
  });
});

describe('RefreshCoordinator when the store is down', () => {
  it('answers "unavailable" without presenting the refresh token when the store cannot be reached', async () => {
    const down: SharedStore = {
      kind: 'redis',
      get: () => Promise.reject(new StoreUnavailableError('Redis is not reachable')),
      set: () => Promise.reject(new StoreUnavailableError('Redis is not reachable')),
      setIfAbsent: () => Promise.reject(new StoreUnavailableError('Redis is not reachable')),
      deleteIfEquals: () => Promise.reject(new StoreUnavailableError('Redis is not reachable')),
      delete: () => Promise.reject(new StoreUnavailableError('Redis is not reachable')),
      increment: () => Promise.reject(new StoreUnavailableError('Redis is not reachable')),
      ping: () => Promise.reject(new StoreUnavailableError('Redis is not reachable')),
    };
    const nomos = fakeNomos();
    const coordinator = new RefreshCoordinator({ redeem: nomos.redeem, store: down, sealer, leaseMs: 5_000 });
    await expect(coordinator.refresh('rt-0')).rejects.toMatchObject({ kind: 'unavailable' });
    expect(nomos.stats().calls).toBe(0);
  });

  it('works again, without a new log-in, once a stopped Redis is back', { timeout: 30_000 }, async () => {
    const redis = await startRedis();
    const store = new RedisStore({ url: redis.url });
    redisStores.push(store);
    try {
      const nomos = fakeNomos();
      const coordinator = new RefreshCoordinator({ redeem: nomos.redeem, store, sealer, leaseMs: 5_000 });
      await store.ping();
      await redis.stop();
      await expect(coordinator.refresh('rt-0')).rejects.toMatchObject({ kind: 'unavailable' });
      expect(nomos.stats().calls).toBe(0);

      await redis.start();
      let tokens: RotatedTokens | undefined;
      for (let i = 0; i < 100 && !tokens; i++) {
        tokens = await coordinator.refresh('rt-0').catch(() => undefined);
        if (!tokens) await sleep(100);
      }
      expect(tokens?.refreshToken).toBe('rt-1');
      expect(nomos.stats()).toEqual({ calls: 1, reuse: 0 });
    } finally {
      await redis.destroy();
    }
  });
});

describe('needsRefresh', () => {
  it('refreshes an expired token', () => {
    expect(needsRefresh({ obtainedAt: 0, expiresAt: HOUR }, HOUR + 1)).toBe(true);
  });
  it('refreshes when less than a minute is left', () => {
    expect(needsRefresh({ obtainedAt: 0, expiresAt: HOUR }, HOUR - 59_000)).toBe(true);
  });
  it('leaves a token with more than a minute left alone', () => {
    expect(needsRefresh({ obtainedAt: 0, expiresAt: HOUR }, HOUR - 61_000)).toBe(false);
  });
  it('uses half the lifetime as the margin for very short tokens', () => {
    expect(needsRefresh({ obtainedAt: 0, expiresAt: 6_000 }, 2_000)).toBe(false);
    expect(needsRefresh({ obtainedAt: 0, expiresAt: 6_000 }, 3_500)).toBe(true);
  });
});
