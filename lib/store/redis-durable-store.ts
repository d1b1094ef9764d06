import 'server-only';

import {
  DEFAULT_PAGE_SIZE,
  ttlMillis,
  type DurableEntry,
  type DurablePutOptions,
  type DurableStore,
} from './durable-store';
import { RedisConnection } from './redis-connection';

/**
 * Adds `record` to the owner set `set`, and keeps the set at
 * least as long as its longest-lived record (`ttl` '' : a record without
 * expiry, so the set has none either).
 */
const OWN = `
local function own(set, record, ttl)
  local fresh = redis.call('EXISTS', set) == 0
  redis.call('SADD', set, record)
  if ttl == '' then
    redis.call('PERSIST', set)
  else
    local left = redis.call('PTTL', set)
    if fresh or (left >= 0 and left < tonumber(ttl)) then redis.call('PEXPIRE', set, ttl) end
  end
end
`;

/**
 * KEYS[1] record, KEYS[2] its owner's set (when it has one).
 * ARGV: value, has owner ('1'/'0'), owner, ttl ms or '', owner-set prefix.
 */
const PUT = `${OWN}
local old = redis.call('HGET', KEYS[1], 'o')
if old and (ARGV[2] ~= '1' or old ~= ARGV[3]) then redis.call('SREM', ARGV[5] .. old, KEYS[1]) end
redis.call('DEL', KEYS[1])
if ARGV[2] == '1' then
  redis.call('HSET', KEYS[1], 'v', ARGV[1], 'o', ARGV[3])
else
  redis.call('HSET', KEYS[1], 'v', ARGV[1])
end
if ARGV[4] ~= '' then redis.call('PEXPIRE', KEYS[1], ARGV[4]) end
if ARGV[2] == '1' then own(KEYS[2], KEYS[1], ARGV[4]) end
return 1`;

/**
 * KEYS[1] record. ARGV: expected, expected is absent ('1'/'0'), next, owner given ('1'/'0'), owner,
 * ttl ms or '', owner-set prefix. The record keeps its owner and expiry unless new ones are given.
 */
const COMPARE_AND_SET = `${OWN}
local current = redis.call('HMGET', KEYS[1], 'v', 'o')
if ARGV[2] == '1' then
  if current[1] then return 0 end
elseif current[1] ~= ARGV[1] then
  return 0
end
redis.call('HSET', KEYS[1], 'v', ARGV[3])
if ARGV[6] ~= '' then redis.call('PEXPIRE', KEYS[1], ARGV[6]) end
local owner = current[2]
if ARGV[4] == '1' then
  if owner and owner ~= ARGV[5] then redis.call('SREM', ARGV[7] .. owner, KEYS[1]) end
  owner = ARGV[5]
  redis.call('HSET', KEYS[1], 'o', owner)
end
if owner then
  local left = redis.call('PTTL', KEYS[1])
  own(ARGV[7] .. owner, KEYS[1], left > 0 and tostring(left) or '')
end
return 1`;

/** KEYS[1] record. ARGV: owner-set prefix. Returns 1 when a live record was deleted. */
const DELETE = `
local owner = redis.call('HGET', KEYS[1], 'o')
if owner then redis.call('SREM', ARGV[1] .. owner, KEYS[1]) end
return redis.call('DEL', KEYS[1])`;

/** KEYS[1] owner set. ARGV: owner. Deletes the owner's records and the set; returns how many were live. */
const DELETE_OWNER = `
local deleted = 0
for _, record in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if redis.call('HGET', record, 'o') == ARGV[1] then deleted = deleted + redis.call('DEL', record) end
end
redis.call('DEL', KEYS[1])
return deleted`;

/** KEYS[1] owner set. ARGV: owner. Returns record, value, record, value…; forgets members that expired or moved. */
const LIST_OWNER = `
local found = {}
for _, record in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local fields = redis.call('HMGET', record, 'v', 'o')
  if fields[1] and fields[2] == ARGV[1] then
    table.insert(found, record)
    table.insert(found, fields[1])
  else
    redis.call('SREM', KEYS[1], record)
  end
end
return found`;

export type RedisDurableStoreOptions = {
  url: string;
  /** Prepended to every key (before `durable:`), so several apps can share one Redis. */
  keyPrefix?: string;
  commandTimeoutMs?: number;
};

/**
 * The durable store of several app instances, on the Redis of `REDIS_URL`
 * (its own connection, made as the shared store's is: failing fast with
 * `StoreUnavailableError` while Redis is down).
 *
 * A record is a hash `…durable:r:<key>` (`v` its value, `o` its owner) with
 * the record's expiry, if any; an owner's records are listed in a set
 * `…durable:o:<owner>`. Every write that touches both is one Lua script,
 * atomic in Redis. Scripts reach an owner's records through that set, so
 * this needs a single Redis (or Valkey) node, as the shared store's
 * coordination does, not a Redis Cluster.
 *
 * Surviving a restart of Redis is Redis' persistence (AOF or RDB), which
 * the operator configures (docs/decisions/010-durable-store-for-server-side-grants.md).
 */
export class RedisDurableStore implements DurableStore {
  readonly kind = 'redis';
  private readonly connection: RedisConnection;
  private readonly records: string;
  private readonly owners: string;

  constructor(options: RedisDurableStoreOptions) {
    const prefix = `${options.keyPrefix ?? 'nomos-hems:'}durable:`;
    this.records = `${prefix}r:`;
    this.owners = `${prefix}o:`;
    this.connection = new RedisConnection(options);
  }

  async get(key: string) {
    const value = await this.connection.run((client) => client.hGet(this.records + key, 'v'));
    return value ?? null;
  }

  async put(key: string, value: string, options: DurablePutOptions = {}) {
    const owned = options.owner !== undefined;
    const ttl = options.ttlMs === undefined ? '' : String(ttlMillis(options.ttlMs));
    await this.eval(
      PUT,
      [this.records + key, ...(owned ? [this.owners + options.owner] : [])],
      [value, owned ? '1' : '0', options.owner ?? '', ttl, this.owners],
    );
  }

  async delete(key: string) {
    return (await this.eval(DELETE, [this.records + key], [this.owners])) === 1;
  }

  async deleteOwner(owner: string) {
    return Number(await this.eval(DELETE_OWNER, [this.owners + owner], [owner]));
  }

  async listByOwner(owner: string): Promise<DurableEntry[]> {
    const flat = strings(await this.eval(LIST_OWNER, [this.owners + owner], [owner]));
    const entries: DurableEntry[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const [record = '', value = ''] = flat.slice(i, i + 2);
      entries.push({ key: record.slice(this.records.length), value, owner });
    }
    return entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async *list(prefix: string, options: { pageSize?: number } = {}): AsyncIterable<DurableEntry> {
    const count = options.pageSize ?? DEFAULT_PAGE_SIZE;
    const match = this.records + escapeGlob(prefix) + '*';
    // SCAN may return a key twice; each is yielded once.
    const seen = new Set<string>();
    let cursor = '0';
    do {
      const page = await this.connection.run(async (client) => {
        const reply = await client.scan(cursor, { MATCH: match, COUNT: count, TYPE: 'hash' });
        const fresh = reply.keys.map(String).filter((record) => !seen.has(record));
        const fields = await Promise.all(fresh.map((record) => client.hmGet(record, ['v', 'o'])));
        return { cursor: String(reply.cursor), fresh, fields };
      });
      cursor = page.cursor;
      for (const [i, record] of page.fresh.entries()) {
        seen.add(record);
        const [value, owner] = page.fields[i] ?? [];
        // Expired or deleted since the scan saw it.
        if (value === null || value === undefined) continue;
        yield {
          key: record.slice(this.records.length),
          value: String(value),
          owner: owner == null ? null : String(owner),
        };
      }
    } while (cursor !== '0');
  }

  async compareAndSet(key: string, expected: string | null, next: string, options: DurablePutOptions = {}) {
    const owned = options.owner !== undefined;
    const ttl = options.ttlMs === undefined ? '' : String(ttlMillis(options.ttlMs));
    const set = await this.eval(
      COMPARE_AND_SET,
      [this.records + key],
      [expected ?? '', expected === null ? '1' : '0', next, owned ? '1' : '0', options.owner ?? '', ttl, this.owners],
    );
    return set === 1;
  }

  async ping() {
    await this.connection.run((client) => client.ping());
  }

  async close() {
    await this.connection.close();
  }

  private eval(script: string, keys: string[], args: string[]): Promise<unknown> {
    return this.connection.run((client) => client.eval(script, { keys, arguments: args }));
  }
}

/** SCAN's MATCH is a glob: the prefix is taken literally. */
const escapeGlob = (text: string) => text.replace(/[*?[\]\\]/g, '\\$&');

function strings(reply: unknown): string[] {
  if (!Array.isArray(reply)) throw new TypeError('Redis answered a list script with something else than a list');
  return reply.map(String);
}
