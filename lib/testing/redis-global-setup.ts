import type { TestProject } from 'vitest/node';

import { startRedis } from '../../scripts/redis-server.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/**
 * One real redis-server for the unit tests of the Redis store, on a free
 * port with persistence off. Without redis-server the run fails and says
 * what to install: these tests never skip.
 */
export default async function setup(project: TestProject) {
  const redis = await startRedis();
  project.provide('redisUrl', redis.url);
  return () => redis.destroy();
}
