import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase } from '@desk/db';
import { E2E_PORT } from '../playwright.config.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function waitHealthy(url: string, child: ChildProcess, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error('server did not become healthy in time');
}

/** Starts the production server (built web app + API + socket) once for the whole run. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const db = await createScratchDatabase({ prefix: 'desk_e2e', embedded: { dir: 'e2e-pg', port: 54343 } });
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    env: { ...env, DATABASE_URL: db.url, PORT: String(E2E_PORT), HOST: '127.0.0.1', DESK_DEMO: '1', LOG_LEVEL: 'warn', DESK_LOGIN_RATE_PER_MIN: '500' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitHealthy(`http://127.0.0.1:${E2E_PORT}/api/health`, child, 90_000);
  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await db.drop();
  };
}
