"""Round 10 of issue 10: special situations, off-label, complaints and PHI in the nine screened languages.

Each case is a concept in new words (not a data-set post): what must be flagged and the hard negatives next to it.
"""

from __future__ import annotations

import pytest

from carewatch.triage.context import ProductTerms, ScreenContext
from carewatch.triage.engine import screen

GLUCAVIO = ProductTerms("Glucavio", "semaglutide", ("glucavio pen", "Glucavio Daily", "Глюкавио", "グルカビオ", "格鲁卡维奥"),
                        ("type 2 diabetes",))
DERMAVEX = ProductTerms("Dermavex", "dervalimab", ("Дермавекс", "デルマベックス", "德玛维克斯"),
                        ("rheumatoid arthritis", "plaque psoriasis"))


def owned(product: ProductTerms = GLUCAVIO) -> ScreenContext:
    return ScreenContext(products=(product,), sponsorship="owned")


@pytest.mark.parametrize("text", [
    "ten months of Dermavex and the patches on my elbows are still the same",
    "Cinco meses con Dermavex y la piel sigue igual que antes.",
    "Neun Monate Dermavex, keine Besserung an den Knien.",
    "Quattro mesi di Dermavex e nessun miglioramento alle mani.",
    "Полгода на Дермавексе — никакого эффекта.",
    "德玛维克斯用了半年，皮肤一点没好转。",
])
def test_lack_of_efficacy_told_is_a_special_situation(text: str) -> None:
    assert "special_situation" in screen(text, owned(DERMAVEX)).labels


@pytest.mark.parametrize("text", [
    "Sin querer me puse otra dosis de Glucavio el martes, no noto nada.",
    "oops, accidentally injected my weekly Glucavio again on Tuesday, no symptoms",
    "Ho fatto per sbaglio due dosi di Glucavio ieri, per ora sto bene.",
    "Случайно сделал второй укол Глюкавио вчера, пока ничего не чувствую.",
    "不小心又打了一次格鲁卡维奥，现在没感觉。",
])
def test_a_dose_repeated_by_mistake_is_a_special_situation_and_not_an_adverse_event(text: str) -> None:
    labels = screen(text, owned()).labels
    assert "special_situation" in labels
    assert "adverse_event" not in labels


@pytest.mark.parametrize(("text", "product"), [
    ("my dermatologist put me on Dermavex for hidradenitis last spring, it helps a lot", DERMAVEX),
    ("O reumatologista receitou Dermavex para a espondilite anquilosante, estou usando há um mês.", DERMAVEX),
    ("Эндокринолог назначил Глюкавио дочке, ей 13 лет, колем две недели.", GLUCAVIO),
    ("皮肤科医生给我开了德玛维克斯治化脓性汗腺炎，已经打了三针。", DERMAVEX),
])
def test_an_off_label_use_told_as_happening_is_off_label_and_a_special_situation(text: str,
                                                                                 product: ProductTerms) -> None:
    labels = screen(text, owned(product)).labels
    assert {"off_label", "special_situation"} <= set(labels)


@pytest.mark.parametrize("text", [
    "Un diabétique de type 1 peut-il utiliser Glucavio ?",
    "Può usare Glucavio chi ha il diabete di tipo 1?",
    "Можно ли колоть Глюкавио при диабете 1 типа?",
    "is it fine to cut the Glucavio Daily pills in half so they last longer?",
])
def test_off_label_questions_are_off_label_but_no_special_situation(text: str) -> None:
    labels = screen(text, owned()).labels
    assert "off_label" in labels
    assert "special_situation" not in labels


@pytest.mark.parametrize("text", [
    "is Glucavio safe for my 12 year old? she has type 2 as well",
    "¿mi hija de 12 años puede usar Glucavio?",
])
def test_a_child_named_in_a_question_is_no_special_situation(text: str) -> None:
    assert "special_situation" not in screen(text, owned()).labels


@pytest.mark.parametrize("text", [
    "a year on Glucavio and no side effects at all",
    "Un an de Glucavio, aucun effet secondaire.",
    "Oito meses de Glucavio, nenhum efeito colateral.",
    "Un anno di Glucavio e nessun effetto collaterale.",
    "this nausea since the pen makes me feel pregnant lol, I'm not",
    "please don't share my photo, it was for my friends only",
])
def test_hard_negatives_are_no_special_situation(text: str) -> None:
    assert "special_situation" not in screen(text, owned()).labels


@pytest.mark.parametrize("text", [
    "I press the button on the Glucavio pen and nothing happens, the dose stays full",
    "Drücke auf den Knopf, nichts passiert, der Pen löst nicht aus.",
    "A caixa chegou aberta e faltava uma caneta.",
    "La confezione è arrivata aperta e mancava una penna.",
    "Коробка пришла вскрытой, одной ручки не хватает.",
    "the new Glucavio Daily bottle smells like chemicals",
    "Consegnata senza borsa frigo, le penne erano tiepide.",
    "按了注射笔的按钮没反应，药打不出来。",
])
def test_device_packaging_and_smell_defects_are_complaints(text: str) -> None:
    assert "product_complaint" in screen(text, owned()).labels


@pytest.mark.parametrize("text", [
    "the refill website is broken, the button does nothing",
    "Il sito per il rimborso non funziona, il pulsante non fa niente.",
    "Сайт для скидки не работает, кнопка ничего не делает.",
])
def test_a_website_button_is_no_device_complaint(text: str) -> None:
    assert "product_complaint" not in screen(text, owned()).labels


@pytest.mark.parametrize("text", [
    "Soy el hijo de Manuel Ortega Ruiz, historia clínica 5531907, ¿cuándo le dan el alta?",
    "sou o filho do Seu Antônio Prado, prontuário 8812045, ele pode receber visita?",
    "cough for a week since the shot. - Danielle Ferris, Boise",
])
def test_relatives_record_numbers_and_signatures_are_phi(text: str) -> None:
    assert "phi" in screen(text, ScreenContext(products=(), sponsorship="owned")).labels


def test_a_doctors_name_is_not_phi() -> None:
    assert "phi" not in screen("Dr. Okonkwo moved me to the weekly pen and it is going well", owned()).labels
