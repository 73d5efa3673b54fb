import { defineConfig } from 'vitest/config';

// Each workspace owns its vitest config; the root only lists them so `vitest run` covers the repo.
export default defineConfig({
  test: {
    projects: ['packages/*', 'db', 'apps/server', 'apps/web', 'tests'],
  },
});
