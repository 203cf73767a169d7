# ruff: noqa: E501, E702, RUF001  (hand-written posts in nine languages; one-line label constants)
"""Write dev13.jsonl (issue 10, tenth round): 124 hand-written social comments in the nine screened languages, written
after reading the misses of special situations, off-label, complaints and PHI on every set BY PATTERN (no text copied):
overdoses and medication errors told (a dose done twice by mistake, a whole box swallowed), lack of efficacy told
(months of use, nothing changed), off-label use told (prescribed for another condition or a child, doses more often than
the label), off-label questions (type 1, splitting a pen or a tablet), complaints (a pen that does not fire, an opened box
with a syringe missing, an odd smell, a delivery without its cold pack), PHI with a name and an address or a record
number, and hard negatives (no side effects, figurative pregnancy, a website button, a child's joke). Written by the
Carewatch developers; AGPL-3.0-or-later. Usage: python build_dev13.py carewatch/triage/data/dev13.jsonl"""

import json
import sys

SS=["special_situation"]; OS=["off_label","special_situation"]; MO=["medical_inquiry","off_label"]; PC=["product_complaint"]
N: list[str] = []; AE=["adverse_event"]; PHI=["phi"]; PP=["phi","product_complaint"]; SU=["special_situation","urgent"]
G="Glucavio"; D="Dermavex"; H=None
rows = [
("en",G,"accidentally did my Glucavio shot twice this week, forgot I'd already done Sunday's. feel totally normal so far",SS),
("en",G,"my husband grabbed my Glucavio pen instead of his insulin this morning and injected it. he's fine, just annoyed",SS),
("en",D,"eight months on Dermavex and my plaques look exactly like day one. not a single patch has cleared",SS),
("en",G,"A1c went UP on this pen. five months of shots for nothing",SS),
("en",D,"my gastro started me on Dermavex for Crohn's in March, it's been a game changer for my gut",OS),
("en",G,"doing the Glucavio pen every 4 days instead of weekly because it wears off, my doctor doesn't know",OS),
("en",D,"our pediatrician prescribed Dermavex for my 11 year old's psoriasis, she's had four shots now",OS),
("en",G,"Can someone with type 1 diabetes use Glucavio on top of insulin?",MO),
("en",G,"is it ok to cut the Glucavio Daily tablets in half so the box lasts two months?",MO),
("en",G,"pressed the button on my new Glucavio pen and nothing happened, no click, needle on, dose still full. lot 5KT21",PC),
("en",D,"the Dermavex box came with the seal already broken and one syringe missing from the tray",PC),
("en",G,"my Glucavio Daily bottle smells like vinegar this time, the last one didn't",PC),
("en",G,"Please have someone call me about the pen that leaked. Marisol Okafor, 41 Birch Lane, Dayton OH 45402",PP),
("en",G,"just swallowed every Glucavio Daily tablet I had left, about 25 of them. not calling anyone, just wanted someone to know",SU),
("en",G,"six months on Glucavio, zero side effects, not even the nausea everyone warns you about",N),
("en",G,"the morning nausea since the pen makes me feel pregnant again lol. I'm definitely not",AE),
("en",D,"the Dermavex copay site keeps saying my card expired and the upload button does nothing",N),
("en",G,"Dr. Nguyen switched me from the tablets to the weekly pen, so far so good",N),
("es",G,"Sin querer me puse dos veces la pluma de Glucavio esta semana, se me olvidó que ya lo había hecho el domingo. Por ahora estoy bien.",SS),
("es",D,"Llevo siete meses con Dermavex y la psoriasis sigue igual, ni una mancha menos.",SS),
("es",D,"Mi reumatólogo me lo puso para la artritis psoriásica y ya no me duelen los dedos.",OS),
("es",G,"Me pongo la pluma dos veces por semana en vez de una para adelgazar más rápido.",OS),
("es",G,"El endocrino le recetó Glucavio a mi hija de 13 años y ya lleva un mes.",OS),
("es",G,"¿Puedo usar Glucavio si tengo diabetes tipo 1?",MO),
("es",G,"¿Se puede dividir una pluma de Glucavio en dos medias dosis para que dure más?",MO),
("es",G,"Aprieto el botón de la pluma y no pasa nada, no suelta la dosis. Lote 7HD33.",PC),
("es",D,"La caja de Dermavex llegó abierta y faltaba una jeringa.",PC),
("es",G,"Me llegó el pedido sin la bolsa de frío, la pluma estaba caliente.",PC),
("es",G,"Acabo de tragarme todas las pastillas de Glucavio Daily que me quedaban. Solo quería que alguien lo supiera.",SU),
("es",G,"Seis meses con Glucavio y ningún efecto secundario, ni náuseas.",N),
("es",G,"Con estas náuseas desde la pluma parezco embarazada jaja, pero no lo estoy",AE),
("es",H,"Soy la hija de Carmen Ruiz Beltrán, historia clínica 4471982, ingresada en la planta 3. ¿Puede comer después de la endoscopia?",["medical_inquiry","phi"]),
("fr",G,"J'ai fait deux injections de Glucavio cette semaine par erreur, j'avais oublié celle de dimanche. Rien de spécial pour l'instant.",SS),
("fr",D,"Six mois de Dermavex et mes articulations me font toujours aussi mal, aucune amélioration.",SS),
("fr",D,"Mon dermato me l'a prescrit pour une hidradénite, ça fait trois mois que je le fais.",OS),
("fr",G,"Je fais le stylo tous les cinq jours au lieu d'une fois par semaine, mon médecin n'est pas au courant.",OS),
("fr",D,"Le pédiatre a mis mon fils de 10 ans sous Dermavex pour son psoriasis, il en est à sa 3e injection.",OS),
("fr",G,"Est-ce qu'un diabétique de type 1 peut prendre Glucavio ?",MO),
("fr",G,"On peut couper les comprimés de Glucavio Daily en deux pour que la boîte dure plus longtemps ?",MO),
("fr",G,"Le stylo ne se déclenche pas, j'appuie et rien ne se passe. Lot 2PL48.",PC),
("fr",G,"Les comprimés de cette boîte ont une odeur bizarre de solvant.",PC),
("fr",G,"Livré sans sachet réfrigéré, le stylo était tiède à l'arrivée.",PC),
("fr",G,"Un an sous Glucavio, aucun effet indésirable, et une glycémie enfin stable.",N),
("fr",D,"Le site pour la carte de remboursement ne marche plus, le bouton ne fait rien.",N),
("fr",G,"Merci de rappeler ma mère, Jeanne Lefèvre, au 06 39 98 41 27, son stylo fuit.",PP),
("de",G,"Hab mir diese Woche aus Versehen zweimal den Glucavio-Pen gesetzt, den vom Sonntag vergessen. Bisher merke ich nichts.",SS),
("de",D,"Seit acht Monaten Dermavex und die Schuppenflechte ist genauso wie vorher.",SS),
("de",D,"Mein Rheumatologe hat mir Dermavex gegen Morbus Bechterew verschrieben, ich spritze seit zwei Monaten.",OS),
("de",G,"Ich spritze den Pen jetzt zweimal pro Woche statt einmal, um schneller abzunehmen.",OS),
("de",G,"Unser Kinderarzt hat meiner Tochter (12) Glucavio verschrieben, sie nimmt es seit drei Wochen.",OS),
("de",G,"Darf man Glucavio bei Typ-1-Diabetes nehmen?",MO),
("de",G,"Kann ich die Glucavio Daily Tabletten halbieren, damit die Packung länger reicht?",MO),
("de",G,"Der Pen löst nicht aus, Knopf gedrückt, nichts passiert. Charge 9KL02.",PC),
("de",D,"Die Packung war schon geöffnet und eine Spritze fehlte.",PC),
("de",G,"Die neuen Tabletten riechen komisch nach Nagellack.",PC),
("de",G,"Hab gerade die ganze Packung Glucavio Daily geschluckt. Wollte nur, dass es jemand weiß.",SU),
("de",D,"Ein Jahr Dermavex, keinerlei Nebenwirkungen und die Haut ist endlich rein.",N),
("de",G,"Mein Kind hat gefragt, ob mein Pen ein Laserschwert ist. Natürlich.",N),
("de",G,"Bitte ruft mich zurück wegen des defekten Pens: Jonas Weber, Lindenstraße 14, 10115 Berlin.",PP),
("pt",G,"Sem querer apliquei a caneta de Glucavio duas vezes esta semana, esqueci que já tinha aplicado no domingo. Por enquanto estou bem.",SS),
("pt",D,"Seis meses de Dermavex e a psoríase continua igualzinha, nenhuma melhora.",SS),
("pt",D,"Meu gastro receitou Dermavex para a retocolite, estou usando há dois meses.",OS),
("pt",G,"Estou aplicando a caneta duas vezes por semana em vez de uma pra emagrecer mais rápido.",OS),
("pt",G,"A endocrinologista passou Glucavio pro meu filho de 11 anos, ele já tá usando.",OS),
("pt",G,"Quem tem diabetes tipo 1 pode usar Glucavio?",MO),
("pt",G,"Dá pra dividir uma caneta de Glucavio em duas meias doses pra durar mais?",MO),
("pt",G,"Apertei o botão da caneta e nada aconteceu, a dose não saiu. Lote 3MN90.",PC),
("pt",D,"A caixa do Dermavex chegou aberta e faltava uma seringa.",PC),
("pt",G,"Os comprimidos desta caixa estão com cheiro estranho de acetona.",PC),
("pt",G,"Oito meses de Glucavio e nenhum efeito colateral, nem enjoo.",N),
("pt",G,"Enjoo toda manhã desde a caneta, parece gravidez mas não é kkkk",AE),
("pt",H,"sou a filha da Dona Marta Siqueira, prontuário 5520817, internada no 2º andar. ela pode receber visita hoje?",PHI),
("it",G,"Per sbaglio ho fatto due volte la penna di Glucavio questa settimana, avevo dimenticato quella di domenica. Per ora niente.",SS),
("it",D,"Dopo sette mesi di Dermavex la psoriasi è uguale, nessun miglioramento.",SS),
("it",D,"Il reumatologo me l'ha prescritto per l'artrite psoriasica, lo faccio da tre mesi.",OS),
("it",G,"Faccio la penna due volte a settimana invece di una per dimagrire prima.",OS),
("it",D,"Il pediatra ha dato il Dermavex a mio figlio di 9 anni per la psoriasi, siamo alla quarta iniezione.",OS),
("it",G,"Chi ha il diabete di tipo 1 può usare Glucavio?",MO),
("it",G,"Posso dividere le compresse di Glucavio Daily a metà per farle durare di più?",MO),
("it",G,"Premo il pulsante della penna e non succede niente, la dose resta piena. Lotto 6RT15.",PC),
("it",D,"La confezione di Dermavex è arrivata aperta e mancava una siringa.",PC),
("it",G,"Consegnata senza borsa frigo, la penna era calda.",PC),
("it",G,"Un anno di Glucavio, nessun effetto collaterale e glicemia finalmente a posto.",N),
("it",D,"Il sito per il rimborso non funziona, il pulsante non fa niente.",N),
("it",G,"Vi prego di richiamare mio padre, Giuseppe Marchetti, al 347 555 0192, la sua penna perde.",PP),
("ru",G,"Случайно укололся Глюкавио два раза на этой неделе, забыл, что уже колол в воскресенье. Пока всё нормально.",SS),
("ru",D,"Восемь месяцев колю Дермавекс, а псориаз как был, так и есть. Никакого эффекта.",SS),
("ru",D,"Ревматолог назначил Дермавекс при анкилозирующем спондилите, колю уже два месяца.",OS),
("ru",G,"Колю ручку два раза в неделю вместо одного, чтобы быстрее похудеть.",OS),
("ru",G,"Эндокринолог назначил Глюкавио сыну, ему 12 лет, колем уже месяц.",OS),
("ru",G,"Можно ли Глюкавио при диабете 1 типа?",MO),
("ru",G,"Можно разделить одну ручку Глюкавио на две половинные дозы, чтобы хватило надольше?",MO),
("ru",G,"Ручка не срабатывает, нажимаю кнопку — ничего. Серия 8TP11.",PC),
("ru",D,"Упаковка Дермавекса пришла вскрытой, одного шприца не хватает.",PC),
("ru",G,"Таблетки в новой упаковке пахнут ацетоном.",PC),
("ru",G,"Полгода на Глюкавио, никаких побочек, даже тошноты нет.",N),
("ru",D,"Сайт для компенсации не работает, кнопка ничего не делает.",N),
("ru",G,"Перезвоните, пожалуйста: Ирина Соколова, ул. Лесная, д. 12, кв. 45, ручка протекает.",PP),
("ja",G,"間違えて今週グルカビオを2回打ってしまった。日曜日に打ったのを忘れてた。今のところ何ともない。",SS),
("ja",D,"デルマベックスを8か月続けてるけど、乾癬がまったく変わらない。",SS),
("ja",D,"リウマチ医に乾癬性関節炎でデルマベックスを処方されて、3か月打ってる。",OS),
("ja",G,"早く痩せたいので、週1回のところを週2回打ってる。",OS),
("ja",D,"小児科でうちの10歳の息子にデルマベックスを処方されて、もう3回打った。",OS),
("ja",G,"1型糖尿病でもグルカビオは使えますか？",MO),
("ja",G,"グルカビオデイリーを半分に割って飲んでもいいですか？長持ちさせたいので。",MO),
("ja",G,"ペンのボタンを押しても何も起きない。薬が出ない。ロット4GH27。",PC),
("ja",D,"デルマベックスの箱が最初から開いていて、注射器が1本足りなかった。",PC),
("ja",G,"今回の錠剤、変な薬品のにおいがする。",PC),
("ja",G,"グルカビオを半年使ってるけど、副作用はまったくない。",N),
("ja",G,"子どもに私のペンはライトセーバー？と聞かれた。そうだよ。",N),
("ja",G,"母の山田花子の件で電話ください。090-5550-1234です。ペンが漏れていました。",PP),
("zh",G,"这周不小心打了两次格鲁卡维奥，忘了周日已经打过。目前没什么感觉。",SS),
("zh",D,"德玛维克斯打了八个月，银屑病一点没好转。",SS),
("zh",D,"风湿科医生给我开了德玛维克斯治强直性脊柱炎，已经打了两个月。",OS),
("zh",G,"为了瘦得快，我一周打两次笔，不是一次。",OS),
("zh",G,"医生给我11岁的儿子开了格鲁卡维奥，已经用了一个月。",OS),
("zh",G,"1型糖尿病可以用格鲁卡维奥吗？",MO),
("zh",G,"格鲁卡维奥片可以掰成两半吃吗？想省着用。",MO),
("zh",G,"按了笔的按钮什么都没发生，药打不出来。批号5JK88。",PC),
("zh",D,"德玛维克斯的盒子到的时候已经被拆开了，少了一支注射器。",PC),
("zh",G,"收到的时候没有冰袋，笔是温的。",PC),
("zh",G,"用格鲁卡维奥半年了，没有任何副作用。",N),
("zh",D,"报销网站的按钮点了没反应。",N),
("zh",G,"请给我妈妈王丽华回电话，手机13800138000，她的笔漏液了。",PP),
]


def main(path: str) -> None:
    counts: dict[str, int] = {}
    with open(path, "w", encoding="utf-8") as out:
        for lang, product, text, labels in rows:
            counts[lang] = counts.get(lang, 0) + 1
            record = {"id": f"dev13-{lang}-{counts[lang]:02d}", "text": text, "lang": lang,
                      "products": [product] if product else [], "sponsorship": "owned", "labels": sorted(labels),
                      "split": "dev13", "source": "written-r10"}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
