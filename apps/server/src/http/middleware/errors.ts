import type { NextFunction, Request, Response } from 'express';
import { AppError, toApiError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';

type BodyParserError = { type?: string; status?: number; statusCode?: number; expose?: boolean };

/**
 * Client errors raised below our routes (body-parser, the router's URL decoding, zlib on a
 * corrupt `content-encoding`) carry a 4xx status; they are the client's fault and must not
 * be reported as a server failure. Their own messages may name internals, so ours are used.
 */
function clientFault(err: BodyParserError): AppError | null {
  const status = err?.status ?? err?.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return null;
  if (status === 413) return new AppError('payload_too_large', 'Request body is too large');
  if (status === 415) return new AppError('unsupported_media_type', 'Unsupported request encoding');
  return new AppError('bad_request', 'Malformed request');
}

/** Last middleware: every failure becomes a typed body; internals are logged, never sent. */
export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const bp = err as BodyParserError;
    let appErr: AppError;
    if (bp?.type === 'entity.too.large') appErr = new AppError('payload_too_large', 'Request body is too large');
    else if (bp?.type === 'entity.parse.failed' || bp?.type === 'encoding.unsupported' || bp?.type === 'charset.unsupported')
      appErr = new AppError('bad_request', 'Request body is not valid JSON');
    else if (err instanceof AppError) appErr = err;
    else appErr = clientFault(bp) ?? toApiError(err);
    if (appErr.code === 'internal') logger.error({ err, path: req.path, method: req.method }, 'unhandled error');
    // A full job queue says when to come back (the standard header for a 503).
    if (appErr.code === 'busy') res.setHeader('Retry-After', '5');
    res.status(appErr.status).json({ error: appErr.toJSON() });
  };
}

export function notFoundHandler(_req: Request, res: Response) {
  res.status(404).json({ error: { code: 'not_found', message: 'No such API route' } });
}
