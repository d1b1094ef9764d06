import { defineConfig, devices, type PlaywrightTestConfig } from '@playwright/test';

import { TOKEN_TTL_SECONDS, authStyle, e2ePorts, revocationEndpointPairs, sessionMaxAgeSeconds, type Pair } from './e2e/ports';

const chromiumPath = process.env.E2E_CHROMIUM_PATH || undefined;
const sessionSecret = 'e2e-session-secret-0123456789abcdefghijklmnop';
// scripts/e2e.mjs starts a throw-away redis-server and passes its URL.
const redisUrl = process.env.E2E_REDIS_URL;
if (!redisUrl) {
  throw new Error('E2E_REDIS_URL is not set: run the end-to-end tests through `npm run test:e2e` (scripts/e2e.mjs)');
}

/**
 * Sign-in rate limits: low on the `rateLimit` app, whose tests each send
 * their own client address through its one trusted proxy hop; out of reach
 * on the others (where every client shares one bucket, no proxy being
 * trusted), so that no spec depends on how many sign-ins ran before it.
 */
const rateLimits: Record<Pair, Record<string, string>> = {
  main: { AUTH_RATE_LIMIT: '10000' },
  oneInstance: { AUTH_RATE_LIMIT: '10000' },
  redis: { AUTH_RATE_LIMIT: '10000' },
  rateLimit: { AUTH_RATE_LIMIT: '3', AUTH_RATE_LIMIT_WINDOW_SECONDS: '60', TRUSTED_PROXY_COUNT: '1' },
  lifetime: { AUTH_RATE_LIMIT: '10000' },
  nextAuth: { AUTH_RATE_LIMIT: '10000' },
};

/**
 * Six sandboxes with their apps (see e2e/ports.ts): the main one with the
 * real one-hour token lifetime; one whose access tokens live a few seconds,
 * for the refresh tests; two app instances sharing a Redis and one
 * cookie, for the same tests across instances; one with a low sign-in
 * rate limit, for the rate-limit tests; and one whose sessions end after
 * seconds, with a sandbox offering RFC 7009 revocation; and the next-auth
 * style on two instances sharing Redis. The apps run on `localhost`
 * and the sandboxes on `127.0.0.1`, so that they are different sites, as
 * the app and Nomos are in production.
 */
type WebServer = Extract<NonNullable<PlaywrightTestConfig['webServer']>, unknown[]>[number];

function pair(name: Pair): WebServer[] {
  const ports = e2ePorts[name];
  const appUrl = `http://localhost:${ports.app}`;
  const apps = 'appB' in ports ? [ports.app, ports.appB] : [ports.app];
  return [
    {
      name: `sandbox-${name}`,
      command: 'npx tsx sandbox/main.ts',
      url: `http://127.0.0.1:${ports.sandbox}/.well-known/oauth-authorization-server`,
      env: {
        SANDBOX_PORT: String(ports.sandbox),
        SANDBOX_REDIRECT_ORIGINS: appUrl,
        SANDBOX_ACCESS_TOKEN_TTL: String(TOKEN_TTL_SECONDS),
        SANDBOX_REVOCATION_ENDPOINT: revocationEndpointPairs.includes(name) ? '1' : '0',
      },
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    ...apps.map(
      (port, i): WebServer => ({
        name: `app-${name}${i > 0 ? '-b' : ''}`,
        command: `npx next start --port ${port}`,
        url: `http://localhost:${port}/`,
        env: {
          PORT: String(port),
          // Instances behind one load balancer share one public URL.
          APP_URL: appUrl,
          NOMOS_ISSUER: `http://127.0.0.1:${ports.sandbox}`,
          DEMO_CLOCK_URL: `http://127.0.0.1:${ports.sandbox}/__sandbox/clock`,
          SESSION_SECRET: sessionSecret,
          ...(name === 'redis' || name === 'nextAuth' ? { REDIS_URL: redisUrl } : {}),
          NOMOS_AUTH: authStyle(name),
          ...rateLimits[name],
          ...(sessionMaxAgeSeconds[name] ? { SESSION_MAX_AGE_SECONDS: String(sessionMaxAgeSeconds[name]) } : {}),
        },
        reuseExistingServer: false,
        stdout: 'ignore',
        stderr: 'pipe',
      }),
    ),
  ];
}

/**
 * The specs of the pairs `oneInstance`, `redis`, `nextAuth` and `lifetime`
 * (and the Redis they share); every other spec uses `main` or `rateLimit`.
 */
const MULTI_INSTANCE_SPECS = ['**/connection.spec.ts', '**/refresh.spec.ts', '**/sessions.spec.ts'];

const browser = {
  ...devices['Desktop Chrome'],
  // The suite reads the English pages unless a test asks for German (e2e/language.spec.ts).
  locale: 'en-GB',
  launchOptions: {
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  },
};

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: false,
  // One worker per lane (see `projects`).
  workers: 2,
  // A test that fails and then passes on its retry counts as failed: such a
  // pass would hide a race in the app or the suite. The one retry on CI is
  // there for its trace (`trace: 'on-first-retry'`), not to make a run pass.
  retries: process.env.CI ? 1 : 0,
  failOnFlakyTests: true,
  reporter: [
    ['list'],
    ...(process.env.CI ? [['html', { open: 'never' }] as const] : []),
    // Where the minutes went, for scripts/test.mjs to print.
    ['./e2e/timing-reporter.ts', { outputFile: 'test-results/timings.json' }],
  ],
  timeout: 45_000,
  use: {
    baseURL: `http://localhost:${e2ePorts.main.app}`,
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
  },
  projects: [
    // Two lanes that share no sandbox and no Redis, each one test at a time:
    // tests within a lane share their sandbox's clock, faults and grants.
    {
      name: 'one-instance pairs',
      testIgnore: MULTI_INSTANCE_SPECS,
      workers: 1,
      use: browser,
    },
    {
      name: 'refresh, sessions, both styles',
      testMatch: MULTI_INSTANCE_SPECS,
      workers: 1,
      use: browser,
    },
  ],
  webServer: [
    ...pair('main'),
    ...pair('oneInstance'),
    ...pair('redis'),
    ...pair('rateLimit'),
    ...pair('lifetime'),
    ...pair('nextAuth'),
  ],
});
