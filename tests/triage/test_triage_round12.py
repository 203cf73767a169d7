"""Round 12 of issue 10: blind13 folded in, the general causes behind its misses, and the decision policy of any
learned label added in the round.

Each sentence case is a concept in new words (written for this test by the Carewatch developers; not a data-set post):
what must be flagged and the hard negatives next to it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from carewatch.triage.context import ProductTerms, ScreenContext
from carewatch.triage.detectors.learned import LEARNED_LABELS, complaint_guard, decide, models
from carewatch.triage.engine import screen
from carewatch.triage.learned_training import LEARNED_LABELS as TRAINED
from carewatch.triage.learned_training import THRESHOLDS, TRIED_LABELS

DATA = Path(__file__).resolve().parents[2] / "carewatch" / "triage" / "data"


GLUCAVIO = ProductTerms("Glucavio", "semaglutide", ("glucavio pen", "Glucavio Daily", "Глюкавио", "グルカビオ", "格鲁卡维奥"),
                        ("type 2 diabetes",))


def channel(sponsorship: str = "owned") -> ScreenContext:
    return ScreenContext(products=(GLUCAVIO,), sponsorship=sponsorship)


def test_the_product_complaint_model_is_shipped_and_tried_labels_no_longer_name_it() -> None:
    assert "product_complaint" in LEARNED_LABELS and "product_complaint" in TRAINED
    assert "product_complaint" not in TRIED_LABELS
    assert models().threshold("product_complaint") == THRESHOLDS["product_complaint"]["threshold"]


def test_a_learned_complaint_vote_stands_on_owned_and_paid_channels_only() -> None:
    learned = models()
    above = learned.threshold("product_complaint") + 0.01
    below = learned.threshold("product_complaint") - 0.01
    assert decide("product_complaint", below, learned, False, complaint=lambda: (True, "")) == (False,
                                                                                              "below threshold")
    assert decide("product_complaint", above, learned, False, complaint=lambda: (True, ""))[0]
    assert decide("product_complaint", above, learned, False,
                  complaint=lambda: (False, "not an owned or paid channel")) == (
        False, "guard: not an owned or paid channel")
    assert complaint_guard("the pen leaked", channel("owned")) == (True, "")
    assert complaint_guard("the pen leaked", channel("paid")) == (True, "")
    assert complaint_guard("the pen leaked", channel("third_party"))[0] is False


@pytest.mark.parametrize("text", [
    "the pens I got this month are cloudy and have tiny white bits floating in them",
    "as canetas chegaram com a caixa molhada e amassada",
])
def test_a_complaint_the_model_reads_is_flagged_on_the_brands_channel_and_not_on_a_listening_feed(text: str) -> None:
    assert "product_complaint" in screen(text, channel("owned")).labels
    assert "product_complaint" not in screen(text, channel("third_party")).labels


@pytest.mark.parametrize("text", [
    "the needle on my second pen came out crooked and would not go in",
    "my Glucavio pen hasn't worked since Friday, the button stays down",
    "le stylo a encore fui pendant l'injection",
    "l'ago della penna era storto e non sono riuscita a fare l'iniezione",
    "グルカビオのペンの針が折れていて、注射できませんでした",
    "格鲁卡维奥笔的针头断了，打不了针",
])
def test_a_bent_snapped_or_leaking_device_is_a_complaint_in_every_language(text: str) -> None:
    assert "product_complaint" in screen(text, channel("third_party")).labels


@pytest.mark.parametrize("text", [
    "Seit Glucavio bin ich nur noch leer und müde, ich mag nicht mehr aufstehen",
    "格鲁卡维奥漏打一针怎么办？",
    "¿Dónde compro la pluma más barata?",
    "Where can I buy the Glucavio pen cheapest?",
    "My order of Glucavio pens is three days late, when will it ship?",
    "Il prezzo di Glucavio è aumentato di nuovo, che vergogna",
    "Wann kommt meine Lieferung Glucavio? Schon eine Woche Verspätung",
    "Le site de Glucavio ne charge pas depuis hier",
])
def test_a_mood_a_missed_dose_a_price_a_late_parcel_or_a_website_is_no_complaint(text: str) -> None:
    assert "product_complaint" not in screen(text, channel("owned")).labels


@pytest.mark.parametrize("text", [
    "Est-ce que Glucavio fait grossir ?",
    "Macht Glucavio dick? Ich habe Angst zuzunehmen",
    "Glucavio fa ingrassare? Ho paura di prendere peso",
    "Можно ли колоть Глюкавио, если я кормлю грудью?",
    "グルカビオは授乳中でも使えますか？",
    "格鲁卡维奥哺乳期可以用吗？",
    "после Глюкавио болит живот каждое утро, это пройдёт?",
    "グルカビオを打つと頭が痛い、いつまで続くの？",
    "seit Glucavio habe ich Verstopfung, was hilft da?",
])
def test_weight_gain_breastfeeding_and_whether_it_will_pass_are_medical_questions(text: str) -> None:
    assert "medical_inquiry" in screen(text, channel("third_party")).labels


@pytest.mark.parametrize("text", [
    "Glucavio gave me a headache for three days, it's gone now",
    "Ich habe mit Glucavio 5 kg abgenommen und nicht wieder zugenommen.",
    "Le prix de Glucavio a encore augmenté ce mois-ci.",
])
def test_a_told_effect_or_a_price_is_no_medical_question(text: str) -> None:
    assert "medical_inquiry" not in screen(text, channel("third_party")).labels


DERMAVEX = ProductTerms("Dermavex", "dervalimab", ("Дермавекс", "デルマベックス", "德玛维克斯"),
                        ("rheumatoid arthritis", "plaque psoriasis"))


@pytest.mark.parametrize("text", [
    "mi hermana usa Glucavio para su diabetes tipo 1 desde enero",
    "je prends Glucavio pour mon diabète de type 1 avec mon insuline",
    "mio marito usa Dermavex per la dermatite atopica da due mesi",
    "meine Mutter nimmt Glucavio gegen ihre Typ-1-Diabetes seit dem Sommer",
])
def test_an_off_label_use_told_in_a_statement_is_a_special_situation(text: str) -> None:
    labels = screen(text, ScreenContext(products=(GLUCAVIO, DERMAVEX), sponsorship="owned")).labels
    assert {"off_label", "special_situation"} <= set(labels)


@pytest.mark.parametrize("text", [
    "Can Dermavex be used for eczema?",
    "¿Sirve Glucavio para la diabetes tipo 1?",
])
def test_an_off_label_question_is_an_inquiry_and_no_special_situation(text: str) -> None:
    labels = screen(text, ScreenContext(products=(GLUCAVIO, DERMAVEX), sponsorship="owned")).labels
    assert "medical_inquiry" in labels and "special_situation" not in labels
