import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterEach, describe, expect, it } from 'vitest';

import { freePort, freePorts, isPortFree, start, stopAll, waitForPort, waitForUrl } from './processes.mjs';

/** True while `pid` runs; a zombie waiting for its parent to reap it counts as gone. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = `/proc/${pid}/stat`;
  return !existsSync(stat) || !/^\d+ \(.*\) Z/.test(readFileSync(stat, 'utf8'));
}

async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 40 && alive(pid); i++) await sleep(50);
  return !alive(pid);
}

/**
 * A server on PORT that starts a grandchild first and prints its pid; with
 * STUBBORN set, both ignore SIGTERM.
 */
const SERVER = `
const { spawn } = require('node:child_process');
const stubborn = !!process.env.STUBBORN;
if (stubborn) process.on('SIGTERM', () => {});
const grandchild = spawn(process.execPath, ['-e', (stubborn ? "process.on('SIGTERM', () => {});" : '') + 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
console.log('grandchild ' + grandchild.pid);
require('node:http').createServer((req, res) => res.end('ok')).listen(Number(process.env.PORT), '127.0.0.1');
`;

async function startServer(env: Record<string, string> = {}) {
  const port = await freePort();
  const server = start(process.execPath, ['-e', SERVER], {
    name: 'server',
    output: 'none',
    env: { PORT: String(port), ...env },
  });
  await waitForPort(port, { process: server });
  const grandchild = Number(server.output().match(/grandchild (\d+)/)?.[1]);
  expect(grandchild).toBeGreaterThan(0);
  return { server, port, grandchild };
}

afterEach(() => stopAll(100));

describe('processes', () => {
  it('waits for a port, then stops the whole group: the process and its grandchild', async () => {
    const { server, port, grandchild } = await startServer();
    await waitForUrl(`http://127.0.0.1:${port}/`, { process: server });
    expect(alive(grandchild)).toBe(true);

    const result = await server.stop();

    expect(result.signal).toBe('SIGTERM');
    expect(server.running()).toBe(false);
    expect(await gone(server.pid!)).toBe(true);
    expect(await gone(grandchild)).toBe(true);
    await waitForPort(port, { closed: true, timeoutMs: 2000 });
  });

  it('kills a group that ignores SIGTERM once the grace period is over', async () => {
    const { server, grandchild } = await startServer({ STUBBORN: '1' });
    const t0 = Date.now();

    const result = await server.stop(300);

    expect(result.signal).toBe('SIGKILL');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
    expect(await gone(grandchild)).toBe(true);
  });

  it('fails the wait at once when the process exits early, with its name, exit code and last output', async () => {
    const port = await freePort();
    const crashing = start(
      process.execPath,
      ['-e', "console.log('starting'); console.error('Error: no SESSION_SECRET'); process.exit(3)"],
      { name: 'app', output: 'none' },
    );
    const t0 = Date.now();

    const error = await waitForPort(port, { process: crashing, timeoutMs: 10_000 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^app exited \(code 3\) before app on port \d+ accepted connections/);
    expect((error as Error).message).toContain('starting\nError: no SESSION_SECRET');
    expect(Date.now() - t0).toBeLessThan(5000);
    await expect(waitForUrl(`http://127.0.0.1:${port}/`, { process: crashing })).rejects.toThrow(
      /app exited \(code 3\) before http:\/\/127\.0\.0\.1:\d+\/ answered; its last output:\nstarting/,
    );
  });

  it('gives up on a port nothing opens after the timeout', async () => {
    const port = await freePort();
    await expect(waitForPort(port, { name: 'redis-server', timeoutMs: 200 })).rejects.toThrow(
      `timed out after 0.2 s: redis-server on port ${port} accepted connections`,
    );
  });

  it('finds free ports in a range, skipping those in use', async () => {
    const { port } = await startServer();
    const found = await freePorts(2, [port, port + 50]);
    expect(found).toHaveLength(2);
    expect(found).not.toContain(port);
    expect(await isPortFree(port, '127.0.0.1')).toBe(false);
  });
});
