import type { DetectedSpan } from './types.ts';

/*
 * Web boilerplate in scraped articles: paywall and newsletter prompts, "Related" / "Read more" teasers,
 * "Most read" lists, share/comment widgets, reader comments, and whatever unrelated article follows a
 * paywall at the end of the page. Found structurally (line shapes), never from a list of sites:
 *  - a boilerplate line: a short line made of widget wording ("Subscribe", "Sign up", "Read more:");
 *  - the tail: from the first cluster of ≥ 2 boilerplate lines in the second half of the text to the end;
 *  - the comment section: from a "Comments" / "Reader comments" header to the end.
 * In these zones only entities already suggested in the article body are kept (a comment naming the
 * witness is still redacted); new names, places, dates and sums there are noise for the officer.
 */
const BOILER_RE =
  /^(?:[-•*·|>]\s*)?(?:subscribe|subscriber|subscription|sign (?:up|in)|log ?in\b|register (?:now|for free|here)|newsletter|get (?:the|our|unlimited)|unlimited access|free (?:trial|articles?)|you(?:'|’)ve (?:reached|read)|you have (?:reached|read)|cancel any ?time|start your|already a (?:subscriber|member)|read (?:more|next|also)|related(?: (?:articles?|stories|coverage|reading|topics?))?\s*[:|]|more (?:from|on|in|stories)|most (?:read|popular|viewed|shared)|recommended(?: for you)?\s*$|you (?:may|might) (?:also )?like|trending(?: now)?\s*$|advertisement\s*$|sponsored\b|share (?:this|on|via)|follow us|cookies?|all rights reserved|©|copyright|keep reading|show (?:less|more)|(?:reader )?comments?\s*(?:\(\d+\)|:)?\s*$|\d+ comments?|leave a comment|(?:reply|report)(?:\s*[·|•]\s*(?:reply|report|share))*\s*$|click here|download (?:the|our) app|join (?:our|us)|support (?:our|independent) journalism|donate|the latest\s*$|latest (?:news|stories)\s*$|top stories\s*$|editor(?:'|’)s picks|à lire aussi|lire aussi|lire la suite|abonnez-vous|s(?:'|’)abonner|réagissez|commentaires|publicité|partager|déjà abonné)/i;
const COMMENTS_RE = /^(?:[-•*·|>]\s*)?(?:(?:reader |user )?comments?(?:\s*\(\d+\))?\s*$|\d+ comments?\b|(?:reader )?comments?\s*[:(]|leave a comment|réagissez|\d+ commentaires|commentaires\s*[:(]?\s*$)/i;
const MAX_WORDS = 25;
const STRONG_REASON_RE = /^(?:name after|pseudonym|kunya|name with age|name introduced)/;

/** [start, end) character ranges of boilerplate zones, sorted. */
export function boilerplateZones(text: string): Array<[number, number]> {
  const zones: Array<[number, number]> = [];
  const lines: Array<{ start: number; end: number; boiler: boolean; blank: boolean }> = [];
  let pos = 0;
  for (const raw of text.split('\n')) {
    const trimmed = raw.trim();
    const words = trimmed ? trimmed.split(/\s+/).length : 0;
    lines.push({ start: pos, end: pos + raw.length, boiler: words > 0 && words <= MAX_WORDS && BOILER_RE.test(trimmed), blank: words === 0 });
    if (words > 0 && COMMENTS_RE.test(trimmed) && zones.length === 0) zones.push([pos, text.length]);
    pos += raw.length + 1;
  }
  // The tail: a cluster of boilerplate lines (two within four non-blank lines) in the second half.
  const half = text.length / 2;
  let tailStart = -1;
  for (let i = 0; i < lines.length && tailStart < 0; i++) {
    const l = lines[i];
    if (!l || !l.boiler || l.start < half) continue;
    let seen = 0;
    for (let j = i + 1; j < lines.length && seen < 4; j++) {
      const m = lines[j];
      if (!m || m.blank) continue;
      seen++;
      if (m.boiler) {
        tailStart = l.start;
        break;
      }
    }
  }
  if (tailStart >= 0) zones.push([tailStart, text.length]);
  for (const l of lines) if (l.boiler) zones.push([l.start, l.end]);
  zones.sort((a, b) => a[0] - b[0]);
  return zones;
}

function inZone(zones: Array<[number, number]>, s: DetectedSpan): boolean {
  for (const [a, b] of zones) {
    if (a > s.start) break;
    if (s.start >= a && s.start < b) return true;
  }
  return false;
}

/** Keeps, inside boilerplate zones, only mentions of persons and places suggested in the body. */
export function dropBoilerplate(text: string, spans: DetectedSpan[], minConfidence: number): DetectedSpan[] {
  const zones = boilerplateZones(text);
  if (zones.length === 0) return spans;
  const flags = spans.map((s) => inZone(zones, s));
  const bodyKeys = new Set<string>();
  spans.forEach((s, i) => {
    if (!flags[i] && s.confidence >= minConfidence && (s.category === 'person' || s.category === 'place')) bodyKeys.add(s.entityKey);
  });
  // Strong person cues (kinship word, pseudonym, kunya, age) survive anywhere: a short body paragraph can
  // look like a widget line, and a missed relative costs more than a stray suggestion.
  return spans.filter((s, i) => !flags[i] || ((s.category === 'person' || s.category === 'place') && (bodyKeys.has(s.entityKey) || STRONG_REASON_RE.test(s.reason))));
}
