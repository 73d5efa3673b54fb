import { eventHash, GENESIS, type AuditRow } from '../repo/audit.repo.ts';
import { listStreams, streamPage, testimonySeqs } from '../repo/audit-query.repo.ts';
import type { Conn } from '../repo/conn.ts';

export interface BrokenLink {
  stream: string;
  seq: number;
  problem: string;
}

export interface VerifyReport {
  streams: number;
  events: number;
  broken: BrokenLink[];
}

const PAGE = 2_000;

/** Checks one row against its predecessor; returns what is wrong, or null. */
function checkRow(row: AuditRow, prev: { seq: number; hash: string }): string | null {
  if (row.seq !== prev.seq + 1) {
    return row.seq > prev.seq + 1 ? `seq ${prev.seq + 1}${row.seq - prev.seq > 2 ? `–${row.seq - 1}` : ''} missing (row deleted?)` : `seq ${row.seq} out of order after ${prev.seq}`;
  }
  if (row.prevHash !== prev.hash) return `prev_hash does not match the hash of seq ${prev.seq}`;
  const recomputed = eventHash({
    stream: row.stream,
    seq: row.seq,
    testimonyId: row.testimonyId,
    actorId: row.actorId,
    type: row.type,
    payload: row.payload,
    version: row.version,
    commandId: row.commandId,
    createdAt: row.createdAt,
    prevHash: row.prevHash,
  });
  if (recomputed !== row.hash) return 'hash does not match the row (payload or another field was changed)';
  return null;
}

/**
 * Walks every stream in sequence order and reports the first broken link of each: a gap
 * (deleted row), a prev_hash that does not name the previous row, or a row whose content no
 * longer matches its hash. A testimony stream that ends before the testimony's recorded seq
 * has lost its tail.
 */
export async function verifyChains(conn: Conn): Promise<VerifyReport> {
  const report: VerifyReport = { streams: 0, events: 0, broken: [] };
  const recorded = await testimonySeqs(conn);
  for (const stream of await listStreams(conn)) {
    report.streams += 1;
    let prev = { seq: 0, hash: GENESIS };
    let broken: BrokenLink | null = null;
    for (;;) {
      const rows = await streamPage(conn, stream, prev.seq, PAGE);
      for (const row of rows) {
        report.events += 1;
        const problem: string | null = broken ? null : checkRow(row, prev);
        if (problem) broken = { stream, seq: row.seq, problem };
        prev = { seq: row.seq, hash: row.hash };
      }
      if (rows.length < PAGE) break;
    }
    const expected = recorded.get(stream);
    if (!broken && expected !== undefined && prev.seq < expected) {
      broken = { stream, seq: prev.seq + 1, problem: `chain ends at seq ${prev.seq} but the testimony records seq ${expected} (tail deleted?)` };
    }
    if (broken) report.broken.push(broken);
  }
  return report;
}
