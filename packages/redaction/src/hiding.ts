import { sentenceAt, type SentenceContext } from './context.ts';
import type { Tokenised } from './tokens.ts';
import type { DetectedSpan } from './types.ts';
import { variantKey } from './normalise.ts';
import { scan } from './scan.ts';
import { EXTRA_HIDING, type HidingPattern } from './hiding-more.ts';

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


const PATTERNS: HidingPattern[] = [
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

// Determiner + noun phrase (up to 7 words, no clause boundary, no punctuation): "the sheep pen behind my uncle's house".
const NP = String.raw`(?:a|an|the|his|her|my|our|their|its|one of (?:the|his|her|my|our|their)|some|an old|two|three)\s(?:(?!(?:and|but|where|when|until|because|before|after|while|who|which|that|then|so|for|to)\b)[\p{L}\p{M}\d'’-]+\s?){1,7}`;
/** Shelters and vehicles a witness hides in (head nouns). */
const SHELTER_WORDS = String.raw`(?:safe ?house|hide-?out|farm(?:house)?|house|home|flat|apartment|basement|cellar|barn|shed|stable|pen|coop|sheepfold|room|hut|tent|cave|orchard|grove|warehouse|storeroom|store|garage|attic|shelter|shop|workshop|bakery|mosque|church|school|villa|caravan|container|press|mill|ruins?|well|tunnel|trunk|boot|truck|lorry|van|pickup|car|bus|boat|cistern|sewer|pipe|ditch|hole|field|fields|olive grove)s?`;
/** Words that end a noun phrase after the shelter ("…the stable behind his house for two nights"). */
const NP_STOP = new Set(['for', 'and', 'but', 'where', 'when', 'until', 'because', 'before', 'after', 'while', 'who', 'which', 'that', 'then', 'so', 'to', 'with', 'since', 'during', 'without', 'pendant', 'avant', 'après', 'jusqu', 'et', 'mais', 'où', 'quand', 'puis', 'depuis', 'sans']);

const MORE_PATTERNS: HidingPattern[] = [
  {
    // "I hid in the olive press of Haj Mahmoud", "hiding first in a chicken coop on the edge of Salqin"
    re: new RegExp(String.raw`\b(?:hid|hidden|hide|hides|hiding|holed up|lay low|lying low|took refuge|taking refuge|took shelter|sheltered|sheltering|concealed|was kept|were kept)\s(?:[\p{L}'’]+\s){0,3}?(?:in|inside|under|beneath|behind|among|at|on)\s${NP}`, 'giu'),
    reason: 'hiding place',
    confidence: 0.85,
    personal: true,
  },
  {
    // "slept every night in the sheep pen behind my uncle's house", "let him sleep in a stable behind his house"
    re: new RegExp(String.raw`\b(?:slept|sleep|sleeping|sleeps|stayed|stay|staying|spent (?:the |a |two |three |several |many )?(?:night|nights|days|weeks)|waited|lived|living|let (?:him|her|them|us|me) (?:sleep|stay|hide))\s(?:[\p{L}'’]+\s){0,3}?(?:in|inside|under|behind|among|at)\s(?:a|an|the|his|her|my|our|their|one of the)\s(?:[\p{L}-]+\s){0,2}?${SHELTER_WORDS}\b(?:\s(?:behind|next to|near|of|belonging to|at the back of|on the edge of|on the outskirts of|in the garden of|owned by)\s(?:[\p{L}\p{M}'’-]+\s?){1,5})?`, 'giu'),
    reason: 'hiding place',
    confidence: 0.75,
    personal: true,
  },
  {
    // "in the back of a vegetable truck", "hidden under sacks of onions", "on a motorbike over the mountain paths"
    re: /\b(?:in the back of|in the boot of|in the trunk of|under a pile of|hidden (?:under|among|beneath))\s(?:a |an |the |some )?(?:[\p{L}-]+\s){0,2}?(?:truck|lorry|van|pickup|car|bus|trailer|tanker|cart|sacks?|crates?|boxes|vegetables|hay|straw|blankets?|goods|sheep)\b|\bon (?:a|the|his|her|their|our|my) (?:[\p{L}-]+\s)?(?:motorbike|motorcycle|moped|tractor|donkey|horse|mule|boat|dinghy|raft)\b(?:\s(?:over|across|through|along|via)\s(?:the\s)?(?:[\p{L}-]+\s){0,2}?(?:mountains?|paths?|tracks?|trails?|fields|hills|river|sea|desert|roads?|border|valleys?))?/giu,
    reason: 'escape method',
    confidence: 0.75,
  },
  {
    // routes: "walked for two nights through the cotton fields", "through the Sinjar mountains"
    re: /\b(?:across|through|over|via|along)\s(?:the\s)?(?:[\p{L}-]+\s){0,2}?(?:fields|mountains|mountain paths?|paths|tracks|trails|smuggling routes?|back roads|dirt roads|hills|valleys?|desert|forests?|woods|olive groves?|orchards|vineyards|minefields?|marshes|river|border fence|wire fence|sewers?|tunnels?|rubble|plains)\b/giu,
    reason: 'escape route',
    confidence: 0.65,
    personal: true,
    movement: true,
  },
  {
    // "climbed over the back wall", "crawled under the fence", "swam across the river"
    re: /\b(?:climbed|climbing|jumped|jumping|crawled|crawling|swam|swimming|squeezed|slipped|cut|cutting|broke|dug)\s(?:over|under|through|across|out of|into|from)\s(?:the|a|an)\s(?:[\p{L}-]+\s){0,2}?(?:wall|walls|fence|wire|river|window|roof|tunnel|hole|border|gate|canal)\b/giu,
    reason: 'escape method',
    confidence: 0.75,
    personal: true,
  },
  {
    // helpers introduced by name: "a smuggler known only as [Abu Jandal]"; the name stays a person suggestion
    re: /\b(?:a|an|the|one|another|second|his|her|my|our|their)\s(?:[\p{L}-]+\s)?(?:smuggler|people-smuggler|trafficker|guide|driver|fixer|middleman|helper|passeur|contact)s?\s(?:(?:known|referred to)(?: only| here| simply)? as|(?:whom |who )?(?:we|I|he|she) (?:will |shall )?call(?:ed)?|called|named|nicknamed|que (?:nous|l'on) appell?erons|surnommé)(?=\s["“]?\p{Lu}[\p{L}\p{M}'’-]+)/gu,
    reason: 'escape helper',
    confidence: 0.85,
  },
  {
    // "a shepherd from Gohbal gave him bread", "a second smuggler brought her across"
    re: /\b(?:a|an|another|one|the|a second|a third)\s(?:second\s|third\s|local\s|young\s|old\s)?(?:smuggler|people-smuggler|trafficker|guide|driver|shepherd|herder|goatherd|farmer|fisherman|fixer|middleman|villager|nomad|bedouin)(?:\sfrom\s\p{Lu}[\p{L}\p{M}'’-]+)?(?=\s(?:gave|helped|hid|took|drove|let|sheltered|brought|guided|led|smuggled|carried|ferried|put|got|arranged|agreed|offered)\b)/giu,
    reason: 'escape helper',
    confidence: 0.7,
    personal: true,
  },
  {
    // "A cousin in Daquq took them in", "a neighbour put us up", "an aunt gave her shelter"
    re: new RegExp(String.raw`\b(?:a|an|the|his|her|their|our|my|one of (?:his|her|their|our|my))\s(?:[\p{L}-]+\s){0,2}?${HELPER}(?:\s(?:in|from|near)\s\p{Lu}[\p{L}\p{M}'’-]+)?\s(?:took|takes|taking) (?:him|her|them|us|me) in\b|\b(?:a|an|the|his|her|their|our|my)\s(?:[\p{L}-]+\s){0,2}?${HELPER}(?:\s(?:in|from|near)\s\p{Lu}[\p{L}\p{M}'’-]+)?\s(?:put|puts) (?:him|her|them|us|me) up\b|\b(?:a|an|the|his|her|their|our|my)\s(?:[\p{L}-]+\s){0,2}?${HELPER}\s(?:gave|offered|found) (?:him|her|them|us|me) (?:shelter|refuge|a place to (?:stay|hide|sleep))\b`, 'giu'),
    reason: 'escape helper',
    confidence: 0.8,
  },
  {
    // "one room above his tyre workshop", "a cellar under the bakery of a friend"
    re: new RegExp(String.raw`\b(?:a|an|one|the|their|his|her|our|my)\s(?:[\p{L}-]+\s){0,2}?(?:room|rooms|basement|cellar|attic|flat|shed|corner|space|loft)\s(?:above|below|behind|under|beneath|next to|at the back of|on the roof of)\s(?:a|an|the|his|her|their|my|our)\s(?:[\p{L}'’-]+\s){0,3}?${SHELTER_WORDS}\b`, 'giu'),
    reason: 'hiding place',
    confidence: 0.75,
    personal: true,
  },
  {
    // "on foot along the dry riverbed", "through a dry wadi"
    re: /\b(?:on foot\s)?(?:along|through|across|down|up|via)\s(?:a|the)\s(?:[\p{L}-]+\s){0,2}?(?:riverbed|river bed|wadi|streambed|canal|irrigation canal|ravine|gorge|goat tracks?|shepherds['’]? paths?|reeds|marshland)\b/giu,
    reason: 'escape route',
    confidence: 0.65,
    personal: true,
    movement: true,
  },
  // ---- French ----
  {
    // "caché chez un ami", "réfugiée chez sa tante", "hébergés chez des cousins"
    re: /(?<![\p{L}\p{M}])(?:cach|réfugi|abrit|héberg|recueilli|planqu)(?:é|ée|és|ées|er|ait|aient)\s(?:[\p{L}'’]+\s){0,2}?chez\s(?:un|une|des|mon|ma|mes|son|sa|ses|leur|leurs|notre|nos)\s(?:[\p{L}-]+\s)?(?:ami|amie|amis|cousin|cousine|cousins|oncle|tante|voisin|voisine|voisins|parent|parents|proche|proches|connaissance|frère|sœur|soeur|berger|fermier|passeur|famille)s?\b/giu,
    reason: 'hiding with a helper',
    confidence: 0.85,
  },
  {
    // "dans une cave sous son épicerie", "dans la grange d'un voisin"
    re: /(?<![\p{L}\p{M}])(?:dans|sous|derrière)\s(?:un|une|la|le|l['’]|leur|sa|son)\s?(?:cave|grenier|sous-sol|grange|étable|bergerie|cabane|tente|ferme|hangar|entrepôt|garage|camion|coffre|remise|grotte|abri|cachette|planque|pièce|chambre)\b(?:\s(?!(?:et|mais|où|quand|pendant|puis|avant|après|jusqu)\b)[\p{L}\p{M}'’-]+){0,4}/giu,
    reason: 'hiding place',
    confidence: 0.75,
    personal: true,
  },
  {
    // "la maison d'un cousin à Bartella", "l'appartement de sa tante"
    re: /(?<![\p{L}\p{M}])(?:la|une|dans la|dans une)\s(?:maison|ferme|appartement|chambre|grange|boutique|épicerie|cave)\s(?:d['’]un|d['’]une|de son|de sa|de ses|du|de leur|d['’]amis|de cousins)\s?(?:[\p{L}-]+\s)?(?:ami|amie|cousin|cousine|oncle|tante|voisin|voisine|parent|proche|connaissance|frère|sœur|soeur|berger|fermier|passeur)s?\b(?:\s(?:à|près de|aux environs de)\s\p{Lu}[\p{L}\p{M}'’-]+)?/giu,
    reason: "helper's premises",
    confidence: 0.85,
  },
  {
    // "un passeur", "les passeurs", "grâce à un guide"
    re: /(?<![\p{L}\p{M}])(?:un|une|le|les|des|deux|d['’]un|ce|au|aux|son|leur)\s?passeurs?\b/giu,
    reason: 'escape helper',
    confidence: 0.75,
  },
  {
    re: /(?<![\p{L}\p{M}])(?:à travers|par|au-dessus de|le long de|en traversant)\s(?:les|la|le|l['’]|des)\s?(?:[\p{L}-]+\s)?(?:champs|montagnes|collines|forêts?|bois|vergers|oliveraies|désert|fleuve|rivière|sentiers|chemins|vignes|marais|tunnels?|barbelés|frontière)\b(?:\s(?:de|d['’])\s?[\p{L}-]+)?/giu,
    reason: 'escape route',
    confidence: 0.7,
    personal: true,
  },
];

const HELPER_WORDS = ['friend', 'friends', 'relative', 'relatives', 'cousin', 'cousins', 'uncle', 'uncles', 'aunt', 'aunts', 'brother', 'brothers', 'sister', 'sisters', 'in-laws', 'neighbour', 'neighbours', 'neighbor', 'neighbors', 'smuggler', 'smugglers', 'trafficker', 'traffickers', 'acquaintance', 'contact', 'contacts', 'guide', 'guides', 'farmer', 'farmers', 'shepherd', 'family', 'families', 'fiance', 'fiancee', 'fiancé', 'fiancée', 'colleague', 'colleagues', 'classmate', 'classmates', 'law'];
/** Trigger words per pattern, in the order of PATTERNS then MORE_PATTERNS (undefined: scan the whole text). */
const TRIGGERS: Array<readonly string[] | undefined> = [
  undefined,
  HELPER_WORDS,
  HELPER_WORDS,
  ['where'],
  HELPER_WORDS,
  ['help', 'helped', 'thanks', 'through'],
  ['safe', 'safehouse', 'hide', 'hideout', 'hiding', 'secret', 'underground'],
  ['crossed', 'crossing', 'smuggled', 'headed', 'walked', 'drove', 'fled', 'escaped', 'sneaked', 'crept'],
  // MORE_PATTERNS
  ['hid', 'hidden', 'hide', 'hides', 'hiding', 'holed', 'lay', 'lying', 'took', 'taking', 'sheltered', 'sheltering', 'concealed', 'kept'],
  ['slept', 'sleep', 'sleeping', 'sleeps', 'stayed', 'stay', 'staying', 'spent', 'waited', 'lived', 'living', 'let'],
  ['back', 'boot', 'trunk', 'pile', 'hidden', 'motorbike', 'motorcycle', 'moped', 'tractor', 'donkey', 'horse', 'mule', 'boat', 'dinghy', 'raft'],
  ['across', 'through', 'over', 'via', 'along'],
  ['climbed', 'climbing', 'jumped', 'jumping', 'crawled', 'crawling', 'swam', 'swimming', 'squeezed', 'slipped', 'cut', 'cutting', 'broke', 'dug'],
  ['smuggler', 'smugglers', 'people-smuggler', 'trafficker', 'traffickers', 'guide', 'guides', 'driver', 'drivers', 'fixer', 'middleman', 'helper', 'passeur', 'contact'],
  ['smuggler', 'people-smuggler', 'trafficker', 'guide', 'driver', 'shepherd', 'herder', 'goatherd', 'farmer', 'fisherman', 'fixer', 'middleman', 'villager', 'nomad', 'bedouin'],
  ['took', 'takes', 'taking', 'put', 'puts', 'gave', 'offered', 'found'],
  ['above', 'below', 'behind', 'under', 'beneath', 'next', 'back', 'roof'],
  ['riverbed', 'river', 'wadi', 'streambed', 'canal', 'ravine', 'gorge', 'goat', 'shepherds', 'shepherd', 'reeds', 'marshland'],
  ['chez'],
  ['dans', 'sous', 'derrière'],
  ['maison', 'ferme', 'appartement', 'chambre', 'grange', 'boutique', 'épicerie', 'cave'],
  ['passeur', 'passeurs', "d'un"],
  ['travers', 'par', 'au-dessus', 'long', 'traversant'],
];
const ALL: HidingPattern[] = [...PATTERNS, ...MORE_PATTERNS].map((p, i) => ({ ...p, triggers: TRIGGERS[i] }));
if (TRIGGERS.length !== ALL.length) throw new Error('hiding.ts: one trigger entry per pattern');
ALL.push(...EXTRA_HIDING);

const TRAILING_RE = /(?:[\s,;:]+|\s+(?:in|at|of|on|near|the|a|an|to|from|and|à|de|du|des|la|le|les|au|dans|et|by|every|each)(?![\p{L}\p{M}]))+$/iu;

const MOVEMENT_VERB_RE = /\b(?:walk|walked|walking|drove|driven|driving|ran|run|running|fled|flee|fleeing|escaped|escaping|crossed|crossing|smuggled|taken|took|led|guided|crept|sneaked|snuck|headed|travel+ed|made (?:his|her|their|our|my) way|led|leading|carried|brought|went|moved|trekked|hiked|swam|rode|reached)\b/i;

export function detectHiding(doc: Tokenised, ctx: SentenceContext, pub?: Uint8Array): DetectedSpan[] {
  const spans: DetectedSpan[] = [];
  for (const [i, m] of scan(doc, ALL)) {
    const p = ALL[i];
    if (!p) continue;
    const clauseStop = i >= PATTERNS.length && !p.keepClauses;
    const start = m.index ?? 0;
    let end = start + m[0].length;
    const sentence = sentenceAt(doc, start);
    if (p.personal && !ctx.hasPersonalSubject(sentence)) continue;
    if (p.context) {
      const s = doc.sentences[sentence];
      if (!s || !p.context.test(doc.text.slice(s.start, s.end))) continue;
    }
    if (p.movement) {
      const s = doc.sentences[sentence];
      if (!s || !MOVEMENT_VERB_RE.test(doc.text.slice(s.start, end))) continue;
    }
    end = trimPhrase(doc, start, end, pub, clauseStop);
    if (end <= start) continue;
    const text = doc.text.slice(start, end);
    spans.push({ start, end, category: 'hiding', confidence: p.confidence, reason: p.reason, entityKey: 'hiding:' + variantKey(text) });
  }
  return spans;
}

/** Ends a phrase before a public entity ("a flat in Turkey" stops before "Turkey"), a clause word, or trailing function words. */
function trimPhrase(doc: Tokenised, start: number, end: number, pub: Uint8Array | undefined, clauseStop: boolean): number {
  const { tokens } = doc;
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid]?.end ?? 0) <= start) lo = mid + 1;
    else hi = mid;
  }
  let cut = end;
  let count = 0;
  for (let i = lo; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t || t.start >= end) break;
    count++;
    if ((pub && pub[i]) || (clauseStop && count > 3 && NP_STOP.has(t.lower))) {
      cut = t.start;
      break;
    }
  }
  const text = doc.text.slice(start, cut).replace(TRAILING_RE, '');
  return start + text.length;
}
