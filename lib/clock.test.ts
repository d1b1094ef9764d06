import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * The app follows the sandbox's clock (decision 008). A test moves that
 * clock and then sends a request: the request must see the moved clock even
 * when a read of the old time was still under way when it arrived.
 */
let server: Server;
let clockMs = Date.UTC(2026, 10, 23, 12);
let answerDelayMs = 0;
let reads = 0;

beforeAll(async () => {
  server = createServer((_request, response) => {
    reads += 1;
    // The time as it is when the request arrives, answered after a delay: a slow clock read.
    const body = JSON.stringify({ now: new Date(clockMs).toISOString() });
    setTimeout(() => response.end(body), answerDelayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  vi.stubEnv('DEMO_CLOCK_URL', `http://127.0.0.1:${(server.address() as AddressInfo).port}/__sandbox/clock`);
  vi.stubEnv('NOMOS_ISSUER', 'http://127.0.0.1:4000');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise((resolve) => server.close(resolve));
});

describe('syncClock', () => {
  it('follows the sandbox clock, and a request never takes the answer of a read that began before it', async () => {
    vi.resetModules();
    const clock = await import('./clock');
    expect(Math.abs((await clock.syncClock()) - clockMs)).toBeLessThan(1_000);

    answerDelayMs = 200;
    const before = reads;
    const early = clock.syncClock();
    // The test moves the clock an hour while that read is under way, then two requests arrive.
    await new Promise((resolve) => setTimeout(resolve, 50));
    clockMs += 3_600_000;
    const [first, second] = await Promise.all([clock.syncClock(), clock.syncClock()]);
    expect(Math.abs((await early) - (clockMs - 3_600_000))).toBeLessThan(1_000);
    expect(Math.abs(first - clockMs)).toBeLessThan(1_000);
    expect(Math.abs(second - clockMs)).toBeLessThan(1_000);
    // The two late requests shared one read.
    expect(reads - before).toBe(2);
    expect(Math.abs(clock.now() - clockMs)).toBeLessThan(1_000);
  });
});
