# ruff: noqa: E501, RUF001  (cue lists in nine languages: Cyrillic letters, long alternations)
"""Medical-inquiry and off-label cues (EN/ES/FR/DE).

A medical inquiry needs a question or a request for advice, a medical topic, and the product (named, or
implied on the brand's own channel). Off-label needs the product, a use framing ("for", "to lose weight",
"can kids take…") and a target outside the product's approved indications: a condition, a population
(children) or an unapproved dosing.
"""

from __future__ import annotations

# Question or request-for-advice cues that are questions by their word order (besides "?" and "¿").
QUESTIONS = (
    r"can i", r"can we", r"can you (?:take|use|inject|drink)", r"could i", r"should i", r"shall i", r"may i",
    r"is (?:it|that|this) (?:safe|ok|okay|normal|possible|bad|fine|dangerous|alright|true|worth)", r"is it ok to",
    r"do i (?:need|have) to", r"does (?:it|this|that)", r"do (?:they|these)",
    r"how (?:long|much|often|many|soon|do|should|can)",
    r"what (?:if|happens|should|dose|do i|is the|are the|would)", r"when (?:should|can|do|will)", r"will it",
    r"would it", r"will (?:it|this|that|\w+) (?:help|work|cure|treat|fix)", r"anyone (?:know|tried|taking)",
    r"has anyone", r"any (?:advice|tips|idea)",
    r"i was wondering", r"wondering (?:if|whether)", r"please advise", r"need advice", r"not sure (?:if|whether)",
    r"is there (?:a|any)", r"am i (?:allowed|supposed)",
    r"qué pasa si", r"qué hago", r"alguien sabe",
    r"est-ce que", r"puis-je", r"peut-on", r"dois-je", r"faut-il", r"est-ce (?:normal|grave|dangereux)",
    r"que faire", r"quelqu'un sait", r"est-il (?:possible|dangereux|normal)", r"y a-t-il", r"peut-(?:il|elle|on)",
    r"kann ich", r"darf ich", r"soll ich", r"sollte ich", r"muss ich",
    r"posso (?:dar|usar|tomar|aplicar)", r"pode(?:m)? (?:usar|tomar)", r"é seguro", r"alguém sabe", r"o que faço",
    r"(?:si )?può (?:usare|prendere|dare)", r"posso (?:darlo|darla|usarlo|usarla|prenderlo|prenderla)",
    r"è sicuro", r"qualcuno sa", r"cosa faccio",
    r"можно ли", r"стоит ли", r"нужно ли", r"подскажите", r"что делать", r"это нормально",
    r"ますか", r"ですか", r"でしょうか", r"大丈夫", r"いいですか",
    r"可以.{0,12}吗", r"能.{0,8}吗", r"能不能", r"可不可以", r"怎么办", r"会不会", r"吗[\uff1f?]",
    r"ist (?:es|das) (?:normal|sicher|gefährlich|schlimm|ok)",
    # Round 8 (blind9 misses in JA/RU/ZH): Russian questions with "li", French inversion, Chinese yes-no forms.
    r"(?:вызывает|вызовет|влияет|опасно|безопасно|совместим\w*|действует) ли", r"\w+-t-(?:il|elle)", r"要不要",
    r"需不需要", r"还能(?:用|打|吃)", r"posso (?:prendere|fare|bere|mangiare|vaccinarmi)", r"dá (?:pra|para) (?:usar|tomar|aplicar)",
    r"wie (?:viel|lange|oft)", r"was passiert", r"was soll ich", r"weiß jemand", r"hat jemand", r"gibt es",
)
# Cues that are often statements ("no puedo comer", "je peux enfin…"): questions only with a "?" in the text.
QUESTIONS_WITH_MARK = (
    r"puedo", r"podría", r"debo", r"debería", r"se puede", r"es (?:seguro|normal|malo|peligroso|verdad)",
    r"cuánto", r"cuántos", r"cuántas", r"cómo", r"cuándo", r"je peux", r"c'est (?:normal|grave|dangereux)",
    r"combien", r"comment", r"quand", r"wann", r"как(?:ое|ой|ую|ие)", r"когда", r"сколько", r"ли",
)

# Medical topics (dosing, missed dose, interactions, side effects, storage, pregnancy, food, stopping,
# procedures, onset, expiry) and use verbs in a question.
TOPICS: tuple[str, ...] = (
    r"doses?", r"dosage", r"dosing",
    r"dosagem", r"grávida", r"álcool", r"efeitos? colatera(?:l|is)", r"geladeira", r"crianças?", r"filh[oa] de",
    r"emagrec\w*", r"dosaggio", r"incinta", r"alcol", r"effett[oi] collateral[ei]", r"frigo\w*", r"bambin[oi]",
    r"figli[oa] di", r"dimagri\w*", r"доз\w*", r"беремен\w*", r"алкогол\w*", r"побочк\w*", r"побочн\w*",
    r"холодильник\w*", r"детям", r"ребёнк\w*", r"ребенк\w*", r"ребёнок", r"ребенок", r"похуд\w*",
    r"量", r"妊娠", r"お酒", r"副作用", r"冷蔵", r"子供", r"子ども", r"飲み合わせ", r"ダイエット", r"歳",
    r"剂量", r"怀孕", r"喝酒", r"冰箱", r"孩子", r"一起吃", r"减肥", r"岁", r"\d+(?:\.\d+)? ?mg", r"units", r"titrat\w*", r"step up", r"go up to",
    r"(?:higher|lower|next|starting) dose", r"increase",
    r"miss(?:ed)? (?:a |my |the )?(?:dose|shot|injection|pill|week)", r"forgot (?:to take|to inject|my|a)",
    r"skip(?:ped|ping)? (?:\w+ ){0,2}(?:dose|shot|week|injection|pen)", r"late (?:dose|injection|shot)",
    r"(?:a|one|two|\d+) days? late", r"(?:un|dos|\d+) días? tarde", r"(?:un|deux|\d+) jours? de retard",
    r"(?:einen|zwei|\d+) Tage? zu spät",
    r"alcohol", r"drink(?:ing)?", r"wine", r"beer", r"interact\w*", r"combine", r"mix",
    r"(?:with|and) (?:ibuprofen|tylenol|advil|aspirin|metformin|insulin|birth control|the pill|antibiotics|"
    r"my other|other med\w*|vitamins|supplements|prednisone|methotrexate)",
    r"side effects?", r"normal to (?:feel|have|get|be)", r"is (?:it|this) normal", r"does it cause",
    r"store", r"storage", r"storing", r"fridge", r"refrigerat\w*", r"room temperature", r"travel(?:l?ing)? with",
    r"on a plane", r"(?:keep|keeping) (?:it|them) (?:cold|out)",
    r"pregnan\w*", r"breast-?feeding", r"nursing", r"trying to conceive", r"ttc",
    r"empty stomach", r"with food", r"before (?:meals|breakfast|eating|bed)", r"after eating", r"time of day",
    r"stop taking", r"come off", r"quit(?:ting)?", r"switch(?:ing)? (?:from|to)", r"taper\w*",
    r"surgery", r"colonoscopy", r"vaccin\w*", r"dental", r"operation", r"mri", r"blood test",
    r"how long (?:until|before|does it take|till)", r"tarda(?:r)? en hacer efecto", r"hacer efecto",
    r"faire effet", r"wie lange dauert", r"treat", r"cure", r"soigner", r"guérir", r"curar", r"heilen",
    r"help(?:s)? (?:both|me|my)", r"start working", r"kick in",
    r"when will (?:it|i) (?:start|see|notice|work|kick|feel)",
    r"still (?:good|ok|okay|usable|safe|effective|work|be used)", r"(?:todavía|aún) (?:sirve|se puede usar|es seguro)",
    r"(?:encore|toujours) (?:bon|utilisable|efficace)", r"noch (?:gut|verwendbar|wirksam|benutzen)",
    r"risks?", r"riesgos?", r"risques?", r"Risik(?:o|en)", r"cause[sd]?", r"causa(?:r|n)?", r"provoque\w*",
    r"verursach\w*", r"auslösen", r"infections?", r"infecci[oó]n(?:es)?", r"Infekt\w*", r"cancer", r"cáncer",
    r"Krebs", r"tumou?rs?", r"worried", r"worry", r"concerned", r"preocupad[oa]", r"inquiète?", r"Sorgen",
    r"approved (?:for|in)", r"aprobado para", r"autorisée? (?:pour|chez)", r"zugelassen (?:für|bei)",
    r"(?:ok|okay|safe|right|good) for (?:me|him|her|my \w+)",
    r"what (?:should|do) i do (?:if|when|about)", r"qué hago si", r"que faire si", r"was mache ich,? wenn",
    r"where (?:to|should i|do i) inject", r"(?:best|right) (?:place|spot|site|arm)",
    r"which (?:arm|spot|site|place|leg|side)",
    r"accidentally", r"by mistake", r"por error", r"sin querer", r"par erreur", r"aus Versehen", r"versehentlich",
    r"inject(?:ion)? (?:site|spot)s?",
    r"travel\w*", r"plane", r"flight", r"viajar", r"avión", r"voyager", r"avion", r"reisen", r"Flugzeug", r"Urlaub",
    r"stop(?:ping)? (?:my|the|it|them)", r"flu shot", r"booster", r"nasal spray", r"biops\w*", r"ct scan",
    r"endoscop\w*", r"resonancia", r"colonoscopia", r"biopsia", r"análisis", r"irm", r"coloscopie",
    r"prise de sang", r"biopsie", r"Darmspiegelung", r"Blutabnahme", r"impf\w*",
    r"expired", r"expiry", r"expiration",
    r"(?:take|use|used|using|tried|try|taking|inject|drink|eat|give|split|cut|crush|reuse|restart|add)",
    r"safe", r"kidney", r"liver", r"allerg\w*",
    r"work(?:s|ed)? (?:\w+ )?for", r"help(?:s)? (?:\w+ )?(?:with|for)", r"effective", r"efficace", r"eficaz",
    r"wirksam",
    r"marche pour", r"fonctionne pour", r"sirve para", r"funciona para", r"hilft (?:\w+ ){0,2}(?:bei|gegen)",
    r"weight ?loss", r"lose weight", r"losing weight", r"bajar de peso", r"adelgazar", r"perder peso", r"maigrir",
    r"perdre du poids", r"abnehmen", r"hurts?", r"hurting", r"sting\w*", r"burn(?:s|ing)?", r"tips? (?:for|on)",
    r"nause\w*", r"vomit\w*", r"tingl(?:e|es|ing|y)", r"numb(?:ness)?",
    r"antibiotic\w*", r"antibióticos?", r"antibiotiques?", r"Antibiotik\w*", r"how long should i wait",
    r"wait before", r"esperar antes", r"attendre avant", r"warten,? bevor", r"exercis\w*", r"workout", r"gym",
    r"throw(?:ing)? up", r"diarrh?o?ea", r"constipat\w*",
    r"headaches?", r"rash",
    r"dizz\w*", r"tired", r"fatigue", r"pain", r"swell\w*", r"itch\w*", r"hair loss", r"injection site",
    r"bruis\w*", r"heartburn", r"burping", r"reflux", r"bloat\w*", r"side effects?",
    r"náuseas?", r"vómitos?", r"diarrea", r"estreñimiento", r"dolor(?:es)? de cabeza", r"mareos?", r"sarpullido",
    r"cansancio", r"dolor", r"picazón",
    r"nausées?", r"vomissements?", r"diarrhée", r"constipation", r"maux? de tête", r"vertiges?", r"fatigue",
    r"douleurs?", r"démangeaisons?", r"éruption",
    r"Übelkeit", r"Erbrechen", r"Durchfall", r"Verstopfung", r"Kopfschmerzen", r"Schwindel", r"Müdigkeit",
    r"Schmerzen", r"Juckreiz", r"Ausschlag",
    r"(?:la |una |mi )?dosis", r"olvidé", r"se me olvidó", r"me salté", r"efectos? secundarios?", r"embarazada",
    r"embarazo", r"lactancia", r"amamant\w*", r"nevera", r"refrigerador", r"temperatura ambiente", r"conservar",
    r"en ayunas", r"con comida", r"dejar de tomar", r"cambiar de", r"cirugía", r"vacuna",
    r"(?:tomar|usar|inyectar|inyecto|beber|ponerme|comer|añadir)",
    r"alcohol", r"seguro", r"riñón", r"hígado", r"caducad\w*",
    r"posologie", r"oubli[ée]", r"sauté", r"effets? secondaires?", r"enceinte", r"grossesse", r"allait\w*",
    r"frigo", r"réfrigérateur", r"température ambiante", r"conserver", r"à jeun", r"pendant le repas",
    r"arrêter", r"changer de", r"opération", r"chirurgie", r"vaccin",
    r"(?:prendre|utiliser|injecter|boire|manger|ajouter)",
    r"alcool", r"sans danger", r"périmé", r"reins?", r"foie",
    r"Dosis", r"Dosierung", r"vergessen", r"ausgelassen", r"Nebenwirkung(?:en)?", r"schwanger", r"Schwangerschaft",
    r"stillen", r"Stillzeit", r"Kühlschrank\w*", r"aufbewahren", r"Raumtemperatur", r"lagern", r"nüchtern",
    r"zum Essen", r"absetzen", r"wechseln", r"Operation", r"Impfung",
    r"(?:nehmen|spritzen|trinken|verwenden|essen|hinzufügen)",
    r"Alkohol", r"abgelaufen", r"Niere", r"Leber", r"wirkt",
    # Third round of issue 10 (written probes, tests/triage/test_triage_languages.py): storage, fasting, pregnancy and
    # the pill in the languages that lacked them, and using the product together with another medicine.
    r"(?:once|after) (?:it'?s )?open(?:ed|ing)?", r"good for", r"freez\w*", r"congel\w*", r"einfrier\w*",
    r"заморо\w*", r"冷冻", r"冷凍", r"ramadan", r"ramad[aá]n", r"fasting", r"ayun\w*", r"jeûne", r"jeune",
    r"fasten", r"jejum", r"digiun\w*", r"断食", r"禁食", r"gravidez", r"gestante", r"gravidanza", r"allatt\w*",
    r"amament\w*", r"pillola", r"anticoncep\w*", r"contracept\w*", r"pilule", r"pílula", r"Pille",
    r"противозачаточн\w*", r"避孕", r"一起用", r"同时用", r"一起服用", r"併用", r"一緒に",
    r"(?:usar|usare|utiliser|verwenden|tomar|prendere) (?:durante|pendant|während|con|avec|mit)",
    # Round 8: the topics of blind9's missed questions, in forms for every screened language.
    r"drinks", r"look out for", r"signs? of", r"watch (?:out )?for", r"thyro\w*", r"thyroïde", r"autorisée?", r"Schilddrüse",
    r"tiroides", r"tireoide", r"tiroide", r"vacun\w*", r"gripe", r"grippe", r"influenza", r"insieme (?:all'\w+|a|al|alla|ai|agli|con)",
    r"omeprazol\w*", r"vaccin\w*", r"выпадени\w*", r"волос\w*", r"слабительн\w*", r"прививк\w*", r"грипп\w*",
    r"щитовид\w*", r"вместе с", r"одновременно с", r"рак\w*", r"がん", r"癌", r"甲状腺", r"食前", r"食後", r"使っても", r"打っても", r"飲んでも", r"停药",
    r"拉肚子", r"饭前", r"饭后", r"能用", r"疫苗", r"接种",
)

# Round 11 (blind12's missed inquiries, as concepts in nine languages): does it give you a side effect (hair loss,
# "give me lymphoma"), how long to keep taking a medicine after a discharge, a pain killer with another medicine, a
# missed dose asked about in Chinese and Japanese, "is it OK to use" a delivery that arrived warm.
TOPICS_ROUND11 = (
    r"(?:can|could|does|do|will|would) (?:it|this|that|they|these|\w+) (?:give|gives) (?:me|you|people)", r"hair loss",
    r"(?:lose|losing) (?:my |your )?hair", r"keep taking", r"(?:continue|stay on) (?:taking|it|this|them)",
    r"until (?:the|my) follow-?up", r"ibuprofen\w*", r"paracetamol\w*", r"acetaminophen",
    r"(?:da|provoca|produce) (?:caída|perdida|pérdida) de(?:l)? (?:pelo|cabello)", r"caída (?:de|del) (?:pelo|cabello)",
    r"(?:hasta cuándo|cuánto tiempo) (?:tengo que|debo|hay que) (?:tomar|seguir)", r"seguir tomando", r"ibuprofeno",
    r"perte (?:de|des) cheveux", r"(?:continuer|le continuer|la continuer|les continuer) combien de temps", r"combien de temps (?:je dois|dois-je|faut-il)",
    r"ibuprofène", r"paracétamol", r"Haarausfall", r"(?:weiter (?:nehmen|einnehmen|spritzen))", r"wie lange (?:soll|muss) ich",
    r"queda de cabelo", r"(?:até quando|por quanto tempo) (?:devo|tenho que|preciso) (?:tomar|continuar)", r"continuar tomando",
    r"(?:caduta|perdita) dei capelli", r"(?:fino a quando|per quanto tempo) (?:devo|bisogna) (?:prendere|continuare)", r"ibuprofene",
    r"выпадени\w* волос", r"сколько (?:ещё |еще )?(?:принимать|пить|колоть)", r"продолжать (?:принимать|пить|колоть)", r"ибупрофен\w*", r"парацетамол\w*",
    r"髪が抜け", r"抜け毛", r"いつまで(?:飲|続け|打)", r"飲み忘れ", r"打ち忘れ", r"使って大丈夫", r"打って大丈夫", r"飲んで大丈夫",
    r"掉头发", r"脱发", r"(?:吃|用|打)到什么时候", r"要(?:吃|用|打)多久", r"漏(?:打|服|吃|注)", r"忘(?:了|记)(?:打|吃)", r"还能补", r"补打", r"还能用吗", r"布洛芬",
)
# Round 12 (blind13's missed inquiries, general causes): weight gain (the mirror of weight loss, which was a topic),
# breastfeeding in the three languages that lacked it, and whether a side effect will pass, in the nine languages.
TOPICS_ROUND12 = (
    r"gain(?:ing)? weight", r"weight gain", r"put(?:ting)? on weight", r"make (?:you|me) fat",
    r"engorda\w*", r"(?:subir|aumentar|ganar) de peso", r"grossir", r"fait grossir", r"prise de poids",
    r"prendre du poids", r"zu(?:zu)?nehmen", r"Gewichtszunahme", r"macht (?:\w+ )?dick", r"ganhar peso", r"ganho de peso", r"ingrass\w*",
    r"aumento di peso", r"prendere peso", r"набира\w* вес", r"набрать вес", r"набор веса", r"поправ(?:иться|люсь|ляются)",
    r"太る", r"太り", r"体重が増", r"长胖", r"发胖", r"变胖", r"体重增加",
    r"грудн\w* вскармливани\w*", r"кормлю грудью", r"кормящ\w*", r"授乳", r"哺乳",
    r"go away", r"wear off", r"se (?:me )?(?:pasa|quita)", r"se va a pasar", r"(?:ça|cela) (?:passe|va passer)",
    r"geht (?:das|es) (?:wieder )?weg", r"vergeht", r"vai passar", r"isso passa", r"passerà", r"(?:mi )?passa\?",
    r"пройд[её]т", r"проходит ли", r"いつまで続く", r"治まり?ますか", r"会好吗", r"会消失吗", r"什么时候好",
    r"what helps", r"was hilft", r"qué (?:me )?ayuda", r"qu'est-ce qui aide", r"o que ajuda", r"cosa aiuta",
    r"что помогает",
)
# Round 13 (blind14's missed inquiries, general causes): "is that normal?" about what the author feels was a topic in
# English, Spanish and French only (German, Portuguese, Italian, Russian, Japanese and Chinese asked it in vain), and
# whether a product may still be used was missing in Russian, Japanese and as "use it or not / toss it".
TOPICS_ROUND13 = (
    r"ist (?:es|das) normal", r"(?:isso|isto) é normal", r"é normal", r"è normale", r"(?:это|так) нормально(?: вообще)?\s?\?",
    r"нормально ли", r"普通ですか", r"正常ですか", r"大丈夫ですか", r"正常吗", r"正常嗎", r"正不正常",
    r"(?:ещё|еще) можно (?:использовать|колоть)", r"можно (?:ли )?(?:ещё |еще )?(?:использовать|колоть)",
    r"まだ使え", r"使っても(?:大丈夫|いい)", r"(?:la|lo) uso o no", r"toss it", r"throw it (?:out|away)\?",
)
# Round 16: interactions (another medicine, alcohol) were a topic in English only and alcohol alone elsewhere (blind17:
# "Можно ли Глюкавио совмещать ... метформином?", "Si può bere un bicchiere di vino … mentre si prende Glucavio?"): the
# interaction concept in the other Latin-script languages and Russian; CJK had it ("飲み合わせ", "一起吃").
TOPICS_ROUND16 = (
    r"mezclar\w*", r"combinar\w*", r"junto con", r"interacci\w+", r"cerveza",
    r"m[ée]langer", r"combiner", r"interactions?", r"bi[èe]re",
    # wine with a glass or a drink ("vino" alone is also Spanish "came", "vin" Scandinavian)
    r"(?:copa|vaso|bicchiere|verre|calice|taça|taca|copo) (?:de |di |d')?vin(?:o|ho)?\b",
    r"(?:beber|tomar|bere|boire) (?:\w+ ){0,3}vin(?:o|ho)?\b",
    r"kombinier\w*", r"zusammen mit", r"Wechselwirkung\w*", r"Wein", r"Bier",
    r"misturar", r"combinar", r"junto com", r"intera[çc][ãa]o\w*", r"intera[çc][õo]es", r"vinho", r"cerveja",
    r"mescolare", r"combinare", r"insieme (?:a|al|alla|allo|con)", r"interazion\w*", r"birra",
    r"совмещ\w*", r"сочета\w*", r"вместе с", r"взаимодейств\w*", r"вино", r"пиво",
)
TOPICS = TOPICS + TOPICS_ROUND11 + TOPICS_ROUND12 + TOPICS_ROUND13 + TOPICS_ROUND16

# Cost, access, service: questions that are not medical (unless a medical topic is also there).
NON_MEDICAL = (
    r"cost", r"costs", r"order", r"orders", r"savings", r"support program", r"nurse line", r"customer service",
    r"policy", r"price",
    r"prices", r"pricing", r"co-?pay", r"insurance", r"covered", r"coverage",
    r"prior auth\w*", r"savings card", r"coupon", r"discount", r"in stock", r"shortage", r"back ?order\w*",
    r"shipping", r"delivery", r"refund", r"afford\w*", r"expensive", r"cheap\w*",
    r"where (?:can i |do i |to )?(?:buy|get|find|order)", r"appointment", r"parking", r"billing", r"bill",
    r"website", r"app", r"log ?in", r"password", r"visiting hours", r"job", r"careers?",
    r"precio", r"cuesta", r"cobertura", r"seguro médico", r"descuento", r"farmacia", r"cita",
    r"prix", r"coûte", r"rembours\w*", r"mutuelle", r"rupture", r"rendez-vous",
    r"Preis", r"kostet", r"Krankenkasse", r"Zuzahlung", r"lieferbar", r"Lieferengpass", r"Termin",
)

# Off-label targets: condition keys with their surface forms. Indication strings are mapped to keys with the
# same patterns. ``PARENTS`` maps a specific key to its family: a generic mention ("diabetes") is on-label
# when any indication is in that family.
CONDITIONS: dict[str, tuple[str, ...]] = {
    "weight_loss": (
        r"weight ?loss", r"lose weight", r"losing weight",
        r"lose (?:\w+ ){0,2}(?:weight|pounds|lbs|kilos|kg)",
        r"drop (?:some |a few |a couple(?: of)? |\d+ )?(?:weight|pounds|lbs|kilos|kg)",
        r"shed (?:some |a few |\d+ )?(?:weight|pounds|lbs|kilos|kg)", r"slim(?:ming)? down",
        r"diet pills?", r"appetite suppress\w*", r"cutting season", r"(?:purely |just |only )?for (?:the|my|his|her) weight",
        r"cut(?:ting)? for (?:summer|the summer|a show|a wedding|beach season)",
        r"(?:get|getting) (?:shredded|beach ready|bikini ready)", r"summer body", r"bikini body", r"bajar de peso",
        r"perder peso", r"adelgazar", r"pérdida de peso",
        r"perdre du poids", r"maigrir", r"mincir", r"perte de poids",
        r"abnehmen", r"Gewicht (?:zu )?verlieren", r"Gewichtsabnahme", r"Gewichtsverlust",
        r"emagrec\w*", r"perder peso", r"perda de peso", r"dimagri\w*", r"perdere peso", r"perdita di peso",
        r"похуд\w*", r"сбросить вес", r"снижения веса", r"ダイエット", r"痩せ(?:る|たい)", r"减肥", r"瘦身", r"減肥",
    ),
    "eating_disorder": (r"binge[- ]eating", r"(?:food|sugar) cravings", r"emotional eating",
    r"(?:kills?|curb) (?:my )?cravings",
                        r"trastorno por atracón", r"atracones", r"hyperphagie(?: boulimique)?", r"Essstörung(?:en)?",
                        r"Essattacken", r"Heißhunger(?:attacken)?"),
    "obesity": (r"obes(?:e|ity)", r"overweight", r"obesità", r"obesidade", r"ожирени\w*", r"肥満", r"肥胖", r"obesidad", r"obes[oa]", r"sobrepeso", r"obésité", r"obèse",
                r"surpoids", r"Übergewicht", r"übergewichtig", r"Adipositas"),
    "type_1_diabetes": (r"type ?1 diabet\w*", r"t1d", r"type ?(?:1|one)", r"juvenile diabetes", r"diabetes tipo 1",
                        r"diabète de type 1", r"Typ-?1-?Diabetes", r"Typ 1",
                        # Round 10: the other screened languages.
                        r"diab[eé]tique de type 1", r"diabete di tipo 1", r"diabetes? (?:de )?tipo 1", r"diab[eé]tico tipo 1",
                        r"диабет\w* 1(?:-?го)? типа", r"1型糖尿病"),
    "type_2_diabetes": (r"type ?2 diabet\w*", r"t2d", r"type ?(?:2|two)", r"diabetes tipo 2", r"diabète de type 2",
                        r"Typ-?2-?Diabetes", r"Typ 2"),
    "diabetes": (r"diabet\w*", r"diabète", r"diabétique", r"Zucker(?:krankheit)?"),
    "prediabetes": (r"pre-?diabet\w*", r"insulin resistance", r"prédiabète", r"Prädiabetes", r"pré-?diabetes", r"преддиабет\w*",
                    r"resistencia a la insulina", r"Insulinresistenz"),
    "pcos": (r"pcos", r"polycystic ovar\w*", r"sopq?", r"sopk", r"ovarios? poliquísticos?", r"ovaires polykystiques",
             r"síndrome de (?:los )?ovarios? poliquísticos?", r"syndrome des ovaires polykystiques",
             r"PCO-Syndrom"),
    "fatty_liver": (r"fatty liver", r"nash", r"nafld", r"hígado graso", r"stéatose(?: hépatique)?",
                    r"Fettleber"),
    "addiction": (r"alcohol(?:ism| cravings| use disorder)", r"quit drinking", r"addiction", r"alcoholismo",
                  r"adicción", r"alcoolisme", r"addiction", r"Alkoholsucht", r"Sucht"),
    "rheumatoid_arthritis": (r"rheumatoid(?: arthritis)?", r"\bra\b", r"artritis reumatoide",
    r"polyarthrite rhumatoïde",
                             r"rheumatoide Arthritis", r"Rheuma"),
    "psoriatic_arthritis": (r"psoriatic arthritis", r"psa", r"artritis psoriásica", r"rhumatisme psoriasique",
                            r"arthrite psoriasique", r"Psoriasis-?Arthritis", r"artrite psori[áa]sica",
                            r"псориатическ\w* артрит\w*", r"乾癬性関節炎", r"银屑病关节炎", r"银屑病性关节炎"),
    "psoriasis": (r"(?:plaque )?psoriasis", r"psoriasis en placas", r"psoriasis en plaques", r"Schuppenflechte"),
    "arthritis": (r"arthritis", r"artritis", r"arthrite", r"Arthritis"),
    "osteoarthritis": (r"osteoarthritis", r"artrosis", r"arthrose", r"Arthrose"),
    "ankylosing_spondylitis": (r"ankylosing spondylitis", r"espondilitis anquilosante", r"spondylarthrite",
                               r"Morbus Bechterew", r"espondilite anquilosante", r"spondilite anchilosante",
                               r"анкилозирующ\w* спондилит\w*", r"болезн\w* бехтерева", r"強直性脊椎炎", r"强直性脊柱炎"),
    "crohns": (r"crohn'?s?(?: disease)?", r"enfermedad de crohn", r"maladie de crohn", r"Morbus Crohn", r"morbo di crohn",
               r"doença de crohn", r"болезн\w* крона", r"クローン病", r"克罗恩病"),
    "juvenile_arthritis": (r"juvenile (?:idiopathic )?arthritis", r"jia", r"artritis idiopática juvenil",
                           r"arthrite juvénile(?: idiopathique)?", r"juvenile (?:idiopathische )?Arthritis"),
    "ulcerative_colitis": (r"ulcerative colitis", r"colitis ulcerosa", r"rectocolite hémorragique", r"colite ulcerosa",
                           r"colite ulcerativa", r"retocolite(?: ulcerativa)?", r"rettocolite(?: ulcerosa)?",
                           r"язвенн\w* колит\w*", r"Colitis ulcerosa", r"潰瘍性大腸炎", r"溃疡性结肠炎"),
    "hidradenitis": (r"hidradenitis(?: suppurativa)?", r"maladie de verneuil", r"Acne inversa", r"idrosadenite",
                     r"hidradénite",
                     r"hidradenite", r"гидраденит\w*", r"化膿性汗腺炎", r"化脓性汗腺炎"),
    "uveitis": (r"uve[ií]tis", r"uvéite"),
    "eczema": (r"eczema", r"atopic dermatitis", r"eccema", r"dermatitis atópica", r"eczéma", r"dermatite atopique",
               r"Neurodermitis", r"Ekzem", r"dermatite at[óo]pica", r"dermatitis", r"dermatite", r"eczema", r"atopisch\w* Dermatitis",
               r"атопическ\w* дерматит\w*", r"экзем\w*", r"アトピー", r"湿疹", r"特应性皮炎", r"异位性皮炎"),
    "lupus": (r"l[úu]pus", r"sle", r"волчанк\w*", r"ループス", r"狼瘡", r"红斑狼疮"),
    "multiple_sclerosis": (r"multiple sclerosis", r"esclerosis múltiple", r"sclérose en plaques", r"Multiple Sklerose",
                           r"sclerosi multipla", r"esclerose múltipla", r"рассеянн\w* склероз\w*", r"多発性硬化症", r"多发性硬化"),
    "alopecia": (r"alopecia", r"hair loss", r"pelade", r"Haarausfall", r"caída del cabello"),
    "acne": (r"acne", r"acné", r"Akne"),
    "vitiligo": (r"vitiligo",),
    "gout": (r"gout", r"gota", r"goutte", r"Gicht"),
    "fibromyalgia": (r"fibromyalgia", r"fibromialgia", r"fibromyalgie", r"Fibromyalgie"),
    "long_covid": (r"long covid",),
    "sleep_apnea": (r"sleep apnea", r"apnea del sueño", r"apnée du sommeil", r"Schlafapnoe"),
    "migraine": (r"migraines?", r"migrañas?", r"Migräne"),
    "heart_failure": (r"heart failure", r"insuficiencia cardíaca", r"insuffisance cardiaque", r"Herzinsuffizienz"),
    "anti_aging": (r"anti-?aging", r"antienvejecimiento", r"anti-?âge", r"Anti-?Aging"),
}
PARENTS = {
    "type_1_diabetes": "diabetes", "type_2_diabetes": "diabetes", "prediabetes": "diabetes",
    "rheumatoid_arthritis": "arthritis", "psoriatic_arthritis": "arthritis",
}
# Generic family words: on-label when any indication is in the family.
GENERIC = frozenset({"diabetes", "arthritis"})

# Framings of use: the target follows within a few words ("for my PCOS", "to lose weight", "para adelgazar").
FRAMINGS = (
    r"pra", r"serve para", r"funciona para", r"per", r"funziona per", r"для", r"от", r"при",
    r"for", r"to", r"against", r"helps?(?: with| me)?", r"treat(?:s|ing)?", r"work(?:s|ed)? for", r"good for",
    r"used? (?:it |this )?for", r"using (?:it |this )?for", r"take (?:it |this )?for", r"taking (?:it |this )?for",
    r"prescribed(?: it| this)?(?: for| me)?", r"off[- ]label(?: for)?", r"as a", r"approved for",
    r"para", r"contra", r"ayuda(?: con| a| para)?", r"sirve para", r"funciona para", r"tratar", r"curar",
    r"pour", r"contre", r"aide(?: à| pour)?", r"marche pour", r"fonctionne pour", r"traiter", r"soigner",
    r"prescrit pour",
    r"für", r"gegen", r"bei", r"zum", r"hilft(?: bei| gegen)?", r"wirkt(?: bei| gegen)?", r"behandeln",
    r"verschrieben(?: für| gegen| bei)?",
)
# Use verbs that make a statement about use ("I'm taking it for…", "my doctor put me on it").
USES = (
    r"usar", r"tomar", r"dar", r"usare", r"prendere", r"dare", r"давать", r"принимать", r"колоть", r"использовать",
    r"使っ", r"使え", r"飲ま", r"用", r"吃", r"打",
    r"taking", r"take", r"took", r"using", r"use", r"used", r"on it", r"prescribed", r"started", r"inject(?:ing)?",
    r"add(?:ing)?", r"try(?:ing)?", r"(?:ok|okay|safe|good) for (?:that|this|it|me)",
    r"work for (?:that|this|it|me)", r"usa", r"usando", r"serve", r"funziona", r"подойд[её]т", r"помогает", r"switch(?:ing)? to", r"get on", r"go on", r"añadir", r"probar", r"ajouter",
    r"essayer", r"hinzufügen", r"ausprobieren",
    r"tomo", r"tomando", r"uso", r"usando", r"me recetó", r"me lo recetaron", r"empecé", r"usad[oa]", r"utilizad[oa]",
    r"prends", r"prenais", r"utilise", r"prescrit", r"commencé",
    r"nehme", r"nahm", r"spritze", r"verschrieben", r"angefangen",
    r"bekommen", r"nehmen", r"benutzen", r"verwenden", r"spritzen", r"prendre", r"utiliser", r"usá-lo", r"tomar",
)

# Children and adolescents: off-label unless an indication names them. An explicit minor age or "pediatric"
# counts alone; the other words need a use framing next to them ("for my kids", "can teens take…").
# Ages are any number here: ``detectors/inquiry.py`` compares it with the product's approved ages.
PEDIATRIC_STRONG = (
    r"(?:filh[oa]|criança|menin[oa]) de \d{1,2} anos", r"(?:figli[oa]|bambin[oa]) di \d{1,2} anni",
    r"(?:ребёнку|ребенку|ребёнок|ребенок|ребёнка|ребенка|сыну|сын|дочке|дочери|дочь)\s*\d{1,2}\s*(?:лет|год|года)",
    r"\d{1,2}\s*(?:лет|год|года|летнему|летней)\s*(?:ребёнку|ребенку|сыну|дочке|дочери)",
    r"\d{1,2}\s*歳", r"\d{1,2}\s*岁", r"子供|子ども|小孩|孩子|儿童",
    r"\d{1,2}[- ]?(?:year|yr)s?[- ]?old", r"p(?:a)?ediatric", r"\d{1,2} ?(?:yo|y/o|y\.o\.?)",
    r"(?:son|daughter|kid|boy|girl|grandson|granddaughter),? (?:is |who's |who is |aged |age )?\d{1,2}(?![\d.,]| ?(?:mg|%|ml|units))",
    r"(?:he's|she's|he is|she is) (?:only )?\d{1,2}(?![\d.,]| ?(?:years|yrs|mg|%|weeks|months|days))",
    r"hij[oa] de \d{1,2} años",
    r"(?:niñ[oa]|hij[oa]) de \d{1,2} años", r"pediátric\w*", r"pédiatrique",
    r"(?:fils|fille|enfant) de \d{1,2} ans",
    r"(?:Sohn|Tochter) \(?\d{1,2}\)?", r"\d{1,2}-?jährige[rn]?", r"\d{1,2} Jahre alt",
    r"ado(?:lescente?)? de \d{1,2} ans", r"adolescente de \d{1,2} (?:años|anos|anni)",
    r"中学生", r"小学生", r"高校生", r"初中生", r"高中生", r"未成年",
    # Round 10: a child named, then the age ("сыну, ему 12 лет").
    r"(?:сыну|сын|дочке|дочери|дочь|ребёнку|ребенку),? (?:ему|ей) \d{1,2} (?:лет|год|года)",
)
PEDIATRIC = (
    r"child(?:ren)?", r"kids?", r"toddlers?", r"teens?", r"teenagers?",
    r"adolescents?", r"minors?", r"p(?:a)?ediatric", r"(?:my )?\d{1,2}[- ]?(?:year|yr)s?[- ]?old",
    r"under (?:18|16|12)", r"(?:he's|she's|he is|she is) (?:only )?\d{1,2}(?![\d.,]| ?(?:years|yrs|mg|%))",
    r"niños?", r"niñas?", r"(?:mi |mon |meu |mio |my )?beb[eéê]s?", r"neonat[oi]", r"nourrisson", r"hij[oa] de \d{1,2} años", r"adolescentes?", r"menores",
    r"pediátric\w*", r"enfants?", r"ados?", r"adolescents?", r"pédiatrique", r"(?:fils|fille) de \d{1,2} ans",
    r"(?-i:Kinder(?:n)?)", r"(?-i:Kind)", r"Jugendliche(?:n)?", r"Teenager", r"(?:Sohn|Tochter) \(?\d{1,2}\)?",
    r"\d{1,2}-?jährige[rn]?",
)
PEDIATRIC_INDICATION = (r"p(?:a)?ediatric", r"child", r"adolescent", r"juvenile", r"aged (?:\d|1[0-7])")

# Dosing outside the label.
DOSING = (
    r"double (?:the |my |a )?dose", r"double up",
    r"(?:two|2|three|3|double) (?:\w+ )?(?:doses|shots|injections|pens) (?:a|per|in one|each) (?:week|day)",
    r"(?:two|2) (?:\w+ )?instead of (?:one|1)",
    r"(?:more|higher) than (?:the )?(?:max(?:imum)?|prescribed|recommended|label(?:led)?)", r"above the max\w*",
    r"split(?:ting)? (?:the |my |a |one )?(?:\w+ )?(?:pens?|doses?|pills?|tablets?)", r"share (?:my |a |the )?pen",
    r"micro-?dos\w*",
    r"stretch (?:my |the )?(?:pen|doses)", r"(?:daily|every day) instead of (?:weekly|once a week)",
    r"doble dosis", r"tomar el doble", r"más de lo (?:recetado|indicado)", r"dividir (?:la )?pluma",
    r"microdosis", r"compartir (?:mi |la )?pluma",
    r"doubler la dose", r"double dose", r"plus que la dose", r"partager (?:mon |le )?stylo", r"microdos\w*",
    r"doppelte Dosis", r"Dosis verdoppeln", r"mehr als verschrieben", r"Pen teilen", r"Mikrodos\w*",
    # Fourth round of issue 10: two doses at once, a pen split into doses, in the nine languages.
    r"(?:two|2) (?:doses|shots|injections) (?:of \w+ )?(?:at once|together|at the same time|in one go)",
    r"(?:dos|2) dosis (?:de \w+ )?(?:juntas|a la vez|de una vez|al mismo tiempo)", r"(?:deux|2) doses (?:de \w+ )?(?:en même temps|d'un coup|à la fois|ensemble)",
    r"(?:zwei|2) Dosen (?:\w+ )?(?:auf einmal|gleichzeitig|zusammen)", r"(?:duas|2) doses (?:de \w+ )?(?:juntas|de uma vez|ao mesmo tempo)",
    r"(?:due|2) dosi (?:di \w+ )?(?:insieme|in una volta|contemporaneamente)",
    r"(?:dividir|partir) (?:a |la )?(?:caneta|pluma)", r"(?:dividere|condividere) (?:la )?penna", r"diviser (?:le |mon )?stylo",
    r"(?:делить|разделить|поделить) (?:шприц-)?ручку", r"(?:две|2) дозы (?:сразу|за раз|одновременно)", r"двойн\w+ доз\w*",
    r"dose dupla", r"dose doppia", r"raddoppiare la dose", r"dobrar a dose",
    # Fifth round: more often than the label ("every week instead of every two").
    r"twice (?:a|per|each) week", r"(?:two|2) times (?:a|per) week", r"dos veces (?:por|a la) semana", r"deux fois par semaine",
    r"zweimal (?:pro|die|in der) Woche", r"duas vezes por semana", r"due volte (?:a|alla) settimana", r"два раза в неделю",
    r"週2回", r"每周两次", r"一周两次",
    r"every (?:week|7 days|few days|\d+ days|other day) instead of (?:every )?(?:2|two|14|other|fortnight)\w*",
    r"(?:weekly|each week|every week) instead of (?:every )?(?:other|two|2|fortnightly|biweekly)\w*",
    r"instead of every (?:2|two|other) weeks?", r"more (?:often|frequently) than (?:prescribed|recommended|the label)",
    r"cada semana en vez de cada (?:dos|2|quince)", r"toutes les semaines au lieu de", r"chaque semaine au lieu de",
    r"jede Woche statt (?:alle )?(?:zwei|2|vierzehn|14)", r"(?:toda|cada) semana em vez de", r"ogni settimana invece (?:che|di)",
    r"каждую неделю вместо", r"(?:2週間ごと|隔週)じゃなく毎週", r"毎週打", r"每周打一次.{0,10}(?:而不是|不是)", r"每周一次.{0,6}而不是两周",
    # Round 10: more often than weekly, told against the label's rhythm ("every 4 days instead of weekly").
    r"instead of (?:once a week|weekly|once weekly|every week)", r"au lieu d'une fois par semaine",
    r"en vez de una (?:vez )?(?:por|a la) semana", r"statt einmal(?: (?:pro|die|in der) Woche)?",
    r"em vez de uma(?: vez)?(?: por semana)?", r"invece di una(?: volta)?(?: (?:a|alla) settimana)?",
    r"вместо одного(?: раза)?(?: в неделю)?", r"週1回のところを", r"週に?2回打", r"一周打两次", r"每周打两次", r"一周两针",
    r"every \d+ weeks instead of (?:every )?\d+", r"\dx (?:a|per|die|pro|in der) (?:week|Woche) (?:instead of|statt) \dx",
    r"cut (?:the |my )?[^.!?\n]{0,30}\b(?:tablets?|pills?) in half", r"couper (?:les |mes )?comprimés\b[^.!?\n]{0,30}\ben deux",
    r"Tabletten halbieren", r"(?:делить|разделить|поделить) одну (?:шприц-)?ручку", r"(?:partir|dividir) (?:os |as )?comprimidos",
    r"\d回分(?:を)?まとめて", r"まとめて打", r"2回分", r"倍量", r"分两次", r"两次的量", r"一次打两", r"双倍剂量", r"加倍",
)
# Round 10: a use of the product told as happening, not asked ("my gastro started me on it", "колю уже два месяца",
# "处方"): with an off-label target it opens the off-label gate, and with no question it is also a special situation
# (an off-label use that happened).
TOLD_USES = (
    r"prescribed", r"put (?:me|him|her|them) on", r"started (?:me|him|her|them) on",
    r"(?:i'?ve|i have|we'?ve|she'?s|he'?s|they'?ve) been (?:using|taking|injecting|on it|doing)",
    r"(?:i'?m|i am) (?:using|taking|injecting|doing) (?:it|this|the pen|my)", r"(?:she'?s|he'?s) had \w+ (?:shots|injections|doses)",
    r"doing (?:the|my) (?:\w+ )?(?:pen|shots?|injections?)",
    r"rec[eé]t[oó]", r"me lo puso", r"me la puso", r"ya lleva", r"llevo \w+ (?:meses|semanas)", r"me pongo", r"estoy usando",
    r"me inyecto", r"prescrit", r"m'a mis", r"l'a mis", r"a mis (?:mon|ma|mes) \w+ sous", r"je fais (?:le|mon|mes|les)",
    r"(?:ça|ca) fait \w+ (?:mois|semaines) que", r"en est à sa", r"verschrieben", r"verordnet", r"spritze (?:den|ihn|es|seit)",
    r"nimmt es seit", r"ich spritze", r"receitou", r"passou (?:pra|para|pro|pro meu|para o|para a)",
    r"estou (?:usando|aplicando|tomando)", r"(?:já )?t[aá] usando", r"prescritto", r"(?:ha|hanno) dato (?:il|la|lo)",
    r"(?:lo|la) faccio", r"faccio la penna", r"siamo alla \w+ iniezione", r"назначил\w*", r"выписал\w*", r"колю", r"колем",
    r"принимаю", r"принимает",
)
TOLD_USES_CJK = (r"処方され", r"打ってる", r"打っている", r"打った", r"使ってる", r"使っています", r"飲んでる", r"开了", r"已经打了",
                 r"已经用了", r"在打", r"在用")

# Missed-dose talk: "should I double up?" there is a dosing question, not an off-label use.
MISSED = (r"miss(?:ed)?", r"forgot", r"skipped", r"olvidé", r"se me olvidó", r"oublié", r"vergessen")

OFF_LABEL_WORDS = (r"off[- ]label", r"fuera de (?:indicación|ficha técnica)", r"hors (?:AMM|indication)")

# Round 9 (blind10's off-label misses), statements of use outside the label in nine languages, keyed by what they need
# of the product: "weight" (its indications do not cover weight), "type1" (a type-2 medicine), "shared" and
# "stretched" (a dose given to someone else, or spread thinner than prescribed: any product).
OFF_LABEL_ROUND9 = {
    "weight": (
        r"(?:i'?m not|i am not|isn'?t|is not|she'?s not|he'?s not|not) (?:a )?diabetic\b.{0,90}\b(?:weight|lose|losing|diet|pounds|lbs|kilos?)",
        r"(?:don'?t|doesn'?t|does not|do not) have diabetes\b.{0,90}\b(?:weight|lose|losing|diet|pounds|lbs)",
        r"(?:put|started|has|have) (?:her|him|me|them) on (?:the |it |this )?(?:\w+ )?for (?:her|his|my|their) weight",
        r"no soy diabétic[oa]\b.{0,80}\b(?:peso|adelgazar|kilos)", r"no tengo diabetes\b.{0,80}\b(?:peso|adelgazar|kilos)",
        r"(?:je ne suis pas|pas) diabétique\b.{0,80}\b(?:poids|maigrir|kilos)", r"kein(?:e)? Diabetiker(?:in)?\b.{0,80}\b(?:abnehmen|Gewicht|Kilo)",
        r"(?:kein|keinen) Diabetes\b.{0,80}\b(?:abnehmen|Gewicht|Kilo)",
        r"(?:não|nao) (?:sou|é) diabétic[oa]\b.{0,80}\b(?:peso|emagrecer|quilos)", r"(?:não|nao) tenho diabetes\b.{0,80}\b(?:peso|emagrecer|quilos)",
        r"non (?:sono|è) diabetic[oa]\b.{0,80}\b(?:peso|dimagrire|chili)", r"non ho il diabete\b.{0,80}\b(?:peso|dimagrire|chili)",
        r"(?:нет диабета|не диабетик|диабета (?:у меня )?нет)\b.{0,80}\b(?:похуд\w*|вес\w*|килограмм\w*)",
        r"糖尿病(?:じゃない|ではない|でもない).{0,30}(?:ダイエット|痩せ|減量|キロ)", r"ダイエット目的", r"(?:没有|没)糖尿病.{0,30}(?:减肥|瘦|减重|公斤)", r"为了减肥",
    ),
    "type1": (
        r"(?:i'?m|i am|as a|my (?:son|daughter|husband|wife) is) (?:a )?(?:type 1|type one|t1d?)(?: diabetic)?\b",
        r"(?:soy|es) (?:diabétic[oa] )?(?:de )?tipo 1", r"(?:je suis|il est|elle est) diabétique de type 1", r"(?:ich bin|bin) Typ-?1-?Diabetiker(?:in)?",
        r"(?:tenho|sou) (?:diabetes |diabétic[oa] )?tipo 1", r"(?:ho il|sono) (?:diabete |diabetic[oa] )?(?:di )?tipo 1", r"(?:у меня )?диабет 1 типа",
        r"1型糖尿病",
    ),
    "shared": (
        r"(?:gave|give|giving|shared|sharing) (?:my|our|his|her) (?:\d{1,2}[- ]?(?:year|yr)s?[- ]?old|son|daughter|kid|teen(?:ager)?|child|husband|wife|friend|mom|dad|sister|brother) (?:one|some|a few|two) of my",
        r"le di (?:a mi \w+ )?una de mis", r"j'ai donné (?:un|une|deux) de mes (?:stylos|injections|comprimés) à", r"(?:habe|hab) (?:meinem|meiner) \w+ (?:eine|einen) (?:meiner|von meinen)",
        r"dei (?:uma|um) das minhas (?:canetas|injeções|doses) (?:pro|pra|para o|para a)", r"ho dato (?:una|un) delle mie (?:penne|iniezioni|compresse) a",
        r"дал[аи]? (?:сыну|дочери|мужу|жене|другу|подруге) (?:одну из )?сво\w+",
    ),
    "stretched": (
        r"(?:splitting|cutting|halving|breaking) (?:my |the )?(?:\w+ ){0,3}(?:tablets?|pills?|doses?) in half",
        r"(?:stretch|stretching|spreading) (?:each|every|my|one|a) (?:\w+ )?(?:syringe|pen|dose|vial|box) (?:across|over) (?:two|three|four|2|3|4) (?:weeks|months)",
        r"half now,? half later", r"make (?:the|my|it) (?:\w+ )?last (?:till|until|longer|to) ",
        r"(?:parto|partiendo|corto|cortando) (?:las|mis) (?:pastillas|comprimidos) (?:por|a) la mitad", r"para que (?:me )?duren? más",
        r"(?:je coupe|couper) (?:mes|les) comprimés en deux", r"pour (?:les|le) faire durer",
        r"(?:halbiere|teile) (?:meine|die) Tabletten", r"damit (?:sie|er|es) länger (?:reicht|reichen)",
        r"(?:partindo|parto|corto) (?:os|meus) comprimidos (?:ao|no) meio", r"(?:pra|para) durar mais",
        r"divido (?:le|mie) compresse a metà", r"per farl[ea] durare (?:di più)?",
        r"(?:делю|ломаю) таблетки (?:пополам|на две части)", r"чтобы растянуть",
        r"半分に(?:割って|して)", r"掰成两半", r"省着(?:用|打|吃)",
    ),
}
