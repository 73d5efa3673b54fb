import type { Tokenised } from './tokens.ts';

/*
 * Runs many regular expressions over a long text quickly. A pattern may name trigger words (lower
 * case; a hyphenated token also counts by its parts): it is then only run on the sentences that
 * contain one of them, found with one pass over the tokens. Patterns without triggers scan the text.
 */
export interface Scannable {
  re: RegExp;
  triggers?: readonly string[];
}

export function* scan(doc: Tokenised, patterns: readonly Scannable[]): Generator<[number, RegExpMatchArray]> {
  const index = new Map<string, number[]>();
  patterns.forEach((p, i) => {
    for (const w of p.triggers ?? []) {
      const list = index.get(w) ?? [];
      list.push(i);
      index.set(w, list);
    }
  });
  const sentencesOf: Array<Set<number> | undefined> = patterns.map((p) => (p.triggers ? new Set<number>() : undefined));
  if (index.size > 0) {
    for (const t of doc.tokens) {
      const hit = index.get(t.lower);
      if (hit) for (const i of hit) sentencesOf[i]?.add(t.sentence);
      if (t.lower.includes('-')) {
        for (const part of t.lower.split('-')) {
          const h = index.get(part);
          if (h) for (const i of h) sentencesOf[i]?.add(t.sentence);
        }
      }
    }
  }
  for (let i = 0; i < patterns.length; i++) {
    const p = patterns[i];
    if (!p) continue;
    const only = sentencesOf[i];
    if (!only) {
      for (const m of execAll(p.re, doc.text, 0)) yield [i, m];
      continue;
    }
    const sorted = [...only].sort((a, b) => a - b);
    for (const si of sorted) {
      const s = doc.sentences[si];
      if (!s) continue;
      // Sentence ends exclude closing punctuation; a few characters more keep "…house." patterns whole.
      const slice = doc.text.slice(s.start, Math.min(doc.text.length, s.end + 2));
      for (const m of execAll(p.re, slice, s.start)) yield [i, m];
    }
  }
}

/*
 * All matches of a global pattern, offsets shifted by `offset`. An exec loop on the pattern itself:
 * String.prototype.matchAll clones the RegExp on every call, which dominated the engine's time once
 * there were a hundred patterns run sentence by sentence.
 */
function* execAll(re: RegExp, text: string, offset: number): Generator<RegExpMatchArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) re.lastIndex++;
    const at = m.index;
    m.index = at + offset;
    yield m;
  }
}
