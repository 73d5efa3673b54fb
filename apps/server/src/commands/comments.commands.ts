import type { CommandPayload, CommandResult } from '@desk/protocol';
import { AppError } from '../errors.ts';
import { findComment, insertComment, setCommentResolved } from '../repo/comments.repo.ts';
import { presentComment } from '../presenters/testimony.presenter.ts';
import { loadActors } from '../presenters/user.presenter.ts';
import { assertSpan } from './redactions.commands.ts';
import { runTestimonyCommand } from './engine/pipeline.ts';
import type { Caller, Ctx } from './context.ts';

/**
 * Comments are discussion, not part of the redaction set: they never bump the version, so
 * they never withdraw an approval. Replies hang off the thread's first comment.
 */
export function addComment(ctx: Ctx, caller: Caller, p: CommandPayload<'comment.add'>): Promise<CommandResult> {
  return runTestimonyCommand(ctx, caller, { name: 'comment.add', action: 'comment.add', ...p }, async (tx, t) => {
    let parentId: string | null = null;
    if (p.parentId) {
      const parent = await findComment(tx, t.id, p.parentId);
      if (!parent) throw new AppError('not_found', 'No such comment to reply to in this testimony');
      parentId = parent.parentId ?? parent.id;
    }
    if (p.anchorStart !== undefined && p.anchorEnd !== undefined) assertSpan(t.body, p.anchorStart, p.anchorEnd);
    const row = await insertComment(tx, {
      testimonyId: t.id,
      parentId,
      anchorStart: p.anchorStart ?? null,
      anchorEnd: p.anchorEnd ?? null,
      body: p.body,
      authorId: caller.id,
    });
    const actors = await loadActors(tx, [caller.id]);
    return { events: [{ type: 'comment.added', payload: { comment: presentComment(row, actors) }, bumpsVersion: false }] };
  });
}

export function resolveComment(ctx: Ctx, caller: Caller, p: CommandPayload<'comment.resolve'>): Promise<CommandResult> {
  return runTestimonyCommand(ctx, caller, { name: 'comment.resolve', action: 'comment.resolve', ...p }, async (tx, t) => {
    const c = await findComment(tx, t.id, p.commentId);
    if (!c) throw new AppError('not_found', 'No such comment in this testimony');
    if (c.resolved === p.resolved) return { events: [] };
    await setCommentResolved(tx, c.id, p.resolved, p.resolved ? caller.id : null);
    return { events: [{ type: 'comment.resolved', payload: { commentId: c.id, resolved: p.resolved }, bumpsVersion: false }] };
  });
}
