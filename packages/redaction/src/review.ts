import { findCandidates, type Mention } from './candidates.ts';
import { analyse } from './detect.ts';
import { gazetteerAliases } from './aliases.ts';
import { variantKey } from './normalise.ts';
import { groupVariants } from './variants.ts';
import type { DetectedSpan, DetectOptions } from './types.ts';

/** One mention of a name the engine did not suggest and that is not public: a decision for the officer. */
export interface ReviewMention {
  start: number;
  end: number;
  text: string;
  /** Same for every mention and spelling variant of one candidate entity ("name:<key>"). */
  entityKey: string;
}

export interface DetectionWithReview {
  spans: DetectedSpan[];
  review: ReviewMention[];
}

const ARABIC_PROCLITIC_RE = /^[وفبلك]/;
/** The matcher compares every pair of distinct spellings; past this many, identical keys only. */
const MAX_MATCHED_SPELLINGS = 400;

/**
 * Spellings the shared variant matcher (variants.ts, with the gazetteer's place aliases) calls one name
 * get one key: "Tareq" / "tariq", "Hamra" / "al-Hamra", Latin / Arabic script.
 */
function joinVariants(keys: string[], mentions: readonly Mention[]): string[] {
  const reps = new Map<string, string>();
  keys.forEach((k, i) => {
    if (!reps.has(k)) reps.set(k, mentions[i]?.nameKey || mentions[i]?.text || k);
  });
  if (reps.size < 2 || reps.size > MAX_MATCHED_SPELLINGS) return keys;
  const distinct = [...reps.keys()];
  const groups = groupVariants([...reps.values()], gazetteerAliases);
  const canonical = new Map<string, string>();
  distinct.forEach((k, i) => canonical.set(k, distinct[groups[i] ?? i] ?? k));
  return keys.map((k) => canonical.get(k) ?? k);
}

/**
 * Suggestions plus candidates (the name ledger): every mention of every proper-noun-like entity that is
 * neither suggested nor public. Offsets are UTF-16 indices into `text`; `options.allow` (e.g. the
 * organisation's allow-list) removes terms from both.
 */
export function review(text: string, options: DetectOptions = {}): DetectionWithReview {
  const { doc, pub, allow, spans } = analyse(text, options);
  const mentions = findCandidates(doc, pub, allow, spans);
  return { spans, review: groupMentions(mentions) };
}

/*
 * Grouping: spelling variants share a variantKey; an Arabic word behind a proclitic (وأحمد) joins the
 * bare word when the text also has it; a single word that is part of exactly one multi-word name
 * ("Haroun" after "Abbakar Haroun") joins that name, so a surname alone is not a second entity.
 */
function groupMentions(mentions: readonly Mention[]): ReviewMention[] {
  const keys = joinVariants(mentions.map((m) => variantKey(m.nameKey) || variantKey(m.text)), mentions);
  const seen = new Set(keys);
  const wordOwners = new Map<string, Set<string>>();
  for (const k of seen) {
    const words = k.split(' ');
    if (words.length < 2) continue;
    for (const w of words) {
      if (w.length < 3) continue;
      const owners = wordOwners.get(w) ?? new Set<string>();
      owners.add(k);
      wordOwners.set(w, owners);
    }
  }
  const resolve = (k: string): string => {
    if (ARABIC_PROCLITIC_RE.test(k) && !k.includes(' ') && seen.has(k.slice(1))) k = k.slice(1);
    const owners = k.includes(' ') ? undefined : wordOwners.get(k);
    if (owners && owners.size === 1) return [...owners][0] ?? k;
    return k;
  };
  return mentions.map((m, i) => ({ start: m.start, end: m.end, text: m.text, entityKey: 'name:' + resolve(keys[i] ?? '') }));
}
