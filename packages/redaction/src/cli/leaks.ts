/*
 * npm run --silent leaks -- --text FILE --secrets SECRETS.json
 * SECRETS.json is a JSON array of strings. Prints one JSON object {"hits":[{secret,start,end,text}]}:
 * every place in the file's exact text (read as UTF-8; offsets are JavaScript string indices) where a
 * secret or any variant of it is visible, by the same matcher as the export gate. Nothing else on stdout.
 */
import { readFileSync } from 'node:fs';
import { gazetteerAliases } from '../aliases.ts';
import { findLeaks } from '../occurrences.ts';

function usage(msg: string): never {
  process.stderr.write(`${msg}\nusage: npm run --silent leaks -- --text FILE --secrets SECRETS.json\n`);
  process.exit(2);
}

function arg(name: string): string {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  if (!v) usage(`missing ${name}`);
  return v;
}

const textFile = arg('--text');
const secretsFile = arg('--secrets');
let text: string;
let secrets: unknown;
try {
  text = readFileSync(textFile, 'utf8');
  secrets = JSON.parse(readFileSync(secretsFile, 'utf8'));
} catch (e) {
  usage(`cannot read input: ${(e as Error).message}`);
}
if (!Array.isArray(secrets) || !secrets.every((s): s is string => typeof s === 'string')) usage('SECRETS.json must be a JSON array of strings');
const hits = findLeaks(text, secrets, gazetteerAliases).map(({ secret, start, end, text: t }) => ({ secret, start, end, text: t }));
process.stdout.write(JSON.stringify({ hits }) + '\n');
