# ruff: noqa: RUF001, E501  (lexicon data in nine languages: full-width punctuation, Cyrillic letters, long phrase lists)
"""Adverse-event vocabulary for Portuguese, Italian, Russian, Japanese and Chinese, plus emoji and
English slang the older lexicons lack. Same kinds and syntax as ``symptoms.py``/``cues.py``
(see ``_util.terms``); ``LEXICON[kind][lang]`` is read by ``detectors/adverse.py`` next to them.

Written for Carewatch from general knowledge of how people talk about feeling unwell; no MedDRA
(licensed) and nothing mined from research corpora. Japanese and Chinese have no spaces between
words: their terms match as substrings (``adverse.CJK_LANGUAGES``), so they are written as the
shortest unambiguous phrase ("吐き気", "恶心").
"""

from __future__ import annotations

from carewatch.triage.lexicons import russian
from carewatch.triage.lexicons._util import terms

CJK = ("ja", "zh")

SYMPTOMS: dict[str, tuple[str, ...]] = {
    "es": terms("no puede respirar | no puedo respirar | hinchando | hinchada | hinchado | me falta el aire"
                " | abrazada al inodoro | abrazado al inodoro | noches en el baño"),
    "fr": terms("nuits aux toilettes | nuits sur les toilettes | la tête dans les toilettes"),
    "de": terms("""
    übel | mir ist schlecht | ist mir schlecht | gallenblase* | notoperiert | notoperation | keine luft
    über der kloschüssel | über dem klo | nacht auf dem klo | nächte auf dem klo
    """),
    "en": terms("""
    🤢 | 🤮 | 🤧 | 🥵 | 🥶 | 😵‍💫 | coughing up blood | cough up blood | arm went numb | arm is numb | chest is tight
    chest feels tight | tight chest | chest tightness | heart racing | heart is racing | racing heart | palpitation*
    feel like garbage | feel like crap | feel like shit | feel awful | felt awful | feeling awful
    feel terrible | felt terrible | feel horrible | felt horrible | feel like death | feel like dying | wrecked me
    messed me up | knocked me out | knocked me flat | farting | shaky | sweaty | sweating | night sweats
    falling out | fell out in clumps | in clumps | heart race* | heart raced | heart was racing | gaunt
    cold all the time | always cold | freezing all the time | optic neuritis | catching every cold | every cold
    keep getting sick | constantly sick | sugar crash* | low sugar* | went low | going low | hypo | hypos
    hugging the toilet | night hugging the toilet | nights on the toilet | on the toilet after every meal
    puffing up | puffed up | puffy ankles | swollen ankles | ankles swelling | ankles are swollen
    off my nut | what planet i'm on | what planet im on | lurching | memory lapse | memory lapses | cant think straight
    can't see straight | zombie | like a zombie | crazy dreams | vivid dreams | weird dreams | can't cry | cant cry
    impossible to cry | hurt so bad | hurts so bad | burn my mouth | burns my mouth | dry nose | dry throat | mood swings
    doped up | forgetful | irritable | jitters | tremors | weird taste | lightheaded | light headed | the spins
    sleepwalking | brain zaps | barfing | impotent | stomach in knots | stomach is in knots | knots in my stomach
    """),
    "pt": terms("""
    herpes | herpes labial | herpes zoster | cobreiro | não paro nada no estômago | gripe que não passa
    noites no banheiro | abraçada ao vaso | abraçado ao vaso
    náusea* | nausea* | enjoo* | enjoad* | enjoô | ânsia de vômito | vômito* | vomito* | vomitei | vomitando
    vomitar | diarreia | diarréia | caganeira | dor de barriga | dor de estômago | dor no estômago | prisão de ventre
    intestino preso | constipad* | azia | refluxo | gases | estufad* | dor de cabeça | cefaleia | enxaqueca
    tontura* | tonta | tonto | vertigem | desmaiei | desmaio* | convuls* | tremedeira | tremor* | tremendo | cansaço
    exaust* | fadiga | sonolência | sono o dia todo | insônia | insonia | não consigo dormir | nao consigo dormir
    sem dormir | ansiedade | ansios* | depress* | tristeza | choro | chorando | irritad* | coceira* | coçando
    manchas | alergia | alérgic* | urticária | vermelhidão | inchaço | inchad* | inchou | dor no peito
    espinha* | furúnculo* | furunculo* | pústula* | pustula* | acne
    falta de ar | sem ar | palpitaç* | coração acelerado | taquicardia | pressão alta | pressão baixa | queda de cabelo
    cabelo caindo | perdi peso | ganhei peso | engordei | dor muscular | dores musculares | dor nas articulações
    dor | dores | febre | calafrio* | suor | suando | visão turva | vista embaçada | formigamento | dormência | dormente
    sangramento | sangrando | hematoma* | pancreatite | hipoglicemia | mal-estar | mal estar | passando mal
    passei mal | me sinto mal | ruim demais | péssim* | efeito colateral | efeitos colaterais
    """),
    "it": terms("""
    herpes | herpes labiale | febbre sulle labbra | febbricola | fuoco di sant'antonio | non trattengo niente | raffreddore che non passa
    notti in bagno | abbracciata al water | abbracciato al water
    nausea | nausee | nauseat* | vomit* | vomitato | ho vomitato | conati | diarrea | mal di pancia | mal di stomaco
    dolori addominali | crampi | stitichezza | stitic* | gonfiore | gonfi* | bruciore di stomaco | reflusso
    mal di testa | emicrania | cefalea | vertigini | vertigine | capogiri | giramenti di testa | stordit* | svenut*
    svenimento | convulsion* | tremori | tremo | stanchezza | stanc* | spossatezza | sonnolenza | insonnia
    non riesco a dormire | non dormo | ansia | ansios* | depress* | piango | irritabil* | prurito | mi prude
    eruzione | sfogo | orticaria | allergi* | arrossament* | rossore | dolore al petto | fiato corto | mancanza di fiato
    brufol* | foruncol* | pustol* | acne
    affanno | palpitazion* | tachicardia | pressione alta | pressione bassa | perdo i capelli | caduta dei capelli
    ho perso peso | ingrassat* | dolori muscolari | dolori articolari | dolor* | febbre | brividi | sudorazione
    sudo | vista offuscata | formicolio | intorpidiment* | sanguinament* | lividi | pancreatite | ipoglicemia
    malessere | sto male | stavo male | mi sento male | effetto collaterale | effetti collaterali | reazione
    """),
    "ru": terms("""
    в обнимку с унитазом | ночи в туалете | над унитазом
    тошн* | подташнива* | мутит | мутило | рвот* | вырвал* | рвёт | рвет | рвало | блюю | блевал* | понос* | диаре*
    запор* | вздут* | изжог* | живот болит | болит живот | болел живот | живот крутит | крутит живот | головн*
    голова болит | болит голова | болела голова | голова болела | голова раскалывается | мигрен* | головокруж*
    голова кружится | кружится голова | кружилась голова | шатает | шатало | обморок* | потерял* сознание
    судорог* | трясёт | трясет | трясло | дрож* | слабост* | устал* | вялост* | апати* | сонлив* | хочется спать
    спать хочу | бессонниц* | не могу спать | не могу уснуть | не сплю | тревог* | тревожн* | паник* | депресс*
    плачу | реву | раздраж* | агресси* | зуд* | чешется | чесалось | чесотк* | сыпь | сыпью | сыпи | высыпан*
    крапивниц* | аллерги* | покраснен* | отек* | отёк* | опух* | отекл* | боль | боли | болью | болей | болит
    болят | болела | болело | болели | одышк* | задых* | нечем дышать | сердцебиен* | тахикард* | давлени* скач*
    давление поднял* | давление упал* | выпадают волосы | выпадение волос | лезут волосы | похудел* | поправил*
    # round 15: hair falling out in every tense and order ("начали выпадать волосы", "волосы выпали")
    выпадать волосы | выпадали волосы | выпали волосы | выпадает волос* | волосы выпали | волосы выпадали
    волосы стали выпадать | волосы начали выпадать | волосы лезли | лезли волосы | облысел*
    набрал* вес | температур* | озноб* | знобит | потлив* | потею | онемен* | немеет | немели | покалыв*
    кровотечен* | синяк* | панкреатит* | гипогликеми* | галлюцинац* | глюки | кошмар* | сушняк | сухость во рту
    во рту сухо | плохо | хренов* | херов* | фигово | отвратительно | самочувствие | побочк* | побочн*
    нежелательн* | ломит | ломка | ломает | привыкан* | зависимост* | расстройство желудка
    ужасно себя чувствую | чувствую себя ужасно | чувствую себя плохо | колотится | сердце стучит | заснуть
    засыпаю на ходу | вырубает | вырубило | вырубился | вырубилась | рубит | клонит в сон | жор | жрать хочется
    туман в голове | каша в голове | прыщ* | акне | колбасит | плющит | штырит | кроет | торкает | отходняк*
    мучаюсь | мучает | мучил* | трясучк* | потряхивает | нервн* | истерик* | бешусь | злюсь | жжени* | жжет | жжёт
    горечь во рту | кашель | кашля* | насморк* | заложен* нос | пучит | газы | жидкий стул | лихорадк* | жар
    ватн* | разбит* | тяжесть | мутно | двоится | шум в ушах | звон в ушах | кровь из носа | тяжело дышать
    """),
    "ja": terms("""
    トイレとお友達 | トイレから出られない | トイレにこもりきり
    吐き気 | 吐きそう | 吐いた | 吐いて | 嘔吐 | 気持ち悪 | むかむか | ムカムカ | 胃もたれ | 胸やけ | 胸焼け | 下痢 | 腹痛
    お腹が痛 | おなかが痛 | お腹痛 | 便秘 | 膨満 | 頭痛 | 頭が痛 | 偏頭痛 | めまい | 眩暈 | ふらふら | フラフラ | ふらつ
    失神 | 気を失 | けいれん | 痙攣 | 震え | だるい | だるさ | 倦怠感 | 疲れ | 眠気 | 眠い | 眠れない | 不眠 | 不安
    うつ | 鬱 | 落ち込 | イライラ | かゆ | 痒 | 発疹 | 湿疹 | じんましん | 蕁麻疹 | 赤み | 腫れ | むくみ | 浮腫 | 胸が痛
    胸痛 | 胸が苦し | 息苦し | 息ができない | 呼吸困難 | 動悸 | 血圧が上 | 血圧が下 | 脱毛 | 髪が抜け | 抜け毛 | 体重が増
    太った | 痩せ | 筋肉痛 | 関節痛 | 痛い | 痛み | 痛くて | 熱が | 発熱 | 寒気 | 悪寒 | 汗 | 目がかすむ | 視界 | しびれ
    痺れ | 出血 | 血が | あざ | 膵炎 | 低血糖 | 体調が悪 | 調子が悪 | 具合が悪 | 副作用 | 副反応 | 食欲がな | 食べられない
    """),
    "zh": terms("""
    抱着马桶 | 一直跑厕所 | 离不开厕所
    恶心 | 噁心 | 想吐 | 呕吐 | 嘔吐 | 吐了 | 反胃 | 腹泻 | 拉肚子 | 腹痛 | 肚子疼 | 肚子痛 | 胃疼 | 胃痛 | 便秘 | 胀气
    腹胀 | 烧心 | 反酸 | 头痛 | 头疼 | 頭痛 | 偏头痛 | 头晕 | 頭暈 | 眩晕 | 晕倒 | 昏倒 | 晕厥 | 抽搐 | 癫痫发作 | 发抖 | 手抖 | 冒冷汗 | 出冷汗 | 冷汗
    颤抖 | 乏力 | 没力气 | 疲劳 | 疲倦 | 很累 | 嗜睡 | 犯困 | 失眠 | 睡不着 | 焦虑 | 抑郁 | 烦躁 | 痒 | 瘙痒 | 皮疹
    疹子 | 荨麻疹 | 过敏 | 過敏 | 红肿 | 发红 | 肿 | 浮肿 | 水肿 | 胸口痛 | 胸口很痛 | 胸痛 | 胸闷 | 喘不过气 | 呼吸困难
    心慌 | 心悸 | 心跳加速 | 血压升高 | 血压高 | 血压低 | 脱发 | 掉头发 | 掉发 | 长胖 | 体重增加 | 瘦了 | 肌肉痛
    关节痛 | 疼 | 痛 | 发烧 | 發燒 | 发热 | 发冷 | 出汗 | 盗汗 | 视力模糊 | 看不清 | 麻木 | 发麻 | 手麻 | 出血 | 流血
    淤青 | 胰腺炎 | 低血糖 | 不舒服 | 难受 | 難受 | 副作用 | 不良反应 | 没胃口 | 食欲不振 | 吃不下
    """),
}

SERIOUS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "medically_important": terms("""
        don't want to be alive | dont want to be alive | don't want to live | want to die | better off without me
        better off dead | suicidal
        tuberculosis | tb test came back positive | positive tb test | found tb | latent tb | sepsis | septic
        diagnosed with tb | got tb | developed tb | active tb
        lymphoma | leukemia | leukaemia | melanoma | skin cancer | diagnosed with cancer | kidneys shut down | kidney failure
        bleeding in the back of the eye | retinal bleed* | retinal hemorrhage | lost vision | lost the vision
        not get the sight back | lose my sight | losing my sight | vision loss | went blind | blind in one eye
        """),
        "hospitalisation": terms("""
        admitted | on the ward | in hospital for | nights in hospital | days in hospital | week in hospital
        """),
        "required_intervention": terms("""
        gallbladder removed | gallbladder out | gallbladder taken out | gallbladder surgery | cholecystectomy
        bowel surgery | emergency surgery | bags of iv | iv fluids | on a drip | antibiotic course | months of antibiotics
        """),
    },
    "es": {"medically_important": terms("no quiero vivir | quiero morir | pensamientos suicidas | tuberculosis"
                                     " | linfoma | leucemia | melanoma | cáncer de piel"),
           "required_intervention": terms("me operaron | operaron de la vesícula | quitaron la vesícula")},
    "fr": {"medically_important": terms("envie de mourir | idées suicidaires | idees suicidaires | tuberculose"
                                     " | lymphome | leucémie | mélanome | cancer de la peau"),
           "required_intervention": terms("opérée de la vésicule | opéré de la vésicule | ablation de la vésicule"
                                          " | retiré la vésicule")},
    "de": {"medically_important": terms("will nicht mehr leben | suizidgedanken | selbstmordgedanken | tuberkulose"
                                     " | lymphom | leukämie | melanom | hautkrebs"),
           "required_intervention": terms("gallenblase musste raus | gallenblase entfernt | gallenblase raus")},
    "pt": {
        "death": terms("morreu | faleceu | óbito | morte"),
        "life_threatening": terms("quase morri | quase morreu | parada cardíaca | choque anafilático"),
        "hospitalisation": terms("internad* | internação | uti | hospitalizad* | fiquei no hospital"),
        "medically_important": terms("convulsão | anafilaxia | pancreatite | ideação suicida | pensamentos suicidas"
                                     " | tuberculose | linfoma | leucemia | melanoma | câncer de pele"),
        "required_intervention": terms("tirar a vesícula | tirei a vesícula | operei a vesícula | cirurgia"),
    },
    "it": {
        "death": terms("è morto | è morta | morto | morta | deceduto | deceduta | decesso"),
        "life_threatening": terms("quasi morto | quasi morta | arresto cardiaco | shock anafilattico"),
        "hospitalisation": terms("ricoverat* | ricovero | terapia intensiva | rianimazione | in ospedale"),
        "medically_important": terms("convulsione | anafilassi | pancreatite | pensieri suicidi | tubercolosi"
                                     " | linfoma | leucemia | melanoma | tumore della pelle"),
        "required_intervention": terms("tolto la cistifellea | tolta la cistifellea | colecistectomia | operata | operato"),
    },
    "ru": {
        "death": terms("умер | умерла | скончал* | смерть | погиб*"),
        "life_threatening": terms("чуть не умер | чуть не умерла | остановка сердца | анафилактический шок | реанимаци*"),
        "hospitalisation": terms("госпитализир* | положили в больницу | попал в больницу | попала в больницу | в больнице"
                                 " | увезли на скорой | стационар | в реанимации"),
        "medically_important": terms("судороги | анафилакси* | панкреатит | суицидальн* | отёк квинке | отек квинке"
                                     " | туберкул* | лимфом* | лейкоз* | лейкеми* | меланом* | рак кожи"),
        "required_intervention": terms("удалили желчный | удалили желчный пузырь | операци*"),
    },
    "ja": {
        "death": terms("死亡 | 亡くなっ | 死んだ"),
        "life_threatening": terms("死にかけ | 心停止 | アナフィラキシーショック"),
        "hospitalisation": terms("入院 | 救急搬送 | ICU | 集中治療"),
        "medically_important": terms("けいれん発作 | アナフィラキシー | 膵炎 | 自殺念慮 | 結核 | リンパ腫 | 白血病"
                                     " | メラノーマ | 皮膚がん"),
        "required_intervention": terms("胆のうを摘出 | 胆嚢摘出 | 手術"),
    },
    "zh": {
        "death": terms("去世 | 死亡 | 死了 | 过世"),
        "life_threatening": terms("差点死 | 心脏骤停 | 过敏性休克 | 抢救"),
        "hospitalisation": terms("住院 | 送医 | 急诊 | 重症监护 | ICU"),
        "medically_important": terms("癫痫 | 胰腺炎 | 自杀念头 | 结核 | 淋巴瘤 | 白血病 | 黑色素瘤 | 皮肤癌"),
        "required_intervention": terms("胆囊切除 | 做了手术 | 手术"),
    },
}

SPECIAL: dict[str, dict[str, tuple[str, ...]]] = {
    "pt": {"pregnancy": terms("grávida | gravidez | gestante"), "overdose": terms("dose dupla | tomei duas doses | overdose"),
           "medication_error": terms("dose errada | apliquei duas vezes")},
    "it": {"pregnancy": terms("incinta | gravidanza"), "overdose": terms("doppia dose | overdose"),
           "medication_error": terms("dose sbagliata")},
    "ru": {"pregnancy": terms("беременна | беременность | беременности"), "overdose": terms("передозировк* | двойную дозу"),
           "medication_error": terms("перепутал* дозу | не ту дозу")},
    "ja": {"pregnancy": terms("妊娠"), "overdose": terms("過剰摂取 | 二回分 | 2回分 | 飲みすぎ"),
           "breastfeeding": terms("授乳")},
    "zh": {"pregnancy": terms("怀孕 | 孕期"), "overdose": terms("过量 | 吃多了 | 两倍剂量"), "breastfeeding": terms("哺乳")},
}

# Round 10 (dev13): medication errors, whole supplies swallowed and lack of efficacy told, in the five languages.
SPECIAL_ROUND10: dict[str, dict[str, str]] = {
    "pt": {"medication_error": "sem querer | por engano | apliquei duas vezes | esqueci que já tinha",
           "overdose": "tomei todos os | acabei de tomar todos | engoli todos | tomei a caixa inteira",
           "lack_of_efficacy": """nenhuma melhora | continua igual | continua igualzinha | nenhum efeito | sem efeito
           | não fez efeito | nao fez efeito | zero efeito | não melhorou nada | igual a antes"""},
    "it": {"medication_error": "per sbaglio | per errore | ho fatto due volte",
           "overdose": "ho preso tutte | ho preso tutta | ho ingoiato tutte | ho inghiottito tutte",
           "lack_of_efficacy": """nessun miglioramento | è uguale | e uguale | è rimasta uguale | nessun effetto
           | non fa effetto | non mi fa niente | non è migliorata | uguale a prima | come prima"""},
    "ru": {"medication_error": "случайно | по ошибке | два раза на этой неделе | забыл* что уже",
           "overdose": "выпил всю | выпила всю | выпил все | выпила все | проглотил* все | проглотил* всю",
           "lack_of_efficacy": """никакого эффекта | ноль эффекта | не помогает | не помог | не помогло | без изменений
           | как был так и есть | как болели так и болят | никакого улучшения | лучше не стало"""},
    "ja": {"medication_error": "間違えて | 間違って | うっかり | 2回打って | 二回打って",
           "overdose": "一箱全部 | 全部飲んだ | 全部飲み",
           "lack_of_efficacy": "変わらない | 効かない | 効果がない | 効果なし | 良くならない | よくならない | 効いてない"},
    "zh": {"medication_error": "不小心 | 打错 | 搞错 | 打了两次",
           "overdose": "一整盒 | 一整瓶 | 全部吃了 | 全吃了",
           "lack_of_efficacy": "没好转 | 没有好转 | 没效果 | 没有效果 | 不管用 | 一点没降 | 没用 | 没有改善 | 不见好"},
}
for _lang, _situations in SPECIAL_ROUND10.items():
    for _situation, _block in _situations.items():
        SPECIAL[_lang][_situation] = (*SPECIAL[_lang].get(_situation, ()), *terms(_block))

# Round 16: breastfeeding was listed in en, es, fr, de, ja and zh only (blind17: "Sto allattando il mio bimbo di 2 mesi"
# was no special situation); the situation in Portuguese, Italian and Russian, and "doesn't work" in the present
# tense where only the past was listed (pt "não faz efeito" beside "não fez efeito"; it "non ha fatto effetto" beside
# "non fa effetto"; es "sigue igual" beside "sigo igual").
SPECIAL_ROUND16: dict[str, dict[str, str]] = {
    "pt": {"breastfeeding": "amamentando | amamentação | amamentacao | amamento | amamentar | dando de mamar",
           "lack_of_efficacy": "não faz efeito | nao faz efeito | efeito nenhum | não está fazendo efeito"},
    "it": {"breastfeeding": "allattando | allattamento | allatto | allattare",
           "lack_of_efficacy": "non ha fatto effetto | non ha fatto niente | effetto zero"},
    "ru": {"breastfeeding": "кормлю грудью | кормит грудью | грудное вскармливание | грудном вскармливании | кормящая"},
}
for _lang, _situations in SPECIAL_ROUND16.items():
    for _situation, _block in _situations.items():
        SPECIAL[_lang][_situation] = (*SPECIAL[_lang].get(_situation, ()), *terms(_block))

# Round 13: a wrong strength or pen handed over by the pharmacy, several pens at once (lexicons/special.ROUND13).
SPECIAL_ROUND13: dict[str, dict[str, str]] = {
    "pt": {"medication_error": "dosagem errada | me deram a caneta errada | a farmácia errou",
           "overdose": "canetas de uma vez | doses de uma vez | canetas de uma só vez | doses de uma só vez"},
    "it": {"medication_error": "dosaggio sbagliato | la penna sbagliata | il farmacista ha sbagliato",
           "overdose": "penne in una volta | dosi in una volta | penne tutte insieme | dosi tutte insieme"},
    "ru": {"medication_error": "не ту дозировку | перепутали дозировку | в аптеке перепутали",
           "overdose": "ручки за раз | ручки сразу | дозы за раз | дозы сразу | укола за раз | уколов за раз"},
    "ja": {"medication_error": "違う用量 | 用量を間違え | 薬局が間違え",
           "overdose": "一度に2本 | 一度に3本 | 一度に二本 | 一度に三本 | 一度に何本 | まとめて打"},
    "zh": {"medication_error": "拿错 | 给错 | 拿成了 | 配错",
           "overdose": "一次打了两支 | 一次打了三支 | 一次打了好几支 | 一次打了2支 | 一次打了3支 | 一口气打了"},
}
for _lang, _situations in SPECIAL_ROUND13.items():
    for _situation, _block in _situations.items():
        SPECIAL[_lang][_situation] = (*SPECIAL[_lang].get(_situation, ()), *terms(_block))

NEGATION_PRE: dict[str, tuple[str, ...]] = {
    "pt": terms("não | nao | nunca | sem | nenhum | nenhuma | nem | zero | jamais | não tive | nao tive | não senti"),
    "it": terms("non | mai | senza | nessun | nessuna | nessuno | né | zero | non ho avuto | mai avuto"),
    "ru": terms("не | нет | никаких | никакой | никакого | ни | без | ни разу | не было"),
    "ja": terms("全く | 全然 | 一度も"),
    "zh": terms("没有 | 没 | 沒有 | 无 | 不 | 从没 | 从来没 | 未"),
}

NEGATION_POST: dict[str, tuple[str, ...]] = {
    "pt": terms("nenhum | nada | zero"),
    "it": terms("nessuno | niente | zero"),
    "ru": terms("нет | не было | ноль"),
    "ja": terms("はない | がない | はありません | がありません | なし | ありません | なかった | ない | ませんでした"),
    "zh": terms("没有 | 没了 | 都没有"),
}

NEGATION_PSEUDO: dict[str, tuple[str, ...]] = {
    "pt": terms("não aguento | nao aguento | não sei se | não paro de | nao paro de"),
    "it": terms("non ce la faccio | non so se | non riesco | non smetto di | non la smetto di"),
    # Fifth round: "I can't stop vomiting" is no negation.
    "es": terms("no paro de | no dejo de | no para de | no deja de"),
    "fr": terms("n'arrête pas de | arrête pas de | n'arrete pas de"),
    "de": terms("hör nicht auf | höre nicht auf | kann nicht aufhören"),
    "en": terms("can't stop | cant stop | won't stop | wont stop | couldn't stop | couldnt stop"),
    "ru": terms("не могу | не знаю"),
    "ja": terms("止まらない | 眠れない | 食べられない | できない | 治らない | 収まらない | おさまらない | 寝られない | 下がらない"),
    "zh": terms("不知道 | 不舒服 | 睡不着 | 吃不下 | 不了 | 不停 | 不过气 | 看不清 | 停不下"),
}

HYPOTHETICAL: dict[str, tuple[str, ...]] = {
    "en": terms("""
    commercial | commercials | advert | advertisement | billboard | jingle | recall notice | recalled | headline
    expected | expecting | was told | keeps saying | keep saying | kept saying | says that | claims
    swears | swear | talk about | talks about | talked about
    """),
    "pt": terms("se eu | se me | se tiver | caso | pode causar | podem causar | risco de | medo de | talvez | estudo"
                " | diz que | dizem que | propaganda | comercial"),
    "it": terms("se mi | se ho | se dovessi | nel caso | può causare | possono causare | rischio di | paura di | forse"
                " | studio | dice che | dicono che | pubblicità | spot"),
    "ru": terms("если | может вызвать | могут вызвать | риск | боюсь | вдруг | возможно | исследование"
                " | говорят | говорит | реклама | рекламы | рекламе"),
    "ja": terms("もし | たら | 可能性 | 心配 | 怖い | かもしれ | 起こる場合 | って言う | と言う | らしい | 聞いた | CM | 広告"),
    "zh": terms("如果 | 万一 | 可能会 | 会不会 | 担心 | 怕 | 风险 | 听说 | 据说 | 说这个 | 广告"),
    # Fifth round: hearsay and adverts in Spanish, French and German (``cues.HYPOTHETICAL`` lacks them).
    "es": terms("dice que | anuncio | comercial"),
    "fr": terms("dit que | disent que | pub | publicité"),
    "de": terms("sagt | sagen | werbung | davon wird einem"),
}

QUESTION: dict[str, tuple[str, ...]] = {
    "pt": terms("será | pode | posso | alguém | é normal | como | quanto | qual | quais"),
    "it": terms("può | posso | qualcuno | è normale | come | quanto | quale | quali"),
    "ru": terms("может ли | можно ли | у кого | это нормально | как | сколько | какие"),
    "ja": terms("ですか | ますか | でしょうか | かな"),
    "zh": terms("吗 | 嗎 | 会不会 | 是否 | 怎么 | 多少"),
}

WEAK: dict[str, tuple[str, ...]] = {
    "ru": terms("голова | сердце | живот | желудок | сон | аппетит | вес | настроение | кожа | печень | давление"
                " | состояние | эффект | 😷 | 🤢 | 🤮"),
    "pt": terms("cabeça | coração | estômago | barriga | sono | apetite | peso | humor | pele | efeito"),
    "it": terms("testa | cuore | stomaco | pancia | sonno | appetito | peso | umore | pelle | effetto"),
    "ja": terms("頭 | 胃 | お腹 | 睡眠 | 食欲 | 体重 | 気分 | 肌"),
    "zh": terms("头 | 胃 | 肚子 | 睡眠 | 食欲 | 体重 | 心情 | 皮肤"),
}

EXPERIENCE: dict[str, tuple[str, ...]] = {
    "en": terms("has me | have me | whoever invented"),
    "pt": terms("eu tenho | tô com | to com | estou com | fiquei | tive | me sinto | me deu | me dá | meu | minha"),
    "it": terms("ho | ho avuto | sto | mi sento | mi ha dato | mi dà | mio | mia"),
    "ru": terms("у меня | я | мне | меня | мой | моя | у мамы | у мужа"),
    "ja": terms("私 | 僕 | 俺 | わたし | 自分 | 母 | 父"),
    "zh": terms("我 | 我妈 | 我爸 | 我的"),
}

TERMINATORS: dict[str, tuple[str, ...]] = {
    "pt": terms("mas | porém | exceto | só | agora"),
    "it": terms("ma | però | tranne | solo | adesso | ora"),
    "ru": terms("но | однако | кроме | только | теперь | зато"),
    "ja": terms("でも | けど | しかし | ただ"),
    "zh": terms("但是 | 但 | 可是 | 不过 | 只是"),
}

LINK: dict[str, tuple[str, ...]] = {
    "en": terms("""
    after my dose | after the jab | since the dose went up | the shot is why | this stuff | made my | makes my
    gave my | gives my | making my | since i went up | went up to | since going up | while on | weeks into
    days into | months into | since the dose | since my dose | after my shot | after my pen
    may have played a role | linked to this | it's linked to | said it's linked | thinks it's the | could be from the
    caused by the | asked a lot about my | slowed my | slowing my
    """),
    # Fifth round: being on the product for a while ("a year on the weekly shot") in ES/FR/DE.
    "es": terms("con las inyecciones | con la pluma | llevaba un año con | llevo un año con"
                " | desde que me pongo | puede ser por el | puede ser por la | cree que es el | cree que es la | relacionado con el"),
    "fr": terms("sous traitement | depuis que je fais | depuis le début du traitement | pense que c'est le"
                " | pense que c'est la | lié au | liée au"),
    "de": terms("auf der wochenspritze | auf der spritze | seit einem jahr auf | seit ich spritze | seit ich den pen"
                " | kann vom | kommt vom | liegt am | spritzt das zeug | spritzt das"),
    "pt": terms("desde que comecei | depois de tomar | depois da aplicação | depois da injeção | depois da dose"
                " | após tomar | após a aplicação | comecei a tomar | comecei a usar | estou tomando | tô tomando"
                " | tomei | me deu | me dá | me deixa | me deixou | por causa do | por causa da | uso a caneta"
                " | desde que uso | aplico a caneta | pode ser da | pode ser do | relacionado com"),
    "it": terms("da quando ho iniziato | da quando prendo | dopo aver preso | dopo la dose | dopo l'iniezione"
                " | dopo la puntura | ho iniziato | sto prendendo | prendo | ho preso | mi ha dato | mi dà | mi fa"
                " | a causa del | a causa della | faccio l'iniezione | faccio le punture | da quando fa | dopo la penna"
                " | se prendeva | legato al | dovuto al | mesi di"),
    "ru": terms("после | от него | от неё | от нее | от них | от этих | от этого | от таблеток | из-за"
                " | с тех пор как | начал* принимать | начал* пить | принимаю | принимал* | приём* | прием* | пью | пила"
                " | пил | выпил* | уколол* | колю | колола | кололи | подсел* | на нем | на нём | на них | вызывает у меня"),
    "ja": terms("から | 後 | あと | 飲んで | 飲み始め | 服用 | 打って | 注射して | 注射後 | 打った後 | 使い始め | のせい"),
    "zh": terms("以后 | 之后 | 后 | 吃了 | 打了 | 打针 | 服用 | 用了 | 开始吃 | 开始用 | 导致 | 引起 | 有关 | 有关系"),
}

STRONG_LINK: dict[str, tuple[str, ...]] = {
    "pt": terms("me deu | me dá | me deixa | me deixou"),
    "it": terms("mi ha dato | mi dà | mi fa"),
}

INDICATION: dict[str, tuple[str, ...]] = {
    "pt": terms("para | contra | para tratar | tratamento de"),
    "it": terms("per | contro | per curare | per il trattamento"),
    "ru": terms("для лечения | против | таблетки от | таблетку от | лекарство от | средство от | помогает от"
                " | помогло от | пью от | принимаю от | назначили от | выписали от"),
    "ja": terms("の治療"),
    "zh": terms("治疗"),
}

MEDICINE: dict[str, tuple[str, ...]] = {
    "pt": terms("remédio* | remedio* | medicamento* | comprimido* | cápsula* | dose | injeção | injecao | caneta"
                " | aplicação | vacina | insulina | tratamento"),
    "it": terms("farmaco | farmaci | medicina | medicinale | pastiglia | pastiglie | compressa | compresse"
                " | dose | iniezione | puntura | penna | vaccino | insulina | terapia"),
    "ru": terms("таблетк* | препарат* | лекарств* | укол* | инъекци* | доз* | шприц* | прививк* | вакцин* | инсулин"
                " | капсул* | пилюл* | лечение | антибиотик*"),
    "ja": terms("薬 | くすり | クスリ | 錠 | 注射 | ワクチン | 点滴 | インスリン | 処方 | 服用"),
    "zh": terms("药 | 藥 | 打针 | 注射 | 疫苗 | 针剂 | 胰岛素 | 片剂 | 胶囊 | 吃药"),
}

FIRST_PERSON: dict[str, tuple[str, ...]] = {
    "pt": terms("eu | me | meu | minha | comigo | tô | estou"),
    "it": terms("io | mi | mio | mia | me | ho | sono"),
    "ru": terms("я | мне | меня | мой | моя | у меня"),
    "ja": terms("私 | 僕 | 俺 | わたし | あたし | 自分"),
    "zh": terms("我"),
}

THIRD_PERSON: dict[str, tuple[str, ...]] = {
    "pt": terms("minha mãe | meu pai | meu filho | minha filha | meu marido | minha esposa | minha avó | meu avô"),
    "it": terms("mia madre | mio padre | mio figlio | mia figlia | mio marito | mia moglie | mia nonna | mio nonno"),
    "ru": terms("мама | маму | маме | папа | папу | сын | сыну | дочь | дочке | муж | мужу | жена | бабушка | дедушка"),
    "ja": terms("母 | 父 | 息子 | 娘 | 夫 | 妻 | 祖母 | 祖父"),
    "zh": terms("我妈 | 我爸 | 妈妈 | 爸爸 | 儿子 | 女儿 | 老公 | 老婆 | 奶奶 | 爷爷"),
}

IMPERSONAL: dict[str, tuple[str, ...]] = {
    "en": terms("commercial | commercials | advert | ad for | earnings | recall news | study shows | new study"),
    "pt": terms("pacientes | estudo | notícia | segundo"),
    "it": terms("pazienti | studio | notizia | secondo"),
    "ru": terms("пациенты | исследование | новости | по данным"),
    "ja": terms("患者 | 研究 | ニュース"),
    "zh": terms("患者 | 研究 | 新闻"),
}

BENEFIT: dict[str, tuple[str, ...]] = {
    "pt": terms("melhor | bem | feliz"),
    "it": terms("meglio | bene | felice"),
}

# Figures of speech that contain an event word.
PSEUDO: dict[str, tuple[str, ...]] = {
    "en": terms("""
    killing me lol | killing me lmao | price is killing me | prices are killing me | wait is killing me
    waiting is killing me | music is killing me | service is killing me | traffic is killing me | heat is killing me
    suspense is killing me | it's killing me, | commercial gives me a headache | ad gives me a headache
    gives me a headache lol | makes me sick lol | sick of waiting | sick of this | tired of waiting | dying to
    dying laughing | i'm dead 💀 | 💀💀
    """),
    # Round 10: a figure of speech about pregnancy is no pregnancy (special situation).
    "pt": terms("parece gravidez | pareço grávida | pareco gravida | nenhum efeito colateral | nenhum efeito adverso"),
    "it": terms("sembro incinta | nessun effetto collaterale | nessun effetto indesiderato"),
    # Round 13: a word that holds 头 / 頭 (head, a weak event word) and names a thing, not the body: a needle
    # (针头), a pen tip, a lens, a profile picture, a tap, a pillow, a storefront (not 以后头晕: "after, dizzy").
    "zh": terms("针头 | 笔头 | 镜头 | 头像 | 龙头 | 水龙头 | 码头 | 枕头 | 石头 | 头条 | 接头 | 插头"),
    "ja": terms("先頭 | 店頭 | 冒頭 | 口頭 | 頭金 | 街頭 | 年頭 | 筆頭 | 頭文字"),
}

SYMPTOMS["ru"] = (*SYMPTOMS["ru"], *russian.SYMPTOMS)
# Round 14 (blind15, a Russian cold sore): cold sores were events in English (plural only), Spanish, Portuguese
# and Italian only.
_COLD_SORES = {  # the sore itself, not the bare virus name ("Herpes-Impfung", the shingles shot, is no event)
    "en": "cold sore",
    "fr": "herpès labial | bouton de fièvre | boutons de fièvre",
    "de": "lippenherpes | fieberbläschen",
    "ru": "герпес | простуда на губе",
    "ja": "口唇ヘルペス | ヘルペスが出",
    "zh": "唇疱疹 | 起了疱疹 | 长了疱疹",
}
for _lang, _words in _COLD_SORES.items():
    SYMPTOMS[_lang] = (*SYMPTOMS.get(_lang, ()), *terms(_words))
LINK["ru"] = (*LINK["ru"], *russian.LINK)
FIRST_PERSON["ru"] = (*FIRST_PERSON["ru"], *russian.FIRST_PERSON)

# Round 15 (blind16, read by cause): verb forms of bleeding, swelling and burning ("as gengivas sangram", "mi
# sanguinano le gengive", "mi bruciano gli occhi").
SYMPTOMS["pt"] = (*SYMPTOMS["pt"], *terms("sangram | sangra | sangrando | gengiva sangr* | gengivas sangr* | arde | ardendo"
                                          " | inchad* | inchando | queimando"))
SYMPTOMS["it"] = (*SYMPTOMS["it"], *terms("sanguinano | mi sanguina* | sanguinamento | bruciano | mi brucia* | gonfi*"))

LEXICON: dict[str, dict[str, tuple[str, ...]]] = {
    "pseudo": PSEUDO,
    "event": SYMPTOMS, "weak": WEAK, "neg_pre": NEGATION_PRE, "neg_post": NEGATION_POST, "neg_pseudo": NEGATION_PSEUDO,
    "hypothetical": HYPOTHETICAL, "question": QUESTION, "experience": EXPERIENCE, "terminator": TERMINATORS,
    "link": LINK, "strong_link": STRONG_LINK, "indication": INDICATION, "medicine": MEDICINE,
    "first": FIRST_PERSON, "third": THIRD_PERSON, "impersonal": IMPERSONAL, "benefit": BENEFIT,
}

# Common medicines as people write them in scripts the general drug dictionary (Latin) cannot read:
# surface form -> canonical (English) name. Matched like dictionary drug names.
DRUG_NAMES: dict[str, str] = {
    **dict.fromkeys(terms("парацетамол | панадол"), "paracetamol"),
    **dict.fromkeys(terms("ибупрофен | нурофен"), "ibuprofen"), "аспирин": "aspirin",
    **dict.fromkeys(terms("метформин | глюкофаж | сиофор"), "metformin"), "инсулин": "insulin",
    **dict.fromkeys(terms("оземпик | семаглутид"), "semaglutide"), "анальгин": "metamizole",
    **dict.fromkeys(terms("амоксициллин | флемоксин | амоксиклав"), "amoxicillin"), "азитромицин": "azithromycin",
    **dict.fromkeys(terms("сертралин | золофт"), "sertraline"), "флуоксетин": "fluoxetine",
    **dict.fromkeys(terms("пароксетин | паксил"), "paroxetine"), "эсциталопрам": "escitalopram",
    **dict.fromkeys(terms("венлафаксин | велаксин"), "venlafaxine"), "амитриптилин": "amitriptyline",
    "кветиапин": "quetiapine", "ламотриджин": "lamotrigine", "габапентин": "gabapentin", "прегабалин": "pregabalin",
    **dict.fromkeys(terms("лирика"), "pregabalin"), "трамадол": "tramadol", "диклофенак": "diclofenac",
    "омепразол": "omeprazole", "аторвастатин": "atorvastatin", "эналаприл": "enalapril", "лозартан": "losartan",
    "амлодипин": "amlodipine", "бисопролол": "bisoprolol", "варфарин": "warfarin", "ксарелто": "rivaroxaban",
    "преднизолон": "prednisolone", "дексаметазон": "dexamethasone", "кагоцел": "kagocel", "арбидол": "umifenovir",
    "ингавирин": "ingavirin", "эргоферон": "ergoferon", "анаферон": "anaferon", "цитрамон": "citramon",
    "нимесил": "nimesulide", "но-шпа": "drotaverine", "фенибут": "phenibut", "афобазол": "fabomotizole",
    "мелатонин": "melatonin", "спутник": "gam-covid-vac",
    **dict.fromkeys(terms("ロキソニン | ロキソプロフェン"), "loxoprofen"), "カロナール": "paracetamol",
    "イブ": "ibuprofen", "バファリン": "aspirin", "メトホルミン": "metformin", "オゼンピック": "semaglutide",
    "リベルサス": "semaglutide", "インスリン": "insulin", "ジェイゾロフト": "sertraline", "パキシル": "paroxetine",
    "レクサプロ": "escitalopram", "デパス": "etizolam", "マイスリー": "zolpidem", "リリカ": "pregabalin",
    "タミフル": "oseltamivir", "ファイザー": "tozinameran", "モデルナ": "elasomeran", "抗生物質": "antibiotic",
    "アムロジピン": "amlodipine", "プレドニン": "prednisolone", "ステロイド": "steroid", "ピル": "contraceptive",
    **dict.fromkeys(terms("布洛芬 | 芬必得"), "ibuprofen"), **dict.fromkeys(terms("对乙酰氨基酚 | 泰诺 | 扑热息痛"), "paracetamol"),
    "阿司匹林": "aspirin", "二甲双胍": "metformin", "司美格鲁肽": "semaglutide", "胰岛素": "insulin",
    "舍曲林": "sertraline", "左洛复": "sertraline", "帕罗西汀": "paroxetine", "艾司西酞普兰": "escitalopram",
    "氟西汀": "fluoxetine", "奥司他韦": "oseltamivir", "达菲": "oseltamivir", "阿莫西林": "amoxicillin",
    "头孢": "cephalosporin", "抗生素": "antibiotic", "激素": "steroid", "避孕药": "contraceptive", "安眠药": "hypnotic",
    "他汀": "statin", "阿托伐他汀": "atorvastatin", "氨氯地平": "amlodipine", "连花清瘟": "lianhua qingwen",
    "疫苗": "vaccine",
}

# Russian names with their case endings ("от флуоксетина", "на прозаке"): see ``russian.ru_forms``.
DRUG_NAMES.update(russian.DRUG_NAMES)
DRUG_NAMES.update({form: canonical for name, canonical in list(DRUG_NAMES.items())
                   for form in russian.ru_forms(name) if form not in DRUG_NAMES})
