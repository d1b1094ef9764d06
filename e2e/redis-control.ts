import { spawnSync } from 'node:child_process';

import { createClient } from 'redis';

/** Stops the end-to-end Redis (started by scripts/e2e.mjs) as an outage would. */
export async function stopRedis() {
  const client = createClient({ url: process.env.E2E_REDIS_URL });
  client.on('error', () => {});
  await client.connect();
  // The server closes the connection as it stops, so the command never answers.
  await client.sendCommand(['SHUTDOWN', 'NOSAVE']).catch(() => {});
  client.destroy();
}

/** Starts the same redis-server again on the same port; fails when one is already running there. */
export function startRedis() {
  const [binary, ...args] = JSON.parse(process.env.E2E_REDIS_RESTART ?? '[]') as string[];
  return spawnSync(binary!, args, { encoding: 'utf8' });
}
