import { randomUUID } from 'node:crypto';
import type { CommandName, RedactionDto, TestimonyEvent, TestimonySnapshot } from '@desk/protocol';

/**
 * The review mix (issue 15): what one editor does over time on a testimony. Weights sum to 1;
 * presence updates (2 Hz) are sent apart from these. "Join" is a leave and a rejoin: a view.
 */
export const MIX = [
  ['propose', 0.25],
  ['decide', 0.35],
  ['category', 0.1],
  ['entity', 0.1],
  ['redactAll', 0.05],
  ['comment', 0.1],
  ['join', 0.05],
] as const;
export type MixOp = (typeof MIX)[number][0];

export function pickOp(r = Math.random()): MixOp {
  let acc = 0;
  for (const [op, w] of MIX) if (r < (acc += w)) return op;
  return 'propose';
}

/** Words of the bench body (setup.ts `benchBody`) a reviewer would redact everywhere. */
const NEEDLES = [
  ['Samir', 'person'],
  ['Gaziantep', 'place'],
  ['Kafr Nadeem', 'place'],
  ['Élodie', 'person'],
  ['Abu Raed al-Halabi', 'person'],
  ['سمير', 'person'],
] as const;
const CATEGORIES = ['person', 'place', 'hiding', 'quasi', 'other'] as const;

type Span = Pick<RedactionDto, 'id' | 'state' | 'rev' | 'category'>;

/** What one editor knows of its testimony, kept from the snapshot and the event stream. */
export class RoomView {
  readonly spans = new Map<string, Span>();
  groups: string[] = [];

  reset(s: TestimonySnapshot): void {
    this.spans.clear();
    for (const r of s.redactions) this.spans.set(r.id, r);
    this.groups = s.groups.map((g) => g.id);
  }

  apply(e: TestimonyEvent): void {
    switch (e.type) {
      case 'redactions.suggested':
      case 'redactions.updated':
        for (const r of e.payload.redactions) this.spans.set(r.id, r);
        for (const g of e.payload.groups) if (!this.groups.includes(g.id)) this.groups.push(g.id);
        break;
      case 'redaction.proposed':
      case 'redaction.updated':
        this.spans.set(e.payload.redaction.id, e.payload.redaction);
        break;
      case 'redaction.removed':
        this.spans.delete(e.payload.redactionId);
        break;
      default:
        break;
    }
  }

  private anySpan(): Span | undefined {
    const all = [...this.spans.values()];
    return all[Math.floor(Math.random() * all.length)];
  }

  /**
   * The command for `op`, or null for a join. Decisions always change something (the opposite
   * state, another category), so each produces an event others must see.
   */
  command(op: MixOp, testimonyId: string, bodyChars: number, ts: number): { name: CommandName; payload: Record<string, unknown> } | null {
    const base = { commandId: randomUUID(), testimonyId };
    const span = this.anySpan();
    const group = this.groups[Math.floor(Math.random() * this.groups.length)];
    switch (op) {
      case 'join':
        return null;
      case 'decide':
        if (!span) break;
        return { name: 'redaction.decide', payload: { ...base, redactionId: span.id, decision: span.state === 'accepted' ? 'rejected' : 'accepted', expectedRev: span.rev } };
      case 'category': {
        if (!span) break;
        const others = CATEGORIES.filter((c) => c !== span.category);
        return { name: 'redaction.update', payload: { ...base, redactionId: span.id, category: others[Math.floor(Math.random() * others.length)], expectedRev: span.rev } };
      }
      case 'entity':
        if (!group) break;
        return { name: 'entity.decide', payload: { ...base, entityGroupId: group, decision: Math.random() < 0.7 ? 'accepted' : 'rejected' } };
      case 'redactAll': {
        const [needle, category] = NEEDLES[Math.floor(Math.random() * NEEDLES.length)]!;
        return { name: 'redaction.redactAll', payload: { ...base, needle, category } };
      }
      case 'comment':
        return { name: 'comment.add', payload: { ...base, body: `Check this passage — ${ts.toFixed(0)} 🕊️` } };
      case 'propose':
        break;
    }
    const at = Math.floor(Math.random() * (bodyChars - 20));
    return { name: 'redaction.propose', payload: { ...base, start: at, end: at + 5, category: 'person', reason: `b:${ts}` } };
  }
}

/**
 * A command of the mix is matched to its event by (room, seq): the sender records the seq its
 * ack names once its own socket has seen that event carry its name; receivers record when each
 * event of another editor arrived. The parent joins the two (all processes share one clock).
 */
export type MixSend = [room: string, seq: number, ts: number, userId: string];
export type MixReceipt = [room: string, seq: number, at: number];
/** Seqs a receiver cannot have had as events: it was out of the room (leave → rejoin). */
export type MixGap = [room: string, userId: string, from: number, to: number];

export function mixFigures(
  sends: MixSend[],
  receipts: MixReceipt[],
  gaps: MixGap[],
  roster: Map<string, string[]>,
): { samples: number[]; expected: number; received: number } {
  const sentAt = new Map(sends.map(([room, seq, ts]) => [`${room}:${seq}`, ts]));
  const samples: number[] = [];
  for (const [room, seq, at] of receipts) {
    const ts = sentAt.get(`${room}:${seq}`);
    if (ts !== undefined) samples.push(at - ts);
  }
  const gapsOf = new Map<string, MixGap[]>();
  for (const g of gaps) gapsOf.set(`${g[0]}:${g[1]}`, [...(gapsOf.get(`${g[0]}:${g[1]}`) ?? []), g]);
  let expected = 0;
  for (const [room, seq, , sender] of sends) {
    for (const u of roster.get(room) ?? []) {
      if (u === sender) continue;
      if ((gapsOf.get(`${room}:${u}`) ?? []).some(([, , from, to]) => seq >= from && seq <= to)) continue;
      expected += 1;
    }
  }
  return { samples, expected, received: samples.length };
}
