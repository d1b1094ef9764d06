import 'server-only';

import { createClient } from 'redis';

import { StoreUnavailableError } from './shared-store';

export type RedisConnectionOptions = {
  url: string;
  /** Time limit of each command; a Redis that does not answer is treated as down. */
  commandTimeoutMs?: number;
};

/**
 * One node-redis connection as the stores use it (see
 * docs/decisions/003-redis-for-several-instances.md).
 *
 * While Redis is unreachable every call fails at once with
 * `StoreUnavailableError` instead of queueing (`disableOfflineQueue`), so a
 * page never hangs on it, and the client keeps reconnecting in the
 * background with capped backoff: when Redis is back, the next request
 * works again without anyone doing anything.
 */
export class RedisConnection {
  readonly client;
  private lastError: string | undefined;
  /** Settles when the first connection attempt does; until then calls wait for it, briefly. */
  private firstConnect: Promise<unknown> | undefined;

  constructor(options: RedisConnectionOptions) {
    this.client = createClient({
      url: options.url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: 2_000,
        reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2_000),
      },
    }).withCommandOptions({ timeout: options.commandTimeoutMs ?? 1_000 });
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

  /** Runs one command (or script); a Redis that is down or silent becomes `StoreUnavailableError`. */
  async run<T>(command: (client: RedisConnection['client']) => Promise<T>): Promise<T> {
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

  async close() {
    if (this.client.isOpen) this.client.destroy();
  }
}
