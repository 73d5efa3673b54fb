import type { Tokenised } from './tokens.ts';

/*
 * Named institutions are public: a media outlet ("Northbridge Radio", "Radio Kalima"), a ministry, an
 * intelligence branch, a court, a university, a party. They are recognised by their head word, so
 * the engine needs no list of every outlet: a capitalised run that ends in (or starts with "X of") an
 * institution word is marked public like an allow-list term. A lone head word ("the Police") is left
 * to the allow-list.
 */
const TAILS = new Set(
  (
    'radio tv television news times post herald gazette journal magazine channel network agency press podcast broadcasting media ' +
    'intelligence ministry directorate police army forces force guard guards gendarmerie council committee commission court tribunal ' +
    'university foundation institute organisation organization union party front movement federation association society bank ' +
    'company corporation airways airlines parliament assembly government administration authority office'
  ).split(' '),
);
const HEADS_OF = new Set('ministry university court council directorate department office institute bank party union federation association commission'.split(' '));
const LEADS = new Set(['radio', 'tv', 'télé', 'radio-canada']);

export function markInstitutions(doc: Tokenised, pub: Uint8Array): void {
  const { tokens } = doc;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t || !t.cap || t.arabic) continue;
    // "X Y Radio": walk back over capitalised words on the same line (at most 4).
    if (TAILS.has(t.lower) && !t.allCaps) {
      let a = i;
      while (a > 0 && i - a < 4) {
        const p = tokens[a - 1];
        if (!p || !p.cap || p.line !== t.line || p.possessive || doc.text.slice(p.end, tokens[a]?.start ?? p.end).trim() !== '') break;
        a--;
      }
      if (a < i) pub.fill(1, a, i + 1);
      continue;
    }
    // "Ministry of Interior", "University of Aleppo", "Radio Rozana".
    const next = tokens[i + 1];
    const after = tokens[i + 2];
    if (HEADS_OF.has(t.lower) && next?.lower === 'of' && after?.cap && after.line === t.line) {
      let b = i + 2;
      while (b + 1 < tokens.length && tokens[b + 1]?.cap && tokens[b + 1]?.line === t.line && b - i < 5) b++;
      pub.fill(1, i, b + 1);
    } else if (LEADS.has(t.lower) && next?.cap && next.line === t.line && !t.posStart) {
      pub.fill(1, i, i + 2);
    }
  }
}
