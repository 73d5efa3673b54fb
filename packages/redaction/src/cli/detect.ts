/*
 * npm run --silent detect -- <file>: prints {"spans":[{start,end,category,text}],"review":[{start,end,text,entityKey}]}
 * for the file (UTF-8), nothing else. `review` lists every mention of every name-like entity that is neither
 * suggested nor public (the name ledger's candidates). Offsets are UTF-16 indices into the file's exact text.
 */
import { readFileSync } from 'node:fs';
import { review } from '../review.ts';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: npm run --silent detect -- <file>\n');
  process.exit(2);
}
const text = readFileSync(file, 'utf8');
const result = review(text);
const spans = result.spans.map((s) => ({ start: s.start, end: s.end, category: s.category, text: text.slice(s.start, s.end) }));
const candidates = result.review.map((r) => ({ start: r.start, end: r.end, text: r.text, entityKey: r.entityKey }));
process.stdout.write(JSON.stringify({ spans, review: candidates }) + '\n');
