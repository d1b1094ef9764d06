import 'server-only';

import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import {
  DEFAULT_PAGE_SIZE,
  ttlMillis,
  type DurableEntry,
  type DurablePutOptions,
  type DurableStore,
} from './durable-store';

/** The layout this code writes, kept in SQLite's `user_version`. */
const SCHEMA_VERSION = 1;
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS records (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL,
    owner TEXT,
    expires_at INTEGER
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS records_by_owner ON records (owner) WHERE owner IS NOT NULL;
  CREATE INDEX IF NOT EXISTS records_by_expiry ON records (expires_at) WHERE expires_at IS NOT NULL;
`;
const LIVE = '(expires_at IS NULL OR expires_at > @now)';
/**
 * Keys starting with @prefix, as an index range: SQLite compares text as
 * UTF-8 bytes, and no valid UTF-8 continues with a byte above 0xF4.
 */
const PREFIXED = `key >= @prefix AND key < @prefix || CAST(X'F5' AS TEXT)`;

type Row = { key: string; value: string; owner: string | null; expires_at: number | null };

export type SqliteDurableStoreOptions = {
  /** The folder of the database file; created (0700) when missing. */
  dataDir: string;
  fileName?: string;
  now?: () => number;
  /** How often expired records are removed from the file (reads never see them anyway). */
  sweepEveryMs?: number;
};

/** The durable store's file could not be opened or created: says which file and what to do. */
export class DurableStoreOpenError extends Error {
  constructor(
    readonly file: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Cannot open the durable store ${file}: ${reason}. Set DATA_DIR to a folder this process may create and ` +
        `write (on a persistent volume), or fix the owner and permissions of that folder and file.`,
      options,
    );
    this.name = 'DurableStoreOpenError';
  }
}

/**
 * The durable store of a single app instance: one SQLite file (better-sqlite3)
 * in `DATA_DIR`, in WAL mode with full syncs, so a record is on disk when its
 * write resolves and a restart loses nothing.
 *
 * better-sqlite3 is synchronous: each method runs to completion before any
 * other JavaScript, and every multi-step method is one SQLite transaction,
 * so `compareAndSet` and `deleteOwner` are atomic within the process and,
 * through SQLite's locks, against any other process on the file. Still, one
 * process per file (docs/decisions/010-durable-store-for-server-side-grants.md):
 * several instances use Redis.
 *
 * The folder is created 0700 and the file (with its WAL and shared-memory
 * files, which SQLite gives the same mode) is 0600: only the app's user can
 * read even the sealed values.
 */
export class SqliteDurableStore implements DurableStore {
  readonly kind = 'sqlite';
  readonly file: string;
  private readonly db: Database.Database;
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout;
  private readonly statements;
  private readonly casTransaction;
  private readonly deleteOwnerTransaction;

  constructor(options: SqliteDurableStoreOptions) {
    this.now = options.now ?? Date.now;
    const dir = path.resolve(options.dataDir);
    this.file = path.join(dir, options.fileName ?? 'durable.sqlite');
    this.db = openDatabase(dir, this.file);

    this.statements = {
      get: this.db.prepare<{ key: string; now: number }, Row>(`SELECT * FROM records WHERE key = @key AND ${LIVE}`),
      put: this.db.prepare<Row>(
        `INSERT INTO records (key, value, owner, expires_at) VALUES (@key, @value, @owner, @expires_at)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, owner = excluded.owner, expires_at = excluded.expires_at`,
      ),
      delete: this.db.prepare<{ key: string }, Pick<Row, 'expires_at'>>(
        'DELETE FROM records WHERE key = @key RETURNING expires_at',
      ),
      deleteOwner: this.db.prepare<{ owner: string }, Pick<Row, 'expires_at'>>(
        'DELETE FROM records WHERE owner = @owner RETURNING expires_at',
      ),
      byOwner: this.db.prepare<{ owner: string; now: number }, Row>(
        `SELECT * FROM records WHERE owner = @owner AND ${LIVE} ORDER BY key`,
      ),
      firstPage: this.db.prepare<{ prefix: string; now: number; limit: number }, Row>(
        `SELECT * FROM records WHERE ${PREFIXED} AND ${LIVE} ORDER BY key LIMIT @limit`,
      ),
      nextPage: this.db.prepare<{ prefix: string; after: string; now: number; limit: number }, Row>(
        `SELECT * FROM records WHERE ${PREFIXED} AND key > @after AND ${LIVE} ORDER BY key LIMIT @limit`,
      ),
      sweep: this.db.prepare<{ now: number }>(
        'DELETE FROM records WHERE expires_at IS NOT NULL AND expires_at <= @now',
      ),
    };

    this.casTransaction = this.db.transaction(
      (key: string, expected: string | null, next: string, options: DurablePutOptions) => {
        const now = this.now();
        const current = this.statements.get.get({ key, now });
        if ((current?.value ?? null) !== expected) return false;
        this.statements.put.run({
          key,
          value: next,
          owner: options.owner !== undefined ? options.owner : (current?.owner ?? null),
          expires_at: options.ttlMs !== undefined ? now + ttlMillis(options.ttlMs) : (current?.expires_at ?? null),
        });
        return true;
      },
    );
    this.deleteOwnerTransaction = this.db.transaction((owner: string) => {
      const now = this.now();
      return this.statements.deleteOwner.all({ owner }).filter((row) => isLive(row, now)).length;
    });

    this.sweep();
    this.sweeper = setInterval(() => this.sweep(), options.sweepEveryMs ?? 60_000);
    this.sweeper.unref();
  }

  async get(key: string) {
    return this.statements.get.get({ key, now: this.now() })?.value ?? null;
  }

  async put(key: string, value: string, options: DurablePutOptions = {}) {
    this.statements.put.run({ key, value, owner: options.owner ?? null, expires_at: this.expiry(options) });
  }

  async delete(key: string) {
    const deleted = this.statements.delete.get({ key });
    return deleted !== undefined && isLive(deleted, this.now());
  }

  async deleteOwner(owner: string) {
    // Immediate: takes the write lock first, so no reader sees half of it and no writer waits to upgrade.
    return this.deleteOwnerTransaction.immediate(owner);
  }

  async listByOwner(owner: string): Promise<DurableEntry[]> {
    return this.statements.byOwner.all({ owner, now: this.now() }).map(entry);
  }

  async *list(prefix: string, options: { pageSize?: number } = {}): AsyncIterable<DurableEntry> {
    const limit = options.pageSize ?? DEFAULT_PAGE_SIZE;
    // Keyset pagination: no statement stays open between pages, so the caller may write while it walks.
    let rows = this.statements.firstPage.all({ prefix, now: this.now(), limit });
    for (;;) {
      for (const row of rows) yield entry(row);
      const last = rows.at(-1);
      if (rows.length < limit || last === undefined) return;
      const after = last.key;
      rows = this.statements.nextPage.all({ prefix, after, now: this.now(), limit });
    }
  }

  async compareAndSet(key: string, expected: string | null, next: string, options: DurablePutOptions = {}) {
    return this.casTransaction.immediate(key, expected, next, options);
  }

  async ping() {
    this.db.prepare('SELECT 1').get();
  }

  async close() {
    clearInterval(this.sweeper);
    if (this.db.open) this.db.close();
  }

  /** Removes expired records from the file (reads skip them anyway). */
  sweep() {
    if (this.db.open) this.statements.sweep.run({ now: this.now() });
  }

  private expiry(options: DurablePutOptions) {
    return options.ttlMs === undefined ? null : this.now() + ttlMillis(options.ttlMs);
  }
}

const entry = (row: Row): DurableEntry => ({ key: row.key, value: row.value, owner: row.owner });
const isLive = (row: Pick<Row, 'expires_at'>, now: number) => row.expires_at === null || row.expires_at > now;

function openDatabase(dir: string, file: string): Database.Database {
  try {
    // `mode` applies only to a folder created here; chmod as well, since the umask may have narrowed it further.
    const created = mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (created !== undefined) chmodSync(dir, 0o700);
  } catch (error) {
    throw new DurableStoreOpenError(file, `its folder cannot be created (${reasonOf(error)})`, { cause: error });
  }
  let db: Database.Database | undefined;
  try {
    // Create the file 0600 before SQLite does (SQLite would follow the umask, usually 0644).
    closeSync(openSync(file, 'a', 0o600));
    chmodSync(file, 0o600);
    db = new Database(file, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    if (db.pragma('journal_mode = WAL', { simple: true }) !== 'wal') throw new Error('WAL mode is not available');
    // FULL: a write is on disk when it resolves, so a rotated token is never lost to a power cut.
    db.pragma('synchronous = FULL');
    // A deleted record's bytes are overwritten, not left in free pages ("forget my connection").
    db.pragma('secure_delete = ON');
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version > SCHEMA_VERSION) {
      throw new Error(
        `it was written by a newer version of the app (schema ${version}, this one knows ${SCHEMA_VERSION})`,
      );
    }
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    return db;
  } catch (error) {
    db?.close();
    throw new DurableStoreOpenError(file, reasonOf(error), { cause: error });
  }
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
