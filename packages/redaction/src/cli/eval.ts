/*
 * npm run eval:detect [-- --verbose] [-- --fixtures] [-- --holdout] [-- --only=NAME]
 *
 * Runs the engine over ../shared/testimonies/*.txt (or, with --fixtures, the project's own synthetic
 * testimonies in packages/redaction/fixtures/) and scores each file with ../shared/eval/score.mjs, read at
 * run time, twice: the suggestions alone, and suggestions ∪ candidates (the name ledger's review list).
 * Prints per file and overall: must / hiding / quasi recall, over-redaction, burden, distinct undecided
 * candidate entities per 1k words, and quasi recall per subtype (see quasi-breakdown.ts).
 *
 * --holdout prints the fixed split separately (HOLDOUT below): rules are tuned on the first half and
 * judged on the held-back half. Exits 0 with a message when the scorer or the folder is absent.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { review } from '../review.ts';
import { quasiBreakdown, type QuasiLabel, type SubtypeTally } from './quasi-breakdown.ts';

interface Score {
  must_recall: number;
  must_total: number;
  hiding_recall: number;
  hiding_total: number;
  quasi_recall: number;
  quasi_total: number;
  over_redaction: number;
  must_not_total: number;
  errors: string[];
  missed: Array<{ kind: string; text: string; at: number }>;
  over_redacted: Array<{ text: string; at: number }>;
}

/*
 * The fixed split of the shared set. Tune half: the three scraped articles the engine was first built on
 * and the odd-numbered new texts (feature, French, podcast, bilingual, court, Rohingya). Held-back half:
 * the even-numbered ones (Q&A, NGO statement, voice notes, Arabic, French smuggler, public figures) —
 * one text of each form family on each side. Files not listed count in the tune half.
 */
const HELD_BACK = /^d(?:02|04|06|08|10|12)_/;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const shared = resolve(repoRoot, '..', 'shared');
const fixtures = process.argv.includes('--fixtures');
const testimonies = fixtures ? resolve(repoRoot, 'packages', 'redaction', 'fixtures') : join(shared, 'testimonies');
const scorer = join(shared, 'eval', 'score.mjs');
const verbose = process.argv.includes('--verbose');
const holdout = process.argv.includes('--holdout');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);

if (!existsSync(testimonies) || !existsSync(scorer)) {
  console.log(`eval:detect: ${testimonies} or ${scorer} not found; nothing to score.`);
  process.exit(0);
}

class Totals {
  must = [0, 0];
  unionMust = [0, 0];
  hiding = [0, 0];
  quasi = [0, 0];
  mustNot = [0, 0];
  spans = 0;
  words = 0;
  candidates = 0;
  subtypes = new Map<string, SubtypeTally>();
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const rate = ([ok = 0, n = 0]: number[]): number => (n ? ok / n : 1);
const add = (acc: number[], r: number, n: number): void => {
  acc[0] = (acc[0] ?? 0) + Math.round(r * n);
  acc[1] = (acc[1] ?? 0) + n;
};

function score(tmp: string, name: string, labels: string, txt: string, spans: unknown[]): Score {
  const out = join(tmp, name);
  writeFileSync(out, JSON.stringify({ spans }));
  const run = spawnSync(process.execPath, [scorer, labels, txt, out, '--json'], { encoding: 'utf8' });
  return JSON.parse(run.stdout) as Score;
}

function line(label: string, t: Totals): string {
  const per1k = (n: number): string => ((n * 1000) / Math.max(t.words, 1)).toFixed(1);
  return (
    `${label}: must ${pct(rate(t.must))} of ${t.must[1]} (∪ candidates ${pct(rate(t.unionMust))}), hiding ${pct(rate(t.hiding))} of ${t.hiding[1]}, ` +
    `quasi ${pct(rate(t.quasi))} of ${t.quasi[1]}, over-redaction ${pct(rate(t.mustNot))} of ${t.mustNot[1]}, ` +
    `burden ${per1k(t.spans)} spans/1k words, undecided candidates ${per1k(t.candidates)} entities/1k words`
  );
}

function subtypeLine(t: Totals): string {
  const parts = [...t.subtypes.entries()].sort((a, b) => b[1].total - a[1].total).map(([k, v]) => `${k} ${v.ok}/${v.total}`);
  return `  quasi by subtype: ${parts.join(', ')}`;
}

function merge(into: Totals, from: Totals): void {
  for (const k of ['must', 'unionMust', 'hiding', 'quasi', 'mustNot'] as const) {
    into[k][0] = (into[k][0] ?? 0) + (from[k][0] ?? 0);
    into[k][1] = (into[k][1] ?? 0) + (from[k][1] ?? 0);
  }
  into.spans += from.spans;
  into.words += from.words;
  into.candidates += from.candidates;
  for (const [k, v] of from.subtypes) {
    const cur = into.subtypes.get(k) ?? { ok: 0, total: 0 };
    into.subtypes.set(k, { ok: cur.ok + v.ok, total: cur.total + v.total });
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'redaction-eval-'));
const halves = { tune: new Totals(), held: new Totals() };
try {
  const files = readdirSync(testimonies).filter((f) => f.endsWith('.txt') && (!only || f.includes(only))).sort();
  for (const f of files) {
    const txt = join(testimonies, f);
    const labels = txt.replace(/\.txt$/, '.labels.json');
    if (!existsSync(labels)) continue;
    const text = readFileSync(txt, 'utf8');
    const result = review(text);
    const spans = result.spans.map((s) => ({ start: s.start, end: s.end, category: s.category, text: text.slice(s.start, s.end) }));
    const union = [...spans, ...result.review.map((r) => ({ start: r.start, end: r.end, category: 'other', text: r.text }))];
    const r = score(tmp, f + '.spans.json', labels, txt, spans);
    const u = score(tmp, f + '.union.json', labels, txt, union);
    const t = new Totals();
    add(t.must, r.must_recall, r.must_total);
    add(t.unionMust, u.must_recall, u.must_total);
    add(t.hiding, r.hiding_recall, r.hiding_total);
    add(t.quasi, r.quasi_recall, r.quasi_total);
    add(t.mustNot, r.over_redaction, r.must_not_total);
    t.spans = spans.length;
    t.words = (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
    t.candidates = new Set(result.review.map((m) => m.entityKey)).size;
    const key = JSON.parse(readFileSync(labels, 'utf8')) as { quasi?: QuasiLabel[]; ambiguous?: QuasiLabel[] };
    t.subtypes = quasiBreakdown(text, key.quasi ?? [], key.ambiguous ?? [], spans);
    const held = HELD_BACK.test(f);
    merge(held ? halves.held : halves.tune, t);
    console.log(line(`${f}${holdout ? (held ? ' [held]' : ' [tune]') : ''}`, t));
    for (const e of [...r.errors, ...u.errors]) console.log(`  error: ${e}`);
    if (verbose) {
      for (const m of r.missed) console.log(`  missed ${m.kind}: ${m.text} @${m.at}${m.kind !== 'hiding' && !u.missed.some((x) => x.at === m.at) ? ' (a candidate)' : ''}`);
      for (const m of r.over_redacted) console.log(`  over-redacted: ${m.text} @${m.at}`);
      for (const s of spans) console.log(`  span ${s.category} ${JSON.stringify(s.text)} @${s.start}`);
      for (const c of result.review) console.log(`  candidate ${c.entityKey} ${JSON.stringify(c.text)} @${c.start}`);
      console.log(subtypeLine(t));
    }
  }
  const overall = new Totals();
  merge(overall, halves.tune);
  merge(overall, halves.held);
  if (holdout) {
    console.log(line('TUNE HALF', halves.tune));
    console.log(subtypeLine(halves.tune));
    console.log(line('HELD-BACK HALF', halves.held));
    console.log(subtypeLine(halves.held));
  }
  console.log(line('OVERALL', overall));
  console.log(subtypeLine(overall));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
