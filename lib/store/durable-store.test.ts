import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, inject, it, vi } from 'vitest';

import type { DurableEntry, DurableStore } from './durable-store';
import { RedisDurableStore } from './redis-durable-store';
import { isStoreUnavailable } from './shared-store';
import { DurableStoreOpenError, SqliteDurableStore } from './sqlite-durable-store';

const folders: string[] = [];
const closers: (() => unknown)[] = [];
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the run. */
function temporaryFolder() {
  const folder = mkdtempSync(path.join(tmpdir(), 'durable-store-test-'));
  folders.push(folder);
  return folder;
}

function sqliteStore(dataDir = path.join(temporaryFolder(), 'data')) {
  const store = new SqliteDurableStore({ dataDir });
  closers.push(() => store.close());
  return store;
}

let prefixes = 0;
const redisPrefix = () => `durable-test-${process.pid}-${++prefixes}:`;
function redisStore(keyPrefix = redisPrefix()) {
  const store = new RedisDurableStore({ url: inject('redisUrl'), keyPrefix });
  closers.push(() => store.close());
  return store;
}

async function collect(entries: AsyncIterable<DurableEntry>) {
  const all: DurableEntry[] = [];
  for await (const entry of entries) all.push(entry);
  return all;
}

const byKey = (a: DurableEntry, b: DurableEntry) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

const stores: [string, () => DurableStore][] = [
  ['SQLite', () => sqliteStore()],
  ['Redis', () => redisStore()],
];

/** What the grant, alert and feed features rely on, run against both stores the same way. */
describe.each(stores)('the DurableStore contract: %s', (_name, makeStore) => {
  it('gives back what was put, and put replaces the whole record', async () => {
    const store = makeStore();
    await expect(store.get('grant:a')).resolves.toBeNull();
    await store.put('grant:a', 'sealed-1', { owner: 'alice' });
    await expect(store.get('grant:a')).resolves.toBe('sealed-1');
    await store.put('grant:a', 'sealed-2');
    await expect(store.get('grant:a')).resolves.toBe('sealed-2');
    // Put without an owner detached it.
    await expect(store.listByOwner('alice')).resolves.toEqual([]);
    await store.put('grant:a', 'sealed-3', { owner: 'bob' });
    await expect(store.listByOwner('bob')).resolves.toEqual([{ key: 'grant:a', value: 'sealed-3', owner: 'bob' }]);
  });

  it('forgets a record once its time to live is over, and keeps one without', async () => {
    const store = makeStore();
    await store.put('short', 'v', { ttlMs: 150, owner: 'alice' });
    await store.put('forever', 'v', { owner: 'alice' });
    await store.put('long', 'v', { ttlMs: 60_000 });
    await expect(store.get('short')).resolves.toBe('v');
    await sleep(300);
    await expect(store.get('short')).resolves.toBeNull();
    await expect(store.get('forever')).resolves.toBe('v');
    await expect(store.get('long')).resolves.toBe('v');
    await expect(store.listByOwner('alice')).resolves.toEqual([{ key: 'forever', value: 'v', owner: 'alice' }]);
    await expect(collect(store.list('short'))).resolves.toEqual([]);
    // An expired record counts as absent everywhere.
    await expect(store.delete('short')).resolves.toBe(false);
    await expect(store.compareAndSet('short', null, 'again')).resolves.toBe(true);
  });

  it('refuses a time to live that is not a positive number', async () => {
    const store = makeStore();
    for (const ttlMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(store.put('k', 'v', { ttlMs })).rejects.toThrow(RangeError);
    }
    await expect(store.get('k')).resolves.toBeNull();
  });

  it('deletes one record, saying whether it was there', async () => {
    const store = makeStore();
    await store.put('k', 'v', { owner: 'alice' });
    await expect(store.delete('k')).resolves.toBe(true);
    await expect(store.delete('k')).resolves.toBe(false);
    await expect(store.get('k')).resolves.toBeNull();
    await expect(store.listByOwner('alice')).resolves.toEqual([]);
  });

  it('deleteOwner removes exactly that owner’s records and nothing else', async () => {
    const store = makeStore();
    await store.put('grant:alice', 'g', { owner: 'alice' });
    await store.put('push:alice:1', 'p1', { owner: 'alice' });
    await store.put('push:alice:2', 'p2', { owner: 'alice', ttlMs: 60_000 });
    await store.put('feed:alice', 'f', { owner: 'alice' });
    await store.put('grant:bob', 'g', { owner: 'bob' });
    await store.put('feed:bob', 'f', { owner: 'bob' });
    await store.put('jobs:last-run', 'x');
    // Once alice's, now bob's: stays.
    await store.put('moved', 'm', { owner: 'alice' });
    await store.put('moved', 'm', { owner: 'bob' });
    // An owner whose name extends alice's is another owner.
    await store.put('grant:alice2', 'g', { owner: 'alice2' });

    await expect(store.deleteOwner('alice')).resolves.toBe(4);
    for (const key of ['grant:alice', 'push:alice:1', 'push:alice:2', 'feed:alice']) {
      await expect(store.get(key)).resolves.toBeNull();
    }
    await expect(store.listByOwner('alice')).resolves.toEqual([]);
    await expect(store.listByOwner('bob').then((entries) => entries.map((entry) => entry.key))).resolves.toEqual([
      'feed:bob',
      'grant:bob',
      'moved',
    ]);
    await expect(store.get('jobs:last-run')).resolves.toBe('x');
    await expect(store.get('grant:alice2')).resolves.toBe('g');
    await expect(store.deleteOwner('alice')).resolves.toBe(0);
    await expect(store.deleteOwner('nobody')).resolves.toBe(0);
  });

  it('lists an owner’s live records by key', async () => {
    const store = makeStore();
    await store.put('b', '2', { owner: 'alice' });
    await store.put('a', '1', { owner: 'alice' });
    await store.put('c', '3', { owner: 'bob' });
    await expect(store.listByOwner('alice')).resolves.toEqual([
      { key: 'a', value: '1', owner: 'alice' },
      { key: 'b', value: '2', owner: 'alice' },
    ]);
    await store.delete('a');
    await expect(store.listByOwner('alice')).resolves.toEqual([{ key: 'b', value: '2', owner: 'alice' }]);
  });

  it('walks every record under a prefix exactly once, a page at a time', async () => {
    const store = makeStore();
    const grants = Array.from({ length: 23 }, (_, i) => `grant:${String(i).padStart(2, '0')}`);
    for (const [i, key] of grants.entries()) await store.put(key, `v${i}`, i % 2 ? { owner: `o${i}` } : {});
    // Lookalikes that must not match, and keys with glob characters.
    for (const key of ['grant', 'grantee:1', 'gran', 'push:grant:1', 'grant;1', 'g*:1', 'grant[:1']) {
      await store.put(key, 'other');
    }
    await store.put('grant:\u{10FFFF}z', 'edge');

    const walked = await collect(store.list('grant:', { pageSize: 5 }));
    expect(walked.map((entry) => entry.key).sort()).toEqual([...grants, 'grant:\u{10FFFF}z'].sort());
    expect(walked.find((entry) => entry.key === 'grant:03')).toEqual({ key: 'grant:03', value: 'v3', owner: 'o3' });
    expect(walked.find((entry) => entry.key === 'grant:04')).toEqual({ key: 'grant:04', value: 'v4', owner: null });

    // Taken literally, not as a pattern.
    await expect(collect(store.list('g*'))).resolves.toEqual([{ key: 'g*:1', value: 'other', owner: null }]);
    await expect(collect(store.list('gr?nt'))).resolves.toEqual([]);
    await expect(collect(store.list('grant['))).resolves.toEqual([{ key: 'grant[:1', value: 'other', owner: null }]);
    const everything = await collect(store.list(''));
    expect(everything).toHaveLength(grants.length + 8);
    expect(everything.sort(byKey)).toEqual(everything);
  });

  it('lets the walker write while it walks', async () => {
    const store = makeStore();
    for (let i = 0; i < 12; i++) await store.put(`grant:${i}`, 'old', { owner: `o${i}` });
    let seen = 0;
    for await (const entry of store.list('grant:', { pageSize: 4 })) {
      seen++;
      await expect(store.compareAndSet(entry.key, 'old', 'new')).resolves.toBe(true);
      if (seen % 3 === 0) await store.delete(entry.key);
    }
    expect(seen).toBe(12);
    const left = await collect(store.list('grant:'));
    expect(left).toHaveLength(8);
    expect(left.every((entry) => entry.value === 'new')).toBe(true);
  });

  it('compareAndSet writes only from the expected value (null: only when absent)', async () => {
    const store = makeStore();
    await expect(store.compareAndSet('grant', 'anything', 'v1')).resolves.toBe(false);
    await expect(store.get('grant')).resolves.toBeNull();
    await expect(store.compareAndSet('grant', null, 'v1', { owner: 'alice' })).resolves.toBe(true);
    await expect(store.compareAndSet('grant', null, 'v1b')).resolves.toBe(false);
    await expect(store.compareAndSet('grant', 'v0', 'v2')).resolves.toBe(false);
    await expect(store.compareAndSet('grant', 'v1', 'v2')).resolves.toBe(true);
    await expect(store.get('grant')).resolves.toBe('v2');
    // The empty string is a value like any other, not "absent".
    await store.put('empty', '');
    await expect(store.compareAndSet('empty', null, 'x')).resolves.toBe(false);
    await expect(store.compareAndSet('empty', '', 'x')).resolves.toBe(true);
  });

  it('compareAndSet keeps the owner and the expiry unless it is given new ones', async () => {
    const store = makeStore();
    await store.put('grant', 'v1', { owner: 'alice', ttlMs: 400 });
    await expect(store.compareAndSet('grant', 'v1', 'v2')).resolves.toBe(true);
    await expect(store.listByOwner('alice')).resolves.toEqual([{ key: 'grant', value: 'v2', owner: 'alice' }]);
    await expect(store.compareAndSet('grant', 'v2', 'v3', { ttlMs: 60_000 })).resolves.toBe(true);
    await sleep(600);
    await expect(store.get('grant')).resolves.toBe('v3');
    await expect(store.listByOwner('alice')).resolves.toEqual([{ key: 'grant', value: 'v3', owner: 'alice' }]);
    await expect(store.compareAndSet('grant', 'v3', 'v4', { owner: 'bob' })).resolves.toBe(true);
    await expect(store.listByOwner('alice')).resolves.toEqual([]);
    await expect(store.deleteOwner('bob')).resolves.toBe(1);
    await expect(store.get('grant')).resolves.toBeNull();

    await store.put('short', 'v1', { ttlMs: 150 });
    await expect(store.compareAndSet('short', 'v1', 'v2')).resolves.toBe(true);
    await sleep(300);
    await expect(store.get('short')).resolves.toBeNull();
  });

  it('lets exactly one of 20 concurrent compareAndSet calls from the same value win', async () => {
    const store = makeStore();
    await store.put('grant', 'generation-0', { owner: 'alice' });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.compareAndSet('grant', 'generation-0', `generation-1-by-${i}`)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    await expect(store.get('grant')).resolves.toBe(`generation-1-by-${results.indexOf(true)}`);
  });

  it('answers ping', async () => {
    await expect(makeStore().ping()).resolves.toBeUndefined();
  });
});

describe('SqliteDurableStore', () => {
  it('survives a restart: close, reopen, everything intact', async () => {
    const dataDir = path.join(temporaryFolder(), 'data');
    const before = new SqliteDurableStore({ dataDir });
    await before.put('grant:alice', 'sealed-grant', { owner: 'alice' });
    await before.put('push:alice', 'sealed-push', { owner: 'alice', ttlMs: 60_000 });
    await before.put('grant:bob', 'sealed-bob', { owner: 'bob' });
    await before.put('gone', 'v', { ttlMs: 100 });
    await expect(before.compareAndSet('grant:bob', 'sealed-bob', 'sealed-bob-2')).resolves.toBe(true);
    await before.close();

    await sleep(200);
    const after = sqliteStore(dataDir);
    await expect(after.get('grant:alice')).resolves.toBe('sealed-grant');
    await expect(after.get('grant:bob')).resolves.toBe('sealed-bob-2');
    await expect(after.get('gone')).resolves.toBeNull();
    await expect(after.listByOwner('alice')).resolves.toEqual([
      { key: 'grant:alice', value: 'sealed-grant', owner: 'alice' },
      { key: 'push:alice', value: 'sealed-push', owner: 'alice' },
    ]);
    await expect(after.deleteOwner('alice')).resolves.toBe(2);
    await expect(after.get('grant:bob')).resolves.toBe('sealed-bob-2');
  });

  it('creates its folder 0700 and its files 0600, in WAL mode', async () => {
    const dataDir = path.join(temporaryFolder(), 'nested', 'data');
    const store = sqliteStore(dataDir);
    await store.put('k', 'v');
    const mode = (file: string) => statSync(file).mode & 0o777;
    expect(mode(dataDir)).toBe(0o700);
    expect(store.file).toBe(path.join(dataDir, 'durable.sqlite'));
    expect(mode(store.file)).toBe(0o600);
    expect(mode(`${store.file}-wal`)).toBe(0o600);
    expect(mode(`${store.file}-shm`)).toBe(0o600);
    const reader = new Database(store.file, { readonly: true });
    try {
      expect(reader.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      reader.close();
    }
  });

  it('takes a folder that already exists as it is', async () => {
    const dataDir = temporaryFolder();
    const store = sqliteStore(dataDir);
    await store.put('k', 'v');
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
  });

  it('removes expired records from the file, not only from answers', async () => {
    let now = 1_000_000;
    const store = new SqliteDurableStore({ dataDir: temporaryFolder(), now: () => now });
    closers.push(() => store.close());
    await store.put('short', 'v', { ttlMs: 1_000 });
    await store.put('forever', 'v');
    now += 2_000;
    store.sweep();
    const reader = new Database(store.file, { readonly: true });
    try {
      expect(reader.prepare('SELECT key FROM records').all()).toEqual([{ key: 'forever' }]);
    } finally {
      reader.close();
    }
  });

  it('names the file and what to do when it cannot be opened', () => {
    const blocked = path.join(temporaryFolder(), 'not-a-folder');
    writeFileSync(blocked, 'a file where the data folder should be');
    const open = () => new SqliteDurableStore({ dataDir: blocked });
    expect(open).toThrow(DurableStoreOpenError);
    expect(open).toThrow(`Cannot open the durable store ${path.join(blocked, 'durable.sqlite')}`);
    expect(open).toThrow(/Set DATA_DIR to a folder this process may create and write/);

    const garbage = temporaryFolder();
    writeFileSync(path.join(garbage, 'durable.sqlite'), 'x'.repeat(4096));
    expect(() => new SqliteDurableStore({ dataDir: garbage })).toThrow(/durable\.sqlite: file is not a database/);
  });

  it('refuses a file written by a newer version of the app', () => {
    const dataDir = temporaryFolder();
    const db = new Database(path.join(dataDir, 'durable.sqlite'));
    db.pragma('user_version = 99');
    db.close();
    expect(() => new SqliteDurableStore({ dataDir })).toThrow(/written by a newer version of the app \(schema 99/);
  });

  it('never writes values anywhere but its file', async () => {
    const dataDir = temporaryFolder();
    const store = sqliteStore(dataDir);
    await store.put('k', 'sealed-value-marker');
    await store.close();
    expect(readFileSync(path.join(dataDir, 'durable.sqlite')).includes('sealed-value-marker')).toBe(true);
  });
});

describe('RedisDurableStore', () => {
  it('keeps its records under durable:, apart from the shared store', async () => {
    const keyPrefix = redisPrefix();
    const store = redisStore(keyPrefix);
    await store.put('grant:a', 'v', { owner: 'alice' });
    const { createClient } = await import('redis');
    const client = await createClient({ url: inject('redisUrl') }).connect();
    try {
      expect((await client.keys(`${keyPrefix}*`)).sort()).toEqual([
        `${keyPrefix}durable:o:alice`,
        `${keyPrefix}durable:r:grant:a`,
      ]);
      // No time to live unless one is given.
      expect(await client.pTTL(`${keyPrefix}durable:r:grant:a`)).toBe(-1);
      expect(await client.pTTL(`${keyPrefix}durable:o:alice`)).toBe(-1);
      await store.put('grant:b', 'v', { owner: 'bob', ttlMs: 60_000 });
      // An owner's list lives at least as long as its records.
      expect(await client.pTTL(`${keyPrefix}durable:o:bob`)).toBeGreaterThan(59_000);
    } finally {
      client.destroy();
    }
  });

  it('lets exactly one of 20 compareAndSet calls from two instances win', async () => {
    const keyPrefix = redisPrefix();
    const [a, b] = [redisStore(keyPrefix), redisStore(keyPrefix)];
    await a.put('grant', 'generation-0', { owner: 'alice' });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).compareAndSet('grant', 'generation-0', `next-${i}`)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    await expect(b.get('grant')).resolves.toBe(`next-${results.indexOf(true)}`);
  });

  it('fails with StoreUnavailableError while Redis is down', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // Port 1: nothing listens there.
    const store = new RedisDurableStore({ url: 'redis://127.0.0.1:1' });
    closers.push(() => store.close());
    const failure = await store.get('k').catch((error: unknown) => error);
    expect(isStoreUnavailable(failure)).toBe(true);
    const putFailure = await store.put('k', 'v', { owner: 'o' }).catch((error: unknown) => error);
    expect(isStoreUnavailable(putFailure)).toBe(true);
    await expect(collect(store.list(''))).rejects.toThrow(/Redis is not reachable/);
    errors.mockRestore();
  });
});

describe('getDurableStore', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('opens one SQLite store in DATA_DIR without REDIS_URL, and one Redis store with it', async () => {
    const slot = Symbol.for('nomos-hems.durable-store');
    const slots = globalThis as typeof globalThis & Record<symbol, unknown>;
    const dataDir = path.join(temporaryFolder(), 'data');

    vi.stubEnv('REDIS_URL', '');
    vi.stubEnv('DATA_DIR', dataDir);
    vi.resetModules();
    const first = await import('./durable');
    const sqlite = await first.getDurableStore();
    closers.push(() => sqlite.close());
    expect(sqlite.kind).toBe('sqlite');
    expect(await first.getDurableStore()).toBe(sqlite);
    expect((sqlite as SqliteDurableStore).file).toBe(path.join(dataDir, 'durable.sqlite'));
    delete slots[slot];

    vi.stubEnv('REDIS_URL', inject('redisUrl'));
    vi.resetModules();
    const second = await import('./durable');
    const redis = await second.getDurableStore();
    closers.push(() => redis.close());
    expect(redis.kind).toBe('redis');
    await expect(redis.ping()).resolves.toBeUndefined();
    delete slots[slot];
  });
});
