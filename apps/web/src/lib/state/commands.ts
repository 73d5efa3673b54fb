import type {
  Ack,
  ApprovalKind,
  Category,
  CommandName,
  LedgerCategory,
  LedgerDecision,
  QuasiSubtype,
  CommandPayload,
  CommandResult,
  RedactionDto,
  TestimonySnapshot,
  TestimonyStatus,
} from '@desk/protocol';
import { newCommandId, sendCommand } from '$lib/state/socket';
import { notices } from '$lib/state/notices.svelte';

type Meta = TestimonySnapshot['testimony'];
type Without<T> = T extends unknown ? Omit<T, 'commandId' | 'testimonyId'> : never;

const FRIENDLY: Partial<Record<string, string>> = {
  stale: 'Someone changed this first. The text now shows their version; check it and decide again.',
  conflict: 'This conflicts with a newer change. The text now shows the latest state.',
  forbidden: 'Your role is not allowed to do that.',
  rate_limited: 'Too many changes at once. Wait a moment and try again.',
  leak_detected: 'Blocked: this would reveal protected text.',
  busy: 'The desk is busy with other long jobs. Try again in a moment.',
};

/**
 * Commands for one testimony. No optimistic updates: the UI changes only when the server's
 * event arrives, so the screen never shows a redaction as applied when it is not.
 */
export class TestimonyCommands {
  constructor(
    private readonly testimonyId: string,
    private readonly meta: () => Meta | null,
    private readonly redactions: () => ReadonlyMap<string, RedactionDto>,
  ) {}

  async #send<N extends CommandName>(name: N, rest: Without<CommandPayload<N>>): Promise<boolean> {
    const payload = { ...rest, commandId: newCommandId(), testimonyId: this.testimonyId } as CommandPayload<N>;
    const res: Ack<CommandResult> = await sendCommand(name, payload);
    if (!res.ok) {
      notices.push('error', FRIENDLY[res.error.code] ?? res.error.message);
      return false;
    }
    return true;
  }

  /** With `accept`, the span is the caller's own decision, accepted at once (needs the right to decide). */
  propose(start: number, end: number, category: Category, opts: { reason?: string; accept?: boolean } = {}) {
    return this.#send('redaction.propose', { start, end, category, ...(opts.reason ? { reason: opts.reason } : {}), ...(opts.accept ? { accept: true } : {}) });
  }

  decide(redactionId: string, decision: 'accepted' | 'rejected') {
    const r = this.redactions().get(redactionId);
    if (!r) return Promise.resolve(false);
    return this.#send('redaction.decide', { redactionId, decision, expectedRev: r.rev });
  }

  update(redactionId: string, change: { category?: Category; reason?: string | null; subtype?: QuasiSubtype | null; generalisation?: string | null }) {
    const r = this.redactions().get(redactionId);
    if (!r) return Promise.resolve(false);
    return this.#send('redaction.update', { redactionId, ...change, expectedRev: r.rev });
  }

  remove(redactionId: string) {
    const r = this.redactions().get(redactionId);
    if (!r) return Promise.resolve(false);
    return this.#send('redaction.remove', { redactionId, expectedRev: r.rev });
  }

  decideEntity(entityGroupId: string, decision: 'accepted' | 'rejected') {
    return this.#send('entity.decide', { entityGroupId, decision });
  }

  redactAll(needle: string, category: Category, reason?: string) {
    return this.#send('redaction.redactAll', { needle, category, ...(reason ? { reason } : {}) });
  }

  addComment(body: string, opts: { parentId?: string; anchor?: { start: number; end: number } } = {}) {
    return this.#send('comment.add', {
      body,
      ...(opts.parentId ? { parentId: opts.parentId } : {}),
      ...(opts.anchor ? { anchorStart: opts.anchor.start, anchorEnd: opts.anchor.end } : {}),
    });
  }

  resolveComment(commentId: string, resolved: boolean) {
    return this.#send('comment.resolve', { commentId, resolved });
  }

  setStatus(status: TestimonyStatus) {
    const m = this.meta();
    if (!m) return Promise.resolve(false);
    return this.#send('testimony.setStatus', { status, version: m.version });
  }

  assign(assigneeId: string | null, dueDate?: string | null) {
    return this.#send('testimony.assign', { assigneeId, ...(dueDate !== undefined ? { dueDate } : {}) });
  }

  decideName(entityId: string, decision: LedgerDecision, opts: { category?: LedgerCategory; reason?: string } = {}) {
    return this.#send('ledger.decide', { entityId, decision, ...(opts.category ? { category: opts.category } : {}), ...(opts.reason ? { reason: opts.reason } : {}) });
  }

  undoName(entityId: string) {
    return this.#send('ledger.undo', { entityId });
  }

  submitApproval(kind: ApprovalKind) {
    const m = this.meta();
    if (!m) return Promise.resolve(false);
    return this.#send('approval.submit', { kind, version: m.version });
  }
}
