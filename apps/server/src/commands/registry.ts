import { COMMANDS, type CommandName, type CommandResult } from '@desk/protocol';
import type { z } from 'zod';
import { AppError, fromZod } from '../errors.ts';
import { authorize, type Action } from '../policy/policy.ts';
import type { Caller, Ctx } from './context.ts';
import { decideRedaction, proposeRedaction, removeRedaction, updateRedactionDetails } from './redactions.commands.ts';
import { decideEntity, redactAll } from './entities.commands.ts';
import { addComment, resolveComment } from './comments.commands.ts';
import { assignTestimony } from './assignment.commands.ts';
import { setStatus } from './status.commands.ts';
import { submitApproval } from './approvals.commands.ts';
import { decideLedger, undoLedger } from './ledger.commands.ts';

type Run<P> = (ctx: Ctx, caller: Caller, payload: P) => Promise<CommandResult>;

/**
 * Binds a command's rule to its shared schema and policy action. The payload type flows from
 * the schema to the rule here, per command, so the doors need no casts.
 */
function command<S extends z.ZodType>(schema: S, action: Action, run: Run<z.output<S>>): Run<unknown> {
  return async (ctx, caller, payload) => {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw fromZod(parsed.error);
    // Checked at the door before any work; the engine re-checks against the locked testimony.
    authorize(caller, action);
    return run(ctx, caller, parsed.data);
  };
}

/** Every mutating command, by event name; a command missing here fails the typecheck. */
const COMMAND_HANDLERS: Record<CommandName, Run<unknown>> = {
  'redaction.propose': command(COMMANDS['redaction.propose'], 'redaction.propose', proposeRedaction),
  'redaction.decide': command(COMMANDS['redaction.decide'], 'redaction.decide', decideRedaction),
  'redaction.update': command(COMMANDS['redaction.update'], 'redaction.decide', updateRedactionDetails),
  'redaction.remove': command(COMMANDS['redaction.remove'], 'redaction.decide', removeRedaction),
  'entity.decide': command(COMMANDS['entity.decide'], 'redaction.decide', decideEntity),
  'redaction.redactAll': command(COMMANDS['redaction.redactAll'], 'redaction.decide', redactAll),
  'comment.add': command(COMMANDS['comment.add'], 'comment.add', addComment),
  'comment.resolve': command(COMMANDS['comment.resolve'], 'comment.resolve', resolveComment),
  'testimony.assign': command(COMMANDS['testimony.assign'], 'testimony.assign', assignTestimony),
  'testimony.setStatus': command(COMMANDS['testimony.setStatus'], 'testimony.setStatus', setStatus),
  // Which kind a caller may sign is decided per payload (approval.editorial / approval.safety)
  // by the command against the locked testimony; at the door it is enough to be a reviewer.
  'approval.submit': command(COMMANDS['approval.submit'], 'testimony.view', submitApproval),
  // Likewise: "Keep — public" needs allowlist.manage, the other decisions ledger.decide.
  'ledger.decide': command(COMMANDS['ledger.decide'], 'testimony.view', decideLedger),
  'ledger.undo': command(COMMANDS['ledger.undo'], 'testimony.view', undoLedger),
};

export const isCommandName = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);

/**
 * The one door every mutating command goes through, from the socket and from REST: look the
 * command up, validate the payload with its shared schema, authorise the caller, run it. The
 * result is the ack (after commit). Unknown names, malformed payloads and forbidden callers
 * get a typed error and change nothing.
 */
export function dispatchCommand(ctx: Ctx, name: string, payload: unknown, caller: Caller): Promise<CommandResult> {
  if (!isCommandName(name)) return Promise.reject(new AppError('not_found', `No command ${name}`));
  return COMMAND_HANDLERS[name](ctx, caller, payload);
}
