import type { Tokenised } from './tokens.ts';

/*
 * Is a sentence about the witness's own life? Places and dates only matter when tied to the person
 * (where they lived, hid, crossed, were held); the same town named as general news context should stay.
 * The test: a personal subject (pronoun, a detected person, "the defector") and a movement or
 * residence verb in the same sentence.
 */
const PERSONAL_WORDS = new Set([
  'i', 'me', 'my', 'we', 'us', 'our', 'he', 'him', 'his', 'she', 'her', 'they', 'their', 'them', 'myself', 'himself', 'herself',
  'defector', 'witness', 'survivor', 'refugee', 'man', 'woman', 'boy', 'girl', 'father', 'mother', 'brother', 'sister', 'son',
  'daughter', 'wife', 'husband', 'family', 'friend', 'friends', 'cousin', 'uncle', 'aunt', 'fighter', 'deserter', 'prisoner',
  'detainee', 'detainees', 'conscript', 'recruit', 'parents', 'children', 'mother', 'sons', 'daughters',
  // French
  'je', "j'ai", "j'étais", 'moi', 'mon', 'ma', 'mes', 'il', 'elle', 'lui', 'son', 'sa', 'ses', 'nous', 'notre', 'nos', 'ils', 'elles', 'leur', 'leurs',
  'famille', 'frère', 'sœur', 'soeur', 'femme', 'mari', 'père', 'mère', 'témoin', 'enfants', 'fils', 'fille', 'cousin', 'ami',
]);

/** Verbs and nouns of movement, residence, detention and origin. Stems matched on word starts. */
const MOVEMENT_RE =
  /^(?:liv(?:e|es|ed|ing)$|grew|born$|raised$|com(?:e|es|ing)$|came$|hail|fle[de]|fleeing|escap|hid(?:e|es|ing|den)?$|cross|arrest|held$|detain|jail|imprison|stay|mov(?:e|ed|es|ing)$|return|reach|arriv|went$|go(?:es|ing|ne)?$|dr[io]ve|walk|ran$|run(?:s|ning)?$|settl|shelter|smuggl|travel|head(?:ed|ing|s)?$|left$|leav|taken$|took$|sent$|met$|meet|interview|fought$|fight|demonstrat|protest|work(?:ed|ing|s)?$|studi|study|home|hometown|native$|villag|town$|region$|province$|district$|neighbo|join|desert|defect|spen[dt]|slept$|sleep|reloc|transfer|captur|kidnap|abduct|tortur|releas|bought$|rent|hotel|border$|camp$|tent$|paid$|pay$|smuggler|escort)/;
/** French movement / residence / detention words (stems). */
const MOVEMENT_FR_RE = /^(?:fui|fuir|fuy|cach|réfugi|arrêt|déten|détenu|emprisonn|enlev|vit$|vivai|viven|vivre|habit|née?$|grandi|originaire|quitt|parti|arriv|rejoin|rejoint|condui|pass[éeé]|travers|rest[éeé]|install|retour|rentr|emmen|franchi|frontière|passeur|camp$|caravane|tente|séjourn|dormi)/;

export class SentenceContext {
  private readonly personal: Int8Array;

  constructor(
    private readonly doc: Tokenised,
    private readonly personTokens: Uint8Array,
  ) {
    this.personal = new Int8Array(doc.sentences.length).fill(-1);
  }

  /** 1 when the sentence has a personal subject and a movement/residence word, else 0. */
  isPersonal(sentence: number): boolean {
    const cached = this.personal[sentence];
    if (cached !== undefined && cached >= 0) return cached === 1;
    const s = this.doc.sentences[sentence];
    let subject = false;
    let movement = false;
    if (s) {
      for (let i = s.first; i < s.last; i++) {
        const t = this.doc.tokens[i];
        if (!t) continue;
        if (!subject && (PERSONAL_WORDS.has(t.lower) || this.personTokens[i] === 1)) subject = true;
        if (!movement && (MOVEMENT_RE.test(t.lower) || MOVEMENT_FR_RE.test(t.lower))) movement = true;
        if (subject && movement) break;
      }
    }
    // Transcripts: the answer to "Where do you live now?" inherits the question's movement word.
    if (s && (subject !== movement) && sentence > 0) {
      const p = this.doc.sentences[sentence - 1];
      if (p) {
        const question = /\?\s*$/.test(this.doc.text.slice(p.end, Math.min(p.end + 3, s.start))) || this.doc.text[p.end] === '?';
        if (question) {
          for (let i = p.first; i < p.last; i++) {
            const t = this.doc.tokens[i];
            if (!t) continue;
            if (!movement && (MOVEMENT_RE.test(t.lower) || MOVEMENT_FR_RE.test(t.lower))) movement = true;
          }
        }
      }
    }
    const v = subject && movement;
    this.personal[sentence] = v ? 1 : 0;
    return v;
  }

  /**
   * A personal subject anywhere in the sentence (for dates, sums, jobs). With `pronounsOnly`, detected
   * names do not count: a stray name in a teaser should not turn its dates into quasi-identifiers.
   */
  hasPersonalSubject(sentence: number, pronounsOnly = false): boolean {
    const s = this.doc.sentences[sentence];
    if (!s) return false;
    for (let i = s.first; i < s.last; i++) {
      const t = this.doc.tokens[i];
      if (t && (PERSONAL_WORDS.has(t.lower) || (!pronounsOnly && this.personTokens[i] === 1))) return true;
    }
    return false;
  }
}

export function sentenceAt(doc: Tokenised, offset: number): number {
  let lo = 0;
  let hi = doc.sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const s = doc.sentences[mid];
    if (s && s.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
