import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Category, LeakFindingDto } from '@desk/protocol';
import { extract, EXPORT_FORMATS, REPLACEMENT_MODES, renderExport } from '@desk/export';
import { findOccurrences } from '@desk/redaction';
import { startTestServer, type TestServer } from './harness.ts';
import { buildUser, type BuiltUser } from './factories.ts';
import { callerOf, reviewedTestimony } from './pipeline-helpers.ts';
import { submitApproval } from '../src/commands/approvals.commands.ts';
import { redactAll } from '../src/commands/entities.commands.ts';
import { loadExportDocument } from '../src/commands/export.source.ts';
import { findTestimonySummary } from '../src/repo/testimonies.repo.ts';
import { AppError } from '../src/errors.ts';

/*
 * Acceptance of the leak gate, one class of spelling at a time: one spelling redacted, another left
 * visible → the approval is refused with a finding naming the visible text and its paragraph; after
 * "Redact this too" (redact-all of that text) it goes through, and no format in any mode contains
 * either spelling. Names and places are invented.
 */
let srv: TestServer;
let editor: BuiltUser;

beforeAll(async () => {
  srv = await startTestServer();
  editor = await buildUser(srv.app.ctx, { role: 'editor', name: 'Gita Gate' });
});
afterAll(async () => {
  await srv.close();
});

const CASES: Array<{ cls: string; body: string; redact: string; visible: string; category: Category }> = [
  { cls: 'article one way only', body: 'He grew up in al-Zahra, by the river.\nEveryone in Zahrah knew the family.', redact: 'al-Zahra', visible: 'Zahrah', category: 'place' },
  { cls: 'French ending', body: 'We reached Rashidin at dusk.\nA Rashidine, le passeur attendait.', redact: 'Rashidin', visible: 'Rashidine', category: 'place' },
  { cls: 'joined and split forms', body: 'The road to Kafr Takharim was closed.\nIn Kafrtakharim we waited a week.', redact: 'Kafr Takharim', visible: 'Kafrtakharim', category: 'place' },
  { cls: 'Turkish name split by a space', body: "We crossed near Yayladağı at night.\nIn Yayla Dağı nobody asked questions.", redact: 'Yayladağı', visible: 'Yayla Dağı', category: 'place' },
  { cls: 'Latin to Arabic script', body: 'My brother Nizar stayed behind.\nقال نزار إنه سيلحق بنا.', redact: 'Nizar', visible: 'نزار', category: 'person' },
  { cls: 'Arabic to Latin script', body: 'قال نزار إنه سيلحق بنا.\nLater Nizar wrote to us.', redact: 'نزار', visible: 'Nizar', category: 'person' },
  { cls: "a city's other name", body: 'My cousin lives in Şanlıurfa now.\nIn Urfa the rent is cheap.', redact: 'Şanlıurfa', visible: 'Urfa', category: 'place' },
  { cls: 'a first name alone', body: 'The smuggler Rami Haddad took our money.\nRami said the border was open.', redact: 'Rami Haddad', visible: 'Rami', category: 'person' },
  { cls: 'a place inside a hyphenated compound', body: 'We lived in Tarmala for years.\nThe Kurnaz-Tarmala road was mined.', redact: 'Tarmala', visible: 'Tarmala', category: 'place' },
];

async function approvalError(testimonyId: string, version: number): Promise<AppError | null> {
  try {
    await submitApproval(srv.app.ctx, callerOf(editor), { commandId: randomUUID(), testimonyId, kind: 'editorial', version });
    return null;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
}

describe('leak gate: one spelling redacted, another visible', () => {
  for (const c of CASES) {
    it(`${c.cls}: refused with the text and paragraph, then "Redact this too" clears every format`, async () => {
      const t = await reviewedTestimony(srv.app.ctx, editor, { body: c.body, redact: [{ needle: c.redact, category: c.category }] });
      const err = await approvalError(t.id, t.version);
      expect(err?.code).toBe('leak_detected');
      const findings = (err?.details as { findings: LeakFindingDto[] }).findings;
      const visibleAt = c.body.lastIndexOf(c.visible);
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ text: c.visible, paragraph: 2, start: visibleAt, end: visibleAt + c.visible.length });
      expect(findings[0]?.formats.length).toBeGreaterThan(0);

      // "Redact this too": every mention of the finding's text, in its category.
      const f = findings[0]!;
      await redactAll(srv.app.ctx, callerOf(editor), { commandId: randomUUID(), testimonyId: t.id, needle: f.text ?? '', category: f.category as Category });
      const version = (await findTestimonySummary(srv.app.ctx.db, t.id))?.version ?? 0;
      expect(await approvalError(t.id, version)).toBeNull();

      const doc = await loadExportDocument(srv.app.ctx.db, t.id, false);
      for (const format of EXPORT_FORMATS)
        for (const mode of REPLACEMENT_MODES) {
          const { text, metadata } = await extract(format, (await renderExport(doc, format, mode)).bytes);
          for (const spelling of [c.redact, c.visible]) {
            expect(text.includes(spelling) || findOccurrences(text, spelling).length > 0, `${format}/${mode}: ${spelling}`).toBe(false);
            expect(metadata.includes(spelling), `${format}/${mode} metadata: ${spelling}`).toBe(false);
          }
        }
    }, 60_000);
  }
});
