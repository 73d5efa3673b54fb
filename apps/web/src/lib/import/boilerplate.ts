/**
 * Boilerplate detection for imported testimonies. Web pages and exported articles carry
 * chrome around the testimony: newsletter boxes, paywall notices, "read more" links, share
 * bars, comment sections, navigation repeated at top and bottom. These heuristics only
 * *propose* dropping a block; the editor decides per block, because a false positive would
 * silently delete testimony text.
 *
 * Pure module (no DOM), unit-tested in boilerplate.test.ts.
 */

export interface Block {
  index: number;
  text: string;
}

export type Reason = 'promo' | 'newsletter' | 'paywall' | 'read-more' | 'share' | 'comments' | 'repeated' | 'navigation' | 'legal' | 'link';

export interface BlockVerdict extends Block {
  likelyBoilerplate: boolean;
  reasons: Reason[];
  score: number;
}

export const REASON_LABELS: Record<Reason, string> = {
  promo: 'Short promotional line',
  newsletter: 'Newsletter sign-up',
  paywall: 'Paywall notice',
  'read-more': '"Read more" link',
  share: 'Share / follow buttons',
  comments: 'Comment section',
  repeated: 'Repeated page chrome',
  navigation: 'Navigation menu',
  legal: 'Copyright / cookies',
  link: 'Bare link',
};

/** Split into blocks at blank lines; a text without blank lines is split per line. */
export function splitBlocks(text: string): Block[] {
  const normalised = text.replace(/\r\n?/g, '\n');
  const hasBlankLines = /\n[ \t]*\n/.test(normalised);
  const parts = hasBlankLines ? normalised.split(/\n[ \t]*\n+/) : normalised.split('\n');
  return parts
    .map((p) => p.replace(/^\s*\n|\n\s*$/g, '').trimEnd())
    .filter((p) => p.trim().length > 0)
    .map((p, index) => ({ index, text: p }));
}

const PATTERNS: [Reason, RegExp][] = [
  ['newsletter', /\b(newsletter|sign[ -]?up for|subscribe (to|now|for)|get (our|the) (latest|daily)|inscrivez-vous|abonnez-vous|lettre d'information)\b|النشرة البريدية|اشترك/iu],
  ['paywall', /\b(subscribers? only|already a subscriber|to continue reading|log ?in to (read|continue)|unlock (this|full) (article|story)|premium (article|content)|réservé aux abonnés|free articles? (left|remaining))\b/iu],
  ['read-more', /^\s*(read more|continue reading|read also|see also|lire aussi|lire la suite|related( articles| stories)?|you may also like|more from|recommended( for you)?)\b|اقرأ (المزيد|أيضا|أيضاً)/iu],
  ['share', /\b(share (this|on)|follow us|tweet|facebook|whatsapp|telegram|instagram|linkedin|copy link|partager)\b|تابعونا|شارك/iu],
  ['comments', /^\s*(\d+\s+)?(comments?|leave a (comment|reply)|add a comment|commentaires?|join the (discussion|conversation)|show comments)\b|التعليقات/iu],
  ['legal', /(©|\(c\)\s*\d{4}|all rights reserved|tous droits réservés|cookie(s| policy| settings)|privacy policy|terms (of (use|service)|and conditions)|جميع الحقوق محفوظة)/iu],
  ['promo', /\b(advertisement|sponsored|click here|download (our|the) app|buy now|limited offer|donate( now)?|support (our|independent) journalism|publicité)\b|إعلان/iu],
];

const URL_ONLY = /^\s*(https?:\/\/|www\.)\S+\s*$/i;
const SEPARATORS = /\s[|•·»›]\s|\s\/\s/g;

function key(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function looksLikeSentence(text: string): boolean {
  return /[.!?…"»”'؟،.]\s*$/u.test(text.trim()) && text.trim().split(/\s+/).length >= 6;
}

/** Score one block; context is the whole document's blocks (for repetition and comment tails). */
export function classifyBlocks(blocks: readonly Block[]): BlockVerdict[] {
  const counts = new Map<string, number>();
  for (const b of blocks) counts.set(key(b.text), (counts.get(key(b.text)) ?? 0) + 1);
  let inCommentTail = false;
  return blocks.map((b) => {
    const text = b.text.trim();
    const words = text.split(/\s+/).length;
    const short = text.length <= 120 && words <= 16;
    const reasons = new Set<Reason>();
    let score = 0;
    for (const [reason, re] of PATTERNS) {
      if (re.test(text)) {
        reasons.add(reason);
        // Long narrative paragraphs can mention "Facebook" or "comments"; weigh matches by length.
        score += short ? 2 : words <= 40 ? 1 : 0.25;
      }
    }
    if (URL_ONLY.test(text)) {
      reasons.add('link');
      score += 2;
    }
    const separators = text.match(SEPARATORS)?.length ?? 0;
    if (separators >= 3 && !looksLikeSentence(text)) {
      reasons.add('navigation');
      score += 2;
    }
    // Repeated blocks (header/footer chrome) — but not short lines a speaker might repeat, like "Yes."
    if ((counts.get(key(text)) ?? 0) > 1 && text.length >= 12) {
      reasons.add('repeated');
      score += 1.5;
    }
    // A comment-section heading drops what follows it too: readers' comments are not testimony.
    if (reasons.has('comments') && short) inCommentTail = true;
    else if (inCommentTail) {
      // Enough on its own: readers' comments are often full sentences, which earn no bonus below.
      reasons.add('comments');
      score += 2;
    }
    if (short && !looksLikeSentence(text) && reasons.size > 0) score += 0.5;
    return { ...b, reasons: [...reasons], score, likelyBoilerplate: score >= 2 };
  });
}

/** The text that will be submitted: kept blocks joined by blank lines, in their original order. */
export function joinKept(blocks: readonly Block[], keep: ReadonlySet<number>): string {
  return blocks
    .filter((b) => keep.has(b.index))
    .map((b) => b.text)
    .join('\n\n');
}
