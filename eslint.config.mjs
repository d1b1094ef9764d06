import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const FEATURES = ['./lib/dashboard', './lib/usage', './lib/calendar', './lib/prices', './lib/alerts', './lib/feed'];
const FOUNDATIONS = [
  './lib/auth',
  './lib/rate-limit',
  './lib/nomos',
  './lib/store',
  './lib/jobs',
  './lib/security',
  './lib/i18n',
  './lib/clock.ts',
  './lib/config.ts',
];

/**
 * The layering, enforced: app/ and components/ build on lib/; within lib/
 * the features (dashboard, usage, calendar, prices, alerts, feed) build on auth,
 * nomos, store, jobs, security and i18n, never the reverse; and the sandbox is a separate
 * program: the app never imports it, and it imports only the wire schemas.
 * Tests and scripts drive the sandbox and the app together, so they are
 * outside the fence.
 */
const boundaries = {
  files: ['**/*.{ts,tsx,mts,mjs}'],
  ignores: ['**/*.test.{ts,tsx}', 'e2e/**', 'scripts/**', 'lib/testing/**', 'sandbox/test-helpers.ts'],
  rules: {
    'import/no-restricted-paths': [
      'error',
      {
        zones: [
          {
            target: './lib',
            from: ['./components', './app'],
            message: 'lib/ sits below components/ and app/: move what both need into lib/.',
          },
          ...FOUNDATIONS.map((target) => ({
            target,
            from: FEATURES,
            // The domain types Nomos' answers are reshaped into, and Berlin-time arithmetic, serve every layer.
            except: ['./types.ts', './berlin-time.ts'],
            message:
              'auth, nomos, store, jobs, security and i18n must not depend on the features built on them (dashboard, usage, calendar, prices, alerts, feed).',
          })),
          {
            target: ['./lib', './app', './components', './proxy.ts', './instrumentation.ts'],
            from: './sandbox',
            message: 'The sandbox is a separate program: the app talks to it over HTTP only.',
          },
          {
            target: './sandbox',
            from: ['./lib', './app', './components'],
            except: ['./nomos/schemas.ts'],
            message: 'The sandbox imports nothing of the app but the wire schemas (lib/nomos/schemas.ts).',
          },
        ],
      },
    ],
  },
};

const config = [
  ...nextVitals,
  ...nextTs,
  boundaries,
  {
    ignores: ['.next/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'],
  },
];

export default config;
