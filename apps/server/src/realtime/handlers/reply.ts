import type { Ack } from '@desk/protocol';
import type { Ctx } from '../../commands/context.ts';
import type { z } from 'zod';
import { fromZod, toApiError } from '../../errors.ts';

/**
 * The socket's one way of answering: every event with an ack callback gets exactly one answer,
 * its data or a typed error; no input can throw out of a handler. Unexpected errors are logged
 * by event name only (never the payload: it may carry testimony text).
 */
export function answering<T>(ctx: Ctx, event: string, fn: (payload: unknown) => Promise<T>): (payload: unknown, ack: unknown) => Promise<void> {
  return async (payload, ack) => {
    if (typeof ack !== 'function') return;
    const reply = (r: Ack<T>): void => void ack(r);
    try {
      reply({ ok: true, data: await fn(payload) });
    } catch (err) {
      const e = toApiError(err);
      if (e.code === 'internal') ctx.logger.error({ err, event }, 'socket handler failed');
      reply({ ok: false, error: e.toJSON() });
    }
  };
}

/** `answering` for a room event with its own shared schema (join, sync, presence...). */
export function guarded<S extends z.ZodType, T>(ctx: Ctx, event: string, schema: S, fn: (p: z.infer<S>) => Promise<T>): (payload: unknown, ack: unknown) => Promise<void> {
  return answering(ctx, event, async (payload) => {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw fromZod(parsed.error);
    return fn(parsed.data);
  });
}
