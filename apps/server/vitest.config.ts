import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'server',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 30_000,
    // Setup includes warming the job threads (apps/server/src/workers), seconds on a loaded machine.
    hookTimeout: 180_000,
  },
});
