import { runDueJobs } from '@/lib/app-jobs';
import { jobsConfig } from '@/lib/jobs/config';
import { handleRunJobsRequest } from '@/lib/jobs/run-request';

export const dynamic = 'force-dynamic';

/** `POST /api/jobs/run` with `Authorization: Bearer $JOBS_SECRET`: a cron runs what is due (see lib/jobs/run-request.ts). */
export function POST(request: Request) {
  return handleRunJobsRequest(request, { secret: jobsConfig.secret, runDueJobs });
}
