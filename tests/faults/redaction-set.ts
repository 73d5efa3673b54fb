import { createHash } from 'node:crypto';
import type { RedactionDto, TestimonyEvent } from '@desk/protocol';

export type Span = Pick<RedactionDto, 'id' | 'start' | 'end' | 'category' | 'state' | 'rev'>;

/**
 * The part of a testimony every client must agree on: the redaction set. A client builds it
 * only from the snapshot and the event stream, the check reads it from the table; equal
 * hashes mean the stream replays to exactly what is stored.
 */
export class RedactionSet {
  readonly spans = new Map<string, Span>();

  reset(list: Span[]): void {
    this.spans.clear();
    for (const r of list) this.put(r);
  }

  put(r: Span): void {
    this.spans.set(r.id, { id: r.id, start: r.start, end: r.end, category: r.category, state: r.state, rev: r.rev });
  }

  /** Folds one event in; events that do not touch redactions (views, comments) are skipped. */
  apply(e: TestimonyEvent): void {
    switch (e.type) {
      case 'redactions.suggested':
      case 'redactions.updated':
        for (const r of e.payload.redactions) this.put(r);
        break;
      case 'redaction.proposed':
      case 'redaction.updated':
        this.put(e.payload.redaction);
        break;
      case 'redaction.removed':
        this.spans.delete(e.payload.redactionId);
        break;
      default:
        break;
    }
  }

  hash(): string {
    return hashSpans([...this.spans.values()]);
  }
}

export function hashSpans(list: Span[]): string {
  const lines = list.map((r) => `${r.id}:${r.start}:${r.end}:${r.category}:${r.state}:${r.rev}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}
