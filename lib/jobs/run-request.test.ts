import { describe, expect, it } from 'vitest';

import { handleRunJobsRequest } from './run-request';
import type { JobRun } from './runner';

const secret = 'jobs-secret-0123456789-0123456789-abc';
const runs: JobRun[] = [{ job: 'alerts', slot: 5_985_000, outcome: 'ran', summary: '3 grants', durationMs: 12 }];

function post(authorization?: string) {
  return new Request('http://localhost:3000/api/jobs/run', {
    method: 'POST',
    headers: authorization === undefined ? {} : { authorization },
  });
}

/** The route with `configured` as its JOBS_SECRET (null: unset). */
function handler(configured: string | null = secret) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    handle: (request: Request) =>
      handleRunJobsRequest(request, {
        secret: configured ?? undefined,
        runDueJobs: async () => {
          calls++;
          return runs;
        },
      }),
  };
}

describe('POST /api/jobs/run', () => {
  it('answers 401 without the secret, with a wrong one, or with another scheme, and runs nothing', async () => {
    const route = handler();
    for (const authorization of [
      undefined,
      '',
      'Bearer',
      `Bearer ${secret}x`,
      `Bearer ${secret.slice(1)}`,
      `Basic ${secret}`,
      secret,
    ]) {
      const response = await route.handle(post(authorization));
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="jobs"');
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    expect(route.calls).toBe(0);
  });

  it('answers 404 while no secret is configured, whatever is sent', async () => {
    const route = handler(null);
    expect((await route.handle(post(`Bearer ${secret}`))).status).toBe(404);
    expect(route.calls).toBe(0);
  });

  it('runs what is due with the right secret and lists the outcomes', async () => {
    const route = handler();
    const response = await route.handle(post(`Bearer ${secret}`));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ runs });
    expect(route.calls).toBe(1);
  });
});
