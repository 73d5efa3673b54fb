/*
 * npm run eval:detect [-- --verbose] [-- --fixtures]: runs the engine over ../shared/testimonies/*.txt
 * (or, with --fixtures, over the project's own synthetic testimonies in packages/redaction/fixtures/) and
 * scores each file with ../shared/eval/score.mjs, read at run time. Exits 0 with a message when the
 * scorer or the folder is absent (e.g. a clone without ../shared).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detect } from '../detect.ts';

interface Score {
  must_recall: number;
  must_total: number;
  hiding_recall: number;
  hiding_total: number;
  quasi_recall: number;
  quasi_total: number;
  over_redaction: number;
  must_not_total: number;
  burden_per_1k_words: number;
  errors: string[];
  missed: Array<{ kind: string; text: string; at: number }>;
  over_redacted: Array<{ text: string; at: number }>;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const shared = resolve(repoRoot, '..', 'shared');
const fixtures = process.argv.includes('--fixtures');
const testimonies = fixtures ? resolve(repoRoot, 'packages', 'redaction', 'fixtures') : join(shared, 'testimonies');
const scorer = join(shared, 'eval', 'score.mjs');
const verbose = process.argv.includes('--verbose');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);

if (!existsSync(testimonies) || !existsSync(scorer)) {
  console.log(`eval:detect: ${testimonies} or ${scorer} not found; nothing to score.`);
  process.exit(0);
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const tmp = mkdtempSync(join(tmpdir(), 'redaction-eval-'));
const totals = { must: [0, 0], hiding: [0, 0], quasi: [0, 0], mustNot: [0, 0], spans: 0, words: 0 };
try {
  const files = readdirSync(testimonies).filter((f) => f.endsWith('.txt') && (!only || f.includes(only))).sort();
  for (const f of files) {
    const txt = join(testimonies, f);
    const labels = txt.replace(/\.txt$/, '.labels.json');
    if (!existsSync(labels)) continue;
    const text = readFileSync(txt, 'utf8');
    const spans = detect(text).map((s) => ({ start: s.start, end: s.end, category: s.category, text: text.slice(s.start, s.end) }));
    const out = join(tmp, f + '.spans.json');
    writeFileSync(out, JSON.stringify({ spans }));
    const run = spawnSync(process.execPath, [scorer, labels, txt, out, '--json'], { encoding: 'utf8' });
    const r = JSON.parse(run.stdout) as Score;
    const words = (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
    const add = (k: 'must' | 'hiding' | 'quasi' | 'mustNot', rate: number, n: number): void => {
      totals[k][0] = (totals[k][0] ?? 0) + Math.round(rate * n);
      totals[k][1] = (totals[k][1] ?? 0) + n;
    };
    add('must', r.must_recall, r.must_total);
    add('hiding', r.hiding_recall, r.hiding_total);
    add('quasi', r.quasi_recall, r.quasi_total);
    add('mustNot', r.over_redaction, r.must_not_total);
    totals.spans += spans.length;
    totals.words += words;
    console.log(
      `${f}: must ${pct(r.must_recall)} of ${r.must_total}, hiding ${pct(r.hiding_recall)} of ${r.hiding_total}, quasi ${pct(r.quasi_recall)} of ${r.quasi_total}, over-redaction ${pct(r.over_redaction)} of ${r.must_not_total}, burden ${r.burden_per_1k_words.toFixed(1)} spans/1k words`,
    );
    for (const e of r.errors) console.log(`  error: ${e}`);
    if (verbose) {
      for (const m of r.missed) console.log(`  missed ${m.kind}: ${m.text} @${m.at}`);
      for (const m of r.over_redacted) console.log(`  over-redacted: ${m.text} @${m.at}`);
      for (const s of spans) console.log(`  span ${s.category} ${JSON.stringify(s.text)} @${s.start}`);
    }
  }
  const rate = ([ok, n]: number[]): number => ((n ?? 0) ? (ok ?? 0) / (n ?? 1) : 1);
  console.log(
    `OVERALL: must ${pct(rate(totals.must))} of ${totals.must[1]}, hiding ${pct(rate(totals.hiding))} of ${totals.hiding[1]}, quasi ${pct(rate(totals.quasi))} of ${totals.quasi[1]}, over-redaction ${pct(rate(totals.mustNot))} of ${totals.mustNot[1]}, burden ${((totals.spans * 1000) / Math.max(totals.words, 1)).toFixed(1)} spans/1k words`,
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
