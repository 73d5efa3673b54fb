import { sentenceAt, type SentenceContext } from './context.ts';
import type { Tokenised } from './tokens.ts';
import type { DetectedSpan } from './types.ts';
import { variantKey } from './normalise.ts';

/*
 * Hiding places, safe houses, escape helpers and routes. These are phrases, not names, so they are
 * found with grammar-shaped patterns: a shelter noun owned by a helper ("the farm of an old school
 * friend"), a helper's place ("a friend's in X"), a place "where he has been hiding", a helper reached
 * by a movement verb ("drove to his cousin's brother-in-law"), and routes over terrain.
 */
const HELPER = String.raw`(?:friend|relative|cousin|uncle|aunt|brother|sister|brothers?-in-law|sisters?-in-law|in-laws|neighbou?r|smuggler|trafficker|acquaintance|contact|guide|farmer|shepherd|family|fianc[ée]e?|colleague|classmate)s?`;
const SHELTER = String.raw`(?:safe ?house|safehouse|hide-?out|hiding (?:place|spot)|farm(?:house)?|house|home|flat|apartment|basement|cellar|barn|shed|stable|room|hut|tent|cave|orchard|warehouse|garage|attic|shelter|shop|workshop|bakery|mosque|villa|caravan|container)`;
const DET = String.raw`(?:a|an|the|his|her|my|our|their|one of the|one of his|one of her|one of my)`;
const PROPER = String.raw`\p{Lu}[\p{L}\p{M}'’-]+(?:\s\p{Lu}[\p{L}\p{M}'’-]+)?`;
const NP_TAIL = String.raw`(?:\s(?!who\b|which\b|where\b|when\b|until\b|and\b|but\b|because\b)[\p{L}\p{M}'’-]+){0,6}?`;

interface Pattern {
  re: RegExp;
  reason: string;
  confidence: number;
  /** only in sentences about the witness */
  personal?: boolean;
}

const PATTERNS: Pattern[] = [
  {
    // "the farm of an old school friend of his", "a safe house belonging to a smuggler"
    re: new RegExp(String.raw`\b${DET}\s(?:[\p{L}-]+\s){0,2}?${SHELTER}\s(?:of|belonging to|owned by|run by)\s${DET}${NP_TAIL}\s${HELPER}(?:\sof\s(?:his|hers|mine|ours|theirs))?\b`, 'giu'),
    reason: "helper's premises",
    confidence: 0.85,
  },
  {
    // "a friend's in X", "his uncle's house", "the smuggler's flat in X"
    re: new RegExp(String.raw`\b${DET}\s(?:[\p{L}-]+\s){0,2}?${HELPER}['’]s?(?:\s${SHELTER})?(?:\s(?:in|near|outside|on the outskirts of)\s${PROPER})`, 'gu'),
    reason: "stay at a helper's place",
    confidence: 0.85,
  },
  {
    re: new RegExp(String.raw`\b${DET}\s(?:[\p{L}-]+\s){0,2}?${HELPER}['’]s?\s${SHELTER}\b`, 'giu'),
    reason: "helper's premises",
    confidence: 0.75,
    personal: true,
  },
  {
    // "the room in X where he has been hiding"
    re: new RegExp(String.raw`\b${DET}\s(?:[\p{L}-]+\s){0,2}?${SHELTER}(?:\s(?:in|near|at)\s${PROPER})?\swhere(?:['’]s)?\s(?:he|she|I|we|they)\s(?:[\p{L}'’]+\s){0,3}?(?:hid|hides|hide|hiding|stayed|stays|staying|shelter(?:ed|s|ing)?|slept|sleeps|lived|lives|living|waited|waits)\b`, 'giu'),
    reason: 'hiding place',
    confidence: 0.9,
  },
  {
    // "drove to one of the farmer's brothers-in-law", "stayed with a cousin"
    re: new RegExp(String.raw`(?<=\b(?:drove|went|walked|ran|fled|escaped|moved|headed|hid|hiding|stayed|staying|sheltered|taken|brought|sent|turned|went back)\s(?:back\s)?(?:to|with|at)\s)${DET}\s(?:[\p{L}-]+['’]s\s)?(?:[\p{L}-]+\s){0,2}?${HELPER}\b`, 'giu'),
    reason: 'escape helper',
    confidence: 0.8,
  },
  {
    re: new RegExp(String.raw`\b(?:with the help of|helped by|thanks to|through)\s${DET}\s(?:[\p{L}-]+\s){0,2}?(?:smuggler|trafficker|guide|helper|contact|network)s?\b`, 'giu'),
    reason: 'escape helper',
    confidence: 0.75,
  },
  {
    re: /\b(?:a|the|his|her|my|our|their)\s(?:[\p{L}-]+\s)?(?:safe ?house|safehouse|hide-?out|hiding (?:place|spot)|secret room|underground shelter)\b(?:\s(?:of|belonging to|owned by|run by|in|near)\s(?:[\p{L}\p{M}'’-]+\s?){1,4})?/giu,
    reason: 'hiding place',
    confidence: 0.85,
  },
  {
    // routes over terrain: "across the fields", "through the mountains", "by boat"
    re: /\b(?:crossed|crossing|smuggled|headed|walked|drove|fled|escaped|sneaked|crept)\s(?:[\p{L}]+\s)?(?:across|through|over|via|along)\s(?:the\s)?(?:[\p{L}-]+\s){0,2}?(?:fields|mountains?|river|desert|forest|olive groves?|orchards?|tunnels?|smuggling route|back roads|hills|valley|marshes|minefields?)\b/giu,
    reason: 'escape route',
    confidence: 0.6,
    personal: true,
  },
];

export function detectHiding(doc: Tokenised, ctx: SentenceContext): DetectedSpan[] {
  const spans: DetectedSpan[] = [];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (const m of doc.text.matchAll(p.re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (p.personal && !ctx.hasPersonalSubject(sentenceAt(doc, start))) continue;
      spans.push({ start, end, category: 'hiding', confidence: p.confidence, reason: p.reason, entityKey: 'hiding:' + variantKey(m[0]) });
    }
  }
  return spans;
}
