import 'server-only';

import { RedisConnection } from './redis-connection';
import type { SharedStore } from './shared-store';

/** Deletes KEYS[1] only while it holds ARGV[1]: the lock owner's release, atomically. */
const DELETE_IF_EQUALS = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
/** Sets KEYS[2] only while KEYS[1] (a lock) holds ARGV[1]: only the lock's owner publishes. */
const SET_IF_HELD = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3]) return 1 else return 0 end`;

export type RedisStoreOptions = {
  url: string;
  /** Prepended to every key, so several apps can share one Redis. */
  keyPrefix?: string;
  /** Time limit of each command; a Redis that does not answer is treated as down. */
  commandTimeoutMs?: number;
};

/**
 * The store for several app instances, on node-redis (see
 * docs/decisions/003-redis-for-several-instances.md). Its connection
 * (`RedisConnection`) fails fast with `StoreUnavailableError` while Redis is
 * down and reconnects by itself.
 */
export class RedisStore implements SharedStore {
  readonly kind = 'redis';
  private readonly connection: RedisConnection;
  private readonly prefix: string;

  constructor(options: RedisStoreOptions) {
    this.prefix = options.keyPrefix ?? 'nomos-hems:';
    this.connection = new RedisConnection(options);
  }

  async get(key: string) {
    return this.run((client) => client.get(this.prefix + key));
  }

  async set(key: string, value: string, ttlMs: number) {
    await this.run((client) =>
      client.set(this.prefix + key, value, { expiration: { type: 'PX', value: Math.max(1, Math.ceil(ttlMs)) } }),
    );
  }

  async setIfAbsent(key: string, value: string, ttlMs: number) {
    const reply = await this.run((client) =>
      client.set(this.prefix + key, value, {
        condition: 'NX',
        expiration: { type: 'PX', value: Math.max(1, Math.ceil(ttlMs)) },
      }),
    );
    return reply === 'OK';
  }

  async setIfHeld(lockKey: string, owner: string, key: string, value: string, ttlMs: number) {
    const set = await this.run((client) =>
      client.eval(SET_IF_HELD, {
        keys: [this.prefix + lockKey, this.prefix + key],
        arguments: [owner, value, String(Math.max(1, Math.ceil(ttlMs)))],
      }),
    );
    return set === 1;
  }

  async deleteIfEquals(key: string, value: string) {
    const deleted = await this.run((client) =>
      client.eval(DELETE_IF_EQUALS, { keys: [this.prefix + key], arguments: [value] }),
    );
    return deleted === 1;
  }

  async delete(key: string) {
    await this.run((client) => client.del(this.prefix + key));
  }

  async ping() {
    await this.run((client) => client.ping());
  }

  /** The node-redis client, for libraries that speak to Redis themselves (rate limits). */
  get redisClient() {
    return this.connection.client;
  }

  async close() {
    await this.connection.close();
  }

  private run<T>(command: (client: RedisConnection['client']) => Promise<T>): Promise<T> {
    return this.connection.run(command);
  }
}
