import type {
  Actor,
  ApprovalDto,
  CommentDto,
  ConflictNotice,
  EntityGroupDto,
  PresenceMember,
  RedactionDto,
  TestimonyEvent,
  TestimonyEvents,
  TestimonySnapshot,
} from '@desk/protocol';
import { paragraphsTouching, splitParagraphs, type ParagraphRange } from '$lib/review/paragraphs';
import type { RemoteSelection } from '$lib/review/segments';
import { placeholderLabels } from '$lib/review/placeholders';
import { getSocket, type DeskSocket } from '$lib/state/socket';
import { TestimonyCommands } from '$lib/state/commands';
import { LedgerState } from '$lib/state/ledger.svelte';

export type TestimonyMeta = TestimonySnapshot['testimony'];

/**
 * One rendered paragraph. Its decoration lists are replaced (never mutated) only when an
 * event touches the paragraph, so a redaction decision re-renders one or two paragraphs
 * instead of the whole 20,000-word text.
 */
export class ParagraphView implements ParagraphRange {
  redactions = $state.raw<RedactionDto[]>([]);
  comments = $state.raw<CommentDto[]>([]);
  remote = $state.raw<RemoteSelection[]>([]);
  /** Near the viewport: drawn with its marks (see TextView); far paragraphs are one plain run. */
  near = $state(false);
  constructor(
    readonly index: number,
    readonly start: number,
    readonly end: number,
  ) {}
}

export interface ActivityItem {
  seq: number;
  at: string;
  actor: Actor | null;
  event: TestimonyEvent;
}

export interface ConflictToast extends ConflictNotice {
  key: string;
}

const ACTIVITY_LIMIT = 200;

export class TestimonyStore {
  readonly id: string;
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state<string | null>(null);
  meta = $state.raw<TestimonyMeta | null>(null);
  body = $state.raw('');
  paragraphs = $state.raw<ParagraphView[]>([]);
  /** Flat lists for the side panels; rebuilt once per applied batch, not per redaction. */
  redactionList = $state.raw<RedactionDto[]>([]);
  groups = $state.raw<Map<string, EntityGroupDto>>(new Map());
  comments = $state.raw<CommentDto[]>([]);
  approvals = $state.raw<ApprovalDto[]>([]);
  presence = $state.raw<PresenceMember[]>([]);
  activity = $state.raw<ActivityItem[]>([]);
  conflicts = $state.raw<ConflictToast[]>([]);
  /** Set while a gap or reconnect is being repaired; the UI says the text may be behind. */
  syncing = $state(false);
  /** Our own socket id, to tell our presence entry from others' (changes on reconnect). */
  selfSocketId = $state<string | undefined>(undefined);
  seq = 0;

  readonly commands: TestimonyCommands;
  /** "Names to decide": candidate entities and their decisions. */
  readonly ledger = new LedgerState();
  #socket: DeskSocket;
  #redactions = new Map<string, RedactionDto>();
  #redactionParas = new Map<string, number[]>();
  #commentParas = new Map<string, number[]>();
  #pending = new Map<number, TestimonyEvent>();
  #dirty = new Set<number>();
  #dirtyComments = new Set<number>();
  #remoteParas = new Set<number>();
  #disposers: (() => void)[] = [];

  labels = $derived(placeholderLabels(this.redactionList, this.groups));
  openSuggestions = $derived(this.redactionList.filter((r) => r.state === 'suggested').length);
  acceptedCount = $derived(this.redactionList.filter((r) => r.state === 'accepted').length);

  constructor(id: string) {
    this.id = id;
    this.#socket = getSocket();
    this.commands = new TestimonyCommands(id, () => this.meta, () => this.#redactions);
  }

  redaction(id: string): RedactionDto | undefined {
    return this.#redactions.get(id);
  }

  // ---------- lifecycle ----------

  async open(): Promise<void> {
    const s = this.#socket;
    const onEvents = (p: TestimonyEvents) => {
      if (p.testimonyId === this.id) this.#receive(p.events);
    };
    const onPresence = (p: { testimonyId: string; members: PresenceMember[] }) => {
      if (p.testimonyId === this.id) this.#setPresence(p.members);
    };
    const onConflict = (c: ConflictNotice) => {
      if (c.testimonyId !== this.id) return;
      this.conflicts = [...this.conflicts, { ...c, key: `${c.redactionId}:${c.theirs.seq}` }];
    };
    // A new connection is a new server-side socket, outside the room: join again for a fresh snapshot.
    const onReconnect = () => void this.#join(true);
    s.on('testimony.events', onEvents);
    s.on('presence.state', onPresence);
    s.on('conflict.notice', onConflict);
    s.on('connect', onReconnect);
    this.#disposers.push(() => {
      s.off('testimony.events', onEvents);
      s.off('presence.state', onPresence);
      s.off('conflict.notice', onConflict);
      s.off('connect', onReconnect);
    });
    if (s.connected) await this.#join(false);
  }

  close(): void {
    for (const d of this.#disposers) d();
    this.#disposers = [];
    if (this.#socket.connected) this.#socket.emit('testimony.leave', { testimonyId: this.id }, () => {});
  }

  async #join(rejoin: boolean): Promise<void> {
    if (rejoin) this.syncing = true;
    try {
      const res = await this.#socket.timeout(20_000).emitWithAck('testimony.join', { testimonyId: this.id });
      if (!res.ok) {
        this.status = 'error';
        this.error = res.error.message;
        return;
      }
      this.#loadSnapshot(res.data);
    } catch {
      if (!rejoin) {
        this.status = 'error';
        this.error = 'The server did not answer. Check your connection and reload.';
      }
    } finally {
      this.syncing = false;
    }
  }

  #loadSnapshot(snap: TestimonySnapshot): void {
    this.meta = snap.testimony;
    if (snap.body !== this.body || this.paragraphs.length === 0) {
      this.body = snap.body;
      this.paragraphs = splitParagraphs(snap.body).map((p) => new ParagraphView(p.index, p.start, p.end));
    }
    this.#redactions = new Map(snap.redactions.map((r) => [r.id, r]));
    this.#redactionParas.clear();
    this.#commentParas.clear();
    this.groups = new Map(snap.groups.map((g) => [g.id, g]));
    this.comments = snap.comments;
    this.approvals = snap.approvals;
    this.ledger.load(snap.ledger);
    this.seq = snap.seq;
    this.#pending.clear();
    for (const p of this.paragraphs) {
      this.#dirty.add(p.index);
      this.#dirtyComments.add(p.index);
    }
    for (const r of snap.redactions) this.#redactionParas.set(r.id, this.#touching(r.start, r.end));
    for (const c of snap.comments) this.#indexComment(c);
    this.#flush();
    this.status = 'ready';
  }

  // ---------- events ----------

  #receive(events: TestimonyEvent[]): void {
    // Events already applied (replay overlap, or our own echo after a sync) are skipped.
    for (const e of events) if (e.seq > this.seq) this.#pending.set(e.seq, e);
    this.#drain();
    if (this.#pending.size > 0) void this.#sync();
  }

  #drain(): void {
    let next = this.#pending.get(this.seq + 1);
    while (next) {
      this.#pending.delete(next.seq);
      this.#apply(next);
      this.seq = next.seq;
      next = this.#pending.get(this.seq + 1);
    }
    this.#flush();
  }

  async #sync(): Promise<void> {
    if (this.syncing) return;
    this.syncing = true;
    try {
      const res = await this.#socket.timeout(20_000).emitWithAck('testimony.sync', { testimonyId: this.id, sinceSeq: this.seq });
      if (!res.ok) return;
      if (res.data.mode === 'snapshot') this.#loadSnapshot(res.data.snapshot);
      else {
        for (const e of res.data.events) if (e.seq > this.seq) this.#pending.set(e.seq, e);
        this.#drain();
      }
    } catch {
      // Timed out: the next event or reconnect triggers another attempt.
    } finally {
      this.syncing = false;
    }
  }

  #apply(e: TestimonyEvent): void {
    if (this.meta) this.meta = { ...this.meta, version: e.version, seq: e.seq, updatedAt: e.at };
    switch (e.type) {
      case 'testimony.updated': {
        const p = e.payload;
        if (this.meta) {
          const assignee = p.assigneeId === null ? null : p.assigneeId === this.meta.assignee?.id ? this.meta.assignee : this.#actorName(p.assigneeId);
          this.meta = { ...this.meta, status: p.status, dueDate: p.dueDate, assignee };
        }
        break;
      }
      case 'redactions.suggested':
      case 'redactions.updated':
        this.#mergeGroups(e.payload.groups);
        for (const r of e.payload.redactions) this.#upsert(r);
        break;
      case 'redaction.proposed':
      case 'redaction.updated':
        this.#upsert(e.payload.redaction);
        break;
      case 'redaction.removed':
        this.#remove(e.payload.redactionId);
        break;
      case 'comment.added':
        this.comments = [...this.comments, e.payload.comment];
        this.#indexComment(e.payload.comment);
        break;
      case 'comment.resolved': {
        const { commentId, resolved } = e.payload;
        this.comments = this.comments.map((c) => (c.id === commentId ? { ...c, resolved } : c));
        for (const i of this.#commentParas.get(commentId) ?? []) this.#dirtyComments.add(i);
        break;
      }
      case 'approval.added':
        this.approvals = [...this.approvals, e.payload.approval];
        break;
      case 'approvals.withdrawn': {
        const ids = new Set(e.payload.approvalIds);
        const reason = e.payload.reason;
        this.approvals = this.approvals.map((a) => (ids.has(a.id) ? { ...a, withdrawnAt: e.at, withdrawnReason: reason } : a));
        break;
      }
      case 'ledger.decided':
      case 'ledger.undone':
        this.ledger.apply(e.payload.entity);
        break;
      // Shown in the activity feed only: they change nothing this store holds.
      case 'testimony.created':
      case 'testimony.viewed':
      case 'export.created':
        break;
      default: {
        // Exhaustive: a new event type fails the typecheck here instead of being silently ignored.
        const unhandled: never = e;
        void unhandled;
      }
    }
    this.activity = [{ seq: e.seq, at: e.at, actor: e.actor, event: e }, ...this.activity].slice(0, ACTIVITY_LIMIT);
  }

  #actorName(id: string): Actor | null {
    for (const m of this.presence) if (m.user.id === id) return m.user;
    for (const r of this.#redactions.values()) {
      if (r.proposedBy?.id === id) return r.proposedBy;
      if (r.decidedBy?.id === id) return r.decidedBy;
    }
    return { id, name: 'Unknown user', role: 'editor' };
  }

  #mergeGroups(groups: EntityGroupDto[]): void {
    if (groups.length === 0) return;
    const next = new Map(this.groups);
    for (const g of groups) next.set(g.id, g);
    this.groups = next;
  }

  #touching(start: number, end: number): number[] {
    return paragraphsTouching(this.paragraphs, start, end);
  }

  #upsert(r: RedactionDto): void {
    for (const i of this.#redactionParas.get(r.id) ?? []) this.#dirty.add(i);
    const paras = this.#touching(r.start, r.end);
    for (const i of paras) this.#dirty.add(i);
    this.#redactions.set(r.id, r);
    this.#redactionParas.set(r.id, paras);
  }

  #remove(id: string): void {
    for (const i of this.#redactionParas.get(id) ?? []) this.#dirty.add(i);
    this.#redactions.delete(id);
    this.#redactionParas.delete(id);
  }

  #indexComment(c: CommentDto): void {
    if (c.anchorStart === null || c.anchorEnd === null) return;
    const paras = this.#touching(c.anchorStart, Math.max(c.anchorEnd, c.anchorStart + 1));
    this.#commentParas.set(c.id, paras);
    for (const i of paras) this.#dirtyComments.add(i);
  }

  /** Push changes into only the paragraphs marked dirty, then refresh the flat panel lists once. */
  #flush(): void {
    if (this.#dirty.size > 0) {
      const byPara = new Map<number, RedactionDto[]>();
      for (const i of this.#dirty) byPara.set(i, []);
      for (const [id, paras] of this.#redactionParas) {
        for (const i of paras) {
          const list = byPara.get(i);
          const r = this.#redactions.get(id);
          if (list && r) list.push(r);
        }
      }
      for (const [i, list] of byPara) {
        const p = this.paragraphs[i];
        if (p) p.redactions = list.sort((a, b) => a.start - b.start);
      }
      this.#dirty.clear();
      this.redactionList = [...this.#redactions.values()].sort((a, b) => a.start - b.start || a.end - b.end);
    }
    if (this.#dirtyComments.size > 0) {
      const open = this.comments.filter((c) => !c.resolved && c.parentId === null);
      for (const i of this.#dirtyComments) {
        const p = this.paragraphs[i];
        if (p) p.comments = open.filter((c) => (this.#commentParas.get(c.id) ?? []).includes(i));
      }
      this.#dirtyComments.clear();
    }
  }

  // ---------- presence ----------

  #setPresence(members: PresenceMember[]): void {
    this.presence = members;
    const selfId = this.#socket.id;
    this.selfSocketId = selfId;
    const byPara = new Map<number, RemoteSelection[]>();
    for (const i of this.#remoteParas) byPara.set(i, []);
    const touched = new Set<number>();
    for (const m of members) {
      if (m.socketId === selfId || !m.selection || m.selection.end <= m.selection.start) continue;
      const sel: RemoteSelection = { socketId: m.socketId, name: m.user.name, color: m.color, ...m.selection };
      for (const i of this.#touching(sel.start, sel.end)) {
        touched.add(i);
        const list = byPara.get(i) ?? [];
        list.push(sel);
        byPara.set(i, list);
      }
    }
    for (const [i, list] of byPara) {
      const p = this.paragraphs[i];
      // Skip paragraphs whose remote selections did not change, so idle presence pings cost nothing.
      if (p && JSON.stringify(p.remote) !== JSON.stringify(list)) p.remote = list;
    }
    this.#remoteParas = touched;
  }

  sendPresence(selection: { start: number; end: number } | null, paragraph: number | null, idle: boolean): void {
    if (!this.#socket.connected) return;
    this.#socket.emit('presence.update', { testimonyId: this.id, selection, paragraph, idle });
  }

  #historyLoaded = false;

  /**
   * Fill the Activity feed with what happened before this page opened: the testimony's last
   * events, read from its event stream (which is its audit log) by a replay that applies nothing.
   * Called when the Activity tab is first shown, so opening a testimony does not pay for it.
   */
  async loadHistory(): Promise<void> {
    if (this.#historyLoaded || !this.#socket.connected) return;
    this.#historyLoaded = true;
    const upTo = this.seq;
    try {
      const res = await this.#socket.timeout(20_000).emitWithAck('testimony.sync', { testimonyId: this.id, sinceSeq: Math.max(0, upTo - ACTIVITY_LIMIT) });
      if (!res.ok || res.data.mode !== 'events') return;
      const have = new Set(this.activity.map((a) => a.seq));
      const events: TestimonyEvent[] = res.data.events;
      const older = events.filter((e) => e.seq <= upTo && !have.has(e.seq)).map((e) => ({ seq: e.seq, at: e.at, actor: e.actor, event: e }));
      this.activity = [...this.activity, ...older].sort((a, b) => b.seq - a.seq).slice(0, ACTIVITY_LIMIT);
    } catch {
      this.#historyLoaded = false; // timed out: the next visit to the tab tries again
    }
  }

  dismissConflict(key: string): void {
    this.conflicts = this.conflicts.filter((c) => c.key !== key);
  }
}
