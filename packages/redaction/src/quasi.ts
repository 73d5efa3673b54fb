import { sentenceAt, type SentenceContext } from './context.ts';
import { variantKey } from './normalise.ts';
import { scan } from './scan.ts';
import type { Tokenised } from './tokens.ts';
import type { DetectedSpan, QuasiSubtype } from './types.ts';

/*
 * Quasi-identifiers: facts that single out the witness when combined (age, job, studies, family,
 * tribe, dates of personal events, sums paid, time served, appearance). Most only count in sentences
 * about the witness: "$2.90 per month" in a subscription banner is not a quasi-identifier.
 */
const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?';
const NUM = '(?:\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|several|a few|a couple of)';
const UNIT = '(?:days?|weeks?|months?|years?)';
const JOB =
  '(?:worker|labou?rer|student|teacher|doctor|nurse|engineer|farmer|driver|imam|soldier|officer|policeman|police officer|lawyer|pharmacist|shopkeeper|mechanic|tailor|baker|butcher|carpenter|electrician|plumber|accountant|builder|trader|merchant|shepherd|fisherman|barber|cook|chef|clerk|civil servant|technician|programmer|dentist|surgeon|paramedic|midwife|professor|lecturer|activist|smuggler|guard|muezzin|preacher|apprentice|day labou?rer|labou?rer|mukhtar|vendor|seller|street vendor|taxi driver|bus driver|truck driver|cleaner|waiter|builder|welder|painter|blacksmith|jeweller|goldsmith|hairdresser|journalism student|law student|medical student)';

export interface QuasiPattern {
  re: RegExp;
  subtype: QuasiSubtype;
  confidence: number;
  personal: boolean;
  /** run only on sentences holding one of these words (see scan.ts) */
  triggers?: readonly string[];
}

const P = (re: RegExp, subtype: QuasiSubtype, personal = true, confidence = 0.7): QuasiPattern => ({ re, subtype, personal, confidence });

const PATTERNS: QuasiPattern[] = [
  P(/(?<=\p{Lu}[\p{L}\p{M}'’-]+,\s)\d{1,2}(?=,)/gu, 'age', false, 0.85),
  P(new RegExp(`\\b\\d{1,2}[- ]years?[- ]old(?:\\s(?:former\\s|ex-|retired\\s|unemployed\\s)?(?:[\\p{L}'’-]+\\s)?${JOB}s?\\b)?`, 'giu'), 'age', true, 0.85),
  P(/\b(?:aged|age of)\s\d{1,2}\b/giu, 'age', false, 0.8),
  P(/\bin (?:his|her) (?:early |mid-?|late )?(?:teens|twenties|thirties|forties|fifties|sixties|seventies)\b/giu, 'age'),
  P(new RegExp(`\\b(?:a |an )?(?:former|ex-|retired|trainee|qualified|young)\\s(?:[\\p{L}-]+\\s){0,2}?${JOB}s?\\b`, 'giu'), 'profession', false),
  P(new RegExp(`\\bused to (?:be|work as) (?:a|an|the) ${JOB}(?: (?:in|at|of) (?:his|her|their|my|our|the) (?:home |native )?(?:village|town|city|school|hospital|mosque))?`, 'giu'), 'profession'),
  P(new RegExp(`\\bworked as (?:a|an) (?:[\\p{L}-]+\\s)?${JOB}\\b`, 'giu'), 'profession'),
  P(/\b(?:studied|studying|studies|degree in)\s(?:[\p{L}-]+\s){0,2}?(?:law|medicine|engineering|pharmacy|literature|economics|chemistry|physics|computer science|mathematics|history|agriculture|dentistry|English|Arabic)\b/giu, 'studies'),
  P(/\b(?:my|his|her)\s(?:[\p{Lu}\p{L}]{2,}\s)?(?:studies|degree|diploma)\b/gu, 'studies'),
  P(/\b\p{Lu}{2,}\sstudies\b/gu, 'studies'),
  P(/\b(?:married|engaged|divorced|widowed)(?: with (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten) (?:children|kids|sons|daughters))?\b/giu, 'family'),
  P(/\b(?:father|mother) of (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\b/giu, 'family'),
  P(/\b(?:his|her|my) (?:own )?(?:tribe|clan)\b|\btribal (?:allegiances?|ties|links|loyalt(?:y|ies)|affiliation)\b|\bthe \p{Lu}[\p{L}-]+ (?:tribe|clan)\b/giu, 'tribe', false),
  P(new RegExp(`\\b(?:in |on |since |until |by )?(?:early |late |mid-)?${MONTH}(?: \\d{1,2})?,? (?:19|20)\\d\\d\\b`, 'gu'), 'date'),
  P(/\b(?:at|since|from|in)(?: the)? (?:very )?(?:beginning|start|end|outbreak|height) of the [\p{L}-]+(?: [\p{L}-]+)? in (?:19|20)\d\d\b/giu, 'date'),
  P(/\bin (?:19|20)\d\d\b/gu, 'date'),
  P(new RegExp(`\\b(?:just |only )?${NUM} ${UNIT} ago\\b|\\b(?:in|over|during) the (?:past|last) (?:few )?${UNIT}\\b|\\blast (?:week|month|year|summer|winter|spring|autumn)\\b`, 'giu'), 'date'),
  P(new RegExp(`\\b(?:held|detained|imprisoned|jailed|served|spent|stayed|fought|hid|hiding|worked|studied)(?: for)? ${NUM} ${UNIT}(?: and a half)?\\b|\\bfor (?:a|one|two|three|four|five|\\d+) (?:years?|months?)(?: and a half)?\\b`, 'giu'), 'duration'),
  P(/\b(?:sentenced to|served|serving)\s(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|life)\b(?:\s(?:years?|months?))?/giu, 'duration'),
  P(/\b(?:(?:paid|paying|pay|pays|cost|costs|charged|owed|earned|earning|salary of|fee of|bribe of|sum of)\s(?:(?:the|a|his|her|my|each|per|to|smugglers?|traffickers?|[\p{L}]+)\s){0,2}?)?(?:US\s?\$|\$|€|£)\s?\d[\d,.]*(?:\s?(?:k|thousand|million))?\b|\b\d[\d,.]*\s(?:dollars|euros|pounds|lira|liras|dinars)\b/giu, 'sum'),
  P(/\b(?:monthly|weekly|daily)\s(?:salary|wage|pay|stipend)\b/giu, 'sum'),
  P(/\b(?:together )?with (?:\d+|dozens of|hundreds of) other (?:men|fighters|people|defectors|prisoners|soldiers)\b/giu, 'group'),
  P(/\bclean-shaven\b|\bshaved off (?:his|her) (?:[\p{L}]+ )?beard\b|\b(?:his|her) hair (?:is|was) \p{L}+\b|\b(?:a|his|her) (?:[\p{L}]+ )?(?:scar|tattoo|limp)\b/giu, 'appearance', false, 0.6),
  // jobs without "former": "works as a tailor", "drives a taxi", "works in a phone repair shop", "the mukhtar"
  P(new RegExp(`\\b(?:works?|working|worked) as (?:a|an|the) (?:[\\p{L}-]+\\s)?${JOB}\\b`, 'giu'), 'profession'),
  P(/\b(?:drives|drove|driving|runs|ran|running|owns|owned|opened|keeps|kept) (?:a|an|the|his|her) (?:small |little |family |tiny )?(?:taxi|shop|bakery|grocery|pharmacy|restaurant|café|cafe|stall|workshop|garage|butcher's|barbershop|minibus|lorry|truck|falafel stand|clinic)\b/giu, 'profession'),
  P(/\b(?:works?|working|worked) (?:in|at|on) (?:a|an|the) (?:[\p{L}-]+\s){0,3}?(?:shop|bakery|factory|restaurant|hospital|school|farm|garage|workshop|market|pharmacy|hotel|warehouse|construction sites?|building sites?|field|fields)\b/giu, 'profession'),
  P(/\b(?:the|a) (?:village |local )?(?:mukhtar|headman|muezzin)\b/giu, 'profession'),
  // family: "our two sons", "his mother and four sisters", "his youngest daughter"
  P(/\b(?:my|his|her|our|their)\s(?:(?:wife|mother|father|parents)\sand\s)?(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s(?:young\s|little\s)?(?:children|kids|sons|daughters|brothers|sisters|wives)\b/giu, 'family'),
  P(/\b(?:his|her|my|their|our)\s(?:youngest|eldest|oldest|younger|older|only|twin)\s(?:son|daughter|brother|sister|child)\b/giu, 'family'),
  // French: age, former job, dates, sums with grouped thousands, children
  P(/(?<![\p{L}\p{N}])\d{1,2}\sans(?![\p{L}])/gu, 'age', false, 0.8),
  P(/(?<![\p{L}])(?:ancien|ancienne|ex-)\s?(?:[\p{L}-]+\s)?(?:professeur|enseignant|enseignante|étudiant|étudiante|médecin|infirmier|infirmière|ingénieur|soldat|policier|avocat|boulanger|berger|chauffeur|commerçant|agriculteur|mécanicien|pharmacien|imam|fonctionnaire|militaire|officier)s?(?:\s(?:de|d['’]|en)\s?[\p{L}]+)?/giu, 'profession', false),
  P(/(?<![\p{L}])(?:en |le |depuis |jusqu['’]en |fin |début |mi-)?(?:\d{1,2}(?:er)? )?(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) (?:19|20)\d\d\b/giu, 'date'),
  P(/(?<![\p{N}])\d{1,3}(?:[\s\u00a0\u202f.]\d{3})+\s?(?:dollars|euros|livres|dinars|€|\$)/gu, 'sum'),
  P(/(?<![\p{L}])(?:leurs|ses|nos|mes|son|sa)\s(?:deux|trois|quatre|cinq|six|sept|huit|\d+)\s(?:enfants|fils|filles|frères|sœurs|soeurs)\b/giu, 'family'),
];

const MONTHS = 'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'.split(' ');
/** Trigger words per pattern, in the order of PATTERNS (undefined: scan the whole text). */
const TRIGGERS: Array<readonly string[] | undefined> = [
  undefined,
  ['old'],
  ['aged', 'age'],
  ['teens', 'twenties', 'thirties', 'forties', 'fifties', 'sixties', 'seventies'],
  ['former', 'ex', 'retired', 'trainee', 'qualified', 'young'],
  ['used'],
  ['worked'],
  ['studied', 'studying', 'studies', 'degree'],
  ['studies', 'degree', 'diploma'],
  ['studies'],
  ['married', 'engaged', 'divorced', 'widowed'],
  ['father', 'mother'],
  ['tribe', 'clan', 'tribal'],
  MONTHS,
  ['beginning', 'start', 'end', 'outbreak', 'height'],
  undefined,
  ['ago', 'past', 'last'],
  ['held', 'detained', 'imprisoned', 'jailed', 'served', 'spent', 'stayed', 'fought', 'hid', 'hiding', 'worked', 'studied', 'for'],
  ['sentenced', 'served', 'serving'],
  undefined,
  ['monthly', 'weekly', 'daily'],
  ['other'],
  ['clean', 'shaved', 'hair', 'scar', 'tattoo', 'limp'],
  ['works', 'work', 'working', 'worked'],
  ['drives', 'drove', 'driving', 'runs', 'ran', 'running', 'owns', 'owned', 'opened', 'keeps', 'kept'],
  ['works', 'work', 'working', 'worked'],
  ['mukhtar', 'headman', 'muezzin'],
  ['children', 'kids', 'sons', 'daughters', 'brothers', 'sisters', 'wives'],
  ['youngest', 'eldest', 'oldest', 'younger', 'older', 'only', 'twin'],
  ['ans'],
  ['ancien', 'ancienne', 'ex'],
  ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  ['dollars', 'euros', 'livres', 'dinars'],
  ['enfants', 'fils', 'filles', 'frères', 'sœurs', 'soeurs'],
];
const ALL: QuasiPattern[] = PATTERNS.map((p, i) => ({ ...p, triggers: TRIGGERS[i] }));
if (TRIGGERS.length !== ALL.length) throw new Error('quasi.ts: one trigger entry per pattern');

export function detectQuasi(doc: Tokenised, ctx: SentenceContext): DetectedSpan[] {
  return runQuasiPatterns(doc, ctx, ALL);
}

/** Runs quasi patterns (with their trigger words) and keeps matches in sentences about a person when asked. */
export function runQuasiPatterns(doc: Tokenised, ctx: SentenceContext, patterns: readonly QuasiPattern[]): DetectedSpan[] {
  const spans: DetectedSpan[] = [];
  for (const [i, m] of scan(doc, patterns)) {
    const p = patterns[i];
    if (!p) continue;
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (end === start) continue;
    if (p.personal && !ctx.hasPersonalSubject(sentenceAt(doc, start))) continue;
    spans.push({
      start,
      end,
      category: 'quasi',
      subtype: p.subtype,
      confidence: p.confidence,
      reason: `quasi-identifier: ${p.subtype}`,
      entityKey: `quasi:${p.subtype}:${variantKey(m[0])}`,
    });
  }
  return spans;
}
