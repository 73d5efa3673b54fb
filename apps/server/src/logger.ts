import { pino, type DestinationStream, type Logger } from 'pino';

type ErrLike = Error & { code?: unknown; constraint?: unknown; table?: unknown; column?: unknown; routine?: unknown; severity?: unknown; cause?: unknown };

/** Fields of a driver error that name things (SQLSTATE, constraint, table), never values. */
const NAMING_FIELDS = ['code', 'constraint', 'table', 'column', 'routine', 'severity'] as const;

/**
 * What may be logged of a message. Drizzle's "Failed query: …\nparams: …" carries the
 * query's parameters (testimony text, password hashes): everything from the first line break
 * is dropped, and with it the parameters.
 */
const firstLine = (msg: string): string => (msg.split('\n', 1)[0] ?? '').slice(0, 300);

/** A Postgres error's own message can quote a value ('invalid input syntax …: "<value>"'). */
const isDatabaseError = (e: ErrLike): boolean => typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === 'string';

function safeErr(e: unknown, depth = 0): unknown {
  if (typeof e === 'string') return firstLine(e);
  if (!(e instanceof Error) || depth > 3) return e === undefined ? undefined : '[non-error value]';
  const err = e as ErrLike;
  const out: Record<string, unknown> = { type: err.constructor?.name ?? 'Error' };
  if (!isDatabaseError(err)) out.message = firstLine(err.message);
  for (const k of NAMING_FIELDS) if (typeof err[k] === 'string' || typeof err[k] === 'number') out[k] = err[k];
  // Frames only: the stack's first line repeats the message.
  if (err.stack) out.stack = err.stack.split('\n').filter((l) => l.startsWith('    at ')).slice(0, 15).join('\n');
  if (err.cause !== undefined) out.cause = safeErr(err.cause, depth + 1);
  return out;
}

/**
 * Structured logs. Redaction paths keep passwords, cookies and testimony text out even if a
 * careless call passes a whole request or row; the `err` serializer keeps a failed query's
 * parameters and a driver's quoted values out of error records. `destination` lets tests read
 * what is written.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    serializers: { err: safeErr },
    hooks: {
      // `logger.error(err)` would otherwise take the error's whole message as the log line.
      logMethod(this: Logger, args: unknown[], method: (...a: unknown[]) => void) {
        const [first, ...rest] = args;
        if (first instanceof Error) return method.apply(this, [{ err: first }, typeof rest[0] === 'string' ? rest[0] : 'error', ...rest.slice(1)]);
        return method.apply(this, args);
      },
    },
    redact: {
      paths: [
        'password',
        '*.password',
        'body',
        '*.body',
        'req.headers.cookie',
        'headers.cookie',
        'passwordHash',
        '*.passwordHash',
        'text',
        '*.text',
        'params',
        '*.params',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
export type { Logger };
