import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, describe, expect, inject, it, vi } from 'vitest';

import { NomosError, OUTCOME_UNKNOWN } from '@/lib/nomos/errors';
import { MemoryStore } from '@/lib/store/memory-store';
import { RedisStore } from '@/lib/store/redis-store';
import { StoreUnavailableError, type SharedStore } from '@/lib/store/shared-store';

import { startRedis } from '../../../scripts/redis-server.mjs';

import {
  grantStoreKeys,
  needsRefresh,
  RefreshCoordinator,
  type Generation,
  type RefreshCoordinatorOptions,
} from './refresh-coordinator';
import type { Tokens } from '@/lib/auth/session/session-data';
import { createSealer } from '@/lib/auth/session/cookies';

const secret = 's'.repeat(32);
const newSecret = 'n'.repeat(32);
const sealer = createSealer([secret]);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const GRANT = 'grant-0123456789abcdef';

/** A clock the test moves: the coordinator's notion of now, and the fake Nomos' too. */
function testClock(start = 1_800_000_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}
type TestClock = ReturnType<typeof testClock>;

/** A stand-in for Nomos' token endpoint that rotates strictly and counts reuse, as the real one revokes on it. */
function fakeNomos(clock: TestClock, lifetimeMs = HOUR) {
  const used = new Set<string>();
  const presented: string[] = [];
  let reuse = 0;
  let delayMs = 20;
  const redeem = async (refreshToken: string): Promise<Tokens> => {
    presented.push(refreshToken);
    const call = presented.length;
    if (used.has(refreshToken)) {
      reuse++;
      throw new NomosError('connection-ended', 'refresh token reused: grant revoked');
    }
    used.add(refreshToken);
    await sleep(delayMs);
    const now = clock.now();
    return {
      accessToken: `at-${call}`,
      refreshToken: `rt-${call}`,
      obtainedAt: now,
      expiresAt: now + lifetimeMs,
      scope: 'read:*',
    };
  };
  return {
    redeem,
    presented,
    slow: (ms: number) => void (delayMs = ms),
    stats: () => ({ calls: presented.length, reuse }),
  };
}

/** The generation a sign-in gives: `rt-0`, its access token already due at `clock`. */
function signedIn(clock: TestClock): Generation {
  const obtainedAt = clock.now() - HOUR;
  return {
    generation: 0,
    tokens: { accessToken: 'at-0', refreshToken: 'rt-0', obtainedAt, expiresAt: obtainedAt + HOUR, scope: 'read:*' },
  };
}

/** Records every value written, to check what the store holds at rest. */
function recording(store: SharedStore) {
  const writes: { key: string; value: string }[] = [];
  const recorded: SharedStore = Object.create(store) as SharedStore;
  recorded.set = (key, value, ttl) => (writes.push({ key, value }), store.set(key, value, ttl));
  recorded.setIfAbsent = (key, value, ttl) => (writes.push({ key, value }), store.setIfAbsent(key, value, ttl));
  recorded.setIfHeld = (lock, owner, key, value, ttl) => (
    writes.push({ key, value }),
    store.setIfHeld(lock, owner, key, value, ttl)
  );
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
  const coordinatorOn = (
    store: SharedStore,
    clock: TestClock,
    redeem: RefreshCoordinatorOptions['redeem'],
    extra: Partial<RefreshCoordinatorOptions> = {},
  ) =>
    new RefreshCoordinator({
      redeem,
      store,
      sealer,
      leaseMs: 5_000,
      isRevoked: async () => false,
      now: clock.now,
      ...extra,
    });

  it('never presents a refresh token twice when 50 callers on two instances refresh at once', async () => {
    const clock = testClock();
    const shared = makeStore();
    const nomos = fakeNomos(clock);
    const instances = [
      coordinatorOn(shared.instance(), clock, nomos.redeem),
      coordinatorOn(shared.instance(), clock, nomos.redeem),
    ];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => instances[i % 2]!.renew(GRANT, signedIn(clock), DAY)),
    );
    expect(nomos.stats()).toEqual({ calls: 1, reuse: 0 });
    expect(new Set(results.map((r) => `${r.generation}:${r.tokens.refreshToken}`))).toEqual(new Set(['1:rt-1']));
  });

  it('serves a cookie whose refresh response was lost the newest tokens, 35 seconds or 20 hours later, without presenting its spent token', async () => {
    const clock = testClock();
    const shared = makeStore();
    const nomos = fakeNomos(clock);
    const first = await coordinatorOn(shared.instance(), clock, nomos.redeem).renew(GRANT, signedIn(clock), 30 * DAY);

    // The browser never received `first`; it comes back with the cookie it still has, on another instance.
    clock.advance(35_000);
    const late = await coordinatorOn(shared.instance(), clock, nomos.redeem).renew(GRANT, signedIn(clock), 30 * DAY);
    expect(late).toEqual(first);
    expect(nomos.stats()).toEqual({ calls: 1, reuse: 0 });

    // Much later the newest access token has run out too: it is renewed once, from the newest generation.
    clock.advance(20 * HOUR);
    const later = await coordinatorOn(shared.instance(), clock, nomos.redeem).renew(GRANT, signedIn(clock), 30 * DAY);
    expect(later.generation).toBe(2);
    expect(nomos.presented).toEqual(['rt-0', 'rt-1']);
    expect(nomos.stats().reuse).toBe(0);
  });

  it('brings any older generation to the newest after several rotations, and keeps one entry per grant', async () => {
    const clock = testClock();
    const shared = makeStore();
    const store = shared.instance();
    const nomos = fakeNomos(clock);
    const coordinator = coordinatorOn(store, clock, nomos.redeem);
    const generations: Generation[] = [signedIn(clock)];
    for (let i = 0; i < 5; i++) {
      generations.push(await coordinator.renew(GRANT, generations.at(-1)!, 30 * DAY));
      clock.advance(HOUR);
    }
    expect(nomos.stats()).toEqual({ calls: 5, reuse: 0 });
    // Every older cookie gets the newest generation, renewed once since it is due now.
    const newest = await Promise.all(generations.map((generation) => coordinator.renew(GRANT, generation, 30 * DAY)));
    expect(new Set(newest.map((g) => g.generation))).toEqual(new Set([6]));
    expect(nomos.stats()).toEqual({ calls: 6, reuse: 0 });
    const keys = grantStoreKeys(GRANT);
    expect(await store.get(keys.chain)).not.toBeNull();
    expect(await store.get(keys.lock)).toBeNull();
    if (store instanceof MemoryStore) expect(store.size).toBe(1);
  });

  it('answers newer() with the newest generation only for a cookie that fell behind, and only while it is not due', async () => {
    const clock = testClock();
    const shared = makeStore();
    const nomos = fakeNomos(clock);
    const coordinator = coordinatorOn(shared.instance(), clock, nomos.redeem);
    await expect(coordinator.newer(GRANT, 0)).resolves.toBeNull();
    const first = await coordinator.renew(GRANT, signedIn(clock), DAY);
    await expect(coordinator.newer(GRANT, 0)).resolves.toEqual(first);
    await expect(coordinator.newer(GRANT, 1)).resolves.toBeNull();
    clock.advance(HOUR);
    await expect(coordinator.newer(GRANT, 0)).resolves.toBeNull();
  });

  it('tells every waiting caller that the connection ended after one attempt, and every later one without another', async () => {
    const clock = testClock();
    const shared = makeStore();
    let calls = 0;
    const redeem = async (): Promise<Tokens> => {
      calls++;
      await sleep(30);
      throw new NomosError('connection-ended', 'Nomos refused the refresh token', { requestId: 'req-1' });
    };
    const instances = [
      coordinatorOn(shared.instance(), clock, redeem),
      coordinatorOn(shared.instance(), clock, redeem),
    ];
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => instances[i % 2]!.renew(GRANT, signedIn(clock), DAY)),
    );
    clock.advance(HOUR);
    results.push(...(await Promise.allSettled([instances[0]!.renew(GRANT, signedIn(clock), DAY)])));
    expect(calls).toBe(1);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const reason = (result as PromiseRejectedResult).reason as NomosError;
      expect(reason).toBeInstanceOf(NomosError);
      expect([reason.kind, reason.requestId]).toEqual(['connection-ended', 'req-1']);
    }
  });

  it('remembers a temporary failure briefly, an ambiguous one a little longer, then lets the next caller try again', async () => {
    const clock = testClock();
    const shared = makeStore();
    const failures = [
      new NomosError('unavailable', 'Nomos answered 503', { requestId: 'req-503' }),
      new NomosError('unavailable', 'Nomos answered 502 after the call reached it', { code: OUTCOME_UNKNOWN }),
    ];
    let calls = 0;
    const coordinator = coordinatorOn(
      shared.instance(),
      clock,
      async () => {
        calls++;
        const failure = failures.shift();
        if (failure) throw failure;
        return {
          accessToken: 'a',
          refreshToken: 'b',
          expiresAt: clock.now() + HOUR,
          obtainedAt: clock.now(),
          scope: '',
        };
      },
      { failureMemoryMs: 3_000, unknownOutcomeMemoryMs: 10_000 },
    );
    await expect(coordinator.renew(GRANT, signedIn(clock), DAY)).rejects.toMatchObject({
      kind: 'unavailable',
      requestId: 'req-503',
    });
    await expect(coordinator.renew(GRANT, signedIn(clock), DAY)).rejects.toMatchObject({ requestId: 'req-503' });
    expect(calls).toBe(1);
    clock.advance(3_001);
    await expect(coordinator.renew(GRANT, signedIn(clock), DAY)).rejects.toMatchObject({
      details: { code: OUTCOME_UNKNOWN },
    });
    expect(calls).toBe(2);
    clock.advance(5_000);
    await expect(coordinator.renew(GRANT, signedIn(clock), DAY)).rejects.toMatchObject({
      details: { code: OUTCOME_UNKNOWN },
    });
    expect(calls).toBe(2);
    clock.advance(5_001);
    await expect(coordinator.renew(GRANT, signedIn(clock), DAY)).resolves.toMatchObject({
      generation: 1,
      tokens: { refreshToken: 'b' },
    });
    expect(calls).toBe(3);
  });

  it('takes over once the lease of a winner that crashed has run out, and redeems exactly once', async () => {
    const clock = testClock(Date.now());
    const shared = makeStore();
    const store = shared.instance();
    const nomos = fakeNomos(clock);
    // An instance won the lock and died before publishing anything.
    expect(await store.setIfAbsent(grantStoreKeys(GRANT).lock, 'crashed-instance', 300)).toBe(true);
    const started = Date.now();
    const result = await coordinatorOn(store, clock, nomos.redeem, { waitTimeoutMs: 2_000, now: Date.now }).renew(
      GRANT,
      signedIn(clock),
      DAY,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(result.tokens.refreshToken).toBe('rt-1');
    expect(nomos.stats()).toEqual({ calls: 1, reuse: 0 });
  });

  it('gives up waiting after its time limit with "unavailable", never presenting the token itself', async () => {
    const shared = makeStore();
    const store = shared.instance();
    const clock = testClock(Date.now());
    const nomos = fakeNomos(clock);
    await store.setIfAbsent(grantStoreKeys(GRANT).lock, 'slow-instance', 5_000);
    const started = Date.now();
    await expect(
      coordinatorOn(store, clock, nomos.redeem, { waitTimeoutMs: 200, now: Date.now }).renew(
        GRANT,
        signedIn(clock),
        DAY,
      ),
    ).rejects.toMatchObject({ kind: 'unavailable' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(nomos.stats().calls).toBe(0);
  });

  it('never lets a caller that lost its lock overwrite what the chain holds', async () => {
    const clock = testClock();
    const shared = makeStore();
    const store = shared.instance();
    const keys = grantStoreKeys(GRANT);
    const published = await coordinatorOn(store, clock, fakeNomos(clock).redeem).renew(GRANT, signedIn(clock), DAY);
    clock.advance(HOUR);
    let tookOver!: () => void;
    const lockTakenOver = new Promise<void>((resolve) => (tookOver = resolve));
    let answer!: () => void;
    const nomosAnswers = new Promise<void>((resolve) => (answer = resolve));
    const coordinator = coordinatorOn(store, clock, async () => {
      // Meanwhile the lease ran out and another owner holds the lock.
      await store.delete(keys.lock);
      await store.setIfAbsent(keys.lock, 'another-owner', 5_000);
      tookOver();
      await nomosAnswers;
      throw new NomosError('unavailable', 'Nomos answered 503');
    });
    const failing = coordinator.renew(GRANT, published, DAY);
    // However long the store takes to reach the redeem, Nomos answers only once the lock has changed hands.
    await lockTakenOver;
    expect(await store.get(keys.lock)).toBe('another-owner');
    answer();
    await expect(failing).rejects.toMatchObject({ kind: 'unavailable' });
    await store.delete(keys.lock);
    // The chain still holds generation 1, with no failure recorded over it: the next caller redeems it.
    const nomos = fakeNomos(clock);
    const next = await coordinatorOn(store, clock, async (rt) => (expect(rt).toBe('rt-1'), nomos.redeem('rt-x'))).renew(
      GRANT,
      signedIn(clock),
      DAY,
    );
    expect(next.generation).toBe(2);
  });

  it('still gives the winner its tokens when publishing fails, and keeps the lock so nobody presents the spent token', async () => {
    const clock = testClock();
    const shared = makeStore();
    const store = shared.instance();
    const failing: SharedStore = Object.create(store) as SharedStore;
    failing.setIfHeld = () => Promise.reject(new StoreUnavailableError('Redis did not answer'));
    const nomos = fakeNomos(clock);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await coordinatorOn(failing, clock, nomos.redeem).renew(GRANT, signedIn(clock), DAY);
    expect(result).toMatchObject({ generation: 1, tokens: { refreshToken: 'rt-1' } });
    expect(await store.get(grantStoreKeys(GRANT).lock)).not.toBeNull();
    await expect(
      coordinatorOn(store, clock, nomos.redeem, { waitTimeoutMs: 100, now: Date.now }).renew(
        GRANT,
        signedIn(testClock(Date.now())),
        DAY,
      ),
    ).rejects.toMatchObject({ kind: 'unavailable' });
    expect(nomos.stats()).toEqual({ calls: 1, reuse: 0 });
    vi.restoreAllMocks();
  });

  it('gives a logged-out grant nothing from the chain, and refuses when the revocation list cannot answer', async () => {
    const clock = testClock();
    const shared = makeStore();
    const nomos = fakeNomos(clock);
    await coordinatorOn(shared.instance(), clock, nomos.redeem).renew(GRANT, signedIn(clock), DAY);
    const loggedOut = coordinatorOn(shared.instance(), clock, nomos.redeem, { isRevoked: async () => true });
    await expect(loggedOut.renew(GRANT, signedIn(clock), DAY)).rejects.toMatchObject({ kind: 'connection-ended' });
    const unknown = coordinatorOn(shared.instance(), clock, nomos.redeem, {
      isRevoked: () => Promise.reject(new StoreUnavailableError('Redis is not reachable')),
    });
    await expect(unknown.renew(GRANT, signedIn(clock), DAY)).rejects.toMatchObject({ kind: 'unavailable' });
    expect(nomos.stats()).toEqual({ calls: 1, reuse: 0 });
  });

  it('stores only sealed values under hashed keys: no token or grant id at rest in clear', async () => {
    const clock = testClock();
    const shared = makeStore();
    const { store, writes } = recording(shared.instance());
    const nomos = fakeNomos(clock);
    const start = signedIn(clock);
    start.tokens.refreshToken = 'rt-0-secret-value';
    const result = await coordinatorOn(store, clock, nomos.redeem).renew(GRANT, start, DAY);
    expect(writes.length).toBeGreaterThanOrEqual(2);
    for (const { key, value } of writes) {
      for (const secretValue of ['rt-0-secret-value', result.tokens.accessToken, result.tokens.refreshToken, GRANT]) {
        expect(key).not.toContain(secretValue);
        expect(value).not.toContain(secretValue);
      }
    }
    expect(writes.find(({ key }) => key === grantStoreKeys(GRANT).chain)?.value).toMatch(/^Fe26\.2\*/);
  });

  it('reads what an instance with the previous secret published during a secret rotation', async () => {
    const clock = testClock();
    const shared = makeStore();
    const nomos = fakeNomos(clock);
    const before = await coordinatorOn(shared.instance(), clock, nomos.redeem).renew(GRANT, signedIn(clock), DAY);
    const rotated = coordinatorOn(shared.instance(), clock, nomos.redeem, {
      sealer: createSealer([newSecret, secret]),
    });
    await expect(rotated.renew(GRANT, signedIn(clock), DAY)).resolves.toEqual(before);
    expect(nomos.stats().calls).toBe(1);
  });

  it('answers "unavailable", and does not redeem again, when the chain is sealed with an unknown secret', async () => {
    const clock = testClock();
    const shared = makeStore();
    const nomos = fakeNomos(clock);
    await coordinatorOn(shared.instance(), clock, nomos.redeem, { sealer: createSealer([newSecret, secret]) }).renew(
      GRANT,
      signedIn(clock),
      DAY,
    );
    // An instance not yet given the new secret.
    await expect(
      coordinatorOn(shared.instance(), clock, nomos.redeem).renew(GRANT, signedIn(clock), DAY),
    ).rejects.toMatchObject({
      kind: 'unavailable',
    });
    expect(nomos.stats()).toEqual({ calls: 1, reuse: 0 });
  });

  it('keeps different grants apart', async () => {
    const clock = testClock();
    const shared = makeStore();
    const nomos = fakeNomos(clock);
    const coordinator = coordinatorOn(shared.instance(), clock, nomos.redeem);
    const b = signedIn(clock);
    b.tokens.refreshToken = 'rt-b';
    const [first, second] = await Promise.all([
      coordinator.renew(GRANT, signedIn(clock), DAY),
      coordinator.renew('grant-b-0123456789abcdef', b, DAY),
    ]);
    expect(first.tokens.refreshToken).not.toBe(second.tokens.refreshToken);
    expect(nomos.stats()).toEqual({ calls: 2, reuse: 0 });
  });
});

describe('RefreshCoordinator when the store is down', () => {
  const refused = () => Promise.reject(new StoreUnavailableError('Redis is not reachable'));
  it('answers "unavailable" without presenting the refresh token when the store cannot be reached', async () => {
    const down: SharedStore = {
      kind: 'redis',
      get: refused,
      set: refused,
      setIfAbsent: refused,
      setIfHeld: refused,
      deleteIfEquals: refused,
      delete: refused,
      ping: refused,
    };
    const clock = testClock();
    const nomos = fakeNomos(clock);
    const coordinator = new RefreshCoordinator({
      redeem: nomos.redeem,
      store: down,
      sealer,
      leaseMs: 5_000,
      isRevoked: async () => false,
      now: clock.now,
    });
    await expect(coordinator.renew(GRANT, signedIn(clock), DAY)).rejects.toMatchObject({ kind: 'unavailable' });
    expect(nomos.stats().calls).toBe(0);
  });

  it('works again, without a new log-in, once a stopped Redis is back', { timeout: 30_000 }, async () => {
    const redis = await startRedis();
    const store = new RedisStore({ url: redis.url });
    redisStores.push(store);
    try {
      const clock = testClock();
      const nomos = fakeNomos(clock);
      const coordinator = new RefreshCoordinator({
        redeem: nomos.redeem,
        store,
        sealer,
        leaseMs: 5_000,
        isRevoked: async () => false,
        now: clock.now,
      });
      await store.ping();
      await redis.stop();
      await expect(coordinator.renew(GRANT, signedIn(clock), DAY)).rejects.toMatchObject({ kind: 'unavailable' });
      expect(nomos.stats().calls).toBe(0);

      await redis.start();
      let result: Generation | undefined;
      for (let i = 0; i < 100 && !result; i++) {
        result = await coordinator.renew(GRANT, signedIn(clock), DAY).catch(() => undefined);
        if (!result) await sleep(100);
      }
      expect(result?.tokens.refreshToken).toBe('rt-1');
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
