import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const jobs = vi.hoisted(() => ({ runDueJobs: vi.fn() }));
vi.mock('@/lib/app-jobs', () => jobs);

const secret = 'route-test-secret-0123456789abcdefghij';
let POST: typeof import('./route').POST;

beforeAll(async () => {
  vi.stubEnv('JOBS_SECRET', secret);
  vi.resetModules();
  ({ POST } = await import('./route'));
});
afterAll(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

const request = (headers: Record<string, string> = {}) =>
  new Request('http://localhost:3000/api/jobs/run', { method: 'POST', headers });

describe('app/api/jobs/run', () => {
  it('refuses a call without JOBS_SECRET with 401, and runs nothing', async () => {
    expect((await POST(request())).status).toBe(401);
    expect((await POST(request({ authorization: 'Bearer not-the-secret' }))).status).toBe(401);
    expect(jobs.runDueJobs).not.toHaveBeenCalled();
  });

  it('runs the due jobs for the cron that presents it', async () => {
    jobs.runDueJobs.mockResolvedValue([{ job: 'alerts', slot: 1, outcome: 'taken' }]);
    const response = await POST(request({ authorization: `Bearer ${secret}` }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ runs: [{ job: 'alerts', slot: 1, outcome: 'taken' }] });
    expect(jobs.runDueJobs).toHaveBeenCalledTimes(1);
  });
});
