#!/usr/bin/env node
// `npm test`: every check a change must pass, in order of cost, stopping at the first failure.
// Integration tests use TEST_DATABASE_URL (or DATABASE_URL) when set, else an embedded Postgres.
import { spawnSync } from 'node:child_process';

process.env.TURBO_TELEMETRY_DISABLED = '1';
const steps = [
  ['typecheck', 'npx', ['turbo', 'run', 'typecheck', '--output-logs=errors-only']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings=0']],
  ['migrations match schema', 'npm', ['run', '--silent', 'check:drift', '-w', 'db']],
  ['unit + integration (vitest)', 'npx', ['vitest', 'run']],
  // SIGKILLs server processes under 50 editors; fails if an acked command is lost or doubled.
  ['crash faults', 'npm', ['run', '--silent', 'test:faults']],
  ['build', 'npx', ['turbo', 'run', 'build', '--output-logs=errors-only']],
  ['end-to-end (Playwright, Chromium)', 'npm', ['run', '--silent', 'test', '-w', 'tests']],
];
const only = process.argv.slice(2);
for (const [name, cmd, args] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  console.log(`\n▶ ${name}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`\n✖ ${name} failed after ${secs}s`);
    process.exit(r.status ?? 1);
  }
  console.log(`✔ ${name} (${secs}s)`);
}
