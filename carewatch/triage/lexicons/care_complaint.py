# ruff: noqa: E501, RUF001  (cue lists in nine languages: Cyrillic and CJK letters, long alternations)
"""Product-complaint cues (EN/ES/FR/DE): device malfunction, packaging, appearance, temperature
excursion, suspected counterfeit; and the words that introduce a lot or batch number.

Regular-expression fragments without capturing groups. Pairs of lists are matched within one sentence.
"""

from __future__ import annotations

DEVICES = (
    r"pens?", r"(?:auto-?)?injectors?", r"inhalers?", r"pumps?", r"needles?", r"cartridges?", r"syringes?",
    r"plungers?", r"dials?", r"mechanisms?", r"dose window", r"window", r"buttons?", r"devices?", r"applicators?",
    r"dose counter", r"spring",
    r"plumas?", r"(?:auto)?inyectores?", r"inhaladores?", r"bombas?", r"agujas?", r"cartuchos?", r"jeringas?",
    r"jeringuillas?", r"émbolo", r"botón", r"dispositivos?",
    r"stylos?", r"(?:auto-?)?injecteurs?", r"inhalateurs?", r"pompes?", r"aiguilles?", r"cartouches?",
    r"seringues?", r"piston", r"bouton", r"dispositifs?",
    r"Fertigpens?", r"(?:Auto)?[Ii]njektor(?:en)?", r"Inhalator(?:en)?", r"Pumpen?", r"Nadeln?", r"Kanülen?",
    r"Patronen?", r"Spritzen?", r"Fertigspritzen?", r"Kolben", r"Knopf", r"Gerät", r"Dosierknopf",
    r"canetas?", r"agulhas?", r"seringas?", r"botão", r"dispositivo", r"penn[ae]", r"aghi", r"ago", r"siring[ah]e?",
    r"pulsante", r"шприц-ручк\w*", r"ручк\w*", r"игл\w*", r"шприц\w*", r"кнопк\w*", r"ペン", r"針", r"注射器",
    r"ボタン", r"注射笔", r"针头", r"针", r"注射器", r"按钮",
)
MALFUNCTIONS = (
    r"jamm(?:ed|ing)", r"jams?", r"stuck", r"broke(?! out)", r"broken", r"cracked", r"snapped", r"leak(?:s|ed|ing|y)?",
    r"bent", r"blocked", r"clogged", r"loose", r"wobbly", r"rattl\w*", r"(?:is|was|stays|went) blank",
    r"malfunction(?:ed|ing|s)?", r"defective", r"faulty", r"misfir(?:ed|es)",
    r"won'?t (?:click|dispense|inject|work|turn|press|push|release|fire|lock|unlock|activate)",
    r"wouldn'?t (?:click|dispense|inject|work|turn|press|push|release|fire|activate)",
    r"didn'?t (?:click|dispense|inject|work|fire|release|activate|deliver)",
    r"doesn'?t (?:click|work|dispense|inject)", r"not (?:clicking|working|dispensing)", r"no click",
    r"stopped working", r"fell off", r"fell apart", r"came apart", r"falling apart", r"empty(?! stomach)",
    r"nothing came out", r"no medicine came out", r"squirted out", r"sprayed out", r"dripp(?:ed|ing)",
    r"atascad[oa]s?", r"trabad[oa]s?", r"se trabó", r"se atascó", r"rot[oa]s?", r"se rompió", r"partid[oa]",
    r"agrietad[oa]", r"gotea(?:ba|ndo)?", r"pierde líquido", r"doblad[oa]", r"torcid[oa]", r"no funciona",
    r"dejó de funcionar", r"no hace clic", r"no hizo clic", r"defectuos[oa]s?", r"(?<!estómago )vací[oa]",
    r"bloqué(?:e|s)?", r"coincé(?:e|s)?", r"cassé(?:e|s)?", r"fissuré(?:e)?", r"fuit", r"fuite", r"a fui",
    r"tordu(?:e)?", r"plié(?:e)?", r"ne fonctionne (?:pas|plus)", r"ne marche (?:pas|plus)",
    r"défectueu(?:x|se)", r"ne clique pas", r"pas de clic", r"(?<!ventre )(?<!estomac )vide", r"en panne",
    r"klemmt(?:e)?", r"blockiert", r"steckt fest", r"hängt", r"kaputt", r"gebrochen", r"zerbrochen",
    r"abgebrochen", r"gerissen", r"undicht", r"läuft aus", r"lief aus", r"tropft(?:e)?", r"leckt",
    r"verbogen", r"funktioniert nicht(?: mehr)?", r"geht nicht", r"defekt", r"klickt nicht", r"kein Klick",
    r"leer",
    r"quebrad[oa]", r"vazando", r"vazou", r"torta", r"entortad[oa]", r"travad[oa]", r"não funciona",
    r"nao funciona", r"defeito", r"rott[oa]", r"pieg(?:ato|ata)", r"perde", r"bloccat[oa]", r"non funziona",
    r"difettos[oa]", r"vuot[oa]", r"сломал\w*", r"сломан\w*", r"течёт", r"течет", r"протекает", r"погнут\w*",
    r"заедает", r"не работает", r"брак", r"壊れ", r"漏れ", r"曲が", r"出てこない", r"動かない", r"不良", r"坏了",
    r"漏", r"弯了", r"卡住", r"不能用", r"出不来",
    # Round 12 (blind13, general causes: a word for a bent, snapped or leaking device missing in a language, and an
    # English perfect tense): next to a device word only.
    r"crooked", r"(?:hasn'?t|haven'?t|has not|have not) worked", r"(?:a|ont) (?:encore |déjà |aussi )fui",
    r"stort[oa]", r"spezzat[oa]", r"折れ", r"断了",
)
# Malfunctions that need no device word next to them.
MALFUNCTIONS_ALONE = (
    r"won'?t click", r"didn'?t click", r"doesn'?t click", r"not clicking", r"bent needle",
    r"needle (?:was |is |got )?bent", r"broken needle", r"nothing came out", r"no medicine came out",
    r"(?:medicine|medication|liquid|solution|dose) (?:leaked|squirted|sprayed|dripped|came) out",
    r"wet injection", r"dose (?:didn'?t|did not) (?:come out|go in)",
    r"no salió (?:nada|el medicamento|la dosis)", r"no hace clic", r"no hizo clic", r"aguja doblada",
    r"rien n'est sorti", r"ne clique pas", r"aiguille tordue",
    r"nichts kam (?:raus|heraus)", r"klickt nicht", r"Nadel (?:ist |war )?verbogen",
    r"agulha (?:veio )?(?:torta|entortada|quebrada)", r"caneta (?:veio )?(?:quebrada|com defeito)",
    r"ago (?:era )?piegato", r"penna (?:è )?(?:rotta|difettosa)", r"игла (?:не выходит|погнута|сломалась)",
    r"ручка сломалась", r"ペンが壊れ", r"針が(?:曲が|出てこない)", r"注射笔坏了", r"针头弯了",
)

# Failures that, said of the medicine itself ("Glucavio stopped working"), mean lack of efficacy.
EFFICACY_LIKE = (
    r"stopped working", r"not working", r"doesn't work", r"didn't work", r"won't work", r"no funciona",
    r"dejó de funcionar", r"ne fonctionne (?:pas|plus)", r"ne marche (?:pas|plus)", r"funktioniert nicht(?: mehr)?",
    r"geht nicht", r"wirkt nicht",
)

PACKAGES = (
    r"(?:safety |tamper(?:-evident)? )?seals?", r"packaging", r"package", r"packet", r"box(?:es)?", r"cartons?",
    r"blisters?(?: packs?)?", r"foil", r"bottles?", r"vials?", r"labels?", r"leaflet", r"insert", r"wrapper",
    r"sleeve",
    r"precintos?", r"sellos?", r"empaques?", r"envases?", r"cajas?", r"blísters?", r"frascos?", r"etiquetas?",
    r"prospecto", r"embalaje",
    r"opercules?", r"scellés?", r"emballages?", r"boîtes?", r"flacons?", r"étiquettes?", r"notice",
    r"Siegel", r"Versiegelung", r"Verpackung(?:en)?", r"Packung(?:en)?", r"Schachtel(?:n)?", r"Flaschen?",
    r"Fläschchen", r"Etikett(?:en)?", r"Beipackzettel", r"Umkarton",
)
PACKAGE_DEFECTS = (
    r"broken", r"opened", r"already open", r"was open", r"missing", r"torn", r"ripped", r"damaged", r"crushed",
    r"dented", r"tampered(?: with)?", r"punctured", r"unsealed", r"soaked", r"wet", r"wrong", r"mislabell?ed",
    r"peeling", r"smudged", r"empty", r"no seal", r"without (?:a |the )?seal",
    r"rot[oa]", r"abiert[oa]", r"dañad[oa]", r"aplastad[oa]", r"rasgad[oa]", r"falta(?:ba)?", r"sin precinto",
    r"sin sello", r"vací[oa]", r"mojad[oa]", r"equivocad[oa]",
    r"cassée?", r"ouvert(?:e)?", r"déjà ouvert(?:e)?", r"abîmée?", r"endommagée?", r"écrasée?", r"déchirée?",
    r"manquant(?:e|es|s)?", r"il manquait", r"sans opercule", r"vide", r"mouillée?", r"erronée?",
    r"beschädigt", r"offen", r"geöffnet", r"aufgerissen", r"zerdrückt", r"eingedrückt", r"fehlt(?:e)?",
    r"ohne Siegel", r"leer", r"nass", r"kaputt", r"falsch",
)
PACKAGE_ALONE = (
    r"(?:seal|safety seal|tamper seal) (?:was |is )?(?:broken|missing|open|torn)",
    r"only (?:one|two|three|\d) (?:pens?|pills?|tablets?)(?: in the (?:box|pack|bottle))?",
    r"missing (?:a |one |two |\d )?(?:pens?|pills?|tablets?) (?:in|from) the (?:box|pack|bottle)",
    r"(?:box|pack|bottle) (?:was |is )?(?:missing|short) (?:a |one |two )?(?:pens?|pills?|tablets?)",
    r"(?:wrong|different) (?:strength|dose) (?:in|on) the (?:box|label|pack)",
    r"precinto roto", r"sin precinto", r"faltaba(?:n)? (?:una|un|dos) (?:pluma|pastilla|comprimido)s?",
    r"(?:arrived|came|was delivered|were delivered|was dispensed|got it) (?:already )?expired",
    r"(?:had|came with|with|there was|there were) no "
    r"(?:needle caps?|caps?|needles?|labels?|leaflet|instructions|seal|box)",
    r"missing (?:the |a |its )?(?:needle caps?|caps?|needles?|labels?|leaflet|instructions|seal)",
    r"(?:llegó|vino|me dieron) (?:ya )?caducad[oa]", r"(?:arrivée?|livrée?) (?:déjà )?périmée?",
    r"(?:bereits abgelaufen|abgelaufen (?:geliefert|angekommen))",
    r"opercule (?:cassé|déchiré|absent)", r"il manquait (?:un|une|deux) (?:stylo|comprimé)s?",
    r"Siegel (?:war |ist )?(?:gebrochen|kaputt|beschädigt|offen)", r"Packung (?:war |ist )?(?:offen|beschädigt)",
)

MEDICINES = (
    r"pills?", r"tablets?", r"capsules?", r"liquid", r"solution", r"fluid", r"medicine", r"medication", r"meds",
    r"contents", r"injection", r"pens?", r"batch", r"refill", r"drug", r"product", r"dose",
    r"pastillas?", r"comprimidos?", r"c[aá]psulas?", r"líquido", r"solución", r"medicamento", r"medicina",
    r"plumas?", r"contenido",
    r"comprimés?", r"gélules?", r"liquide", r"solution", r"médicament", r"stylos?", r"contenu",
    r"Tabletten?", r"Kapseln?", r"Flüssigkeit", r"Lösung", r"Medikament", r"Pens?", r"Inhalt",
)
APPEARANCES = (
    r"look(?:s|ed)? (?:totally |completely |very |really |a bit |kind of |slightly )?"
    r"(?:different|weird|off|strange|funny|wrong)",
    r"(?:different|wrong|weird|strange|odd|lighter|darker) colou?r", r"discolou?red",
    r"colou?r (?:is |was )?(?:off|different|wrong)",
    r"particles", r"floaties", r"floaty bits", r"flakes", r"(?:bits|stuff|things|specks) floating", r"copos", r"flocons",
    r"fiocchi", r"хлопь\w*", r"flocos", r"grumi", r"clumps?", r"crystals", r"crumbl(?:e|es|ed|ing)",
    r"chalky",
    r"smell(?:s|ed)? (?:really |very |kind of |a bit |so )?(?:weird|strange|funny|off|bad|odd|strong|like \w+)",
    r"(?:weird|strange|funny|bad) smell",
    r"tastes? (?:different|weird|off|strange|funny)", r"(?:different|wrong) (?:shape|size|markings?|imprint)",
    r"no imprint", r"smaller than usual", r"bigger than usual",
    r"se ven? diferentes?", r"aspecto (?:raro|diferente|extraño)", r"colou?r (?:raro|distinto|diferente|extraño)",
    r"otro colou?r", r"huele(?:n)? (?:raro|rar[ií]sim[oa]|mal|extrañ[oa]|extrañ[ií]sim[oa])", r"olor (?:raro|extraño|fuerte)",
    r"partículas", r"grumos", r"sabe(?:n)? raro", r"sabor (?:raro|distinto)", r"(?:más|mas) (?:pequeñas|grandes)",
    r"couleur (?:différente|bizarre|étrange)", r"chang[ée] de couleur", r"aspect (?:différent|bizarre)",
    r"sen(?:t|tent) (?:bizarre|mauvais|étrange|fort)", r"odeur (?:bizarre|étrange|forte)",
    r"particules", r"grumeaux", r"goût (?:bizarre|différent)", r"pas pareils?",
    r"andere Farbe", r"verfärbt", r"Farbe (?:ist |war )?(?:komisch|anders|seltsam)",
    r"(?:sieht|sehen|sah|sahen) (?:anders|komisch|seltsam|merkwürdig) aus",
    r"riech(?:t|en) (?:komisch|seltsam|merkwürdig|streng)", r"Geruch", r"Partikel", r"Flocken",
    r"Klümpchen", r"schmeck(?:t|en) (?:anders|komisch)", r"trüb(?:e)?",
)

# Appearance defects with their own subject ("the solution turned yellow"; not "my skin turned yellow").
APPEARANCE_ALONE = (
    r"(?:liquid|solution|medicine|medication|fluid|pen|vial|pills?|tablets?) "
    r"(?:has |had |is |was |looks |looked |got )?(?:a little |a bit |slightly |kind of |kinda |really |very )?"
    r"(?:turned )?(?:yellow|brown|pink|orange|cloudy|milky|dark|discolou?red)(?:ish)?",
    r"(?:líquido|solución|medicamento) (?:está |estaba )?(?:turbi[oa]|amarill[oa]|marrón)",
    r"(?:liquide|solution) (?:est |était )?(?:trouble|jaune|brun)",
    r"(?:Flüssigkeit|Lösung)(?: \w+){0,3} (?:ist |war )?(?:trüb|gelb|braun|verfärbt)",
    r"(?:liquid|solution)(?: \w+){0,3} (?:is|was|looks|looked|turned) (?:a little |a bit |slightly )?"
    r"(?:yellow|brown|cloudy|milky|discolou?red)",
)

# Temperature excursions that need no medicine word next to them.
TEMPERATURE_ALONE = (
    r"(?:left|forgot|kept|stored) (?:it|them|my \w+|the \w+) in (?:a|the|my) (?:hot )?car",
    r"(?:in|inside) (?:a|the|my) hot car", r"hot car",
    r"(?:delivered|arrived|came|showed up|got here|shipped)(?: \w+){0,3} "
    r"(?:warm|hot|lukewarm|at room temperature|frozen)",
    r"(?:no|without|missing) (?:any )?(?:ice ?packs?|cold ?packs?|cooler)",
    r"sat (?:out )?(?:on|in) (?:the|my) (?:porch|doorstep|mailbox|sun|heat)", r"\d+ ?degrees? (?:heat|weather)",
    r"in the heat (?:all|for)",
    r"ice packs? (?:were |was )?(?:melted|warm|completely melted)", r"(?:melted|warm) ice packs?",
    r"(?:was not|wasn'?t|weren'?t) (?:cold|refrigerated|chilled|kept cold)(?: when| on arrival)?",
    r"(?:left|sat|sitting|kept|stored) (?:it |them |the \w+ |my \w+ )?(?:\w+ )?"
    r"(?:in the sun|in direct sunlight|in the mailbox)",
    r"(?:left|sat|sitting) out (?:of the fridge )?"
    r"(?:overnight|all day|all night|for (?:\d+|a few|several) (?:hours|days))",
    r"out of the (?:fridge|refrigerator) (?:for|overnight|all)", r"(?:fridge|refrigerator) (?:broke|died|stopped)",
    r"(?:lo|la|los|las) dejé en el (?:coche|carro|auto)", r"en el (?:coche|carro|auto) (?:caliente|al sol)",
    r"llegó (?:caliente|tibi[oa]|templad[oa]|congelad[oa])", r"(?:no|sin) (?:venía|estaba|llegó) fr[ií][oa]",
    r"se congeló",
    r"(?:estuvo|estuvieron|dejé|olvidé|quedó|quedaron|pasó)[^.!?\n]{0,25}fuera de la (?:nevera|heladera)",
    r"fuera de la (?:nevera|heladera|refrigeradora?) (?:toda la noche|todo el día|varias horas|\d+ horas|\d+ días)",
    r"hielo derretido", r"(?:dejé|estuvo|estuvieron|quedó|quedaron)[^.!?\n]{0,25} al sol",
    r"laissée? dans la voiture", r"dans la voiture (?:au soleil|en plein soleil)",
    r"arrivée? (?:chaud|tiède|congelée?)", r"livrée? (?:chaud|tiède)",
    r"(?:n'était|n'est|arrivée?s?) (?:pas|plus) froid",
    r"a gelé",
    r"(?:laissée?s?|oubliée?s?|restée?s?)[^.!?\n]{0,25}hors du (?:frigo|réfrigérateur)",
    r"hors du (?:frigo|réfrigérateur) (?:toute la nuit|toute la journée|plusieurs heures|pendant \d+)",
    r"pains? de glace fondus?",
    r"(?:laissée?s?|restée?s?)[^.!?\n]{0,25}au soleil",
    r"im (?:heißen )?Auto (?:liegen )?(?:gelassen|vergessen)", r"im heißen Auto",
    r"(?:warm|lauwarm|gefroren) (?:geliefert|angekommen)", r"kam (?:warm|lauwarm) an", r"nicht gekühlt(?! werden)",
    r"Kühlakkus? (?:war(?:en)? )?(?:geschmolzen|warm)",
    r"(?:lag|lagen|gelegen|vergessen|gelassen|stand|standen)[^.!?\n]{0,25}außerhalb des Kühlschranks",
    r"außerhalb des Kühlschranks (?:gelegen|vergessen|gelassen|gestanden)",
    r"(?:über Nacht|stundenlang) (?:draußen|nicht im Kühlschrank)",
    r"(?:lag|lagen|liegen gelassen|gelassen)[^.!?\n]{0,25}in der Sonne",
)
# Freezing and heat cues that need a medicine or device word in the sentence ("the app froze" is no complaint).
TEMPERATURE_NEAR = (
    r"froze", r"frozen", r"in the freezer", r"got (?:too )?hot",
    r"congelad[oa]s?", r"congelée?s?", r"gefroren", r"eingefroren",
)
TEMPERATURE_NOT = (r"frozen shoulder", r"hombro congelado", r"épaule gelée", r"Frozen Shoulder")

COUNTERFEIT_ALONE = (
    r"counterfeits?", r"knock-?offs?", r"bootleg",
    r"(?:not|isn'?t|aren'?t) (?:genuine|authentic|the real thing)",
    r"(?:bought|ordered|got)(?: \w+){0,2} (?:online|from a website|on instagram|on telegram|from a guy)"
    r"[^.!?\n]{0,30}(?:without|with no|no) (?:a )?prescription",
    r"falsificad[oa]s?", r"(?:no es|no parece|no son|no parecen) original(?:es)?",
    r"(?:compré|pedí)[^.!?\n]{0,30}(?:por internet|en línea|online)[^.!?\n]{0,30}sin receta",
    r"(?:falsos?|falsas?) (?:plumas?|pastillas?|medicamentos?|inyectores?)",
    r"(?:plumas?|pastillas?|medicamentos?) (?:son |eran |parecen )?(?:falsos?|falsas?)",
    r"(?:faux|fausses?) (?:stylos?|médicaments?|comprimés?|produits?)",
    r"(?:stylos?|médicaments?|comprimés?) (?:sont |étaient |semblent )?(?:faux|fausses?)",
    r"contrefaçons?", r"contrefaite?s?", r"(?:pas|plus) (?:authentiques?|d'origine)",
    r"achetée?s?[^.!?\n]{0,30}(?:sur internet|en ligne)[^.!?\n]{0,30}sans ordonnance",
    r"gefälscht(?:e|en|er)?", r"Fälschung(?:en)?", r"Plagiat", r"nicht (?:echt|original)",
    r"(?:im Internet|online)[^.!?\n]{0,30}ohne Rezept (?:bestellt|gekauft)",
)
FAKES = (r"fakes?", r"Fake-?")
# Words that make "fake" about something else.
FAKE_NOT = (r"fake news", r"fake reviews?", r"fake accounts?", r"fake profiles?", r"fake it", r"noticias falsas",
            r"fausses? (?:informations|nouvelles)", r"faux comptes?")
# "bought online … looks different": counterfeit-suspect even without the word "fake".
ONLINE = (r"online", r"on the internet", r"from a website", r"on instagram", r"on telegram", r"overseas", r"abroad",
          r"por internet", r"en línea", r"sur internet", r"en ligne", r"im Internet", r"aus dem Ausland")

LOT_WORDS = (
    r"lot", r"lots", r"batch", r"lote", r"charge", r"chargen-?(?:nummer|nr\.?|bezeichnung)", r"ch\.-?\s?b\.",
    r"num[ée]ro de lot", r"n[°º]\s*(?:de\s+)?lot", r"n[°º]\s*de\s+lote", r"número de lote", r"no\.? de lote",
)

# Fifth round of issue 10 (blind6's missed complaints, dev11): a missing leaflet, an unreadable expiry date,
# spelling mistakes on a box, a dial or button that will not move, a cloudy or brownish solution, a cracked
# syringe, a cap of another colour; in the nine screened languages. Keyed by complaint kind; each phrase needs
# no partner. ``COMPLAINT_MORE_CJK`` is matched without word boundaries.
COMPLAINT_MORE: dict[str, tuple[str, ...]] = {
    "packaging": (
        r"no (?:patient )?(?:leaflet|insert|package insert|instructions) (?:in|inside) (?:the )?(?:box|pack|carton)",
        r"no (?:patient )?leaflet", r"(?:leaflet|insert|instructions) (?:was |is |were )?(?:missing|not there)",
        r"(?:expiry|expiration|exp)(?: date)?\b.{0,40}\b(?:smudged|faded|unreadable|illegible|rubbed off|can'?t read|worn off)",
        r"(?:smudged|faded|unreadable|illegible)\b.{0,20}\b(?:expiry|expiration)",
        r"(?:spelling mistakes?|typos?|misspell\w*)\b.{0,30}\b(?:box|label|packag\w*|carton)",
        r"(?:box|label|packag\w*|carton)\b.{0,30}\b(?:spelling mistakes?|typos?|misspell\w*)",
        r"sin prospecto", r"(?:falta|faltaba|no (?:venía|traía|tenía)) (?:el )?prospecto",
        r"fecha de (?:caducidad|vencimiento)\b.{0,30}\b(?:borrosa|borrada|ilegible|no se lee)", r"faltas de ortografía",
        r"(?:pas de|sans|aucune) notice", r"(?:date de )?péremption\b.{0,30}\b(?:effacée|illisible|floue)", r"fautes d'orthographe",
        r"(?:kein|ohne|fehlt der|fehlte der) Beipackzettel", r"Beipackzettel (?:fehlt|fehlte)",
        r"(?:Verfallsdatum|Haltbarkeitsdatum)\b.{0,30}\b(?:unleserlich|verwischt|nicht lesbar)", r"Rechtschreibfehler",
        r"sem bula", r"(?:faltando|faltou|faltava) a bula", r"validade\b.{0,30}\b(?:apagada|ilegível|borrada)",
        r"(?:caixa|embalagem|caneta) (?:veio |chegou )?(?:amassada|rasgada|violada)", r"chegou amassad[ao]",
        r"(?:senza|manca(?:va)? il|non c'è il|non c'era il|nessun) foglietto(?: illustrativo)?",
        r"(?:data di )?scadenza\b.{0,30}\b(?:sbiadita|illeggibile|cancellata|non si legge)",
        r"(?:нет|без) (?:инструкции|вкладыша)", r"без защитной пл[её]нки",
        r"срок годности\b.{0,30}\b(?:стёрт|стерт|не читается|не виден)", r"коробк\w* (?:повреждена|вскрыта|помята)",
        r"already (?:uncapped|unsealed|opened|open)", r"(?:confezione|scatola) (?:era |è )?(?:aperta|danneggiata|rotta|schiacciata)",
        r"mancava (?:una|un|uno) (?:penna|siringa|compressa)", r"коробка (?:была )?(?:открыта|вскрыта)", r"не хватало (?:одной )?(?:ручки|шприца)",
    ),
    "temperature_excursion": (
        r"(?:left|sat|sitting|forgot)\b.{0,30}\b(?:on the dashboard|in the glove ?box|in the trunk)",
        # Round 8 (blind9): the medicine itself warm, the cold packs melted or absent, left in a car or the sun,
        # arrived frozen; in the nine screened languages.
        r"(?:pens?|syringes?|injectors?|autoinjectors?|vials?|cartridges?|medicine|medication|meds|box|package|shipment|delivery)"
        r"\b[^.!?\n]{0,25}\b(?:were|was|are|is|felt|arrived|came) (?:\w+ )?(?:warm|hot|lukewarm|at room temp(?:erature)?|frozen|rock hard)",
        r"(?:ice|cold|gel) ?packs?\b[^.!?\n]{0,20}\b(?:melted|warm|water|liquid)", r"(?:arrived|came) (?:\w+ )?(?:frozen solid|frozen)",
        r"(?:plumas?|jeringas?|inyectores?|medicamentos?|caja|paquete)\b[^.!?\n]{0,25}\b(?:estaban|estaba|llegaron|llegó|venían|venía) (?:\w+ )?(?:calientes?|tibi[oa]s?|congelad[oa]s?)",
        r"(?:hielo|gel(?:es)?|bolsas? de hielo)\b[^.!?\n]{0,15}\b(?:derretid[oa]s?|derretido)", r"sin (?:hielo|gel refrigerante|nevera portátil)",
        r"(?:stylos?|seringues?|médicaments?|colis)\b[^.!?\n]{0,25}\b(?:étaient|était|sont|est|arrivée?s?) (?:\w+ )?(?:chaud[es]*|tièdes?|congelée?s?|gelée?s?)",
        r"(?:pains? de glace|blocs? réfrigérants?)\b[^.!?\n]{0,15}\b(?:fondus?|chauds?)", r"sans (?:pain de glace|glacière|bloc réfrigérant)",
        r"(?:Spritzen|Pens?|Fertigspritzen|Medikamente?|Paket|Lieferung)\b[^.!?\n]{0,25}\b(?:waren|war|sind|ist|kam|kamen) (?:\w+ )?(?:warm|heiß|lauwarm|gefroren)",
        r"ohne Kühl(?:akku|pack|box|element)s?", r"bei \d+ ?(?:Grad|°)",
        r"(?:canetas?|seringas?|remédios?|medicamentos?)\b[^.!?\n]{0,25}\b(?:estava|estavam|chegou|chegaram|veio|vieram) (?:\w+ )?(?:quentes?|mornas?|congelad[oa]s?)",
        r"(?:ficou|ficaram|deixei|esqueci|passou|passaram)[^.!?\n]{0,30}(?:no carro|ao sol|no sol|fora da geladeira)",
        r"(?:penne|siringhe|farmac[oi]|pacco)\b[^.!?\n]{0,25}\b(?:erano|era|sono|è|arrivat[oaei]) (?:\w+ )?(?:cald[oaei]|tiepid[oaei]|congelat[oaei])",
        r"(?:lasciat[oaei]|rimast[oaei]|dimenticat[oaei])[^.!?\n]{0,30}(?:in macchina|in auto|al sole|fuori dal frigo)",
        r"ghiaccio (?:era |si era )?sciolto", r"siberini (?:erano )?sciolti",
        r"(?:шприц\w*|ручк\w*|лекарств\w*|посылк\w*)[^.!?\n]{0,25}(?:был\w* |пришл\w* )?(?:т[её]пл\w*|горяч\w*|замерз\w*|замороже\w*)",
        r"(?:оставил\w*|забыл\w*|пролежал\w*|лежал\w*)[^.!?\n]{0,30}(?:в машине|на солнце|вне холодильника|без холодильника)",
        r"л[её]д (?:весь )?раста\w*",
        r"(?:chegou|veio) (?:quente|morna|congelada)", r"sem gelo", r"(?:arrivat[oa]|consegnat[oa]) (?:cald[oa]|tiepid[oa]|congelat[oa])",
        r"senza ghiaccio", r"пришл\w* (?:тёпл|тепл|горяч)\w*", r"без (?:хладоэлемента|льда|охлаждения)",
    ),
    "device_malfunction": (
        # Round 8 (blind9): nothing came out, the dose display did not return, fired on its own, arrived cracked.
        r"(?:fired|went off|clicked|triggered|discharged|released) (?:before|too early|early|prematurely|on its own|by itself)",
        r"(?:medicine|medication|liquid|dose)\b[^.!?\n]{0,10}\ball over (?:my|the)",
        r"(?:arrived|came|was delivered|showed up|got here) (?:\w+ )?(?:cracked|broken|damaged|leaking|bent|smashed|shattered)",
        r"(?:dose )?(?:counter|dial|display|window|indicator|number)\b[^.!?\n]{0,25}\b(?:didn'?t|did not|doesn'?t|does not|won'?t|never) (?:go|went|come|came|return|reset|spin) (?:back|to zero|down)?",
        r"no (?:suelta|soltó|sale|salió|libera|liberó) (?:el |la |nada)?\s?(?:medicamento|medicina|dosis|líquido)?",
        r"(?:aprieto|apreté|presiono|presioné|pulso|pulsé) el botón y nada", r"se disparó (?:sol[oa]|antes|antes de tiempo)",
        r"(?:contador|indicador|dial|rueda)\b[^.!?\n]{0,25}\bno (?:vuelve|volvió|regresa|regresó) a (?:cero|su sitio)",
        r"(?:affichage|compteur|indicateur|molette)\b[^.!?\n]{0,25}\bne (?:revient|retourne|est) (?:pas|jamais) (?:revenu|à zéro)?",
        r"(?:rien|aucun produit|le produit n'est pas) (?:n'est )?sorti", r"s'est déclenchée? (?:tout seul|toute seule|avant|trop tôt)",
        r"(?:Dosisanzeige|Anzeige|Zähler|Dosierrad)\b[^.!?\n]{0,30}\bnicht (?:zurück(?:gegangen|gesprungen)?|auf null)",
        r"(?:hat|hatte) (?:zu früh|von selbst|von allein) ausgelöst", r"(?:es )?kam (?:nichts|kein Medikament) (?:raus|heraus)",
        r"(?:disparou|acionou) (?:sozinh[oa]|antes)", r"(?:contador|visor|mostrador)\b[^.!?\n]{0,25}\b(?:não|nao) (?:voltou|volta)",
        r"(?:è |si è )?scattat[oa] (?:da sol[oa]|prima|troppo presto)", r"(?:contatore|display|indicatore)\b[^.!?\n]{0,25}\bnon (?:torna|è tornat[oa])",
        r"non (?:è )?uscit[oa] (?:niente|nulla|il farmaco)", r"сработал\w* (?:сам\w*|раньше|преждевременно)",
        r"(?:счётчик|счетчик|индикатор|шкала)\b[^.!?\n]{0,25}\bне (?:вернул\w*|возвраща\w*)",
        r"(?:dial|button|plunger|knob)\b.{0,30}\b(?:won'?t|wouldn'?t|doesn'?t|didn'?t|never) (?:turn|move|moved|budge|budged|press|go down|went down|push)",
        r"(?:botón|pluma|émbolo|rueda)\b.{0,30}\bno (?:baja|gira|se mueve|entra|funciona)",
        r"(?:bouton|molette|stylo)\b.{0,30}\b(?:bloqué|coincé|ne tourne pas|ne descend pas|ne s'enfonce pas)",
        r"lässt sich nicht (?:drehen|drücken|einstellen|auslösen)", r"Dosierrad\b.{0,30}\b(?:klemmt|hängt|dreht nicht)",
        r"(?:botão|caneta|seringa)\b.{0,30}\b(?:travou|travad[oa]|emperrou)", r"(?:não|nao) saiu (?:nada|remédio|o remédio|medicamento|o medicamento)",
        r"(?:si è |s'è )?inceppat[oa]", r"(?:rotella|pulsante|penna)\b.{0,30}\bnon (?:gira|torna su|scende|si preme|funziona)",
        r"не нажимается", r"(?:лекарство|раствор) не (?:вышло|выходит)", r"подтекает", r"с трещиной", r"не (?:крутится|поворачивается)",
        r"(?:syringe|pen|cartridge)\b.{0,30}\b(?:crack(?:ed)?|dripping)",
        r"(?:counter|dial|dose window|number) (?:doesn'?t|didn'?t|won'?t|does not|did not) (?:move|change|turn|budge|go down)",
    ),
    "appearance": (
        r"(?:pink|yellow|brown|grey|gray|orange|blue|green|white|purple)(?:ish)? instead of (?:the usual )?(?:white|clear|colou?rless|blue|yellow|pink)",
        r"smells? (?:kind of |kinda |a bit |really |very |so |like )?(?:vinegary|chemical|sour|rotten|musty|fishy|plastic)",
        r"(?:huele|sabe) a (?:vinagre|químico|podrido)", r"(?:sent|a un goût de) (?:le )?(?:vinaigre|chimique|pourri)",
        r"riecht nach (?:Essig|Chemie|faul)", r"(?:cheira|tem cheiro de) (?:a )?(?:vinagre|químico|podre)",
        r"(?:puzza|sa) di (?:aceto|chimico|marcio)", r"пахн\w* (?:уксусом|химией|гнилью)",
        r"(?:liquid|solution|medicine)\b.{0,30}\b(?:cloudy|yellowish|brownish|murky|discolou?red)",
        r"(?:cap|label|font|logo|box) (?:is |looks |was )?(?:a |in a )?(?:different|wrong|weird) (?:colou?r|blue|shade|size|font)",
        r"(?:label|font|logo) (?:looks|is) off",
        r"(?:Flüssigkeit|Lösung)\b.{0,30}\b(?:bräunlich|gelblich|milchig|trüb)",
        r"(?:liquide|solution)\b.{0,30}\b(?:trouble|jaunâtre|brunâtre)",
        r"(?:líquido|solução|remédio)\b.{0,30}\b(?:turv[oa]|amarelad[oa]|escur[oa])",
        r"(?:liquido|soluzione)\b.{0,30}\b(?:torbid[oa]|giallastr[oa]|scur[oa])",
        r"(?:раствор|жидкость|лекарство)\b.{0,30}\b(?:мутн\w*|желт\w*|жёлт\w*|бур\w*|коричнев\w*)",
        r"колпач\w* другого цвета", r"другого цвета",
    ),
    "counterfeit": (
        r"no (?:lot|batch) (?:number|no\.?|#)", r"without (?:a |any )?(?:lot|batch) (?:number|no\.?|#)",
        r"sin (?:número de )?lote", r"sans (?:numéro de )?lot", r"ohne Chargen(?:nummer|bezeichnung)", r"sem (?:número de )?lote",
        r"senza (?:numero di )?lotto", r"без (?:номера )?(?:партии|серии)",
        r"подделк\w*", r"поддельн\w*", r"contraffatt[oa]", r"falsificat[oa]", r"(?:é|será|seria|parece) falsificad[oa]",
    ),
}
COMPLAINT_MORE_CJK: dict[str, tuple[str, ...]] = {
    "packaging": (r"(?:添付文書|説明書)が?(?:入っていな|ない|なかった)", r"箱が開いて", r"本足りな", r"盒子是开着", r"少了一支", r"使用期限.{0,10}(?:読めな|消え)", r"誤字",
                  r"没有说明书", r"说明书.{0,4}(?:没有|缺)", r"错别字", r"有效期.{0,6}(?:看不清|模糊)"),
    "device_malfunction": (r"(?:目盛り?|ダイヤル|表示|カウンター)が?(?:元に)?戻らな", r"勝手に(?:作動|発射|注入)", r"薬が?出てこな",
                           r"药.{0,2}没(?:有)?(?:出来|打出来|推出来)", r"没出药", r"(?:刻度|剂量显示).{0,4}(?:回不去|没回|不回)", r"自己(?:触发|弹出)",
                           r"回らな", r"押せな", r"注入できな", r"薬が出な", r"割れて", r"ひびが", r"按不下去", r"转不动",
                           r"没打进去", r"打不进去", r"漏液", r"裂了"),
    "appearance": (r"(?:液|薬液)が濁", r"濁って", r"色.{0,6}(?:違う|おかしい)", r"药水.{0,6}(?:浑浊|发黄|变色)", r"颜色.{0,6}不一样", r"颜色.{0,4}(?:变了|不对)"),
    "counterfeit": (r"偽物", r"偽造", r"ニセモノ", r"假货", r"假药"),
    "temperature_excursion": (r"(?:シリンジ|ペン|注射器|薬|針|製剤)が凍", r"凍った状態で届", r"凍っていました", r"車(?:の中)?に(?:置き|放置|置いた)",
                              r"保冷剤.{0,4}溶け", r"(?:温かく|ぬるく)なって", r"冰袋.{0,3}(?:化了|融化|都化)", r"(?:针剂|药|注射笔|针|药水).{0,3}是(?:温|热)的",
                              r"(?:冻住了|结冰了|冻上了)", r"(?:放在|忘在|留在)车(?:里|上)", r"(?:晒|放)在太阳(?:下|底下)",
                              r"保冷剤が(?:ない|なかった|溶け)", r"(?:温かい|ぬるい)状態で届", r"没有冰袋", r"到的时候是热的", r"冰袋(?:化了|都化了)"),
}

# Round 9 (blind10's missed complaints, as concepts in nine languages): tablets of another colour or smell, a pen that
# jammed mid-dose, a cracked dose window, a package left in the sun, a leaflet in another language, a box with no
# anti-counterfeit code or crooked print.
_ROUND9: dict[str, tuple[str, ...]] = {
    "appearance": (
        r"(?:tablets?|pills?|capsules?)\b[^.!?\n]{0,40}\b(?:yellowish|brownish|greyish|grayish|pinkish|spotted|speckled)",
        r"(?:pastillas|comprimidos|cápsulas)\b[^.!?\n]{0,40}\b(?:amarillent[oa]s|marronáce[oa]s|manchad[oa]s)", r"olor (?:raro|extraño) (?:las|los) (?:pastillas|comprimidos)",
        r"(?:comprimés|gélules|cachets)\b[^.!?\n]{0,40}\b(?:jaunâtres|brunâtres|tachés)",
        r"Tabletten\b[^.!?\n]{0,40}\b(?:gelblich|bräunlich|fleckig|verfärbt)\w*",
        r"(?:comprimidos|cápsulas)\b[^.!?\n]{0,40}\b(?:amarelad[oa]s|manchad[oa]s|escurecid[oa]s)", r"cheiro estranho",
        r"(?:compresse|pastiglie|capsule)\b[^.!?\n]{0,40}\b(?:giallastr[ei]|marroncin[ei]|macchiat[ei])", r"(?:un |uno )?odore strano",
        r"таблетки\b[^.!?\n]{0,40}\b(?:желтоват|коричневат|пятн)\w*", r"странн\w* запах\w*",
    ),
    "device_malfunction": (
        r"(?:Pen|Spritze)\b[^.!?\n]{0,30}\b(?:geklemmt|gehakt|hängen geblieben)", r"nur (?:die )?halbe Dosis kam (?:raus|heraus)",
        r"only (?:half|part) (?:of )?(?:the|a|my) dose came out", r"(?:pen|plunger) (?:got )?stuck (?:halfway|mid-?dose|midway)",
        r"solo salió (?:la )?mitad de la dosis", r"seule la moitié de la dose", r"(?:só|so) saiu metade da dose", r"è uscita solo metà (?:della )?dose",
        r"вышла только половина дозы",
        r"(?:visor|mostrador) (?:veio )?rachad[oa]", r"(?:visor|pantalla|ventanilla) (?:vino )?(?:rot[oa]|agrietad[oa]|rajad[oa])", r"(?:Sichtfenster|Anzeige) (?:war |ist )?(?:gesprungen|gerissen)",
        r"(?:fenêtre|écran|affichage) (?:est |était )?fissuré", r"(?:finestrella|display) (?:era |è )?(?:crepat[oa]|rott[oa])", r"(?:окошко|дисплей) (?:был\w* )?(?:треснут\w*|разбит\w*)",
        r"(?:dose )?(?:window|display) (?:was |is |came )?cracked",
    ),
    "temperature_excursion": (
        r"(?:paquete|caja|medicamento|pedido) (?:vino|llegó) (?:caliente|calentito|tibio)", r"(?:lo|la|los|las) dejó al sol",
        r"(?:left|leaving) (?:it|them|the (?:box|package|parcel)) (?:out )?in the sun", r"(?:a laissé|il a laissé) le colis au soleil",
        r"(?:hat|hatte) (?:das Paket|es) in der Sonne (?:stehen|liegen) (?:gelassen|lassen)", r"deixou (?:o pacote|a caixa|a encomenda)? ?(?:no|ao) sol",
        r"(?:ha|aveva) lasciato (?:il pacco|la scatola)? ?al sole", r"оставил\w* (?:посылку|коробку) на солнце",
    ),
    "packaging": (
        r"(?:leaflet|insert|instructions)\b[^.!?\n]{0,30}\bonly in (?:polish|german|french|spanish|italian|russian|chinese|japanese|another language|a foreign language)",
        r"prospecto\b[^.!?\n]{0,30}\bsolo en (?:polaco|alemán|otro idioma|francés)", r"notice\b[^.!?\n]{0,30}\buniquement en (?:polonais|allemand|anglais|une autre langue)",
        r"Beipackzettel\b[^.!?\n]{0,30}\bnur (?:auf )?(?:Polnisch|Englisch|Französisch)", r"bula\b[^.!?\n]{0,30}\bs[óo] em (?:polonês|inglês|outra língua)",
        r"foglietto\b[^.!?\n]{0,30}\bsolo in (?:polacco|tedesco|inglese)", r"инструкция\b[^.!?\n]{0,30}\bтолько на (?:польском|английском|немецком)",
    ),
}
_ROUND9_CJK: dict[str, tuple[str, ...]] = {
    "counterfeit": (r"(?:没有|没)防伪(?:码|标)", r"印得歪歪扭扭", r"字.{0,4}(?:歪歪扭扭|模糊不清)", r"是假的吗", r"偽物(?:ですか|かも)", r"シリアル(?:番号)?がない"),
    "appearance": (r"(?:药片|片剂).{0,8}(?:发黄|变黄|变色|有怪味|味道怪)", r"錠剤.{0,8}(?:黄色っぽ|変色|変な(?:におい|臭い))"),
    "device_malfunction": (r"(?:窗口|显示窗).{0,4}(?:裂|碎)", r"表示窓.{0,4}(?:割れ|ひび)", r"半分しか出", r"只打出一半"),
}
for _kind, _cues in _ROUND9.items():
    COMPLAINT_MORE[_kind] = COMPLAINT_MORE.get(_kind, ()) + _cues
for _kind, _cues in _ROUND9_CJK.items():
    COMPLAINT_MORE_CJK[_kind] = COMPLAINT_MORE_CJK.get(_kind, ()) + _cues

# Round 10 (dev13, from the patterns of every set's missed complaints): a pen that does not fire when its button is
# pressed, a box that came opened with a syringe missing, tablets that smell of a chemical, a delivery without its cold
# pack, a pen called defective, in nine languages.
_ROUND10: dict[str, tuple[str, ...]] = {
    "device_malfunction": (
        r"(?:pressed|press|pushed|push|clicked) (?:the |on the )?(?:button|plunger)\b[^.!?\n]{0,60}\b(?:nothing (?:happened|happens)|no click|didn'?t (?:click|fire|work))",
        r"(?:pen|injector|autoinjector) (?:won'?t|wouldn'?t|didn'?t|doesn'?t|did not|does not) (?:fire|click|trigger|release)",
        r"dose (?:window )?(?:still|stayed) (?:full|at)", r"defective (?:pen|syringe|injector)",
        r"(?:aprieto|apreté|presiono|presioné|pulso|pulsé) (?:el )?botón\b[^.!?\n]{0,40}\bno (?:pasa|pasó) nada", r"no suelta la dosis",
        r"(?:pluma|jeringa) (?:defectuosa|no se dispara|no dispara)",
        r"ne se déclenche (?:pas|plus)", r"j'appuie\b[^.!?\n]{0,30}\brien ne se passe", r"stylo défectueux",
        r"löst nicht aus", r"Knopf gedrückt\b[^.!?\n]{0,30}\b(?:nichts|nix) passiert", r"defekte[nmrs]? (?:Pens?|Spritzen?)",
        r"apertei o botão\b[^.!?\n]{0,40}\bnada aconteceu", r"a dose não saiu", r"caneta (?:com defeito|defeituosa|não disparou)",
        r"premo il pulsante\b[^.!?\n]{0,40}\bnon succede (?:niente|nulla)", r"la dose resta piena", r"penna difettosa",
        r"не срабатывает", r"нажимаю (?:на )?кнопку\b[^.!?\n]{0,10}\bничего", r"(?:бракованн|неисправн)\w* (?:ручк|шприц)\w*",
    ),
    "packaging": (
        r"(?:box|pack|package|carton)\b[^.!?\n]{0,40}\b(?:seal (?:was )?(?:already )?broken|already open(?:ed)?|came open(?:ed)?)",
        r"(?:one|a) (?:syringe|pen|blister|tablet strip) (?:was )?missing", r"missing (?:one|a) (?:syringe|pen|blister)",
        r"(?:caja|paquete|envase) (?:llegó|vino) abiert[oa]", r"faltaba (?:una|un) (?:jeringa|pluma|blíster)",
        r"(?:boîte|emballage) (?:est )?arrivée? ouverte?", r"il manquait (?:une|un) (?:seringue|stylo|blister)",
        r"(?:Packung|Schachtel) war (?:schon |bereits )?geöffnet", r"(?:eine|ein) (?:Spritze|Pen|Blister) fehlte",
        r"(?:caixa|embalagem) chegou abert[ao]", r"faltava (?:uma|um) (?:seringa|caneta|blister)",
        r"(?:confezione|scatola) (?:è )?arrivata apert[ao]", r"mancava (?:una|un) (?:siringa|penna|blister)",
        r"(?:упаковка|коробка) (?:пришла|была) вскрыт\w*", r"(?:одного|одной) (?:шприца|ручки) не хватает",
    ),
    "appearance": (
        r"(?:bottle|tablets?|pills?|pen|box)\b[^.!?\n]{0,30}\bsmells? (?:like|of) (?:vinegar|nail polish|chemicals?|solvent|acetone|plastic|bleach)",
        r"(?:таблетки|ручка|упаковка)\b[^.!?\n]{0,30}\bпахн\w*",
    ),
    "temperature_excursion": (
        r"without (?:an? |the |any )?(?:ice|cold) ?pack", r"senza (?:la )?borsa (?:frigo|termica)", r"ohne Kühl(?:akku|pack|tasche)",
        r"sem (?:a )?(?:bolsa térmica|gelo|gelox)",
    ),
}
_ROUND10_CJK: dict[str, tuple[str, ...]] = {
    "device_malfunction": (r"按了.{0,8}(?:按钮|按键).{0,8}(?:什么都没发生|没反应|没有反应)", r"药打不出来", r"ボタンを押しても.{0,6}何も起きな"),
    "packaging": (r"被拆开", r"(?:箱|パッケージ)が最初から開いて"),
    "appearance": (r"錠剤.{0,12}(?:におい|臭い|匂い)がする", r"(?:药片|片剂).{0,10}(?:味道|气味|怪味)"),
}
for _kind, _cues in _ROUND10.items():
    COMPLAINT_MORE[_kind] = COMPLAINT_MORE.get(_kind, ()) + _cues
for _kind, _cues in _ROUND10_CJK.items():
    COMPLAINT_MORE_CJK[_kind] = COMPLAINT_MORE_CJK.get(_kind, ()) + _cues

# Round 11 (blind12's missed complaints, as concepts in nine languages): a dose not fully delivered, a pen pressed with
# no response, a dial stopped halfway, a dose window or counter that did not change, a crack in the glass or a cracked
# needle cover, needles that feel blunt, white or floating particles, a label that says another strength or is written
# wrong, an expiry date too blurry to read, a pen or syringe that froze.
_ROUND11: dict[str, tuple[str, ...]] = {
    "device_malfunction": (
        r"(?:didn'?t|did not|never|wouldn'?t) (?:fully |completely )?(?:deliver|push|inject|give|release|empty)(?:ed)? (?:the |my )?(?:whole |full |entire )?dose",
        r"(?:pressed|pushed|clicked)\b[^.!?\n]{0,30}\b(?:no response|nothing happened|no reaction)",
        r"(?:dial|knob|dose selector)\b[^.!?\n]{0,15}\b(?:stopped|stuck|got stuck|jammed|froze) (?:halfway|midway|partway|in the middle)",
        r"(?:dose (?:counter|window|display|indicator)|(?:pen|injector)(?:'s)? (?:counter|window|dial|display))\b[^.!?\n]{0,25}\b(?:didn'?t|did not|never|doesn'?t|does not) (?:move|change|turn \w+)",
        r"(?:pen|injector)\b[^.!?\n]{0,30}\b(?:window|counter)\b[^.!?\n]{0,10}\b(?:never|didn'?t|did not) (?:turned|turn|changed|change|moved|move)",
        r"(?:needle cover|needle cap|pen cap|cartridge|syringe barrel|syringe)\b[^.!?\n]{0,10}\b(?:was|were|is|came) (?:already )?(?:cracked|split|chipped)",
        r"(?:a )?crack (?:in|on) (?:the )?(?:cartridge|barrel|syringe|pen|needle cover)",
        r"no (?:inyectó|soltó|salió) (?:toda )?la dosis(?: completa| entera)?", r"(?:el )?(?:dial|selector) se (?:paró|trabó|atascó) (?:a la |en la |a )?mitad",
        r"(?:tapa|capuchón|cartucho|vidrio|cristal) (?:estaba |venía |vino )?(?:agrietad[oa]|rajad[oa])",
        r"n'a pas (?:injecté|délivré|libéré) (?:toute )?la dose", r"(?:la )?molette (?:s'est )?(?:bloquée|arrêtée) (?:à|au) (?:mi-chemin|milieu)",
        r"(?:capuchon|cartouche|verre) (?:était |est )?(?:fissuré|fêlé)e?",
        r"nicht die ganze Dosis", r"(?:Dosierrad|Drehknopf)\b[^.!?\n]{0,20}\b(?:blieb|ist|war) (?:auf halbem Weg |in der Mitte )?(?:hängen|stecken|stehen)",
        r"(?:einen )?Riss (?:im|in der|am) (?:Glas|Kartusche|Spritze|Pen|Gehäuse)", r"(?:Kappe|Kartusche|Glas) (?:war |ist )?(?:gerissen|gesprungen|angeknackst)",
        r"não (?:injetou|soltou|liberou) a dose (?:toda|inteira|completa)", r"(?:o )?seletor (?:travou|parou) (?:no meio|na metade)",
        r"(?:tampa|cartucho|vidro) (?:estava |veio )?(?:trincad[oa]|rachad[oa])",
        r"non ha (?:iniettato|rilasciato) tutta la dose", r"(?:la )?ghiera (?:si è )?(?:bloccata|fermata) (?:a metà|in mezzo)",
        r"(?:cappuccio|cartuccia|vetro) (?:era |è )?(?:crepat[oa]|incrinat[oa])",
        r"не до конца (?:выдавил\w*|ввел\w*|ввёл\w*|вколол\w*|сработал\w*)", r"(?:ввел\w*|ввёл\w*|выдавил\w*) не всю дозу",
        r"(?:дозатор|колесико|колёсико|селектор)\b[^.!?\n]{0,15}\b(?:застрял|застряло|заело|останов\w*)", r"трещин\w* (?:на|в) (?:стекле|картридже|шприце|ручке|колпачке)",
    ),
    "appearance": (
        r"(?:needles?)\b[^.!?\n]{0,20}\b(?:feel|felt|are|were|seem|seemed) (?:so |really |very |kinda )?(?:blunt|dull)(?:\s+af)?(?=\s*(?:[.,;!?)]|$|and\b|now\b|lately\b))", r"blunt needles?",
        r"(?:white |floating )?(?:particles|specks|flakes|bits|clumps) (?:floating )?(?:in|inside) (?:the )?(?:syringe|pen|vial|solution|liquid|cartridge)",
        r"(?:batch|box|lot) of (?:pens|syringes|vials|tablets)\b[^.!?\n]{0,10}\b(?:is |are |looks? |were )?(?:yellowish|brownish|cloudy|discolou?red|pinkish)",
        r"agujas (?:están |vienen |estaban )?(?:desafiladas|romas|sin filo)", r"partículas (?:blancas )?(?:flotando|en la jeringa|en el líquido)",
        r"aiguilles (?:sont |étaient )?(?:émoussées|pas piquantes)", r"particules (?:blanches )?(?:qui flottent|dans la seringue|dans le liquide)",
        r"Nadeln (?:sind |waren )?(?:\w+ )?stumpf", r"(?:weiße )?(?:Partikel|Flocken|Schwebeteilchen) (?:in der Spritze|im Pen|in der Lösung)",
        r"agulhas (?:estão |vieram )?(?:cegas|rombas|sem ponta)", r"partículas (?:brancas )?(?:boiando|na seringa|no líquido)",
        r"aghi (?:sono |erano )?(?:spuntati|smussati)", r"particelle (?:bianche )?(?:che galleggiano|nella siringa|nel liquido)", r"scritte sbagliate",
        r"(?:тупые иглы|иглы\b[^.!?\n]{0,15}\bтупые)", r"(?:хлопья|частицы|осадок) (?:в шприце|в растворе|в ручке)",
    ),
    "packaging": (
        r"(?:different|wrong|another) (?:strength|dose|dosage|name|medicine)\b[^.!?\n]{0,15}\b(?:printed |written )?on the (?:label|box|carton)",
        r"(?:label|box|carton)\b[^.!?\n]{0,20}\b(?:says|shows|has) (?:a )?(?:different|another|the wrong) (?:strength|dose|dosage)",
        r"(?:expiry|expiration|exp)?\s?date\b[^.!?\n]{0,25}\b(?:blurry|blurred|smudged|unreadable)",
        r"fecha\b[^.!?\n]{0,30}\b(?:borrosa|borrada|ilegible|no se le[ií]a|ni se le[ií]a)",
        r"(?:etiqueta|caja) (?:dice|pone|trae) (?:otra|una) (?:dosis|concentración) (?:distinta|diferente)",
        r"(?:mauvais|autre) dosage (?:sur|indiqué sur) (?:l'étiquette|la boîte)", r"falsche (?:Stärke|Dosierung|Aufschrift) auf (?:der Packung|dem Etikett|der Schachtel)",
        r"rótulo (?:errado|com outra dosagem)", r"(?:etichetta|scatola) (?:con|riporta) (?:un(?:')?altra|il) (?:dosaggio|dose) (?:sbagliat[oa]|divers[oa])",
        r"(?:другая|неправильная) (?:дозировка|надпись) на (?:упаковке|этикетке|коробке)",
    ),
    "temperature_excursion": (
        r"(?:caneta|seringa)\w* (?:do \w+ )?(?:congelou|congelaram)", r"(?:penna|siringa) (?:era|è|si è) congelat[ao]",
        r"(?:pen|syringe)s? (?:froze|got frozen|was frozen)", r"(?:pluma|jeringa) (?:se )?congeló", r"(?:stylo|seringue) (?:a )?gelé",
        r"(?:Pen|Spritze) (?:ist |war )?eingefroren", r"(?:ручка|шприц) замерз\w*",
    ),
    "counterfeit": (
        r"(?:secondo me|credo che|penso che) (?:sia|è) fals[oa]", r"(?:acho que|parece) (?:é |ser )?falsificad[oa]", r"(?:creo que|parece) (?:es )?falso",
    ),
}
_ROUND11_CJK: dict[str, tuple[str, ...]] = {
    "device_malfunction": (r"按(?:下去|了)?没(?:有)?反应", r"押しても反応(?:しない|がない|なし)", r"ダイヤルが途中で(?:止ま|動かな)", r"旋钮.{0,4}(?:卡住|卡在一半)",
                           r"(?:没有|没)(?:完全|全部)?(?:注射|推)完", r"最後まで(?:押せ|入ら|出な)", r"表示窓.{0,8}(?:変わらな|色が変わらな)"),
    "appearance": (r"白い浮遊物", r"浮遊物", r"異物が", r"(?:白色)?(?:絮状物|漂浮物|异物|沉淀物)", r"针头.{0,4}(?:钝|不锋利)", r"針が.{0,4}(?:鈍い|刺さりにくい)"),
    "packaging": (r"ラベル.{0,8}(?:違う|間違)", r"标签.{0,8}(?:不一样|写错|印错)"),
    "temperature_excursion": (r"(?:笔|注射器).{0,6}(?:冻住|结冰)", r"(?:ペン|シリンジ).{0,6}凍って"),
}
for _kind, _cues in _ROUND11.items():
    COMPLAINT_MORE[_kind] = COMPLAINT_MORE.get(_kind, ()) + _cues
for _kind, _cues in _ROUND11_CJK.items():
    COMPLAINT_MORE_CJK[_kind] = COMPLAINT_MORE_CJK.get(_kind, ()) + _cues
