import { sentenceAt, type SentenceContext } from './context.ts';
import { variantKey } from './normalise.ts';
import { scan } from './scan.ts';
import type { Tokenised } from './tokens.ts';
import type { DetectedSpan } from './types.ts';

/*
 * Quasi-identifiers: facts that single out the witness when combined (age, job, studies, family,
 * tribe, dates of personal events, sums paid, time served, appearance). Most only count in sentences
 * about the witness: "$2.90 per month" in a subscription banner is not a quasi-identifier.
 */
const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?';
const NUM = '(?:\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|several|a few|a couple of)';
const UNIT = '(?:days?|weeks?|months?|years?)';
const JOB =
  '(?:worker|labou?rer|student|teacher|doctor|nurse|engineer|farmer|driver|imam|soldier|officer|policeman|police officer|lawyer|pharmacist|shopkeeper|mechanic|tailor|baker|butcher|carpenter|electrician|plumber|accountant|builder|trader|merchant|shepherd|fisherman|barber|cook|chef|clerk|civil servant|technician|programmer|dentist|surgeon|paramedic|midwife|professor|lecturer|activist|smuggler|guard|muezzin|preacher)';

interface Pattern {
  re: RegExp;
  subtype: string;
  confidence: number;
  personal: boolean;
  /** run only on sentences holding one of these words (see scan.ts) */
  triggers?: readonly string[];
}

const P = (re: RegExp, subtype: string, personal = true, confidence = 0.7): Pattern => ({ re, subtype, personal, confidence });

const PATTERNS: Pattern[] = [
  P(/(?<=\p{Lu}[\p{L}\p{M}'’-]+,\s)\d{1,2}(?=,)/gu, 'age', false, 0.85),
  P(/\b\d{1,2}[- ]years?[- ]old\b/giu, 'age', true, 0.85),
  P(/\b(?:aged|age of)\s\d{1,2}\b/giu, 'age', false, 0.8),
  P(/\bin (?:his|her) (?:early |mid-?|late )?(?:teens|twenties|thirties|forties|fifties|sixties|seventies)\b/giu, 'age'),
  P(new RegExp(`\\b(?:a |an )?(?:former|ex-|retired|trainee|qualified|young)\\s(?:[\\p{L}-]+\\s){0,2}?${JOB}s?\\b`, 'giu'), 'job', false),
  P(new RegExp(`\\bused to (?:be|work as) (?:a|an|the) ${JOB}(?: (?:in|at|of) (?:his|her|their|my|our|the) (?:home |native )?(?:village|town|city|school|hospital|mosque))?`, 'giu'), 'job'),
  P(new RegExp(`\\bworked as (?:a|an) (?:[\\p{L}-]+\\s)?${JOB}\\b`, 'giu'), 'job'),
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
  P(/\b(?:sentenced to|served|serving)\s(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|life)\b(?:\s(?:years?|months?))?/giu, 'sentence'),
  P(/\b(?:(?:paid|paying|pay|pays|cost|costs|charged|owed|earned|earning|salary of|fee of|bribe of|sum of)\s(?:(?:the|a|his|her|my|each|per|to|smugglers?|traffickers?|[\p{L}]+)\s){0,2}?)?(?:US\s?\$|\$|€|£)\s?\d[\d,.]*(?:\s?(?:k|thousand|million))?\b|\b\d[\d,.]*\s(?:dollars|euros|pounds|lira|liras|dinars)\b/giu, 'sum'),
  P(/\b(?:monthly|weekly|daily)\s(?:salary|wage|pay|stipend)\b/giu, 'sum'),
  P(/\b(?:together )?with (?:\d+|dozens of|hundreds of) other (?:men|fighters|people|defectors|prisoners|soldiers)\b/giu, 'group'),
  P(/\bclean-shaven\b|\bshaved off (?:his|her) (?:[\p{L}]+ )?beard\b|\b(?:his|her) hair (?:is|was) \p{L}+\b|\b(?:a|his|her) (?:[\p{L}]+ )?(?:scar|tattoo|limp)\b/giu, 'appearance', false, 0.6),
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
];
const ALL: Pattern[] = PATTERNS.map((p, i) => ({ ...p, triggers: TRIGGERS[i] }));
if (TRIGGERS.length !== ALL.length) throw new Error('quasi.ts: one trigger entry per pattern');

export function detectQuasi(doc: Tokenised, ctx: SentenceContext): DetectedSpan[] {
  const spans: DetectedSpan[] = [];
  for (const [i, m] of scan(doc, ALL)) {
    const p = ALL[i];
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
