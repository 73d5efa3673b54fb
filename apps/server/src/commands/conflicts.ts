import type { Actor, Category, RedactionState } from '@desk/protocol';
import type { RedactionRow } from '../repo/redactions.repo.ts';
import type { Actors } from '../presenters/user.presenter.ts';
import { actorOf } from '../presenters/user.presenter.ts';
import type { CommandOutcome } from './engine/types.ts';

export type Overrode = { by: Actor; state: string; category: string };
type Conflict = NonNullable<CommandOutcome['conflicts']>[number];

/**
 * The rule for concurrent decisions on one span: the later command in sequence order stands,
 * and whoever made the decision it replaced is named in the event (`overrode`) and told
 * personally (`conflict.notice`). A decision counts as replaced when another person made it,
 * the outcome (state or category) actually changes, and the caller did not see it: their
 * `expectedRev` is stale, or — for bulk commands that name no revision (entity group,
 * redact-all) — always, because nobody reviewed that span individually.
 */
export function overriddenDecision(
  r: RedactionRow,
  caller: { id: string },
  next: { state: RedactionState; category: Category },
  expectedRev: number | null,
  actors: Actors,
): Overrode | null {
  if (!r.decidedBy || r.decidedBy === caller.id) return null;
  if (r.state === 'suggested') return null;
  if (r.state === next.state && r.category === next.category) return null;
  if (expectedRev !== null && expectedRev === r.rev) return null;
  const by = actorOf(actors, r.decidedBy);
  return by ? { by, state: r.state, category: r.category } : null;
}

/**
 * One notice per person whose decisions were replaced: bulk commands can override many spans
 * of one person, who then gets a single notice listing them all rather than a flood.
 */
export function conflictNotices(
  testimonyId: string,
  me: Actor,
  command: string,
  replaced: { redaction: RedactionRow; overrode: Overrode; now: { state: string; category: string } }[],
): Conflict[] {
  const byUser = new Map<string, typeof replaced>();
  for (const x of replaced) byUser.set(x.overrode.by.id, [...(byUser.get(x.overrode.by.id) ?? []), x]);
  return [...byUser.entries()].map(([userId, xs]) => {
    const first = xs[0]!;
    return {
      userId,
      notice: {
        testimonyId,
        redactionId: first.redaction.id,
        redactionIds: xs.map((x) => x.redaction.id),
        command,
        yours: { state: first.overrode.state, category: first.overrode.category },
        theirs: { by: me, state: first.now.state, category: first.now.category },
      },
    };
  });
}
