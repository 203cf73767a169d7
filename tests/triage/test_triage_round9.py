"""Issue 10, ninth round: the concepts behind blind10's misses (veiled goodbyes with medicines stockpiled, an overdose
taken minutes ago, a goodbye texted by someone else, threats with no harm word; figures of speech and complaints that
are not urgent; off-label statements; complaints; PHI; unscreened Latin-script languages), in new wordings and other
languages (written for this test by the Carewatch developers; not copied from blind10)."""

from __future__ import annotations

import pytest

from carewatch.triage.context import ProductTerms, ScreenContext
from carewatch.triage.engine import screen

GLUCAVIO = ProductTerms("Glucavio", "semaglutide injection", ("glucavio pen", "glucavio", "Glucavio Daily"),
                        ("type 2 diabetes",))
DERMAVEX = ProductTerms("Dermavex", "dervalimab", ("dermavex pen",), ("rheumatoid arthritis", "plaque psoriasis"))
NORTHWIND = ScreenContext(products=(GLUCAVIO,), sponsorship="owned")
HALVERN = ScreenContext(products=(DERMAVEX,), sponsorship="owned")


def labels(text: str, context: ScreenContext = NORTHWIND) -> set[str]:
    return set(screen(text, context).labels)


@pytest.mark.parametrize("text", [
    "honestly i think i'm finished. hoarded enough pills in the drawer. goodbye everyone, it was nice",
    "Ya está. Junté suficientes pastillas. Adiós a todos, fue bonito mientras duró.",
    "C'est bon, j'ai mis de côté assez de comprimés. Adieu à tous.",
    "Ich hab genug Tabletten gesammelt. Macht's gut, alle.",
    "Já juntei comprimidos suficientes. Adeus a todos.",
    "Ho messo da parte abbastanza pastiglie. Addio a tutti.",
    "Накопила достаточно таблеток. Прощайте все.",
    "薬をためてある。みんなさよなら。",
    "药我已经攒够了，大家再见。",
])
def test_a_veiled_goodbye_with_medicines_stockpiled_is_urgent(text: str) -> None:
    assert "urgent" in labels(text)


@pytest.mark.parametrize("text", [
    "just swallowed 40 of my advil like ten minutes ago, nothing yet",
    "took 25 of the sleeping tablets half an hour ago",
    "Me tomé 30 pastillas hace un rato.",
    "J'ai pris 20 comprimés il y a un quart d'heure.",
    "Habe vor zehn Minuten 30 Tabletten geschluckt.",
    "Tomei 25 comprimidos agora há pouco.",
    "Ho preso 40 pastiglie dieci minuti fa.",
    "Выпил 30 таблеток минут десять назад.",
    "さっき30錠飲んだ。",
    "刚才吃了30片。",
])
def test_an_overdose_taken_minutes_ago_is_urgent(text: str) -> None:
    assert "urgent" in labels(text)


@pytest.mark.parametrize("text", [
    "My sister keeps sending me goodbye messages and she has all her Glucavio pens with her. Not answering. What do I do?",
    "Mi hermano me está mandando mensajes de despedida y tiene sus plumas. ¿A quién llamo?",
    "Mon fils m'envoie des messages d'adieu et il a tous ses stylos. Qui appeler ?",
    "Meine Tochter schickt mir gerade eine Abschiedsnachricht und hat ihre Pens bei sich. Wen rufe ich an?",
    "Minha irmã tá me mandando mensagem de despedida e está com as canetas dela.",
    "Mio padre mi ha mandato un messaggio d'addio e ha tutte le sue penne. Chi chiamo?",
    "Сын прислал прощальное сообщение, у него все его ручки. Кому звонить?",
    "弟からお別れのメッセージが来た。ペンを全部持ってる。",
    "我哥给我发了告别短信，手上有一堆药，怎么办？",
])
def test_someone_else_texting_goodbye_with_a_means_at_hand_is_urgent(text: str) -> None:
    assert "urgent" in labels(text)


def test_a_goodbye_texted_with_the_product_at_hand_is_not_an_adverse_event() -> None:
    found = labels("My sister keeps sending me goodbye messages and she has all her Glucavio pens. Who do I call?")
    assert "urgent" in found
    assert "adverse_event" not in found


@pytest.mark.parametrize("text", [
    "Anyone from Northwind at the diabetes expo should watch their backs. I know which hotel they're in.",
    "Si viene alguien de Northwind, que se cuide las espaldas. Sé en qué hotel están.",
    "Ceux de Northwind feraient bien de surveiller leurs arrières. Je sais dans quel hôtel vous êtes.",
    "Wenn das nicht klappt, steh ich mit 'ner Axt vor eurer Tür.",
    "Se não mandarem, eu apareço aí com um machado.",
    "Quelli di Northwind si guardino le spalle. So in quale hotel state.",
    "Пусть ваши представители берегут спину, я знаю, в какой гостинице они живут.",
    "届かなかったら斧を持って行く。",
    "再不寄过来我就拿斧头去找你们。",
    "If the pen isn't here by Monday I'm showing up with an axe, no joke.",
])
def test_a_threat_with_no_harm_word_is_urgent(text: str) -> None:
    assert "urgent" in labels(text)


@pytest.mark.parametrize("text", [
    "Cutting my Glucavio Daily pills in half so they last the month, and the throbbing headaches are back.",
    "打针的地方又痒又肿，痒死了",
    "注射したところが腫れて、かゆくて死にそう",
    "Le pastiglie di Glucavio Daily sono giallastre e hanno un odore strano, normale?",
    "The Glucavio Daily tablets in this bottle look yellowish instead of white and smell weird.",
])
def test_a_recurring_headache_a_figure_of_speech_or_discoloured_tablets_are_not_urgent(text: str) -> None:
    assert "urgent" not in labels(text)


@pytest.mark.parametrize("text", [
    "The Glucavio Daily tablets in this box are yellowish and have a strange smell.",
    "Las pastillas de Glucavio Daily están amarillentas y tienen un olor raro.",
    "Die Tabletten sind gelblich verfärbt.",
    "Le compresse sono giallastre, e c'è un odore strano.",
    "My pen got stuck halfway, only half the dose came out. Lot GV1234.",
    "Der Pen hat geklemmt, nur die halbe Dosis kam raus.",
    "A caneta chegou com o visor rachado.",
    "The delivery guy left the box in the sun all afternoon.",
    "The leaflet in the box is only in German.",
    "药盒上没有防伪码，字印得歪歪扭扭的。",
])
def test_the_complaints_blind10_missed_are_found_in_new_words(text: str) -> None:
    assert "product_complaint" in labels(text)


@pytest.mark.parametrize("text", [
    "My hair is falling out in clumps since I started the pen.",
    "Mi abuelo se mareó con Glucavio, se cayó y se rompió la pierna.",
    "漏打了一次，明天补可以吗？",
])
def test_a_broken_bone_a_missed_dose_or_hair_in_clumps_is_not_a_product_complaint(text: str) -> None:
    assert "product_complaint" not in labels(text)


@pytest.mark.parametrize("text", [
    "I'm not diabetic but my doctor gave me Glucavio to lose weight, down 6 kilos.",
    "No tengo diabetes, uso Glucavio para adelgazar.",
    "Je ne suis pas diabétique, je prends Glucavio pour maigrir.",
    "Ich habe keinen Diabetes und nehme Glucavio zum Abnehmen, schon 5 Kilo weniger.",
    "糖尿病じゃないけどダイエット目的でグルカビオを使っています。",
    "我没有糖尿病，打格鲁卡维奥是为了减肥。",
    "I'm type 1 and my endo let me add Glucavio on top of insulin.",
    "Gave my 14 year old one of my Glucavio pens, the pediatrician wants him to lose weight.",
    "Cutting my Glucavio Daily tablets in half to make the bottle last till the end of the month.",
    "Stretching each Glucavio pen over three weeks since my copay went up.",
])
def test_off_label_use_stated_in_new_words_is_off_label(text: str) -> None:
    assert "off_label" in labels(text)


def test_weight_loss_is_not_off_label_for_a_product_approved_for_weight() -> None:
    weight = ProductTerms("Slimra", "semaglutide", ("slimra",), ("weight loss", "obesity"))
    found = labels("I'm not diabetic, I use Slimra to lose weight.", ScreenContext(products=(weight,), sponsorship="owned"))
    assert "off_label" not in found


@pytest.mark.parametrize("text", [
    "СНИЛС 123-456-789 01, пришлите письмо",
    "Адрес: ул. Пушкина, д. 10, кв. 3, привезите новый пен",
    "我的身份证号110105199001011234，请帮我查一下",
    "手机13800000000，请回电",
])
def test_the_identifiers_blind10_missed_are_phi(text: str) -> None:
    assert "phi" in labels(text)


@pytest.mark.parametrize("text", [
    "Apotek di dekat rumah saya sudah kehabisan Glucavio lagi.",
    "Saya sudah pakai Glucavio dua minggu dan sering mual, apakah normal?",
    "Nimekuwa nikitumia Glucavio kwa wiki mbili na nina kichefuchefu sana.",
    "Két hete szedem a Glucaviot és nagyon fáj a fejem.",
])
def test_a_latin_script_post_in_an_unscreened_language_is_marked_unscreened(text: str) -> None:
    assert "language_unscreened" in labels(text)


@pytest.mark.parametrize("text", [
    "My pharmacy ran out of Glucavio again, any tips?",
    "La farmacia se quedó sin Glucavio otra vez.",
    "Ich habe seit zwei Wochen Kopfschmerzen mit dem Pen.",
    "Ho preso il Glucavio e sto bene, grazie.",
])
def test_a_post_in_a_screened_language_is_not_marked_unscreened(text: str) -> None:
    assert "language_unscreened" not in labels(text)
