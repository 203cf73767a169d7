"""Context cues around adverse-event terms, per language (en, es, fr, de). Syntax: see ``_util.terms``.

- ``NEGATION_PRE``: before an event, within a few words and the same clause, it says the event did not
  happen ("no side effects", "didn't have any nausea", "sin mareos", "pas d'effets", "keine Übelkeit").
- ``NEGATION_POST``: right after an event ("side effects: none").
- ``HYPOTHETICAL``: the event may happen, is feared, or is described in general ("if I get a rash",
  "can cause", "risk of", "puede causar", "peut provoquer", "kann ... verursachen").
- ``QUESTION``: openers of a question about events ("will it make me", "what are the side effects").
- ``EXPERIENCE``: the author says it happens to someone; cancels a question or a conditional
  ("anyone else get", "is it normal", "I've been", "me da", "j'ai", "ich habe").
- ``TERMINATORS``: end the scope of a negation or hypothesis ("but", "except", "pero", "mais", "aber").
- ``LINK``: temporal or causal link between the medicine and the event ("since I started", "after
  taking", "made me", "desde que empecé", "depuis que je prends", "seit ich").
- ``INDICATION``: the term that follows is what the medicine treats, not an event ("for my anxiety").
- ``MEDICINE``: words for an unnamed medicine ("my meds", "the injection", "las pastillas").
- ``FIRST_PERSON`` and ``THIRD_PERSON``: who the patient is ("I", "my son", "mi madre", "ma fille").
- ``IMPERSONAL``: general statements with no patient ("studies show", "patients who", "people on").
"""

from __future__ import annotations

from carewatch.triage.lexicons._util import terms

NEGATION_PRE: dict[str, tuple[str, ...]] = {
    "en": terms("""
    no | not | never | without | none | nor | neither | zero | free of | free from | didn't | did not | didnt | don't
    do not | dont | doesn't | does not | doesnt | haven't | have not | havent | hasn't | has not | hasnt | hadn't
    had not | hadnt | wasn't | was not | wasnt | isn't | is not | isnt | aren't | are not | arent | weren't | werent
    won't | wont | will not | never had | never got | never experienced | not a single | not one | not any | nothing
    any more | denied | denies | absence of | no more than | barely any | hardly any | not even | nope
    """),
    "es": terms("""
    no | nunca | sin | ni | ningún | ningun | ninguna | ninguno | ningunos | ningunas | nada de | tampoco | jamás
    jamas | cero | libre de | no he tenido | no tuve | no tengo | no me ha dado | no me dio | no me da | no noté
    no note | no he notado
    """),
    "fr": terms("""
    pas | pas de | pas d' | ne | n' | non | sans | aucun | aucune | jamais | ni | zéro | zero | rien | point de
    je n'ai pas eu | je n'ai eu aucun | pas eu de | pas eu d'
    """),
    "de": terms("""
    kein | keine | keinen | keiner | keines | keinerlei | nicht | nie | niemals | ohne | weder | null | frei von
    nichts | hatte keine | habe keine | hab keine | hatte nie
    """),
}

NEGATION_POST: dict[str, tuple[str, ...]] = {
    "en": terms("none | nope | zero | nothing | nil | n/a | not at all | gone? no"),
    "es": terms("ninguno | ninguna | nada | cero | para nada"),
    "fr": terms("aucun | aucune | rien | zéro | néant | pas du tout"),
    "de": terms("keine | keiner | nichts | null | gar nicht | überhaupt nicht"),
}

HYPOTHETICAL: dict[str, tuple[str, ...]] = {
    "en": terms("""
    if | if i | if you | if it | if they | in case | in the event | unless | whether | might | may cause | may make
    may give | may lead | may increase | may trigger | can cause | can make | can give | can lead | can increase
    can trigger | can induce | can lower | can raise | could cause | could make | could give | could lead
    would cause
    would make | will cause | risk of | risks of | risk | chance of | chances of | possible
    possibility | potential | potentially | prevent | prevents | preventing | avoid | avoiding | to avoid
    worried about
    worried it | worry about | afraid of | afraid it | scared of | scared it | fear of | fearful | nervous about
    concerned about | watch out for | look out for | watch for | be careful | warning | warnings | warns | warned
    label says | leaflet says | insert says | pamphlet | linked to | associated with | study | studies | trial
    research | researchers | reported | reports | known to | known for | list of | such as | including | includes
    include | hope i don't | hope i dont | hopefully not
    supposedly | apparently | heard | i heard | i've heard | ive heard | they say | people say | rumored
    """),
    "es": terms("""
    si me | si te | si le | si se | si tengo | si tienes | si tiene | si empiezo | si sale | si salen | si yo | si tú
    si usted | si hay | si noto | si siento | si aparece | si aparecen | si lo tomo | si la tomo | en caso de | por si
    a menos que | puede causar | puede provocar | puede dar | pueden causar | pueden provocar | pueden dar | podría
    podria | podrían | riesgo de | riesgos | posible | posibles | miedo a
    miedo de | miedo que | me da miedo | temo | evitar | para evitar | prevenir | ojalá no | ojala no
    quizás | quizas
    tal vez | estudio | estudios | según | segun | dicen que | he oído | he oido | advertencia | prospecto
    """),
    "fr": terms("""
    si je | si j' | si tu | si vous | si on | si il | s'il | si elle | si ça | si ca | si jamais | au cas où
    au cas ou | en cas de | à moins que | peut provoquer | peut causer | peut donner | peuvent provoquer
    peuvent causer | peuvent donner | pourrait | pourraient | risque de | risques | possible
    possibles | peur de | peur que | j'ai peur | crains | éviter | eviter | pour éviter | prévenir | prevenir
    j'espère que | j'espere que | peut-être | peut etre | étude | etude | études | etudes | selon | il paraît
    il parait | on dit que | notice | avertissement
    """),
    "de": terms("""
    wenn ich | wenn man | wenn sie | wenn es | falls | falls ich | im fall | im falle | ob | außer wenn
    kann verursachen | können verursachen | kann zu | können zu | kann auslösen | können auslösen | könnte | koennte
    könnten | kann | können | risiko | risiken | möglich | moeglich | mögliche | angst vor
    angst davor | angst, dass | befürchte | befuerchte | vermeiden | zu vermeiden | vorbeugen | hoffentlich
    vielleicht | studie | studien | laut | angeblich | man sagt | beipackzettel | packungsbeilage | warnung
    """),
}

QUESTION: dict[str, tuple[str, ...]] = {
    "en": terms("""
    what | what are | what's | whats | which | will | will it | would | would it | does | does it | do | do they
    did | can | can it | could | could it | should | is it | is there | are there | are | is | have you | how
    how long | how common | how likely | any | any side effects
    """),
    "es": terms("""
    qué | que | cuáles | cuales | cuál | cual | será | sera | puede | pueden | podría | causa | da | produce
    alguien | alguno | hay | tiene | tienen | cómo | como | cuánto | cuanto | es posible | es verdad
    """),
    "fr": terms("""
    quels | quelles | quel | quelle | est-ce | est ce | est-ce que | peut-il | peut-elle | va-t-il | va-t-elle
    risque-t-on | y a-t-il | y a t il | quelqu'un | qqn | combien | comment | peut-on | ça donne | ça provoque
    """),
    "de": terms("""
    was | welche | welcher | welches | wird | werde | kann | können | macht | verursacht | gibt es | hat jemand
    jemand | wie | wie lange | wie oft | ist es | sind
    """),
}

EXPERIENCE: dict[str, tuple[str, ...]] = {
    "en": terms("""
    i have | i've | ive | i've been | ive been | i had | i'd | i got | i get | i'm getting | im getting | i am getting
    i'm having | im having | i am having | i feel | i felt | i'm feeling | im feeling | i am | i'm | im | i was
    i've had | ive had | i keep | i can't | i cant | i couldn't | i started | i noticed | i'm noticing | i woke
    i wake | my | mine | me too | anyone | anybody | has anyone | has anybody | does anyone | anyone else
    anybody else | does anyone else | has anyone else | am i the only
    is it normal | is this normal | is that normal | normal to | should i be worried | should i worry | should i stop
    should i go | should i call | is this a side effect | is this from | could this be | could it be | it gave me
    it made me | it makes me | it's making me | its making me | it's giving me | it has me | got me | has me
    he has | he's | she has | she's | he had | she had | he got | she got | they have | we have
    """),
    "es": terms("""
    tengo | tuve | he tenido | estoy | estuve | me siento | me sentí | me senti | me da | me dio | me ha dado
    mi | mis | me pasa | me pasó | me paso | a alguien más | a alguien mas | alguien más | alguien mas | es normal
    será normal | sera normal | debo preocuparme | tiene | tuvo | está | esta
    """),
    "fr": terms("""
    j'ai | j'avais | j'ai eu | je suis | j'étais | j'etais | je me sens | je me suis senti | je me suis sentie
    ça me donne | ca me donne | ça m'a donné | ca m'a donne | mon | ma | mes | moi aussi | quelqu'un d'autre
    d'autres personnes | c'est normal | est-ce normal | normal que | dois-je m'inquiéter | il a | elle a
    """),
    "de": terms("""
    ich habe | ich hab | hab | habe | ich hatte | hatte | ich bin | bin | mir ist | mir war | mir wird | bei mir
    mein | meine | ich bekomme | ich kriege | noch jemand | sonst jemand | ist das normal | ist es normal
    normal, dass
    muss ich mir sorgen | er hat | sie hat
    """),
}

TERMINATORS: dict[str, tuple[str, ...]] = {
    "en": terms("""
    but | however | though | although | except | except for | apart from | other than | besides | only | just | yet
    still | instead | whereas | then | now | until | til | till | and then | but now | and now | so
    """),
    "es": terms("""
    pero | sino | excepto | salvo | aparte de | solo | sólo | aunque | sin embargo | ahora
    luego | menos
    """),
    "fr": terms("""
    mais | sauf | à part | a part | excepté | seulement | juste | sauf que | cependant
    pourtant | maintenant
    """),
    "de": terms("aber | außer | ausser | nur | jedoch | sondern | doch | trotzdem | allerdings | jetzt | dann"),
}

LINK: dict[str, tuple[str, ...]] = {
    "en": terms("""
    since i started | since starting | since i began | since taking | since i've been on | since ive been on
    since being on | since i switched | since switching | since my first | since the first | since i got
    since getting
    since my dose | since my last | since the shot | since the injection | ever since | since then | after taking
    after i took | after i started | after starting | after my first | after the first | after the second
    after my second | after the shot | after the injection | after the jab | after my shot | after my injection
    after each dose | after every dose | after my dose | after the dose | after a dose | after switching
    after i switched
    after increasing | after upping | after they upped | after the increase | hours after | days after | an hour after
    minutes after | within an hour | within hours | within minutes | the day after | the next day | next morning
    started taking | started on | just started | i started | been taking | been on | i'm on | im on | i am on
    now on | on it | on this | on them | on these | on that | taking it | taking this | took it | took my
    took one | i took | i take | i've taken | ive taken | when i take | every time i take | everytime i take
    whenever i take | each time i take | after i take | when i took | upped my dose | upped my | increased my dose
    dose was increased | dose increase | doubled my dose | new dose | higher dose | higher dose of | switched to
    switched from | came off | coming off | stopped taking | quit taking | weaned off | weaning off | tapering
    caused | causing | causes me | made me | makes me | making me | make me | gave me | gives me | giving me | give me
    got me | has me | have me | had me | got me feeling | left me | leaves me | leaving me | kept me | keeps me
    keeping me | is killing me | is making me | is giving me | due to | because of | thanks to | from taking
    side effect of | side effects of | side effects from | reaction to | reacted to
    allergic to | withdrawal from | withdrawals from | induced | -induced | from it | from them | from this
    fault | blame | blaming | i blame | kicked in | kicking in | kicks in | wore off | wearing off | wears off
    made him | made her | make him | make her | make my | makes my | made my | making my | put me | puts me | puts my
    put my | knocking me | knocking my | turned her into | turned him into | turned me into | turns me into
    keeping my | keeps my | kept my
    of the pen | of the shots | on these shots | on one of these | on the pen | on the shots | on the injection
    on the weekly | of the injections | on the weekly injection | on the weekly shot
    """),
    "es": terms("""
    desde que empecé | desde que empece | desde que empezé | desde que comencé | desde que comence | desde que tomo
    desde que estoy tomando | desde que lo tomo | desde que la tomo | desde que me pusieron | desde que me puse
    desde que me vacuné | desde que me vacune | desde la primera | desde la vacuna | desde la inyección
    desde entonces
    después de tomar | despues de tomar | después de la | despues de la | después de ponerme | despues de ponerme
    después de la vacuna | despues de la vacuna | después de la inyección | tras tomar | tras la | al tomar
    al tomarlo
    al tomarla | cuando lo tomo | cuando la tomo | cada vez que tomo | cada vez que lo tomo | empecé a tomar
    empece a tomar | empecé con | empece con | estoy tomando | llevo tomando | tomo | tomé | tome | me tomé | me tome
    me dieron | me recetaron | me cambiaron | me subieron la dosis | subieron la dosis | dejé de tomar | deje de tomar
    me ha dado | me dio | me da | me provoca | me provocó | me provoco | me causa | me causó | me causo | me produjo
    me produce | me dejó | me dejo | me tiene | por culpa de | a causa de | debido a | gracias a | me sentó | me sento
    me cayó | me cayo | efecto secundario de | efectos secundarios de | reacción a | reaccion a | alérgica a
    alergica a
    alérgico a | alergico a
    """),
    "fr": terms("""
    depuis que je prends | depuis que je suis sous | depuis que j'ai commencé | depuis que j'ai commence
    depuis que je l'ai | depuis le début | depuis le debut | depuis le traitement | depuis mon traitement
    depuis l'injection | depuis la piqûre | depuis le vaccin | depuis la première | depuis la premiere | depuis
    après avoir pris | apres avoir pris | après la prise | apres la prise | après la première | après la deuxième
    après l'injection | apres l'injection | après le vaccin | apres le vaccin | après la piqûre | apres la piqure
    quelques heures après | le lendemain | quand je le prends | quand je la prends | chaque fois que je prends
    à chaque prise | a chaque prise | j'ai commencé | j'ai commence | je prends | j'ai pris | sous traitement
    on m'a prescrit | on m'a donné | augmenté la dose | augmente la dose | augmentation de dose | arrêté | arrete
    m'a donné | m'a donne | me donne | me provoque | m'a provoqué | m'a provoque | me cause | m'a causé | m'a rendu
    m'a rendue | me rend | me fait | m'a fait | à cause du | a cause du | à cause de | a cause de | dû au | du au
    effet secondaire du | effets secondaires du | effets secondaires de | réaction au | reaction au | allergique au
    allergique à
    """),
    "de": terms("""
    seit ich | seitdem ich | seit der einnahme | seit beginn | seit der ersten | seit der spritze | seit der impfung
    seit der umstellung | seit dem wechsel | seitdem | nach der einnahme | nach der ersten | nach der zweiten
    nach der spritze | nach der impfung | nach der tablette | nach der dosis | nachdem ich | stunden nach | tage nach
    am nächsten tag | am naechsten tag | jedes mal wenn ich | immer wenn ich | wenn ich sie nehme | wenn ich es nehme
    ich nehme | nehme | genommen | eingenommen | angefangen | begonnen | umgestellt | dosis erhöht | dosis erhoeht
    erhöht | abgesetzt | verschrieben | bekommen | macht mich | hat mich | gibt mir | bekomme ich | kriege ich
    davon | dadurch | wegen der | wegen dem | wegen des | durch die | durch das | durch den | nebenwirkung von
    nebenwirkungen von | reaktion auf | allergisch auf | allergisch gegen
    """),
}

INDICATION: dict[str, tuple[str, ...]] = {
    "en": terms("""
    for | for my | for the | for his | for her | to treat | treat | treats | treating | treatment for | treatment of
    helps with | helped with | help with | helps my | helped my | relieve | relieves | relieved | relief from | cure
    cures | cured | fixes | fixed | control my | manage my | prescribed for | diagnosed with | suffer from
    suffering from | because of my | due to my | against
    """),
    "es": terms("""
    para | para mi | para el | para la | para los | para las | contra | contra el | contra la | tratar
    tratamiento de
    tratamiento para | me ayuda con | me quitó | me quito | alivia | diagnosticado con | diagnosticada con | sufro de
    """),
    "fr": terms("""
    pour | pour mon | pour ma | pour mes | pour le | pour la | pour les | contre | contre le | contre la | traiter
    traitement de | traitement pour | soulage | soulager | m'aide pour | diagnostiqué | diagnostiquée | je souffre de
    """),
    "de": terms("""
    gegen | gegen die | gegen meine | gegen den | für | fuer | für meine | behandlung von | behandlung der
    hilft bei | hilft gegen | lindert | diagnostiziert | leide an | leide unter
    """),
}

MEDICINE: dict[str, tuple[str, ...]] = {
    "en": terms("""
    med | meds | medication | medications | medicine | medicines | drug | drugs | pill | pills | tablet | tablets
    capsule | capsules | dose | doses | dosage | prescription | script | scrip | rx | injection | injections | shot
    shots | jab | jabs | vaccine | vaccines | vaccination | booster | infusion | infusions | inhaler | patch | pen
    insulin | antibiotic | antibiotics | antidepressant | antidepressants | ssri | ssris | snri | steroid | steroids
    birth control | the pill | contraceptive | painkiller | painkillers | pain killer | pain killers | pain meds
    sleeping pill | sleeping pills | sleeping tablets | anti-depressant | anti depressant | antihistamine | cream
    ointment | drops | eye drops | nasal spray | treatment | new medication | new meds | biologic | biologics
    lozenge | lozenges | suppository | gummies | gummy | supplement | supplements | syrup | cough syrup | puffer
    """),
    "es": terms("""
    medicamento | medicamentos | medicina | medicinas | pastilla | pastillas | pastis | comprimido | comprimidos
    cápsula | cápsulas | capsula | capsulas | dosis | inyección | inyeccion | inyecciones | vacuna | vacunas
    inyectable | parche | pluma | insulina | antibiótico | antibiotico | antibióticos | antidepresivo | antidepresivos
    anticonceptivo | anticonceptivos | tratamiento | jarabe | crema | pomada | gotas | inhalador
    """),
    "fr": terms("""
    médicament | medicament | médicaments | medicaments | médoc | medoc | médocs | medocs | cachet | cachets
    comprimé | comprime | comprimés | gélule | gelule | gélules | dose | doses | ordonnance | injection | injections
    piqûre | piqure | vaccin | vaccins | stylo | patch | insuline | antibiotique | antibiotiques | antidépresseur
    antidepresseur | antidépresseurs | pilule | contraceptif | traitement | sirop | crème | pommade | gouttes
    """),
    "de": terms("""
    medikament | medikamente | medikamenten | arznei | arzneimittel | tablette | tabletten | pille | pillen | kapsel
    kapseln | dosis | rezept | spritze | spritzen | injektion | impfung | impfstoff | pflaster | pen | insulin
    antibiotikum | antibiotika | antidepressivum | antidepressiva | verhütung | verhuetung | behandlung | therapie
    salbe | creme | tropfen | inhalator
    """),
}

FIRST_PERSON: dict[str, tuple[str, ...]] = {
    "en": terms("i | i'm | im | i've | ive | i'd | i'll | me | my | mine | myself | i am | i was"),
    "es": terms("yo | me | mi | mis | conmigo | tengo | estoy | me siento | he tenido | tuve | mío | mía"),
    "fr": terms("je | j' | moi | mon | ma | mes | me | m' | moi-même"),
    "de": terms("ich | mir | mich | mein | meine | meinen | meinem | meiner | bei mir"),
}

THIRD_PERSON: dict[str, tuple[str, ...]] = {
    "en": terms("""
    my mom | my mum | my mother | my dad | my father | my son | my daughter | my wife | my husband | my partner
    my boyfriend | my girlfriend | my bf | my gf | my hubby | my kid | my kids | my child | my baby | my toddler
    my brother | my sister | my grandma | my grandmother | my grandpa | my grandfather | my nan | my nana | my aunt
    my uncle | my cousin | my friend | my best friend | my roommate | my patient | my client | my niece | my nephew
    my stepson | my stepdaughter | my fiance | my fiancé | my fiancee | my spouse | my little one | my infant
    my newborn | my teen | my teenager | my parents | my mil | my fil | my mother in law | my father in law
    """),
    "es": terms("""
    mi madre | mi mamá | mi mama | mi padre | mi papá | mi papa | mi hijo | mi hija | mis hijos | mi esposa
    mi esposo | mi mujer | mi marido | mi novio | mi novia | mi pareja | mi bebé | mi bebe | mi hermano | mi hermana
    mi abuela | mi abuelo | mi tía | mi tia | mi tío | mi tio | mi primo | mi prima | mi amigo | mi amiga
    mi paciente
    mi sobrino | mi sobrina | mi suegra | mi suegro | mi niño | mi niña | mi nena | mi nene
    """),
    "fr": terms("""
    ma mère | ma mere | ma maman | mon père | mon pere | mon papa | mon fils | ma fille | mes enfants | mon enfant
    ma femme | mon mari | mon copain | ma copine | mon compagnon | ma compagne | mon conjoint | ma conjointe
    mon bébé
    mon bebe | mon frère | mon frere | ma sœur | ma soeur | ma grand-mère | ma grand-mere | mon grand-père
    mon grand-pere | ma tante | mon oncle | mon cousin | ma cousine | mon ami | mon amie | mon patient | ma patiente
    mon neveu | ma nièce | ma niece | ma belle-mère | mon beau-père
    """),
    "de": terms("""
    meine mutter | meine mama | mein vater | mein papa | mein sohn | meine tochter | meine kinder | mein kind
    meine frau | mein mann | mein freund | meine freundin | mein partner | meine partnerin | mein baby | mein bruder
    meine schwester | meine oma | meine großmutter | meine grossmutter | mein opa | mein großvater | mein grossvater
    meine tante | mein onkel | mein cousin | meine cousine | mein patient | meine patientin | mein neffe
    meine nichte
    meine schwiegermutter | mein schwiegervater
    """),
}

IMPERSONAL: dict[str, tuple[str, ...]] = {
    "en": terms("""
    patients | people who | people on | people taking | users | studies | study | trial | researchers | fda | ema
    according to | news | report | reports | recall | lawsuit | lawsuits | class action | attorney | lawyer | warning
    label | boxed warning | black box | market | stocks | shares | announces | announced | approval | approved
    """),
    "es": terms("""
    pacientes | personas que | estudio | estudios | ensayo | según | segun | noticia | demanda
    aprobación
    """),
    "fr": terms("patients | les personnes | étude | etude | études | selon | essai | l'ansm | actualité | plainte"),
    "de": terms("patienten | menschen, die | studie | studien | laut | bfarm | klage | zulassung | meldung"),
}


# Negation words that do not negate what follows ("never felt so sick", "no joke").
NEGATION_PSEUDO: dict[str, tuple[str, ...]] = {
    "en": terms("""
    never been so | never felt so | never felt this | never been this | never had such | never had it this
    never had this | never had anything like | never experienced anything like | never been more | not gonna lie
    not going to lie | no lie | no joke | not kidding | not even kidding | no kidding | not sure | not only
    no wonder | nothing but | no idea | not sure if | don't know if | dont know if | don't know why | dont know why
    not normal | no longer | not anymore | not any more | not until | no way | not like | didn't know | do without
    could do without | can do without | not too bad | not that bad | no fail | no i | no, i | nope i | nope, i
    no u | no you | no me | no joke | no really
    """),
    "es": terms("""
    nunca había | nunca habia | nunca me había | nunca me habia | no sé si | no se si | no sé por qué | no es normal
    no solo | no sólo | sin duda | no aguanto | ya no
    """),
    "fr": terms("""
    jamais été aussi | jamais eu aussi | jamais eu autant | je ne sais pas si | pas normal | pas seulement
    non seulement | sans doute | je ne sais pas pourquoi | ne plus
    """),
    "de": terms("""
    noch nie so | noch nie solche | nicht normal | nicht nur | ohne zweifel | weiß nicht ob | weiss nicht ob
    nicht mehr
    """),
}

# A strong causal phrase right after a medicine ("X makes me ...", "me da ..."): an event even when the
# words after it are not in the symptom lexicon ("Vyvanse makes me talk a mile a minute").
STRONG_LINK: dict[str, tuple[str, ...]] = {
    "en": terms("""
    made me | makes me | making me | make me | gave me | gives me | giving me | got me | has me | had me | left me
    leaves me | keeps me | kept me | is making me | is giving me | has been making me | did this to me | having me
    have me | be having me | got me feeling | has me feeling | caused | causing | caused me | causes me | gave him
    gave her | makes you | made you | gives you | makes u | makes everything | made everything | makes him | makes her
    """),
    "es": terms("""
    me da | me dio | me ha dado | me provoca | me provocó | me causa | me causó | me hace
    me hizo | me deja | me dejó
    """),
    "fr": terms("""
    me donne | m'a donné | m'a donne | me rend | m'a rendu | m'a rendue | me fait | m'a fait
    me provoque
    """),
    "de": terms("macht mich | hat mich | gibt mir | gab mir | lässt mich | laesst mich | sorgt bei mir für"),
}

# Good outcomes after a causal phrase ("makes me feel better"): not an event.
BENEFIT: dict[str, tuple[str, ...]] = {
    "en": terms("""
    better | good | great | happy | happier | normal | calm | calmer | focused | productive | my life back
    feel human | feel like myself | hope | able to | smile | laugh | so much better | sleep well | sleep better
    """),
    "es": terms("mejor | bien | feliz | tranquil* | normal | vida | esperanza"),
    "fr": terms("mieux | bien | heureu* | calme | normal | la vie"),
    "de": terms("besser | gut | glücklich | gluecklich | ruhig | normal | mein leben zurück"),
}

# English terms are also read in Spanish, French and German posts (people mix in English), except
# these, which are ordinary words there ("pain" is bread in French, "gut" is good in German).
EN_FALSE_FRIENDS: dict[str, frozenset[str]] = {
    "es": frozenset(terms("""
    can | do | tender | vegetable | me | mi | sin | con | para | red | once | pie
    pan | son
    """)),
    "fr": frozenset(terms("""
    are | for | if | pain | pains | dont | cure | cures | face | hate | hates | mine | legs | slow | none
    lump | lumps
    ive | shot | shots | sore | focus | drops | crash | cycle | rage | me | ma | mon | mes | pas | sans | plus | sous
    rupture | ruptured
    """)),
    "de": frozenset(terms("""
    not | will | mine | im | gut | bald | dose | hurt | od | fault | med | rage | patch | die | died | dies | hat
    also | so | war | was | fast | art | rat | gift | kind | man | bad | see | hell | arm | bin | mist | brand
    """)),
    # Round 16: Portuguese "no" is "em" + "o" ("no dia seguinte tive febre": the next day I had a fever), never a
    # negation; the English cue negated the event (blind17 b17-0008).
    "pt": frozenset(terms("""
    no
    """)),
}
