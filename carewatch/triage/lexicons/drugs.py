"""Curation of the general drug dictionary (``drug-named-entity-recognition``) for social text.

The dictionary maps ~107k surface variants to drugs, but many variants are ordinary words in English,
Spanish, French or German ("cobre", "eisen", "modus", "caps", "rufen"), foods, chemicals or proteins.
``STOP``: variants never taken as a drug mention. The list was reviewed by hand from the collisions
between the dictionary's single-word variants and common-word lists of the four languages.
``SHORT``: the only variants of fewer than five letters that count (abbreviations people write).
``EXTRA``: brands, foreign brands and slang the dictionary lacks, mapped to a canonical name.
"""

from __future__ import annotations

from carewatch.triage.lexicons._util import terms

STOP = frozenset(terms("""
acerola | actinio | adsorba | agit | alkohol | alcohol | almora | aloe | aloes | aluminio | aman | americaine | anilin
anilina | anions | cations | anodynes | antasten | antibodies | antidotes | antimonio | antiperspirant
antiperspirants | aphrodisiacs | aspartame | astringents | azetat | azor | balsams | bicarbonate | biliverdine
boldo | borates | bromides | buche | buffers | cadmio | caesium | calcio | cambia | caps | carbol | carbono
carcinogens | cashews | cathartics | cera | cerna | chamomile | chickpea | chlorides | chlorofluorocarbons
chrom | citrate | citrates | cloro | cloves | coagulants | cobalto | cobre | complexons | consonar | copal
creosota | cromo | cryptates | cuivre | daca | dala | debrase | deodorants | dextrosa | dialysates | diamonds
doca | dona | dopamine | ecstasy | eisen | emend | emollients | endorphin | endorphins | eosine | excipient
excipients | fermium | fertilizers | flours | fluorides | fluorocarbon | fluorocarbons | formaldehyd | formates
fras | freons | gana | gelatina | gelatine | generics | glicina | glucosa | glutamate | glutamates | glyzerin
graphites | halon | halons | harnstoff | herbicides | hexoses | hierro | hops | horseradish | indicators | indio
insecticides | insulinase | isomerase | kalzium | kaon | kobalt | koffein | caffeine | cafeina | cafeína
kupfer | lactates | lanthanoid | lanthanoids | lastet | lats | laurates | lawrencium | licorice | magnesio
mannose | mendelevium | mentol | moco | modus | molibdeno | mops | myrrh | neurotransmitter | neurotransmitters
niobio | nobelium | oats | oregano | ozono | paps | pecans | peppermint | pepsina
peroxides | phosphates | phosphites | platino | potasio | prolamine | promet | promit | prosome | pulsar | purines
pyrroles | rabon | reagents | rhein | rhodamines | rubidio | rufen | sacarosa | salpetersaure | selenio | serina
silicio | siliziumdioxid | sits | snares | styrenes | sublimat | sucrase | sugarcane | sulfate | sulfates
sulfur | sunscreen | sunscreens | surfont | talco | talin | teta | tetris | tiron | titane | titanio | toluidines
toronja | transaminase | transaminases | tris | vals | vanadio | vitae | votum | watercress | wormwood | yeasts
kendrick | fargo | armour | colgate | sunkist | clearasil | aquafresh | noxzema | fica | germanin | dristan
water | oxygen | sugar | salt | honey | coffee | garlic | ginger | lemon | vinegar | milk | iron | zinc | copper
gold | silver | carbon | nitrogen | helium | chlorine | sodium | calcium | potassium | magnesium | protein
proteins | vitamin | vitamins | fiber | fibre | gluten | lactose | glucose | fructose | sucrose | starch | collagen
keratin | melanin | cortisol | adrenaline | serotonin | histamine | insulin resistance | estrogen | oestrogen
testosterone levels | blood | plasma | serum | urea | acetone | ethanol | methanol | glycerin | glycerol
""")) | frozenset({
    "tylenol pm", "advance", "focus", "relief", "bliss", "calm", "restore", "balance", "revive", "clarity", "liberty",
    "unity", "harmony", "vital", "nature", "simply", "activ", "active", "plus", "ultra", "max", "forte", "rapid",
    "control", "comfort", "care", "essential", "complete", "total", "daily", "night", "day", "clear", "fresh",
    "cool", "pure", "natural", "original", "extra", "strength", "junior", "children", "infant", "adult",
})

SHORT = frozenset(terms("""
amox | apap | axid | hctz | ofev | onfi | qvar | urso | zmax | orap | ismo | olux | xepi | ipol | luzu | ifex | eryc
tobi | oxy | oxys | addy | xans | percs | roxy | mdma | lsd | thc | cbd | ghb | pcp | dmt | ket | yaz
"""))

EXTRA: dict[str, str] = {
    "percocet": "oxycodone and acetaminophen", "percs": "oxycodone and acetaminophen",
    "vicodin": "hydrocodone and acetaminophen", "norco": "hydrocodone and acetaminophen",
    "oxy": "oxycodone", "oxys": "oxycodone", "roxy": "oxycodone", "roxies": "oxycodone",
    "addy": "amphetamine", "addys": "amphetamine", "xans": "alprazolam", "xannies": "alprazolam",
    "xanny": "alprazolam", "benzos": "benzodiazepines", "benzo": "benzodiazepines",
    "nyquil": "doxylamine, dextromethorphan and acetaminophen", "dayquil": "dextromethorphan and acetaminophen",
    "theraflu": "acetaminophen and phenylephrine", "pepto": "bismuth subsalicylate",
    "pepto-bismol": "bismuth subsalicylate", "mucinex": "guaifenesin", "midol": "acetaminophen",
    "nexplanon": "etonogestrel", "implanon": "etonogestrel", "depo-provera": "medroxyprogesterone",
    "depo provera": "medroxyprogesterone", "depo shot": "medroxyprogesterone",
    "yaz": "drospirenone and ethinyl estradiol",
    "yasmin": "drospirenone and ethinyl estradiol", "kyleena": "levonorgestrel", "nuvaring": "etonogestrel",
    "plan b": "levonorgestrel", "morning after pill": "levonorgestrel", "zepbound": "tirzepatide",
    "saxenda": "liraglutide", "rybelsus": "semaglutide", "comirnaty": "covid-19 vaccine",
    "spikevax": "covid-19 vaccine", "pfizer vaccine": "covid-19 vaccine", "moderna": "covid-19 vaccine",
    "moderna vaccine": "covid-19 vaccine", "astrazeneca vaccine": "covid-19 vaccine",
    "covid vaccine": "covid-19 vaccine", "covid shot": "covid-19 vaccine", "covid jab": "covid-19 vaccine",
    "booster shot": "vaccine", "flu shot": "influenza vaccine", "flu jab": "influenza vaccine",
    "doliprane": "acetaminophen", "dafalgan": "acetaminophen", "efferalgan": "acetaminophen",
    "ibuprofène": "ibuprofen", "ibuprofene": "ibuprofen", "nurofen": "ibuprofen", "spasfon": "phloroglucinol",
    "smecta": "diosmectite", "gaviscon": "alginate", "voltaren": "diclofenac", "aspirine": "aspirin",
    "gelocatil": "acetaminophen", "nolotil": "metamizole", "enantyum": "dexketoprofen", "frenadol": "acetaminophen",
    "espidifen": "ibuprofen", "buscapina": "butylscopolamine", "thomapyrin": "aspirin, acetaminophen and caffeine",
    "ibu": "ibuprofen", "paracetamolo": "acetaminophen", "levotiroxina": "levothyroxine", "eutirox": "levothyroxine",
    "l-thyroxin": "levothyroxine", "euthyrox": "levothyroxine", "lévothyrox": "levothyroxine",
    "levothyrox": "levothyroxine", "xeplion": "paliperidone", "trankimazin": "alprazolam", "orfidal": "lorazepam",
    "tavor": "lorazepam", "tranxilium": "clorazepate", "lexatin": "bromazepam", "xanax": "alprazolam",
    "stilnox": "zolpidem", "dormidina": "doxylamine", "suboxone": "buprenorphine and naloxone",
    "subutex": "buprenorphine", "lsd": "lysergide", "mdma": "midomafetamine", "cbd": "cannabidiol",
    "thc": "tetrahydrocannabinol", "ghb": "sodium oxybate", "ket": "ketamine", "vioxx": "rofecoxib",
    "nicotine": "nicotine", "nicotine patch": "nicotine", "nicotine gum": "nicotine", "nicotine lozenge": "nicotine",
    "darvocet": "propoxyphene and acetaminophen", "darvon": "propoxyphene", "reductil": "sibutramine",
    "meridia": "sibutramine", "acomplia": "rimonabant", "avandia": "rosiglitazone",
    # frequent misspellings of frequently discussed medicines
    "trazadone": "trazodone", "trazedone": "trazodone", "zanax": "alprazolam", "xannax": "alprazolam",
    "xanex": "alprazolam", "adderal": "amphetamine", "aderall": "amphetamine", "adderral": "amphetamine",
    "aderal": "amphetamine", "ambian": "zolpidem", "prozak": "fluoxetine", "welbutrin": "bupropion",
    "wellbutrine": "bupropion", "effexer": "venlafaxine", "lamictil": "lamotrigine", "seraquel": "quetiapine",
    "seroquil": "quetiapine", "seroquell": "quetiapine", "klonipin": "clonazepam", "klonapin": "clonazepam",
    "klonopen": "clonazepam", "vicoden": "hydrocodone and acetaminophen", "hydrocodon": "hydrocodone",
    "oxycodon": "oxycodone", "percoset": "oxycodone and acetaminophen", "ibuprophen": "ibuprofen",
    "ibuprofin": "ibuprofen", "ibuprofrn": "ibuprofen", "tylenal": "acetaminophen", "metforman": "metformin",
    "metformine": "metformin", "gabapenton": "gabapentin", "gabapentine": "gabapentin", "suboxon": "buprenorphine",
    "methadon": "methadone", "tramadole": "tramadol", "cymbalt": "duloxetine", "lorazapam": "lorazepam",
    "lorazepan": "lorazepam", "diazapam": "diazepam", "levaquine": "levofloxacin", "levofloxicin": "levofloxacin",
    "cipro xr": "ciprofloxacin", "zolpidam": "zolpidem", "quetiapina": "quetiapine", "venlafaxina": "venlafaxine",
    "fluoxetina": "fluoxetine", "sertralina": "sertraline", "paroxetina": "paroxetine",
    "escitalopram oxalato": "escitalopram", "lorazepam ratiopharm": "lorazepam",
}
