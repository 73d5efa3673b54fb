// Fails when db/src/schema and the checked-in migrations disagree: drizzle-kit generates
// into a scratch copy of the migrations folder, and any new file means drift.
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dbDir = fileURLToPath(new URL('..', import.meta.url));
const migrations = join(dbDir, 'migrations');
// drizzle-kit only accepts an `out` relative to its config, so the scratch copy lives in db/.
const scratch = mkdtempSync(join(dbDir, '.drift-'));
try {
  cpSync(migrations, scratch, { recursive: true });
  const before = readdirSync(scratch).length;
  const r = spawnSync('npx', ['drizzle-kit', 'generate', '--name', 'drift_check'], {
    cwd: dbDir,
    env: { ...process.env, DRIZZLE_OUT: `./${basename(scratch)}` },
    encoding: 'utf8',
  });
  // drizzle-kit can exit 0 after an error, so its words are checked too.
  if (r.status !== 0 || /error/i.test(r.stderr + r.stdout)) {
    console.error(r.stdout, r.stderr);
    process.exitCode = 1;
  }
  const after = readdirSync(scratch).length;
  if (after !== before || !/No schema changes/.test(r.stdout + r.stderr)) {
    console.error('Schema and migrations have drifted: run `npm run db:generate` and commit the new migration.');
    process.exitCode = 1;
  } else {
    console.log('migrations match the schema');
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
