import { afterAll, describe, expect, inject, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {} from '../../apps/server/test/global-setup.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `npm start`'s command to its end and returns what a person would see. */
function start(env: Record<string, string | undefined>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((res, rej) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, HOST: '127.0.0.1', DESK_DEMO: '0', LOG_LEVEL: 'fatal', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.once('error', rej);
    proc.once('exit', (code) => res({ code, stderr, stdout }));
  });
}

const holders: Server[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(holders.map((s) => new Promise((r) => s.close(r))));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('a start that cannot succeed says why', () => {
  it('names the taken port and exits with status 1', async () => {
    const holder = createServer();
    holders.push(holder);
    const port = await new Promise<number>((res) =>
      holder.listen(0, '127.0.0.1', () => {
        const addr = holder.address();
        res(typeof addr === 'object' && addr ? addr.port : 0);
      }),
    );
    const out = await start({ PORT: String(port), DATABASE_URL: inject('databaseUrl') });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`Testimony Desk failed to start: port ${port} on 127.0.0.1 is already in use`);
    expect(out.stderr).toContain('PORT');
    // The fatal log line carries the underlying error, not just "failed to start".
    expect(out.stdout).toContain('EADDRINUSE');
  });

  it('names an unusable embedded data directory and the embedded Postgres log', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'desk-start-'));
    dirs.push(parent);
    const dataDir = join(parent, 'data');
    // Not a cluster and not empty: initdb would refuse it, and retrying cannot help.
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'notes.txt'), 'not a database');
    const out = await start({ PORT: '0', DATABASE_URL: '', DESK_DATA_DIR: dataDir });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('failed to start: the embedded PostgreSQL could not be started');
    expect(out.stderr).toContain(`${dataDir} is not empty`);
    expect(out.stderr).toContain(`Embedded PostgreSQL log: ${join(parent, 'data-postgres.log')}`);
  });

  it('names the unreachable database without printing its password', async () => {
    const holder = createServer();
    holders.push(holder);
    // A port that was free a moment ago and is closed again: nothing listens there.
    const port = await new Promise<number>((res) =>
      holder.listen(0, '127.0.0.1', () => {
        const addr = holder.address();
        const p = typeof addr === 'object' && addr ? addr.port : 0;
        holder.close(() => res(p));
      }),
    );
    const out = await start({ PORT: '0', DATABASE_URL: `postgres://desk:s3cret-pw@127.0.0.1:${port}/desk` });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`cannot connect to the database at 127.0.0.1:${port}/desk (connection refused)`);
    expect(out.stderr + out.stdout).not.toContain('s3cret-pw');
  });
});
