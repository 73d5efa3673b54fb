import { createHash, randomUUID } from 'node:crypto';
import type { RenderedArtefact } from '@desk/export';
import type { ExportQuery } from '@desk/protocol';
import { AppError } from '../errors.ts';
import { authorize } from '../policy/policy.ts';
import { findTestimonySummary } from '../repo/testimonies.repo.ts';
import { runTestimonyCommand } from './engine/pipeline.ts';
import { loadExportDocument, refuseLeaks } from './export.source.ts';
import type { Caller, Ctx } from './context.ts';
import { jobs } from '../workers/pool.ts';

const EXPORTABLE = new Set(['approved', 'published']);
const ATTEMPTS = 3;

/**
 * Renders one export, runs the leak gate on the file itself, and records `export.created`
 * with the file's sha256 in the testimony's audit chain. Rendering happens outside the row
 * lock; the record is only written if the testimony is still at the rendered version (else
 * the render is redone), so the audited hash always belongs to an artefact of that version.
 * Unapproved testimonies export only for admins (`export.draft`), marked DRAFT. A full job
 * queue refuses with `busy`.
 */
export async function createExport(ctx: Ctx, caller: Caller, testimonyId: string, q: ExportQuery): Promise<RenderedArtefact & { sha256: string }> {
  for (let attempt = 1; ; attempt++) {
    const summary = await findTestimonySummary(ctx.db, testimonyId);
    if (!summary) throw new AppError('not_found', 'No such testimony');
    const draft = !EXPORTABLE.has(summary.status);
    if (draft && !(caller.role === 'admin')) {
      authorize(caller, 'export', summary);
      throw new AppError('forbidden', `Only approved or published testimonies can be exported (this one is ${summary.status})`);
    }
    const action = draft ? 'export.draft' : 'export';
    authorize(caller, action, summary);
    const doc = await loadExportDocument(ctx.db, testimonyId, draft);
    // Rendering and the gate run on a worker thread: a big PDF must not stall every room.
    const { art, findings } = await jobs(ctx).run('exportAndGate', { doc, format: q.format, mode: q.mode });
    refuseLeaks(ctx, caller, testimonyId, findings, 'export');
    const sha256 = createHash('sha256').update(art.bytes).digest('hex');
    try {
      await runTestimonyCommand(ctx, caller, { name: 'export', commandId: randomUUID(), testimonyId, action }, async (_tx, t) => {
        if (t.version !== doc.version || EXPORTABLE.has(t.status) === draft) {
          throw new AppError('stale', 'The testimony changed while the export was rendered');
        }
        return { events: [{ type: 'export.created', payload: { format: q.format, mode: q.mode, sha256, draft }, bumpsVersion: false }] };
      });
      return { ...art, sha256 };
    } catch (err) {
      if (err instanceof AppError && err.code === 'stale' && attempt < ATTEMPTS) continue;
      throw err;
    }
  }
}
