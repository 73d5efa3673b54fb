import type { Request, Response, NextFunction, RequestHandler } from 'express';
import type { z } from 'zod';
import { fromZod } from '../errors.ts';

export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw fromZod(r.error);
  return r.data;
}

/** Express 5 forwards rejected promises to the error handler; this keeps handlers terse. */
export const route =
  (fn: (req: Request, res: Response) => Promise<unknown> | unknown): RequestHandler =>
  async (req: Request, res: Response, next: NextFunction) => {
    try {
      await fn(req, res);
    } catch (err) {
      next(err);
    }
  };
