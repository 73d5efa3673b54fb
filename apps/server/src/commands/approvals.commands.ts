import type { ApprovalKind, CommandPayload, CommandResult, UndecidedNamesDetails } from '@desk/protocol';
import { AppError } from '../errors.ts';
import { authorize } from '../policy/policy.ts';
import { insertApproval, liveApprovals } from '../repo/approvals.repo.ts';
import { findTestimonySummary } from '../repo/testimonies.repo.ts';
import { undecidedLedger } from '../repo/ledger.repo.ts';
import type { Conn } from '../repo/conn.ts';
import { presentApproval } from '../presenters/testimony.presenter.ts';
import { actorOf, loadActors } from '../presenters/user.presenter.ts';
import { runTestimonyCommand } from './engine/pipeline.ts';
import type { PendingEvent } from './engine/types.ts';
import { gateAllFormats, loadExportDocument, refuseLeaks } from './export.source.ts';
import { riskAtSignOff } from './approvals.rules.ts';
import type { Caller, Ctx } from './context.ts';

const OTHER: Record<ApprovalKind, ApprovalKind> = { editorial: 'safety', safety: 'editorial' };

/**
 * Four-eyes sign-off. An editor gives the editorial approval, a safety officer the safety
 * sign-off (policy decides who holds which), two different people, both naming the current
 * version. Refused while suggestions are undecided or while the leak gate finds anything;
 * the safety sign-off also while any name-ledger candidate is undecided.
 * The second valid approval moves the testimony to `approved` in the same transaction;
 * there is no other way in (`testimony.setStatus` refuses `approved`).
 */
export async function submitApproval(ctx: Ctx, caller: Caller, p: CommandPayload<'approval.submit'>): Promise<CommandResult> {
  // The gate renders every format (the PDF takes a moment), so it runs before the row lock on
  // the version the caller names; inside the lock the version must still be that one.
  const summary = await findTestimonySummary(ctx.db, p.testimonyId);
  if (!summary) throw new AppError('not_found', 'No such testimony');
  authorize(caller, `approval.${p.kind}`, summary);
  if (summary.status !== 'in_review') throw notInReview(summary.status);
  if (summary.version !== p.version) throw stale(p.version, summary.version);
  if (summary.openSuggestions > 0) throw undecided(summary.openSuggestions);
  if (p.kind === 'safety') await refuseUndecidedNames(ctx.db, p.testimonyId);
  const doc = await loadExportDocument(ctx.db, p.testimonyId, false);
  if (doc.version !== p.version) throw stale(p.version, doc.version);
  refuseLeaks(ctx, caller, p.testimonyId, await gateAllFormats(ctx, doc), 'approval');
  // The same unchanged version inside the lock means the same redaction set, hence the same risk.
  const risk = riskAtSignOff(p.kind, doc.redactions, p.riskAcknowledgement);

  return runTestimonyCommand(ctx, caller, { name: 'approval.submit', action: `approval.${p.kind}`, ...p }, async (tx, t) => {
    if (t.status !== 'in_review') throw notInReview(t.status);
    // Every redaction change bumps the version, so an unchanged version means the gate above
    // judged exactly this redaction set.
    if (t.version !== p.version) throw stale(p.version, t.version);
    const counts = await findTestimonySummary(tx, t.id);
    if ((counts?.openSuggestions ?? 0) > 0) throw undecided(counts?.openSuggestions ?? 0);
    if (p.kind === 'safety') await refuseUndecidedNames(tx, t.id);
    const live = await liveApprovals(tx, t.id);
    const actors = await loadActors(tx, [caller.id]);
    const mine = live.find((a) => a.kind === p.kind);
    if (mine && mine.userId === caller.id && mine.version === t.version) return { events: [] };
    if (mine) throw new AppError('conflict', `The ${p.kind} approval was already given by ${actorOf(actors, mine.userId)?.name ?? 'someone else'}`);
    const other = live.find((a) => a.kind === OTHER[p.kind]);
    if (other && other.userId === caller.id) {
      throw new AppError('forbidden', 'Four-eyes rule: the editorial approval and the safety sign-off need two different people');
    }
    const approval = await insertApproval(tx, { testimonyId: t.id, kind: p.kind, userId: caller.id, version: t.version, ...risk });
    const events: PendingEvent[] = [{ type: 'approval.added', payload: { approval: presentApproval(approval, actors) }, bumpsVersion: false }];
    if (!other || other.version !== t.version) return { events };
    events.push({
      type: 'testimony.updated',
      payload: { status: 'approved', previousStatus: t.status, assigneeId: t.assigneeId, dueDate: t.dueDate },
      bumpsVersion: false,
    });
    return { events, patch: { status: 'approved', statusChangedAt: new Date() } };
  });
}

/**
 * The safety sign-off needs every name-ledger candidate decided (or on the allow-list). The
 * refusal lists them, so the officer can go straight to each; it reaches only the caller,
 * who may see the original, and is never logged.
 */
async function refuseUndecidedNames(conn: Conn, testimonyId: string): Promise<void> {
  const open = await undecidedLedger(conn, testimonyId);
  if (open.length === 0) return;
  const details: UndecidedNamesDetails = { undecidedNames: open.map((e) => ({ entityId: e.id, label: e.label, mentionCount: e.mentionCount })) };
  throw new AppError('conflict', `${open.length} name(s) in “Names to decide” are still undecided`, details);
}

const undecided = (n: number) => new AppError('conflict', `${n} suggestion(s) are still undecided`, { openSuggestions: n });
const notInReview = (status: string) => new AppError('conflict', `Only a testimony in review can be approved (it is ${status})`);

function stale(named: number, current: number): AppError {
  return new AppError('stale', `This approval names version ${named} but the redactions are now at version ${current}; review the changes and approve again`, {
    version: current,
  });
}
