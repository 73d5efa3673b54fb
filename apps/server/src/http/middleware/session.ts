import type { NextFunction, Request, Response } from 'express';
import { parse } from 'cookie';
import { SESSION_COOKIE } from '../../auth/tokens.ts';
import { authenticate } from '../../commands/auth.commands.ts';
import type { Caller, Ctx } from '../../commands/context.ts';
import { AppError } from '../../errors.ts';

declare module 'express-serve-static-core' {
  interface Request {
    caller?: Caller | null;
    sessionToken?: string;
  }
}

export const tokenFromCookieHeader = (header: string | undefined): string | undefined =>
  header ? parse(header)[SESSION_COOKIE] : undefined;

/** Resolves the session cookie on every /api request; routes then demand a caller or not. */
export function sessionMiddleware(ctx: Ctx) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    try {
      req.sessionToken = tokenFromCookieHeader(req.headers.cookie);
      req.caller = await authenticate(ctx, req.sessionToken);
      next();
    } catch (err) {
      next(err);
    }
  };
}

export function requireCaller(req: Request): Caller {
  if (!req.caller) throw new AppError('unauthenticated', 'Please sign in');
  return req.caller;
}
