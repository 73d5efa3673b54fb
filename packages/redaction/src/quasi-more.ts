import type { QuasiPattern } from './quasi.ts';
import type { QuasiSubtype } from './types.ts';

/*
 * Quasi-identifiers beyond the first set (issue 16), English and French: languages spoken, origin tied to
 * the witness, ranks, studies, tribe or clan, appearance and marks, unit or position held, membership of a
 * small group, and the family, age, date, duration and sum forms the first set lacks. Each pattern names
 * trigger words (see scan.ts); `personal` ones only count in sentences about a person.
 */
const Q = (re: RegExp, subtype: QuasiSubtype, triggers: readonly string[], personal = true, confidence = 0.65): QuasiPattern => ({
  re,
  subtype,
  triggers,
  personal,
  confidence,
});

const AGE_WORD =
  '(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)';
const NUM_WORD = '(?:\\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|a dozen)';
const LANG =
  '(?:Arabic|Kurdish|Kurmanji|Sorani|Turkish|English|French|German|Persian|Farsi|Dari|Pashto|Urdu|Russian|Hebrew|Armenian|Aramaic|Syriac|Tigrinya|Amharic|Somali|Fur|Masalit|Zaghawa|Hausa|Fulani|Fula|Rohingya|Burmese|Bengali|Uzbek|Tajik|Turkmen|Circassian|Berber|Tamazight|Italian|Spanish|Swedish|Dutch|Greek)';
const LANG_FR = "(?:l['’]|le )?(?:arabe|kurde|turc|anglais|français|allemand|persan|farsi|dari|pachto|ourdou|russe|hébreu|araméen|tigrinya|amharique|somali|haoussa|peul|berbère|italien|espagnol|suédois)";
const RANK =
  '(?:private|corporal|sergeant|staff sergeant|warrant officer|lieutenant|first lieutenant|second lieutenant|captain|major|colonel|lieutenant colonel|brigadier|general|conscript|commander|officer|guard|jailer|interrogator|sniper|medic)';
const JOB_MORE =
  '(?:teacher|doctor|nurse|engineer|farmer|driver|soldier|officer|policeman|lawyer|judge|pharmacist|shopkeeper|mechanic|tailor|baker|butcher|carpenter|electrician|plumber|accountant|builder|trader|merchant|shepherd|fisherman|barber|cook|clerk|civil servant|technician|dentist|surgeon|paramedic|midwife|professor|journalist|photographer|translator|interpreter|imam|preacher|nurse|cleaner|guard|smuggler|labou?rer|midwife|student|activist|volunteer|secretary|cashier|vet|veterinarian)';
const BODY = '(?:face|cheek|forehead|arm|arms|hand|hands|leg|legs|neck|chest|back|eye|eyebrow|chin|lip|knee|foot|feet|shoulder|head|wrist|finger|fingers)';
const UNIT_NOUN = '(?:brigade|battalion|division|regiment|company|platoon|squad|corps|unit|checkpoint|base|garrison|branch|prison|police station|airport|barracks|post)';
const SMALL_NUM = '(?:two|three|four|five|six|seven|eight|nine|ten|a handful of|the few|only|\\d)';

export const MORE_QUASI: QuasiPattern[] = [
  // age: "I was 17", "he is twenty-six", "at nineteen", "when she was 15"
  Q(new RegExp(`\\b(?:I am|I'm|I was|he is|he's|he was|she is|she's|she was|when (?:I|he|she) was)\\s(?:only |just |now |barely )?(?:\\d{1,2}|${AGE_WORD})\\b(?!\\s?(?:%|percent|km|kilomet|metres|meters|minutes|hours|days|weeks|months|dollars|euros|o['’]clock|am\\b|pm\\b|[:.]\\d))`, 'giu'), 'age', ['am', "i'm", 'was', 'is', "he's", "she's"], false, 0.7),
  Q(new RegExp(`\\b(?:joined|married|left|enlisted|recruited|conscripted|drafted|arrested|widowed|orphaned)\\b[^.;!?]{0,40}?\\bat (?:the age of )?(?:\\d{1,2}|${AGE_WORD})\\b(?!\\s?(?:[:.]\\d|am\\b|pm\\b|o['’]clock|in the (?:morning|evening|afternoon)))`, 'giu'), 'age', ['joined', 'married', 'left', 'enlisted', 'recruited', 'conscripted', 'drafted', 'arrested', 'widowed', 'orphaned']),
  Q(new RegExp(`\\b(?:(?:a|an) )?${AGE_WORD}[- ]years?[- ]old\\b`, 'giu'), 'age', ['old'], false, 0.8),
  // profession and rank: "I was a sergeant", "he worked as an interpreter", "as a nurse"
  Q(new RegExp(`\\b(?:was|is|became|had been|served as|worked as|trained as|employed as|promoted to)\\s(?:a|an|the)?\\s?(?:[\\p{L}-]+\\s)?(?:${RANK}|${JOB_MORE})s?\\b`, 'giu'), 'profession', ['was', 'is', 'became', 'been', 'served', 'worked', 'trained', 'employed', 'promoted']),
  Q(new RegExp(`\\b(?:the rank of|ranked as|rank:)\\s(?:[\\p{L}-]+\\s)?${RANK}\\b`, 'giu'), 'profession', ['rank'], false),
  Q(/(?<![\p{L}])(?:j['’]étais|il était|elle était|je suis|il est|elle est|travaillait comme|travaille comme|travaillais comme|devenu|devenue)\s(?:un |une )?(?:professeure?|enseignante?|institutrice|instituteur|médecin|infirmier|infirmière|ingénieure?|soldat|policière?|policier|avocate?|boulanger|boulangère|berger|bergère|chauffeur|commerçante?|agricultrice|agriculteur|mécanicien|pharmacien|pharmacienne|imam|fonctionnaire|militaire|officier|sergent|lieutenant|capitaine|couturier|couturière|tailleur|menuisier|électricien|maçon|journaliste|traductrice|traducteur|interprète|étudiante?|sage-femme|pêcheur|coiffeur|coiffeuse)(?![\p{L}])/giu, 'profession', ['étais', 'était', 'suis', 'est', 'travaillait', 'travaille', 'travaillais', 'devenu', 'devenue']),
  // studies
  Q(/\b(?:graduated|graduate|dropped out|(?:first|second|third|fourth|final|last) year)\s(?:from |of |at |in )(?:the )?(?:[\p{L}-]+\s){0,3}?(?:university|college|school|faculty|institute|academy|law|medicine|engineering|pharmacy|nursing|literature|economics|chemistry|physics|mathematics|agriculture|dentistry|studies)\b/giu, 'studies', ['graduated', 'graduate', 'dropped', 'year'], false),
  Q(/\b(?:(?:bachelor|master)['’]?s?|diploma|degree|doctorate|PhD)(?: degree)? in (?:[\p{L}-]+)(?: [\p{L}-]+)?/giu, 'studies', ['bachelor', "bachelor's", 'master', "master's", 'diploma', 'degree', 'doctorate', 'phd'], false),
  Q(/\b(?:university|college|high[- ]school|secondary school) (?:student|graduate|degree|diploma)\b/giu, 'studies', ['student', 'graduate', 'degree', 'diploma'], false),
  Q(/(?<![\p{L}])(?:études? (?:de|d['’]|en) [\p{L}]+|diplômée? (?:de|d['’]|en) [\p{L}]+|licence (?:de|d['’]|en) [\p{L}]+|étudiante? en [\p{L}]+|(?:première|deuxième|troisième|dernière) année de [\p{L}]+)/giu, 'studies', ['études', 'étude', 'diplômé', 'diplômée', 'licence', 'étudiant', 'étudiante', 'année'], false),
  // languages spoken
  Q(new RegExp(`\\b(?:speaks?|spoke|speaking|fluent in|learned|learnt|understands?|interpreted from)\\s(?:(?:good|some|a little|broken|fluent|perfect|basic|only)\\s)?${LANG}(?:(?:,\\s|\\s(?:and|or)\\s|,\\sand\\s)(?:some\\s|a little\\s|broken\\s|good\\s)?${LANG})*`, 'gu'), 'languages', ['speaks', 'speak', 'spoke', 'speaking', 'fluent', 'learned', 'learnt', 'understands', 'understand', 'interpreted']),
  Q(new RegExp(`\\b(?:speaks?|spoke|speaking)\\s${NUM_WORD}\\slanguages\\b|\\b${NUM_WORD}\\slanguages\\b`, 'giu'), 'languages', ['languages'], true),
  Q(new RegExp(`(?<![\\p{L}])(?:parle|parlait|parlais|parlent|parlons|parler)\\s(?:couramment\\s|un peu\\s|bien\\s)?${LANG_FR}(?:(?:,\\s|\\set\\s|\\sou\\s)(?:un peu\\s)?${LANG_FR})*`, 'giu'), 'languages', ['parle', 'parlait', 'parlais', 'parlent', 'parlons', 'parler']),
  Q(/(?<![\p{L}])(?:deux|trois|quatre|cinq|\d) langues\b/giu, 'languages', ['langues']),
  // origin tied to the witness
  Q(/\b(?:originally from|a native of|hails from|hailed from|grew up in|born and raised in|born in|comes from|came from)\s(?:the\s)?(?:(?:north|south|east|west|north-east|north-west|south-east|south-west|northern|southern|eastern|western|rural|countryside|outskirts|suburbs|mountains|villages?)[\p{L}-]*\s(?:of\s)?(?:the\s)?)?(?:a\s(?:small\s)?(?:village|town|hamlet)\s(?:near|outside|in|north of|south of|east of|west of)\s)?\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+)?(?:\s(?:province|region|governorate|countryside|district|valley|mountains))?/gu, 'origin', ['originally', 'native', 'hails', 'hailed', 'grew', 'born', 'comes', 'came']),
  Q(/(?<![\p{L}])(?:originaire|natif|native|né|née|a grandi)\s(?:de |du |des |d['’]|à |au |en )(?:la |l['’])?(?:région |province |campagne |banlieue |nord |sud |est |ouest )?(?:de |du |d['’])?\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+)?/gu, 'origin', ['originaire', 'natif', 'native', 'né', 'née', 'grandi']),
  // tribe or clan
  Q(/\b(?:from|of|belongs? to|belonged to|member of|members of|a son of) (?:the |a |an |his |her |my )?(?:\p{Lu}[\p{L}'’-]+ ){0,3}(?:tribe|clan|sub-clan|tribal confederation|lineage)\b(?: of (?:the )?\p{Lu}[\p{L}'’-]+)?/gu, 'tribe', ['tribe', 'clan', 'sub-clan', 'lineage'], false),
  Q(/(?<![\p{L}])(?:de la |la |sa |leur |d['’]une )?(?:tribu|clan)\s(?:des |de |du |d['’])?\p{Lu}[\p{L}'’-]+/gu, 'tribe', ['tribu', 'clan'], false),
  // appearance and distinguishing marks
  Q(new RegExp(`\\b(?:a |the |his |her |my )?(?:long |deep |small |large |visible |burn |old )?(?:scars?|burn marks?|tattoos?|birthmark|prosthetic (?:leg|arm|hand))\\s(?:on|across|over|in|along)\\s(?:his|her|my|the)\\s(?:(?:left|right|upper|lower)\\s)?${BODY}\\b`, 'giu'), 'appearance', ['scar', 'scars', 'burn', 'tattoo', 'tattoos', 'birthmark', 'prosthetic'], false, 0.7),
  Q(new RegExp(`\\b(?:walks|walked|walking) with a (?:slight |bad |pronounced )?limp\\b|\\b(?:lost|missing) (?:his|her|my|two|three|a) (?:(?:left|right) )?(?:${BODY}|fingers?|toes?)\\b|\\bblind in one eye\\b|\\bwears? (?:thick )?glasses\\b`, 'giu'), 'appearance', ['walks', 'walked', 'walking', 'lost', 'missing', 'blind', 'wears', 'wear']),
  Q(/\b(?:is|was|looks|looked|stands|stood) (?:very |quite |rather |unusually |a )?(?:tall|short|thin|slim|skinny|stocky|heavy-?set|broad-shouldered|bald|balding|lanky|overweight|grey-haired|gray-haired|red-haired|blond|blue-eyed|green-eyed|one-eyed)\b(?: (?:and|with) (?:a |an )?(?:[\p{L}-]+ )?(?:beard|moustache|mustache|build|hair))?|\b(?:a |an )(?:tall|short|thin|stocky|heavy-?set|bald|lanky|broad-shouldered|red-haired|one-eyed)(?:,? (?:[\p{L}-]+))? (?:man|woman|boy|girl|figure)\b/giu, 'appearance', ['is', 'was', 'looks', 'looked', 'stands', 'stood', 'man', 'woman', 'boy', 'girl', 'figure']),
  Q(/(?<![\p{L}])(?:une cicatrice (?:sur|au|à) (?:la |le |l['’]|sa |son )?[\p{L}]+|boite (?:légèrement|un peu)?|porte des lunettes|(?:grand|grande|petit|petite|mince|maigre|chauve|costaud|trapu)e? et (?:mince|maigre|chauve|costaud|barbu|trapu)e?|a perdu (?:un |une |la |le |sa |son )?(?:œil|oeil|bras|jambe|main|doigts?))/giu, 'appearance', ['cicatrice', 'boite', 'lunettes', 'grand', 'grande', 'petit', 'petite', 'mince', 'maigre', 'chauve', 'costaud', 'trapu', 'perdu'], false),
  // unit or position held
  Q(new RegExp(`\\b(?:served|stationed|posted|assigned|deployed|transferred|worked|guarded|manned|commanded)\\s(?:in|with|at|to|on)\\s(?:the\\s|a\\s|an\\s|his\\s|her\\s)?(?:[\\p{L}\\d'’-]+\\s){0,3}?${UNIT_NOUN}\\b`, 'giu'), 'unit', ['served', 'stationed', 'posted', 'assigned', 'deployed', 'transferred', 'worked', 'guarded', 'manned', 'commanded']),
  Q(new RegExp(`\\b(?:commander|head|chief|deputy|in charge) of (?:the |a |an )?(?:small |local )?(?:[\\p{L}\\d'’-]+\\s){0,2}?${UNIT_NOUN}\\b`, 'giu'), 'unit', ['commander', 'head', 'chief', 'deputy', 'charge']),
  Q(/(?<![\p{L}])(?:affectée? (?:à|au|aux|dans)|en poste (?:à|au|dans)|servi (?:dans|au|à)|a servi dans|responsable d['’]un|chef d['’]un|commandait)\s(?:la |le |l['’]|un |une |une petite |un petit )?(?:[\p{L}\d'’-]+\s){0,2}?(?:brigade|bataillon|division|régiment|compagnie|unité|section|poste|checkpoint|barrage|caserne|prison|base)(?![\p{L}])/giu, 'unit', ['affecté', 'affectée', 'poste', 'servi', 'responsable', 'chef', 'commandait']),
  // small-group membership: "one of three women in the unit", "the only doctor in the village"
  Q(new RegExp(`\\b(?:one of (?:only |just )?${SMALL_NUM}|the only) (?:[\\p{L}-]+ )?(?:women|men|woman|man|girls?|boys?|doctors?|nurses?|teachers?|Christians?|Yazidis?|Kurds?|Alawites?|Druze|survivors?|officers?|foreigners?|engineers?|defectors?|prisoners?|detainees?|medics?|drivers?|students?|children|families|family)\\b(?: (?:in|at|from|of) (?:the|his|her|our|their|my) [\\p{L}-]+)?`, 'gu'), 'group', ['one', 'only'], false),
  Q(/(?<![\p{L}])(?:l['’]une des|l['’]un des|le seul|la seule|les seuls|les seules)\s(?:deux |trois |quatre |cinq |\d )?(?:[\p{L}-]+ )?(?:femmes?|hommes?|filles?|médecins?|infirmières?|enseignantes?|chrétiennes?|yézidies?|survivantes?|prisonnières?|étrangers?|étudiantes?)\b(?: (?:de|du|dans) (?:la |le |l['’]|son |sa |notre )?[\p{L}-]+)?/giu, 'group', ['une', 'un', 'seul', 'seule', 'seuls', 'seules'], false),
  // family (more forms)
  Q(new RegExp(`\\b(?:has|had|have|with) ${NUM_WORD} (?:young |small |little )?(?:children|kids|sons|daughters|brothers|sisters|siblings|grandchildren)\\b|\\bthe (?:eldest|oldest|youngest) of ${NUM_WORD}(?: (?:children|siblings|brothers|sisters))?\\b|\\b(?:a |the )?(?:widow|widower|orphan)\\b`, 'giu'), 'family', ['has', 'had', 'have', 'with', 'eldest', 'oldest', 'youngest', 'widow', 'widower', 'orphan']),
  Q(/(?<![\p{L}])(?:mariée?|divorcée?|veuve|veuf|fiancée?)(?: (?:et|avec) (?:mère|père) de (?:deux|trois|quatre|cinq|six|\d+)(?: enfants)?)?\b|(?<![\p{L}])(?:mère|père) de (?:deux|trois|quatre|cinq|six|sept|\d+)(?: enfants)?\b|(?<![\p{L}])(?:a|avait|ai|avons) (?:deux|trois|quatre|cinq|six|sept|\d+) (?:enfants|fils|filles|frères|sœurs|soeurs)\b|(?<![\p{L}])(?:l['’]aînée?|la cadette|le cadet) de (?:deux|trois|quatre|cinq|six|sept|\d+)\b/giu, 'family', ['marié', 'mariée', 'divorcé', 'divorcée', 'veuve', 'veuf', 'fiancé', 'fiancée', 'mère', 'père', 'enfants', 'fils', 'filles', 'frères', 'sœurs', 'soeurs', 'aîné', 'aînée', 'cadette', 'cadet']),
  // dates and durations (more forms)
  Q(/\b(?:on |since |until |by )?(?:the )?\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:,? (?:19|20)\d\d)?\b/gu, 'date', ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']),
  Q(/(?<![\p{L}])(?:en|depuis|jusqu['’]en|avant|après|à l['’](?:été|automne|hiver)|au printemps) (?:19|20)\d\d\b|(?<![\p{L}])le \d{1,2}(?:er)? (?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b/giu, 'date', ['en', 'depuis', 'jusqu', "jusqu'en", 'avant', 'après', "l'été", "l'automne", "l'hiver", 'printemps', 'le']),
  Q(/(?<![\p{L}])(?:pendant|durant|depuis|condamnée? à|passé|passée|resté|restée|détenue?) (?:près de |plus de |presque )?(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|quelques|plusieurs|\d+) (?:jours|semaines|mois|ans|années)\b/giu, 'duration', ['pendant', 'durant', 'depuis', 'condamné', 'condamnée', 'passé', 'passée', 'resté', 'restée', 'détenu', 'détenue']),
  Q(new RegExp(`\\b(?:for|after|spent|lasted|took)\\s(?:almost |nearly |about |over |more than )?${NUM_WORD} (?:days|weeks|months|years|nights)\\b`, 'giu'), 'duration', ['for', 'after', 'spent', 'lasted', 'took']),
  // sums (French without grouped thousands, "a thousand dollars")
  Q(/(?<![\p{L}\p{N}])(?:\d+|mille|cent|deux cents|cinq cents)\s(?:dollars|euros|livres|dinars|francs)\b/giu, 'sum', ['dollars', 'euros', 'livres', 'dinars', 'francs']),
  Q(/\b(?:a|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|a hundred|hundred|several) (?:hundred |thousand )?(?:thousand )?(?:dollars|euros|pounds|lira|dinars)\b/giu, 'sum', ['dollars', 'euros', 'pounds', 'lira', 'dinars']),
];
