import { EmbeddedPostgresError } from '@desk/db';
import { ZodError } from 'zod';
import { ConfigError } from '../config.ts';

type StartContext = { port: number | undefined; host: string | undefined; databaseUrl: string | undefined; pgLog: string | undefined };

type SystemError = Error & { code?: string; syscall?: string; address?: string; port?: number };

/** Where DATABASE_URL points, without its password (the message goes to the terminal and log). */
function whereIs(url: string | undefined): string {
  if (!url) return 'the database';
  try {
    const u = new URL(url);
    return `the database at ${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'the database named by DATABASE_URL (it is not a valid URL)';
  }
}

function codeOf(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  const own = (err as SystemError).code;
  if (own) return own;
  // Node's happy-eyeballs connect rejects with an AggregateError whose parts carry the code.
  if (err instanceof AggregateError) return codeOf(err.errors[0]);
  return undefined;
}

/**
 * One sentence a person can act on, for whatever stopped the start. Start-up errors carry no
 * testimony text (nothing has been read yet), but a URL's password is kept out all the same.
 */
export function explainStartFailure(err: unknown, ctx: StartContext): string {
  // Names every bad variable (and its value, for our own short settings).
  if (err instanceof ConfigError) return err.message.replace(/^Invalid configuration:\n\s*/, 'invalid configuration — ').replace(/\n\s*/g, '; ');
  if (err instanceof ZodError) {
    const parts = err.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`);
    return `invalid configuration — ${parts.join('; ')}`;
  }
  if (err instanceof EmbeddedPostgresError) return `the embedded PostgreSQL could not be started: ${err.message}`;
  const code = codeOf(err);
  const sys = err as SystemError;
  if (sys?.syscall === 'listen' || code === 'EADDRINUSE') {
    const where = `port ${sys.port ?? ctx.port} on ${sys.address ?? ctx.host}`;
    if (code === 'EADDRINUSE') return `${where} is already in use by another program — stop it, or start with PORT set to a free port`;
    if (code === 'EACCES') return `no permission to listen on ${where} (ports below 1024 need privileges) — set PORT to a higher port`;
    if (code === 'EADDRNOTAVAIL') return `${where}: that address is not on this machine — check HOST`;
  }
  switch (code) {
    case 'ECONNREFUSED':
      return `cannot connect to ${whereIs(ctx.databaseUrl)} (connection refused) — is PostgreSQL running? Check DATABASE_URL, or unset it to use the embedded server`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve the host of ${whereIs(ctx.databaseUrl)} — check DATABASE_URL`;
    case 'ETIMEDOUT':
      return `connecting to ${whereIs(ctx.databaseUrl)} timed out — check DATABASE_URL and the network`;
    case '28P01':
    case '28000':
      return `${whereIs(ctx.databaseUrl)} refused the user or password in DATABASE_URL`;
    case '3D000':
      return `${whereIs(ctx.databaseUrl)} does not exist — create it first`;
  }
  if (err instanceof Error) {
    const first = err.message.split('\n')[0] || '(no message)';
    return `${err.name}${code ? ` (${code})` : ''}: ${first}`;
  }
  return `a non-error value was thrown: ${String(err)}`;
}

/** The text `npm start` prints on stderr before it exits with status 1. */
export function startFailureText(err: unknown, ctx: StartContext): string {
  const lines = [`Testimony Desk failed to start: ${explainStartFailure(err, ctx)}`];
  const pgLog = err instanceof EmbeddedPostgresError ? err.logFile : ctx.pgLog;
  if (pgLog) lines.push(`Embedded PostgreSQL log: ${pgLog}`);
  return lines.join('\n') + '\n';
}
