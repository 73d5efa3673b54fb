/*
 * Quasi recall per subtype, for npm run eval:detect. Answer keys give each quasi-identifier a free-text
 * "why", not a subtype, so the subtype is read from that note by keywords (approximate; "other" when none
 * fits). Occurrences and coverage follow ../shared/eval/score.mjs exactly (word-bounded matches, `context`
 * windows, ambiguous entries left out, covered when at least half the letters are), so the subtype counts
 * add up to the scorer's quasi total.
 */
export interface QuasiLabel {
  text: string;
  why?: string;
  context?: string;
}
export interface SubtypeTally {
  ok: number;
  total: number;
}

const SUBTYPE_WORDS: Array<[string, RegExp]> = [
  ['sum', /\b(?:sum|paid|price|cost|fee|dollars?|pounds?|euros?|lira|money|ransom|bribe|salary|assets?|offer)\b/i],
  ['appearance', /\bdescription\b(?! of)|\bphysical\b/i],
  ['origin', /\bvillage (?:size|location|description)\b|\blandmark\b|\bcamp section\b|\bshelter\b|\bhouse\b|\blocation\b/i],
  ['duration', /\btime (?:in|at)\b|\bperiod\b|\bhistory\b/i],
  ['date', /\btiming\b|\btimeline\b|\bstart\b|\barrival\b/i],
  ['studies', /\beducation\b|\btraining\b/i],
  ['family', /\bhousehold\b|\bhousemates\b|\brelative|\brelation\b|\bcellmate\b|\bsponsor\b/i],
  ['unit', /\bposting\b|\bmilitary service\b|\bgroup size\b/i],
  ['profession', /\brole\b|\bshop\b/i],
  ['age', /\bage\b|\baged?\b|\byears? old\b|\bâge\b/i],
  ['languages', /\blanguages?\b|\bspeaks?\b|\blangues?\b/i],
  ['studies', /\bstud(?:y|ies|ied|ent)\b|\bdegree\b|\bschool\b|\buniversity\b|\bétudes?\b/i],
  ['tribe', /\btribe|\bclan\b|\btribal\b|\bethnic/i],
  ['appearance', /\bappearance\b|\bscar\b|\bbuild\b|\blimp\b|\btattoo|\bbeard\b|\bmark\b|\bheight\b|\binjur/i],
  ['group', /\bone of\b|\bonly\b|\bsmall group\b|\bfew\b|\bmember/i],
  ['unit', /\bunit\b|\bbattalion\b|\bbrigade\b|\bdivision\b|\bregiment\b|\bposition\b|\bpost\b|\bchekpoint\b|\bstationed\b/i],
  ['family', /\bfamily\b|\bchild|\bchildren\b|\bsons?\b|\bdaughters?\b|\bwife\b|\bhusband\b|\bmarri|\bsiblings?\b|\bbrothers?\b|\bsisters?\b|\bkids?\b|\bpregnan|\bfamille\b|\benfants?\b/i],
  ['profession', /\bjob\b|\bprofession|\bwork|\brank\b|\boccupation\b|\bteacher\b|\bdriver\b|\bemploy|\bmétier\b|\bcareer\b|\btrade\b/i],
  ['duration', /\bduration\b|\bsentence\b|\bfor \w+ (?:days|weeks|months|years)\b|\bhow long\b|\bdurée\b|\blength\b|\bmonths?\b|\bweeks?\b|\bdays?\b/i],
  ['date', /\bdate\b|\bwhen\b|\byear\b|\bday\b|\bmonth\b|\bnight\b|\barrest\b|\bescape\b|\bdeparture\b|\bleft\b/i],
  ['origin', /\borigin\b|\bfrom\b|\bnationality\b|\bregion\b|\bhome\b|\bnative\b|\borigine\b/i],
];

export function subtypeOfLabel(why: string | undefined): string {
  if (!why) return 'other';
  for (const [k, re] of SUBTYPE_WORDS) if (re.test(why)) return k;
  return 'other';
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isWordChar = (c: string | undefined): boolean => !!c && /[\p{L}\p{N}]/u.test(c);

function occurrences(text: string, entry: QuasiLabel): Array<[number, number]> {
  const windows = entry.context ? [...text.matchAll(new RegExp(escape(entry.context), 'gu'))].map((m) => [m.index, m.index + (entry.context ?? '').length]) : null;
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(new RegExp(escape(entry.text), 'gu'))) {
    const a = m.index;
    const b = a + entry.text.length;
    if (isWordChar(entry.text[0]) && a > 0 && isWordChar(text[a - 1])) continue;
    if (isWordChar(entry.text.at(-1)) && b < text.length && isWordChar(text[b])) continue;
    if (windows && !windows.some(([x = 0, y = 0]) => a >= x && b <= y)) continue;
    out.push([a, b]);
  }
  return out;
}

export function quasiBreakdown(text: string, quasi: readonly QuasiLabel[], ambiguousEntries: readonly QuasiLabel[], spans: ReadonlyArray<{ start: number; end: number }>): Map<string, SubtypeTally> {
  const covered = new Uint8Array(text.length);
  for (const s of spans) covered.fill(1, s.start, s.end);
  const ambiguous = ambiguousEntries.flatMap((e) => occurrences(text, e));
  const out = new Map<string, SubtypeTally>();
  for (const entry of quasi) {
    const kind = subtypeOfLabel(entry.why);
    for (const [a, b] of occurrences(text, entry)) {
      if (ambiguous.some(([x, y]) => a >= x && b <= y)) continue;
      let letters = 0;
      let hit = 0;
      for (let i = a; i < b; i++) {
        if (!isWordChar(text[i])) continue;
        letters++;
        if (covered[i]) hit++;
      }
      const tally = out.get(kind) ?? { ok: 0, total: 0 };
      tally.total++;
      if (!letters || hit / letters >= 0.5) tally.ok++;
      out.set(kind, tally);
    }
  }
  return out;
}
