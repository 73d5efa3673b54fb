import type { NextFunction, Request, Response } from 'express';
import { AppError, toApiError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';

type BodyParserError = { type?: string; status?: number };

/** Last middleware: every failure becomes a typed body; internals are logged, never sent. */
export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const bp = err as BodyParserError;
    let appErr: AppError;
    if (bp?.type === 'entity.too.large') appErr = new AppError('payload_too_large', 'Request body is too large');
    else if (bp?.type === 'entity.parse.failed' || bp?.type === 'encoding.unsupported' || bp?.type === 'charset.unsupported')
      appErr = new AppError('bad_request', 'Request body is not valid JSON');
    else appErr = toApiError(err);
    if (appErr.code === 'internal') logger.error({ err, path: req.path, method: req.method }, 'unhandled error');
    res.status(appErr.status).json({ error: appErr.toJSON() });
  };
}

export function notFoundHandler(_req: Request, res: Response) {
  res.status(404).json({ error: { code: 'not_found', message: 'No such API route' } });
}
