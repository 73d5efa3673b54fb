import { gazetteer } from './lexicon.ts';
import type { Token, Tokenised } from './tokens.ts';
import type { DetectedSpan, QuasiSubtype } from './types.ts';
import { variantKey } from './normalise.ts';

/*
 * Arabic-script prose. There are no capitals, so every name needs a cue: a kunya (أبو X / أم X), a
 * kinship or role word before it (أخي، زوجتي، ابن عمي، صديقي، الحاج), a naming word (يدعى، اسمه،
 * سنسميه), or a speech verb (قال، تقول، يروي) followed by a word that is no particle. Places need a
 * construction (قرية / بلدة / مدينة / حي / مخيم + name), or a gazetteer name after من / إلى / في in a
 * sentence with a movement verb. Once found, every other mention of the same word (also behind a
 * proclitic و ف ب ل ك) gets the same entityKey. Keys are arabicWordKey forms: hamza/alef unified,
 * ة→ه, ى→ي, harakat and the article dropped (so "الزيتونة" has the key "زيتونه").
 */

const PROCLITICS = new Set(['و', 'ف', 'ب', 'ل', 'ك']);
const KUNYA = new Set(['ابو', 'ام', 'ابي', 'ابا']);
/** Kinship and role words, possessed forms (my / his / her brother...). */
const KIN = new Set(
  (
    'اخي اخوي اخوه اخيه اخاه اخوها اخته اختي اختها ابي والدي والده والدها امي والدتي والدته ابني ابنه ابنها ابنتي ابنته ابنتها بنتي ' +
    'زوجتي زوجته زوجي زوجها عمي عمه عمها خالي خاله خالها جدي جده جدتي جدته صديقي صديقه صديقها صديقتي صديقته رفيقي رفيقه جاري جاره جارتي ' +
    'حاج حجي شقيقي شقيقه شقيقتي شقيقته نسيبي نسيبه مهرب دليل امير قائد'
  ).split(' '),
);
/** "ابن عمي محمود": the name comes two words after ابن / بنت. */
const KIN_OF = /^(?:عم|خال)(?:ي|ه|ها|نا)?$/;
const NAMING = new Set('يدعي تدعي مدعو مدعوه اسمه اسمها اسمي لقبه يلقب ملقب نسميه نسميها سنسميه سنسميها سماه سميناه'.split(' '));
const SPEECH = new Set('قال قالت يقول تقول اضاف اضافت يضيف تضيف روي يروي تروي اوضح يوضح اكد يوكد تابع يتابع ذكر يذكر اخبر اخبرنا يحكي حكي'.split(' '));
/** Words that follow a speech verb or a cue but are never names. */
const STOP = new Set(
  (
    'ان انه انها انهم انني اني انا لي له لها لنا لهم لكم في من عن علي الي الى مع ثم بعد قبل هذا هذه ذلك تلك كان كانت لقد قد لم لن ما لا هو هي هم ' +
    'نحن انت احد بعض كل ايضا عندما حين بينما الذي التي الذين اذا اذ او ام حتي منذ عند لدي غير بان بانه بانها انما اما بل وقد وهو وهي يا'
  ).split(' '),
);
const PLACE_NOUNS = new Set(['قريه', 'بلده', 'مدينه', 'حي', 'مخيم', 'ضيعه', 'ناحيه', 'بلدتي', 'قريتي', 'مدينتي', 'بلدته', 'قريته', 'مدينته']);
/** Place-name heads that take a second word: عين الخضراء، تل أبيض، دير الزور. */
const PLACE_HEADS = new Set(['عين', 'تل', 'دير', 'كفر', 'بيت', 'جسر', 'راس', 'خربه', 'ام', 'باب', 'ابو', 'سوق', 'بير', 'بئر', 'وادي', 'جبل', 'مزرعه', 'معره', 'قصر', 'حمام']);
const PREPS = new Set(['من', 'الي', 'في', 'نحو', 'باتجاه', 'قرب', 'داخل']);
const MOVEMENT_RE = /^(?:غادر|هرب|فر|فرر|نزح|نزوح|وصل|عبر|سكن|يسكن|اسكن|نسكن|اعيش|يعيش|تعيش|نعيش|عاش|انتقل|اعتقل|احتجز|سجن|اختب|تخب|لجا|خرج|ذهب|توجه|رجع|عاد|ولد|نشا|اقيم|يقيم|نقيم|بقي|هجر|تهجير|نقل|اخذ|مشي|سار|ساف)/;
const MAX_TOWN_POPULATION = 300_000;

interface Entity {
  category: 'person' | 'place';
  keys: string[];
  confidence: number;
  reason: string;
}

/** Key of an Arabic token without one proclitic letter, when that leaves a plausible word. */
function stripped(t: Token): string {
  const k = t.key;
  return k.length >= 4 && PROCLITICS.has(k[0] ?? '') ? k.slice(1) : k;
}

function isWordArabic(t: Token | undefined): t is Token {
  return !!t && t.arabic;
}

/** Does key `k` (or k without a proclitic) belong to the set? */
function inSet(set: Set<string>, t: Token): boolean {
  return set.has(t.key) || set.has(stripped(t));
}

function nameCandidate(t: Token | undefined, pub: Uint8Array, i: number): boolean {
  if (!isWordArabic(t) || pub[i]) return false;
  if (t.text.startsWith('ال') || t.text.startsWith('وال') || t.text.startsWith('بال')) return false;
  if (STOP.has(t.key) || STOP.has(stripped(t)) || t.key.length < 2 || /\d/.test(t.text)) return false;
  return !KUNYA.has(t.key) && !KIN.has(t.key) && !SPEECH.has(t.key) && !NAMING.has(t.key) && !PLACE_NOUNS.has(t.key);
}

function sameSentence(a: Token | undefined, b: Token | undefined): boolean {
  return !!a && !!b && a.sentence === b.sentence && a.line === b.line;
}

/** A nisba after a name: "محمد الحلبي". */
function nisbaAfter(tokens: readonly Token[], i: number, pub: Uint8Array): boolean {
  const t = tokens[i];
  return isWordArabic(t) && !pub[i] && sameSentence(tokens[i - 1], t) && t.text.startsWith('ال') && /[يى]$/.test(t.text) && !STOP.has(t.key);
}

export function detectArabic(doc: Tokenised, pub: Uint8Array): DetectedSpan[] {
  const { tokens } = doc;
  const entities = new Map<string, Entity>();
  const add = (category: Entity['category'], keys: string[], confidence: number, reason: string): void => {
    const id = category + ':' + keys.join(' ');
    const e = entities.get(id);
    if (!e || e.confidence < confidence) entities.set(id, { category, keys, confidence, reason });
  };
  const movementIn = new Map<number, boolean>();
  const hasMovement = (sentence: number): boolean => {
    let v = movementIn.get(sentence);
    if (v === undefined) {
      const s = doc.sentences[sentence];
      v = false;
      if (s) for (let i = s.first; i < s.last && !v; i++) {
        const t = tokens[i];
        if (t?.arabic && (MOVEMENT_RE.test(t.key) || MOVEMENT_RE.test(stripped(t)))) v = true;
      }
      movementIn.set(sentence, v);
    }
    return v;
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!isWordArabic(t) || pub[i]) continue;
    const next = tokens[i + 1];
    const nextOk = sameSentence(t, next) && nameCandidate(next, pub, i + 1);
    // kunya: أبو حسن، أم يوسف، أبو محمد الحلبي
    if (inSet(KUNYA, t) && nextOk && next) {
      const keys = [stripped(t), next.key];
      if (nisbaAfter(tokens, i + 2, pub)) keys.push(tokens[i + 2]?.key ?? '');
      add('person', keys, 0.9, 'kunya (أبو / أم)');
      continue;
    }
    // ابن عمي محمود
    if ((stripped(t) === 'ابن' || stripped(t) === 'بنت') && sameSentence(t, next) && next && KIN_OF.test(next.key)) {
      const name = tokens[i + 2];
      if (sameSentence(next, name) && nameCandidate(name, pub, i + 2) && name) add('person', [name.key], 0.85, 'name after a kinship word');
      continue;
    }
    if ((inSet(KIN, t) || inSet(NAMING, t)) && nextOk && next) {
      const keys = [next.key];
      if (nisbaAfter(tokens, i + 2, pub)) keys.push(tokens[i + 2]?.key ?? '');
      add('person', keys, 0.85, inSet(NAMING, t) ? 'name introduced (يدعى / اسمه)' : 'name after a kinship word');
      continue;
    }
    if (inSet(SPEECH, t) && nextOk && next) {
      const keys = [next.key];
      if (nisbaAfter(tokens, i + 2, pub)) keys.push(tokens[i + 2]?.key ?? '');
      add('person', keys, 0.75, 'named speaker');
      continue;
    }
    // قرية الزيتونة، بلدة عين الخضراء، مدينة كلس، حي البساتين
    if (inSet(PLACE_NOUNS, t) && sameSentence(t, next) && isWordArabic(next) && !pub[i + 1] && !STOP.has(next.key)) {
      const keys = [next.key];
      const second = tokens[i + 2];
      if (sameSentence(next, second) && isWordArabic(second) && !pub[i + 2] && !STOP.has(second.key)) {
        if (PLACE_HEADS.has(next.key) || (second.text.startsWith('ال') && !next.text.startsWith('ال'))) keys.push(second.key);
      }
      const known = gazetteer(keys.join(' '));
      if (!known || known[0] <= MAX_TOWN_POPULATION) add('place', keys, 0.85, 'named place (قرية / مدينة / حي)');
      continue;
    }
    // من كلس / إلى أعزاز in a sentence about moving, fleeing, living
    if (inSet(PREPS, t) && sameSentence(t, next) && isWordArabic(next) && !pub[i + 1]) {
      const known = gazetteer(next.key) ?? gazetteer(stripped(next));
      if (known && known[0] > 0 && known[0] <= MAX_TOWN_POPULATION && hasMovement(t.sentence)) add('place', [next.key], 0.85, "place on the witness's route or stay");
    }
  }
  return entities.size ? mentions(doc, pub, [...entities.values()]) : [];
}

/** Every mention of every entity, also behind a proclitic ("ومحمود", "بكلس"). */
function mentions(doc: Tokenised, pub: Uint8Array, entities: Entity[]): DetectedSpan[] {
  const { tokens } = doc;
  const byFirst = new Map<string, Entity[]>();
  for (const e of entities) {
    const k = e.keys[0] ?? '';
    const list = byFirst.get(k) ?? [];
    list.push(e);
    list.sort((a, b) => b.keys.length - a.keys.length);
    byFirst.set(k, list);
  }
  const spans: DetectedSpan[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!isWordArabic(t) || pub[i]) continue;
    const strippedKey = stripped(t);
    const viaClitic = strippedKey !== t.key;
    const candidates = byFirst.get(t.key) ?? (viaClitic ? byFirst.get(strippedKey) : undefined);
    if (!candidates) continue;
    const first = byFirst.has(t.key) ? t.key : strippedKey;
    for (const e of candidates) {
      let ok = true;
      for (let n = 1; n < e.keys.length && ok; n++) ok = tokens[i + n]?.key === e.keys[n] && sameSentence(t, tokens[i + n]);
      if (!ok) continue;
      const last = tokens[i + e.keys.length - 1];
      if (!last) continue;
      const start = first === t.key ? t.start : t.start + 1;
      spans.push({ start, end: last.end, category: e.category, confidence: e.confidence, reason: e.reason, entityKey: `${e.category}:${e.keys.join(' ')}` });
      i += e.keys.length - 1;
      break;
    }
  }
  return spans;
}

const W = String.raw`[\u0600-\u06FF]+`;
interface PhrasePattern {
  re: RegExp;
  category: 'hiding' | 'quasi';
  subtype?: QuasiSubtype;
  reason: string;
  confidence: number;
}
/** Hiding places, helpers, routes and quasi-identifiers written in Arabic script. */
const PHRASES: PhrasePattern[] = [
  {
    // اختبأت عند صديق في حي البساتين، خبأني جاري في مخزن
    re: new RegExp(String.raw`(?<![\u0600-\u06FF])[وف]?(?:اختب[أئا]|تخب[أا]|خب[أا]|أخفا|اخفا|لجأ|لجا|التجأ|احتمي|احتمى|مختبئ|مختبئا)${W.replace('+', '*')}(?:\s+${W}){0,2}?\s+(?:عند|في|لدى|داخل|بين|ب${W})(?:\s+${W}){1,5}`, 'gu'),
    category: 'hiding',
    reason: 'hiding place',
    confidence: 0.85,
  },
  {
    // مهرب يدعى أبو سليم، المهربين
    re: new RegExp(String.raw`(?<![\u0600-\u06FF])(?:لل|[وبل])?(?:ال)?مهرب(?:ين|ون|ان|ا)?(?:\s+(?:يدعى|يُدعى|اسمه|نسميه|سنسميه)(?=\s))?(?![\u0600-\u06FF])`, 'gu'),
    category: 'hiding',
    reason: 'escape helper',
    confidence: 0.8,
  },
  {
    // بين كروم الزيتون، عبر الجبال
    re: new RegExp(String.raw`(?<![\u0600-\u06FF])(?:بين|عبر|خلال|وسط)\s+(?:ال)?(?:كروم|حقول|جبال|بساتين|وادي|غاب|أحراش|احراش|نهر|تلال|طرق|ممرات|سهول|بادية|صحراء|أسلاك|اسلاك)${W.replace('+', '*')}(?:\s+${W})?`, 'gu'),
    category: 'hiding',
    reason: 'escape route',
    confidence: 0.7,
  },
  {
    re: new RegExp(String.raw`(?<![\u0600-\u06FF\d])(?:\d[\d,.]*|ألف|ألفي|ألفا|الف|مئة|مائة|مئتي|خمسمائة)\s+(?:${W}\s+)?(?:دولار|دولارات|ليرة|يورو|دينار)`, 'gu'),
    category: 'quasi',
    subtype: 'sum',
    reason: 'quasi-identifier: sum',
    confidence: 0.7,
  },
  {
    re: new RegExp(String.raw`(?<![\u0600-\u06FF])(?:(?:ربيع|صيف|خريف|شتاء|أوائل|أواخر|منتصف|بداية|نهاية)\s+)?عام\s+\d{4}`, 'gu'),
    category: 'quasi',
    subtype: 'date',
    reason: 'quasi-identifier: date',
    confidence: 0.7,
  },
  {
    re: new RegExp(String.raw`(?<![\u0600-\u06FF])لمدة\s+${W}(?:\s+(?:أيام|ايام|أسابيع|اسابيع|أشهر|اشهر|شهور|سنوات|أعوام|اعوام))?`, 'gu'),
    category: 'quasi',
    subtype: 'duration',
    reason: 'quasi-identifier: duration',
    confidence: 0.7,
  },
  {
    // يعمل في مخبز صغير، كان يعمل سائقاً
    re: new RegExp(String.raw`(?<![\u0600-\u06FF])(?:[وف]?(?:يعمل|تعمل|أعمل|اعمل|عمل|عملت|يشتغل|اشتغل))\s+(?:اليوم\s+|حاليا\s+|حالياً\s+)?(?:في|ك|كـ)?\s*${W}(?:\s+${W})?`, 'gu'),
    category: 'quasi',
    subtype: 'profession',
    reason: 'quasi-identifier: job',
    confidence: 0.65,
  },
];

export function detectArabicPhrases(text: string): DetectedSpan[] {
  const spans: DetectedSpan[] = [];
  for (const p of PHRASES) {
    p.re.lastIndex = 0;
    for (const m of text.matchAll(p.re)) {
      const start = m.index;
      const end = start + m[0].length;
      spans.push({
        start,
        end,
        category: p.category,
        ...(p.subtype ? { subtype: p.subtype } : {}),
        confidence: p.confidence,
        reason: p.reason,
        entityKey: `${p.category}:${p.subtype ? p.subtype + ':' : ''}${variantKey(m[0])}`,
      });
    }
  }
  return spans;
}
