import type { ApiError, ErrorCode } from '@desk/protocol';
import { HTTP_STATUS } from '@desk/protocol';
import type { ZodError } from 'zod';

/** The one error type business code throws; doors turn it into a REST body or a socket ack. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
  get status(): number {
    return HTTP_STATUS[this.code];
  }
  toJSON(): ApiError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export const forbidden = (msg = 'You are not allowed to do that') => new AppError('forbidden', msg);
export const notFound = (what = 'Not found') => new AppError('not_found', what);

export function fromZod(err: ZodError): AppError {
  return new AppError(
    'bad_request',
    'Invalid input',
    err.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  );
}

/** Anything unexpected becomes a bare `internal` error: no stack or SQL text ever reaches a client. */
export function toApiError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError('internal', 'Something went wrong on the server');
}
