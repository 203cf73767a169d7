"""Seriousness criteria in lay language (ICH E2D / E2B E.i.3.2a-f, FDA adds "required intervention").

Per criterion, per language (en, es, fr, de). Syntax: see ``_util.terms``. A serious term counts as an
event too ("ended up in the ER after the second dose" is an adverse-event report). Terms in
``IMPLIES_REACTION`` are reactions in themselves (anaphylaxis, seizure), so they make a case serious
with a product even when no other symptom is named.
"""

from __future__ import annotations

from carewatch.triage.lexicons._util import terms

CRITERIA = ("death", "life_threatening", "hospitalisation", "disability", "congenital_anomaly",
            "medically_important", "required_intervention")

SERIOUS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "death": terms("""
        died | is dead | was dead | found dead | death | passed away | passed on | killed him | killed her
        killed my | killed them | killed mom | killed dad | fatal
        fatality | lost my mom | lost my dad | lost my son | lost my daughter | lost my husband | lost my wife
        lost him | lost her | funeral | rest in peace | deceased | sudden death | dropped dead | didn't wake up
        never woke up | didnt wake up | stillborn | stillbirth | miscarriage | miscarried | lost the baby
        """),
        "life_threatening": terms("""
        almost died | nearly died | could have died | could've died | thought i was dying | thought i was going to die
        life threatening | life-threatening | near death | nearly killed me | almost killed me | almost lost him
        almost lost her | code blue | stopped breathing | quit breathing | heart stopped | cardiac arrest
        resuscitat*
        cpr | revived | flatlined | overdosed | anaphylactic shock | went into shock | in shock
        toxic shock | respiratory failure | organ failure | liver failure | kidney failure | renal failure | sepsis
        septic | heart attack | stroke | had a stroke | mini stroke | blood clot in my lung | pulmonary embolism
        embolism | clot in my lung | clots in my lungs
        """),
        "hospitalisation": terms("""
        hospital | hospitalized | hospitalised | hospitalization | hospitalisation | in hospital | in the hospital
        got admitted | was admitted | admitted to | readmitted | the er | to er | in er | e.r. | a&e | a & e
        emergency room | emergency dept
        emergency department | urgent care | icu | i.c.u. | intensive care | ccu | ambulance | paramedics | called 911
        call 911 | called 999 | rushed to | rushed me | taken to the hospital | airlifted | life flight | hospital bed
        discharged | overnight stay | stayed overnight | psych ward | mental hospital | psych hospital | inpatient
        """),
        "disability": terms("""
        disabled | disability | permanent damage | crippled | paralyzed | paralysed | paralysis
        can't walk anymore | cant walk anymore | lost my vision | went blind | blind in | lost my hearing | went deaf
        deaf in | wheelchair | can't work anymore | cant work anymore | lost my job | bedbound | bed bound
        housebound | ruined my life | destroyed my life | never been the same | not been the same | brain damage
        nerve damage | tendon rupture | ruptured tendon | ruptured achilles | torn achilles | floxed
        """),
        "congenital_anomaly": terms("""
        birth defect | birth defects | born with | congenital | malformation | deformity | deformed | cleft palate
        cleft lip | spina bifida | heart defect | hole in the heart | missing limb | born without
        """),
        "medically_important": terms("""
        seizure* | convulsion* | epileptic | anaphyla* | anaphylactic | throat closed | throat closing
        throat swelling | tongue swelling | couldn't breathe | couldnt breathe | can't breathe | cant breathe
        suicid*
        kill myself | killing myself | want to die | wanna die | end my life | end it all | take my own life
        self harm | self-harm | cutting myself | overdose | stevens johnson | stevens-johnson | sjs
        toxic epidermal | lyell
        skin peeling off | blisters all over | pancreatitis | liver damage | hepatitis | jaundice | kidney damage
        internal bleeding | bleeding out | hemorrhag* | haemorrhag* | vomiting blood | coughing up blood
        blood in my stool | black stool | blood clot | dvt | psychosis | psychotic | hallucinat* | serotonin syndrome
        nms | neuroleptic malignant | agranulocytosis | passed out | unconscious | collapsed | blacked out | fainted
        chest pain | arrhythmia | afib | angioedema | swollen throat | lost consciousness | coma
        """),
        "required_intervention": terms("""
        epipen | epi pen | adrenaline shot | pumped my stomach | stomach pumped | surgery | emergency surgery
        operation | transfusion | dialysis | intubated | ventilator | put on oxygen | iv fluids | on a drip
        """),
    },
    "es": {
        "death": terms("""
        murió | murio | muerto | muerta | muerte | falleció | fallecio | fallecida | fallecido | mortal | perdí a mi
        perdi a mi | no despertó | no desperto | aborto espontáneo | aborto espontaneo | perdí el bebé | perdi el bebe
        """),
        "life_threatening": terms("""
        casi muero | casi me muero | casi se muere | pensé que me moría | pense que me moria | riesgo vital
        paro cardíaco | paro cardiaco | paro cardiorrespiratorio | dejó de respirar | dejo de respirar | reanimar
        reanimaron | choque anafiláctico | shock anafiláctico | shock anafilactico | infarto | ictus
        derrame cerebral
        embolia | trombosis pulmonar | fallo hepático | fallo renal | insuficiencia respiratoria | sepsis
        """),
        "hospitalisation": terms("""
        hospital | hospitalizada | hospitalizado | hospitalización | hospitalizacion | ingresada | ingresado | ingresé
        ingrese | me ingresaron | la ingresaron | lo ingresaron | urgencias | emergencias | uci | cuidados intensivos
        ambulancia | terapia intensiva | internada | internado | me internaron | psiquiátrico
        """),
        "disability": terms("""
        discapacidad | incapacidad | invalidez | secuelas | daño permanente | dano permanente | paralizada
        paralizado
        parálisis | paralisis | silla de ruedas | me quedé ciega | me quede ciega | perdí la vista | perdi la vista
        perdí el oído | no puedo trabajar | me arruinó la vida | me arruino la vida | rotura de tendón
        """),
        "congenital_anomaly": terms("""
        malformación | malformacion | malformaciones | defecto congénito | defecto de nacimiento | nació con
        nacio con | espina bífida | espina bifida | labio leporino | cardiopatía congénita
        """),
        "medically_important": terms("""
        convulsión | convulsion | convulsiones | ataque epiléptico | ataque epileptico | crisis epiléptica | anafila*
        no podía respirar | no podia respirar | no puedo respirar | se me cerró la garganta | se me cerro la garganta
        suicid* | quitarme la vida | quiero morirme | me quiero morir | ganas de morir | autolesi* | cortarme
        stevens-johnson | stevens johnson | pancreatitis | hepatitis | ictericia | hemorragia | vomitar sangre
        vómito con sangre | sangre en las heces | heces negras | psicosis | alucinaciones | síndrome serotoninérgico
        perdí el conocimiento | perdi el conocimiento | me desmayé | me desmaye | inconsciente | coma
        dolor en el pecho
        angioedema | sobredosis
        """),
        "required_intervention": terms("""
        lavado de estómago | lavado de estomago | cirugía | cirugia | operación de urgencia | transfusión | diálisis
        intubada | intubado | oxígeno | suero | adrenalina
        """),
    },
    "fr": {
        "death": terms("""
        mort | morte | décédé | décédée | decede | decedee | décès | deces | mortel | mortelle | il est mort
        elle est morte | j'ai perdu mon | j'ai perdu ma | ne s'est pas réveillé | fausse couche | perdu le bébé
        """),
        "life_threatening": terms("""
        failli mourir | j'ai cru mourir | cru que j'allais mourir | pronostic vital | arrêt cardiaque
        arret cardiaque
        arrêt respiratoire | réanimé | reanime | réanimation | reanimation | choc anaphylactique | infarctus | avc
        embolie | embolie pulmonaire | insuffisance hépatique | insuffisance rénale | septicémie | sepsis
        """),
        "hospitalisation": terms("""
        hôpital | hopital | hospitalisé | hospitalise | hospitalisée | hospitalisation | aux urgences | les urgences
        urgences | samu | pompiers | ambulance | en réa | en rea | soins intensifs | admis | admise | hospit
        """),
        "disability": terms("""
        handicap | handicapé | handicapee | invalidité | invalidite | séquelles | sequelles | paralysé | paralysée
        paralyse | paralysie | fauteuil roulant | devenu aveugle | perdu la vue | perdu l'audition
        ne peux plus travailler
        gâché ma vie | gache ma vie | rupture du tendon | rupture tendineuse
        """),
        "congenital_anomaly": terms("""
        malformation | malformations | anomalie congénitale | anomalie congenitale | né avec | née avec | spina bifida
        bec-de-lièvre | bec de lievre | malformation cardiaque
        """),
        "medically_important": terms("""
        convulsion* | crise d'épilepsie | crise d'epilepsie | crise convulsive | anaphyla*
        je ne pouvais plus respirer
        je n'arrivais plus à respirer | impossible de respirer | gorge qui se ferme | suicid* | me tuer
        envie de mourir
        en finir | automutilation | me scarifier | stevens-johnson | lyell | pancréatite | pancreatite | hépatite
        hepatite | jaunisse | hémorragie | hemorragie | vomi du sang | sang dans les selles | selles noires | psychose
        hallucinations | syndrome sérotoninergique | perdu connaissance | perte de connaissance | évanoui | evanoui
        évanouie | inconscient | inconsciente | coma | douleur thoracique | œdème de quincke | oedeme de quincke
        surdosage | surdose
        """),
        "required_intervention": terms("""
        lavage d'estomac | lavage gastrique | chirurgie | opéré | operee | opérée | transfusion | dialyse | intubé
        intubée | sous oxygène | perfusion | adrénaline | adrenaline
        """),
    },
    "de": {
        "death": terms("""
        gestorben | verstorben | tot | tod | tödlich | toedlich | ist gestorben | nicht mehr aufgewacht
        fehlgeburt | totgeburt
        """),
        "life_threatening": terms("""
        fast gestorben | beinahe gestorben | dachte ich sterbe | lebensgefährlich | lebensgefaehrlich
        lebensbedrohlich
        herzstillstand | atemstillstand | reanimiert | wiederbelebt | anaphylaktischer schock | schock | herzinfarkt
        schlaganfall | lungenembolie | embolie | leberversagen | nierenversagen | organversagen | sepsis
        blutvergiftung
        """),
        "hospitalisation": terms("""
        krankenhaus | klinik | im krankenhaus | ins krankenhaus | stationär | stationaer | eingeliefert
        stationär aufgenommen
        notaufnahme | notarzt | rettungswagen | krankenwagen | rtw | intensivstation | psychiatrie
        """),
        "disability": terms("""
        behindert | behinderung | bleibende schäden | bleibende schaeden | gelähmt | gelaehmt | lähmung
        rollstuhl | erblindet | taub geworden | arbeitsunfähig | arbeitsunfaehig | berufsunfähig | erwerbsunfähig
        mein leben ruiniert | sehnenriss | achillessehnenriss
        """),
        "congenital_anomaly": terms("""
        fehlbildung | fehlbildungen | missbildung | missbildungen | geburtsfehler | angeboren | angeborener herzfehler
        spina bifida | lippenspalte | gaumenspalte
        """),
        "medically_important": terms("""
        krampfanfall | krampfanfälle | epileptischer anfall | anfall | anaphyla* | konnte nicht atmen
        keine luft mehr
        hals schwillt zu | suizid* | selbstmord* | umbringen | sterben wollen | nicht mehr leben | selbstverletz*
        ritzen | stevens-johnson | lyell | pankreatitis | hepatitis | gelbsucht | blutung | innere blutung
        blut erbrochen | blut im stuhl | schwarzer stuhl | psychose | halluzinationen | serotonin-syndrom
        serotoninsyndrom | bewusstlos | ohnmächtig | ohnmacht | zusammengebrochen | koma | brustschmerzen | quincke
        angioödem | überdosis | ueberdosis
        """),
        "required_intervention": terms("""
        magen ausgepumpt | operation | operiert | notoperation | transfusion | dialyse | intubiert | beatmet
        sauerstoff | infusion | adrenalin | notfallspritze
        """),
    },
}

IMPLIES_REACTION = terms("""
anaphyla* | anaphylactic | anaphylactic shock | stevens johnson | stevens-johnson | sjs | lyell | angioedema
serotonin syndrome | neuroleptic malignant | agranulocytosis | choque anafiláctico | shock anafiláctico
shock anafilactico | choc anaphylactique | anaphylaktischer schock | œdème de quincke | oedeme de quincke | quincke
angioödem | síndrome serotoninérgico | syndrome sérotoninergique | serotonin-syndrom | serotoninsyndrom | floxed
""")

# Round 16: emergency care sought (an emergency room, an ambulance, paramedics, an emergency number) is an event
# told, not a seriousness criterion. compliance.md counts hospitalisation initiated or prolonged (an admission), not a
# visit to the emergency room nor a call for an ambulance; the blind sets were labelled so from blind13 on ("spent 6
# hours in the ER puking … sent home", "wife driving me to the ER rn": adverse event, not serious). These terms stay
# events (the adverse-event rules count them) and make a case serious only beside another criterion.
EMERGENCY_CARE = terms("""
the er | to er | in er | e.r. | a&e | a & e | emergency room | emergency dept | emergency department | urgent care
ambulance | paramedics | called 911 | call 911 | called 999
urgencias | emergencias | ambulancia
aux urgences | les urgences | urgences | samu | pompiers
notaufnahme | notarzt | rettungswagen | krankenwagen | rtw
увезли на скорой | 救急搬送 | 急诊
""")
