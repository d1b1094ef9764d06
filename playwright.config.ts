import { defineConfig, devices, type PlaywrightTestConfig } from '@playwright/test';

import { e2ePorts } from './e2e/ports';

const chromiumPath = process.env.E2E_CHROMIUM_PATH || undefined;
const sessionSecret = 'e2e-session-secret-0123456789abcdefghijklmnop';

/**
 * Two app+sandbox pairs: the main one with the real one-hour token lifetime,
 * and one whose sandbox issues access tokens that live a few seconds, for the
 * refresh tests. The app runs on `localhost` and the sandbox on `127.0.0.1`,
 * so that they are different sites, as the app and Nomos are in production.
 */
type WebServer = Extract<NonNullable<PlaywrightTestConfig['webServer']>, unknown[]>[number];

function pair(name: 'main' | 'shortTtl', tokenTtlSeconds: number): WebServer[] {
  const { app, sandbox } = e2ePorts[name];
  return [
    {
      name: `sandbox-${name}`,
      command: 'npx tsx sandbox/main.ts',
      url: `http://127.0.0.1:${sandbox}/.well-known/oauth-authorization-server`,
      env: {
        SANDBOX_PORT: String(sandbox),
        SANDBOX_REDIRECT_ORIGINS: `http://localhost:${app}`,
        SANDBOX_ACCESS_TOKEN_TTL: String(tokenTtlSeconds),
      },
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      name: `app-${name}`,
      command: `npx next start --port ${app}`,
      url: `http://localhost:${app}/`,
      env: {
        PORT: String(app),
        APP_URL: `http://localhost:${app}`,
        NOMOS_ISSUER: `http://127.0.0.1:${sandbox}`,
        DEMO_CLOCK_URL: `http://127.0.0.1:${sandbox}/__sandbox/clock`,
        SESSION_SECRET: sessionSecret,
      },
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ];
}

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: false,
  // The sandbox's clock, faults and grants are shared state: one worker keeps tests independent.
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  timeout: 45_000,
  use: {
    baseURL: `http://localhost:${e2ePorts.main.app}`,
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
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
      },
    },
  ],
  webServer: [...pair('main', 3600), ...pair('shortTtl', 6)],
});
