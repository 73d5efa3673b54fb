import type pg from 'pg';
import type { Editor } from './editor.ts';
import { hashSpans, type Span } from './redaction-set.ts';

export type Figures = { acked: number; lost: number; duplicated: number; divergent: number; resends: number; dedupedAcks: number; refused: number };

/** The stored redaction set, hashed exactly as clients hash theirs. */
export async function dbHash(db: pg.Pool, testimonyId: string): Promise<string> {
  const { rows } = await db.query<Span>(`SELECT id, start, "end", category, state, rev FROM redactions WHERE testimony_id = $1`, [testimonyId]);
  return hashSpans(rows);
}

/**
 * After a fault, with every client settled, checks the three promises:
 *  - lost: an acknowledged command whose ack row or effect is missing from the database;
 *  - duplicated: a command (acked or only ever sent) whose effect was applied more than once;
 *  - divergent: a client whose redaction set, built from the stream, differs from the table.
 */
export async function check(db: pg.Pool, testimonyId: string, editors: Editor[]): Promise<Figures> {
  const acked = new Map<string, string>();
  const sent = new Set<string>();
  for (const e of editors) {
    for (const [id, a] of e.acked) acked.set(id, a.name);
    for (const id of e.sent) sent.add(id);
  }
  const ids = [...sent];
  const processed = await db.query<{ id: string; name: string }>(`SELECT id, name FROM processed_commands WHERE id = ANY($1::uuid[])`, [ids]);
  const done = new Set(processed.rows.map((r) => r.id));
  // Every event a command wrote carries its command id; the same (command, type) twice is a double apply.
  const effects = await db.query<{ command_id: string; type: string; n: string }>(
    `SELECT command_id, type, count(*) AS n FROM audit_events WHERE command_id = ANY($1::uuid[]) GROUP BY command_id, type`,
    [ids],
  );
  const proposedBy = new Set(effects.rows.filter((r) => r.type === 'redaction.proposed').map((r) => r.command_id));
  let duplicated = effects.rows.filter((r) => Number(r.n) > 1).length;
  const userSpans = await db.query<{ n: string }>(`SELECT count(*) AS n FROM redactions WHERE testimony_id = $1 AND source = 'user'`, [testimonyId]);
  const proposals = processed.rows.filter((r) => r.name === 'redaction.propose').length;
  // One stored span per applied proposal, no more: a second insert outside the audit would show here.
  duplicated += Math.max(0, Number(userSpans.rows[0]?.n ?? 0) - proposals);
  // Likewise one stored comment per applied comment.add.
  const comments = await db.query<{ n: string }>(`SELECT count(*) AS n FROM comments WHERE testimony_id = $1`, [testimonyId]);
  duplicated += Math.max(0, Number(comments.rows[0]?.n ?? 0) - processed.rows.filter((r) => r.name === 'comment.add').length);

  let lost = 0;
  for (const [id, name] of acked) {
    if (!done.has(id)) lost += 1;
    else if (name === 'redaction.propose' && !proposedBy.has(id)) lost += 1;
  }

  const truth = await dbHash(db, testimonyId);
  let divergent = 0;
  for (const e of editors) {
    await syncWithRetries(e);
    if (e.set.hash() !== truth) divergent += 1;
  }
  return {
    acked: acked.size,
    lost,
    duplicated,
    divergent,
    resends: editors.reduce((n, e) => n + e.resends, 0),
    dedupedAcks: editors.reduce((n, e) => n + [...e.acked.values()].filter((a) => a.duplicate).length, 0),
    refused: editors.reduce((n, e) => n + e.refused.size, 0),
  };
}

export async function settle(editors: Editor[], ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (editors.every((e) => e.settled)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** A sync can time out on a busy shared machine (8 s ack timeout); that is not a divergence. */
async function syncWithRetries(e: Editor, attempts = 5): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      return await e.sync();
    } catch (err) {
      if (i >= attempts) throw err;
    }
  }
}
