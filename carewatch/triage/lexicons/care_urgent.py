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
)
# Emergency words used about something else.
EMERGENCIES_NOT = (r"breathe (?:through|out of|with) (?:my|your|his|her|the) nose",
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
        r"letztes Jahr", r"vor (?:Jahren|Monaten|Wochen)")

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
