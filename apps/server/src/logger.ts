import { pino, type Logger } from 'pino';

/**
 * Structured logs. Redaction paths keep passwords, cookies and testimony text out even if a
 * careless call passes a whole request or row.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
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
      ],
      censor: '[redacted]',
    },
  });
}
export type { Logger };
