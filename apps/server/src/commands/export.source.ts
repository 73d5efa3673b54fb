import { EXPORT_FORMATS, type ExportDocument, type ExportFormat, type GateFinding } from '@desk/export';
import type { LeakFindingDto } from '@desk/protocol';
import { can } from '../policy/policy.ts';
import { AppError } from '../errors.ts';
import type { Conn } from '../repo/conn.ts';
import { findTestimony } from '../repo/testimonies.repo.ts';
import { listGroups, listRedactions } from '../repo/redactions.repo.ts';
import { actorOf, loadActors } from '../presenters/user.presenter.ts';
import type { Caller, Ctx } from './context.ts';
import { jobs } from '../workers/pool.ts';

/** The neutral identifier printed in exports: never the title, which often names someone. */
export const neutralId = (testimonyId: string) => `T-${testimonyId.slice(0, 8)}`;

/** Reads one consistent view of a testimony for rendering (body is frozen; version names the redaction set). */
export async function loadExportDocument(conn: Conn, testimonyId: string, draft: boolean): Promise<ExportDocument> {
  const t = await findTestimony(conn, testimonyId);
  if (!t) throw new AppError('not_found', 'No such testimony');
  const [redactions, groups, actors] = [await listRedactions(conn, t.id), await listGroups(conn, t.id), await loadActors(conn)];
  return {
    docId: neutralId(t.id),
    language: t.language,
    body: t.body,
    version: t.version,
    status: t.status,
    draft,
    generatedAt: new Date().toISOString(),
    redactions: redactions.map((r) => ({
      id: r.id,
      start: r.start,
      end: r.end,
      category: r.category,
      subtype: r.subtype,
      generalisation: r.generalisation,
      state: r.state,
      entityGroupId: r.entityGroupId,
      reason: r.reason,
      decidedBy: actorOf(actors, r.decidedBy)?.name ?? null,
    })),
    groups: groups.map((g) => ({ id: g.id, category: g.category, ordinal: g.ordinal, label: g.label })),
  };
}

/**
 * Throws `leak_detected` with each finding pointed at the testimony (paragraph, offsets, formats);
 * the visible text only for a caller who may read the original. The log gets counts and formats only.
 */
export function refuseLeaks(ctx: Ctx, caller: Caller, testimonyId: string, findings: GateFinding[], when: string): void {
  if (findings.length === 0) return;
  ctx.logger.warn({ testimonyId, when, findings: findings.length, formats: [...new Set(findings.flatMap((f) => f.formats))] }, 'leak gate blocked');
  const mayRead = can(caller, 'testimony.view');
  const details: { findings: LeakFindingDto[] } = { findings: findings.slice(0, 200).map((f) => ({ ...f, text: mayRead ? f.text : null })) };
  throw new AppError('leak_detected', `The leak gate found ${findings.length} place(s) where a redacted name or another spelling of it is still visible`, details);
}

/** Renders every format and scans each, on a worker thread; approval signs that all of them are clean. */
export function gateAllFormats(ctx: Ctx, doc: ExportDocument, formats: readonly ExportFormat[] = EXPORT_FORMATS): Promise<GateFinding[]> {
  return jobs(ctx).run('gateFormats', { doc, formats });
}
