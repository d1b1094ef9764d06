import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./', import.meta.url)),
      // `server-only` throws outside React Server Components; unit tests run
      // the server modules directly in Node, which is exactly where they belong.
      'server-only': fileURLToPath(new URL('./lib/testing/server-only-stub.ts', import.meta.url)),
    },
  },
  test: {
    include: ['{lib,sandbox,components,app,scripts}/**/*.test.{ts,tsx}'],
    environment: 'node',
    setupFiles: ['./lib/testing/setup.ts'],
    globalSetup: ['./lib/testing/redis-global-setup.ts'],
    testTimeout: 15_000,
  },
});
