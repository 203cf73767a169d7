"""Urgent by composition (issue 10, sixth round): a suicidal plan is a means or a place with a time frame, an intent
or a dark state; a threat is harm (violence, arson, a bomb) with an intent, a target or an "I know where…"; an
emergency now is a call to an emergency number, or a weapon drawn, with a sign in the post. Figures of speech, games,
lawsuits and reviews, resolved past events and questions about side effects are not urgent.

The sentences were written for these tests by the Carewatch developers (in-sample for the rules);
``carewatch/triage/data/dev12.jsonl`` holds the round's own check set, bench/README.md the numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from carewatch.triage.context import ProductTerms, ScreenContext
from carewatch.triage.detectors.urgent import urgent_spans
from carewatch.triage.engine import screen

DATA = Path(__file__).resolve().parents[2] / "carewatch" / "triage" / "data"
GLUCAVIO = ProductTerms("Glucavio", "semaglutide", ("glucavio pen", "Glucavio Daily"), ("type 2 diabetes",))
OWNED = ScreenContext(products=(GLUCAVIO,), sponsorship="owned", extra={"ae_model": "rules-only"})


def kinds(text: str) -> set[str]:
    return {kind for kind, _ in urgent_spans(text, OWNED)}


PLANS = {
    "en": "I've been thinking about the railway bridge a lot. tonight I'm going there",
    "es": "esta noche me tomo todas las pastillas que guardé",
    "fr": "j'ai écrit un mot pour mes parents, ce soir je saute du pont",
    "de": "heute Nacht springe ich von der Brücke, ich habe mich entschieden",
    "pt": "vou pular da ponte hoje, já decidi",
    "it": "stasera mi butto dal balcone, ho deciso",
    "ru": "сегодня прыгну с моста, я решила",
    "ja": "今夜、橋から飛び降りるつもり",
    "zh": "今晚我打算从楼顶跳下去",
}
THREATS = {
    "en": "I know where your office is and somebody there is going to pay for this",
    "es": "voy a ir a sus oficinas con un bidón de gasolina",
    "fr": "si votre délégué revient je lui casse la gueule",
    "de": "ich komme mit einem Kanister Benzin in eure Zentrale",
    "pt": "vou aí no escritório de vocês e quebro tudo",
    "it": "la prossima volta vengo in sede e faccio saltare tutto",
    "ru": "приеду к вам в офис и разнесу там всё",
    "ja": "本社に灯油を持って行ってやる",
    "zh": "你们再不退款我就去你们总部泼汽油",
}
EMERGENCIES = {
    "en": "my wife just collapsed and is not breathing, called 911",
    "es": "mi padre no se despierta, ya llamé al 112",
    "fr": "mon fils s'est effondré, j'ai appelé le 15",
    "de": "mein Mann ist zusammengeklappt, Notarzt ist unterwegs",
    "pt": "minha mãe não acorda, liguei pro SAMU",
    "it": "mio padre non respira, ho chiamato il 118",
    "ru": "муж упал и не дышит, вызвала скорую",
    "ja": "母が倒れて反応がない、救急車を呼んだ",
    "zh": "我爸晕倒了，叫不醒，已经打了120",
}
NOT_URGENT = [
    "this copay is killing me lol",
    "I could kill for a coffee right now",
    "dying to try the new flavour",
    "gonna shoot you all down in ranked tonight, squad",
    "I'll leave a 1-star review and my lawyer will be in touch, you will pay for this",
    "is it true this drug can cause suicidal thoughts?",
    "è vero che questo farmaco dà pensieri suicidi?",
    "правда ли что этот препарат вызывает суицидальные мысли?",
    "l'an dernier j'ai fait une crise convulsive sous un autre traitement, maintenant tout va bien",
    "去年我妈用别的药抽搐过一次，现在早就好了",
    "I know where your office is, can I drop the returned pens there?",
    "we drove over the bridge today to visit grandma",
]


@pytest.mark.parametrize("lang", sorted(PLANS))
def test_a_suicidal_plan_is_self_harm_in_every_screened_language(lang: str) -> None:
    assert "self_harm" in kinds(PLANS[lang])


@pytest.mark.parametrize("lang", sorted(THREATS))
def test_harm_with_an_intent_or_a_target_is_a_threat_in_every_screened_language(lang: str) -> None:
    assert "threat" in kinds(THREATS[lang])


@pytest.mark.parametrize("lang", sorted(EMERGENCIES))
def test_a_call_to_an_emergency_number_with_a_sign_is_an_emergency_in_every_screened_language(lang: str) -> None:
    assert "emergency" in kinds(EMERGENCIES[lang])


@pytest.mark.parametrize("text", NOT_URGENT)
def test_figures_games_lawsuits_resolved_past_and_questions_are_not_urgent(text: str) -> None:
    assert "urgent" not in screen(text, OWNED).labels


def test_a_drawn_knife_in_a_waiting_room_is_urgent() -> None:
    assert "urgent" in screen("someone just pulled a knife in the waiting room, call security", OWNED).labels


def test_an_emergency_after_the_product_dose_is_also_serious() -> None:
    found = screen("mi madre se acaba de pinchar y no se despierta, ya llamé al 112", OWNED).labels
    assert {"urgent", "adverse_event", "serious"} <= set(found)


def test_a_plan_without_a_time_intent_or_dark_state_is_not_enough() -> None:
    assert "self_harm" not in kinds("the bridge near the pharmacy is closed")


def test_the_round_six_check_set_is_well_formed_and_covers_nine_languages() -> None:
    rows = [json.loads(x) for x in (DATA / "dev12.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(rows) >= 60
    assert {r["lang"] for r in rows} == {"en", "es", "fr", "de", "pt", "it", "ru", "ja", "zh"}
    assert all(isinstance(r["labels"], list) for r in rows)
