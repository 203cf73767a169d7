"""Round 13 of issue 10: blind14 folded in, the general causes behind its misses, and the decision policy of any
learned label added in the round.

Each sentence case is a concept in new words (written for this test by the Carewatch developers; not a data-set post):
what must be flagged and the hard negatives next to it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from carewatch.triage.context import ProductTerms, ScreenContext
from carewatch.triage.detectors.learned import complaint_guard
from carewatch.triage.engine import screen
from carewatch.triage.learned_training import CAREFUL, LEARNED_LABELS, TRIED_LABELS

DATA = Path(__file__).resolve().parents[2] / "carewatch" / "triage" / "data"


GLUCAVIO = ProductTerms("Glucavio", "semaglutide", ("glucavio pen", "Glucavio Daily", "Глюкавио", "グルカビオ", "格鲁卡维奥"),
                        ("type 2 diabetes",))


def labels(text: str) -> set[str]:
    return set(screen(text, ScreenContext(products=(GLUCAVIO,), sponsorship="owned")).labels)


@pytest.mark.parametrize("text", [
    "The app keeps crashing when I log my Glucavio dose",
    "The Glucavio app crashed again while I was logging my shot",
    "Die Glucavio-App stürzt jedes Mal ab, wenn ich meine Dosis eintrage",
    "L'appli Glucavio plante à chaque fois que j'enregistre ma dose",
    "Glucavioのアプリが落ちて投与記録ができない",
    "格鲁卡维奥的App一记录剂量就闪退",
    "Приложение Glucavio вылетает, когда я записываю дозу",
])
def test_an_app_or_website_fault_is_no_adverse_event(text: str) -> None:
    assert not labels(text) & {"adverse_event", "serious", "urgent"}


@pytest.mark.parametrize("text", [
    "格鲁卡维奥笔的针头断了，打不了针",
    "The Glucavio needle snapped off and I couldn't inject",
    "Glucavioのペンの針が折れて注射できなかった",
    "Die Nadel vom Glucavio-Pen ist abgebrochen, ich konnte nicht spritzen",
    "L'aiguille du stylo Glucavio s'est cassée, impossible de faire l'injection",
    "Игла на ручке Glucavio сломалась, не смог сделать укол",
])
def test_a_device_failure_with_no_bodily_event_is_a_complaint_not_an_adverse_event(text: str) -> None:
    got = labels(text)
    assert "product_complaint" in got
    assert not got & {"adverse_event", "serious"}


@pytest.mark.parametrize("text", [
    "My sugar keeps crashing since I started Glucavio",
    "The Glucavio needle snapped and now my arm is bleeding and swollen",
    "格鲁卡维奥笔的针头断了，打完以后头晕得厉害",
])
def test_a_bodily_event_next_to_a_crash_word_or_a_broken_needle_is_still_an_adverse_event(text: str) -> None:
    assert "adverse_event" in labels(text)


@pytest.mark.parametrize("text", [
    "The pharmacist handed me the wrong Glucavio pen, 2 mg instead of 0.5, and I threw up all night",
    "药房拿错了格鲁卡维奥的规格，我打了以后吐了一整天",
    "La farmacia se equivocó y me dieron la pluma equivocada de Glucavio, 1 mg en vez de 0,25",
    "Le pharmacien s'est trompé : mauvais dosage de Glucavio, j'ai vomi toute la journée",
    "Die Apotheke hat sich vertan, falsche Stärke vom Glucavio-Pen, seitdem Übelkeit",
    "Na farmácia me deram a caneta errada do Glucavio, dose mais alta, vomitei o dia todo",
    "薬局が間違えてGlucavioの高い用量のペンを渡された、打ってから吐き気がひどい",
])
def test_a_wrong_strength_handed_over_by_the_pharmacy_is_a_medication_error(text: str) -> None:
    assert "special_situation" in labels(text)


@pytest.mark.parametrize("text", [
    "The pharmacist handed me my Glucavio refill and was really kind",
    "药房给我拿了格鲁卡维奥，服务很好",
])
def test_a_pharmacy_handing_over_the_right_product_is_no_special_situation(text: str) -> None:
    assert "special_situation" not in labels(text)


def test_the_special_situation_and_inquiry_models_stay_tried_not_shipped() -> None:
    # Round 13: leave-one-set-out on seventeen sets, neither reached its precision floor with a recall gain
    # (bench/README.md, thirteenth round).
    assert "special_situation" not in LEARNED_LABELS and "medical_inquiry" not in LEARNED_LABELS
    assert {"special_situation", "medical_inquiry"} <= set(TRIED_LABELS)
    assert {"special_situation", "medical_inquiry"} <= set(CAREFUL)
    assert "blind14" in CAREFUL["special_situation"] and "blind11" not in CAREFUL["special_situation"]


@pytest.mark.parametrize("text", [
    "Seit ich Glucavio nehme, ist mir beim Aufstehen schwindelig. Ist das normal?",
    "Desde que comecei o Glucavio fico tonta quando levanto. Isso é normal?",
    "Da quando uso Glucavio ho le vertigini quando mi alzo. È normale?",
    "С тех пор как начал Glucavio, кружится голова, когда встаю. Это нормально?",
    "Glucavioを始めてから立ち上がるとめまいがします。普通ですか？",
    "开始用格鲁卡维奥以后，一站起来就头晕，正常吗？",
])
def test_is_that_normal_about_a_side_effect_is_a_medical_inquiry_in_every_language(text: str) -> None:
    assert {"adverse_event", "medical_inquiry"} <= labels(text)


@pytest.mark.parametrize("text", [
    "Ручка Glucavio полежала на солнце, её ещё можно использовать?",
    "Glucavioのペンが常温で一晩置いてあった、まだ使えますか？",
    "La pluma de Glucavio está turbia, ¿la uso o no?",
])
def test_whether_a_spoiled_pen_may_still_be_used_is_a_medical_inquiry(text: str) -> None:
    assert "medical_inquiry" in labels(text)


@pytest.mark.parametrize("text", [
    "Das ist normal bei Glucavio, keine Sorge, das habe ich auch gehabt.",
    "Per me è normale fare Glucavio la sera, nessun problema.",
    "Это нормально, что я так радуюсь новой ручке Glucavio, лол",
])
def test_normal_in_a_statement_is_no_medical_inquiry(text: str) -> None:
    assert "medical_inquiry" not in labels(text)


@pytest.mark.parametrize(("text", "holds"), [
    ("the refill website is broken, the button does nothing", False),
    ("La app de Glucavio no me deja iniciar sesión", False),
    ("bought a Glucavio pen on a website and the label is in a language I can't read", True),
    ("the pen's dose window stays yellow", True),
])
def test_the_complaint_model_is_not_trusted_on_an_app_or_website_with_no_device(text: str, holds: bool) -> None:
    assert complaint_guard(text, ScreenContext(products=(GLUCAVIO,), sponsorship="owned"))[0] is holds


@pytest.mark.parametrize("text", [
    "I did 3 pens at once last night and now I'm shaking and sweating",
    "Me puse tres plumas de una vez y estoy temblando",
    "J'ai fait trois stylos d'un coup, je tremble",
    "apliquei 3 canetas de uma vez e estou tremendo",
    "Ho fatto tre penne in una volta e tremo",
    "Вколол три ручки за раз, трясёт",
    "ペンを一度に3本打って、震えが止まらない",
    "我一次打了三支，现在一直发抖",
])
def test_several_pens_at_once_is_an_overdose_in_every_language(text: str) -> None:
    assert "special_situation" in labels(text)


@pytest.mark.parametrize("text", [
    "I do my Glucavio shot once a week, all at once on Sunday",
    "I'm picking up three pens at once from the pharmacy to save trips",
])
def test_buying_several_pens_or_a_weekly_dose_is_no_overdose(text: str) -> None:
    assert "special_situation" not in labels(text)
