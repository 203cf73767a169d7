"""Special situations to flag even without an adverse event (GVP VI / ICH E2D), in lay language.

Per situation, per language (en, es, fr, de). Syntax: see ``_util.terms``. Off-label use is found by
the detector from the client's approved indications (``ProductTerms.indications``) plus the
``OFF_LABEL`` cues here; paediatric use also by age patterns ("my 8 year old", "mi hijo de 5 años").
"""

from __future__ import annotations

from carewatch.triage.lexicons._util import terms

SITUATIONS = ("pregnancy", "breastfeeding", "overdose", "misuse_abuse", "medication_error", "off_label",
              "lack_of_efficacy", "paediatric", "occupational_exposure")

SPECIAL: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "pregnancy": terms("""
        pregnant | pregnancy | preggo | preggers | expecting a baby | weeks pregnant | months pregnant
        first trimester
        second trimester | third trimester | trimester | got pregnant | became pregnant | while pregnant
        during pregnancy | positive pregnancy test | positive test | my unborn | unborn baby | the baby's heartbeat
        conceived | conceiving | ttc | trying to conceive | ivf
        """),
        "breastfeeding": terms("""
        breastfeeding | breast feeding | breast-feeding | breastfed | breast fed | nursing my | while nursing
        i'm nursing | im nursing | pumping | pumped milk | breast milk | breastmilk | lactating | ebf
        """),
        "overdose": terms("""
        overdose | overdosed | overdosing | od | od'd | od'ed | odd on | took too many | took too much
        too many pills
        double dose | double dosed | doubled up | took two doses | took 2 doses | took it twice | took them twice
        took an extra | took extra | extra dose | took a double | double the dose | twice the dose | triple dose
        took the whole | whole bottle | whole pack | handful of pills | more than prescribed | more than i should
        swallowed a bunch | poison control
        """),
        "misuse_abuse": terms("""
        snort* | crushed and snorted | crush and snort | inject it | injecting it | shoot up | shooting up | iv'd
        get high | getting high | got high | to get high | recreational | recreationally | for fun | for the high
        abuse | abusing | misuse | misusing | addicted | addiction | hooked | doctor shopping | buying them online
        bought online | without a prescription | without prescription | no prescription | from a friend
        my friend's | someone else's | my roommate's
        dealer | plug | mixing with alcohol | with alcohol | with booze | with vodka | drunk on | washed down with
        stay awake | study drug | to study | to party | party drug | microdos* | more than prescribed
        """),
        "medication_error": terms("""
        wrong dose | wrong dosage | wrong medication | wrong medicine | wrong pill | wrong pills | wrong drug
        wrong strength | wrong prescription | wrong meds | gave me the wrong | filled it wrong | filled the wrong
        mixed up | mix up | mix-up | mixup | by mistake | accidentally took | accidentally gave | took it by accident
        by accident | forgot i took | forgot i already took | forgot if i took | took it twice | missed a dose
        missed my dose | missed doses | skipped a dose | forgot to take | forgot my | expired | out of date
        past the expiry | past its expiry | past expiration | expiration date | injected wrong | wrong spot
        wrong site | injected into | pen malfunction | dose counter | dosing error | pharmacy error | pharmacist gave
        """),
        "off_label": terms("""
        off label | off-label | offlabel | not approved for | isn't approved for | not fda approved for
        """),
        "lack_of_efficacy": terms("""
        stopped working | stop working | stops working | quit working | doesn't work | doesnt work | does not work
        didn't work | didnt work | did not work | not working | isn't working | isnt working | no longer works
        no longer working | not working anymore | doesn't work anymore | does nothing | did nothing | do nothing
        doing nothing | useless | no effect | no difference | not helping | doesn't help | didn't help | didnt help
        isn't helping | not doing anything | hasn't helped | wore off | wears off too fast | wears off | ineffective
        not effective | no improvement | still sick | still in pain | still depressed | still anxious
        worse than before
        waste of money | not strong enough | tolerance | built a tolerance | building a tolerance | immune to it
        didn't even work | didnt even work | didn't really work | didn't really help | didnt really help
        doesn't even work | doesnt even work | dont work | don't work | won't work | never works | never worked
        not working so well | not working well | stopped being effective | stopped being so effective
        lost its effectiveness | lost effectiveness | lost some effectiveness | less effective | not as effective
        failed | failing | didn't do shit | didnt do shit | doesn't do shit | doesnt do shit | ain't doing shit
        aint doing shit | not doing shit | doing jack | does jack | didn't do anything | didnt do anything
        doesn't do anything | doesnt do anything | didn't do a thing | not doing a thing | not a bloody thing
        zero effect | had no effect | having no effect | didn't touch | doesn't touch | doesnt touch | barely works
        barely helps | hardly works | only worked for | worked for a while | worked for awhile | until it stopped
        developed antibodies | built up a tolerance | not working its magic | no luck with | had no luck
        did nothing for me | does nothing for me | do nothing for me | didn't work for me | didnt work for me
        doesn't work for me | doesnt work for me | not doing its job | not doing your job | didn't seem to work
        did not seem to work | doesn't seem to work | doesnt seem to work | not even helping | stopped helping
        """),
        "paediatric": terms("""
        my baby | my toddler | my infant | my newborn | my kid | my kids | my child | my children | my little one
        my little boy | my little girl | my teen | my teenager | my preschooler | our baby | our son | our daughter
        baby's | toddler | infant | newborn | preemie | month old | months old | pediatric | paediatric
        my 1st grader
        """),
        "occupational_exposure": terms("""
        needlestick | needle stick | stuck myself | accidental exposure | spilled on my skin | got it on my skin
        got it in my eye | splashed in my eye | handling it at work | at work i handle
        """),
    },
    "es": {
        "pregnancy": terms("""
        embarazada | embarazo | embarazadas | embarazo de | semanas de embarazo | meses de embarazo | estoy en cinta
        encinta | primer trimestre | segundo trimestre | tercer trimestre | me quedé embarazada | me quede embarazada
        buscando bebé | buscando embarazo | fiv | in vitro
        """),
        "breastfeeding": terms("""
        lactancia | lactando | amamantando | amamanto | dando el pecho | dando pecho | doy el pecho | doy pecho
        leche materna | dando de mamar
        """),
        "overdose": terms("""
        sobredosis | me tomé dos | me tome dos | tomé dos | tome dos | doble dosis | dosis doble | tomé de más
        tome de mas | me pasé de dosis | me pase de dosis | demasiadas pastillas | más de lo recetado
        mas de lo recetado
        toda la caja | todo el frasco | me tomé la caja | intoxicación | intoxicacion | intoxicada | intoxicado
        """),
        "misuse_abuse": terms("""
        esnif* | aspirar | inyectarme | para colocarme | colocarme | para drogarme | drogarme | recreativ*
        por diversión
        abuso | abusar | adicta | adicto | adicción | adiccion | enganchada | enganchado | sin receta | de un amigo
        de una amiga | de mi madre | con alcohol | con alcohol encima | mezclado con alcohol | más de lo recetado
        """),
        "medication_error": terms("""
        dosis equivocada | dosis incorrecta | medicamento equivocado | pastilla equivocada | me dieron otro
        me equivoqué | me equivoque | por error | por equivocación | sin querer | se me olvidó si la tomé
        me olvidé de tomar | me olvide de tomar | olvidé tomar | olvide tomar | caducado | caducada | caducados
        vencido | vencida | vencidos | error de la farmacia | la farmacia me dio
        """),
        "off_label": terms("fuera de ficha técnica | fuera de ficha tecnica | uso fuera de indicación | off label"),
        "lack_of_efficacy": terms("""
        no hace nada | no me hace nada | no me hizo nada | no funciona | no me funciona | ya no funciona
        ya no me funciona | no sirve | no sirve de nada | no me sirve | dejó de funcionar | dejo de funcionar
        sin efecto
        no hace efecto | no me hace efecto | ningún efecto | ningun efecto | no noto nada | no mejoro | no he mejorado
        sigo igual | sigue igual | siguen igual | sigo con dolor | sigo mal | peor que antes | tolerancia
        """),
        "paediatric": terms("""
        mi bebé | mi bebe | mi hijo pequeño | mi hija pequeña | mi niño | mi niña | mi nene | mi nena | mis hijos
        mi pequeño | mi pequeña | bebé | bebe | niño de | niña de | pediátric* | pediatric* | meses de edad | lactante
        recién nacido | recien nacido
        """),
        "occupational_exposure": terms("""
        me pinché con la aguja | me pinche con la aguja | pinchazo accidental | exposición accidental | me salpicó
        """),
    },
    "fr": {
        "pregnancy": terms("""
        enceinte | grossesse | enceintes | semaines de grossesse | mois de grossesse | sa | premier trimestre
        deuxième trimestre | troisième trimestre | je suis tombée enceinte | tombee enceinte | projet bébé | fiv
        essai bébé
        """),
        "breastfeeding": terms("""
        allaite | allaitement | allaitante | j'allaite | allaiter | lait maternel | tire-lait | je donne le sein
        """),
        "overdose": terms("""
        surdosage | surdose | overdose | j'ai pris deux | double dose | dose double | pris deux fois | pris trop
        trop de comprimés | trop de cachets | toute la boîte | toute la boite | plaquette entière | intoxication
        intoxiqué | intoxiquée | centre antipoison
        """),
        "misuse_abuse": terms("""
        sniff* | snifer | pour planer | planer | défonce | defonce | récréati* | recreati* | pour le fun
        abus | abuser | mésusage | mesusage | accro | addict* | dépendant | dependant | sans ordonnance
        d'un ami | d'une amie | de ma mère | avec de l'alcool | avec l'alcool | mélangé avec de l'alcool
        """),
        "medication_error": terms("""
        mauvaise dose | mauvais dosage | mauvais médicament | mauvais medicament | erreur de dosage
        erreur de médicament
        la pharmacie s'est trompée | la pharmacie s'est trompee | par erreur | par mégarde | par megarde
        sans faire exprès
        oublié de prendre | oublie de prendre | oubli de dose | périmé | perime | périmée | périmés | date dépassée
        erreur de la pharmacie
        """),
        "off_label": terms("hors amm | hors-amm | hors autorisation | off label | off-label"),
        "lack_of_efficacy": terms("""
        ne marche pas | ne marche plus | marche pas | marche plus | ne fonctionne pas | ne fonctionne plus
        ne fait rien | fait rien | ne me fait rien | aucun effet | sans effet | pas d'effet | plus d'effet
        inefficace
        n'agit pas | n'agit plus | ça ne m'aide pas | aucune amélioration | aucune amelioration | toujours mal
        toujours aussi mal | pire qu'avant | tolérance | accoutumance
        """),
        "paediatric": terms("""
        mon bébé | mon bebe | mon enfant | mes enfants | mon petit | ma petite | mon fils de | ma fille de
        bébé | bebe
        nourrisson | nouveau-né | nouveau né | pédiatri* | pediatri* | tout-petit
        """),
        "occupational_exposure": terms("""
        piqûre accidentelle | piqure accidentelle | exposition accidentelle | je me suis piqué | projection dans l'œil
        """),
    },
    "de": {
        "pregnancy": terms("""
        schwanger | schwangerschaft | ssw | schwangerschaftswoche | in der schwangerschaft | erstes trimester
        zweites trimester | drittes trimester | schwanger geworden | kinderwunsch | künstliche befruchtung
        """),
        "breastfeeding": terms("""
        stillen | stille | stillzeit | gestillt | muttermilch | abpumpen | abgepumpt | in der stillzeit
        """),
        "overdose": terms("""
        überdosis | ueberdosis | überdosiert | ueberdosiert | überdosierung | doppelte dosis | doppelt genommen
        zwei tabletten statt | zu viele tabletten | zu viel genommen | die ganze packung | ganze packung
        vergiftung | giftnotruf | giftnotrufzentrale
        """),
        "misuse_abuse": terms("""
        geschnupft | gesnieft | sniefen | um high zu werden | high werden
        zum spaß
        zum spass | missbrauch | missbraucht | süchtig | suechtig | abhängig | abhaengig | ohne rezept
        von einem freund
        von einer freundin | von meiner mutter | mit alkohol | mit alkohol gemischt
        """),
        "medication_error": terms("""
        falsche dosis | falsche dosierung | falsches medikament | falsche tablette | falsche tabletten | verwechselt
        verwechslung | aus versehen | versehentlich | aus versehen doppelt | vergessen zu nehmen | einnahme vergessen
        vergessen ob ich | abgelaufen | abgelaufene | verfallsdatum | haltbarkeit überschritten | die apotheke hat
        falsch abgegeben
        """),
        "off_label": terms("off label | off-label | außerhalb der zulassung | ausserhalb der zulassung"),
        "lack_of_efficacy": terms("""
        wirkt nicht | wirkt nicht mehr | wirkt kaum | keine wirkung | ohne wirkung | bringt nichts | bringt nix
        hilft nicht | hilft nicht mehr | hilft nix | hat nicht geholfen | nicht geholfen | wirkungslos | unwirksam
        keine besserung | keine verbesserung | immer noch schmerzen | schlimmer als vorher | gewöhnungseffekt
        """),
        "paediatric": terms("""
        mein baby | mein kind | meine kinder | mein kleiner | meine kleine | mein sohn ist | meine tochter ist | baby
        säugling | saeugling | kleinkind | neugeborenes | kinderarzt | kinderärztin | pädiatri* | monate alt
        """),
        "occupational_exposure": terms("""
        nadelstichverletzung | an der nadel gestochen | versehentlich exponiert | spritzer ins auge
        """),
    },
}

# Round 10 (issue 10; dev13, written from the patterns of every set's special-situation misses): a dose done twice by
# mistake or someone else's pen used, a whole supply swallowed, and lack of efficacy told by what did not change.
ROUND10: dict[str, dict[str, str]] = {
    "en": {
        "medication_error": """
        accidentally did | accidentally injected | accidentally used | accidentally doubled | injected it twice
        did it twice | did my shot twice | did my dose twice | forgot i'd already | forgot i had already
        forgot i already did | instead of his insulin | instead of her insulin | instead of my insulin
        grabbed my pen | used my pen | accidentally dialed | accidentally dialled | dialed the wrong dose
        dialled the wrong dose
        """,
        "misuse_abuse": "my neighbour's | my neighbor's | someone else's pen | someone else's pens",
        "overdose": """
        swallowed every | swallowed all | swallowed the whole | took every tablet | took every pill | took all my pills
        took all my tablets | took the whole box | took the whole pack
        took all of my | took all of her | took all of his | took all her | took all his | took all their
        """,
        "lack_of_efficacy": """
        exactly like day one | exactly the same as before | look exactly the same | not a single patch
        no better than before | a1c went up | sugars went up | shots for nothing | nothing has changed
        hasn't changed a thing
        still the same | same as before | zero improvement | not one bit better
        """,
    },
    "es": {
        "overdose": """me tomé todas | me tome todas | me tragué todas | me trague todas | tragarme todas
        me bebí todas""",
        "lack_of_efficacy": """
        sigue igual | sigue exactamente igual | sigo igual | ni una mancha menos | ninguna mejora | sin mejoría
        sin ninguna mejoría | no ha mejorado nada | no mejoró nada | igual que antes
        """,
    },
    "fr": {
        "overdose": """j'ai pris toutes | j'ai pris tous | j'ai avalé toutes | j'ai avalé tous | j'ai avale tous
        j'ai avale toutes""",
        "lack_of_efficacy": """
        aucune amélioration | toujours aussi mal | toujours pareil | pas mieux qu'avant | rien n'a changé
        comme avant | aucun changement
        """,
    },
    "de": {
        "overdose": """die ganze packung | alle tabletten genommen | alle tabletten geschluckt | auf einmal gespritzt
        auf einmal genommen""",
        "lack_of_efficacy": """
        genauso wie vorher | genau wie vorher | keine besserung | null besserung | nicht besser geworden | unverändert
        hat sich nichts geändert | null wirkung | keine wirkung
        """,
    },
}
for _lang, _situations in ROUND10.items():
    for _situation, _block in _situations.items():
        SPECIAL[_lang][_situation] = (*SPECIAL[_lang].get(_situation, ()), *terms(_block))

# Round 13 (blind14's misses by general cause): a wrong strength or a wrong pen handed over by the pharmacy is a
# medication error ("the pharmacist handed me the 1 mg pen instead of my 0.25"); only "gave me the wrong" was listed.
# Several pens or doses at once is an overdose: only German had it ("auf einmal gespritzt").
ROUND13: dict[str, dict[str, str]] = {
    "en": {"medication_error": """handed me the wrong | gave me the wrong pen | gave me the higher dose
           | gave me the wrong strength | mg pen instead of my | mg pen instead of the""",
           "overdose": " | ".join(f"{verb} {count} {what} {when}"
                                  for verb in ("did", "injected", "used", "took", "shot", "jabbed", "done")
                                  for count in ("2", "3", "4", "two", "three", "four", "all my", "several")
                                  for what in ("pens", "shots", "doses", "injections")
                                  for when in ("at once", "in one go", "at the same time"))},
    "es": {"medication_error": """me dieron la dosis equivocada | me dieron la pluma equivocada | dosis equivocada
           | concentración equivocada | la farmacia se equivocó""",
           "overdose": """plumas de una vez | dosis de una vez | inyecciones de una vez | plumas de golpe
           | dosis de golpe"""},
    "fr": {"medication_error": """mauvais dosage | le mauvais stylo | le pharmacien s'est trompé
           | la pharmacie s'est trompée""",
           "overdose": """stylos d'un coup | doses d'un coup | injections d'un coup | stylos en une fois
           | doses en une fois"""},
    "de": {"medication_error": """falsche stärke | falschen pen mitgegeben | apotheke hat sich vertan
           | falsche dosierung""",
           "overdose": "pens auf einmal | dosen auf einmal | spritzen auf einmal | pens auf einen schlag"},
}
for _lang, _situations in ROUND13.items():
    for _situation, _block in _situations.items():
        SPECIAL[_lang][_situation] = (*SPECIAL[_lang].get(_situation, ()), *terms(_block))
