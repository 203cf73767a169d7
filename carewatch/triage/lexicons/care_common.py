"""Language data shared by the care detectors (complaint, inquiry, urgent, spam, consent): EN/ES/FR/DE.

Regular-expression fragments, joined into alternations by ``carewatch.triage.detectors.care.alternation``.
Keep each fragment free of capturing groups (use ``(?:…)``).
"""

from __future__ import annotations

# A negation cue in the few words before a cue cancels it ("the pen never jammed", "no leaks").
NEGATORS_BEFORE = (
    r"not", r"no", r"never", r"\w+n't", r"cannot", r"nothing", r"none", r"neither", r"nor",
    r"nunca", r"jamás", r"ningún", r"ninguna", r"ninguno", r"tampoco", r"nada",
    r"ne", r"n'", r"pas", r"jamais", r"aucun", r"aucune", r"rien",
    r"nicht", r"kein", r"keine", r"keinen", r"keiner", r"keinem", r"nie", r"niemals",
)
# Prepositions that negate only the next word or two ("ohne Diabetes zum Abnehmen": only "Diabetes").
NEGATORS_SHORT = (r"without", r"sin", r"sans", r"ohne", r"except", r"excepto", r"sauf", r"außer")
# French and German often negate after the verb ("il ne fuit pas", "der Pen klemmt nicht").
NEGATORS_AFTER = (r"nicht", r"nie", r"niemals", r"pas", r"jamais")

# A conditional just before a cue makes it hypothetical ("what if the pen jams?").
CONDITIONALS = (r"if", r"what if", r"in case", r"unless", r"si", r"en caso de que", r"au cas où", r"falls", r"wenn",
                r"sollte")

# Words that separate clauses, beyond punctuation.
CLAUSE_BREAKS = (r"but", r"pero", r"mais", r"aber", r"although", r"though", r"sino", r"sondern")

# Generic references to a medicine or its device: with a product context they point at the product.
MED_NOUNS = (
    r"pens?", r"(?:auto-?)?injectors?", r"inhalers?", r"syringes?", r"needles?", r"cartridges?", r"vials?",
    r"pills?", r"tablets?", r"capsules?", r"meds?", r"medicines?", r"medications?", r"drugs?", r"shots?",
    r"injections?", r"doses?", r"prescriptions?", r"refills?", r"treatment", r"solution", r"liquid",
    r"plumas?", r"(?:auto)?inyectores?", r"inhaladores?", r"jeringas?", r"agujas?", r"pastillas?",
    r"comprimidos?", r"c[aá]psulas?", r"medicamentos?", r"medicinas?", r"inyecci[oó]n(?:es)?", r"dosis",
    r"tratamiento", r"receta",
    r"stylos?", r"(?:auto-?)?injecteurs?", r"inhalateurs?", r"seringues?", r"aiguilles?", r"comprimés?",
    r"gélules?", r"médicaments?", r"piqûres?", r"injections?", r"traitement", r"ordonnance",
    r"Pens?", r"Fertigpens?", r"(?:Auto)?[Ii]njektor(?:en)?", r"Inhalator(?:en)?", r"Spritzen?", r"Fertigspritzen?",
    r"Nadeln?", r"Kanülen?", r"Tabletten?", r"Kapseln?", r"Medikament(?:e|en)?", r"Arznei(?:mittel)?",
    r"Injektion(?:en)?", r"Dosis", r"Behandlung", r"Rezept",
)
