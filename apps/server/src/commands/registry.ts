import type { CommandName, CommandPayload, CommandResult } from '@desk/protocol';
import type { Action } from '../policy/policy.ts';
import type { Caller, Ctx } from './context.ts';
import { decideRedaction, proposeRedaction } from './redactions.commands.ts';

type Entry<N extends CommandName> = {
  /** Checked at the door before any work; the pipeline re-checks against the locked testimony. */
  action: Action;
  run: (ctx: Ctx, caller: Caller, payload: CommandPayload<N>) => Promise<CommandResult>;
};

/** Every mutating command, by event name. Socket and REST doors both dispatch through it. */
export const COMMAND_HANDLERS: { [N in CommandName]?: Entry<N> } = {
  'redaction.propose': { action: 'redaction.propose', run: proposeRedaction },
  'redaction.decide': { action: 'redaction.decide', run: decideRedaction },
};
