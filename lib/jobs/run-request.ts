import 'server-only';

import { createHash, timingSafeEqual } from 'node:crypto';

import type { JobRun } from './runner';

const noStore = { 'Cache-Control': 'no-store' };

/** Compares in constant time: digests first, so neither the length nor the content leaks by timing. */
function sameSecret(given: string, secret: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(secret));
}

/**
 * `POST /api/jobs/run`, for hosts whose processes sleep between requests
 * (serverless): their cron calls it every minute or five with
 * `Authorization: Bearer $JOBS_SECRET`, and it runs whatever is due now, once
 * per slot across instances. 404 while no secret is configured, 401 without
 * the right one. The answer lists each job's outcome and its one-line summary
 * (counts only).
 */
export async function handleRunJobsRequest(
  request: Request,
  { secret, runDueJobs }: { secret: string | undefined; runDueJobs: () => Promise<JobRun[]> },
): Promise<Response> {
  if (secret === undefined) return new Response(null, { status: 404, headers: noStore });
  const match = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '');
  if (!match?.[1] || !sameSecret(match[1], secret)) {
    return Response.json(
      { error: 'unauthorized' },
      { status: 401, headers: { ...noStore, 'WWW-Authenticate': 'Bearer realm="jobs"' } },
    );
  }
  const runs = await runDueJobs();
  return Response.json({ runs }, { headers: noStore });
}
