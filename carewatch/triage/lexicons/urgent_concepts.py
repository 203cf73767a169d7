# ruff: noqa: E501, RUF001  (concept lists in nine languages: Cyrillic letters, long alternations)
"""Concept classes of the compositional urgent detector (issue 10, fourth round), in the nine screened
languages. A phrase list names whole sentences ("coughing up blood right now"); these name the parts a
sentence is built from, and ``detectors/urgent.py`` combines them:

- an emergency in progress is a body part or function (``BODY_*``) next to an acute state (``ACUTE_*``),
  with a sign that it is happening now (``NOW``, ``HELP``, a link to a dose, or a second sign), or one of
  the events that are emergencies by themselves (``EVENT``: passed out, seizing, coughing up blood…);
- an accidental ingestion is a person (``PERSON``), a swallowing verb (``INGEST``) and a medicine
  (``MEDICINE`` or the client's product) in one sentence;
- indirect self-harm is "better" with "without me" (``BETTER`` with ``ABSENT``), "no point" with "going on"
  (``NO_POINT`` with ``GO_ON``), "sleep" with "never wake up" (``SLEEP`` with ``NO_WAKE``), or a statement that
  needs no partner (``SELF_HARM_ALONE``);
- a threat is a violent act (``VIOLENCE_ACT``) with an intent or a target (``INTENT``, ``TARGET``), or a weapon
  (``WEAPON``) with a target.

Written by the Carewatch developers from general knowledge of the languages. Regular-expression fragments
without capturing groups; every concept is a key of one keyed cue list (one pass over the text).
``*_CJK`` lists are matched without word boundaries (Japanese and Chinese have no spaces).
"""

from __future__ import annotations

BODY_AIRWAY = (
    r"throat", r"tongue", r"lips?", r"face", r"airways?", r"mouth",
    r"garganta", r"lengua", r"labios?", r"cara",
    r"gorge", r"langue", r"lèvres?", r"visage",
    r"Hals", r"Kehle", r"Zunge", r"Lippen?", r"Gesicht",
    r"língua", r"lingua", r"lábios?", r"rosto",
    r"gola", r"labbra", r"viso", r"faccia",
    r"горло", r"язык", r"губы", r"лицо",
)
BODY_CHEST = (
    r"chest", r"heart", r"breath(?:ing)?", r"air",
    r"pecho", r"corazón", r"aire", r"respiración",
    r"poitrine", r"c(?:œ|oe)ur", r"souffle", r"respiration", r"thorax",
    r"Brust", r"Herz", r"Luft", r"Atem", r"Atmung",
    r"peito", r"coração", r"respiração",
    r"petto", r"cuore", r"aria", r"respiro",
    r"грудь", r"груди", r"сердце", r"воздух\w*", r"дыхание",
)
BODY_LIMB = (
    r"(?:left |right )?arm", r"jaw", r"side of (?:my|his|her) (?:face|body)", r"(?:my|his|her) (?:speech|words)", r"vision",
    r"(?:izquierdo )?brazo(?: izquierdo)?", r"mandíbula", r"habla",
    r"bras(?: gauche)?", r"mâchoire", r"parole",
    r"(?:linker |linke |linken )?Arm", r"Kiefer", r"Sprache",
    r"braço(?: esquerdo)?", r"braccio(?: sinistro)?", r"mascella",
    r"(?:левая |левую )?рук[аиу]", r"челюсть",
)
ACUTE_SWELL = (
    r"swell(?:ing|s|ed)?(?: up| shut)?", r"swollen", r"closing(?: up)?", r"clos(?:es|ed) up", r"blowing up", r"puffing up",
    r"getting (?:fat|huge|big)", r"(?:feels?|look|looks|are|is) (?:huge|massive|enormous)", r"(?:turning |gone )?(?:blue|purple)",
    r"hincha(?:da|do|ndo|ndose)?", r"hinchad[oa]s", r"se (?:me |le )?(?:hincha|cierra)", r"cerrando", r"morad[oa]s?",
    r"gonfle", r"gonflée?s?", r"enfle", r"se ferme", r"se serre", r"bleues?",
    r"schwillt(?: an| zu)?", r"(?:wird|werden|ist|sind) dick", r"schwellen(?: \w+)?(?: an| zu)", r"schwellen", r"geschwollen", r"(?:wird|ist) dick", r"blau",
    r"inchando", r"inchad[oa]s?", r"incha", r"fechando", r"roxos?",
    r"gonfia(?:ndo|ta|to)?", r"si (?:chiude|gonfia)", r"blu", r"viola",
    r"распух\w*", r"опух\w*", r"отек\w*", r"отёк\w*", r"посинел\w*", r"синие",
)
ACUTE_TIGHT = (
    r"tight(?:ening)?", r"crushing", r"crushed", r"racing", r"(?:standing|sitting) on", r"squeezing", r"pounding", r"pressure",
    r"apretad[oa]", r"(?:me )?aprieta", r"oprime", r"opresión",
    r"serrée?", r"oppress(?:ée?|ion)",
    r"eng", r"Enge", r"Druck", r"rast", r"schnürt",
    r"apertad[oa]", r"aperto", r"acelerad[oa]",
    r"strett[oa]", r"oppressione", r"(?:un )?peso sul", r"batte (?:fortissimo|forte|all'impazzata)", r"che batte forte",
    r"сдавил[оа]?", r"сжимает", r"давит", r"колотится",
)
ACUTE_NUMB = (
    r"(?:went|gone|going|is|feels|feel) numb", r"numb(?:ness)?", r"(?:drooping|droopy)", r"slurr(?:ed|ing)", r"(?:going|gone|went) (?:black|dark|blurry)",
    r"(?:can'?t|cannot) (?:feel|move|lift|raise)", r"paraly[sz]ed", r"buzzing", r"tingl(?:ing|y|es)", r"pins and needles",
    r"dormid[oa]", r"(?:se me |se le )?durmió", r"entumecid[oa]", r"caída", r"no (?:puedo|puede) mover", r"no siento",
    r"engourdie?", r"paralysée?", r"je ne sens plus",
    r"taub", r"kribbelt", r"eingeschlafen", r"gelähmt", r"hängt",
    r"dormente", r"formigando", r"paralisad[oa]", r"(?:não|nao) sinto",
    r"intorpidit[oa]", r"formicola", r"addormentat[oa]", r"paralizzat[oa]", r"non (?:sento|muovo)",
    r"онемел[аио]?", r"немеет", r"отнял[аи]сь", r"не чувствую",
)
# Emergencies by themselves (cancelled only by negation, the past, a question about side effects or an "if").
EVENT = (
    r"(?:can'?t|cannot|can not) (?:breathe|get (?:any )?air(?: in)?|catch my breath)", r"(?:barely|hardly) (?:breathe|breathing)",
    r"(?:struggling|fighting|gasping) (?:to breathe|for (?:air|breath))", r"(?:is|he's|she's|he is|she is|they're) unconscious",
    r"unresponsive", r"(?:not|isn't|won't|doesn't) (?:respond(?:ing)?|wake (?:up )?properly|waking up)",
    r"seizing", r"(?:having|has) (?:a )?(?:seizures?|fits?|convulsions?)", r"convulsing",
    r"(?:coughing|cough|spitting|throwing) up blood", r"(?:vomiting|puking) blood", r"blood (?:pouring|gushing|everywhere)",
    r"(?:pouring|gushing) blood", r"(?:bleeding|blood) (?:and it )?(?:won't|will not|doesn't|wont) stop", r"won't stop bleeding",
    r"(?:sugar|glucose) (?:is )?(?:crashing|dropping fast|plummeting)",
    r"(?:me )?ahogo", r"me falta el aire", r"no (?:puedo|puede) respirar",
    r"inconsciente", r"no (?:reacciona|despierta)", r"convulsion(?:a|ando)", r"convulsiones",
    r"(?:tosiendo|escupiendo|vomitando) sangre",
    r"(?:j'arrive|je n'arrive|j'arrive) (?:plus|pas) à respirer", r"j'étouffe",
    r"inconsciente?", r"ne (?:répond|réagit|respire|se réveille) (?:pas|plus)", r"convulse", r"(?:fait|fais) une crise",
    r"(?:crache|crachez|vomis|vomit) du sang",
    r"(?:keine|kaum|kriege keine|bekomme keine|bekomme kaum|kaum noch|keine mehr) Luft", r"spitting blood", r"no me entra (?:el )?aire", r"ersticke", r"bewusstlos", r"reagiert nicht", r"krampft", r"(?:einen )?(?:Krampf)?[Aa]nfall", r"zuckt am ganzen Körper",
    r"(?:huste|hustet|spucke|spuckt|erbreche|erbricht)(?: gerade| jetzt)? Blut", r"Blut (?:husten|spucken|erbrechen)",
    r"(?:não|nao) consigo (?:respirar|puxar o ar)", r"inconsciente",
    r"(?:não|nao) (?:reage|acorda)", r"convulsão", r"convulsionando", r"(?:tossindo|cuspindo|vomitando) sangue",
    r"non riesco a (?:respirare|prendere aria)", r"incosciente",
    r"non (?:reagisce|si sveglia)", r"convulsioni", r"(?:tossendo|tossisco|sputo|vomito|vomitando) sangue",
    r"не могу (?:дышать|вдохнуть)", r"задыхаюсь", r"без сознания",
    r"не (?:реагирует|дышит|просыпается)",
    r"(?:кашляю|кашляет|рвёт|рвет) кровью", r"кровь (?:изо рта|горлом)",
)
EVENT_CJK = (
    r"息ができない", r"息が吸えない", r"息が苦しい", r"呼吸ができない", r"意識がな", r"反応がない",
    r"血を吐", r"吐血", r"目を覚まさない",
    r"喘不过气", r"吸不上气", r"呼吸困难", r"昏迷", r"叫不醒", r"没反应", r"没有反应", r"咳血", r"吐血",
)
# Events that are emergencies only with a sign of now, a call for help, a dose as the cause or a second sign
# ("passing out for 12 hours" is sleep; "she passed out after her shot and won't respond" is not).
EVENT_WEAK = (
    r"(?:choking|suffocating)", r"(?:passed|passes|passing) out", r"fainted", r"(?:just )?collapsed", r"fitting",
    r"(?:not|isn't|won't|doesn't) answer(?:ing)?", r"(?:shaking|twitching) all over",
    # Fifth round: confusion, high fever, an accidental overdose with symptoms, vomiting that will not stop.
    r"(?:super|very|so|really) confused", r"getting confused", r"barely (?:waking|awake|conscious|responsive)",
    r"(?:isn't|is not|not|isnt) making (?:any )?sense", r"burning (?:hot|up)", r"drenched in sweat", r"(?:sweaty|shaky) and (?:weird|shaky|confused|dizzy)",
    r"(?:39|40|41|42)[.,]\d\s*(?:°\s*c?|c|degrees)?\s*(?:fever|temp(?:erature)?)", r"(?:39[.,][5-9]|4[0-2][.,]\d) fever", r"(?:fever|temp(?:erature)?)(?: of| is| at)? (?:39[.,][5-9]|4[0-2](?:[.,]\d)?)",
    r"can'?t stop (?:throwing up|vomiting|puking)", r"(?:4x|3x|2x|double|triple) (?:my|the|his|her) dose", r"(?:two|2) (?:shots|doses|injections) back to back",
    r"(?:pen|dose|shot)s? twice (?:today|by mistake|by accident)",
    r"(?:sugar|glucose|bg|meter|reading)(?: \w+){0,2} (?:is |at |of |reads |says |was |showed )?(?:[1-3]\d|4[0-5])(?!\d|[.,]\d| ?(?:years|days|lbs|kg|%|pounds|units|mg|min))",
    r"can'?t keep my eyes open", r"mi sento svenire", r"sto per svenire", r"je vais m'évanouir", r"me voy a desmayar", r"vou desmaiar",
    r"kippe gleich um", r"сейчас (?:упаду|потеряю сознание)", r"ne respire (?:presque )?plus", r"respire à peine",
    r"(?:se )?desmay(?:ó|o)", r"desmayad[oa]", r"no responde", r"convulsion(?:a|ando)", r"convulsiones",
    r"étouffe", r"(?:s'est )?évanouie?", r"ne répond (?:pas|plus)", r"tremble de partout",
    r"ohnmächtig", r"umgekippt", r"zusammengebrochen", r"zusammengesackt", r"antwortet nicht",
    r"sufocando", r"desmaiou", r"desmaiad[oa]", r"(?:não|nao) responde", r"convulsão", r"convulsionando",
    r"soffoco", r"(?:è |e' )?svenut[oa]", r"sviene", r"non risponde", r"convulsioni",
    r"задыхается", r"(?:потерял[аи]?|теряю) сознание", r"(?:упал[аи]?|падаю) в обморок", r"не отвечает", r"судорог\w*",
)
EVENT_WEAK_CJK = (r"気を失", r"けいれん", r"痙攣", r"倒れて", r"晕倒", r"昏倒", r"抽搐", r"倒下", r"高熱", r"高烧")
BODY_CJK = (r"胸", r"心臓", r"喉", r"のど", r"舌", r"唇", r"顔", r"腕", r"胸口", r"心脏", r"喉咙", r"嗓子", r"舌头", r"嘴唇", r"脸",
            r"手臂", r"胳膊", r"左臂", r"右臂")
ACUTE_CJK = (r"締め付け", r"締ま", r"押しつぶ", r"压住", r"被压", r"しびれ", r"痺れ", r"腫れ", r"苦し", r"動かない", r"発紧", r"发紧", r"麻了", r"发麻", r"肿", r"发紫",
             r"发青", r"闷")
PERSON = (
    r"son", r"daughter", r"kid", r"child", r"baby", r"toddler", r"little one", r"grandson", r"granddaughter", r"grandma",
    r"grandpa", r"nephew", r"niece", r"boy", r"girl",
    r"\d{1,2}[ -]?(?:yr|yrs|year|years|yo)(?:[ -]old)?", r"\(\d{1,2}\)", r"\d{1,2} (?:años|ans|Jahre|anos|anni|года|лет)",
    r"hij[oa]", r"bebé", r"bebe", r"niñ[oa]", r"niet[oa]", r"abuel[oa]", r"sobrin[oa]",
    r"fils", r"fille", r"bébé", r"enfant", r"petite?", r"neveu", r"nièce", r"grand-(?:mère|père)",
    r"Sohn", r"Tochter", r"Kind", r"Baby", r"Kleine[rn]?", r"Enkel(?:in)?", r"Oma", r"Opa",
    r"filh[oa]", r"bebê", r"criança", r"net[oa]", r"avó", r"avô",
    r"figli[oa]", r"bambin[oa]", r"nipote", r"nonn[oa]", r"neonato",
    r"сын", r"дочь", r"дочка", r"ребёнок", r"ребенок", r"малыш", r"внук", r"внучка", r"бабушка", r"дедушка",
)
INGEST = (
    r"swallowed", r"ate", r"eaten", r"chewed", r"drank", r"got into", r"licked", r"sucked on", r"found", r"got hold of",
    r"encontró", r"a trouvé", r"erwischt", r"achou", r"ha trovato", r"наглотал\w*",
    r"(?:se )?tragó", r"(?:se )?trago", r"se (?:comió|comio|tomó|tomo)", r"masticó", r"bebió",
    r"(?:a )?avalé", r"a (?:mangé|croqué|bu|mâché)",
    r"verschluckt", r"geschluckt", r"gegessen", r"getrunken", r"zerkaut",
    r"engoliu", r"comeu", r"mastigou", r"bebeu",
    r"(?:ha )?(?:ingoiato|inghiottito|mangiato|bevuto)",
    r"проглотил\w*", r"съел\w*", r"выпил\w*", r"сгрыз\w*",
)
MEDICINE = (
    r"pills?", r"tablets?", r"meds", r"medicines?", r"medication", r"syrup", r"blister(?: pack)?", r"(?:vitamin|melatonin|cbd|sleep) gumm(?:y|ies)",
    r"patch(?:es)?", r"capsules?", r"(?:the )?liquid", r"pens?",
    r"pastillas?", r"jarabe", r"medicinas?", r"medicamentos?", r"píldoras?", r"comprimidos?",
    r"comprimés?", r"cachets?", r"médicaments?", r"sirop", r"gélules?",
    r"Tabletten?", r"Medikamente?n?", r"Pillen?", r"Sirup", r"Kapseln?",
    r"remédios?", r"pílulas?", r"xarope", r"cápsulas?",
    r"pillole", r"pastiglie", r"compresse", r"farmaci", r"sciroppo", r"capsule",
    r"таблет\w*", r"лекарств\w*", r"пилюл\w*", r"сироп\w*",
)
INGEST_CJK = (r"飲み込ん", r"飲んでしま", r"食べてしま", r"誤飲", r"口に入れ", r"吞了", r"误吞", r"误服", r"吃了", r"喝了")
PERSON_CJK = (r"子ども", r"子供", r"こども", r"息子", r"娘", r"赤ちゃん", r"孫", r"儿子", r"女儿", r"孩子", r"宝宝", r"小孩", r"孙子",
              r"孙女")
MEDICINE_CJK = (r"錠", r"薬", r"くすり", r"药", r"片")

BETTER = (
    r"better(?: off)?", r"happier", r"easier",
    r"mejor(?:es)?", r"más felices", r"mas felices",
    r"mieux", r"plus heureu(?:x|se|ses)",
    r"besser(?: dran)?", r"glücklicher", r"ginge es besser",
    r"melhor(?:es)?", r"mais felizes",
    r"meglio", r"più felici",
    r"лучше", r"счастливее", r"легче", r"проще",
)
ABSENT = (
    r"without me", r"if i (?:was|were)n'?t (?:here|around|alive)", r"if i (?:was|were) (?:gone|dead|not here)",
    r"if i (?:didn't|did not) exist", r"if i (?:just )?disappeared", r"(?:once|when) i'?m gone",
    r"if i (?:just )?(?:wasn't|weren't|was not|were not) (?:here|around)",
    r"sin mí", r"sin mi", r"si (?:yo )?no (?:estuviera|existiera)", r"si (?:yo )?desapareciera",
    r"sans moi", r"si je n'(?:étais|existais) (?:plus |pas )?(?:là)?", r"si je disparaissais",
    r"ohne mich", r"wenn ich nicht mehr (?:da )?wäre", r"wenn ich weg wäre", r"wenn es mich nicht (?:mehr )?gäbe",
    r"sem mim", r"se eu não (?:existisse|estivesse (?:aqui|mais aqui))", r"se eu sumisse",
    r"senza di me", r"se (?:io )?non ci fossi(?: più)?", r"se sparissi",
    r"без меня", r"если бы меня не было", r"если меня не станет", r"меня не (?:будет|станет)",
)
NO_POINT = (
    r"no point", r"no reason", r"no sense", r"(?:don'?t|do not|can'?t|cannot) see (?:any|a) (?:reason|point)",
    r"ne sert (?:plus )?à rien", r"(?:não|nao) tenho (?:mais )?(?:motivo|razão|razao)", r"non trovo (?:più )?(?:un )?(?:motivo|senso)",
    r"не вижу (?:никакого )?смысла", r"pointless", r"nothing (?:left )?to live for",
    r"(?:no tiene|no le veo|no le encuentro|sin) sentido", r"ninguna razón",
    r"(?:plus )?aucune raison", r"plus (?:de|aucun) sens", r"aucun sens", r"n'a plus de sens",
    r"(?:hat )?(?:alles )?keinen Sinn", r"sinnlos", r"keinen Grund",
    r"(?:não|nao) vejo (?:mais )?sentido", r"(?:não|nao) tem (?:mais )?sentido", r"sem sentido", r"nenhum motivo",
    r"non ha (?:più )?senso", r"nessun motivo", r"non vedo (?:più )?(?:il )?senso",
    r"нет смысла", r"незачем", r"бессмысленно",
)
GO_ON = (
    r"going on", r"go on", r"(?:to )?continu(?:e|ing)", r"(?:to )?liv(?:e|ing)", r"keep(?:ing)? going", r"carry(?:ing)? on",
    r"being alive", r"anymore", r"any more",
    r"seguir(?: adelante| viviendo)?", r"vivir", r"continuar",
    r"(?:de )?continuer", r"(?:de )?vivre", r"avancer",
    r"weiterzumachen", r"weiterleben", r"weiterzuleben", r"zu leben",
    r"(?:em )?continuar", r"viver", r"seguir",
    r"andare avanti", r"vivere", r"continuare",
    r"(?:дальше )?жить", r"продолжать", r"дальше",
)
SLEEP = (
    r"(?:go to |fall )?sleep", r"fall asleep", r"dormir",
    r"dormir(?:me)?", r"(?:m')?endormir", r"einschlafen", r"schlafen", r"addormentarmi", r"dormire", r"уснуть", r"заснуть",
)
NO_WAKE = (
    r"(?:and )?(?:never|not) (?:to )?wake(?: up)?", r"(?:don't|dont|do not) wake up",
    r"no despertar(?:me)?(?: nunca| más)?", r"nunca (?:más )?despertar", r"no volver a despertar", r"para siempre",
    r"ne (?:jamais|plus|pas) me réveiller", r"ne plus jamais me réveiller", r"pour toujours",
    r"nie (?:mehr|wieder) aufwachen", r"nicht mehr aufwachen", r"für immer",
    r"(?:não|nao) acordar(?: nunca mais| mais)?", r"nunca mais acordar",
    r"non svegliarmi(?: più)?", r"per sempre",
    r"не проснуться", r"навсегда",
)
SELF_HARM_ALONE = (
    r"(?:the )?pills are (?:right )?in front of me", r"(?:es )?hat (?:doch )?alles keinen Sinn mehr", r"(?:i have|i've got|got) a plan and the (?:pills|meds)",
    r"(?:lined|counted) up (?:all )?my (?:pills|meds)",
    r"生きている意味がない", r"生きる意味がない", r"生きる理由がない", r"生きている理由がない", r"我消失了.{0,8}轻松",
    r"大家都会轻松", r"活下去没有意义", r"活下去没意思", r"生きてる意味", r"生きていても仕方", r"いない方が", r"いなくなれば",
    r"いなくなった方が", r"消えた方が", r"目覚めたくない", r"二度と目覚め",
    r"活着没什么意思", r"没有我.{0,10}(?:更好|好过)", r"活着没意思", r"活着没有意义", r"活着还有什么意思", r"没有活下去", r"不醒来", r"再也不醒",
)
VIOLENCE_ACT = (
    r"(?:put|putting) a bullet in", r"(?:shoot|stab|murder|strangle) (?:you|him|her|them|everyone|somebody|someone|people|y'all)",
    r"(?:un|el|um|o) tiro", r"(?:matar|apuñalar|balear|esfaquear) a", r"(?:te|los|las|les) voy a matar",
    r"tirer dessus", r"(?:vous|les|te) (?:tuer|buter|descendre|poignarder|flinguer)",
    r"(?:euch|dich|alle|sie) (?:erschießen|abstechen|umbringen|abknallen|töten)",
    r"(?:vi|ti) (?:sparo|ammazzo|accoltello)", r"(?:sparare|ammazzare|accoltellare) (?:a )?(?:tutti|qualcuno)",
    r"перестреляю", r"застрелю", r"зарежу", r"убью", r"взорву", r"сожгу",
)
WEAPON = (
    r"(?:a |my |the )?(?:gun|rifle|shotgun|pistol|knife|machete)", r"pistola", r"escopeta", r"cuchillo", r"fusil", r"couteau",
    r"(?:baseball )?bat", r"Baseballschläger", r"bate", r"mazza", r"бит[аойу]",
    r"Waffe", r"Pistole", r"Gewehr", r"Messer", r"arma", r"faca", r"revólver", r"fucile", r"coltello",
    r"пистолет\w*", r"ружь\w+", r"нож\w*",
)
INTENT = (
    r"i'?ll", r"i will", r"i'?m (?:going to|gonna|coming)", r"im (?:going to|gonna|coming)", r"gonna",
    r"(?:voy|vamos) a", r"je vais", r"on va", r"ich (?:komme|werde|bringe)", r"vou", r"vamos", r"vengo", r"приду", r"приеду",
)
TARGET = (
    r"(?:your|the) (?:office|staff|reps?|ceo|building|headquarters|hq|pharmacy|clinic|store)", r"you all", r"y'all",
    r"(?:su|sus|tu) (?:oficinas?|empresa|farmacia)", r"(?:a )?la (?:farmacia|oficina|clínica|sede)", r"(?:votre|vos) (?:siège|bureaux?|locaux|pharmacie)",
    r"(?:eure|euer|eurer|eurem) (?:Filiale|Büro|Firma|Zentrale|Apotheke)", r"(?:escritório|empresa|farmácia) de vocês",
    r"(?:vostra|vostro) (?:sede|ufficio|azienda|farmacia)", r"(?:ваш|вашу) (?:офис|компанию|аптеку)", r"к вам",
)
VIOLENCE_CJK = (r"刺してやる", r"殺してやる", r"ぶっ殺", r"燃やしてやる", r"爆破", r"砍人", r"砍死", r"捅死", r"捅了", r"杀了", r"弄死", r"炸了",
                r"烧了你们")
NOW = (
    r"right now", r"now", r"currently", r"at the moment", r"just", r"tonight", r"still",
    r"ahora(?: mismo)?", r"ahorita", r"en este momento", r"ya",
    r"maintenant", r"en ce moment", r"là", r"juste",
    r"jetzt", r"gerade", r"sofort",
    r"agora", r"neste momento", r"já",
    r"adesso", r"ora", r"in questo momento",
    r"сейчас", r"прямо сейчас", r"только что",
)
NOW_CJK = (r"今", r"いま", r"現在", r"现在", r"正在", r"一直", r"刚才", r"了")
HELP = (
    r"help(?!\s+(?:me\s+|you\s+|him\s+|her\s+|us\s+)?(?:to\s+)?(?:sleep|relax|lose|with|a lot|so much|a bit))", r"please",
    r"what do (?:we|i) do", r"what should (?:we|i) do", r"(?:911|999|112|ambulance|er|a&e)",
    r"ayuda", r"socorro", r"qué hago", r"ambulancia",
    r"aidez(?:-moi|-nous)?", r"au secours", r"samu", r"urgences",
    r"Hilfe", r"hilft", r"Notarzt", r"Krankenwagen",
    r"ajuda", r"samu", r"aiuto", r"ambulanza", r"118",
    r"помогите", r"скорую", r"скорая",
)
HELP_CJK = (r"助けて", r"救急", r"救命", r"救护车", r"120", r"119")
# A link to a dose: "after the shot", "since the injection", "just did my injection".
LINK = (
    r"after (?:my|the|his|her|this|a) (?:first |second |last |\w+ )?(?:shot|dose|injection|pen|pill|jab|tablet)s?",
    r"since (?:my|the|his|her) (?:first |second |last )?(?:shot|dose|injection|pen|pill|jab)", r"did my (?:injection|shot|dose|pen)",
    r"(?:took|had|used|injected) my (?:pen|dose|shot|injection|jab)", r"(?:just )?(?:did|took|had) (?:my|the|a) (?:pen|dose|shot|injection)",
    r"(?:on|started) (?:the pen|the shots?|these shots)", r"(?:every|all (?:my|the)|each) pens?\b",
    r"с тех пор как начал[аи]? (?:уколы|колоть|принимать)", r"(?:le|mon) traitement", r"(?:el|mi) tratamiento",
    r"(?:Spritze|Pen) gesetzt", r"gespritzt", r"me acabo de (?:inyectar|poner)", r"acabei de (?:aplicar|tomar)", r"ho appena fatto",
    r"(?:сделала|сделал) укол", r"(?:только что )?укол(?:ола|ол)", r"apliquei a caneta", r"fatta la penna", r"fait mon stylo",
    r"(?:después|despues) de (?:la|mi) (?:inyección|dosis|pastilla)", r"tras (?:la|mi) (?:inyección|dosis)",
    r"après (?:ma|la|mon) (?:piqûre|injection|dose)", r"juste après",
    r"nach (?:der|meiner|dem) (?:Spritze|Injektion|Dosis|Tablette)",
    r"depois da (?:injeção|dose|aplicação)", r"dopo (?:l'iniezione|la dose|la penna|la puntura)", r"après (?:son|mon) injection",
    r"после (?:укола|инъекции|дозы|таблетки)",
)
LINK_CJK = (r"注射の後", r"注射後", r"打完针", r"打针后", r"吃药后", r"服药后", r"注射した", r"注射して", r"ペンを打", r"打った",
            r"打了针", r"刚打完", r"打了一", r"使ってる")
# A frame that puts the event in the past or resolves it ("last year", "in 2019", "fine now").
PAST = (
    r"last (?:year|month|week|time|night)", r"years? ago", r"months? ago", r"weeks? ago", r"used to", r"once", r"in (?:19|20)\d\d",
    r"fine now", r"all (?:fine|good|ok) now", r"(?:seems|is|he's|she's|seem) (?:to be )?(?:fine|ok|okay)", r"better now", r"unrelated", r"back then", r"as a (?:kid|child)",
    r"el año pasado", r"hace (?:años|meses|semanas)", r"una vez",
    r"l'année dernière", r"il y a (?:des années|\d+ ans)", r"une fois",
    r"letztes Jahr", r"vor (?:Jahren|Monaten|Wochen)", r"einmal",
    r"ano passado", r"há (?:anos|meses)", r"anno scorso", r"anni fa",
    r"в прошлом году", r"(?:лет|год|месяц\w*) назад",
    r"spent \d+ (?:days|nights|weeks)", r"lag \d+ (?:Tage|Wochen|Nächte)", r"estuve \d+ días", r"j'ai passé \d+ jours",
    r"fiquei \d+ dias", r"sono stat[oa] \d+ giorni", r"лежал[аи]? \d+ (?:дн|недел)",
)
# Negations that cancel a combination when they come before it in its clause.
NEGATION = (
    r"never", r"no", r"not", r"without", r"didn'?t", r"haven'?t", r"hasn'?t", r"don'?t have",
    r"nunca", r"jamás", r"sin", r"ningún", r"ninguna",
    r"jamais", r"sans", r"aucune?", r"pas de",
    r"nie", r"niemals", r"kein\w*", r"ohne",
    r"sem", r"nenhum", r"nenhuma", r"(?:não|nao) tive",
    r"mai", r"senza", r"nessun\w*", r"non ho",
    r"никогда", r"без", r"не было",
)
NEGATION_CJK = (r"一度も", r"没有", r"从来", r"从没", r"从未")
# A question about what a medicine can do, or an "if": not happening now.
ASKED = (
    r"can (?:it|this|they|\w+) (?:cause|make|give)", r"does (?:it|this|\w+) cause", r"could (?:it|this)", r"side effects?",
    r"risk of", r"is it normal", r"what if", r"if", r"beware", r"warning", r"may cause", r"can cause",
    r"puede (?:causar|provocar|dar)", r"y si", r"si",
    r"peut(?:-il)? (?:provoquer|causer|donner)", r"et si", r"si jamais",
    r"kann .{0,20}(?:verursachen|auslösen)", r"verursachen", r"was wenn", r"falls", r"wenn",
    r"pode (?:causar|provocar|dar)", r"e se", r"caso",
    r"può (?:causare|provocare|dare)", r"e se",
    r"может ли", r"вызвать", r"вызывает", r"а если", r"если",
    # Fifth round: hearsay ("people keep saying their arm goes numb after the shot").
    r"(?:keep|keeps|kept) saying", r"people (?:say|said|talk about|talked about)", r"talked about", r"swears?",
    r"dicen que", r"dice que", r"(?:on )?dit que", r"sagt,? (?:dass)?", r"diz(?:em)? que", r"dic(?:e|ono) che", r"говорят",
)
ASKED_CJK = (r"引起", r"ありますか", r"なりますか", r"会不会", r"もし", r"如果", r"って言う", r"听说", r"据说")
