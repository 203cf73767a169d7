# ruff: noqa: RUF001, RUF002, E501  (lexicon data in nine languages: full-width punctuation, Cyrillic letters, long phrase lists)
"""Builds ``written.jsonl``: the adverse-event training set the shipped model is trained on.

Every phrase below was written for Carewatch by its developers (no corpus, no real post). The
generator combines them (drugs × events × frames) with a fixed seed, in nine languages, into short
social-media comments labelled 1 (someone reports experiencing an adverse event after/while taking a
medicine) or 0 (everything else: negated, hypothetical or asked-about events, indications, prices,
shipping, praise, news, lists of medicines, adverts and jokes, symptoms with no medicine, scams, and
long posts about nothing medical, so that length carries no signal). Run:

    .venv/bin/python carewatch/triage/data/build_written.py

Licence: part of Carewatch (AGPL-3.0-or-later); see README.md in this folder.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent / "written.jsonl"
PER_LANGUAGE = {"en": 420, "es": 220, "fr": 220, "de": 220, "pt": 220, "it": 220, "ru": 220, "ja": 200, "zh": 200}

L: dict[str, dict[str, list[str]]] = {
    "en": {
        "drug": ["Glucavio", "Dermavex", "Lumetra", "Cardinex", "metformin", "sertraline", "the pen", "my new meds",
                 "this shot", "the jab", "the pills", "Ozempic", "prednisone", "lisinopril", "the injection"],
        "sym": ["nauseous all day", "throwing up every morning", "a pounding headache", "dizzy spells", "diarrhea",
                "constipated for days", "a rash all over my arms", "itchy skin", "no appetite at all", "so tired",
                "insomnia", "heart palpitations", "hair falling out", "stomach cramps", "blurry vision",
                "swollen ankles", "brain fog", "night sweats", "the shakes", "acid reflux", "a metallic taste",
                "muscle pain", "mood swings", "anxiety through the roof", "hives", "sulfur burps"],
        "time": ["two weeks", "a month", "3 days", "since monday", "week 2", "ten days", "a couple of months"],
        "pos": ["{t} on {d} and I have {s}", "since starting {d} I've had {s}", "{d} gave me {s} 😩",
                "been on {d} {t}, {s} every single day", "my mom started {d} and now she has {s}",
                "anyone else get {s} after {d}? day 4 here", "thanks {d} for the {s}, best week ever 🙃",
                "{d} week 3: 🤢🤮", "ugh {s} again after my dose, this stuff is brutal",
                "after the second dose of {d} i got {s} lol kill me", "tbh {d} has me with {s} 24/7",
                "switched to {d} last month, {s} ever since", "my husband's on {d}, {s} started the next day",
                "whoever made {d} owes me a new stomach, {s} for days", "upped my {d} dose and bam, {s}"],
        "neg": ['started {d} {t} ago, no complaints, sugar is stable', 'my mom started {d} and she feels great, thanks', 'since I started {d} I walk every morning and love it', 'after my dose of {d} I went to work as usual, all good', 'my son started college this week and calls me every night', 'since monday the weather has been lovely, took the dog for long walks', 'my husband has been on {d} for {t} and is doing really well',
                "no {s} at all on {d}, so happy", "never had {s} on {d}", "if {d} gives me {s} I'm quitting",
                "does {d} cause {s}?", "can {d} make you {s}? asking before I start",
                "I take {d} for my diabetes and it works great", "how much is {d} without insurance?",
                "my {d} order still hasn't shipped, 2 weeks now", "love {d}, best decision I made this year",
                "FDA news: {d} maker announces recall of some lots over labeling, no injuries reported",
                "my meds: {d}, vitamin d, fish oil. that's the list", "this {d} commercial is so cringe lol",
                "got the flu from my kid, {s} all weekend", "the pharmacy was out of {d} again, so annoying",
                "does anyone know if {d} is covered by medicaid?", "study says {s} is a common side effect of {d}",
                "my doctor warned me {d} might cause {s}, so far so good",
                "{d} stock is up 5% today after earnings", "picked up {d} from the pharmacy, the staff were lovely",
                "ok but who designed the {d} website, I can't find the refill page",
                "earn $500 a day from home!! click my bio, works with {d} users too",
                "is it ok to store {d} in the fridge door?"],
        "filler": ['The library extended its opening hours for the exam period.', 'We bought new curtains for the living room and a few plants for the balcony.', 'Our team won the match on Saturday, the kids were thrilled.', 'I am learning to bake bread, the second loaf was much better than the first.', 'The train to the coast was full of families going on holiday.', 'There are roadworks on the main street until the end of the month.',
                   "I drove to the store this morning and the parking lot was packed.",
                   "The weather has been lovely all week and the kids played outside.",
                   "My sister is visiting next weekend so I am cleaning the whole house.",
                   "We watched a long movie last night and it was honestly a bit boring.",
                   "Work has been busy, lots of meetings and emails, nothing unusual.",
                   "I finally fixed the fence in the backyard after months of waiting.",
                   "The bus was late again and I missed the first half of the meeting.",
                   "Dinner was pasta with tomato sauce and a big salad from the garden."],
    },
    "es": {
        "drug": ["Glucavio", "Dermavex", "la pluma", "las pastillas", "la metformina", "este medicamento", "la inyección",
                 "Lumetra", "el tratamiento"],
        "sym": ["náuseas todo el día", "vómitos", "dolor de cabeza", "mareos", "diarrea", "estreñimiento", "sarpullido",
                "picazón", "nada de apetito", "mucho cansancio", "insomnio", "palpitaciones", "caída del pelo",
                "dolor de estómago", "visión borrosa", "ansiedad"],
        "time": ["dos semanas", "un mes", "tres días", "desde el lunes"],
        "pos": ["llevo {t} con {d} y tengo {s}", "desde que empecé {d} tengo {s}", "{d} me da {s} 😩",
                "mi madre empezó {d} y ahora tiene {s}", "¿a alguien más le da {s} con {d}? yo llevo {t}",
                "gracias {d} por {s}, semana perfecta 🙃", "después de la dosis de {d} me dieron {s} 🤢"],
        "neg": ['empecé {d} hace {t}, todo bien y el azúcar estable', 'mi madre empezó {d} y se siente genial', 'desde que empecé {d} camino cada mañana', 'mi hijo empezó la universidad y me llama cada noche', 'después de la dosis de {d} fui a trabajar normal',
                "ningún problema con {d}, cero {s}", "nunca tuve {s} con {d}", "si {d} me da {s} lo dejo",
                "¿{d} causa {s}?", "tomo {d} para la diabetes y va genial", "¿cuánto cuesta {d} en farmacia?",
                "mi pedido de {d} no llega", "noticia: retiran lotes de {d} por un error de etiquetado",
                "mis medicinas: {d}, vitamina D y omega 3", "tengo gripe, {s} todo el fin de semana",
                "la farmacia no tiene {d} otra vez", "el médico dice que {d} puede causar {s}, de momento bien"],
        "filler": ['La biblioteca amplió su horario para la época de exámenes.', 'Compramos cortinas nuevas para el salón y unas plantas para el balcón.', 'Nuestro equipo ganó el partido del sábado, los niños estaban felices.', 'Estoy aprendiendo a hacer pan, el segundo salió mucho mejor.', 'El tren a la costa iba lleno de familias de vacaciones.', 'Hay obras en la calle principal hasta final de mes.',
                   "Esta mañana fui al mercado y había muchísima gente.", "El fin de semana vino mi hermana a casa.",
                   "En el trabajo hubo reuniones todo el día, nada especial.",
                   "Anoche vimos una película larga y un poco aburrida."],
    },
    "fr": {
        "drug": ["Glucavio", "Dermavex", "le stylo", "les comprimés", "la metformine", "ce médicament", "l'injection",
                 "Lumetra", "le traitement"],
        "sym": ["des nausées", "des vomissements", "mal à la tête", "des vertiges", "la diarrhée", "constipé",
                "des plaques rouges", "des démangeaisons", "plus d'appétit", "une fatigue énorme", "des insomnies",
                "des palpitations", "perdu mes cheveux", "mal au ventre", "la vue floue", "de l'angoisse"],
        "time": ["deux semaines", "un mois", "trois jours", "depuis lundi"],
        "pos": ["{t} sous {d} et j'ai {s}", "depuis que je prends {d} j'ai {s}", "{d} me donne {s} 😩",
                "ma mère a commencé {d} et maintenant elle a {s}", "quelqu'un d'autre a {s} avec {d} ? moi depuis {t}",
                "merci {d} pour {s}, semaine de rêve 🙃", "après l'injection de {d} j'ai eu {s} 🤢"],
        "neg": ["j'ai commencé {d} il y a {t}, rien à signaler", 'ma mère a commencé {d} et elle va très bien', 'depuis que je prends {d} je marche tous les matins', "mon fils a commencé l'université et m'appelle le soir", 'après la dose de {d} je suis allée travailler, tout va bien', 'mon neveu a commencé un nouveau travail en ville',
                "aucun souci avec {d}, pas de {s}", "jamais eu {s} avec {d}", "si {d} me donne {s} j'arrête",
                "est-ce que {d} provoque {s} ?", "je prends {d} pour mon diabète, ça marche bien",
                "combien coûte {d} en pharmacie ?", "ma commande de {d} n'est pas arrivée",
                "actualité : rappel de lots de {d} pour un défaut d'étiquetage", "mes médicaments : {d}, vitamine D",
                "j'ai la grippe, {s} tout le week-end", "rupture de stock de {d} encore une fois",
                "le médecin dit que {d} peut donner {s}, pour l'instant rien"],
        "filler": ['La bibliothèque a prolongé ses horaires pour la période des examens.', 'Nous avons acheté des rideaux pour le salon et des plantes pour le balcon.', 'Notre équipe a gagné le match de samedi, les enfants étaient ravis.', "J'apprends à faire du pain, la deuxième fournée était bien meilleure.", 'Le train pour la côte était plein de familles en vacances.', "Il y a des travaux dans la rue principale jusqu'à la fin du mois.", 'Nos voisins ont repeint leur maison et toute la rue en parle.', 'Des amis viennent dîner samedi, je prépare des lasagnes pour tout le monde.',
                   "Ce matin je suis allé au marché et il y avait beaucoup de monde.",
                   "Ma sœur vient nous voir le week-end prochain.", "Au travail, réunions toute la journée, rien de spécial.",
                   "Hier soir nous avons regardé un long film un peu ennuyeux."],
    },
    "de": {
        "drug": ["Glucavio", "Dermavex", "der Pen", "die Tabletten", "Metformin", "das Medikament", "die Spritze",
                 "Lumetra", "die Behandlung"],
        "sym": ["Übelkeit", "Erbrechen", "Kopfschmerzen", "Schwindel", "Durchfall", "Verstopfung", "Ausschlag",
                "Juckreiz", "keinen Appetit", "ständig müde", "Schlafstörungen", "Herzrasen", "Haarausfall",
                "Bauchschmerzen", "verschwommenes Sehen", "Angstzustände"],
        "time": ["zwei Wochen", "einen Monat", "drei Tage", "seit Montag"],
        "pos": ["seit {t} nehme ich {d} und habe {s}", "seit ich {d} nehme, habe ich {s}", "{d} macht mir {s} 😩",
                "meine Mutter hat mit {d} angefangen und hat jetzt {s}", "hat noch jemand {s} von {d}? bei mir seit {t}",
                "danke {d} für {s}, tolle Woche 🙃", "nach der Spritze {d} hatte ich {s} 🤢"],
        "neg": ['ich habe vor {t} mit {d} angefangen, alles gut', 'meine Mutter hat mit {d} angefangen und fühlt sich super', 'seit ich {d} nehme, gehe ich jeden Morgen spazieren', 'mein Sohn hat mit dem Studium angefangen und ruft abends an', 'nach der Dosis {d} ging ich ganz normal arbeiten',
                "keine Probleme mit {d}, null {s}", "nie {s} mit {d} gehabt", "wenn {d} mir {s} macht, höre ich auf",
                "verursacht {d} {s}?", "ich nehme {d} für meinen Diabetes, klappt super",
                "was kostet {d} in der Apotheke?", "meine Bestellung {d} ist noch nicht da",
                "Nachricht: Rückruf einiger Chargen von {d} wegen Etikettenfehler", "meine Medikamente: {d}, Vitamin D",
                "ich habe Grippe, {s} das ganze Wochenende", "die Apotheke hat {d} schon wieder nicht",
                "der Arzt sagt {d} kann {s} machen, bisher nichts"],
        "filler": ['Die Bibliothek hat ihre Öffnungszeiten für die Prüfungszeit verlängert.', 'Wir haben neue Vorhänge für das Wohnzimmer und Pflanzen für den Balkon gekauft.', 'Unsere Mannschaft hat am Samstag gewonnen, die Kinder waren begeistert.', 'Ich lerne gerade Brot backen, das zweite war viel besser.', 'Der Zug an die Küste war voller Familien im Urlaub.', 'Auf der Hauptstraße gibt es bis Monatsende Bauarbeiten.',
                   "Heute Morgen war ich auf dem Markt und es war sehr voll.",
                   "Meine Schwester kommt nächstes Wochenende zu Besuch.",
                   "Bei der Arbeit war den ganzen Tag Besprechung, nichts Besonderes.",
                   "Gestern Abend haben wir einen langen, etwas langweiligen Film gesehen."],
    },
    "pt": {
        "drug": ["Glucavio", "Dermavex", "a caneta", "os comprimidos", "a metformina", "esse remédio", "a injeção",
                 "Lumetra", "o tratamento"],
        "sym": ["náusea o dia todo", "vômito", "dor de cabeça", "tontura", "diarreia", "intestino preso",
                "manchas vermelhas", "coceira", "sem apetite", "muito cansaço", "insônia", "palpitação",
                "queda de cabelo", "dor de barriga", "visão embaçada", "ansiedade"],
        "time": ["duas semanas", "um mês", "três dias", "desde segunda"],
        "pos": ["tô há {t} com {d} e tenho {s}", "desde que comecei {d} estou com {s}", "{d} me deu {s} 😩",
                "minha mãe começou {d} e agora tem {s}", "alguém mais teve {s} com {d}? eu tô há {t}",
                "obrigada {d} pela {s}, semana perfeita 🙃", "depois da aplicação de {d} fiquei com {s} 🤢"],
        "neg": ['comecei {d} há {t}, tudo certo e a glicose estável', 'minha mãe começou {d} e está ótima', 'desde que comecei {d} caminho toda manhã', 'meu filho começou a faculdade e liga toda noite', 'depois da dose de {d} fui trabalhar normal',
                "nenhum problema com {d}, zero {s}", "nunca tive {s} com {d}", "se {d} me der {s} eu paro",
                "{d} causa {s}?", "tomo {d} para diabetes e funciona bem", "quanto custa {d} na farmácia?",
                "meu pedido de {d} não chegou", "notícia: recolhimento de lotes de {d} por erro no rótulo",
                "meus remédios: {d}, vitamina D e ômega 3", "peguei gripe, {s} o fim de semana todo",
                "a farmácia está sem {d} de novo", "o médico disse que {d} pode causar {s}, até agora nada"],
        "filler": ['A biblioteca ampliou o horário para a época de provas.', 'Compramos cortinas novas para a sala e plantas para a varanda.', 'Nosso time ganhou o jogo de sábado, as crianças adoraram.', 'Estou aprendendo a fazer pão, o segundo ficou bem melhor.', 'O trem para o litoral estava cheio de famílias de férias.', 'Tem obras na rua principal até o fim do mês.',
                   "Hoje de manhã fui à feira e estava muito cheia.", "Minha irmã vem nos visitar no fim de semana.",
                   "No trabalho foram reuniões o dia inteiro, nada demais.",
                   "Ontem à noite vimos um filme longo e meio chato."],
    },
    "it": {
        "drug": ["Glucavio", "Dermavex", "la penna", "le compresse", "la metformina", "questo farmaco", "l'iniezione",
                 "Lumetra", "la terapia"],
        "sym": ["nausea tutto il giorno", "vomito", "mal di testa", "vertigini", "diarrea", "stitichezza",
                "macchie rosse", "prurito", "niente appetito", "stanchezza", "insonnia", "palpitazioni",
                "caduta dei capelli", "mal di pancia", "vista offuscata", "ansia"],
        "time": ["due settimane", "un mese", "tre giorni", "da lunedì"],
        "pos": ["sono {t} che prendo {d} e ho {s}", "da quando ho iniziato {d} ho {s}", "{d} mi ha dato {s} 😩",
                "mia madre ha iniziato {d} e ora ha {s}", "qualcun altro ha {s} con {d}? io da {t}",
                "grazie {d} per la {s}, settimana perfetta 🙃", "dopo l'iniezione di {d} ho avuto {s} 🤢"],
        "neg": ['ho iniziato {d} da {t}, tutto bene', 'mia madre ha iniziato {d} e sta benissimo', 'da quando prendo {d} cammino ogni mattina', "mio figlio ha iniziato l'università e chiama ogni sera", 'dopo la dose di {d} sono andata al lavoro, tutto ok',
                "nessun problema con {d}, zero {s}", "mai avuto {s} con {d}", "se {d} mi dà {s} smetto",
                "{d} causa {s}?", "prendo {d} per il diabete e va benissimo", "quanto costa {d} in farmacia?",
                "il mio ordine di {d} non è arrivato", "notizia: richiamati alcuni lotti di {d} per errore di etichetta",
                "i miei farmaci: {d}, vitamina D", "ho l'influenza, {s} tutto il weekend",
                "la farmacia non ha {d} di nuovo", "il medico dice che {d} può dare {s}, per ora niente"],
        "filler": ["La biblioteca ha prolungato l'orario per il periodo degli esami.", 'Abbiamo comprato tende nuove per il soggiorno e piante per il balcone.', 'La nostra squadra ha vinto la partita di sabato, i bambini erano felici.', 'Sto imparando a fare il pane, il secondo è venuto molto meglio.', 'Il treno per la costa era pieno di famiglie in vacanza.', 'Ci sono lavori nella via principale fino a fine mese.',
                   "Stamattina sono andato al mercato ed era pienissimo.", "Mia sorella viene a trovarci il prossimo weekend.",
                   "Al lavoro riunioni tutto il giorno, niente di speciale.",
                   "Ieri sera abbiamo visto un film lungo e un po' noioso."],
    },
    "ru": {
        "drug": ["Глюкавио", "метформин", "эти таблетки", "укол", "оземпик", "препарат", "сертралин", "лекарство"],
        "sym": ["тошнит", "рвота", "болит голова", "кружится голова", "понос", "запор", "сыпь", "зуд",
                "нет аппетита", "слабость", "бессонница", "сердцебиение", "выпадают волосы", "болит живот",
                "тревога", "отёки"],
        "time": ["две недели", "месяц", "три дня", "с понедельника"],
        "pos": ["{t} на {d}, и у меня {s}", "после {d} у меня {s}", "начала принимать {d} и теперь {s} 😩",
                "мама пьёт {d}, теперь у неё {s}", "у кого-то ещё {s} от {d}? у меня уже {t}",
                "спасибо {d} за то, что {s}, отличная неделя 🙃", "после укола {d} {s} 🤢"],
        "neg": ['начала {d} {t} назад, всё хорошо, сахар в норме', 'мама начала {d} и чувствует себя отлично', 'после {d} пошла на работу как обычно', 'сын поступил в университет и звонит каждый вечер', 'с тех пор как принимаю {d}, гуляю каждое утро',
                "на {d} никаких проблем, не было {s}", "никогда не было {s} от {d}", "если от {d} будет {s}, брошу",
                "{d} вызывает {s}?", "принимаю {d} от диабета, всё хорошо", "сколько стоит {d} в аптеке?",
                "заказ {d} так и не пришёл", "новости: отзывают партии {d} из-за ошибки на этикетке",
                "мои лекарства: {d}, витамин D", "заболела гриппом, {s} все выходные",
                "в аптеке опять нет {d}", "врач сказал, что {d} может вызвать {s}, пока всё нормально"],
        "filler": ['Библиотека продлила часы работы на время сессии.', 'Купили новые шторы в гостиную и цветы на балкон.', 'Наша команда выиграла матч в субботу, дети были в восторге.', 'Учусь печь хлеб, вторая буханка получилась намного лучше.', 'Поезд к морю был полон семей, едущих в отпуск.', 'На главной улице ремонт до конца месяца.',
                   "Утром ходила на рынок, там было очень много людей.", "Сестра приедет к нам в следующие выходные.",
                   "На работе весь день совещания, ничего особенного.",
                   "Вчера вечером смотрели длинный и немного скучный фильм."],
    },
    "ja": {
        "drug": ["グルカビオ", "この薬", "注射", "メトホルミン", "オゼンピック", "新しい薬", "ロキソニン"],
        "sym": ["吐き気", "嘔吐", "頭痛", "めまい", "下痢", "便秘", "発疹", "かゆみ", "食欲がない", "だるさ", "不眠",
                "動悸", "抜け毛", "腹痛", "不安"],
        "time": ["二週間", "一ヶ月", "三日", "月曜日から"],
        "pos": ["{d}を始めて{t}、{s}がひどい", "{d}を飲んでから{s}が続いています", "{d}のせいで{s}😩",
                "母が{d}を始めてから{s}があるそうです", "{d}で{s}になった人いますか？私は{t}です",
                "{d}のおかげで{s}、最高の一週間🙃", "{d}を打った後から{s}🤢"],
        "neg": ['{d}を始めて{t}、特に問題なし', '母は{d}を始めてとても元気です', '{d}を打った後、普通に仕事に行きました', '息子が大学に通い始めて毎晩電話をくれます', '{d}を始めてから毎朝散歩しています',
                "{d}で{s}は全くありません", "{d}を使っても{s}はなかった", "もし{d}で{s}が出たらやめます",
                "{d}で{s}は起こりますか？", "糖尿病のために{d}を飲んでいて調子がいい", "{d}の値段はいくらですか？",
                "{d}の注文がまだ届かない", "ニュース：{d}の一部ロットを表示ミスで回収", "私の薬：{d}、ビタミンD",
                "風邪をひいて週末ずっと{s}", "薬局に{d}の在庫がまたない", "医者は{d}で{s}が出るかもと言ったが今のところ平気"],
        "filler": ['図書館が試験期間中に開館時間を延長しました。', 'リビングに新しいカーテンとベランダ用の植物を買いました。', '土曜日の試合でうちのチームが勝ち、子どもたちは大喜びでした。', 'パン作りを練習中で、二回目はずっと上手にできました。', '海へ向かう電車は家族連れでいっぱいでした。', '大通りは月末まで工事中です。',
                   "今朝は市場に行ったらとても混んでいました。", "来週末に姉が遊びに来ます。",
                   "仕事は一日中会議で、特に何もありませんでした。", "昨夜は長くて少し退屈な映画を見ました。"],
    },
    "zh": {
        "drug": ["格卢卡维奥", "这个药", "打针", "二甲双胍", "司美格鲁肽", "新药", "布洛芬"],
        "sym": ["恶心", "呕吐", "头痛", "头晕", "拉肚子", "便秘", "皮疹", "瘙痒", "没胃口", "乏力", "失眠", "心慌",
                "掉头发", "肚子疼", "焦虑"],
        "time": ["两个星期", "一个月", "三天", "从周一开始"],
        "pos": ["用{d}{t}了，一直{s}", "吃了{d}以后{s}", "{d}让我{s}😩", "我妈开始用{d}以后{s}",
                "有人用{d}也{s}吗？我已经{t}了", "感谢{d}让我{s}，完美的一周🙃", "打了{d}之后{s}🤢"],
        "neg": ['开始用{d}{t}了，一切正常', '我妈开始用{d}以后感觉很好', '打了{d}之后照常去上班', '我儿子开始上大学了，每天晚上打电话', '用了{d}以后每天早上去散步',
                "用{d}完全没有{s}", "从来没有因为{d}{s}", "如果{d}让我{s}我就停药", "{d}会引起{s}吗？",
                "我用{d}治疗糖尿病，效果很好", "{d}多少钱一盒？", "{d}的订单还没到", "新闻：{d}部分批次因标签错误召回",
                "我的药：{d}、维生素D", "感冒了，整个周末都{s}", "药店又没有{d}了", "医生说{d}可能会{s}，目前还好"],
        "filler": ['图书馆在考试期间延长了开放时间。', '我们给客厅买了新窗帘，还给阳台买了几盆花。', '我们队周六赢了比赛，孩子们特别高兴。', '我在学做面包，第二次做得好多了。', '去海边的火车上全是去度假的家庭。', '主街上的施工要持续到月底。',
                   "今天早上去了市场，人特别多。", "我姐姐下周末来我家。", "上班一整天都在开会，没什么特别的。",
                   "昨晚看了一部很长又有点无聊的电影。"],
    },
}


def build(seed: int = 7) -> list[dict[str, object]]:
    rng = random.Random(seed)
    records: list[dict[str, object]] = []
    seen: set[str] = set()
    for lang, count in PER_LANGUAGE.items():
        v = L[lang]
        made = 0
        attempts = 0
        while made < count and attempts < count * 50:
            attempts += 1
            roll = rng.random()
            label = int(roll < 0.4)
            frame = rng.choice(v["pos"] if label else v["neg"])
            text = frame.format(d=rng.choice(v["drug"]), s=rng.choice(v["sym"]), t=rng.choice(v["time"]))
            kind = "short"
            if not label and rng.random() < 0.2:  # everyday posts about nothing medical, one to three sentences
                sep = "" if lang in ("ja", "zh") else " "
                text = sep.join(rng.sample(v["filler"], k=rng.randint(1, 3)))
                kind = "neutral"
            if rng.random() < 0.3:  # long posts, positive and negative alike: length carries no signal
                fillers = rng.sample(v["filler"], k=min(len(v["filler"]), rng.randint(2, 4)))
                sep = "" if lang in ("ja", "zh") else " "
                cut = rng.randint(0, len(fillers))
                text = sep.join([*fillers[:cut], text + ("。" if lang in ("ja", "zh") else "."), *fillers[cut:]])
                kind = "long"
            if rng.random() < 0.15 and lang not in ("ja", "zh"):
                text = text.lower() if rng.random() < 0.5 else text.capitalize()
            if text in seen:
                continue
            seen.add(text)
            records.append({"text": text, "lang": lang, "label": label, "kind": kind, "source": "written"})
            made += 1
    rng.shuffle(records)
    return records


def main() -> None:
    records = build()
    with OUT.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} records to {OUT}")


if __name__ == "__main__":
    main()
