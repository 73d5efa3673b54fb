// `npm run bench:export`: render and leak-gate time per format on a long synthetic testimony,
// the work an approval (all five formats) or an export request does. Prints a table and JSON.
import { performance } from 'node:perf_hooks';
import { detect } from '@desk/redaction';
import { EXPORT_FORMATS } from '@desk/protocol';
import { leakGate, renderExport, secretsOf, type ExportDocument, type ExportGroup, type ExportRedaction } from '../index.ts';

const PARAGRAPHS = [
  'The witness, whom we will call Nadia, was born in the village of Tell Sanduq. Her brother Karim Aswad drove a bus.',
  'In 2015 a commander who called himself Abu Layth al-Tamimi took the school. "Abu Layth came at night," Nadia said.',
  'She hid for two months in the farm of an old school friend near Kafr Dalia, then a smuggler known as Abu Munir took her across for 1,500 dollars.',
  'قال أبو ليث إن القرية ستبقى مغلقة. اختبأت نادية في بيت صديقتها في قرية تل صندوق.',
  'Today she lives in Gaziantep with her two children and works as a seamstress. Turkey, she says, was kind to them. 🕊️',
];

function buildDocument(words: number): ExportDocument {
  const parts: string[] = [];
  let count = 0;
  for (let i = 0; count < words; i++) {
    const p = PARAGRAPHS[i % PARAGRAPHS.length] ?? '';
    parts.push(p);
    count += p.split(/\s+/).length;
  }
  const body = parts.join('\n\n');
  const spans = detect(body);
  const groups = new Map<string, ExportGroup>();
  const ordinals = new Map<string, number>();
  const redactions: ExportRedaction[] = spans.map((s, i) => {
    const gk = `${s.category}:${s.entityKey}`;
    let g = groups.get(gk);
    if (!g) {
      const ordinal = (ordinals.get(s.category) ?? 0) + 1;
      ordinals.set(s.category, ordinal);
      g = { id: `g${groups.size}`, category: s.category, ordinal, label: body.slice(s.start, s.end) };
      groups.set(gk, g);
    }
    return { id: `r${i}`, start: s.start, end: s.end, category: s.category, state: 'accepted', entityGroupId: g.id, reason: null, decidedBy: 'Bench' };
  });
  return {
    docId: 'T-bench000',
    language: 'en',
    body,
    version: 1,
    status: 'approved',
    draft: false,
    generatedAt: new Date().toISOString(),
    redactions,
    groups: [...groups.values()],
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const WORDS = Number(process.env.BENCH_WORDS ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const doc = buildDocument(WORDS);
const secrets = secretsOf(doc);
console.log(`document: ${WORDS.toLocaleString('en')} words, ${doc.body.length.toLocaleString('en')} chars, ${doc.redactions.length} accepted redactions, ${doc.groups.length} entity groups`);
console.log('format | render p50 ms | gate p50 ms | bytes   | gate ok');
const rows = [];
for (const format of EXPORT_FORMATS) {
  const render: number[] = [];
  const gate: number[] = [];
  let bytes = 0;
  let ok = true;
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    const art = await renderExport(doc, format, 'pseudonym');
    render.push(performance.now() - t);
    t = performance.now();
    const g = await leakGate(art, secrets);
    gate.push(performance.now() - t);
    bytes = art.bytes.length;
    ok = ok && g.ok;
  }
  const row = { format, render_ms: Math.round(median(render)), gate_ms: Math.round(median(gate)), bytes, gate_ok: ok };
  rows.push(row);
  console.log(`${format.padEnd(6)} | ${String(row.render_ms).padStart(13)} | ${String(row.gate_ms).padStart(11)} | ${String(bytes).padStart(7)} | ${ok}`);
}
const total = rows.reduce((s, r) => s + r.render_ms + r.gate_ms, 0);
console.log(`approval check (all five formats rendered and gated): ${total} ms`);
console.log(JSON.stringify({ words: WORDS, redactions: doc.redactions.length, formats: rows, approval_ms: total }));
