import { countriesData, publicEntitiesData } from './data.ts';
import { phraseKeys } from './normalise.ts';
import type { Token } from './tokens.ts';

/*
 * Public entities (countries, armed groups, public figures, media...) are data, not code:
 * data/public-entities.json + data/countries.json, extended per call by DetectOptions.allow.
 * Matching is on variant keys so "al-Qaida" and "Al Qaeda" need one entry between them.
 */
export class AllowList {
  private readonly phrases = new Map<string, number>();
  /** first word keys of all phrases: most tokens are rejected with one lookup */
  private readonly firstKeys = new Set<string>();
  private maxLen = 1;
  /** one-word acronyms ("UN", "IS", "AP"): they only match a token written in capitals, not "Un" or "is" */
  private readonly acronyms = new Set<string>();
  /** one-word terms that are not acronyms ("Assad", "Daech"): these match in any case */
  private readonly words = new Set<string>();
  /** date abbreviations ("Jan", "Oct"): public only before a number, else "Jan" is a given name */
  private readonly beforeNumber = new Set<string>();
  /**
   * One-word country names match their listed spellings only (case and diacritics aside), not every
   * variant: "Yemen" is public, "Yaman" is a man's name with the same variant key.
   */
  private readonly strictWords = new Map<string, Set<string>>();

  constructor(terms: Iterable<string>) {
    for (const t of terms) this.add(t);
  }

  add(term: string): void {
    const keys = phraseKeys(term);
    if (keys.length === 0) return;
    this.phrases.set(keys.join(' '), keys.length);
    this.firstKeys.add(keys[0] ?? '');
    if (keys.length === 1 && term.length <= 4 && /^\p{Lu}+$/u.test(term)) this.acronyms.add(keys[0] ?? '');
    else if (keys.length === 1) this.words.add(keys[0] ?? '');
    // "al-Nusra" and "Nusra" are the same public entity.
    const bare = term.replace(/^(?:al|el)[-\s]/i, '');
    if (bare !== term) {
      const bareKeys = phraseKeys(bare);
      this.phrases.set(bareKeys.join(' '), keys.length);
      this.firstKeys.add(bareKeys[0] ?? '');
    }
    this.maxLen = Math.max(this.maxLen, keys.length);
  }

  addBeforeNumber(term: string): void {
    this.beforeNumber.add(phraseKeys(term).join(' '));
  }

  addStrict(term: string): void {
    const keys = phraseKeys(term);
    if (keys.length !== 1) return this.add(term);
    const key = keys[0] ?? '';
    if (this.phrases.has(key)) return; // also listed as a loose public term
    const forms = this.strictWords.get(key) ?? new Set<string>();
    forms.add(plain(term));
    this.strictWords.set(key, forms);
  }

  with(extra: readonly string[] | undefined): AllowList {
    if (!extra || extra.length === 0) return this;
    const copy = Object.create(AllowList.prototype) as AllowList;
    Object.assign(copy, {
      phrases: new Map(this.phrases),
      firstKeys: new Set(this.firstKeys),
      maxLen: this.maxLen,
      acronyms: new Set(this.acronyms),
      words: new Set(this.words),
      beforeNumber: this.beforeNumber,
      strictWords: this.strictWords,
    });
    for (const t of extra) copy.add(t);
    return copy;
  }

  has(phrase: string): boolean {
    const key = phraseKeys(phrase).join(' ');
    return this.phrases.has(key) || !!this.strictWords.get(key)?.has(plain(phrase));
  }

  /** Marks tokens covered by a public entity, longest match first. Article tokens join the next word. */
  mark(tokens: readonly Token[]): Uint8Array {
    const out = new Uint8Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (!t || (!t.cap && !t.arabic && !t.article && !/\d/.test(t.text))) continue;
      if (this.strictWords.get(t.key)?.has(plain(t.text)) || (this.beforeNumber.has(t.key) && /^\d/.test(tokens[i + 1]?.text ?? ''))) {
        out[i] = 1;
        continue;
      }
      if (!t.article && !this.firstKeys.has(t.key) && !this.firstKeys.has(t.core)) continue;
      const parts: string[] = [];
      let best = 0;
      let j = i;
      let pendingArticle = '';
      while (j < tokens.length && parts.length < this.maxLen) {
        const u = tokens[j];
        if (!u) break;
        if (u.article) {
          pendingArticle = u.key;
          j++;
          continue;
        }
        const key = pendingArticle ? keyWithArticle(pendingArticle, u.key) : u.key;
        pendingArticle = '';
        parts.push(key);
        const joined = parts.join(' ');
        if (this.phrases.has(joined) || (parts.length === 1 && this.phrases.has(u.core))) {
          const acronymOnly = parts.length === 1 && this.acronyms.has(key) && !this.words.has(key) && !u.allCaps;
          if (!acronymOnly) best = j + 1;
        }
        j++;
      }
      if (best > i) {
        out.fill(1, i, best);
        i = best - 1;
      }
    }
    return out;
  }
}

/** Lower case without diacritics: the strict form of a country name. */
function plain(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function keyWithArticle(article: string, key: string): string {
  return phraseKeys(`${article}-${key}`).join(' ');
}

function builtIn(): AllowList {
  const list = new AllowList([]);
  for (const [field, value] of Object.entries(publicEntitiesData)) {
    if (field === 'about' || !Array.isArray(value)) continue;
    for (const t of value) {
      if (field === 'beforeNumber') list.addBeforeNumber(t);
      else list.add(t);
    }
  }
  for (const t of countriesData.terms) list.addStrict(t);
  return list;
}

export const defaultAllowList = builtIn();
