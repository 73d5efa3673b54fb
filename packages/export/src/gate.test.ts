import { describe, expect, it } from 'vitest';
import { variantKey } from '@desk/redaction';
import { extract, gateArtefact, gateExports, leakGate, renderExport, secretsOf, EXPORT_FORMATS } from './index.ts';
import { docWith } from './test/fixtures.ts';

const BODY = 'The witness Samir Haddad hid near the mill.\nLater Sameer Hadad crossed at night.\nقال سمير إنه اختبأ (في حلب) عام 2012 🕊️.';

describe('leak gate', () => {
  it('blocks an export where another spelling of a redacted name is still visible, and says where', async () => {
    expect(variantKey('Sameer Hadad')).toBe(variantKey('Samir Haddad'));
    const doc = docWith(BODY, [{ needle: 'Samir Haddad' }, { needle: 'سمير' }]);
    for (const format of EXPORT_FORMATS) {
      const art = await renderExport(doc, format, 'label');
      const gate = await leakGate(art, secretsOf(doc));
      expect(gate.ok, format).toBe(false);
      const hit = gate.findings.find((f) => f.part === 'text' && f.match === 'variant');
      expect(hit, format).toMatchObject({ format, category: 'person', length: 'Sameer Hadad'.length, text: 'Sameer Hadad' });
      if (format === 'txt') expect(hit).toMatchObject({ line: 4, column: 7 });
    }
  });

  it('blocks every alias of an entity group with an accepted span, even one a reviewer rejected', async () => {
    const doc = docWith(BODY, [
      { needle: 'Samir Haddad', group: 'samir' },
      { needle: 'Sameer Hadad', group: 'samir', state: 'rejected' },
      { needle: 'سمير', group: 'samir' },
    ]);
    const gate = await leakGate(await renderExport(doc, 'txt', 'pseudonym'), secretsOf(doc));
    expect(gate.ok).toBe(false);
    expect(new Set(gate.findings.map((f) => `${f.line}:${f.column}`))).toEqual(new Set(['4:7']));
  });

  it('passes once every spelling is redacted, in every format and mode', async () => {
    const doc = docWith(BODY, [
      { needle: 'Samir Haddad', group: 'samir' },
      { needle: 'Sameer Hadad', group: 'samir' },
      { needle: 'سمير', group: 'samir' },
      { needle: 'حلب', category: 'place' },
    ]);
    for (const format of EXPORT_FORMATS) {
      for (const mode of ['bar', 'label', 'pseudonym'] as const) {
        const art = await renderExport(doc, format, mode);
        const gate = await leakGate(art, secretsOf(doc));
        expect(gate.findings, `${format}/${mode}`).toEqual([]);
      }
    }
  });

  it('a reason quoting a redacted name never reaches an export, so it cannot trip the gate', async () => {
    const doc = docWith(BODY, [{ needle: 'Samir Haddad' }, { needle: 'Sameer Hadad' }, { needle: 'سمير' }, { needle: 'حلب', category: 'place' }]);
    doc.redactions[0]!.reason = 'this is Samir Haddad, the brother, lives above the bakery';
    for (const format of EXPORT_FORMATS) {
      const art = await renderExport(doc, format, 'label');
      const { text, metadata } = await extract(format, art.bytes);
      expect(text + metadata, format).not.toMatch(/Samir|bakery|brother|Editor One/);
      expect((await gateArtefact(doc, art)).length, format).toBe(0);
    }
  });

  it('points each finding at the testimony: visible text, paragraph, offsets, every format, once', async () => {
    const doc = docWith(BODY, [{ needle: 'Samir Haddad' }, { needle: 'سمير' }, { needle: 'حلب', category: 'place' }]);
    const findings = await gateExports(doc);
    expect(findings).toEqual([
      { start: BODY.indexOf('Sameer'), end: BODY.indexOf('Sameer') + 12, paragraph: 2, text: 'Sameer Hadad', category: 'person', match: 'variant', formats: [...EXPORT_FORMATS], part: 'text', line: null, column: null },
    ]);
  });

  it('the product\'s own words never block: a redacted word the export chrome also uses', async () => {
    const body = 'They met at the Desk café, then left.\nNobody saw them.';
    const doc = docWith(body, [{ needle: 'Desk', category: 'place' }]);
    expect(await gateExports(doc)).toEqual([]);
  });
});

describe('document metadata', () => {
  const doc = docWith(BODY, [{ needle: 'Samir Haddad' }, { needle: 'Sameer Hadad' }, { needle: 'سمير' }]);

  it('DOCX core properties carry the neutral id and the desk, never a person', async () => {
    const art = await renderExport(doc, 'docx', 'bar');
    const { metadata } = await extract('docx', art.bytes);
    const core = metadata.slice(metadata.indexOf('docProps/core.xml'));
    expect(core).toContain('T-5f3a9c1e');
    expect(core).toContain('Testimony Desk');
    expect(metadata).not.toMatch(/Un-named|Editor One|Samir|Sameer|سمير/);
  });

  it('PDF info dictionary carries the neutral id and the desk, never a person', async () => {
    const art = await renderExport(doc, 'pdf', 'bar');
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdf = await pdfjs.getDocument({ data: art.bytes.slice(), verbosity: 0 }).promise;
    const info: unknown = (await pdf.getMetadata()).info;
    await pdf.destroy();
    expect(info).toMatchObject({ Title: 'T-5f3a9c1e', Author: 'Testimony Desk', Creator: 'Testimony Desk', Producer: 'Testimony Desk' });
    expect(JSON.stringify(info)).not.toMatch(/Editor One|Samir|سمير|PDFKit/);
  });

  it('marks an unapproved export as DRAFT in every format', async () => {
    const draft = { ...doc, draft: true, status: 'in_review' as const };
    for (const format of EXPORT_FORMATS) {
      const art = await renderExport(draft, format, 'label');
      const { text } = await extract(format, art.bytes);
      expect(text, format).toMatch(/DRAFT/);
      expect(art.filename).toMatch(/-DRAFT\./);
    }
  });
});
