/*
 * Hiding phrases beyond "hid in …" (issue 12): hiding places described by their shape (a dry cistern, a
 * space behind the stable wall, the fish hold), lodging given or rented by a private person, vehicles and
 * the people who drive them, disguises and cover stories, things sewn or hidden on the body, routes over
 * paths, fences and fields, and the French forms (cachée dans…, un deux-pièces au-dessus de…, vêtue d'un
 * niqab, à travers champs). Written from the classes, not from any text; each pattern is gated by trigger
 * words and, where the nouns are common, by a hiding / movement word in the sentence.
 */
export interface HidingPattern {
  re: RegExp;
  reason: string;
  confidence: number;
  /** only in sentences about the witness */
  personal?: boolean;
  /** only when the sentence has a movement verb before the match */
  movement?: boolean;
  /** run only on sentences holding one of these words (see scan.ts) */
  triggers?: readonly string[];
  /** only when the sentence matches this (e.g. a hiding or waiting word) */
  context?: RegExp;
  /** keep relative clauses ("a relative who drove a truck to the border") */
  keepClauses?: boolean;
}

const DET = String.raw`(?:a|an|the|his|her|their|our|my|one)`;
const ADJ = String.raw`(?:[\p{L}-]+,?\s){0,3}?`;
const HIDE_CTX = /\b(?:hid|hide|hides|hiding|hidden|stay|stayed|staying|slept|sleep|sleeping|spent|waited|wait|waiting|lay|lying|lived|living|kept|keep|shelter|sheltered|safe|nights?|lowered|brought|took (?:us|me|him|her|them) in|rent(?:ed|s)?|paid|pay|owner|days|weeks)\b/i;
const MOVE_CTX = /\b(?:took|take|taking|drove|driven|driving|ran|run|walked|walk|walking|crossed|cross|crossing|fled|escaped|went|carried|rode|reached|waiting|boarded|left|abandoned|smuggled|paid|followed|climbed|swam|pushed|sailed|guided|led)\b/i;
const HIDE_PLACE =
  '(?:well|well-house|cistern|cellar|basement|stable|barn|shed|attic|loft|cave|hut|hold|fish hold|storeroom|store-room|pantry|warehouse|pumping station|petrol station|guesthouse|guest house|garden|orchard|terraces|grove|tunnel|ruins?|pit|hole|ditch|culvert|drain|crawl ?space|roof space|chicken coop|sheepfold|mill|olive press|boiler room|storage room|back room|spare room|outhouse|shack|shelter|hideout|hide-out|safe ?house)';
const VEHICLE =
  '(?:boat|fishing boat|truck|lorry|minibus|motorcycle|motorbike|car|taxi|van|auto-rickshaw|rickshaw|bus|pickup|pick-up|tractor|cart|trawler|dinghy|fuel truck|tanker|trailer|ambulance)';
const HELPER = '(?:man|woman|relative|driver|farmer|fisherman|shepherd|boatman|agent|baker|guide|smuggler|contact|villager|trucker|lorry driver|truck driver|taxi driver|policeman|soldier|guard|officer|neighbou?r|family|friend|cousin|widow|nurse|doctor|teacher|imam|priest|nun)';
const TERRAIN =
  '(?:path|paths|track|tracks|trail|road|route|fence|border fence|wall|border wall|aqueduct|terraces|fields|paddy fields|rice fields|graveyard|cemetery|orchards|olive groves|riverbank|shore|beach|marsh|marshes|swamp|forest|woods|hills|hill paths|mountain paths|goat road|goat track|smugglers[’\']? path|river|stream|canal|ravine|gorge|desert|minefield|sewer|sewers|drainage pipe)';
const KIN = '(?:sister|brother|wife|husband|niece|nephew|daughter|son|cousin|mother|father|aunt|uncle|relative|maid|servant)';

const H = (re: RegExp, reason: string, triggers: readonly string[], extra: Partial<HidingPattern> = {}): HidingPattern => ({ re, reason, triggers, confidence: 0.65, ...extra });

export const EXTRA_HIDING: HidingPattern[] = [
  // a hiding place described by its shape, with where it is
  H(new RegExp(String.raw`\b${DET}\s${ADJ}${HIDE_PLACE}\b(?:\s(?:behind|below|beneath|under|near|above|next to|at the (?:edge|end|back) of|on the (?:edge|outskirts) of|outside|in|of)\s(?:the|a|an|his|her|their|our|my|it)\b(?:\s${ADJ}[\p{L}-]+)?)?(?:,\s(?:with|behind|under)\s[^.;!?]{1,40})?`, 'giu'), 'hiding place', HIDE_PLACE.slice(3, -1).split('|').flatMap((w) => w.split(/[ ?-]/)).filter((w) => w.length > 3 && w !== 'room' && w !== 'house'), { context: HIDE_CTX, keepClauses: true, personal: true }),
  H(/\b(?:a|the) space (?:behind|under|beneath|below|above) (?:the|a) (?:[\p{L}-]+\s){0,3}?[\p{L}-]+\b/giu, 'hiding place', ['space'], { confidence: 0.75, keepClauses: true }),
  // lodging given or rented by a private person
  H(/\b(?:one|a|the) (?:small |single |spare |back )?room (?:in|at|above|behind|of) (?:a|an|the|his|her) (?:[\p{L}-]+\s){0,3}?(?:guesthouse|guest house|house|flat|apartment|building|shop|bakery|garage|farm|hotel)\b(?:\s(?:in|on|near|behind|above)\s[^.;!?]{1,50}?(?=[.;!?]|$))?/giu, 'lodging', ['room'], { personal: true, keepClauses: true }),
  H(/\b(?:the|a) (?:room|flat|apartment|house) where (?:he|she|they|I|we) (?:lives?|stays?|sleeps?) now\b(?:,\s(?:above|behind|next to|near) [^.;!?]{1,40})?/giu, 'current lodging', ['room', 'flat', 'apartment', 'house'], { confidence: 0.85, keepClauses: true }),
  H(/\b(?:the owner|the landlord|the family) (?:knows|knew|agreed|lets? (?:us|me|him|her|them)|rents? (?:us|me|him|her|them))\b[^.;!?]{0,40}/giu, 'private lodging', ['owner', 'landlord', 'family'], { context: HIDE_CTX, keepClauses: true }),
  // vehicles and their drivers
  H(new RegExp(String.raw`\b${DET}\s${ADJ}${VEHICLE}\b(?:\s(?:waiting|from|to|with|that|which|took)\s[^.;!?,]{1,50})?`, 'giu'), 'escape vehicle', VEHICLE.slice(3, -1).split('|').flatMap((w) => w.split(/[ -]/)).filter((w) => w.length > 2), { context: MOVE_CTX, personal: true, keepClauses: true, confidence: 0.6 }),
  H(new RegExp(String.raw`\b(?:paid|hired|found|met|called|contacted|trusted|with|by|through|via)\s(?:a|an|one)\s${ADJ}${HELPER}\s(?:who|with|from|of|in)\s[^.;!?,]{1,60}`, 'giu'), 'escape helper', ['paid', 'hired', 'found', 'met', 'called', 'contacted', 'trusted', 'with', 'by', 'through', 'via'], { personal: true, keepClauses: true, context: MOVE_CTX }),
  H(new RegExp(String.raw`\b(?:a|an)\s${ADJ}(?:relative|driver|farmer|fisherman|shepherd|boatman|agent|smuggler|trucker|villager)\s(?:who|from)\s[^.;!?,]{1,60}`, 'giu'), 'escape helper', ['relative', 'driver', 'farmer', 'fisherman', 'shepherd', 'boatman', 'agent', 'smuggler', 'trucker', 'villager'], { personal: true, keepClauses: true }),
  // disguises and cover stories
  H(/\b(?:wore|wearing|disguised (?:as|in)|dressed (?:as|in))\s(?:a|an|the|her|his|my)\s(?:[\p{L}-]+,?\s){0,3}?(?:burqa|burka|niqab|abaya|chador|veil|uniform|disguise|robe|dress|headscarf|shawl)\b[^.;!?]{0,30}/giu, 'disguise', ['wore', 'wearing', 'disguised', 'dressed'], { keepClauses: true }),
  H(new RegExp(String.raw`\b(?:said|says|told (?:everybody|everyone|them|people|the [\p{L}]+)|pretended|claimed)\s(?:that\s)?(?:I|he|she|we)\s(?:was|were|am|is)\s(?:his|her|their|my|our)\s${KIN}s?\b`, 'giu'), 'cover story', ['said', 'says', 'told', 'pretended', 'claimed'], { confidence: 0.75, keepClauses: true }),
  H(/\b(?:went|travel+ed|came|left) with (?:a|another) family (?:who|that) (?:was|were) not (?:my|his|her|our) (?:own )?family\b|\b(?:we|I|they) were going to visit (?:relatives|family|a wedding|a funeral)\b|\bwith (?:the|a|her|his) (?:identity|ID) (?:card|papers|documents) of [^.;!?,]{1,40}/giu, 'cover story', ['family', 'visit', 'identity', 'id'], { keepClauses: true }),
  // things hidden on the body or in the load
  H(/\b(?:sewn|stitched|hidden|tucked|folded|rolled|taped) (?:into|in|inside|under|behind) (?:the|a|his|her|my) (?:[\p{L}-]+\s){0,3}?[\p{L}-]+\b|\bunder (?:blankets|sacks|a tarpaulin|the seats|hay|straw|crates|vegetables|[\p{L}]+ sacks)\b|\bbehind the seats\b|\bcovered (?:the|it|us|him|her) (?:opening |entrance |hole )?with [^.;!?]{1,40}/giu, 'concealment', ['sewn', 'stitched', 'hidden', 'tucked', 'folded', 'rolled', 'taped', 'under', 'behind', 'covered'], { keepClauses: true }),
  // routes over paths, fences and fields
  H(new RegExp(String.raw`\b(?:through|across|over|along|via|around|into|followed|took|crossed|up|down|under)\s(?:the|a|an)\s${ADJ}${TERRAIN}\b(?:\s(?:through|around|behind|of|at)\s(?:the|a)\s[\p{L}-]+(?:,\s(?:around|through|behind) the [\p{L}-]+)?)?`, 'giu'), 'escape route', ['through', 'across', 'over', 'along', 'via', 'around', 'into', 'followed', 'took', 'crossed', 'up', 'down', 'under'], { context: MOVE_CTX, personal: true, keepClauses: true, confidence: 0.6 }),
  H(/\b(?:the )?border (?:fence|wall) (?:had been |was )?(?:cut|broken|climbed)\b|\bcrossed the border (?:wall|fence|river) at night\b[^.;!?]{0,30}/giu, 'crossing point', ['border'], { keepClauses: true }),
  // French
  H(/(?<![\p{L}])(?:la |le |les |l['’]|me |nous |se )?cach(?:e|ait|aient|ent|é|ée|és|ées|er)\s(?:[\p{L}'’]+\s){0,3}?(?:dans|chez|sous|derrière)\s(?:une|un|la|le|les|l['’]|sa|son|ses|leur|des)\s?(?:[\p{L}'’-]+\s?){1,4}/giu, 'hiding place', ['cache', 'cachait', 'cachaient', 'cachent', 'caché', 'cachée', 'cachés', 'cachées', 'cacher'], { keepClauses: true, confidence: 0.8 }),
  H(/(?<![\p{L}])(?:un|une) (?:deux-pièces|trois-pièces|studio|chambre|pièce|appartement|maison|cave|grange|étable|cabane|remise) (?:au-dessus|derrière|près|à côté|au fond|en face) (?:d['’]une?|de la|du|de l['’]|de)\s?[\p{L}'’-]+/giu, 'lodging', ['deux-pièces', 'trois-pièces', 'studio', 'chambre', 'pièce', 'appartement', 'maison', 'cave', 'grange', 'étable', 'cabane', 'remise'], { keepClauses: true }),
  H(/(?<![\p{L}])entre des (?:sacs|caisses|cageots|bidons) de [\p{L}]+|(?<![\p{L}])sous (?:des|une|les) (?:couvertures?|bâches?|sacs|caisses)/giu, 'concealment', ['entre', 'sous'], { keepClauses: true }),
  H(/(?<![\p{L}])(?:[Uu]n|[Uu]ne) (?:boulanger|boulangère|chauffeur|passeur|pêcheur|berger|voisin|voisine|cousin|cousine|ami|amie|paysan|agriculteur|commerçant|épicier|taxi) (?:du quartier|du village|d['’]en face|envoyée? par (?:\p{Lu}[\p{L}'’-]+\s?){1,3}|de confiance|qui [^.;,!?]{1,40})/gu, 'escape helper', ['boulanger', 'boulangère', 'chauffeur', 'passeur', 'pêcheur', 'berger', 'voisin', 'voisine', 'cousin', 'cousine', 'ami', 'amie', 'paysan', 'agriculteur', 'commerçant', 'épicier', 'taxi'], { keepClauses: true }),
  H(/(?<![\p{L}])(?:vêtue?|habillée?|déguisée?) (?:d['’]une?|en) (?:[\p{L}-]+ )?(?:niqab|burqa|abaya|voile|tchador|uniforme|robe)(?: [\p{L}]+)?|(?<![\p{L}])munie? (?:de|des) (?:la |les )?(?:carte|papiers|pièces) d['’]identité (?:d['’]une?|de) [^.;,!?]{1,40}|(?<![\p{L}])se faisant passer pour [^.;,!?]{1,40}/giu, 'disguise', ['vêtue', 'vêtu', 'habillée', 'habillé', 'déguisée', 'déguisé', 'munie', 'muni', 'passer'], { keepClauses: true }),
  H(/(?<![\p{L}])(?:à travers|par|le long de|au-dessus de|en traversant|longer|longé)\s(?:les|la|le|l['’]|des|un|une)\s?(?:[\p{L}-]+\s){0,2}?(?:champs|routes? de campagne|chemins?|sentiers?|collines|montagnes|forêt|bois|rivière|fleuve|cours|vergers|oliveraies|cimetière|grillage|clôture|mur|porte de la cuisine|toits)(?![\p{L}])(?:,\s(?:traverse|passe|longe)\s[^.;!?]{1,30})?/giu, 'escape route', ['travers', 'par', 'long', 'au-dessus', 'traversant', 'longer', 'longé'], { keepClauses: true }),
];
