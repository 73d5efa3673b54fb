import type { TestProject } from 'vitest/node';
import { createScratchDatabase } from '@desk/db';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * One fresh database per test run on a real PostgreSQL: TEST_DATABASE_URL (CI uses the
 * machine's server), else DATABASE_URL, else an embedded server under .scratch/test-pg-<project>.
 * Projects that share this setup (server, system) run it at the same time, so each embedded
 * server gets its own data directory and a free port: two on one directory fail to start.
 */
export default async function setup(project: TestProject) {
  const scratch = await createScratchDatabase({ prefix: 'desk_test', embedded: { dir: `test-pg-${project.name}`, port: 0 } });
  project.provide('databaseUrl', scratch.url);
  return scratch.drop;
}
