# ruff: noqa: RUF001, RUF002, E501  (lexicon data: Cyrillic letters, long phrase lists)
"""More Russian: the symptom and reporting vocabulary of everyday Russian posts, and the medicines
people name in Cyrillic, read by stems so that case endings match ("от флуоксетина", "ксанаксу",
"на прозаке"; see ``ru_forms``).

Written for Carewatch from general knowledge of Russian (issue 10: the engine found too few Russian
reports). Nothing here is copied from a corpus: patterns were learnt by reading where the rules
missed on a research split, then written in our own words.
"""

from __future__ import annotations

from carewatch.triage.lexicons._util import terms

# Extra lay symptoms and experience words (same syntax as ``symptoms.py``: ``стем*`` matches endings).
SYMPTOMS: tuple[str, ...] = terms("""
ломк* | ломает | ломало | синдром отмены | синдрома отмены | синдромом отмены | синдроме отмены | отходняк* | аритми* | гипотензи* | гипертензи* | тахикарди*
брадикарди* | зеваю | зевота | зевать | зрачки | расширенные зрачки | накрыл* | накрывает | вставило | вставляет
снесло | сносит | овощ* | овощем | пячит | прёт | прет | перло | штырил* | не могу спать | не могла спать
не мог спать | не сплю | не спала | не спал | уснуть не могу | не могу заснуть | сплю по | сплю весь день
сплю сутками | просыпаюсь | проснул* от | кошмары | кошмарные сны | сны странные | странные сны | мутит
подташнивает | тошнит | затошнило | блеванул* | блевануть | вырвало | стошнило | понос | пронесло | просраться
не могу срать | запор | живот скрутило | скрутило | колики | изжога | давление скачет | давление упало
давление подскочило | голова кружится | кружится голова | закружилась голова | в глазах темнеет | потемнело в глазах
сердце колотится | сердце выпрыгивает | сердце бешено | пульс под | задыхаюсь | задыхалась | задохнул*
трясёт | трясет | трясло | трясучка | тремор | потряхивает | руки трясутся | дрожат руки | судорог* | сводит
свело | онемел* | немеют | покалывает | мурашки | чешусь | чешется | сыпь | высыпало | обсыпало | прыщи | сыпануло
отекла | отёк | опухла | опухли | поправилась | поправился | набрала | набрал | растолстел* | жрать хочу | жор
аппетит пропал | нет аппетита | отбивает аппетит | отбило аппетит | похудела | похудел | сбросила | не могу есть
слабость | разбитость | разбита | разбитая | вялость | вялая | вялый | нет сил | сил нет | упадок сил | устаю
усталость | апатия | апатичн* | безразличие | похуй | похую | пофиг | эмоций нет | без эмоций
нет эмоций | эмоции пропали | притупил* | тупит | туплю | заторможен* | торможу
забываю | провалы в памяти | плохо соображаю | депрессия | депрессняк | депресуха
тревога | тревожность | паническ* | паника | панички | истерика | истерю | плачу | рыдаю | реву | слезы | слёзы
раздражительн* | агрессия | бесит | злость | срыв | сорвалась | суицид* | самоубийств* | не хочу жить
жить не хочется | мысли о смерти | либидо | не встает | не встаёт | не стоит | не кончить | потенци* | импотенц*
месячные | цикл сбился | кровотечение | кровит | синяки | волосы лезут | волосы выпадают | выпадают волосы
сухость | сушит | во рту сухо | сушняк | потею | потливость | знобит | озноб | температура
головная боль | голова болит | голова раскалывается | мигрень | болит | болят | боли | болело | ноет | ныло
побочка | побочки | побочные | побочный эффект | побочные эффекты | побочку | побочек | побочками
привыкание | зависимость | подсела | подсел | не могу слезть | слезть не могу | на отмене | при отмене
стало хуже | хуже стало | стало плохо | плохо стало | херово | хреново | хуево | хуёво | паршиво | дерьмово
адски | мучаюсь | мучение | отравил* | отравление | траванул* | аллергия | аллергическ*
сны | снится | снились | сновидения | толстею | толстеет | потолстел* | разнесло | разносит | проспал* | сплю целый день
спать весь день | спать охота | спать хочется | хочется спать | блюёт | блюет | блюю | блевот* | подыхаю | подыхала
самовыпил* | ходячий труп | приступ | не могу дышать | нехорошо | повлиял негативно | выпала из реальности
выпал из реальности | объёбан* | объебан* | упорот* | притупляет | качели | кроет | отъехала | отъехал
кукуха | не стоит | стояк | не могу кончить | кончить не могу | глючит | глюки | бред | сердце стучит | ударов в минуту
гипомани* | мании | маниакальн* | толстеть | толстела | толстел | похудею | похудеть | похудела на | кг минус
бронхит* | бесплоди* | обжига* | обожгл* | жжение | жжёт | жжет | связь с реальностью | спать не могу
параличи | паралич* | снятся | кошмар* | аппетита нет | аппетит* пропа* | отбивани* аппетит* | есть перестал*
хочется есть | хочется жрать | жрать хочется | не влезаю | мысли утекают | мысли путаются | припизднут* | злым | злая
""")

# The author reports (first person or a temporal link to taking something).
LINK: tuple[str, ...] = terms("""
от него | от нее | от неё | от них | с него | с нее | с неё | с них | на нём | на нем | на ней | на них
после него | после нее | после неё | после приёма | после приема | после таблетки | после таблеток | после укола
начала пить | начал пить | начала принимать | начал принимать | пью | пила | пил | выпила | выпил | принимаю
сижу на | сидела на | сидел на | слезла с | слез с | бросила пить | бросил пить | перестала пить | перестал пить
снизили дозу | повысили дозу | повысила дозу | снизила дозу | первый день на | неделю на | месяц на
из-за таблеток | из-за него | из-за нее | из-за неё | меня от | у меня от | мне от | меня с | под ним | под ней
""")

FIRST_PERSON: tuple[str, ...] = terms("я | мне | меня | мной | мой | моя | мою | моё | мое | мои | у меня")

# A preposition right before a named medicine that says the medicine caused or coloured what follows:
# "от прозака" (from), "под ксанаксом" (under), "из-за", "после". With the author in the post this is a
# report of an effect even when the effect is in words no lexicon lists ("под прегабалином так классно").
CAUSAL_BEFORE_DRUG: tuple[str, ...] = ("от", "под", "из-за", "после", "с")
CAUSAL_ALONE: tuple[str, ...] = ("от", "из-за")  # causal even in a post without "я"

# Medicines people name in Cyrillic: surface form (nominative) -> canonical name. ``ru_forms`` adds
# the case endings.
DRUG_NAMES: dict[str, str] = {
    "ксанакс": "alprazolam", "алпразолам": "alprazolam", "прозак": "fluoxetine", "феназепам": "phenazepam",
    "тригексифенидил": "trihexyphenidyl", "циклодол": "trihexyphenidyl", "кетилепт": "quetiapine",
    "сероквель": "quetiapine", "эутирокс": "levothyroxine", "тироксин": "levothyroxine", "верапамил": "verapamil",
    "метопролол": "metoprolol", "баклосан": "baclofen", "баклофен": "baclofen", "лоперамид": "loperamide",
    "имодиум": "loperamide", "рексетин": "paroxetine", "миртазапин": "mirtazapine", "ремерон": "mirtazapine",
    "флувоксамин": "fluvoxamine", "феварин": "fluvoxamine", "ципралекс": "escitalopram", "золпидем": "zolpidem",
    "донормил": "doxylamine", "атаракс": "hydroxyzine", "гидроксизин": "hydroxyzine", "карбамазепин": "carbamazepine",
    "финлепсин": "carbamazepine", "депакин": "valproate", "этаперазин": "perphenazine", "аминазин": "chlorpromazine",
    "галоперидол": "haloperidol", "рисперидон": "risperidone", "оланзапин": "olanzapine", "арипипразол": "aripiprazole",
    "абилифай": "aripiprazole", "триттико": "trazodone", "тразодон": "trazodone", "ципрофлоксацин": "ciprofloxacin",
    "цефтриаксон": "ceftriaxone", "левомицетин": "chloramphenicol", "доксициклин": "doxycycline",
    "сальбутамол": "salbutamol", "вентолин": "salbutamol", "беродуал": "ipratropium/fenoterol",
    "пульмикорт": "budesonide", "будесонид": "budesonide", "беклометазон": "beclometasone", "азеластин": "azelastine",
    "називин": "oxymetazoline", "ксилометазолин": "xylometazoline", "лоратадин": "loratadine", "супрастин": "chloropyramine",
    "зиртек": "cetirizine", "цетиризин": "cetirizine", "омез": "omeprazole", "нексиум": "esomeprazole",
    "кеторол": "ketorolac", "кетанов": "ketorolac", "кеторолак": "ketorolac", "пенталгин": "pentalgin", "найз": "nimesulide",
    "мовалис": "meloxicam", "вольтарен": "diclofenac", "грандаксин": "tofisopam", "клоназепам": "clonazepam",
    "диазепам": "diazepam", "реланиум": "diazepam", "корвалол": "corvalol", "пирацетам": "piracetam",
    "мексидол": "mexidol", "циннаризин": "cinnarizine", "бетасерк": "betahistine", "конкор": "bisoprolol",
    "каптоприл": "captopril", "капотен": "captopril", "лизиноприл": "lisinopril", "индапамид": "indapamide",
    "фуросемид": "furosemide", "амиодарон": "amiodarone", "кардиомагнил": "aspirin", "клопидогрел": "clopidogrel",
    "эликвис": "apixaban", "гепарин": "heparin", "клексан": "enoxaparin", "дюфастон": "dydrogesterone",
    "утрожестан": "progesterone", "ярина": "drospirenone/ethinylestradiol", "джес": "drospirenone/ethinylestradiol",
    "регулон": "desogestrel/ethinylestradiol", "постинор": "levonorgestrel", "эскапел": "levonorgestrel",
    "метипред": "methylprednisolone", "роаккутан": "isotretinoin", "акнекутан": "isotretinoin",
    "изотретиноин": "isotretinoin", "тамоксифен": "tamoxifen", "виагра": "sildenafil", "силденафил": "sildenafil",
    "финастерид": "finasteride", "миноксидил": "minoxidil", "литий": "lithium", "карбонат лития": "lithium",
    "тералиджен": "alimemazine", "сонапакс": "thioridazine", "паксил": "paroxetine", "золофт": "sertraline",
    "вальдоксан": "agomelatine", "велафакс": "venlafaxine", "симбалта": "duloxetine", "дулоксетин": "duloxetine",
    "бупропион": "bupropion", "веллбутрин": "bupropion", "модафинил": "modafinil", "атомоксетин": "atomoxetine",
    "риталин": "methylphenidate", "тизанидин": "tizanidine", "сирдалуд": "tizanidine", "мидокалм": "tolperisone",
    "трамал": "tramadol", "кодеин": "codeine", "морфин": "morphine", "налтрексон": "naltrexone",
    "эналаприл": "enalapril", "ацц": "acetylcysteine", "ингалятор": "inhaler", "антидепрессант": "antidepressant",
    "антидепрессанты": "antidepressant", "нейролептик": "antipsychotic", "нейролептики": "antipsychotic",
    "транквилизатор": "tranquilliser", "снотворное": "hypnotic", "антибиотик": "antibiotic", "антибиотики": "antibiotic",
    "гормоны": "hormone", "гормон": "hormone", "вакцина": "vaccine", "прививка": "vaccine", "спутник v": "gam-covid-vac",
}

# Nominal case endings of Russian nouns, by how the dictionary form ends.
_CONSONANT_ENDINGS = ("а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах", "ой")
_A_ENDINGS = ("ы", "и", "е", "у", "ой", "ою")
_SOFT_ENDINGS = ("я", "ю", "ем", "и", "е", "ей")
_VOWELS = set("аеёиоуыэюя")


def ru_forms(name: str) -> tuple[str, ...]:
    """The dictionary form of a Cyrillic medicine name and its case forms (one-word names only; a name
    ending in a vowel other than а/я/о/е is left as it is: "триттико", "лирика" -> "лирики")."""
    name = name.strip().lower()
    if " " in name or not name or not ("\u0400" <= name[-1] <= "\u04ff"):
        return (name,)
    last = name[-1]
    if last in "ая":
        stem = name[:-1]
        return (name, *(stem + e for e in _A_ENDINGS))
    if last in "ьй":
        stem = name[:-1]
        return (name, *(stem + e for e in _SOFT_ENDINGS))
    if last in _VOWELS:
        return (name,)
    forms = [name, *(name + e for e in _CONSONANT_ENDINGS)]
    if name.endswith("ик"):  # "антибиотики" is its own entry
        forms.append(name + "и")
    return tuple(dict.fromkeys(forms))
