"""Round 16 of issue 10: blind17 folded in and trained on, and the general causes behind its serious false alarms.

compliance.md counts as serious death, a life-threatening state, hospitalisation initiated or prolonged (an admission),
disability, a congenital anomaly, another medically important condition and (FDA) a required intervention. Emergency
care sought (an emergency room, an ambulance) with no criterion told is an adverse event, not a serious one. Each case is a concept in new words (written for this test by the Carewatch
developers; not a data-set post). The rules are tested alone (the learned second opinions off): the learned serious
model still votes on such posts, trained on labels that follow the same convention.
"""

from __future__ import annotations

import pytest

from carewatch.triage.context import ProductTerms, ScreenContext
from carewatch.triage.engine import screen

GLUCAVIO = ProductTerms("Glucavio", "semaglutide", ("glucavio pen", "Glucavio Daily", "Глюкавио", "グルカビオ", "格鲁卡维奥"),
                        ("type 2 diabetes",))
DERMAVEX = ProductTerms("Dermavex", "adalimumab", ("Дермавекс",), ("psoriasis",))


def rule_labels(text: str) -> set[str]:
    made = ScreenContext(products=(GLUCAVIO, DERMAVEX), sponsorship="owned")
    made.extra["learned"] = "off"
    return set(screen(text, made).labels)


@pytest.mark.parametrize("text", [
    "went to the ER on Sunday because the diarrhoea after my Glucavio shot would not stop, they gave me a drip and "
    "let me go home that evening",
    "tuve que ir a urgencias por los vómitos después del Glucavio, a las tres horas me mandaron a casa",
    "Nach der Glucavio-Spritze musste ich wegen Durchfall in die Notaufnahme, nach zwei Stunden durfte ich heim",
])
def test_an_emergency_room_visit_alone_is_an_adverse_event_not_a_serious_one(text: str) -> None:
    got = rule_labels(text)
    assert "adverse_event" in got
    assert "serious" not in got


@pytest.mark.parametrize("text", [
    "went to the ER after my Glucavio shot with vomiting and they admitted me for three days",
    "tuve que ir a urgencias por una convulsión después del Glucavio",
    "after my Glucavio shot I passed out at work, paramedics came and took me to the ER",
])
def test_an_emergency_room_visit_with_an_admission_or_another_criterion_stays_serious(text: str) -> None:
    got = rule_labels(text)
    assert {"adverse_event", "serious"} <= got


@pytest.mark.parametrize("text", [
    "my brother did his Glucavio shot an hour ago and now he is shaking and we can't wake him up, ambulance on the way",
    "mi hermano se puso el Glucavio hace una hora y ahora no responde y casi no respira, la ambulancia viene",
    "брат час назад сделал укол Глюкавио, теперь без сознания, скорая едет",
])
def test_an_emergency_in_progress_that_tells_consciousness_or_breathing_lost_stays_serious(text: str) -> None:
    got = rule_labels(text)
    assert {"urgent", "serious"} <= got


@pytest.mark.parametrize("text", [
    "sto allattando la mia piccola e uso Dermavex da un mese",
    "estou amamentando meu filho de 3 meses e comecei o Dermavex",
    "я кормлю грудью и колю Дермавекс уже месяц",
])
def test_breastfeeding_on_the_product_is_a_special_situation_in_italian_portuguese_and_russian(text: str) -> None:
    assert "special_situation" in rule_labels(text)


def test_a_supply_swallowed_with_no_sign_of_harm_told_is_an_urgent_overdose_not_an_adverse_event() -> None:
    got = rule_labels("my cousin just messaged me goodbye and says she took all of her Glucavio Daily, "
                      "she's not answering, I'm calling 911")
    assert {"urgent", "special_situation"} <= got
    assert not got & {"adverse_event", "serious"}


def test_a_supply_swallowed_with_a_grave_sign_told_stays_a_serious_adverse_event() -> None:
    got = rule_labels("my cousin says she took all of her Glucavio Daily on purpose and now she won't wake up, "
                      "ambulance on the way")
    assert {"urgent", "adverse_event", "serious"} <= got


@pytest.mark.parametrize("text", [
    "Можно ли принимать Глюкавио вместе с аспирином?",
    "Posso mescolare Glucavio con un antidolorifico?",
    "Dá para tomar uma cerveja no dia da injeção de Glucavio?",
    "Kann man Glucavio zusammen mit Ibuprofen nehmen?",
])
def test_an_interaction_question_is_a_medical_inquiry_in_every_latin_script_language_and_russian(text: str) -> None:
    assert "medical_inquiry" in rule_labels(text)


def test_a_child_s_age_beside_a_product_named_only_in_a_question_is_no_paediatric_use() -> None:
    assert "special_situation" not in rule_labels("My son is 9 and his eczema is awful. Can Dermavex be given to kids?")
    assert "special_situation" in rule_labels("My son is 9 and has been on Dermavex since May. Is that ok for kids?")


@pytest.mark.parametrize("text", [
    "by mistake I dialled a double dose on my Glucavio pen last night and I've felt sick all day",
    "по ошибке вколола двойную дозу Глюкавио, теперь тошнит",
])
def test_a_double_dose_told_as_a_mistake_is_a_medication_error_not_off_label_dosing(text: str) -> None:
    got = rule_labels(text)
    assert "special_situation" in got
    assert "off_label" not in got


def test_a_double_dose_asked_about_with_no_mistake_told_is_still_off_label_dosing() -> None:
    assert "off_label" in rule_labels("Can I take a double dose of Glucavio if my sugar is high?")


def test_portuguese_no_is_in_the_not_a_negation() -> None:
    assert "adverse_event" in rule_labels("Apliquei o Dermavex na segunda e no dia seguinte tive febre e dor no corpo.")


@pytest.mark.parametrize("text", [
    "da quando uso Dermavex mi sono venuti dei brufoli sul collo",
    "desde que comecei o Dermavex apareceram espinhas nas costas",
])
def test_pimples_are_an_event_in_italian_and_portuguese_as_in_the_other_languages(text: str) -> None:
    assert "adverse_event" in rule_labels(text)


@pytest.mark.parametrize("text", [
    "las plumas de Glucavio de este lote huelen rarísimo, como a plástico quemado",
    "新买的格鲁卡维奥颜色跟上次不一样，有点发灰",
])
def test_a_smell_in_the_superlative_or_a_colour_unlike_before_is_a_product_complaint(text: str) -> None:
    assert "product_complaint" in rule_labels(text)


@pytest.mark.parametrize(("text", "granted"), [
    ("Claro, podem usar a minha foto no perfil de vocês!", True),
    ("Sì, potete condividerla, mi fa piacere", True),
    ("Можете использовать мой отзыв, я не против", True),
    ("Não podem usar a minha foto, por favor", False),
    ("Pode usar Glucavio na gravidez?", False),
])
def test_ugc_consent_is_read_in_portuguese_italian_and_russian(text: str, granted: bool) -> None:
    assert ("ugc_consent" in rule_labels(text)) == granted


@pytest.mark.parametrize("text", [
    "took all my Glucavio Daily on purpose an hour ago, now I'm throwing up and my heart is pounding",
    "我把格鲁卡维奥全打了，现在手抖，一直冒冷汗",
])
def test_a_supply_swallowed_in_self_harm_with_a_reaction_told_stays_an_adverse_event(text: str) -> None:
    assert {"urgent", "adverse_event"} <= rule_labels(text)


def test_a_glass_of_wine_is_an_interaction_topic_but_spanish_vino_came_is_not() -> None:
    assert "medical_inquiry" in rule_labels("¿Puedo tomar una copa de vino con Glucavio?")
    assert "medical_inquiry" not in rule_labels("la pluma de Glucavio vino rota, ¿me la cambian?")
