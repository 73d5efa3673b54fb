import type { CommandName, CommandPayload, CommandResult } from '@desk/protocol';
import type { Action } from '../policy/policy.ts';
import type { Caller, Ctx } from './context.ts';
import { decideRedaction, proposeRedaction, removeRedaction, updateRedactionDetails } from './redactions.commands.ts';
import { decideEntity, redactAll } from './entities.commands.ts';
import { addComment, resolveComment } from './comments.commands.ts';
import { assignTestimony } from './assignment.commands.ts';
import { setStatus } from './status.commands.ts';
import { submitApproval } from './approvals.commands.ts';
import { decideLedger, undoLedger } from './ledger.commands.ts';

type Entry<N extends CommandName> = {
  /** Checked at the door before any work; the pipeline re-checks against the locked testimony. */
  action: Action;
  run: (ctx: Ctx, caller: Caller, payload: CommandPayload<N>) => Promise<CommandResult>;
};

/** Every mutating command, by event name. Socket and REST doors both dispatch through it. */
export const COMMAND_HANDLERS: { [N in CommandName]?: Entry<N> } = {
  'redaction.propose': { action: 'redaction.propose', run: proposeRedaction },
  'redaction.decide': { action: 'redaction.decide', run: decideRedaction },
  'redaction.update': { action: 'redaction.decide', run: updateRedactionDetails },
  'redaction.remove': { action: 'redaction.decide', run: removeRedaction },
  'entity.decide': { action: 'redaction.decide', run: decideEntity },
  'redaction.redactAll': { action: 'redaction.decide', run: redactAll },
  'comment.add': { action: 'comment.add', run: addComment },
  'comment.resolve': { action: 'comment.resolve', run: resolveComment },
  'testimony.assign': { action: 'testimony.assign', run: assignTestimony },
  'testimony.setStatus': { action: 'testimony.setStatus', run: setStatus },
  // Which kind a caller may sign is decided per payload (approval.editorial / approval.safety)
  // by the command against the locked testimony; at the door it is enough to be a reviewer.
  'approval.submit': { action: 'testimony.view', run: submitApproval },
  // Likewise: "Keep — public" needs allowlist.manage, the other decisions ledger.decide.
  'ledger.decide': { action: 'testimony.view', run: decideLedger },
  'ledger.undo': { action: 'testimony.view', run: undoLedger },
};
