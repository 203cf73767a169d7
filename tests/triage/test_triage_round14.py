"""Round 14 of issue 10: blind15 folded in and trained on, and the general causes behind its misses.

Each sentence case is a concept in new words (written for this test by the Carewatch developers; not a data-set post):
what must be flagged and the hard negatives next to it.
"""

from __future__ import annotations

import pytest

from carewatch.triage.context import ProductTerms, ScreenContext
from carewatch.triage.engine import screen

GLUCAVIO = ProductTerms("Glucavio", "semaglutide", ("glucavio pen", "Glucavio Daily", "Глюкавио", "グルカビオ", "格鲁卡维奥"),
                        ("type 2 diabetes",))


def labels(text: str) -> set[str]:
    return set(screen(text, ScreenContext(products=(GLUCAVIO,), sponsorship="owned")).labels)


def rule_labels(text: str) -> set[str]:
    """The rules alone (the learned second opinions off): the concept must be the rules', not the models'."""
    context = ScreenContext(products=(GLUCAVIO,), sponsorship="owned")
    context.extra["learned"] = "off"
    return set(screen(text, context).labels)


@pytest.mark.parametrize("text", [
    "feel awful, fever 40 and shaking all over after the shot yesterday, I'm home alone",
    "fiebre de 40 y tiemblo entera desde la inyección de ayer, estoy sola en casa",
    "fièvre à 40 et je ne tiens plus debout depuis l'injection d'hier, je suis seule chez moi",
    "Fieber 40 und ich zittere am ganzen Körper seit der Spritze gestern, bin allein zu Hause",
    "febre de 40 e tremendo toda depois da injeção de ontem, estou sozinha em casa",
    "febbre a 40 e non mi reggo in piedi dopo la puntura di ieri, sono sola a casa",
    "температура 40 и трясёт всю после вчерашнего укола, я одна дома",
    "昨日の注射から熱が40度あって全身が震えて、家に一人です",
    "昨天打完针，现在发烧到40度，浑身发抖，站不起来",
])
def test_a_high_fever_with_another_weak_sign_is_an_emergency_in_nine_languages(text: str) -> None:
    assert "urgent" in rule_labels(text)


@pytest.mark.parametrize("text", [
    "mio marito vomita senza sosta dopo il Glucavio, stiamo chiamando il 118",
    "mi marido no para de vomitar después del Glucavio, estamos llamando al 112",
    "mein Mann erbricht ununterbrochen nach dem Glucavio, wir rufen gerade den Notarzt",
    "meu marido não para de vomitar depois do Glucavio, estamos ligando pro SAMU",
    "sharp pain in my stomach after my glucavio shot, wife driving me to the ER now",
    "打完格鲁卡维奥一直吐个不停，正在打120",
])
def test_a_call_being_made_now_or_a_drive_to_the_er_now_is_an_emergency(text: str) -> None:
    assert "urgent" in rule_labels(text)


@pytest.mark.parametrize("text", [
    "I'm home alone tonight, had my shot yesterday, all fine",
    "hatte gestern 40 Grad Fieber nach der Spritze, heute alles gut",
    "la febbre a 40 l'anno scorso era terribile",
    "my wife is driving me to the ER tomorrow for my scan",
    "oggi fa un caldo, 40 gradi, sono sola a casa",
    "打完针胳膊肿了一大块",
    "箱を開けたらシリンジにヒビ入ってて、打ったら腕がパンパンに腫れた",
])
def test_a_fever_told_of_the_past_a_planned_visit_or_a_swollen_arm_is_no_emergency(text: str) -> None:
    assert "urgent" not in rule_labels(text)


@pytest.mark.parametrize("text", [
    "打ったら腕がパンパンに腫れた",
    "グルカビオを打ったら吐き気がひどくなりました",
    "グルカビオ始めてから吐き気がひどくて仕事にならない",
    "Prendo Glucavio per dimagrire (non sono diabetica) e ho una stitichezza tremenda",
    "using Glucavio for weight loss (not diabetic) and the nausea is rough",
])
def test_an_event_told_after_a_japanese_when_clause_or_an_aside_is_an_adverse_event(text: str) -> None:
    assert "adverse_event" in rule_labels(text)


@pytest.mark.parametrize("text", [
    "グルカビオを打ったら吐き気が出ますか？",
    "もしグルカビオを打ったら腫れるのかな",
    "グルカビオ始めてから吐き気はない",
    "Prendo Glucavio (per fortuna niente nausea) da tre mesi",
])
def test_a_japanese_if_clause_or_a_negated_event_stays_no_adverse_event(text: str) -> None:
    assert "adverse_event" not in rule_labels(text)


@pytest.mark.parametrize("text", [
    "since starting Glucavio I keep getting a cold sore on my lip",
    "seit Glucavio habe ich ständig Lippenherpes",
    "depuis Glucavio j'ai encore un bouton de fièvre",
    "после Глюкавио опять герпес на губе",
    "グルカビオを始めてから口唇ヘルペスが出た",
    "用了格鲁卡维奥以后嘴上起了唇疱疹",
])
def test_a_cold_sore_after_the_medicine_is_an_adverse_event_in_six_more_languages(text: str) -> None:
    assert "adverse_event" in rule_labels(text)


@pytest.mark.parametrize("text", [
    "можно ли Глюкавио и прививку от герпеса?",
    "格鲁卡维奥和带状疱疹疫苗能一起打吗",
])
def test_a_question_about_a_shingles_or_herpes_vaccine_is_no_adverse_event(text: str) -> None:
    assert "adverse_event" not in rule_labels(text)
