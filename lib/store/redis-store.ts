import 'server-only';

import { createClient } from 'redis';

import { StoreUnavailableError, type SharedStore } from './shared-store';

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
 * docs/decisions/003-redis-for-several-instances.md).
 *
 * While Redis is unreachable every call fails at once with
 * `StoreUnavailableError` instead of queueing (`disableOfflineQueue`), so a
 * page never hangs on it, and the client keeps reconnecting in the
 * background with capped backoff: when Redis is back, the next request
 * works again without anyone doing anything.
 */
export class RedisStore implements SharedStore {
  readonly kind = 'redis';
  private readonly client;
  private readonly prefix: string;
  private readonly timeoutMs: number;
  private lastError: string | undefined;
  /** Settles when the first connection attempt does; until then calls wait for it, briefly. */
  private firstConnect: Promise<unknown> | undefined;

  constructor(options: RedisStoreOptions) {
    this.prefix = options.keyPrefix ?? 'nomos-hems:';
    this.timeoutMs = options.commandTimeoutMs ?? 1_000;
    this.client = createClient({
      url: options.url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: 2_000,
        reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2_000),
      },
    }).withCommandOptions({ timeout: this.timeoutMs });
    this.client.on('error', (error: unknown) => {
      // The client reconnects by itself; say so once per kind of failure, not per retry.
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.lastError) console.error(`[store] Redis: ${message}; reconnecting`);
      this.lastError = message;
    });
    this.client.on('ready', () => {
      if (this.lastError) console.error('[store] Redis is reachable again');
      this.lastError = undefined;
    });
    // Not awaited: a Redis that is down at start-up must not stop the app.
    const connecting = this.client.connect().catch(() => {});
    this.firstConnect = Promise.race([connecting, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]).then(
      () => (this.firstConnect = undefined),
    );
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
    return this.client;
  }

  async close() {
    if (this.client.isOpen) this.client.destroy();
  }

  private async run<T>(command: (client: typeof this.client) => Promise<T>): Promise<T> {
    if (!this.client.isReady && this.firstConnect) await this.firstConnect;
    if (!this.client.isReady) throw new StoreUnavailableError('Redis is not reachable');
    try {
      return await command(this.client);
    } catch (error) {
      throw new StoreUnavailableError(
        `Redis did not answer: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }
}
