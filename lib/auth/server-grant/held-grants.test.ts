/**
 * Drills for a grant the server keeps for alerts, against the real sandbox
 * over HTTP, with the app's real modules (oauth4webapi, the coordinator, the
 * durable store in a temporary DATA_DIR or on a real redis-server). A job
 * and a browser share the grant; every drill asserts the sandbox's own
 * counts of refresh grants and of refresh-token reuse (which revokes the
 * grant at Nomos). Time is moved, never waited for.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';

import type { SessionData } from '@/lib/auth/session/session-data';
import type { LazyRedisStore } from '@/lib/store';

import { api, control, customerTokens, startSandbox } from '../../../sandbox/test-helpers';
import type { Sandbox } from '../../../sandbox/server';

type Instance = {
  held: typeof import('./held-grants');
  refreshSession: typeof import('@/lib/auth/refresh/refresh').refreshSession;
  catchUp: typeof import('@/lib/auth/refresh/refresh').catchUp;
  endSession: typeof import('@/lib/auth/logout/end-session').endSession;
  getRevocationList: typeof import('@/lib/auth/logout/revocation').getRevocationList;
  durable: () => Promise<import('@/lib/store/durable').DurableStore>;
  newSession: typeof import('@/lib/auth/session/session-data').newSession;
  syncClock: typeof import('@/lib/clock').syncClock;
  close: () => Promise<void>;
};

const HOUR_S = 3_600;
const slots = ['refresh-coordinator', 'shared-store', 'durable-store'].map((name) => Symbol.for(`nomos-hems.${name}`));
const globals = globalThis as typeof globalThis & Record<symbol, unknown>;
let sandbox: Sandbox;
let dataDir: string;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
  closers.push(() => sandbox.close());
  dataDir = mkdtempSync(path.join(tmpdir(), 'held-grants-test-'));
  vi.stubEnv('NOMOS_ISSUER', sandbox.url);
  vi.stubEnv('DEMO_CLOCK_URL', `${sandbox.url}/__sandbox/clock`);
  vi.stubEnv('NOMOS_TOKEN_TIMEOUT_MS', '12000');
});

beforeEach(async () => {
  expect((await control(sandbox, 'POST', 'reset', {})).status).toBe(200);
});

afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
  for (const slot of slots) delete globals[slot];
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * A freshly started app instance: its own copy of every module, its own
 * shared store (memory, or its own Redis connection) and durable store.
 * Two instances on the memory store in turn are a restart.
 */
async function startInstance(store: 'memory' | 'redis'): Promise<Instance> {
  vi.resetModules();
  for (const slot of slots) delete globals[slot];
  if (store === 'redis') vi.stubEnv('REDIS_URL', inject('redisUrl'));
  else vi.stubEnv('REDIS_URL', '');
  vi.stubEnv('DATA_DIR', dataDir);
  const [held, refresh, endSession, revocation, durable, sessionData, clock, shared] = await Promise.all([
    import('./held-grants'),
    import('@/lib/auth/refresh/refresh'),
    import('@/lib/auth/logout/end-session'),
    import('@/lib/auth/logout/revocation'),
    import('@/lib/store/durable'),
    import('@/lib/auth/session/session-data'),
    import('@/lib/clock'),
    import('@/lib/store'),
  ]);
  const sharedStore = shared.getSharedStore();
  const durableStore = durable.getDurableStore;
  const instance: Instance = {
    held,
    refreshSession: refresh.refreshSession,
    catchUp: refresh.catchUp,
    endSession: endSession.endSession,
    getRevocationList: revocation.getRevocationList,
    durable: durableStore,
    newSession: sessionData.newSession,
    syncClock: clock.syncClock,
    close: async () => {
      await (await durableStore()).close();
      if (sharedStore.kind === 'redis') await (await (sharedStore as LazyRedisStore).loaded()).close();
    },
  };
  closers.push(instance.close);
  return instance;
}

/** A browser that signed in at the sandbox: its session, as the callback seals it. */
async function signedIn(app: Instance, email = 'anna@example.com'): Promise<SessionData> {
  const tokens = await customerTokens(sandbox, email);
  const obtainedAt = await app.syncClock();
  return app.newSession(
    {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      obtainedAt,
      expiresAt: obtainedAt + tokens.expires_in * 1000,
      scope: tokens.scope,
    },
    obtainedAt,
  );
}

async function advance(app: Instance, seconds: number) {
  expect((await control(sandbox, 'POST', 'clock', { advance_seconds: seconds })).status).toBe(200);
  await app.syncClock();
}

async function stats() {
  return (await (await control(sandbox, 'GET', 'stats')).json()) as {
    grants: { refresh_token: number };
    refresh_reuse_detected: number;
  };
}

/** What a page does with the token: Nomos answers with the customer's subscriptions. */
async function pricesRender(accessToken: string) {
  const response = await api(sandbox, '/subscriptions', accessToken);
  expect(response.status, await response.clone().text()).toBe(200);
}

let owners = 0;
const newOwner = () => `owner-${process.pid}-${++owners}-${Date.now()}`;

describe.each(['memory', 'redis'] as const)('a grant kept for alerts, shared store %s', (store) => {
  it('a job rotates the grant while the browser holds the previous cookie; then the browser visits: the job’s tokens, 0 reuse', async () => {
    const app = await startInstance(store);
    const owner = newOwner();
    const cookie = await app.held.holdGrant(owner, await signedIn(app));
    expect(cookie.held).toBe(true);
    const grant = (await app.held.getHeldGrant(owner))!;
    expect(grant).toMatchObject({ owner, grantId: cookie.grantId, ended: null });

    await advance(app, HOUR_S + 1);
    const jobToken = await app.held.getAccessToken(grant);
    await pricesRender(jobToken);
    expect(await stats()).toMatchObject({ grants: { refresh_token: 1 }, refresh_reuse_detected: 0 });

    // The browser comes back with the cookie from before the job's rotation.
    const visit = await app.refreshSession(cookie);
    expect(visit.accessToken).toBe(jobToken);
    expect(visit.generation).toBe(1);
    await pricesRender(visit.accessToken);
    expect(await stats()).toMatchObject({ grants: { refresh_token: 1 }, refresh_reuse_detected: 0 });

    // And the other way round: the browser rotates, the job follows without redeeming.
    await advance(app, HOUR_S + 1);
    const browser = await app.refreshSession(visit);
    expect(await app.held.getAccessToken(grant)).toBe(browser.accessToken);
    expect(await stats()).toMatchObject({ grants: { refresh_token: 2 }, refresh_reuse_detected: 0 });
  });

  it('survives a restart: the rotations are kept in the durable store, so neither side presents a spent token', async () => {
    const before = await startInstance(store);
    const owner = newOwner();
    const cookie = await before.held.holdGrant(owner, await signedIn(before));
    const grant = (await before.held.getHeldGrant(owner))!;
    await advance(before, HOUR_S + 1);
    const jobToken = await before.held.getAccessToken(grant);
    await before.close();

    const after = await startInstance(store);
    // The old cookie catches up from what was kept, with no call to Nomos.
    const caughtUp = await after.catchUp(cookie);
    expect(caughtUp?.accessToken).toBe(jobToken);
    await advance(after, HOUR_S + 1);
    const rotated = await after.refreshSession(cookie);
    expect(rotated.generation).toBe(2);
    await after.close();

    const again = await startInstance(store);
    expect(await again.held.getAccessToken(grant)).toBe(rotated.accessToken);
    await pricesRender(rotated.accessToken);
    expect(await stats()).toMatchObject({ grants: { refresh_token: 2 }, refresh_reuse_detected: 0 });
  });

  it('logging out the browser ends its session only: the job goes on, and forgetting then ends the grant everywhere', async () => {
    const app = await startInstance(store);
    const owner = newOwner();
    const cookie = await app.held.holdGrant(owner, await signedIn(app));
    const grant = (await app.held.getHeldGrant(owner))!;
    const durable = await app.durable();
    await durable.put(`push:${owner}:test`, 'a subscription', { owner });

    await expect(app.endSession(cookie)).resolves.toEqual({ recorded: true, alertsContinue: true });
    expect(await app.getRevocationList().shouldRefuse(cookie.sessionId!, cookie.grantId)).toBe(true);
    await advance(app, HOUR_S + 1);
    await pricesRender(await app.held.getAccessToken(grant));

    await expect(app.held.forgetCustomer(owner)).resolves.toEqual({ deleted: 3, grantEnded: true });
    expect(await durable.listByOwner(owner)).toEqual([]);
    expect(await app.held.getHeldGrant(owner)).toBeNull();
    await expect(app.held.getAccessToken(grant)).rejects.toMatchObject({ kind: 'connection-ended' });
    expect(await app.getRevocationList().isRevoked(cookie.grantId)).toBe(true);
    expect(await stats()).toMatchObject({ grants: { refresh_token: 1 }, refresh_reuse_detected: 0 });
  });

  it('forgetting from the browser that still uses the grant keeps the browser connected', async () => {
    const app = await startInstance(store);
    const owner = newOwner();
    const cookie = await app.held.holdGrant(owner, await signedIn(app));
    await expect(app.held.forgetCustomer(owner, cookie.grantId)).resolves.toEqual({ deleted: 2, grantEnded: false });
    expect(await app.getRevocationList().shouldRefuse(cookie.sessionId!, cookie.grantId)).toBe(false);
    await advance(app, HOUR_S + 1);
    await pricesRender((await app.refreshSession({ ...cookie, held: false })).accessToken);
    // Logged out now, with nothing kept: the grant ends with the session.
    await expect(app.endSession(cookie)).resolves.toEqual({ recorded: true, alertsContinue: false });
    expect(await app.getRevocationList().isRevoked(cookie.grantId)).toBe(true);
  });

  it('a grant Nomos refused is marked ended once, however many jobs see it', async () => {
    const app = await startInstance(store);
    const owner = newOwner();
    await app.held.holdGrant(owner, await signedIn(app, 'ben@example.com'));
    const grant = (await app.held.getHeldGrant(owner))!;
    expect((await control(sandbox, 'POST', 'revoke', { email: 'ben@example.com' })).status).toBe(200);
    await advance(app, HOUR_S + 1);
    await expect(app.held.getAccessToken(grant)).rejects.toMatchObject({ kind: 'connection-ended' });
    const marks = await Promise.all(Array.from({ length: 8 }, () => app.held.markGrantEnded(owner)));
    expect(marks.filter((mark) => mark.first)).toHaveLength(1);
    expect((await app.held.getHeldGrant(owner))?.ended).toMatchObject({ notified: false });
    await expect(app.held.getAccessToken(grant)).rejects.toMatchObject({ kind: 'connection-ended' });
    expect(await stats()).toMatchObject({ refresh_reuse_detected: 0 });
  });
});

describe('the kept record', () => {
  it('holds no token or customer id in the clear, under hashed keys', async () => {
    const app = await startInstance('memory');
    const owner = newOwner();
    const cookie = await app.held.holdGrant(owner, await signedIn(app));
    const entries = await (await app.durable()).listByOwner(owner);
    expect(entries.map((entry) => entry.key.split(':')[0]).sort()).toEqual(['held', 'held-grant']);
    const everything = JSON.stringify(entries);
    for (const secret of [cookie.accessToken, cookie.refreshToken, cookie.grantId]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('lists every kept grant for the jobs', async () => {
    const app = await startInstance('memory');
    const owner = newOwner();
    await app.held.holdGrant(owner, await signedIn(app));
    const listed: string[] = [];
    for await (const grant of app.held.listHeldGrants()) listed.push(grant.owner);
    expect(listed).toContain(owner);
  });
});
