import { defineConfig } from 'vitest/config';

// Cross-process system tests: real server processes on one real PostgreSQL database.
export default defineConfig({
  test: {
    name: 'system',
    include: ['system/**/*.test.ts'],
    globalSetup: ['../apps/server/test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
