import { defineConfig, devices, type PlaywrightTestConfig } from '@playwright/test';

import webPush from 'web-push';

import {
  JOBS_SECRET,
  TOKEN_TTL_SECONDS,
  appUrl,
  authStyle,
  e2ePorts,
  revocationEndpointPairs,
  type Pair,
} from './e2e/ports';

const chromiumPath = process.env.E2E_CHROMIUM_PATH || undefined;
const sessionSecret = 'e2e-session-secret-0123456789abcdefghijklmnop';
// Web Push alerts on, as `npm start` turns them on: one key pair per run, shared by every instance.
const vapid = webPush.generateVAPIDKeys();
// scripts/e2e.mjs starts a throw-away redis-server and passes its URL.
const redisUrl = process.env.E2E_REDIS_URL;
// scripts/e2e.mjs makes a fresh folder per run; each instance without Redis keeps its durable store in its own.
const dataDir = process.env.E2E_DATA_DIR ?? 'test-results/data';
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
  views: { AUTH_RATE_LIMIT: '10000' },
  oneInstance: { AUTH_RATE_LIMIT: '10000' },
  redis: { AUTH_RATE_LIMIT: '10000' },
  rateLimit: { AUTH_RATE_LIMIT: '3', AUTH_RATE_LIMIT_WINDOW_SECONDS: '60', TRUSTED_PROXY_COUNT: '1' },
  nextAuth: { AUTH_RATE_LIMIT: '10000' },
};

/**
 * Six sandboxes with their apps (see e2e/ports.ts): two for the pages
 * (`main`, `views`), so that two lanes can use them at once; one instance
 * with the in-process store, whose sandbox offers RFC 7009 revocation; two
 * app instances sharing a Redis and one cookie; one with a low sign-in rate
 * limit; and the next-auth style on two instances sharing Redis. Tokens live
 * Nomos' hour everywhere: tests move a sandbox's clock, which its apps
 * follow. The apps run on `localhost` and the sandboxes on `127.0.0.1`, so
 * that they are different sites, as the app and Nomos are in production.
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
    ...apps.map((port, i): WebServer => ({
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
        // The sandbox shares two cores with eight app servers and a browser: a storm of 50 renders
        // can keep an API answer waiting in the event loop past the default 8 s, which is load here,
        // not Nomos being slow. The refresh's own time limit (30 s) is untouched.
        NOMOS_TIMEOUT_MS: '30000',
        // One Redis, a database per pair: their customers are the same people with the same ids, and
        // what one pair keeps (grants, alert claims, job slots) must not reach the other.
        ...(name === 'redis'
          ? { REDIS_URL: `${redisUrl}/0` }
          : name === 'nextAuth'
            ? { REDIS_URL: `${redisUrl}/1` }
            : {}),
        NOMOS_AUTH: authStyle(name),
        DATA_DIR: `${dataDir}/${name}-${port}`,
        VAPID_PUBLIC_KEY: vapid.publicKey,
        VAPID_PRIVATE_KEY: vapid.privateKey,
        VAPID_SUBJECT: 'mailto:e2e@example.com',
        // Jobs run when a test asks (POST /api/jobs/run), never on a timer behind its back.
        JOBS_SCHEDULER: 'external',
        JOBS_SECRET,
        ...rateLimits[name],
      },
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    })),
  ];
}

/** The specs of the pairs `oneInstance`, `redis` and `nextAuth` (and the Redis the last two share). */
const MULTI_INSTANCE_SPECS = [
  '**/connection.spec.ts',
  '**/refresh.spec.ts',
  '**/sessions.spec.ts',
  '**/alert-jobs.spec.ts',
];
/** The specs on the `views` pair; every other spec uses `main` or `rateLimit`. */
const VIEW_SPECS = ['**/usage.spec.ts', '**/language.spec.ts', '**/security-headers.spec.ts'];
/** The multi-instance describes that use the `oneInstance` pair; the others use `redis` and `nextAuth`. */
const ONE_INSTANCE = /\((one instance, in-process store|iron-session)\)|session lifetime/;

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
  // One worker per lane (see `projects`). The lanes mostly wait on servers, not on the two cores.
  workers: 4,
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
  // A first render on a freshly started server, on a 2-core machine running four lanes, can take more than the default 5 s.
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://localhost:${e2ePorts.main.app}`,
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
  },
  projects: [
    // Four lanes that share no sandbox and no Redis, each one test at a time:
    // tests within a lane share their sandbox's clock, faults and grants.
    {
      name: 'pages',
      testIgnore: [...MULTI_INSTANCE_SPECS, ...VIEW_SPECS],
      workers: 1,
      use: browser,
    },
    {
      name: 'usage, languages, headers',
      testMatch: VIEW_SPECS,
      workers: 1,
      use: { ...browser, baseURL: appUrl('views') },
    },
    {
      name: 'one instance',
      testMatch: MULTI_INSTANCE_SPECS,
      grep: ONE_INSTANCE,
      workers: 1,
      use: browser,
    },
    {
      name: 'two instances on Redis, both styles',
      testMatch: MULTI_INSTANCE_SPECS,
      grepInvert: ONE_INSTANCE,
      workers: 1,
      use: browser,
    },
  ],
  webServer: [
    ...pair('main'),
    ...pair('views'),
    ...pair('oneInstance'),
    ...pair('redis'),
    ...pair('rateLimit'),
    ...pair('nextAuth'),
  ],
});
