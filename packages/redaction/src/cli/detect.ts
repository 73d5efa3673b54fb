/* npm run --silent detect -- <file>: prints {"spans":[{start,end,category,text}]} for the file, nothing else. */
import { readFileSync } from 'node:fs';
import { detect } from '../detect.ts';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: npm run --silent detect -- <file>\n');
  process.exit(2);
}
const text = readFileSync(file, 'utf8');
const spans = detect(text).map((s) => ({ start: s.start, end: s.end, category: s.category, text: text.slice(s.start, s.end) }));
process.stdout.write(JSON.stringify({ spans }) + '\n');
