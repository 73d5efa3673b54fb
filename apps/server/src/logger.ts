import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Structured logs. Redaction paths keep passwords, cookies and testimony text out even if a
 * careless call passes a whole request or row. `destination` lets tests read what is written.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
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
  };
  return destination ? pino(options, destination) : pino(options);
}
export type { Logger };
