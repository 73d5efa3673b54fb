import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../errors.ts';

/**
 * CSRF defence for cookie-authenticated state changes: a browser always sends Origin on
 * cross-site POST/PATCH/DELETE, so any origin other than our own host (or an allowed dev
 * origin) is refused. Requests without Origin come from non-browser clients, which cannot
 * carry a victim's cookie.
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, allowed: string[]): boolean {
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function originCheck(allowed: string[]) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    if (!isAllowedOrigin(req.headers.origin, req.headers.host, allowed)) {
      return next(new AppError('forbidden', 'Cross-origin request refused'));
    }
    next();
  };
}
