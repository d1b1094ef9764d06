import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, inject, it } from 'vitest';

import { createSealer } from '@/lib/auth/session/cookies';
import type { DurableStore } from '@/lib/store/durable-store';
import { RedisDurableStore } from '@/lib/store/redis-durable-store';
import { SqliteDurableStore } from '@/lib/store/sqlite-durable-store';

import { FeedAddresses, feedTag } from './feed-address';

const folders: string[] = [];
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function sqliteStore(): DurableStore {
  const folder = mkdtempSync(path.join(tmpdir(), 'feed-address-test-'));
  folders.push(folder);
  const store = new SqliteDurableStore({ dataDir: path.join(folder, 'data') });
  closers.push(() => store.close());
  return store;
}

let prefixes = 0;
function redisStore(): DurableStore {
  const store = new RedisDurableStore({
    url: inject('redisUrl'),
    keyPrefix: `feed-test-${process.pid}-${++prefixes}:`,
  });
  closers.push(() => store.close());
  return store;
}

const sealer = createSealer(['feed-address-test-secret-at-least-32-characters']);
const APP_URL = 'https://hems.example';
const secretOf = (address: { ics: string }) => /\/feed\/([^/]+)\.ics$/.exec(address.ics)?.[1] ?? '';

describe.each([
  ['SQLite', sqliteStore],
  ['Redis', redisStore],
] as const)('feed addresses on %s', (_name, makeStore) => {
  function setup() {
    const store = makeStore();
    let clock = Date.parse('2026-11-23T10:00:00Z');
    const addresses = new FeedAddresses(store, sealer, APP_URL, () => clock);
    return { store, addresses, tick: (ms: number) => (clock += ms) };
  }

  it('resolves nothing it did not issue: malformed, unknown and foreign-sealed secrets alike', async () => {
    const { store, addresses } = setup();
    for (const secret of ['', 'short', 'a'.repeat(43) + '/', '../etc', 'A'.repeat(43)]) {
      await expect(addresses.resolve(secret)).resolves.toBeNull();
    }
    // A record this app's secret cannot open (another deployment's, or tampered) opens nothing.
    const other = new FeedAddresses(store, createSealer(['another-deployment-secret-of-32-characters']), APP_URL);
    const foreign = await other.create('owner-x');
    await expect(addresses.resolve(secretOf(foreign))).resolves.toBeNull();
  });

  it('creates one address per customer, 256 random bits in a webcal and an https address', async () => {
    const { addresses } = setup();
    const address = await addresses.create('owner-a');
    const secret = secretOf(address);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(address).toEqual({
      webcal: `webcal://hems.example/feed/${secret}.ics`,
      ics: `https://hems.example/feed/${secret}.ics`,
      json: `https://hems.example/feed/${secret}.json`,
      createdAt: Date.parse('2026-11-23T10:00:00Z'),
    });
    await expect(addresses.resolve(secret)).resolves.toEqual({
      owner: 'owner-a',
      createdAt: address.createdAt,
      tag: feedTag(secret),
    });
    // Asking again shows the same address; another customer gets their own.
    await expect(addresses.create('owner-a')).resolves.toEqual(address);
    await expect(addresses.get('owner-a')).resolves.toEqual(address);
    const other = await addresses.create('owner-b');
    expect(secretOf(other)).not.toBe(secret);
    await expect(addresses.get('nobody')).resolves.toBeNull();
  });

  it('keeps no secret and no owner in clear, and tags every record with its owner', async () => {
    const { store, addresses } = setup();
    const secret = secretOf(await addresses.create('owner-clear'));
    const records = await store.listByOwner('owner-clear');
    expect(records.map((record) => record.key.split(':')[0]).sort()).toEqual(['feed', 'feed-owner']);
    for (const record of records) {
      expect(record.key).not.toContain(secret);
      expect(record.value).not.toContain(secret);
      expect(record.key).not.toContain('owner-clear');
      expect(record.value).not.toContain('owner-clear');
    }
    expect(feedTag(secret)).not.toContain(secret.slice(0, 6));
  });

  it('rotates: the old address stops at once, the new one works', async () => {
    const { store, addresses, tick } = setup();
    const old = await addresses.create('owner-r');
    tick(60_000);
    const next = await addresses.rotate('owner-r');
    expect(next.createdAt).toBe(old.createdAt + 60_000);
    await expect(addresses.resolve(secretOf(old))).resolves.toBeNull();
    await expect(addresses.resolve(secretOf(next))).resolves.toMatchObject({ owner: 'owner-r' });
    await expect(addresses.get('owner-r')).resolves.toEqual(next);
    await expect(store.listByOwner('owner-r')).resolves.toHaveLength(2);
    // Rotating without an address gives one.
    await expect(addresses.rotate('owner-fresh')).resolves.toMatchObject({ createdAt: expect.any(Number) });
  });

  it('does not let a record left behind by a rotation resolve', async () => {
    const { store, addresses } = setup();
    const old = await addresses.create('owner-crash');
    const records = await store.listByOwner('owner-crash');
    const oldRecord = records.find((record) => record.key.startsWith('feed:'));
    await addresses.rotate('owner-crash');
    // As if the rotation had stopped between moving the index and deleting the old record.
    await store.put(oldRecord!.key, oldRecord!.value, { owner: 'owner-crash' });
    await expect(addresses.resolve(secretOf(old))).resolves.toBeNull();
    // Revoking removes it too.
    await expect(addresses.revoke('owner-crash')).resolves.toBe(3);
    await expect(store.listByOwner('owner-crash')).resolves.toEqual([]);
  });

  it('revokes every address of one customer and no other', async () => {
    const { addresses } = setup();
    const mine = await addresses.create('owner-v');
    const theirs = await addresses.create('owner-w');
    await expect(addresses.revoke('owner-v')).resolves.toBe(2);
    await expect(addresses.resolve(secretOf(mine))).resolves.toBeNull();
    await expect(addresses.get('owner-v')).resolves.toBeNull();
    await expect(addresses.resolve(secretOf(theirs))).resolves.toMatchObject({ owner: 'owner-w' });
    await expect(addresses.revoke('owner-v')).resolves.toBe(0);
    // A new address after revoking is a new secret.
    expect(secretOf(await addresses.create('owner-v'))).not.toBe(secretOf(mine));
  });

  it('goes with everything else of the customer when the connection is forgotten (deleteOwner)', async () => {
    const { store, addresses } = setup();
    const address = await addresses.create('owner-f');
    await addresses.rotate('owner-f');
    await store.put('grant:owner-f', 'sealed-grant', { owner: 'owner-f' });
    await store.deleteOwner('owner-f');
    await expect(addresses.resolve(secretOf(address))).resolves.toBeNull();
    await expect(addresses.get('owner-f')).resolves.toBeNull();
  });

  it('gives concurrent creations one address, and leaves one after concurrent rotations', async () => {
    const { store, addresses } = setup();
    const created = await Promise.all(Array.from({ length: 10 }, () => addresses.create('owner-c')));
    expect(new Set(created.map(secretOf)).size).toBe(1);
    await expect(store.listByOwner('owner-c')).resolves.toHaveLength(2);

    const rotated = await Promise.all(Array.from({ length: 4 }, () => addresses.rotate('owner-c')));
    const live = [];
    for (const address of [...created.slice(0, 1), ...rotated]) {
      if (await addresses.resolve(secretOf(address))) live.push(address);
    }
    expect(live).toHaveLength(1);
    await expect(addresses.get('owner-c')).resolves.toEqual(live[0]);
    await expect(store.listByOwner('owner-c')).resolves.toHaveLength(2);
  });
});
