import { afterAll, describe, expect, inject, it } from 'vitest';

import { MemoryStore } from '@/lib/store/memory-store';
import { RedisStore } from '@/lib/store/redis-store';
import { StoreUnavailableError, type SharedStore } from '@/lib/store/shared-store';

import type { Job, JobContext } from './job';
import { createJobRunner, slotKey } from './runner';

const MIN = 60_000;
const closers: (() => unknown)[] = [];
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
});

let prefixes = 0;
function redisStore(keyPrefix: string) {
  const store = new RedisStore({ url: inject('redisUrl'), keyPrefix });
  closers.push(() => store.close());
  return store;
}
function memoryStore() {
  const store = new MemoryStore();
  closers.push(() => store.close());
  return store;
}

/** A job that counts its runs, and the slots it ran in. */
function countingJob(name = 'alerts', periodMs = 5 * MIN) {
  const slots: number[] = [];
  const job: Job = {
    name,
    periodMs,
    async run(context: JobContext) {
      slots.push(context.slot.index);
      return { summary: `ran slot ${context.slot.index}` };
    },
  };
  return { job, slots };
}

const start = Date.parse('2026-11-24T13:20:00Z');

function runner(store: SharedStore, jobs: Job[], lines: string[] = []) {
  const clock = { now: start };
  return { clock, lines, ...createJobRunner({ jobs, store, now: () => clock.now, log: (line) => lines.push(line) }) };
}

describe.each([
  ['memory', memoryStore],
  ['Redis', () => redisStore(`jobs-test-${process.pid}-${++prefixes}:`)],
])('the job runner on the %s store', (_name, makeStore) => {
  it('runs a job once per slot however often it is called, and again in the next slot', async () => {
    const { job, slots } = countingJob();
    const { clock, runDueJobs, lines } = runner(makeStore(), [job]);
    const first = await runDueJobs(clock.now);
    expect(first).toEqual([
      {
        job: 'alerts',
        slot: start / (5 * MIN),
        outcome: 'ran',
        summary: `ran slot ${start / (5 * MIN)}`,
        durationMs: 0,
      },
    ]);
    clock.now += 4 * MIN + 59_000;
    expect((await runDueJobs(clock.now))[0]?.outcome).toBe('taken');
    clock.now += 1000;
    expect((await runDueJobs(clock.now))[0]?.outcome).toBe('ran');
    expect(slots).toEqual([start / (5 * MIN), start / (5 * MIN) + 1]);
    // One line per run, with what the job said.
    expect(lines).toEqual([
      `[jobs] alerts slot ${start / (5 * MIN)}: ran slot ${start / (5 * MIN)} (0 ms)`,
      `[jobs] alerts slot ${start / (5 * MIN) + 1}: ran slot ${start / (5 * MIN) + 1} (0 ms)`,
    ]);
  });

  it('runs each job on its own period', async () => {
    const often = countingJob('often', 5 * MIN);
    const hourly = countingJob('hourly', 60 * MIN);
    const { clock, runDueJobs } = runner(makeStore(), [often.job, hourly.job]);
    for (let i = 0; i < 12; i++, clock.now += 5 * MIN) await runDueJobs(clock.now);
    expect(often.slots).toHaveLength(12);
    // 13:20 to 14:15: two hours touched.
    expect(hourly.slots).toHaveLength(2);
  });

  it('spends the slot of a job that threw, logs why, and runs it again in the next slot', async () => {
    let calls = 0;
    const failing: Job = {
      name: 'flaky',
      periodMs: 5 * MIN,
      async run() {
        calls++;
        throw new Error('Nomos said no');
      },
    };
    const { clock, runDueJobs, lines } = runner(makeStore(), [failing]);
    expect(await runDueJobs(clock.now)).toMatchObject([{ outcome: 'failed', summary: 'Error: Nomos said no' }]);
    expect(await runDueJobs(clock.now)).toMatchObject([{ outcome: 'taken' }]);
    clock.now += 5 * MIN;
    await runDueJobs(clock.now);
    expect(calls).toBe(2);
    expect(lines[0]).toBe(`[jobs] flaky slot ${start / (5 * MIN)}: failed, Error: Nomos said no (0 ms)`);
  });
});

describe('several instances sharing one Redis', () => {
  it('of 20 concurrent claims of a slot from two runners on two connections, exactly one runs the job', async () => {
    const prefix = `jobs-test-${process.pid}-${++prefixes}:`;
    const a = countingJob();
    const b = countingJob();
    const first = runner(redisStore(prefix), [a.job]);
    const second = runner(redisStore(prefix), [b.job]);
    const runs = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? first : second).runDueJobs(start + i * 1000)),
    );
    expect(runs.flat().filter((run) => run.outcome === 'ran')).toHaveLength(1);
    expect(a.slots.length + b.slots.length).toBe(1);

    // The next slot: again exactly one, whichever it is.
    const next = start + 5 * MIN;
    await Promise.all([first.runDueJobs(next), second.runDueJobs(next), first.runDueJobs(next)]);
    expect(a.slots.length + b.slots.length).toBe(2);
  });

  it('claims the slot under job:<name>:<slot> with a time to live longer than the slot', async () => {
    const prefix = `jobs-test-${process.pid}-${++prefixes}:`;
    const store = redisStore(prefix);
    const { job } = countingJob();
    await runner(store, [job]).runDueJobs(start);
    const claim = await store.get(slotKey('alerts', start / (5 * MIN)));
    expect(claim).toMatch(/^[0-9a-f-]{36}$/);
    const { createClient } = await import('redis');
    const client = createClient({ url: inject('redisUrl') });
    await client.connect();
    try {
      const ttl = await client.pTTL(`${prefix}job:alerts:${start / (5 * MIN)}`);
      expect(ttl).toBeGreaterThan(5 * MIN);
      expect(ttl).toBeLessThanOrEqual(10 * MIN);
    } finally {
      await client.close();
    }
  });
});

describe('when the store is down', () => {
  it('runs nothing, says so, and tries the same slot again on the next call', async () => {
    const memory = memoryStore();
    let down = true;
    const flaky: SharedStore = {
      ...memory,
      kind: 'memory',
      get: (key) => memory.get(key),
      set: (key, value, ttl) => memory.set(key, value, ttl),
      setIfHeld: (...args) => memory.setIfHeld(...args),
      deleteIfEquals: (key, value) => memory.deleteIfEquals(key, value),
      delete: (key) => memory.delete(key),
      ping: () => memory.ping(),
      setIfAbsent: (key, value, ttl) =>
        down ? Promise.reject(new StoreUnavailableError('Redis is down')) : memory.setIfAbsent(key, value, ttl),
    };
    const { job, slots } = countingJob();
    const { clock, runDueJobs, lines } = runner(flaky, [job]);
    expect(await runDueJobs(clock.now)).toMatchObject([{ outcome: 'store-unavailable' }]);
    expect(lines).toEqual([`[jobs] alerts slot ${start / (5 * MIN)}: not run, the shared store is unavailable`]);
    down = false;
    expect(await runDueJobs(clock.now)).toMatchObject([{ outcome: 'ran' }]);
    expect(slots).toHaveLength(1);
  });
});

describe('the job list', () => {
  it('refuses bad names, short periods and two jobs of one name', () => {
    const store = memoryStore();
    const job = countingJob().job;
    expect(() => createJobRunner({ jobs: [{ ...job, name: 'Alerts!' }], store, now: Date.now })).toThrow(/name/);
    expect(() => createJobRunner({ jobs: [{ ...job, periodMs: 10 }], store, now: Date.now })).toThrow(/periodMs/);
    expect(() => createJobRunner({ jobs: [job, job], store, now: Date.now })).toThrow(/unique/);
  });
});
