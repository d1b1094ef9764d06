// Starts a throw-away redis-server for tests and benchmarks: a free port on
// loopback, no persistence, daemonized with a pid file so that a test may
// stop it (SHUTDOWN) and start it again on the same port.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort, waitForPort } from './processes.mjs';

const INSTALL_HINT = `redis-server is needed for the multi-instance tests and was not found. Install it:
  - Debian/Ubuntu: sudo apt-get install redis-server
  - macOS: brew install redis
or point REDIS_SERVER_PATH at a redis-server (or valkey-server) binary.`;

/** The redis-server binary, or an Error saying what to install. */
export function findRedisServer() {
  const candidates = [
    process.env.REDIS_SERVER_PATH,
    '/usr/bin/redis-server',
    '/usr/local/bin/redis-server',
    '/opt/homebrew/bin/redis-server',
    '/usr/bin/valkey-server',
  ].filter(Boolean);
  if (process.env.REDIS_SERVER_PATH && !existsSync(process.env.REDIS_SERVER_PATH)) {
    throw new Error(`REDIS_SERVER_PATH is set to ${process.env.REDIS_SERVER_PATH}, but no file is there.`);
  }
  const found = candidates.find((path) => existsSync(path));
  if (found) return found;
  const onPath = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath;
  throw new Error(INSTALL_HINT);
}

export { freePort };

/**
 * Starts redis-server and resolves once it accepts connections. Returns the
 * command that starts it again on the same port (`restartCommand`);
 * `stop()` ends whichever server the pid file names.
 */
export async function startRedis({ port } = {}) {
  const binary = findRedisServer();
  const chosenPort = port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'nomos-redis-'));
  const pidFile = join(dir, 'redis.pid');
  const args = [
    '--port',
    String(chosenPort),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
    '--daemonize',
    'yes',
    '--pidfile',
    pidFile,
    '--logfile',
    join(dir, 'redis.log'),
  ];
  const start = async () => {
    const result = spawnSync(binary, args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`redis-server failed to start: ${result.stderr || result.stdout}`);
    await waitForPort(chosenPort, { name: 'redis-server' });
  };
  await start();
  return {
    port: chosenPort,
    url: `redis://127.0.0.1:${chosenPort}`,
    restartCommand: [binary, ...args],
    start,
    /** Stops the server; `start()` brings it back on the same port. */
    async stop() {
      try {
        const pid = Number(readFileSync(pidFile, 'utf8').trim());
        if (pid) process.kill(pid, 'SIGTERM');
        await waitForPort(chosenPort, { name: 'redis-server', closed: true });
      } catch {
        // Already stopped.
      }
    },
    /** Stops the server for good and removes its files. */
    async destroy() {
      await this.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
