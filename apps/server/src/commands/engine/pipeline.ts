import { createHash } from 'node:crypto';
import type { CommandResult } from '@desk/protocol';
import type { Action } from '../../policy/policy.ts';
import type { Caller, Ctx } from '../context.ts';
import type { CommandRule } from './types.ts';
import { enqueue } from './scheduler.ts';

/**
 * Applies one command to one testimony — the one commit path every command takes: in a single
 * transaction it checks the command id (idempotency, per caller), locks the testimony row (so
 * sequence numbers are dense and ordered), runs the business rule, appends the audit events
 * (the database advances the chain head, see migration 0007) and records the ack. Only after
 * COMMIT are the events broadcast and the command acknowledged, so nothing is announced that
 * could still roll back. Under load several commands share that transaction (`applyBatch`).
 *
 * `cmd` carries the validated payload: its fingerprint lets a reused command id with another
 * payload be refused instead of silently answered with the first command's ack.
 */
export function runTestimonyCommand(
  ctx: Ctx,
  caller: Caller,
  cmd: { name: string; commandId: string; testimonyId: string; action: Action } & Record<string, unknown>,
  rule: CommandRule,
): Promise<CommandResult> {
  const { name, commandId, testimonyId, action, ...payload } = cmd;
  const meta = { name, commandId, testimonyId, action, payloadHash: payloadHash(name, testimonyId, payload) };
  return new Promise((resolve, reject) => enqueue({ ctx, caller, cmd: meta, apply: rule, resolve, reject }));
}

/**
 * Keys sorted at every level, so key order never makes two equal payloads differ. (Not RFC 8785:
 * its library refuses lone surrogates, which must reach validation as a typed error, not a 500.)
 */
function payloadHash(name: string, testimonyId: string, payload: Record<string, unknown>): string {
  const sorted = (_k: string, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v;
  return createHash('sha256')
    .update(JSON.stringify({ name, testimonyId, payload }, sorted))
    .digest('hex');
}
