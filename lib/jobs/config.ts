import 'server-only';

import { parseJobsConfig } from './jobs-config';

/** The job configuration of this process, parsed once from its environment. */
export const jobsConfig = parseJobsConfig(process.env);
