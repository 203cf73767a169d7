# ruff: noqa: E501  (a data file of sentences: each stays on one line, whole and greppable)
"""What the demo's public says, in English, Spanish and French: templates and slot fillers.

A template is a sentence with ``{slots}``; :class:`Slots` fills each slot once per text from
the lists below (per language, per product, per client), or makes a value (a fictional phone
number, a lot number, a date of birth). A value may hold slots of its own. A slot written with
a capital (``{Relative}``) is the same value with its first letter capitalised.

Everything is invented: people, handles, pharmacies, insurers, places. Phone numbers are in the
555-0100..0199 range reserved for fiction; e-mail addresses are at example.com/net/org.
"""

from __future__ import annotations

import random
import unicodedata
from datetime import date, timedelta

Lists = dict[str, list[str]]

# ---------------------------------------------------------------------------- people
FIRST = {
    "en": ["Jordan", "Tasha", "Brenda", "Marcus", "Kelsey", "Doug", "Renee", "Tyler", "Latoya", "Gary", "Megan",
           "Curtis", "Dana", "Shonda", "Travis", "Carol", "Wendell", "Amber", "Rick", "Jolene", "Kevin",
           "Lorraine", "Deshawn", "Heather", "Phil", "Tamika", "Bethany", "Earl", "Crystal", "Nadia", "Owen",
           "Gloria", "Jamal", "Kristen", "Hank", "Mei", "Dolores", "Alan", "Trish", "Bao", "Imani", "Wes"],
    "es": ["María José", "Guadalupe", "Luis", "Carmen", "Jorge", "Rosa", "Miguel Ángel", "Yesenia", "Héctor",
           "Marisol", "Rubén", "Leticia", "Alejandro", "Paola", "Ernesto", "Lupita", "Ramón", "Daniela",
           "Francisco", "Araceli", "Nayeli", "Rigoberto"],
    "fr": ["Geneviève", "Mathieu", "Sylvie", "Étienne", "Nathalie", "Luc", "Isabelle", "Patrice", "Chantal",
           "Olivier", "Josée", "François", "Mélanie", "Yannick", "Marie-Ève", "Denis", "Annick", "Benoît"],
}
LAST = {
    "en": ["Hollis", "Mercer", "Okafor", "Brandt", "Pruitt", "Calloway", "Dunmore", "Yates", "Fairbanks",
           "Kowalczyk", "Ashworth", "Lindgren", "Whitlock", "Padgett", "Rourke", "Haskins", "Nakamura", "Delacroix",
           "Strickland", "Vance", "Tolliver", "Greer", "Osei", "Ridley", "Quintero", "Falk", "Sorensen", "Hatcher",
           "Abernathy", "Pham"],
    "es": ["Hernández", "Villarreal", "Ochoa", "Cabrera", "Zamora", "Montoya", "Esquivel", "Treviño", "Salinas",
           "Benítez", "Arellano", "Castañeda", "Quiroga", "Barrios", "Pineda", "Olvera"],
    "fr": ["Lachance", "Bouchard", "Desrosiers", "Lavigne", "Thibodeau", "Paquette", "Boisvert", "Gauthier",
           "Leclerc", "Pelletier", "Fournier", "Charbonneau", "Poirier", "Vachon", "Ouellet"],
}
HANDLE_WORDS = ["sugar", "pixel", "coffee", "garden", "river", "maple", "sunny", "lucky", "quiet", "brave", "rusty",
                "cozy", "midwest", "lake", "desert", "mountain", "salty", "tiny", "prairie", "velvet", "north"]
HANDLE_NOUNS = ["mama", "dad", "runner", "knitter", "gamer", "nurse", "teacher", "trucker", "baker", "reader",
                "fisher", "walker", "cat", "dog", "bee", "fox", "grandma", "coach", "vet", "quilter"]


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def make_handle(rng: random.Random, first: str, last: str) -> str:
    first_a = ascii_fold(first).lower().replace(" ", "").replace("-", "")
    last_a = ascii_fold(last).lower().replace(" ", "")
    style = rng.randrange(6)
    if style == 0:
        handle = f"{first_a}{last_a[:1]}{rng.randrange(10, 99)}"
    elif style == 1:
        handle = f"{first_a}_{last_a}"
    elif style == 2:
        handle = f"{rng.choice(HANDLE_WORDS)}_{rng.choice(HANDLE_NOUNS)}{rng.randrange(1, 99)}"
    elif style == 3:
        handle = f"{first_a}.{last_a}{rng.choice(['', '', str(rng.randrange(60, 99))])}"
    elif style == 4:
        handle = f"the{rng.choice(HANDLE_WORDS)}{rng.choice(HANDLE_NOUNS)}"
    else:
        handle = f"{first_a[:1]}{last_a}_{rng.randrange(1950, 2005)}"
    return handle[:24]


# ---------------------------------------------------------------------------- shared slot values
VALUES: dict[str, Lists] = {
    "en": {
        "relative": ["my mom", "my dad", "my husband", "my wife", "my grandma", "my grandpa", "my mother-in-law",
                     "my father-in-law", "my aunt", "my uncle", "my brother", "my sister", "my partner"],
        "days": ["2 days", "3 days", "four days", "a week", "5 days", "ten days", "over a week"],
        "weeks": ["2 weeks", "three weeks", "a month", "6 weeks", "two months", "a few weeks"],
        "months": ["3 months", "six months", "almost a year", "8 months", "a year and a half", "4 months"],
        "weekday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        "month": ["June", "July", "August", "September", "October"],
        "pharmacy": ["MedCorner Pharmacy", "Valley Drug", "QuickScript", "the Harbor Rx on 5th", "my local pharmacy",
                     "the grocery store pharmacy", "Pillbox Pharmacy", "the pharmacy at my clinic"],
        "specialty": ["CareLine Specialty Pharmacy", "the mail-order pharmacy", "ColdChain Rx", "the specialty pharmacy"],
        "insurer": ["BlueHarbor", "Evergreen Health Plan", "Summit Care", "my Medicare Part D plan", "Medicaid",
                    "my employer plan", "TriState Health", "Keystone Mutual"],
        "state": ["Ohio", "Texas", "Florida", "Georgia", "Michigan", "Arizona", "Tennessee", "Pennsylvania", "Iowa"],
        "city_intl": ["Mexico", "Italy", "Japan", "Portugal", "the Dominican Republic", "Canada"],
        "symptom_er": ["chest pain", "a broken wrist", "a fever of 103", "a bad asthma attack", "a cut that needs stitches",
                       "terrible stomach pain", "slurred speech and confusion", "a kidney stone"],
        "ae_hosp": ["very drowsy", "confused and dizzy", "having trouble breathing", "throwing up"],
        "emoji": ["🙏", "😩", "😡", "💙", "🙄", "😭", "👍", "❤️", "🤞", "😤"],
        "friend": ["@jenna_bakes", "@tomtomr", "@the.real.dee", "@marcyk_72", "@lily_pad_88", "@bigmike.fishes"],
        "town": ["Millbrook", "Oakhaven", "Fairmont Hollow", "Ashby Falls", "Pine Ridge", "Lowell Crossing"],
        "street": ["Larkspur Ln", "Old Mill Rd", "Quarry Hill Dr", "Birchwood Ct", "Sycamore Ave", "Kestrel Way",
                   "Tanner St", "Willow Bend Rd"],
        "site_spam": ["glucose-deals.example/claim", "fastpharm-shop.example", "earn-daily.example/start",
                      "verify-page-support.example/login", "crypto-doubler.example"],
    },
    "es": {
        "relative": ["mi mamá", "mi papá", "mi esposo", "mi esposa", "mi abuela", "mi abuelo", "mi suegra",
                     "mi hermano", "mi tía", "mi tío"],
        "days": ["2 días", "tres días", "una semana", "5 días", "más de una semana"],
        "weeks": ["2 semanas", "tres semanas", "un mes", "6 semanas", "dos meses"],
        "months": ["3 meses", "seis meses", "casi un año", "8 meses"],
        "weekday": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
        "month": ["junio", "julio", "agosto", "septiembre", "octubre"],
        "insurer": ["mi seguro", "Medicaid", "Medicare", "el seguro de mi trabajo", "Evergreen Health Plan"],
        "state": ["Texas", "Florida", "Puerto Rico", "California", "Illinois", "Nuevo México"],
        "symptom_er": ["dolor de pecho", "una fractura en la muñeca", "fiebre muy alta", "un ataque de asma",
                       "una cortada que necesita puntadas", "un dolor de estómago terrible"],
        "emoji": ["🙏", "😩", "😡", "💙", "😭", "❤️"],
        "town": ["Millbrook", "Oakhaven", "Ashby Falls", "Pine Ridge"],
        # Riverbend Health, for Spanish speakers
        "facility": ["Riverbend Medical Center", "Millbrook Urgent Care", "la clínica de Oakhaven",
                     "la clínica infantil de Riverbend"],
        "unit": ["4 West", "Labor y Parto", "cuidados intensivos", "cirugía", "oncología"],
        "dept": ["cardiología", "dermatología", "gastroenterología", "ortopedia", "mamografía", "pediatría"],
    },
    "fr": {
        "relative": ["ma mère", "mon père", "mon conjoint", "ma conjointe", "ma grand-mère", "mon frère", "ma sœur",
                     "ma tante"],
        "days": ["2 jours", "trois jours", "une semaine", "5 jours", "plus d'une semaine"],
        "weeks": ["2 semaines", "trois semaines", "un mois", "6 semaines", "deux mois"],
        "months": ["3 mois", "six mois", "presque un an", "8 mois"],
        "weekday": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
        "month": ["juin", "juillet", "août", "septembre", "octobre"],
        "pharmacy": ["ma pharmacie", "la pharmacie du coin", "la Pharmacie Beaulieu", "la pharmacie de mon CLSC"],
        "specialty": ["la pharmacie de spécialité", "le service de livraison", "ColdChain Rx"],
        "insurer": ["mon assurance collective", "la RAMQ", "mon assureur", "le régime public"],
        "town": ["Saint-Aubin-des-Lacs", "Val-Beaumont", "Sainte-Odile-du-Nord", "Lac-Mirabeau"],
        "street": ["rue des Érables", "boulevard du Ruisseau", "rue Sainte-Odile", "chemin du Lac-Vert", "rue Papineau-Nord"],
        "emoji": ["🙏", "😩", "😡", "💜", "😭", "❤️"],
    },
}

# ---------------------------------------------------------------------------- per product
PRODUCT_VALUES: dict[str, dict[str, Lists]] = {
    "glucavio": {
        "en": {
            "condition": ["type 2 diabetes", "T2D", "my diabetes"],
            "dose": ["0.25 mg", "0.5 mg", "1 mg", "2 mg"],
            "ae": ["nausea", "constant nausea", "vomiting", "sulfur burps", "bad constipation", "diarrhea", "heartburn",
                   "zero appetite", "terrible fatigue", "dizziness", "hair thinning", "a rash where I inject", "headaches"],
            "ae_severe": ["pancreatitis", "severe upper stomach pain going through to my back", "a gallbladder attack",
                          "a blood sugar of 48", "blurry vision", "severe dehydration from vomiting",
                          "hives and a swollen lip", "kidney numbers that suddenly got worse", "a bowel obstruction"],
            "result": ["my A1C went from {a1c_from} to {a1c_to}", "my fasting sugars are finally under 120",
                       "I'm off two of my other diabetes meds", "my morning numbers are the best in ten years",
                       "my doctor cut my insulin dose in half", "I can walk the dog again without getting winded"],
            "device_problem": ["the pen clicked but no medicine came out", "the dose counter got stuck at {dose}",
                               "the needle bent going in", "the pen leaked from the side when I dialed the dose",
                               "the dose selector won't turn past zero", "the cap cracked right down the middle"],
            "quality_problem": ["my Glucavio Daily tablets are a different color than usual (more yellow than white)",
                                "the foil seal on my Glucavio Daily bottle was missing",
                                "the carton was already open and the tamper seal was cut",
                                "the liquid in my new pen looks cloudy instead of clear",
                                "half the Glucavio Daily tablets in the blister pack were crumbled",
                                "the pen label says 0.5 mg but the box says 1 mg"],
            "hcp_role": ["endocrinologist", "NP at a community clinic", "pharmacist", "diabetes educator",
                         "family physician"],
        },
        "es": {
            "condition": ["diabetes tipo 2", "mi diabetes"],
            "dose": ["0.25 mg", "0.5 mg", "1 mg", "2 mg"],
            "ae": ["náuseas", "vómitos", "estreñimiento", "diarrea", "agruras", "mareos", "mucho cansancio",
                   "caída de cabello"],
            "ae_severe": ["pancreatitis", "un dolor fuerte arriba del estómago que se pasaba a la espalda",
                          "un ataque de vesícula", "el azúcar en 48", "ronchas y los labios hinchados",
                          "deshidratación por tanto vomitar"],
            "result": ["mi A1C bajó de {a1c_from} a {a1c_to}", "mi azúcar en ayunas por fin está debajo de 120",
                       "ya no necesito dos de mis otras medicinas para la diabetes",
                       "mi médico me bajó la insulina a la mitad"],
            "device_problem": ["la pluma hizo clic pero no salió medicina", "el contador de dosis se quedó trabado",
                               "la aguja se dobló", "la pluma goteaba por un lado"],
            "quality_problem": ["las pastillas de Glucavio Daily del frasco nuevo son de otro color (más amarillas)",
                                "el sello de la caja ya venía roto", "el líquido de la pluma nueva se ve turbio"],
        },
        "fr": {
            "condition": ["diabète de type 2", "mon diabète"],
            "dose": ["0,25 mg", "0,5 mg", "1 mg", "2 mg"],
            "ae": ["des nausées", "des vomissements", "de la constipation", "des brûlures d'estomac", "des étourdissements"],
            "ae_severe": ["une pancréatite", "une crise de vésicule biliaire", "une glycémie à 2,7",
                          "une forte déshydratation"],
            "result": ["mon A1C est passée de {a1c_from} à {a1c_to}", "ma glycémie à jeun est enfin normale"],
            "device_problem": ["le stylo a cliqué mais rien n'est sorti", "le compteur de dose est resté bloqué"],
            "quality_problem": ["le sceau de la boîte était déjà brisé", "le liquide du nouveau stylo est trouble"],
        },
    },
    "velantra": {
        "en": {
            "condition": ["RA", "rheumatoid arthritis", "psoriasis", "psoriatic arthritis", "Crohn's"],
            "dose": ["40 mg", "40 mg every other week", "80 mg loading dose"],
            "ae": ["red itchy welts where I inject", "one sinus infection after another", "fatigue the day after my shot",
                   "headaches", "a new rash on my arms", "nausea", "a sore throat that won't go away", "cold sores"],
            "ae_severe": ["pneumonia", "shingles", "an infection that needed IV antibiotics", "a positive TB test",
                          "numbness and tingling in both legs", "cellulitis in my leg", "a lupus-like rash with joint pain",
                          "a fever of 103 that won't break"],
            "result": ["my psoriasis is almost completely clear", "I can open jars and button shirts again",
                       "my morning stiffness went from two hours to fifteen minutes",
                       "I made it through a whole work week without a flare", "my CRP is normal for the first time in years",
                       "I walked my daughter down the aisle without my cane"],
            "device_problem": ["the pen jammed halfway through the injection",
                               "the activation button wouldn't press down at all",
                               "the medicine sprayed out the side instead of going in",
                               "the needle cap was missing when I opened the tray",
                               "the inspection window never changed, so I don't know if I got my dose",
                               "the prefilled syringe plunger was stuck"],
            "quality_problem": ["the liquid in the syringe is cloudy with little white flakes",
                                "the tamper-evident seal on the carton was already broken",
                                "the ice pack in the shipper was warm and the pen felt room temperature",
                                "the carton had someone else's pharmacy label on it",
                                "the expiry date on the pen doesn't match the box", "there's a crack in the syringe barrel"],
            "hcp_role": ["rheumatologist", "dermatologist", "nurse in a biologics clinic", "pharmacist",
                         "gastroenterologist"],
        },
        "es": {
            "condition": ["artritis reumatoide", "psoriasis"],
            "dose": ["40 mg"],
            "ae": ["ronchas rojas donde me inyecto", "una sinusitis tras otra", "mucho cansancio después de la inyección"],
            "ae_severe": ["neumonía", "herpes zóster", "una infección que necesitó antibióticos por la vena"],
            "result": ["mi psoriasis está casi limpia", "puedo abrir frascos otra vez"],
            "device_problem": ["la pluma se trabó a la mitad", "el botón no bajaba"],
            "quality_problem": ["el líquido de la jeringa se ve turbio con grumitos blancos",
                                "el sello de la caja ya venía roto"],
        },
        "fr": {
            "condition": ["polyarthrite rhumatoïde", "psoriasis", "arthrite psoriasique"],
            "dose": ["40 mg", "40 mg aux deux semaines"],
            "ae": ["des rougeurs qui piquent au site d'injection", "une sinusite après l'autre",
                   "une grosse fatigue le lendemain de l'injection", "des maux de tête", "des nausées",
                   "une éruption cutanée sur les bras"],
            "ae_severe": ["une pneumonie", "un zona", "une infection grave traitée aux antibiotiques par intraveineuse",
                          "un test de tuberculose positif", "des engourdissements dans les deux jambes",
                          "une fièvre de 39,5 qui ne baisse pas"],
            "result": ["mon psoriasis est presque complètement disparu", "je peux enfin ouvrir des pots et boutonner mes chemises",
                       "ma raideur matinale est passée de deux heures à quinze minutes",
                       "je n'ai pas eu de poussée depuis trois mois"],
            "device_problem": ["le stylo s'est bloqué à mi-injection", "le bouton ne voulait pas s'enfoncer",
                               "le médicament a giclé sur le côté", "il manquait le capuchon de l'aiguille"],
            "quality_problem": ["le liquide dans la seringue est trouble avec des petits flocons blancs",
                                "le sceau de la boîte était déjà brisé", "le bloc réfrigérant était tiède à l'arrivée"],
        },
    },
}

# ---------------------------------------------------------------------------- per client
CLIENT_VALUES: dict[str, dict[str, str | list[str]]] = {
    "northwind": {
        "brand": "Northwind", "program": "GlucavioCare", "program_url": "glucaviocare.example",
        "brand_phone": "1-800-555-0142", "product_key": "glucavio", "product": "Glucavio",
        "generic": "semaglutide", "other_product": "the daily pill my doctor had me on before",
        "hashtag": ["#T2D", "#diabetescommunity", "#type2diabetes", "#GLP1"],
    },
    "halcyon": {
        "brand": "Halcyon", "program": "Velantra Compass", "program_url": "velantracompass.example",
        "brand_phone": "1-888-555-0176", "product_key": "velantra", "product": "Velantra",
        "generic": "adalimumab", "other_product": "methotrexate alone",
        "hashtag": ["#RAwarrior", "#psoriasis", "#spoonie", "#autoimmune"],
    },
    "riverbend": {
        "brand": "Riverbend Health", "program": "RiverbendConnect", "program_url": "riverbendconnect.example",
        "brand_phone": "(312) 555-0150", "product_key": "", "product": "Riverbend", "generic": "",
        "other_product": "",
        "hashtag": ["#RiverbendStrong", "#NursesWeek", "#healthcareheroes"],
        "facility": ["Riverbend Medical Center", "the North Campus", "Millbrook Urgent Care",
                     "the Children's Pavilion", "the Oakhaven clinic"],
        "unit": ["4 West", "the cardiac step-down unit", "Labor & Delivery", "the NICU", "oncology infusion",
                 "5 North (ortho)", "the ICU", "the med-surg floor"],
        "dept": ["cardiology", "dermatology", "GI", "orthopedics", "mammography", "the sleep lab", "physical therapy",
                 "neurology", "pediatrics"],
        "nurse": ["Tamsin", "Marisol", "Dev", "Keisha", "Bogdan", "Lupe", "Anneliese", "Rafe", "Odalys", "Corinne"],
        "doctor_last": ["Achterberg", "Mbeki-Lowe", "Sandoval", "Haverkamp", "Ferrante", "Oduya", "Lindqvist-Ray"],
        "city": ["Riverbend", "the county", "Millbrook"],
    },
}

# ---------------------------------------------------------------------------- inbound templates
# TEMPLATES[category][language]: the first message of a case.
TEMPLATES: dict[str, Lists] = {
    # ---------------------------------------------------------------- pharma
    "praise": {
        "en": [
            "Been on {product} {months} now and {result}. Honestly life-changing.",
            "Just want to say thank you. {Result} since starting {product}.",
            "My endo switched me to {product} {weeks} ago and {result}. Wish I'd started sooner!",
            "Shoutout to the {program} team, they sorted out my coverage in one phone call. 👏",
            "The nurse educator who called me before my first {product} shot was so patient with me. Thank you!",
            "Day {num_days} on {product}: {result}. Sticking with it.",
            "I was terrified of needles and the {product} pen is honestly painless. Didn't even feel it.",
            "Love that the {program} app reminds me which day is shot day. Haven't missed one since.",
            "My doctor was shocked at my labs last week. {Result}. 🙌",
            "Third refill in and the savings card still works, {amount_small} a month instead of {amount_big}. Thank you.",
            "Can't believe I'm posting on a pharma page but {product} gave me my life back.",
            "Switched from {other_product} to {product} and {result}. My grandkids noticed before I did.",
        ],
        "es": [
            "Llevo {months} con {product} y {result}. ¡Gracias!",
            "Mi doctor me cambió a {product} hace {weeks} y {result}. Ojalá lo hubiera empezado antes.",
            "Gracias al equipo de {program}, me resolvieron lo del seguro en una sola llamada. 👏",
            "Tenía pánico a las agujas y la pluma de {product} ni se siente. ¡Gracias!",
            "Mi doctora no lo podía creer: {result}. 🙌",
        ],
        "fr": [
            "Ça fait {months} que je suis sous {product} et {result}. Merci!",
            "Mon médecin m'a mis sous {product} il y a {weeks} et {result}. J'aurais dû commencer avant.",
            "Merci à l'infirmière du programme {program}, elle a été d'une patience incroyable avant ma première injection.",
            "J'avais peur des aiguilles, mais le stylo {product} ne fait presque pas mal. Merci!",
        ],
    },
    "cost": {
        "en": [
            "Why does {product} cost {amount_big} a month?? I can't afford that on a fixed income.",
            "Is there a savings card for {product}? My copay just went up to {amount}.",
            "The {program} website says I'm not eligible because I'm on Medicare. So what are seniors supposed to do?",
            "Pharmacy rang up {product} at {amount_big} for a 28-day supply. Is that right??",
            "How long does the copay card last? Mine expired and now it's {amount} again.",
            "Do you have a patient assistance program for people without insurance? I lost my job last month.",
            "Paid {amount} for my last refill, today it's {amount_big}. Nothing changed except the price.",
            "Is the {dose} dose the same price as the lower one? My pharmacy says it's more.",
            "Choosing between groceries and {product} this month. Something has to change.",
        ],
        "es": [
            "¿Por qué {product} cuesta {amount_big} al mes? Con mi pensión no me alcanza.",
            "¿Hay tarjeta de ahorro para {product}? Mi copago subió a {amount}.",
            "En la farmacia me cobraron {amount_big} por un mes de {product}. ¿Es correcto?",
            "¿Tienen algún programa de ayuda para personas sin seguro? Me quedé sin trabajo.",
        ],
        "fr": [
            "Combien coûte {product} sans assurance? Ma pharmacie parle de {amount_big} par mois.",
            "Y a-t-il un programme d'aide financière pour {product}? Je viens de perdre mon emploi.",
            "Ma franchise vient d'augmenter et {product} me coûte maintenant {amount} par mois. Des solutions?",
        ],
    },
    "insurance": {
        "en": [
            "{Insurer} denied my prior authorization for {product} again. My doctor already sent the paperwork twice. What else can we do?",
            "My insurance dropped {product} from the formulary in January. Is there anything your company can do?",
            "Does {product} need prior auth with {insurer}? The pharmacy keeps saying it's 'pending'.",
            "Is {product} covered by Medicare Part D? My plan says tier 4.",
            "Switched jobs and my new plan ({insurer}) wants me to try something else first. Step therapy is ridiculous.",
            "Appeal denied. {Weeks} without my meds now. Who at {brand} can actually help with insurance?",
            "Has anyone gotten {insurer} to cover {product}? What did your doctor write?",
        ],
        "es": [
            "Mi seguro negó la autorización previa de {product} otra vez. ¿Qué más podemos hacer?",
            "¿{product} está cubierto por Medicare Parte D? Mi plan dice que es nivel 4.",
            "¿Medicaid cubre {product} en {state}?",
        ],
        "fr": [
            "Mon assureur a refusé la demande d'autorisation spéciale pour {product}. Qu'est-ce qu'on peut faire?",
            "Est-ce que {product} est couvert par la RAMQ? Mon assurance collective refuse.",
            "Est-ce que {product} est sur la liste des médicaments du Québec?",
        ],
    },
    "stock": {
        "en": [
            "No pharmacy within 30 miles of me has {product} {dose} in stock. When is the shortage ending?",
            "{Pharmacy} says {product} is on backorder until next month. Is that true?",
            "Third pharmacy this week with no {product}. I'm due for my dose on {weekday}.",
            "Is {product} discontinued?? My pharmacist said she can't order it anymore.",
            "Called 6 pharmacies in {state}, none have the {dose} strength. Do you have a stock locator?",
            "Why is there always a shortage of the {dose} dose but never the starter dose?",
        ],
        "es": [
            "¿{product} está disponible en farmacias de Puerto Rico? No lo encuentro en ningún lado.",
            "Ninguna farmacia cerca de mí tiene {product} de {dose}. ¿Cuándo se acaba la escasez?",
            "En {pharmacy} me dicen que está agotado hasta el mes que viene. ¿Es cierto?",
        ],
        "fr": [
            "Ma pharmacie à {town} dit que {product} est en rupture de stock. C'est vrai?",
            "Rupture de stock pour la troisième semaine. Quand est-ce que {product} {dose} sera de retour?",
        ],
    },
    "usage": {
        "en": [
            "How long can {product} stay out of the fridge? Going on a trip for {days}.",
            "I missed my dose on {weekday}. Do I take it now or wait until next week?",
            "Can I inject in my thigh instead of my stomach?",
            "Can I drink alcohol on {product}? Wedding this weekend.",
            "Do I need a new needle every time or can I reuse it once?",
            "Can I take {product} at the same time as my blood pressure pill?",
            "How do I get rid of used pens? My town doesn't take sharps in the trash.",
            "Left my {product} in the car for a few hours, it was about 85°F. Is it still good?",
            "What happens if I accidentally froze my pen? It was at the back of the fridge.",
            "Flying to {city_intl} next month. Can {product} go in my carry-on?",
            "Is there a video showing how to do the first injection? The leaflet is tiny print.",
        ],
        "es": [
            "¿Cuánto tiempo puede estar {product} fuera del refrigerador? Me voy de viaje {days}.",
            "Se me olvidó la dosis del {weekday}. ¿Me la pongo ahora o espero a la próxima semana?",
            "¿Puedo tomar alcohol con {product}? Tengo una boda este fin de semana.",
            "¿Dónde tiro las plumas usadas?",
        ],
        "fr": [
            "Combien de temps {product} peut-il rester hors du frigo? Je pars en voyage {days}.",
            "J'ai oublié mon injection de {weekday}. Je la fais maintenant ou j'attends?",
            "Est-ce que je peux recevoir le vaccin contre la grippe sous {product}?",
            "Je prends l'avion le mois prochain, est-ce que {product} peut aller dans mon bagage à main?",
        ],
    },
    "shipping": {
        "en": [
            "My {product} shipment from {specialty} was supposed to arrive {weekday}. Tracking hasn't moved in {days}.",
            "Box showed up on my porch at noon in 90° heat with the ice packs completely melted. Is the medicine still safe?",
            "Third month in a row the delivery is late. I'm now {days} past my dose.",
            "Ordered my refill two weeks ago and it's still 'processing'. Why is this so hard?",
            "The courier left my {product} with a neighbor I've never met. Cold chain, anyone?",
            "Got someone else's prescription in my box instead of mine. Their name and address are on the label!",
        ],
        "es": [
            "Mi pedido de {product} debía llegar el {weekday}. El rastreo no se mueve desde hace {days}.",
            "La caja llegó con el hielo completamente derretido. ¿La medicina todavía sirve?",
        ],
        "fr": [
            "Ma livraison de {product} devait arriver {weekday}. Toujours rien après {days}.",
            "La boîte est arrivée avec les blocs réfrigérants complètement fondus. Est-ce que le médicament est encore bon?",
        ],
    },
    "service": {
        "en": [
            "On hold with your patient support line for {minutes} minutes and then it hung up on me.",
            "Nobody at {program} calls back. I've left 4 voicemails.",
            "Your website's copay card form crashes every time I hit submit.",
            "The rep I spoke with today was rude and told me to 'ask my doctor' about everything.",
            "Why do I have to re-enroll in the savings program every single year?",
            "The {program} app logged me out and now says my account doesn't exist.",
            "Emailed support {days} ago about my reimbursement, still nothing.",
        ],
        "es": [
            "Llevo {minutes} minutos en espera con la línea de apoyo al paciente y nadie contesta.",
            "¿Tienen a alguien que hable español en servicio al cliente? Me transfirieron tres veces.",
            "Mandé un correo hace {days} sobre mi reembolso y nada.",
        ],
        "fr": [
            "Ça fait {minutes} minutes que j'attends au téléphone avec le programme de soutien. Personne ne répond.",
            "Y a-t-il quelqu'un qui parle français au service à la clientèle? On m'a transférée trois fois.",
        ],
    },
    "device": {
        "en": [
            "{Device_problem}. This was my last pen for the month. Lot {lot}.",
            "Opened a new box today and {device_problem}. Lot number on the carton is {lot}, {exp}.",
            "Second pen this month where {device_problem}. What is going on with quality control?",
            "Hi, {device_problem} and I think I only got half a dose. Do I take another one?",
            "Anyone else have this? {Device_problem}. LOT {lot}.",
            "Pen malfunction: {device_problem}. I kept the pen and the box ({lot}) if you need them back.",
        ],
        "es": [
            "Abrí una caja nueva y {device_problem}. El número de lote es {lot}.",
            "Segunda pluma este mes en la que {device_problem}. ¿Qué pasa con el control de calidad?",
        ],
        "fr": [
            "Nouvelle boîte aujourd'hui et {device_problem}. Le numéro de lot est {lot}.",
            "Deuxième stylo ce mois-ci où {device_problem}. Et le contrôle de la qualité?",
        ],
    },
    "quality": {
        "en": [
            "Is this normal? {Quality_problem}. LOT {lot}.",
            "Just picked up my refill and {quality_problem}. I'm not taking it until someone tells me it's safe.",
            "{Quality_problem}. Pharmacy says call the manufacturer, so here I am. {lot}, {exp}.",
            "Not happy: {quality_problem}. Is there a recall I don't know about?",
            "Photo attached. {Quality_problem}. Box says LOT {lot}.",
        ],
        "es": [
            "{Quality_problem}. Lote {lot}. ¿Es normal?",
            "Acabo de recoger mi receta y {quality_problem}. No la voy a usar hasta que alguien me diga que es seguro.",
        ],
        "fr": [
            "{Quality_problem}. Lot {lot}. Est-ce normal?",
            "Je viens de récupérer mon renouvellement et {quality_problem}. Je ne l'utiliserai pas avant d'avoir une réponse.",
        ],
    },
    "ae_first": {
        "en": [
            "Started {product} {weeks} ago and I've had {ae} every single day. Is this normal? When does it stop?",
            "Went up to {dose} last week and ended up in urgent care with {ae_severe}. Should I stop?",
            "I've been on {product} for {months} and now I have {ae_severe}. My doctor wants me off it. Has anyone else had this?",
            "Day {num_days} of {ae}. Can't keep food down. This is miserable.",
            "After my last shot I got {ae} and my heart was racing. Is that a known side effect?",
            "Was hospitalized {days} ago for {ae_severe}. The ER doctor asked what meds I take and I said {product}. Is there a link?",
            "Nobody warned me about {ae}. Is it from {product}? I'm {age}.",
            "I think {product} is giving me {ae}. It started right after I increased the dose.",
            "Does {product} cause {ae}? Started a few days after my first injection.",
            "Ended up in the ER last night with {ae_severe}. The only new thing is {product}.",
        ],
        "es": [
            "Empecé {product} hace {weeks} y tengo {ae} todos los días. ¿Es normal? ¿Cuándo se quita?",
            "Subí a {dose} la semana pasada y terminé en urgencias con {ae_severe}. ¿Lo dejo?",
            "Desde que me pongo {product} tengo {ae}. Tengo {age} años. ¿A alguien más le pasa?",
            "Estuve internada por {ae_severe} hace {days}. Lo único nuevo es {product}.",
        ],
        "fr": [
            "J'ai commencé {product} il y a {weeks} et j'ai {ae} tous les jours. Est-ce normal?",
            "J'ai des vertiges depuis que je prends {product}, est-ce un effet secondaire?",
            "Je me suis retrouvée à l'urgence avec {ae_severe}. Le seul changement, c'est {product}.",
            "Depuis ma dernière injection, j'ai {ae}. J'ai {age} ans. Quelqu'un d'autre?",
        ],
    },
    "ae_third": {
        "en": [
            "{Relative} ({age}) started {product} {weeks} ago and ended up in the ER with {ae_severe}. Who do we report this to?",
            "{Relative} has had {ae} since going up to {dose}. The doctor's office isn't calling back. What should we do?",
            "My neighbor is on {product} and collapsed at the grocery store yesterday. They said {ae_severe}. Is this something you track?",
            "{Relative} took two doses by mistake this week and now has {ae}. Should we go to the ER?",
            "Posting for {relative}, who isn't on social media: after {months} on {product} they were diagnosed with {ae_severe}. How do we report it?",
            "{Relative} is in the hospital right now with {ae_severe}. They started {product} a month ago. I'm so scared.",
            "A woman in my support group had {ae_severe} on {product}. Is this being reported to anyone?",
        ],
        "es": [
            "{Relative} ({age}) empezó {product} hace {weeks} y terminó en urgencias con {ae_severe}. ¿A quién le reportamos esto?",
            "{Relative} se puso dos dosis por error y ahora tiene {ae}. ¿Vamos a urgencias?",
            "{Relative} sigue en el hospital con {ae_severe}. Empezó {product} hace un mes. Tengo mucho miedo.",
        ],
        "fr": [
            "{Relative} ({age} ans) a commencé {product} il y a {weeks} et a fini à l'urgence avec {ae_severe}. À qui doit-on le signaler?",
            "{Relative} est à l'hôpital en ce moment pour {ae_severe}. Le traitement a commencé il y a un mois. J'ai tellement peur.",
        ],
    },
    "phi": {
        "en": [
            "Can someone call me back? {fullname}, {phone}, DOB {dob}. Member ID {member_id}. I've been waiting {days} for my refill.",
            "My name is {fullname} and my {program} ID is {member_id}. Please email me at {email}, I can't get through on the phone.",
            "Here is my info so you can look me up: {fullname}, born {dob}, {address}. The pharmacy says my copay card isn't on file.",
            "I already sent a picture of my insurance card twice. Member ID {member_id}, group {group}. Phone {phone}.",
            "Please help, my {product} never arrived. Ship to {address}. Call {phone} anytime.",
            "{Relative}'s info: {fullname}, DOB {dob}, Medicare # {medicare}. They were supposed to be enrolled in {program} last week.",
            "Text me at {phone} or email {email}. I'm diabetic, my A1C is {a1c_from} and I need this medicine.",
        ],
        "es": [
            "¿Me pueden llamar? {fullname}, {phone}, fecha de nacimiento {dob}. Número de miembro {member_id}.",
            "Me llamo {fullname} y mi correo es {email}. Vivo en {address}. Nunca me llegó el pedido.",
            "Estos son los datos de {relative}: {fullname}, nacimiento {dob}, Medicare {medicare}. Necesitamos ayuda con la inscripción.",
        ],
        "fr": [
            "Pouvez-vous me rappeler? {fullname}, {phone}, date de naissance {dob}. Numéro d'assurance maladie {ramq}.",
            "Je m'appelle {fullname}, mon courriel est {email}. J'habite au {address}. Ma commande n'est jamais arrivée.",
        ],
    },
    "offlabel": {
        "en": [
            "{Offlabel_q}",
            "Honest question: {offlabel_q}",
            "{Offlabel_q} My doctor is on vacation and I can't get an answer.",
            "Asking for a friend. {Offlabel_q}",
        ],
        "es": [
            "{Offlabel_q}",
            "Pregunta seria: {offlabel_q}",
        ],
        "fr": [
            "{Offlabel_q}",
            "Petite question : {offlabel_q}",
        ],
    },
    "spam": {
        "en": [
            "🚀 I turned $500 into $8,200 in 2 weeks trading crypto. DM me and I'll show you how 📈",
            "DM me for cheap {product} pens, no prescription needed, discreet shipping 📦",
            "Work from home and earn $3,000/week!! Link in bio 💰💰",
            "Congratulations! You've been selected for a free {product} sample. Claim here: {site_spam}",
            "Follow me for follow back ❤️❤️❤️",
            "Buy {generic} online 70% off, fast shipping to US/CA. WhatsApp +1 555-0187",
            "Lost funds to a crypto scam? Our recovery experts got back $40k for me. DM @recoverwith_{num}",
            "Check my page for the natural remedies big pharma doesn't want you to know about 🌿",
            "⚠️ Your page will be disabled for violating community standards. Verify your account here: {site_spam}",
            "Invest in forex with a trusted account manager, 30% weekly returns guaranteed. Message me 💸",
        ],
        "es": [
            "💰 Gana $2,000 a la semana desde casa. Escríbeme por DM 📲",
            "Vendo plumas de {product} baratas sin receta, envío discreto. Mándame mensaje.",
            "¿Perdiste dinero en cripto? Yo te ayudo a recuperarlo. DM",
        ],
        "fr": [
            "💰 Gagnez 2 000 $ par semaine depuis la maison! Écrivez-moi en privé 📲",
            "Stylos {product} pas chers sans ordonnance, livraison discrète. Contactez-moi en DM.",
        ],
    },
    "hcp": {
        "en": [
            "{Hcp_role} here. How do I request {product} samples for my patients?",
            "{Hcp_role} here. Is there updated guidance on {product} storage after dispensing?",
            "Writing as a clinician ({hcp_role}): I'd love to see real-world data on {product} in patients over 75. Any publications?",
            "Could a medical science liaison contact our practice? We have questions about switching patients.",
            "Our practice keeps getting PA denials for {product}. Is there a hub service that helps offices?",
            "{Hcp_role} here. Are there Spanish-language injection guides for {product}?",
        ],
        "fr": [
            "Je suis {hcp_role_fr}. Comment obtenir de la documentation en français sur {product} pour mes patients?",
        ],
    },
    "chatter": {
        "en": [
            "{friend} this is the one I was telling you about",
            "Anyone else on {product} just here to read the comments? 😂",
            "Big pharma only cares about money. Diet and exercise fix everything.",
            "Is it just me or did the ad music change?",
            "What's the difference between {product} and the one on TV with the catchy song?",
            "I'll stick with cinnamon and apple cider vinegar, thanks.",
            "Following",
            "Where can I find the full prescribing information?",
            "{friend} 👀",
            "Great video, very informative.",
            "Who else is watching this at 2am? 🙋",
            "The actor in this ad is in everything lol",
        ],
        "es": ["{friend} mira esto", "¿Dónde encuentro la información completa para prescribir?", "Siguiendo 👀"],
        "fr": ["{friend} regarde ça", "Où trouver la monographie complète?", "Très bonne vidéo, merci."],
    },
    "linkedin": {
        "en": [
            "Congratulations to the {brand} team on the new manufacturing site! Any openings for QA specialists?",
            "Great to see {brand} investing in patient support. Would love to connect about a specialty pharmacy partnership.",
            "Is the Medical Science Liaison role posted last week still open?",
            "Proud to have worked on the {product} launch with this team. 👏",
            "Will {brand} be presenting new {product} data at a medical congress this year?",
            "How is {brand} addressing the {product} supply constraints? Our health system is seeing patients go without.",
            "Respectfully, {brand} should publish list prices alongside posts like this. Patients can't afford {product}.",
            "Any summer internships in regulatory affairs or pharmacovigilance?",
            "Interesting read. What does {brand}'s patient advisory board look like, and how do patients join?",
        ],
        "fr": [
            "Félicitations à l'équipe {brand}! Est-ce que le poste de représentant(e) au Québec est encore ouvert?",
        ],
    },
    # ---------------------------------------------------------------- hospital system
    "h_praise": {
        "en": [
            "Huge thank you to nurse {nurse} on {unit}. {Relative} was scared and {nurse} sat with them for an hour.",
            "The team at {facility} took such good care of my son last night. Stitches done in 20 minutes and he got a sticker 😊",
            "Dr. {doctor_last} in {dept} actually listened to me. First time in years a doctor didn't rush me.",
            "Delivered my baby at {facility} last week. The L&D nurses are angels. 💕",
            "Shoutout to the valet at {facility} who helped my dad with his walker in the pouring rain.",
            "The chaplain on {unit} was such a comfort when we lost my grandma. Thank you.",
            "Got my flu shot at the drive-through clinic at {facility} in 10 minutes. Well organized!",
            "Everyone in {dept} was kind and explained everything twice. 10/10.",
            "To the nurses on {unit}: you are the real MVPs. Thank you for getting {relative} home safe.",
        ],
        "es": [
            "Muchísimas gracias a la enfermera {nurse} de {unit}. Cuidó a {relative} como si fuera de su familia.",
            "Di a luz en {facility} la semana pasada. Las enfermeras de parto son unos ángeles. 💕",
            "El Dr. {doctor_last} de {dept} nos explicó todo con paciencia y en español. ¡Gracias!",
        ],
    },
    "h_er": {
        "en": [
            "Sitting in the ER waiting room at {facility} with {relative} for {hours} hours now. {Symptom_er}. Is there any way to know how long?",
            "Why does the ER at {facility} have a {hours}-hour wait on a {weekday} night? There were three people in triage.",
            "ER wait times on your website say 25 minutes. We've been here {hours} hours.",
            "Brought my toddler in with a 104 fever, waited {hours} hours, saw a doctor for 5 minutes. Unacceptable.",
            "Is the urgent care at Millbrook faster than the ER for stitches? Don't want to wait all night again.",
            "{hours} hours on a stretcher in the ER hallway. Staff are doing their best but you need more nurses.",
        ],
        "es": [
            "Llevamos {hours} horas en la sala de espera de urgencias de {facility} con {relative}. {Symptom_er}. ¿Hay forma de saber cuánto falta?",
            "¿Por qué hay {hours} horas de espera en urgencias un {weekday} en la noche?",
        ],
    },
    "h_billing": {
        "en": [
            "Got a bill for {amount_big} for an ER visit that {insurer} already said was covered. Nobody in billing answers the phone.",
            "How do I get an itemized bill? I was charged {amount} for 'supplies'.",
            "Is {facility} in network with {insurer}? Your website and theirs say different things.",
            "Received a collections notice for a bill I never got. Please fix this.",
            "Why did I get two separate bills, one from the hospital and one from the physician group, for the same visit?",
            "Your price estimator said an MRI would be {amount} and I was billed {amount_big}.",
            "Do you have financial assistance? I'm uninsured and got a bill for {amount_big}.",
        ],
        "es": [
            "Me llegó una factura de {amount_big} por una visita a urgencias que {insurer} ya había cubierto. Nadie contesta en facturación.",
            "¿Tienen ayuda financiera? No tengo seguro y me cobraron {amount_big}.",
            "¿{Facility} acepta {insurer}? En su página dice una cosa y en la del seguro otra.",
        ],
    },
    "h_parking": {
        "en": [
            "The parking garage at {facility} was full again. Circled for 25 minutes and missed my {dept} appointment.",
            "$18 to park for my dad's chemo infusion every week is highway robbery. Any parking validation for patients?",
            "The accessible spots by the main entrance at {facility} are always taken by staff cars.",
            "Where do I park for the new outpatient building? The signs are confusing.",
            "The pay machine in Garage B only takes the app, and the app doesn't work.",
        ],
        "es": ["El estacionamiento de {facility} estaba lleno otra vez y perdí mi cita de {dept}."],
    },
    "h_scheduling": {
        "en": [
            "How do I book a mammogram? {program} only shows openings in {month}.",
            "Tried to schedule with {dept} and the next new-patient appointment is {waiting_days} days out. Is there a waitlist?",
            "The portal cancelled my appointment without telling me. I took a day off work for nothing.",
            "Can I get a referral to {dept} through the portal or do I need to call?",
            "On hold with central scheduling for {minutes} minutes. Is there a better way to book?",
            "Do you do Saturday appointments for kids' sports physicals at {facility}?",
            "My {program} account is locked and the reset email never arrives.",
        ],
        "es": [
            "¿Cómo hago una cita para una mamografía? En {program} solo hay fechas para {month}.",
            "Me cancelaron la cita en el portal sin avisarme. Pedí el día libre en el trabajo para nada.",
            "¿Hay citas los sábados para exámenes físicos de niños en {facility}?",
        ],
    },
    "h_info": {
        "en": [
            "What are the visiting hours on {unit}? Can kids visit?",
            "Does {facility} offer maternity tours? We're due in {month}.",
            "Lost my wedding ring in the ER at {facility} on {weekday}. Is there a lost and found?",
            "Is the cafeteria open to visitors overnight?",
            "Do you have Spanish interpreters available in the ER?",
            "How do I get my medical records sent to a new doctor out of state?",
            "Are walk-in flu and COVID shots available at {facility} this week?",
        ],
        "es": [
            "¿Tienen intérpretes de español en urgencias?",
            "¿Cuál es el horario de visitas en {unit}? ¿Pueden entrar niños?",
        ],
    },
    "h_safety": {
        "en": [
            "{Relative} ({age}) fell out of bed on {unit} last night and nobody told us until this morning. How does that happen?",
            "{Relative} was given the wrong medication at {facility} yesterday, a pill meant for another patient. Now {ae_hosp}.",
            "Had surgery at {facility} {weeks} ago and now the incision is red, hot and oozing. Fever of 101. Did I get an infection there?",
            "{Relative} got an IV in the ER and now the whole arm is swollen and purple. Nurses keep saying it's fine.",
            "I was discharged with a prescription for a drug I'm allergic to, even though it's in my chart. Broke out in hives.",
            "Nobody checked {relative}'s blood sugar for 12 hours on {unit}. It was 42 when they finally did.",
        ],
        "es": [
            "{Relative} ({age}) se cayó de la cama en {unit} anoche y nadie nos avisó hasta la mañana.",
            "A {relative} le dieron un medicamento equivocado ayer en {facility}. Ahora tiene mareos y vómitos.",
        ],
    },
    "h_phi": {
        "en": [
            "I'm trying to get my test results. {fullname}, DOB {dob}, MRN {mrn}. Can someone call me at {phone}?",
            "Please check on {relative} in room {room} on {unit}, name is {fullname}. Family can't get through to the nurses' station.",
            "My discharge papers have the wrong date of birth. It should be {dob}. MRN {mrn}, email {email}.",
            "Can billing call me? Account {account}, {fullname}, {address}, phone {phone}.",
            "I had a biopsy on {weekday} ({fullname}, DOB {dob}) and still no results in {program}. I'm so anxious.",
        ],
        "es": [
            "Quiero mis resultados. {fullname}, fecha de nacimiento {dob}, expediente {mrn}. Llámenme al {phone}.",
            "Por favor revisen a {relative} en el cuarto {room}, se llama {fullname}. No contestan en la estación de enfermería.",
        ],
    },
    "h_service": {
        "en": [
            "The front desk at {facility} was incredibly rude to {relative}.",
            "Discharged at 11pm with no ride and no instructions. Terrible experience.",
            "The food on {unit} was cold every single day of my 5-day stay.",
            "Nobody told us {relative} was being moved to another floor. We found out from housekeeping.",
            "Waited {minutes} minutes past my appointment time in {dept} with no explanation.",
            "The discharge nurse rushed through everything and we went home without the wound care supplies.",
        ],
        "es": [
            "En la recepción de {facility} trataron muy mal a {relative}.",
            "Esperé {minutes} minutos después de la hora de mi cita en {dept} y nadie nos explicó nada.",
        ],
    },
    "h_careers": {
        "en": [
            "Are you hiring night-shift RNs at {facility}? Relocating from {state} in {month}.",
            "Congrats on the nursing excellence designation! Proud alum of the {unit} team.",
            "What's the tuition reimbursement policy for nurses doing their BSN?",
            "Applied for the respiratory therapist role three weeks ago and haven't heard back. Is it still open?",
            "Great to see {brand} partnering with community colleges on the CNA pipeline.",
            "Interested in your travel-to-staff conversion program. Who should I contact?",
        ],
    },
    "h_chatter": {
        "en": [
            "Happy Nurses Week to the best team in {city}!",
            "{friend} isn't this where you had your knee done?",
            "Is there a pharmacy open late near {facility}?",
            "Love this 💙",
            "The new building looks amazing. About time!",
        ],
        "es": ["¡Feliz semana de la enfermería! 💙", "{friend} mira, aquí nació tu sobrino"],
    },
}

OFFLABEL: dict[str, Lists] = {
    "glucavio": {
        "en": [
            "Can I take {product} for weight loss if I'm not diabetic? My friend lost 30 lbs on it.",
            "Is it safe to use {product} while breastfeeding?",
            "We're trying to get pregnant. Do I need to stop {product} first, and how long before?",
            "My doctor won't prescribe it for weight loss. Can I just get it from a med spa?",
            "Can my 15-year-old use {product}? The pediatrician says prediabetic.",
            "Does {product} work for type 1 diabetes? My endo said no but I read it works on a forum.",
            "Is it ok to split one pen between me and my husband to save money?",
            "Anyone microdosing {product}? Like 0.1 mg a week for PCOS?",
            "Can I use {product} to help with alcohol cravings? Heard about it on a podcast.",
            "Is the compounded semaglutide from my med spa the same thing as {product}?",
        ],
        "es": [
            "¿Puedo usar {product} para bajar de peso si no soy diabética?",
            "¿Es seguro usar {product} mientras doy pecho?",
            "Queremos embarazarnos. ¿Tengo que dejar {product} antes? ¿Cuánto tiempo?",
            "¿La semaglutida compuesta de la clínica estética es lo mismo que {product}?",
        ],
        "fr": ["Est-ce que je peux prendre {product} pour maigrir si je ne suis pas diabétique?"],
    },
    "velantra": {
        "en": [
            "Can {product} be used for hidradenitis? My derm mentioned it.",
            "Is it safe to stay on {product} while pregnant? I just found out I'm 6 weeks.",
            "Can I take {product} while breastfeeding my 3-month-old?",
            "Would {product} work for alopecia?",
            "My 10-year-old has juvenile arthritis. Can kids use {product}?",
            "Can I get the yellow fever vaccine while on {product}? Travelling soon.",
            "Is it ok to go every 3 weeks instead of 2 to make my supply last longer?",
            "Can I take {product} for long COVID joint pain?",
        ],
        "es": ["¿Puedo seguir con {product} si estoy embarazada?"],
        "fr": [
            "Est-ce que {product} fonctionne pour l'hidradénite? Ma dermato en a parlé.",
            "Est-ce sécuritaire de continuer {product} pendant la grossesse? Je viens d'apprendre que je suis enceinte.",
            "Peut-on prendre {product} pendant l'allaitement?",
            "Mon fils de 10 ans a de l'arthrite juvénile, est-ce que les enfants peuvent prendre {product}?",
        ],
    },
}

HCP_ROLE_FR = ["rhumatologue", "pharmacienne", "infirmière en clinique de biologiques", "dermatologue"]

# ---------------------------------------------------------------------------- everything else in a thread
OPENERS: Lists = {
    "en": ["Hi,", "Hello!", "Hey {brand},", "Quick question:", "Ok so", "Not sure who else to ask.", "Ugh.",
           "Hi there.", "Good morning,"],
    "es": ["Hola,", "Buenas,", "Una pregunta:", "Buenas tardes,"],
    "fr": ["Bonjour,", "Allô,", "Petite question :", "Salut,"],
}
PRAISE_CLOSERS: Lists = {
    "en": ["{emoji}", "Thank you!!", "💙💙", "Forever grateful."],
    "es": ["{emoji}", "¡Mil gracias!"],
    "fr": ["{emoji}", "Merci mille fois!"],
}
CLOSERS: Lists = {
    "en": ["Thanks!", "Please help!!", "Thank you in advance.", "{emoji}", "Anyone else?", "pls respond",
           "Appreciate any help.", "{emoji}{emoji}"],
    "es": ["¡Gracias!", "Por favor ayúdenme.", "{emoji}", "Gracias de antemano."],
    "fr": ["Merci!", "Merci d'avance.", "{emoji}", "Aidez-moi SVP."],
}
REDDIT_OPENERS = ["Throwaway because my family knows my main.", "Long time lurker, first post.",
                  "Not sure if this is the right sub but here goes.", "Mods, delete if not allowed."]
REDDIT_CLOSERS = ["Edit: thanks everyone for the replies.", "TIA", "Any advice appreciated.",
                  "Update: still no answer from them."]

# REPLIES[group][language]: the brand's public or private answer.
REPLIES: dict[str, Lists] = {
    "safety": {
        "en": [
            "So sorry, {first}. Please call our safety line at {brand_phone} so a specialist can follow up.",
            "Hi {first}, we're sorry to hear about this and would like to learn more. Please call our Patient Safety line at {brand_phone} or send us a direct message so a specialist can follow up. If this is an emergency, call 911.",
            "{first}, thank you for telling us. We take reports like this seriously. Could you send us a DM with a phone number where our safety team can reach you? Please seek medical care if symptoms are severe.",
            "We're so sorry, {first}. Please talk to your healthcare provider about these symptoms. We'd also like to collect a few details for our safety team: {brand_phone} or DM us.",
        ],
        "es": [
            "Lo sentimos, {first}. Llame a nuestra línea de seguridad al {brand_phone}, por favor.",
            "Hola {first}, lamentamos mucho lo sucedido y queremos saber más. Llame a nuestra línea de Seguridad del Paciente al {brand_phone} o envíenos un mensaje privado. Si es una emergencia, llame al 911.",
            "{first}, gracias por avisarnos. Por favor envíenos un mensaje privado con un número de teléfono para que nuestro equipo de seguridad se comunique con usted.",
        ],
        "fr": [
            "Désolés, {first}. Appelez notre ligne de pharmacovigilance au {brand_phone}, SVP.",
            "Bonjour {first}, nous sommes désolés d'apprendre cela et aimerions en savoir plus. Veuillez appeler notre ligne de pharmacovigilance au {brand_phone} ou nous écrire en message privé. En cas d'urgence, composez le 911.",
            "{first}, merci de nous en informer. Pourriez-vous nous envoyer un message privé avec un numéro où notre équipe peut vous joindre?",
        ],
    },
    "access": {
        "en": [
            "Hi {first}, {program} may help with cost and coverage: {brand_phone}.",
            "Hi {first}, thanks for reaching out. {program} may be able to help with cost and coverage. Please call {brand_phone} or visit {program_url}.",
            "We hear you, {first}. Our access specialists can work with your doctor's office on prior authorizations and appeals: {brand_phone}.",
            "{first}, supply varies by pharmacy. Our team can help locate stock near you. Please DM us your ZIP code (no health details, please).",
        ],
        "es": [
            "Hola {first}, {program} podría ayudarle: {brand_phone} (en español).",
            "Hola {first}, gracias por escribirnos. {program} podría ayudarle con el costo y la cobertura. Llame al {brand_phone}; tenemos asesores que hablan español.",
        ],
        "fr": [
            "Bonjour {first}, le programme {program} peut vous aider : {brand_phone}.",
            "Bonjour {first}, merci de votre message. Le programme {program} peut vous aider avec la couverture et les coûts : {brand_phone} (service en français).",
        ],
    },
    "service": {
        "en": [
            "Sorry for the trouble, {first}! Please call {brand_phone} and we'll sort out your order.",
            "We're sorry for the trouble, {first}. Please send us a DM with the best way to reach you (no health details here, please) and we'll look into your order.",
            "{first}, that's not the experience we want for you. We've flagged this to our patient support team; please DM us so we can follow up.",
        ],
        "es": ["Lamentamos las molestias, {first}. Envíenos un mensaje privado con sus datos de contacto y revisaremos su pedido."],
        "fr": ["Désolés pour les inconvénients, {first}. Écrivez-nous en privé et nous vérifierons votre commande."],
    },
    "quality": {
        "en": [
            "Sorry, {first}! Please keep the product and box and call us at {brand_phone}.",
            "Thank you for letting us know, {first}. Please keep the product and its packaging. Our team would like to collect some details: {brand_phone}, or send us a DM.",
            "{first}, we're sorry about this. Please don't use the product, and keep it with the box and lot number. Our Product Quality team will contact you if you DM us a phone number.",
        ],
        "es": ["Lo sentimos, {first}. Guarde el producto y la caja y llame al {brand_phone}.",
               "Gracias por avisarnos, {first}. Por favor guarde el producto y la caja. Llame al {brand_phone} o envíenos un mensaje privado."],
        "fr": ["Merci de nous en informer, {first}. Veuillez conserver le produit et son emballage et nous appeler au {brand_phone}."],
    },
    "phi": {
        "en": [
            "Hi {first}, for your privacy we've hidden your comment. Please don't share personal details publicly; send us a direct message and we'll help from there.",
            "{first}, to protect your information please avoid posting it here. We've hidden the comment; our team will reply by DM.",
        ],
        "es": ["Hola {first}, por su privacidad ocultamos su comentario. Por favor no comparta datos personales en público; escríbanos por mensaje privado."],
        "fr": ["Bonjour {first}, pour protéger votre vie privée, nous avons masqué votre commentaire. Écrivez-nous en message privé."],
    },
    "offlabel": {
        "en": [
            "Hi {first}, we can only discuss approved uses. Please ask your doctor.",
            "Hi {first}, we can only discuss {product} for its approved uses. Please talk to your healthcare provider about your situation.",
            "Thanks for your question, {first}. Your doctor or pharmacist is the best person to advise on this. Medical Information: {brand_phone}.",
        ],
        "es": ["Hola {first}, solo podemos hablar de {product} para sus usos aprobados. Consulte a su médico sobre su caso."],
        "fr": ["Bonjour {first}, nous ne pouvons parler de {product} que pour ses indications approuvées. Parlez-en à votre médecin."],
    },
    "praise": {
        "en": ["Thank you for sharing, {first}! 💙 We're so glad to hear it.", "Comments like yours make our day, {first}. Thank you!",
               "{first}, this is wonderful to read. Thank you for being part of our community."],
        "es": ["¡Gracias por compartir, {first}! 💙 Nos alegra mucho."],
        "fr": ["Merci de partager votre histoire, {first}! 💜"],
    },
    "usage": {
        "en": [
            "Good question, {first}! Your pharmacist can help, or call our nurses at {brand_phone}.",
            "Great question, {first}. The Instructions for Use cover storage and missed doses, and your pharmacist can help with your situation. You can also call {brand_phone}.",
            "Hi {first}, please check with your pharmacist or doctor. Our nurse educators are also available at {brand_phone}.",
        ],
        "es": ["Buena pregunta, {first}. Consulte las instrucciones de uso o a su farmacéutico. También puede llamar al {brand_phone}."],
        "fr": ["Bonne question, {first}. Votre pharmacien peut vous conseiller; vous pouvez aussi appeler le {brand_phone}."],
    },
    "hcp": {
        "en": ["Thanks for reaching out. Healthcare professionals can contact Medical Information at {brand_phone} or request a visit through our HCP portal."],
        "fr": ["Merci! Les professionnels de la santé peuvent joindre l'Information médicale au {brand_phone}."],
    },
    "general": {
        "en": ["Thanks for being part of our community, {first}!", "Hi {first}, the full prescribing information is at {program_url}."],
        "es": ["¡Gracias por seguirnos, {first}!"],
        "fr": ["Merci de nous suivre, {first}!"],
    },
    "linkedin": {
        "en": ["Thanks for your interest, {first}! Open roles are listed on our Careers page.",
               "Thank you, {first}. We've shared your note with the team."],
    },
    "h_er": {
        "en": ["Sorry about the wait, {first}. If symptoms get worse, tell the triage nurse right away.",
               "We're sorry about the wait, {first}. Our ER teams see patients by severity, so wait times change quickly. If symptoms get worse, please tell the triage nurse right away.",
               "{first}, we hear you. Live wait times for our urgent care clinics are in {program}. Please DM us if you'd like our patient advocate to follow up."],
        "es": ["Lamentamos la espera, {first}. En urgencias atendemos según la gravedad. Si los síntomas empeoran, avise de inmediato a la enfermera de triaje."],
    },
    "h_billing": {
        "en": ["Hi {first}, Patient Financial Services can help: {brand_phone}. Please don't post account numbers here.",
               "Hi {first}, we'd like to help. Please call Patient Financial Services at {brand_phone} (Mon-Fri 8-5) or send us a DM. Please don't post account numbers here.",
               "{first}, we do offer financial assistance. Our team can walk you through it at {brand_phone}."],
        "es": ["Hola {first}, queremos ayudarle. Llame a Servicios Financieros al {brand_phone} o envíenos un mensaje privado."],
    },
    "h_parking": {"en": ["Thanks, {first}. Patients in treatment get parking validation at any front desk.",
               "Thanks for the feedback, {first}. Patients in treatment can get parking validation at any front desk. We've shared your comment with our facilities team."]},
    "h_scheduling": {
        "en": ["Hi {first}, our schedulers can help at {brand_phone}.",
               "Hi {first}, our scheduling team can help at {brand_phone}, or send us a DM with the best time to reach you.",
               "{first}, sorry about that. Please DM us and we'll connect you with the {dept} scheduler."],
        "es": ["Hola {first}, nuestro equipo de citas le atiende en español al {brand_phone}."],
    },
    "h_info": {"en": ["Hi {first}, you'll find visiting hours and services for each location on our website, or call {brand_phone}."],
               "es": ["Hola {first}, sí: tenemos intérpretes de español las 24 horas. Pídalo al llegar."]},
    "h_safety": {
        "en": ["We're very sorry, {first}. Please call Patient Relations at {brand_phone} so we can look into this.",
               "We're very sorry, {first}. Patient safety is our top priority and we want to look into this. Please contact Patient Relations at {brand_phone} or send us a DM.",
               "{first}, thank you for raising this. We'd like our patient advocate to reach out. Please DM us a phone number."],
        "es": ["Lo sentimos mucho, {first}. Queremos revisar lo sucedido. Comuníquese con Relaciones con Pacientes al {brand_phone}."],
    },
    "safety_dm": {
        "en": ["We're so sorry to hear this, {first}. Could you share a phone number and a good time to call? A specialist from our Patient Safety team would like to ask a few questions. If symptoms are severe, please seek medical care now.",
               "Thank you for telling us, {first}. Our safety team will want the product name, when the symptoms started and how to reach you. You can also call us at {brand_phone}."],
        "es": ["Lamentamos mucho lo sucedido, {first}. ¿Nos comparte un teléfono y un buen horario para llamarle? Nuestro equipo de seguridad quiere hacerle unas preguntas."],
        "fr": ["Nous sommes désolés, {first}. Pouvez-vous nous laisser un numéro et un moment pour vous rappeler? Notre équipe de pharmacovigilance aimerait vous poser quelques questions."],
    },
    "service_dm": {
        "en": ["Sorry about this, {first}. Could you send your order number and ZIP code? We'll check with the pharmacy right away.",
               "Thanks for your patience, {first}. What's the best number to reach you? Our patient support team will call today."],
        "es": ["Lo sentimos, {first}. ¿Nos envía su número de pedido y código postal? Lo revisamos de inmediato."],
        "fr": ["Désolés, {first}. Pouvez-vous nous envoyer votre numéro de commande? Nous vérifions tout de suite."],
    },
    "quality_dm": {
        "en": ["Thank you, {first}. Please keep the product and packaging. Could you send the lot number and a phone number? Our Product Quality team will arrange a pickup.",
               "Sorry about this, {first}. Please don't use it. Can you share the lot and expiry date from the box and the best number to reach you?"],
        "es": ["Gracias, {first}. Guarde el producto y la caja. ¿Nos envía el número de lote y un teléfono?"],
        "fr": ["Merci, {first}. Conservez le produit et la boîte. Pouvez-vous nous envoyer le numéro de lot et un numéro de téléphone?"],
    },
    "h_safety_dm": {
        "en": ["We're very sorry, {first}. Could you share the patient's name and the best number to reach you? Patient Relations will call you today."],
        "es": ["Lo sentimos mucho, {first}. ¿Nos comparte el nombre del paciente y un teléfono? Relaciones con Pacientes le llamará hoy."],
    },
    "h_service_dm": {
        "en": ["We're sorry, {first}. Could you share the date of the visit and a phone number? Our patient experience team will follow up."],
        "es": ["Lo sentimos, {first}. ¿Nos comparte la fecha de la visita y un teléfono?"],
    },
    "h_billing_dm": {
        "en": ["Hi {first}, we'd like to help. What's the best number to reach you? Patient Financial Services will call within one business day."],
        "es": ["Hola {first}, queremos ayudarle. ¿A qué número le podemos llamar? Servicios Financieros le contactará en un día hábil."],
    },
    "h_scheduling_dm": {
        "en": ["Hi {first}, what's the best number and time to reach you? The {dept} scheduler will call you back."],
        "es": ["Hola {first}, ¿a qué número y a qué hora le podemos llamar para agendar?"],
    },
    "phi_dm": {
        "en": ["Thank you, {first}. We've received your details and a specialist will call you within one business day.",
               "Thanks {first}, we have what we need. Please don't share more health details here; our team will follow up by phone."],
        "es": ["Gracias, {first}. Recibimos sus datos y un especialista le llamará en un día hábil."],
        "fr": ["Merci, {first}. Nous avons bien reçu vos coordonnées; un membre de l'équipe vous appellera d'ici un jour ouvrable."],
    },
    "h_phi_dm": {
        "en": ["Thank you, {first}. We've passed this to the care team and Patient Relations will call you today.",
               "Got it, {first}. For your privacy we'll continue by phone; expect a call from {brand_phone}."],
        "es": ["Gracias, {first}. Lo pasamos al equipo y le llamarán hoy mismo."],
    },
    "h_phi": {
        "en": ["Hi {first}, to protect your privacy we've hidden your comment. Please send us a direct message and our team will help."],
        "es": ["Hola {first}, para proteger su privacidad ocultamos su comentario. Escríbanos por mensaje privado."],
    },
    "h_praise": {
        "en": ["Thank you, {first}! We'll pass your kind words on to the team. 💙", "This made our day, {first}. Sharing with the unit!"],
        "es": ["¡Gracias, {first}! Le pasaremos sus palabras al equipo. 💙"],
    },
    "h_service": {
        "en": ["We're sorry, {first}. Please call Patient Relations at {brand_phone}.",
               "We're sorry, {first}. This isn't the care we want for anyone. Please DM us so our patient experience team can follow up."],
        "es": ["Lo sentimos, {first}. Envíenos un mensaje privado para darle seguimiento."],
    },
    "h_careers": {"en": ["Thanks, {first}! Our recruiters will reach out. All openings are on our Careers page."]},
    "influencer": {
        "en": ["Thank you so much 💜 Please talk to your rheumatologist about anything medical, they know you best!",
               "Sending you so much love. For side effects please tell your doctor and the company's safety line, {brand_phone}."],
        "fr": ["Merci beaucoup 💜 Pour toute question médicale, parlez-en à votre rhumatologue!"],
    },
}

FOLLOWUPS: Lists = {
    "en": ["Thanks, just sent you a DM.", "I called {brand_phone} and was on hold for {minutes} minutes.",
           "Done. Waiting to hear back.", "That's what I was told last time too.", "Appreciate the quick reply!",
           "Ok thank you {emoji}", "Already did that twice. Nothing.", "DM'd you my details.",
           "That number just goes to voicemail.", "My doctor's office says they never heard from {program}.",
           "Will do, thanks.", "It's been {days} since I sent the DM. Still waiting.",
           "Called this morning, they said they'd email me. We'll see.", "Sent. Please hurry, I'm due on {weekday}.", "Nobody has called back yet {emoji}",
           "Thanks. The pharmacist said the same thing.", "I'd rather not DM, can you just answer here?"],
    "es": ["Gracias, ya les mandé mensaje.", "Llamé al {brand_phone} y nadie contesta.", "Ok, muchas gracias {emoji}",
           "Eso mismo me dijeron la vez pasada.", "Ya van {days} y nadie me llama.", "Listo, les escribí por privado."],
    "fr": ["Merci, je vous ai écrit en privé.", "J'ai appelé le {brand_phone} et personne ne répond.",
           "Merci pour la réponse rapide!", "C'est ce qu'on m'a dit la dernière fois aussi.",
           "Ça fait {days} et toujours rien.", "D'accord, merci {emoji}"],
}
DM_DETAILS: Lists = {
    "en": ["Sure: {fullname}, DOB {dob}, phone {phone}. Best time is after 5pm.",
           "It's {fullname}, {phone}. The pen is in a ziplock bag, lot {lot}.",
           "My email is {email} and my member ID is {member_id}.",
           "Phone {phone}. I'm home all day."],
    "es": ["Claro: {fullname}, nacimiento {dob}, teléfono {phone}.", "Mi correo es {email}. Gracias."],
    "fr": ["Bien sûr : {fullname}, né(e) le {dob}, téléphone {phone}.", "Mon courriel est {email}. Merci."],
}
DM_CLOSINGS: Lists = {
    "en": ["Thank you, {first}. We've shared this with our team and someone will call you within one business day. Your reference number is {ref}.",
           "Got it, thanks {first}. A specialist will follow up by phone. Reference {ref}."],
    "es": ["Gracias, {first}. Un especialista le llamará en un día hábil. Su número de referencia es {ref}."],
    "fr": ["Merci, {first}. Un membre de l'équipe vous appellera d'ici un jour ouvrable. Référence : {ref}."],
}
# BYSTANDERS[topic][language]: other people answering a comment in its thread.
BYSTANDERS: dict[str, Lists] = {
    "safety": {
        "en": ["Call your doctor, don't wait on social media for this!", "Praying for you {emoji}",
               "Happened to {relative} too. Report it!", "Hang in there, the {ae} got better for me after week 4.",
               "Same here. {Weeks} of {ae} and counting.", "Please go to urgent care if it gets worse.",
               "My doctor lowered my dose and it helped a lot.", "You can report side effects to the FDA too, MedWatch.",
               "This is exactly what happened to {relative}. Hope you're ok."],
        "es": ["Llama a tu médico, no esperes.", "Dios te bendiga {emoji}", "A {relative} le pasó lo mismo.",
               "Ve a urgencias si empeora."],
        "fr": ["Appelle ton médecin, n'attends pas.", "Bon courage {emoji}", "Même chose pour {relative}.",
               "Va à l'urgence si ça empire."],
    },
    "access": {
        "en": ["Ask your pharmacist about the savings card, it brought mine down to {amount_small}.",
               "Try {pharmacy}, they had it last {weekday}.", "Same. {Insurer} denied me twice before approving.",
               "Ask your doctor's office to do a peer-to-peer review, that's what finally worked for me.",
               "Call the number on the back of your insurance card and ask for an exception.",
               "Paying {amount_big} here too. It's insane.", "Mail order was cheaper for me."],
        "es": ["Pregunta en la farmacia por la tarjeta de ahorro.", "Prueba en {pharmacy}, ahí sí tenían.",
               "A mí también me lo negaron."],
        "fr": ["Demande à ton pharmacien pour le programme d'aide.", "Essaie {pharmacy}, ils en avaient la semaine passée."],
    },
    "quality": {
        "en": ["Same lot number here???", "Did you keep the pen? They'll want it back.",
               "Mine too. Something is off with the last batch.", "Don't use it! Take it back to {pharmacy}.",
               "Happened to me in {month}, they replaced it in a week.", "Post a photo, I want to compare with mine."],
        "es": ["¡No la uses! Devuélvela a la farmacia.", "A mí me pasó igual con el lote pasado."],
        "fr": ["Ne l'utilise pas! Rapporte-le à la pharmacie.", "Même chose avec mon dernier lot."],
    },
    "service": {
        "en": ["This is why I switched to mail order.", "Same thing with my last order, took {days} to arrive.",
               "Their phone line is the worst, try the chat on the website.", "Ugh, same. {minutes} minutes on hold yesterday."],
        "es": ["A mí me pasó lo mismo.", "Yo estuve {minutes} minutos en espera ayer."],
        "fr": ["Même chose pour moi le mois passé.", "Pareil, {minutes} minutes d'attente hier."],
    },
    "praise": {
        "en": ["Love this for you! {emoji}", "So happy for you!!", "This gives me hope, starting next week.",
               "Same here, {result}.", "Congrats!! That's huge."],
        "es": ["¡Qué bueno! {emoji}", "Me da esperanza, empiezo la próxima semana."],
        "fr": ["Bravo! {emoji}", "Ça me donne espoir, je commence la semaine prochaine."],
    },
    "spam": {
        "en": ["Scam. Don't click.", "Reported.", "Bot account, ignore.", "{brand} please delete this.", "lol no"],
        "es": ["Es estafa, no hagan clic.", "Reportado."],
        "fr": ["Arnaque, ne cliquez pas.", "Signalé."],
    },
    "phi": {
        "en": ["Don't post your personal info publicly!!", "Delete this, you posted your phone number.",
               "Please take your DOB down, scammers read these pages.", "DM them instead, not here."],
        "es": ["¡No publiques tus datos personales!", "Borra esto, pusiste tu teléfono."],
        "fr": ["Ne publie pas tes infos personnelles!", "Efface ça, ton numéro est visible."],
    },
    "general": {
        "en": ["Following, same question.", "Good question.", "Commenting so I see the answer.", "{friend} 👀", "Same!"],
        "es": ["Yo también quiero saber.", "Buena pregunta."],
        "fr": ["Bonne question.", "Je veux savoir aussi."],
    },
    "h_wait": {
        "en": ["We waited {hours} hours last month. It's the staffing.", "Go to Millbrook urgent care next time, way faster.",
               "Ask for the patient advocate, they helped us.", "The nurses there are amazing, it's the system that's broken.",
               "Hope {relative} feels better soon {emoji}"],
        "es": ["Nosotros esperamos {hours} horas el mes pasado.", "Pide hablar con el defensor del paciente."],
    },
    "h_money": {
        "en": ["Same thing with my bill, took three calls to fix.", "Ask for an itemized bill, they took $400 off mine.",
               "Apply for financial assistance, it's on their website.", "Garage B is always full, park at Lot D and take the shuttle."],
        "es": ["Pide la factura detallada, a mí me bajaron $400.", "Pregunta por la ayuda financiera."],
    },
    "h_care": {
        "en": ["Sending love to your family ❤️", "Ask for the patient advocate, they helped us.",
               "File a complaint with patient relations, in writing.", "So sorry this happened {emoji}"],
        "es": ["Mucha fuerza {emoji}", "Pide hablar con el defensor del paciente."],
    },
    "h_good": {
        "en": ["{nurse} is the best! Took care of my dad too.", "Agree, {unit} is amazing.", "Love this {emoji}",
               "Had the same experience in {dept}. Great people."],
        "es": ["¡{nurse} es la mejor!", "Totalmente de acuerdo {emoji}"],
    },
}
BYSTANDER_TOPIC = {
    "ae_first": "safety", "ae_third": "safety", "cost": "access", "insurance": "access", "stock": "access",
    "device": "quality", "quality": "quality", "shipping": "service", "service": "service", "praise": "praise",
    "spam": "spam", "phi": "phi", "h_er": "h_wait", "h_scheduling": "h_wait", "h_billing": "h_money", "h_parking": "h_money",
    "h_safety": "h_care", "h_service": "h_care", "h_phi": "phi", "h_praise": "h_good", "h_careers": "h_good",
}

POSTS: dict[str, Lists] = {
    "northwind": {
        "en": [
            "Managing type 2 diabetes is a team effort. What's one small habit that helps you stay on track? 💙",
            "Travelling this summer? Here's how to keep your {product} pen at the right temperature on the go. ✈️",
            "Eligible commercially insured patients may pay as little as $25 a month with {program}. Terms apply.",
            "New video: a step-by-step walkthrough of your first {product} injection with a certified diabetes educator.",
            "We're proud to sponsor the Harbor City Diabetes Walk this weekend. See you at the start line!",
            "Questions about {product}? Our nurse educators are available Monday to Friday, 8am to 8pm ET.",
            "Food, movement, medicine, sleep: which one is hardest for you this month?",
            "Meet the people who make {product}: a day at our fill-finish plant.",
        ],
        "es": ["¿Preguntas sobre {product}? Nuestro equipo de educadores habla español. Llámenos al {brand_phone}."],
    },
    "halcyon": {
        "en": [
            "Living with RA means planning around good days and hard days. What helps you on a flare day?",
            "The {product} pen now has a larger inspection window, designed with input from people living with arthritis.",
            "{program} can help with coverage, injection training and reminders. Enrol by phone or online.",
            "You are more than your skin. 💜 This month we're sharing stories from our psoriasis community.",
            "How do you explain invisible illness to coworkers? Tell us below.",
        ],
        "fr": [
            "Vivre avec le psoriasis, c'est aussi gérer le regard des autres. Qu'est-ce qui vous aide?",
            "Des questions sur {product}? L'équipe {program} répond en français et en anglais.",
        ],
    },
    "influencer": {
        "en": [
            "#ad My honest 6-month update on {product}: the good, the annoying and the injection days. (Paid partnership with {brand})",
            "#ad What I pack for a weekend away with RA, including how I travel with my {product} pen. (Sponsored by {brand})",
            "Flare day vlog: no makeup, heating pad, and answering your questions.",
        ],
    },
    "riverbend": {
        "en": [
            "Our North Campus ER now posts live wait times in {program}. Check before you go.",
            "Happy Nurses Week to the 2,400 nurses who make Riverbend Health what it is. 💙",
            "Flu shots are available at all Riverbend primary care clinics. Walk-ins welcome Saturdays 9 to 1.",
            "Parking update: Garage B at Riverbend Medical Center is closed for repairs next week. Use the free shuttle from Lot D.",
            "We're hiring! Join the nursing team at the new Millbrook Urgent Care. Sign-on bonus for experienced RNs.",
            "Meet our new Maternity Center: private rooms, round-the-clock lactation support and a NICU next door.",
            "Take a 2-minute tour of the new Children's Pavilion.",
        ],
        "es": ["Vacunas contra la gripe disponibles en todas nuestras clínicas. ¡Sin cita los sábados!"],
    },
}

# ---------------------------------------------------------------------------- web listening
SITES: dict[str, list[tuple[str, str]]] = {  # client -> (domain, kind)
    "northwind": [("forum.sugarsense.example", "forum"), ("www.t2dlife.example", "blog"),
                  ("news.pharmawire.example", "news"), ("www.medreviews.example", "reviews")],
    "halcyon": [("community.jointsupport.example", "forum"), ("www.psoriasis-voices.example", "blog"),
                ("news.pharmawire.example", "news"), ("forum.arthrite-quebec.example", "forum")],
    "riverbend": [("www.riverbendgazette.example", "news"), ("www.carerate.example", "reviews"),
                  ("forum.riverbend-parents.example", "forum")],
}
TITLES: Lists = {
    "en": ["Is this normal?", "Anyone else?", "Week {week_no} update", "Need advice", "Rant", "Help please",
           "My experience so far", "Question about {product}", "PSA", "Frustrated"],
    "es": ["¿Es normal?", "¿A alguien más le pasa?", "Necesito consejo", "Mi experiencia"],
    "fr": ["Est-ce normal?", "Besoin de conseils", "Mon expérience", "Quelqu'un d'autre?"],
}
NEWS: dict[str, list[str]] = {
    "northwind": [
        "Northwind Pharma expands {product} production to ease shortage. The company said new capacity at its fill-finish site should improve supply of the {dose} pen by late summer; pharmacists report patchy availability.",
        "Survey: GI side effects top reason patients stop GLP-1 drugs. Of 1,200 patients on semaglutide-class medicines, including {product}, nausea was the most common complaint in the first month.",
        "Copay card changes leave some patients paying more for {product}. Advocates say the new monthly cap hits Medicare patients hardest.",
        "Counterfeit GLP-1 pens seized at port; regulators warn patients to buy only from licensed pharmacies.",
    ],
    "halcyon": [
        "Halcyon Biologics launches bilingual {program} support line in Quebec.",
        "Biosimilar competition heats up in adalimumab market as insurers push switches; patients on {product} report mixed experiences.",
        "Study of 900 patients finds injection-site reactions common but mild with adalimumab pens, including {product}.",
    ],
    "riverbend": [
        "Riverbend Health ER wait times among longest in region, state data show. The health system said it is adding 12 observation beds and hiring 40 nurses.",
        "Riverbend Medical Center earns nursing excellence designation for the second time.",
        "Patients report billing errors after Riverbend Health switches systems; hospital says fixes are under way.",
        "Riverbend Health to open Millbrook urgent care clinic with extended evening hours.",
    ],
}
NEWS_OUTLETS = {"news.pharmawire.example": "PharmaWire", "www.riverbendgazette.example": "Riverbend Gazette"}


# ---------------------------------------------------------------------------- filling the slots
class Slots(dict[str, str]):
    """The values of one text's slots, made on first use (so a slot used twice agrees)."""

    def __init__(self, rng: random.Random, lang: str, client_key: str, *, first: str = "", fullname: str = "",
                 handle: str = "") -> None:
        super().__init__()
        self.rng = rng
        self.lang = lang
        self.client_key = client_key
        self.product_key = str(CLIENT_VALUES[client_key]["product_key"])
        self.depth = 0
        if first:
            self["first"] = first
        if fullname:
            self["fullname"] = fullname
        self.handle = handle

    def fill(self, template: str) -> str:
        return template.format_map(self)

    def __missing__(self, key: str) -> str:
        if key[:1].isupper():
            value = self[key[:1].lower() + key[1:]]
            value = value[:1].upper() + value[1:]
        else:
            value = self._make(key)
        self[key] = value
        return value

    def _choose(self, key: str) -> str | None:
        options: list[str] | None = None
        if self.product_key:
            per_product = PRODUCT_VALUES[self.product_key]
            options = per_product.get(self.lang, {}).get(key) or per_product["en"].get(key)
        if not options:
            options = VALUES.get(self.lang, {}).get(key) or VALUES["en"].get(key)
        if not options:
            client_value = CLIENT_VALUES[self.client_key].get(key)
            if isinstance(client_value, str):
                return client_value
            options = client_value
        if not options:
            return None
        value = self.rng.choice(options)
        if "{" in value and self.depth < 3:
            self.depth += 1
            try:
                value = value.format_map(self)
            finally:
                self.depth -= 1
        return value

    def _make(self, key: str) -> str:
        rng = self.rng
        chosen = self._choose(key)
        if chosen is not None:
            return chosen
        if key == "first":
            return rng.choice(FIRST.get(self.lang, FIRST["en"]))
        if key == "fullname":
            return f"{rng.choice(FIRST.get(self.lang, FIRST['en']))} {rng.choice(LAST.get(self.lang, LAST['en']))}"
        if key == "phone":
            area = rng.choice(["514", "438", "819"] if self.lang == "fr" else ["312", "773", "614", "305", "512", "216"])
            return f"({area}) 555-01{rng.randrange(100):02d}"
        if key == "email":
            local = self.handle or ascii_fold(self["fullname"]).lower().replace(" ", ".")
            return f"{local}@{rng.choice(['example.com', 'example.net', 'example.org'])}"
        if key == "dob":
            born = date(1938, 1, 1) + timedelta(days=rng.randrange(0, 365 * 60))
            return born.strftime("%d/%m/%Y" if self.lang in ("fr", "es") else "%m/%d/%Y")
        if key == "member_id":
            return rng.choice(["W", "XJH", "MBR", "ZQ"]) + str(rng.randrange(10**7, 10**9))
        if key == "group":
            return str(rng.randrange(100000, 999999))
        if key == "medicare":
            chars = "ACDEFGHJKMNPQRTUVWXY"
            return (f"{rng.randrange(1, 9)}{rng.choice(chars)}{rng.choice(chars)}{rng.randrange(10)}-"
                    f"{rng.choice(chars)}{rng.choice(chars)}{rng.randrange(10)}-{rng.choice(chars)}{rng.choice(chars)}"
                    f"{rng.randrange(10, 99)}")
        if key == "ramq":
            letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTV") for _ in range(4))
            return f"{letters} {rng.randrange(1000, 9999)} {rng.randrange(1000, 9999)}"
        if key == "mrn":
            return f"{rng.randrange(10**7):08d}"
        if key == "room":
            return str(rng.choice([2, 3, 4, 5]) * 100 + rng.randrange(1, 40))
        if key == "account":
            return f"RB-{rng.randrange(10**8, 10**9)}"
        if key == "address":
            if self.lang == "fr":
                return (f"{rng.randrange(100, 9999)}, {self._choose('street')}, {self._choose('town')} (Québec) "
                        f"J{rng.randrange(10)}{rng.choice('ABCEGHKLMN')} {rng.randrange(10)}"
                        f"{rng.choice('KLMNPRSTVX')}{rng.randrange(10)}")
            return (f"{rng.randrange(12, 9899)} {VALUES['en']['street'][rng.randrange(8)]}, "
                    f"{self._choose('town')} {rng.randrange(60000, 62999)}")
        if key == "lot":
            letters = "ABCDEFGHJKLMNPRSTVWXYZ"
            return f"{rng.randrange(1, 10)}{rng.choice(letters)}{rng.randrange(10, 99)}{rng.choice(letters)}"
        if key == "exp":
            return f"EXP {rng.randrange(1, 13):02d}/{rng.choice([2026, 2027, 2027, 2028])}"
        if key == "amount":
            return f"${rng.choice([25, 45, 60, 75, 90, 110, 150, 180, 240, 320])}"
        if key == "amount_small":
            return f"${rng.choice([0, 10, 25, 25, 35])}"
        if key == "amount_big":
            return f"${rng.choice([640, 815, 936, 1012, 1180, 1349, 2450, 3870, 6200])}"
        if key == "a1c_from":
            return f"{rng.randrange(80, 115) / 10:.1f}"
        if key == "a1c_to":
            return f"{rng.randrange(58, 72) / 10:.1f}"
        if key == "age":
            return str(rng.randrange(48, 87))
        if key == "hours":
            return str(rng.randrange(3, 12))
        if key == "minutes":
            return str(rng.choice([35, 45, 50, 62, 75, 90, 110]))
        if key == "week_no":
            return str(rng.randrange(2, 20))
        if key in ("num_days", "num"):
            return str(rng.randrange(3, 60))
        if key == "waiting_days":
            return str(rng.choice([45, 60, 72, 90, 120]))
        if key == "ref":
            return f"CW-{rng.randrange(100000, 999999)}"
        if key == "offlabel_q":
            questions = OFFLABEL.get(self.product_key, {})
            options = questions.get(self.lang) or questions.get("en") or ["Can I use this for something else?"]
            return self.fill(rng.choice(options))
        if key == "hcp_role_fr":
            return rng.choice(HCP_ROLE_FR)
        if key == "hcp_role":
            return "healthcare professional"
        raise KeyError(key)


def templates_for(category: str, lang: str) -> list[str]:
    by_lang = TEMPLATES[category]
    return by_lang.get(lang) or by_lang["en"]


def has_language(category: str, lang: str) -> bool:
    return bool(TEMPLATES[category].get(lang))


def template_count() -> int:
    """How many distinct sentence templates the demo composes its traffic from."""
    groups: list[dict[str, list[str]]] = [*TEMPLATES.values(), *REPLIES.values(), *OFFLABEL.values(),
                                          *BYSTANDERS.values(), *POSTS.values(), FOLLOWUPS, DM_DETAILS,
                                          DM_CLOSINGS, TITLES]
    return sum(len(items) for group in groups for items in group.values()) + sum(len(n) for n in NEWS.values())
