import { defineConfig } from 'vitest/config';

// The name lets `npx vitest run --project packages/redaction` select this package from the repo root.
export default defineConfig({ test: { name: 'packages/redaction', include: ['src/**/*.test.ts'] } });
