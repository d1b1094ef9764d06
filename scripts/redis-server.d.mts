export type TestRedis = {
  port: number;
  url: string;
  /** The command line that starts the same server again on the same port. */
  restartCommand: string[];
  start(): Promise<void>;
  /** Stops the server; start() brings it back on the same port. */
  stop(): Promise<void>;
  /** Stops the server for good and removes its files. */
  destroy(): Promise<void>;
};
/** The redis-server binary; throws an Error saying what to install when there is none. */
export function findRedisServer(): string;
export function freePort(): Promise<number>;
export function startRedis(options?: { port?: number }): Promise<TestRedis>;
