// Runs the Playwright end-to-end suite against a production build.
// Finds a Chromium first, so that a machine where Playwright cannot download
// its own browser uses the system one, and a missing browser is a clear error.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { onStop, run, stopOnSignals } from './processes.mjs';
import { findRedisServer, startRedis } from './redis-server.mjs';

// The old headless shell first: the same Chromium build without the
// desktop browser around it, what Playwright itself runs headless, and about
// a quarter less CPU per test here than the full browser.
const candidates = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium-headless-shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
].filter(Boolean);

if (process.env.CHROMIUM_PATH && !existsSync(process.env.CHROMIUM_PATH)) {
  console.error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, but no file is there.`);
  process.exit(1);
}

let chromium = candidates.find((path) => existsSync(path));
if (!chromium) {
  const { chromium: bundled } = await import('@playwright/test');
  if (existsSync(bundled.executablePath())) chromium = '';
}
if (chromium === undefined) {
  console.error(`No Chromium found for the end-to-end tests. Install one of:
  - Debian/Ubuntu: sudo apt-get install chromium-headless-shell (or chromium)
  - anywhere with internet access: npx playwright install chromium
or point CHROMIUM_PATH at a Chromium or Chrome binary.`);
  process.exit(1);
}
console.log(`[e2e] browser: ${chromium || "Playwright's bundled Chromium"}`);

// The multi-instance tests need a real Redis; never skip them.
try {
  findRedisServer();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

// Ctrl-C or SIGTERM stops the build or Playwright (which stops its web servers), then redis-server.
stopOnSignals();

if (!process.argv.includes('--no-build')) {
  const status = await run('npx', ['next', 'build']);
  if (status !== 0) process.exit(status);
}
const passThrough = process.argv.slice(2).filter((arg) => arg !== '--no-build');
const redis = await startRedis();
// Each app instance's durable store (DATA_DIR, when it has no Redis): fresh for every run, removed after it.
const dataDir = mkdtempSync(path.join(tmpdir(), 'nomos-hems-e2e-'));
onStop(() => rmSync(dataDir, { recursive: true, force: true }));
onStop(() => redis.destroy());
console.log(`[e2e] redis-server on port ${redis.port} (no persistence)`);
let status = 1;
try {
  status = await run('npx', ['playwright', 'test', ...passThrough], {
    // Playwright ends its web servers on SIGINT (not on SIGTERM), which may take a while.
    stopSignal: 'SIGINT',
    graceMs: 30_000,
    env: {
      E2E_CHROMIUM_PATH: chromium,
      E2E_REDIS_URL: redis.url,
      E2E_REDIS_RESTART: JSON.stringify(redis.restartCommand),
      E2E_DATA_DIR: dataDir,
    },
  });
} finally {
  await redis.destroy();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(status);
