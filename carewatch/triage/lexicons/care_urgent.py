# ruff: noqa: E501, RUF001  (cue lists in nine languages: Cyrillic letters, long alternations)
"""Urgent cues (EN/ES/FR/DE): self-harm or suicidal ideation, a medical emergency in progress, threats of
violence against people or the company. Regular-expression fragments without capturing groups."""

from __future__ import annotations

SELF_HARM = (
    r"kill(?:ing)? myself", r"end(?:ing)? my (?:own )?life", r"end it all",
    r"(?:want|going|ready) to end it(?=\s*(?:[.!,]|$|now|tonight|today|all))",
    r"take my (?:own )?life", r"(?:i (?:just |really )?(?:want|wanna)|i'm going|i am going|im going) to die",
    r"wish i (?:was|were) dead", r"better off dead",
    r"(?:don't|do not) want to (?:live|be alive|be here|wake up)(?: anymore)?", r"no reason to (?:live|go on)",
    r"(?:i'm|i am|im|feeling|feel|been|getting|so|pretty|very|really) suicidal",
    r"(?:i'm having|i am having|i have|i've been having|i keep having|having|giving me|gave me|making me have|"
    r"causing me)"
    r" (?:\w+ )?suicidal (?:thoughts|ideation|feelings|urges)",
    r"thinking (?:about|of) (?:suicide|killing myself|ending (?:it|my life|everything))",
    r"(?:i'll|i will|i'm going to|gonna|want to|going to) commit suicide", r"my suicide (?:note|plan)",
    r"(?:i'm|i am) not worth saving", r"hurt(?:ing)? myself", r"harm(?:ing)? myself", r"self[- ]harm\w*",
    r"cut(?:ting)? myself",
    r"overdose on purpose", r"(?:inject|take|swallow) (?:all|every(?: single)? one) of (?:them|my \w+|the \w+)",
    r"(?:inject|take|swallow) all (?:my|the|of my) (?:pills|pens|meds|insulin|shots)",
    r"take all (?:my|the|of my) (?:pills|pens|meds|insulin)", r"can't go on(?: like this)?",
    r"not worth living", r"end(?:ing)? everything",
    r"(?:don't|do not|can't) see the point (?:anymore|any more|in living|of living)",
    r"no point (?:in )?living",
    r"no quiero vivir(?: más)?", r"quiero morir(?:me)?", r"me quiero morir", r"quitarme la vida", r"suicidarme",
    r"tengo pensamientos suicidas", r"pienso en (?:suicidarme|matarme|quitarme la vida)",
    r"hacerme daño", r"acabar con (?:todo|mi vida)", r"no aguanto más(?: vivir)?", r"mejor muert[oa]",
    r"je veux mourir", r"envie de mourir", r"me suicider", r"en finir(?: avec la vie)?",
    r"(?:j'ai|jai) des (?:idées|pensées) suicidaires", r"je pense au suicide",
    r"mettre fin à mes jours", r"me faire du mal", r"me tuer", r"plus envie de vivre",
    r"ich will nicht mehr leben", r"ich will sterben", r"mich umbringen",
    r"(?:habe|hab) (?:\w+ )?(?:Selbstmord|Suizid)gedanken", r"(?:Selbstmord|Suizid) begehen",
    r"denke an (?:Selbstmord|Suizid)",
    r"mir das Leben nehmen", r"mir (?:etwas|was) antun", r"nicht mehr leben", r"lebensmüde",
)
# Self-harm words used about something else, or asked about as a side effect.
SELF_HARM_NOT = (
    r"suicide squad", r"suicide prevention", r"(?:cause|causes|caused|risk of|linked to|warning about|label says)\s+"
    r"(?:\w+\s+){0,2}suicid\w*", r"suicid\w* (?:risk|warning|side effects?|as a side effect)",
    r"(?:kill|killing) myself laughing", r"(?:this|the) (?:wait|price|queue|line|hold music) is killing me",
    # Round 8: a thing that "will kill me" (forms, paperwork, a price) is a figure of speech in every language.
    r"(?:is|are|'s|'re) (?:gonna|going to) kill me", r"(?:ça|ils|elles?|ce truc) (?:va|vont) me tuer", r"me (?:va|van) a matar",
    r"(?:bringt|bringen) mich (?:noch )?um", r"(?:vai|vão) me matar", r"mi (?:ucciderà|uccideranno|ammazza)", r"(?:меня )?(?:добь|убь)[её]т",
    # Round 9: "itchy / tired / bored to death" in Chinese and Japanese is a figure of speech.
    r"痒死", r"累死", r"烦死", r"笑死", r"困死", r"热死", r"冷死", r"饿死", r"闷死", r"かゆくて死にそう", r"痒くて死にそう", r"死ぬほど(?:かゆ|痒|眠|暇)",
)
# Emergency words used about something else.
EMERGENCIES_NOT = (r"breathe (?:through|out of|with) (?:my|your|his|her|the) nose",
                   # Round 11: a pen or a button that gives "no response" when pressed is no unresponsive person.
                   r"按(?:下去|了|钮|键|下)?.{0,4}没(?:有)?反应", r"押しても.{0,4}反応(?:しない|がない|なし)",
                   r"(?:pressed|pushed|clicked)\b[^.!?\n]{0,30}\bno response",
                   # Round 9: a pounding or throbbing headache (back again) is no heart pounding.
                   r"(?:pounding|throbbing) head(?:aches?)?", r"(?:klopfende|pochende|hämmernde) Kopfschmerzen", r"dolor(?:es)? de cabeza (?:punzantes?|pulsátil(?:es)?)",
                   r"maux de tête (?:lancinants|qui cognent)", r"dor(?:es)? de cabeça latejante", r"mal di testa (?:pulsante|martellante)", r"пульсирующ\w* голов\w* бол\w*",
r"can't breathe (?:in|with) (?:this|that|the) "
                   r"(?:mask|heat|smoke)",)
EMERGENCIES = (
    r"can'?t breathe", r"cannot breathe", r"can not breathe", r"(?:isn't|is not|isnt|aren't|stopped) breathing",
    r"(?:just )?collapsed", r"turning blue", r"(?:won't|doesn't|isn't|not) respond(?:ing)?", r"labios morados",
    r"(?:911|999|112) (?:is )?on the (?:phone|line)", r"(?:is|are|he's|she's|they're)? ?not breathing",
    r"(?:struggling|hard|trouble) to breathe (?:right )?now",
    r"(?:throat|tongue|lips?) (?:is |are )?(?:closing|swelling up)(?: up)?",
    r"(?:is|he's|she's|they're|he is|she is) unconscious", r"(?:is|he's|she's|he is|she is) unresponsive",
    r"passed out and (?:won't|isn't|can't|cannot) (?:wake|respond)\w*",
    r"(?:he|she|they|he's|she's|my \w+|baby|the baby) (?:won't|will not|isn't|doesn't|can't) wake(?: up)?",
    r"can't wake (?:him|her|them)(?: up)?",
    r"having a (?:seizure|heart attack|stroke|fit)", r"(?:is|he's|she's) seizing",
    r"(?:is|he's|she's) (?:having )?convulsing",
    r"chest (?:pain|pains|is tight|tightness) (?:right )?now", r"crushing chest pain",
    r"(?:call(?:ing|ed)?|dial(?:ing|ed)?) (?:911|999|112|an ambulance)", r"ambulance is (?:coming|on (?:its|the) way)",
    r"(?:going|heading|on (?:my|our) way) to the (?:er|emergency room|a&e) (?:right )?now",
    r"(?:i\'m|i am|he\'s|she\'s|is|am|having|going into) (?:in )?anaphyla\w+",
    r"blood sugar is (?:\d{2}|below \d+|dropping fast)", r"sugar is 3\d\b",
    r"overdos(?:ed|ing) (?:right )?now",
    r"took (?:too many|a whole bottle|all (?:my|the|his|her) (?:pills|pens))",
    r"no (?:puedo|puede) respirar", r"no respira", r"(?:está|esta) inconsciente", r"no responde",
    r"(?:está|esta) convulsionando",
    r"dolor (?:en el|de) pecho (?:ahora|ahorita)", r"(?:llamando|llamé|llamamos) (?:al|a) (?:911|112|una ambulancia)",
    r"le está dando un (?:infarto|ataque)", r"me está dando un (?:infarto|ataque)",
    r"je (?:ne peux|n'arrive) pas à respirer", r"je n'arrive plus à respirer", r"(?:il|elle) ne respire plus",
    r"(?:est|sont) inconsciente?s?", r"(?:il|elle) ne répond plus",
    r"(?:fait|fais) une crise (?:d'épilepsie|convulsive|cardiaque)",
    r"(?:il|elle) convulse", r"douleur (?:dans la|à la) poitrine (?:maintenant|là)",
    r"(?:appelé|appelle|appeler) le (?:15|112|samu)",
    r"ich (?:kann nicht|bekomme keine luft|kriege keine luft)(?: atmen)?", r"keine Luft mehr",
    r"(?:ist|liegt) bewusstlos",
    r"atmet nicht(?: mehr)?", r"reagiert nicht(?: mehr)?",
    r"(?:hat|habe) (?:gerade )?einen (?:Krampfanfall|Herzinfarkt|Schlaganfall)",
    r"krampft", r"Brustschmerzen (?:gerade|jetzt)", r"(?:Notarzt|Krankenwagen|112) (?:ist unterwegs|gerufen|rufen)",
)
# Right now: makes a present-tense emergency cue stronger; a past-tense frame ("last year") weakens it.
NOW = (r"right now", r"now", r"currently", r"at the moment", r"tonight", r"ahora", r"ahorita", r"en este momento",
       r"maintenant", r"en ce moment", r"là", r"jetzt", r"gerade", r"sofort", r"help", r"ayuda", r"aidez", r"hilfe")
PAST = (r"last (?:year|month|week|time)", r"years? ago", r"months? ago", r"weeks? ago", r"used to", r"once had",
        r"el año pasado", r"hace (?:años|meses|semanas)", r"l'année dernière", r"il y a (?:des années|\d+ ans)",
        r"letztes Jahr", r"vor (?:Jahren|Monaten|Wochen)",
        # Fifth round: a stay that is over ("spent 3 days in the ICU", "Lag 3 Tage auf der Intensiv").
        r"spent \d+ (?:days|nights|weeks)", r"lag \d+ (?:Tage|Wochen|Nächte)", r"war \d+ Tage", r"estuve \d+ días",
        r"j'ai passé \d+ jours", r"fiquei \d+ dias", r"sono stat[oa] \d+ giorni",
        # Round 11: the Russian stay ended in a case ending ("лежала 3 дня"), and a stay in days in Japanese and Chinese.
        r"лежал[аи]? \d+ (?:дн\w*|недел\w*)", r"入院して\d+日", r"\d+日(?:間)?入院", r"住(?:了|院)\d+天")

THREATS = (
    r"(?:i'm|i am|im|i'll|i will|gonna|going to) (?:kill|shoot|stab|hurt|beat|murder|strangle) "
    r"(?:you|u|y'all|them|him|her|everyone|somebody|someone|"
    r"your (?:staff|people|ceo|employees|reps?|pharmacists?)|the (?:pharmacist|ceo|staff|doctor|nurse))",
    r"(?:bomb|blow up|burn down|shoot up|torch) (?:your|the) "
    r"(?:office|building|headquarters|hq|hospital|pharmacy|clinic|plant)",
    r"(?:i know|we know) where (?:you|your \w+) (?:live|lives|work)", r"watch your back",
    r"you(?:'ll| will) (?:pay|regret) .{0,20}(?:blood|with your life)",
    r"(?:bring(?:ing)?|come back with|coming (?:back )?with|show(?:ing)? up with) (?:a|my) (?:gun|rifle|knife|weapon)",
    r"you(?:'re| are) all dead",
    r"te voy a matar", r"los voy a matar",
    r"(?:voy a|vamos a) (?:quemar|volar) (?:su|la|tu) (?:oficina|farmacia|clínica|empresa)",
    r"sé dónde vives", r"van a pagar con sangre",
    r"je vais (?:vous|te|les) (?:tuer|buter|descendre)", r"je vais (?:tout )?faire sauter",
    r"je sais où (?:tu habites|vous habitez)",
    r"ich (?:bring|bringe) (?:euch|dich|sie) um", r"ich werde (?:euch|dich|sie) (?:umbringen|töten|abstechen)",
    r"(?:jag|jage|sprenge) (?:euer|das) (?:Büro|Gebäude|Werk) in die Luft", r"ich weiß,? wo (?:du wohnst|ihr wohnt)",
)
THREATS_NOT = (r"kill (?:it|them) with kindness", r"killing it", r"kill for (?:a|an|some)",
r"blow up (?:your|the) (?:inbox|phone|dms?)",
               r"shoot (?:me|you|us) an? (?:email|message|dm)")

# --- Indirect ideation, emergencies in progress and threats the lists above miss; Portuguese, Italian,
# Russian (word-bounded like the rest) and Japanese/Chinese (``*_CJK``: matched without word boundaries).
SELF_HARM_MORE = (
    r"better off without me", r"mejor sin mí", r"mejor sin mi", r"mieux sans moi", r"besser dran ohne mich",
    r"besser ohne mich", r"melhor sem mim", r"meglio senza di me", r"лучше без меня",
    r"(?:i'm|i am|im) (?:just )?a burden(?: to (?:everyone|my family))?", r"(?:want|wanna) to disappear(?: forever)?",
    r"(?:don't|do not|dont) want to (?:be here|exist|live) anymore", r"(?:i'm|i am|im) done with (?:life|living)",
    r"won't be (?:here|around) (?:much longer|tomorrow|for long)", r"(?:this|tonight) is (?:my )?goodbye",
    r"(?:i )?(?:don't|do not|dont) want to wake up(?: tomorrow)?", r"(?:i )?(?:wish|hope) i (?:don't|never) wake up",
    r"(?:inject|take|use) (?:all|every one) of (?:them|the pens|my pens) (?:tonight|now|at once)",
    r"going to (?:inject|take|swallow) all (?:of )?(?:them|the \w+|my \w+)",
    r"(?:todos|todo el mundo) (?:estarían|estarian|estaría|estaria) mejor sin mí", r"ya no puedo más",
    r"quiero desaparecer", r"no quiero despertar", r"soy una carga",
    r"(?:tout le monde|ils) (?:serait|seraient|serai) mieux sans moi", r"je veux disparaître", r"je suis un fardeau",
    r"je ne veux plus me réveiller", r"je n'en peux plus de vivre",
    r"(?:alle|jeder) (?:wären|wäre|waeren) besser dran ohne mich", r"ich will (?:nicht mehr )?(?:aufwachen|verschwinden)",
    r"ich bin (?:nur )?eine Last", r"ich kann nicht mehr",
    r"(?:não|nao) (?:aguento|quero) mais viver", r"quero morrer", r"quero sumir", r"me matar", r"tirar minha (?:própria )?vida",
    r"(?:todos|todo mundo) (?:ficariam|estariam|ficaria|estaria) melhor sem mim", r"pensamentos suicidas",
    r"(?:não|nao) quero (?:mais )?acordar", r"sou um peso",
    r"voglio morire", r"(?:non )?voglio più vivere", r"farla finita", r"uccidermi", r"togliermi la vita",
    r"(?:sarebbe|sarebbero|starebbero) meglio (?:per tutti )?(?:se non ci fossi|senza di me)", r"pensieri suicidi",
    r"sparire per sempre", r"sono un peso",
    r"хочу умереть", r"не хочу (?:больше )?жить", r"покончить с собой", r"убить себя", r"суицид\w*",
    r"(?:всем|всем будет) (?:будет )?лучше без меня", r"хочу исчезнуть", r"не хочу просыпаться", r"я обуза",
    r"больше не могу(?: жить)?",
    # Third round of issue 10 (our own probes in tests/triage/test_triage_urgent_probes.py; tuned for recall).
    r"(?:nobody|no one|no-one) (?:would|will) (?:even )?(?:notice|care|miss me) if i(?:'m| am| was| were)? (?:gone|dead|not here)",
    r"(?:took|swallowed|taken) all (?:of )?my (?:sleeping|sleep|pain|anxiety) (?:pills|meds|tablets)", r"sleep forever",
    r"swallow (?:the|a) (?:whole|entire) (?:bottle|pack|box)", r"(?:saving|saved|stockpiling|hoarding) (?:up )?(?:my )?(?:pills|meds|tablets)",
    r"(?:want|wanna|need) (?:it all|everything|it) to (?:stop|end)(?: for good| forever)?(?=\s*(?:[.!,]|$))",
    r"(?:i've|i have|ive) made (?:my )?peace", r"(?:written|wrote|writing) (?:letters|notes|goodbye \w+) to (?:everyone|my \w+)",
    r"(?:ya )?no quiero seguir(?: aquí| aqui| viviendo)?(?=\s*(?:[.!,]|$))", r"quiero que todo (?:se )?(?:acabe|termine)",
    r"je veux que tout s'arr[eê]te", r"je ne veux plus (?:être là|vivre)",
    r"ich will,? dass (?:alles|es) aufhört", r"voglio che (?:tutto )?finisca", r"quero que tudo (?:acabe|termine)",
    r"what'?s the point (?:anymore|any more|of living|of going on)", r"tired of (?:fighting|living|being alive)",
    r"(?:enough|all) (?:the |my |of my )?(?:pills|meds|tablets) (?:saved )?to end (?:this|it)",
    r"(?:going to|gonna|will|want to) (?:jump off|throw myself off|step in front of)",
    r"no (?:le )?encuentro sentido a (?:seguir|vivir)", r"(?:je vais|j'ai envie de) (?:sauter|me jeter) (?:du|d'un|par)",
    r"ich will (?:einfach )?nicht mehr(?=\s*(?:[.!,]|$))", r"не хочу больше так жить", r"всё надоело|все надоело",    # Fifth round of issue 10 (blind6's missed patterns: intentional overdoses, farewells; dev11).
    r"(?:took|swallowed|taken|injected|used|did|downed) (?:all|every(?: single)?|each)\b.{0,40}\b(?:at once|on purpose|in one go)",
    r"(?:took|swallowed|taken|injected|overdosed|downed)\b.{0,50}\bon purpose", r"on purpose\b.{0,30}\b(?:took|swallowed|injected)",
    r"(?:swallowed|took|taken|downed) (?:the |a |my )?(?:whole|entire|full) (?:strip|box|bottle|pack|packet|blister|sheet)",
    r"(?:not (?:gonna|going to)|won't|will not) be (?:around|here) (?:much )?(?:longer|for long)",
    r"(?:don'?t|do not|dont) (?:really )?see the point (?:of|in) (?:going|coming|getting) (?:back|home|on|up)",
    r"(?:this is|it's|its) my last (?:message|post|goodbye|note)", r"given away my (?:\w+ )?(?:cat|dog|pets?|things|stuff|belongings)",
    r"(?:nobody|no one|no-one) (?:would|will) (?:even )?(?:notice|care|miss me) if i (?:disappeared|vanished|died|was gone|were gone)",
    r"(?:tomé|tome|tragué|trague|inyecté|inyecte) (?:todas|todos|toda|todo)\b.{0,30}\b(?:pastillas|comprimidos|plumas|dosis|caja|pluma|medicamentos?)",
    r"(?:tomé|tome|tragué|trague)\b.{0,40}\b(?:a propósito|a proposito|adrede)",
    r"nadie (?:me )?(?:va a|iba a|vaya a) (?:extrañar|echar de menos|notar)", r"nadie me (?:echaría|echaria|extrañaría|extrañaria)",
    r"ninguém (?:ia|iria|vai) sentir (?:a )?minha falta", r"cuando (?:ya )?no esté(?:s)?\b",
    r"(?:avalé|pris|injecté)\b.{0,40}\bexprès", r"(?:avalé|pris) (?:toute la (?:boîte|plaquette)|tous (?:mes|les) (?:comprimés|cachets|médicaments))",
    r"je ne serai (?:bientôt )?plus là", r"je (?:ne )?sers (?:plus )?à rien",
    r"absichtlich\b.{0,40}\b(?:geschluckt|genommen|gespritzt)", r"alle (?:meine )?(?:\w+ ){0,3}(?:Tabletten|Pillen|Pens|Spritzen) (?:auf einmal )?(?:geschluckt|genommen|gespritzt)",
    r"(?:bald )?bin ich (?:eh |sowieso )?(?:bald )?nicht mehr da", r"dann habt ihr (?:endlich )?(?:eure )?Ruhe",
    r"tomei (?:todos|todas|toda|todo)\b.{0,40}\b(?:comprimidos|remédios|remedios|pílulas|caixa|cartela)", r"(?:tomei|engoli)\b.{0,40}\bde propósito",
    r"(?:não|nao) vou estar (?:mais )?aqui", r"ninguém vai sentir (?:a )?minha falta",
    r"ho preso tutte le\b.{0,40}\b(?:compresse|pillole|pastiglie)", r"(?:ho preso|ho ingoiato)\b.{0,40}\bdi proposito",
    r"(?:presto )?non sarò più un (?:problema|peso)", r"nessuno sentirà la mia mancanza",
    r"(?:выпил|выпила|проглотил|проглотила|вколол|вколола) (?:все|всю|целую)\b", r"(?:выпил|выпила|проглотил|проглотила|вколол|вколола)\b.{0,40}\bспециально",
    r"специально\b.{0,30}\b(?:выпил|проглотил|вколол)\w*", r"скоро меня не (?:будет|станет)",
    r"(?:легче|проще)\b.{0,30}\bменя не (?:будет|станет)",
    r"(?:going to|gonna|will|i'll|want to) end (?:things|it) (?:tonight|today|now|soon)", r"(?:i've got|i have|got) the (?:bottle|pills|meds|rope) ready",
    r"(?:pills|bottle|meds) (?:are |is )?(?:all )?(?:ready|lined up|counted out)", r"tired of being a burden",
    r"(?:won't|will not|wont) be (?:here|around) (?:next week|by (?:monday|tomorrow|the weekend)|after tonight)",
    r"(?:set aside|put aside|saved up) (?:all )?(?:my|the) (?:pills|meds|tablets)",
    r"niemand würde mich vermissen", r"personne ne me (?:regretterait|remarquerait|manquerait)", r"nessuno (?:sentirebbe|noterebbe) la mia mancanza",
    r"никто (?:не заметит|не будет скучать|не вспомнит)", r"(?:vou|quero) acabar com tudo", r"separei (?:os|todos os|meus) (?:remédios|comprimidos)",
    r"voy a acabar con todo", r"je vais en finir", r"меня не (?:будет|станет)\b.{0,30}\b(?:легче|проще)",

)
SELF_HARM_CJK = (
    r"死にたい", r"消えたい", r"自殺", r"生きていたくない", r"生きるのがつらい", r"いない方が", r"いなくなれば",
    r"終わりにしたい", r"全部飲んで", r"不想活", r"想死", r"自杀", r"轻生", r"活不下去", r"没有我会更好",
    r"没有我.{0,4}更好", r"结束生命", r"想消失", r"消えてしまいたい", r"活着没意思", r"活着没有意义", r"不想活下去",
    r"全部(?:わざと)?飲んだ", r"わざと.{0,10}飲んだ", r"まとめて飲んだ", r"全部打った", r"いなくなった方が",
    r"全吃了", r"全部吃了", r"故意.{0,12}吃", r"一次性吃了", r"全打了", r"我走了以后", r"我不在了",
)
EMERGENCIES_MORE = (
    r"coughing up blood", r"(?:throwing|throw) up blood", r"vomiting blood",
    r"(?:chest|heart) (?:is |feels )?(?:so )?(?:tight|crushing|pounding)\b.{0,60}(?:arm|jaw) (?:went|is|feels|going) numb",
    r"(?:left |right )?arm (?:went|is|feels|going) numb.{0,60}chest", r"face is drooping", r"can'?t feel my (?:face|arm)",
    r"(?:my )?(?:throat|tongue) is swelling", r"lips (?:are )?(?:turning )?blue", r"can'?t stop (?:bleeding|shaking)",
    r"heart is racing and i (?:can'?t|cannot) breathe", r"(?:i )?(?:think i'm|i'm|am i) having a (?:heart attack|stroke)",
    r"tosiendo sangre", r"vomitando sangre", r"me falta el aire", r"el brazo (?:dormido|entumecido)",
    r"crache du sang", r"vomis du sang", r"bras (?:engourdi|paralysé)",
    r"huste Blut", r"erbreche Blut", r"Arm (?:ist )?taub", r"Brustschmerzen",
    r"tossindo sangue", r"vomitando sangue", r"(?:não|nao) consigo respirar", r"falta de ar", r"dor no peito",
    r"braço (?:dormente|formigando)", r"desmaiou", r"(?:não|nao) (?:acorda|responde)", r"chamar (?:o )?samu",
    r"tossisco sangue", r"vomito sangue", r"non riesco a respirare", r"dolore al petto", r"braccio intorpidito",
    r"(?:è|e') svenut[oa]", r"non (?:risponde|si sveglia)", r"chiamate il 118",
    r"кашляю кровью", r"рвёт кровью", r"рвет кровью", r"не могу дышать", r"нечем дышать", r"задыхаюсь",
    r"боль в груди", r"болит в груди", r"немеет рука", r"онемела рука", r"потерял[аи]? сознание", r"не дышит",
    r"вызвали скорую", r"вызывайте скорую",
    # Third round of issue 10 (our own probes; tuned for recall).
    # Someone else swallowed medicine: a person word, a swallowing verb, a medicine word, in one stretch.
    r"(?:son|daughter|kid|child|baby|toddler|little one|grandson|granddaughter|grandma|grandpa|husband|wife|mom|mum|dad)"
    r"\b.{0,40}\b(?:swallowed|ate|eaten|got into|chewed|drank)\b.{0,30}\b(?:pills?|tablets?|meds|medicines?|"
    r"medication|syrup|blister|(?:vitamin|melatonin|cbd|sleep) gumm(?:y|ies)|patch(?:es)?)\b(?!\s+(?:today|this morning|on time|as usual))",
    r"(?:bebé|bebe|niñ[oa]|hij[oa]|abuel[oa])\b.{0,40}\b(?:se (?:tomó|tomo|comió|comio|tragó|trago)|tragó|trago)\b"
    r".{0,30}\b(?:pastillas|jarabe|medicin\w*|pild\w*)",
    r"(?:enfant|fils|fille|bébé|bebe)\b.{0,40}\b(?:avalé|avale|a pris|a mangé)\b.{0,30}\b(?:comprimés|cachets|médicaments|sirop)",
    r"(?:tochter|sohn|kind|baby|oma|opa)\b.{0,40}\b(?:tabletten|medikamente|pillen|sirup)\b.{0,20}\b(?:geschluckt|gegessen|genommen)",
    r"(?:filh[oa]|bebê|bebe|criança|crianca)\b.{0,40}\b(?:engoliu|tomou|comeu)\b.{0,30}\b(?:comprimidos|remédios|remedios|pílulas|xarope)",
    r"(?:figli[oa]|bambin[oa]|neonato)\b.{0,40}\b(?:ha ingoiato|ha preso|ha mangiato)\b.{0,30}\b(?:pillole|compresse|farmaci|sciroppo)",
    r"(?:ребёнок|ребенок|сын|дочь|дочка|малыш)\b.{0,40}\b(?:проглотил\w*|съел\w*|выпил\w*)\b.{0,30}\b(?:таблетк\w*|лекарств\w*)",
    r"(?:fainted|passed out|collapsed)\b.{0,60}\b(?:not answering|not responding|won't answer|won't respond|won't wake)",
    r"foaming at the mouth", r"throat\b.{0,25}\b(?:closing|clos(?:es|ed) up|swelling shut|tight(?:ening)?)\b",
    r"(?:twice|double|two doses|too many)\b.{0,20}\bby mistake\b.{0,50}\b(?:drowsy|confused|sleepy|unresponsive|vomiting)",
    r"can'?t stop (?:vomiting|throwing up)\b.{0,30}\bblood", r"dolore (?:fortissimo |forte )?al petto",
    r"se me cierra la garganta", r"(?:gorge|garganta|gola)\b.{0,20}\b(?:se serre|se ferme|gonfle|fechando|inchando|si chiude|si gonfia)",
    r"(?:du mal|de la peine) à respirer", r"(?:hals|zunge)\b.{0,15}\b(?:schwillt|schwellen|zu)\b(?:\s+zu)?",
    r"(?:горло|язык)\b.{0,15}\b(?:отекает|отекло|опухает|сжимается)",
    r"(?:barely|hardly|can'?t really) breathe", r"(?:lips?|face|tongue|throat|eyes)\b.{0,30}\bswelling(?: up)?\b",
    r"(?:going to|gonna|about to) (?:pass out|faint|black out)", r"blood in (?:my|his|her) (?:vomit|sick)",
    r"worst headache of (?:my|his|her) life", r"(?:my |his |her )?vision is (?:going|gone|going black)",
    r"chest pain (?:spreading|radiating|going|moving) (?:to|into|down|up)", r"pain in (?:my|his|her) chest and (?:left )?arm",
    r"(?:double|twice|too much|way too much|an extra) (?:of )?(?:his |her |my )?(?:dose of )?insulin",
    r"dolor (?:en el|de) pecho.{0,30}(?:ahora|ahorita)", r"(?:ne se réveille|ne se reveille) (?:plus|pas)",
    r"respire (?:mal|difficilement)", r"(?:não|nao) (?:está|esta) respirando", r"(?:não|nao) respira",
    r"non respira", r"labbra (?:blu|viola)", r"lèvres bleues", r"lippen (?:sind )?blau",    # Fifth round of issue 10 (blind6's missed patterns; dev11).
    r"(?:someone|an elephant|something|a truck) (?:is )?(?:standing|sitting) on my chest", r"chest (?:feels|is) (?:so )?crushed",
    r"gums? (?:keep |keeps |are |is |won't stop )?bleed\w*.{0,80}(?:bruis\w*|blotch\w*|purple)",
    r"sangran las encías.{0,60}(?:moretones|moratones|manchas moradas)", r"sangrando pela gengiva",
    r"(?:swinging|waving|pointing|pulled out|pulling out) (?:a )?(?:gun|knife|machete|rifle|pistol)",
    r"(?:gun|knife|machete) out\b", r"(?:call|send|get) (?:the )?(?:police|security)(?: now|!)",
    r"douleur\b.{0,30}\bpoitrine\b.{0,50}\bbras", r"(?:4x|3x|2x|double|triple|twice) (?:my|the|his|her) dose\b.{0,60}\b(?:already|now|right now)",
    r"(?:took|did|injected|dialed|used) (?:my |the )?(?:pen|dose|shot|injection)s? twice\b.{0,60}\b(?:now|right now|already)",
    r"(?:two|2) (?:shots|doses|injections) back to back\b.{0,40}\bnow",

)
EMERGENCIES_CJK = (
    r"息ができない", r"息が苦しい", r"呼吸ができない", r"胸が苦しい", r"胸が痛", r"意識がない", r"救急車", r"血を吐",
    r"胸.{0,20}腕がしびれ", r"腕がしびれ.{0,20}胸", r"喘不过气", r"呼吸困难", r"胸口.{0,2}痛", r"胸闷", r"昏迷", r"没有意识", r"叫救护车", r"120",
    r"咳血", r"吐血", r"胸.{0,20}手臂发麻", r"手臂发麻.{0,20}胸", r"晕倒了", r"(?:子供|子ども|こども|赤ちゃん).{0,10}(?:薬|くすり).{0,6}(?:飲んでしまった|飲み込んだ|食べてしまった)",
    r"喉が腫れ", r"(?:孩子|宝宝|小孩|儿子|女儿).{0,6}(?:误吞|误服|吞了|吃了).{0,6}(?:药|药片)",
    r"胸が押しつぶされ", r"喉が締ま", r"胸口像被压", r"喉咙发紧",
)
THREATS_MORE = (
    r"(?:come|coming|go|going) (?:to|down to) your (?:office|building|headquarters|hq|pharmacy|clinic)"
    r".{0,40}(?:hurt|kill|shoot|stab|burn|make you pay)",
    r"(?:i'll|i will|gonna|going to) hurt (?:someone|somebody|people|your staff)",
    r"(?:vou|vamos) (?:te |vos )?matar", r"vou (?:explodir|queimar) (?:o|a|seu|sua) (?:escritório|farmácia|prédio)",
    r"(?:ti|vi) ammazzo", r"vengo (?:lì|in ufficio) e", r"brucio (?:il vostro|l') ufficio",
    r"je vais venir (?:brûler|bruler|tout casser)", r"vous allez le payer",
    r"убью (?:вас|тебя|всех)", r"взорву (?:ваш|офис)", r"сожгу (?:ваш|офис)",
    r"make sure (?:your|the) (?:\w+ )?(?:ceo|reps?|boss|staff|pharmacists?) never (?:walks?|works?|talks?) again",
    r"(?:find|found|know) (?:out )?where (?:your|the) (?:\w+ )?(?:ceo|reps?|boss|staff|pharmacists?|employees?|founder|doctor) (?:lives?|works?)",    # Fifth round of issue 10 (blind6's missed patterns; dev11).
    r"(?:leave|leaves|leaving|go home|goes home|going home|carried out) (?:in|on) (?:an ambulance|a stretcher|a body bag)",
    r"i know (?:what car|where) (?:\w+ ){0,4}(?:drives|parks|lives)\b", r"burn (?:your|the|ur) (?:\w+ )?(?:down|to the ground)",
    r"(?:voy|iré|ire) (?:con|a por) (?:un|el|mi) (?:bate|cuchillo|machete|arma|pistola)",
    r"je sais où (?:habite|vit|travaille|se gare|gare) (?:votre|ton|le|la|ce)",
    r"(?:steh|stehe|komme|komm) ich mit (?:dem|einem|meinem) (?:Baseballschläger|Messer|Hammer|Schläger)",
    r"kriegt (?:er|sie) (?:eins|was) mit (?:dem|einem) (?:Messer|Schläger|Baseballschläger|Hammer)",
    r"quebr(?:o|ar|ou) a cara (?:dele|dela|de vocês|de voces|deles)", r"so dove (?:abita|vive|parcheggia|lavora)",
    r"(?:i'll|i will|gonna|going to|i'm going to|im going to) (?:come|go|drive) (?:down |over |up )?(?:there|here|to \w+)\b.{0,30}\band (?:hurt|kill|shoot|stab|beat up) (?:someone|somebody|people|everyone|them|him|her|you)",
    r"уйд[её]т на носилках", r"уедет на скорой", r"знаю,? где (?:он |она )?(?:живёт|живет|паркуется)",

)
# A child who stuck themselves with a pen's needle: an accidental exposure, urgent like a swallowed medicine.
EXPOSURES = (
    r"(?:son|daughter|kid|child|baby|toddler|grandson|granddaughter|year old|yr old|yo)\b.{0,40}\b(?:poked|stuck|jabbed|injected|pricked) (?:himself|herself|themselves|his|her)",
    r"(?:hij[oa]|niñ[oa]|bebé)\b.{0,60}\bse (?:pinchó|pincho|inyectó|inyecto)", r"(?:fils|fille|enfant|bébé)\b.{0,60}\bs'est (?:piqué|piquée|injecté)",
    r"(?:Sohn|Tochter|Kind|Baby)\b.{0,60}\bhat sich\b.{0,30}\b(?:gestochen|gespritzt)", r"(?:filh[oa]|criança|bebê)\b.{0,60}\bse (?:furou|picou|espetou)",
    r"(?:figli[oa]|bambin[oa])\b.{0,60}\bsi è (?:punt[oa]|iniettat[oa])", r"(?:сын|дочь|ребёнок|ребенок|малыш)\b.{0,60}\bуколол(?:ся|ась)",
)
THREATS_CJK = (r"杀了你们", r"杀了你", r"殺してやる", r"ぶっ殺", r"燃やしてやる", r"爆破", r"杀了你", r"弄死你", r"炸了你们", r"烧了你们", r"刺してやる",
               r"捅了他", r"我就捅", r"砍了他")

# --- Round 9 (blind10's misses, each as a concept in nine languages).
# A veiled goodbye with medicines stockpiled; a goodbye texted by someone else; an overdose taken minutes ago.
SELF_HARM_ROUND9 = (
    r"(?:stockpiled|hoarded|saved up|stashed|collected) (?:up )?(?:enough|plenty|all)(?: of)?(?: (?:my|the|everything|pills|meds|tablets|it))?",
    r"(?:bye|goodbye),? everyone\b.{0,40}\b(?:it was|it's been|was) (?:fun|nice|good|real)", r"(?:bye|goodbye) (?:world|everyone|everybody), (?:it was|it's been|thanks for everything)",
    r"(?:texting|texted|messaging|messaged|sent|sending|writing) (?:me|us|everyone|his \w+|her \w+) (?:a )?(?:goodbye|goodbyes|farewell)",
    r"(?:goodbye|farewell|suicide) (?:texts?|messages?|letter|note)",
    r"(?:taken|took|swallowed|downed|ate) (?:like |about |around )?(?:1[5-9]|[2-9]\d|\d{3}) (?:of )?(?:my |his |her |the )?(?:\w+ )?(?:pills|tablets|tylenol|paracetamol|ibuprofen|advil|caps(?:ules)?|meds|of (?:my|his|her|them))",
    r"(?:taken|took|swallowed) (?:1[5-9]|[2-9]\d|\d{3}) of (?:my|his|her|them|these|those)",
    r"(?:junté|junte|guardé|guarde|acumulé|acumule) (?:suficientes|bastantes|todas las) (?:pastillas|pildoras|píldoras|medicinas)", r"adiós a todos\b.{0,30}\b(?:fue|ha sido)",
    r"(?:me está|me esta|nos está|está) (?:mandando|enviando) (?:mensajes de )?despedida", r"(?:mensaje|carta|nota) de despedida",
    r"(?:me )?(?:tomé|tome) (?:1[5-9]|[2-9]\d) (?:pastillas|comprimidos|pildoras|píldoras)",
    r"(?:mis|mises?) de côté (?:assez|suffisamment|tous) (?:de )?(?:mes )?(?:comprimés|cachets|médicaments)", r"adieu (?:à )?tous\b", r"au revoir tout le monde\b.{0,30}\bc'était",
    r"(?:m'envoie|m'a envoyé|nous envoie) (?:des |un )?(?:messages? |sms |texto )?d'adieu", r"(?:message|lettre|mot) d'adieu",
    r"j'ai (?:pris|avalé) (?:1[5-9]|[2-9]\d) (?:comprimés|cachets|pilules|gélules)",
    r"genug (?:Tabletten|Pillen|Medikamente) (?:gesammelt|gehortet|gebunkert|zur Seite gelegt)", r"(?:macht'?s gut|lebt wohl),? (?:alle|ihr alle|zusammen)",
    r"(?:schreibt|schickt) mir (?:gerade )?(?:eine )?(?:Abschiedsnachricht|Abschiedsnachrichten|Abschiedsbrief)", r"Abschieds(?:brief|nachricht|sms)",
    r"(?:1[5-9]|[2-9]\d) (?:Tabletten|Pillen) (?:genommen|geschluckt)",
    r"(?:juntei|guardei) (?:remédios|comprimidos) suficientes", r"adeus a todos", r"(?:mensagem|carta|bilhete) de despedida", r"(?:está|tá) (?:me )?mandando (?:mensagens? de )?despedida",
    r"tomei (?:1[5-9]|[2-9]\d) (?:comprimidos|remédios|pílulas)",
    r"(?:messo|messe) da parte (?:abbastanza|tutte le) (?:pastiglie|compresse|medicine)", r"addio a tutti", r"(?:messaggio|lettera|biglietto) d'addio",
    r"ho preso (?:1[5-9]|[2-9]\d) (?:pastiglie|compresse|pillole)",
    r"накопил[аи]? (?:достаточно |много |все )?(?:таблеток|лекарств)", r"прощайте,? все", r"всем прощайте", r"прощальн\w+ (?:сообщени\w*|смс|письм\w*|записк\w*)",
    r"(?:выпил|выпила|проглотил|проглотила) (?:1[5-9]|[2-9]\d) (?:таблеток|таблетки)",
)
SELF_HARM_CJK_ROUND9 = (
    r"薬を(?:ため|溜め|貯め)(?:て|た)", r"みんなさよなら", r"みんな、さよなら", r"お別れの(?:メッセージ|LINE|メール)", r"遺書",
    r"(?:[2-9]\d|1[5-9])錠(?:も)?飲(?:んだ|みました)", r"攒了(?:够|很多|好多|一堆)?(?:的)?药", r"大家再见", r"永别了", r"告别(?:短信|信息|消息)", r"遗书",
    r"吃了(?:[2-9]\d|1[5-9])片",
)
# Threats with no harm word: "watch your back", "I know which hotel you're in", turning up with an axe.
THREATS_ROUND9 = (
    r"(?:'d|had|better) (?:better )?watch (?:their|your|his|her|ur) backs?", r"i know (?:which|what) (?:hotel|room|gym|school) (?:you'?re|you are|they'?re|he'?s|she'?s|your)",
    r"(?:show(?:ing)? up|come|coming|turn(?:ing)? up|be there|go(?:ing)? (?:down )?there|bring(?:ing)?) (?:\w+ ){0,3}(?:with )?(?:an|my|a) (?:axe|ax|hatchet|machete|crowbar)\b",
    r"(?:cuídate|cuidaos|cuídense) las espaldas", r"sé en qué hotel", r"(?:voy|iré|ire|aparezco|me presento|vengo) (?:\w+ ){0,2}con (?:un|el|mi) (?:hacha|machete)",
    r"(?:surveille|surveillez|fais gaffe à|faites gaffe à) (?:tes|vos|ses|leurs) arrières", r"je sais dans quel hôtel", r"(?:je viens|je débarque|je passe|je vais venir) (?:\w+ ){0,2}avec (?:une|ma) hache",
    r"(?<=ich )mit (?:ner|'ner|einer|meiner|der) (?:Axt|Machete|Brechstange|Knarre)", r"(?:passt|pass) (?:bloß |lieber )?auf euch auf", r"ich weiß,? in welchem Hotel",
    r"(?:cuidado com|olha) as costas", r"sei (?:em )?qual hotel", r"(?:apareço|vou|chego|volto) (?:\w+ ){0,2}com (?:um|o|meu) (?:machado|facão)",
    r"guardat[ei] le spalle", r"so in quale hotel", r"(?:vengo|arrivo|torno) (?:\w+ ){0,2}con (?:un'|l'|la mia )(?:ascia|accetta)",
    r"берегит?е спину", r"знаю,? в какой гостинице", r"знаю,? в каком отеле", r"(?:приду|приеду|заявлюсь|явлюсь) (?:\w+ ){0,2}с топором",
)
THREATS_CJK_ROUND9 = (r"斧を持って", r"夜道に気をつけ", r"どのホテル", r"拿斧头", r"带着斧头", r"走夜路小心", r"知道你们住哪个酒店")
