import { randomUUID } from 'node:crypto';
import type { Category } from '@desk/protocol';
import type { Caller, Ctx } from '../src/commands/context.ts';
import { decideRedaction, proposeRedaction } from '../src/commands/redactions.commands.ts';
import { setStatus } from '../src/commands/status.commands.ts';
import { decideLedger } from '../src/commands/ledger.commands.ts';
import { listLedger } from '../src/repo/ledger.repo.ts';
import { findTestimonySummary } from '../src/repo/testimonies.repo.ts';
import { listRedactions } from '../src/repo/redactions.repo.ts';
import { buildTestimony, type BuiltUser } from './factories.ts';

export const callerOf = (u: Pick<BuiltUser, 'id' | 'role' | 'name'>): Caller => ({ id: u.id, role: u.role, name: u.name, disabled: false, sessionId: null });

export const REVIEW_BODY =
  'Interview notes, session two.\n' +
  'The witness Samir Haddad hid near the old mill for three weeks; سمير was afraid 🕊️.\n' +
  'Élodie from the café brought food at night.';

/**
 * A testimony whose engine suggestions are all rejected and whose redactions are exactly
 * `redact` (each needle's first occurrence, accepted), whose name-ledger candidates are kept as
 * not identifying (unless `leaveNames`), left in review. Returns its version.
 */
export async function reviewedTestimony(
  ctx: Ctx,
  editor: BuiltUser,
  opts: { body?: string; redact?: { needle: string; category?: Category }[]; leaveSuggestion?: boolean; leaveNames?: boolean } = {},
): Promise<{ id: string; version: number; body: string }> {
  const body = opts.body ?? REVIEW_BODY;
  const t = await buildTestimony(ctx, { body }, editor);
  const me = callerOf(editor);
  const engine = await listRedactions(ctx.db, t.id);
  for (const r of engine) {
    await decideRedaction(ctx, me, { commandId: randomUUID(), testimonyId: t.id, redactionId: r.id, decision: 'rejected', expectedRev: r.rev });
  }
  for (const m of opts.redact ?? [{ needle: 'Samir Haddad' }, { needle: 'سمير' }]) {
    const start = body.normalize('NFC').indexOf(m.needle);
    if (start < 0) throw new Error(`needle ${m.needle} not in body`);
    await proposeRedaction(ctx, me, { commandId: randomUUID(), testimonyId: t.id, start, end: start + m.needle.length, category: m.category ?? 'person' });
  }
  for (const r of await listRedactions(ctx.db, t.id)) {
    if (r.source === 'user' && r.state === 'suggested') {
      await decideRedaction(ctx, me, { commandId: randomUUID(), testimonyId: t.id, redactionId: r.id, decision: 'accepted', expectedRev: r.rev });
    }
  }
  if (!opts.leaveNames) {
    for (const e of await listLedger(ctx.db, t.id)) {
      if (!e.decision && !e.allowListed) await decideLedger(ctx, me, { commandId: randomUUID(), testimonyId: t.id, entityId: e.id, decision: 'keep_private' });
    }
  }
  if (opts.leaveSuggestion) {
    const start = body.normalize('NFC').indexOf('Élodie');
    await proposeRedaction(ctx, me, { commandId: randomUUID(), testimonyId: t.id, start, end: start + 6, category: 'person' });
  }
  const s = await findTestimonySummary(ctx.db, t.id);
  if (!s) throw new Error('testimony vanished');
  const r = await setStatus(ctx, me, { commandId: randomUUID(), testimonyId: t.id, status: 'in_review', version: s.version });
  return { id: t.id, version: r.version, body };
}
