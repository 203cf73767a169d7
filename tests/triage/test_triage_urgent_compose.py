"""Urgent and serious found by composition (issue 10, fourth round): a body part with an acute state and a sign
that it is happening now, a person who swallowed a medicine, indirect self-harm, threats, in the nine screened
languages; negation, side-effect questions and the past still cancel them. Off-label age groups and dosing
questions, and phone numbers that are not order numbers.

The examples here were written for these tests by the Carewatch developers (they are in-sample for the rules);
``carewatch/triage/data/dev10.jsonl`` holds the development set (split ``dev10`` tuned on, ``hold10`` not) and
``probe10.jsonl`` a set written before the rules were tuned (bench/README.md has the numbers)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from carewatch.triage.context import ProductTerms, ScreenContext
from carewatch.triage.detectors.phi import find_phi
from carewatch.triage.detectors.urgent import urgent_spans
from carewatch.triage.engine import screen

DATA = Path(__file__).resolve().parents[2] / "carewatch" / "triage" / "data"
GLUCAVIO = ProductTerms("Glucavio", "semaglutide", ("glucavio pen", "Glucavio Daily"), ("type 2 diabetes",))
DERMAVEX = ProductTerms("Dermavex", "dervalimab", ("dermavex pen",), ("rheumatoid arthritis", "plaque psoriasis"))
OWNED = ScreenContext(products=(GLUCAVIO, DERMAVEX), sponsorship="owned", extra={"ae_model": "rules-only"})


def labels(text: str) -> list[str]:
    return screen(text, OWNED).labels


INDIRECT_SELF_HARM = {
    "en": "honestly there's no point going on anymore",
    "es": "todos estarían mejor si yo no estuviera",
    "fr": "je voudrais m'endormir et ne jamais me réveiller",
    "de": "allen ginge es besser, wenn ich nicht mehr da wäre",
    "pt": "não vejo mais sentido em continuar",
    "it": "tutti sarebbero più felici se io non ci fossi",
    "ru": "нет смысла дальше жить",
    "ja": "もう生きている意味がない",
    "zh": "没有我大家都会过得更好",
}


@pytest.mark.parametrize("lang", sorted(INDIRECT_SELF_HARM))
def test_indirect_self_harm_is_urgent_in_every_screened_language(lang: str) -> None:
    assert "self_harm" in {kind for kind, _ in urgent_spans(INDIRECT_SELF_HARM[lang])}


EMERGENCIES = {
    "en": "my chest is tight and my left arm went numb, just did my injection",
    "es": "me aprieta el pecho y se me durmió el brazo izquierdo",
    "fr": "j'arrive plus à respirer, ma gorge gonfle",
    "de": "ich huste gerade Blut nach der Spritze",
    "pt": "meu peito está apertado e o braço esquerdo ficou dormente",
    "it": "non riesco a prendere aria, mi si gonfia la lingua",
    "ru": "грудь сдавило и левая рука онемела",
    "ja": "胸が締め付けられて左腕がしびれています",
    "zh": "吸不上气，喉咙肿起来了",
}


@pytest.mark.parametrize("lang", sorted(EMERGENCIES))
def test_an_emergency_in_progress_is_urgent_in_every_screened_language(lang: str) -> None:
    assert "emergency" in {kind for kind, _ in urgent_spans(EMERGENCIES[lang])}


THREATS = {
    "en": "I'm coming to your office with my rifle tomorrow",
    "es": "voy a ir a su oficina a pegarle un tiro a alguien",
    "fr": "je vais venir à votre siège et vous tirer dessus",
    "de": "ich komme mit einer Waffe in eure Filiale",
    "pt": "vou aí no escritório de vocês dar um tiro em alguém",
    "it": "vengo nella vostra sede e vi sparo",
    "ru": "приду к вам в офис и всех перестреляю",
    "ja": "お前らの会社に行って刺してやる",
    "zh": "我要去你们公司砍人",
}


@pytest.mark.parametrize("lang", sorted(THREATS))
def test_a_threat_of_violence_is_urgent_in_every_screened_language(lang: str) -> None:
    assert "threat" in {kind for kind, _ in urgent_spans(THREATS[lang])}


@pytest.mark.parametrize("text", [
    "my toddler drank some of the liquid from my pen",
    "mein Sohn hat zwei Glucavio Daily Tabletten verschluckt",
    "сын проглотил несколько таблеток Glucavio Daily",
    "子どもがGlucavio Dailyの錠剤を2錠飲み込んだ",
    "我儿子吞了好几片Glucavio Daily",
])
def test_a_child_who_swallowed_a_medicine_is_urgent_and_a_special_situation(text: str) -> None:
    found = labels(text)
    assert "urgent" in found
    assert "special_situation" in found


@pytest.mark.parametrize("text", [
    "I never had chest tightness or arm numbness on Glucavio",
    "non ho mai avuto dolore al petto con Glucavio",
    "nunca tive falta de ar com Glucavio",
    "用Glucavio从来没有胸痛",
    "Glucavioで胸の痛みは一度もない",
])
def test_a_negated_symptom_is_not_urgent(text: str) -> None:
    assert "urgent" not in labels(text)


@pytest.mark.parametrize("text", [
    "can Glucavio make you cough up blood?",
    "what if my throat swells after the first dose?",
    "kann Glucavio Brustschmerzen verursachen?",
    "I passed out once in 2019 from the heat, unrelated",
    "my arm went numb after I slept on it lol",
    "taking my sleeping pill and passing out for 12 hours",
    "my kid swallowed a lego last year, all fine now",
    "this hold music makes me want to die lol",
    "I'll shoot you an email tomorrow",
    "this pen is the bomb, I'll order more",
])
def test_side_effect_questions_the_past_sleep_and_figures_of_speech_are_not_urgent(text: str) -> None:
    assert "urgent" not in labels(text)


@pytest.mark.parametrize("text", [
    "coughing up blood right now after my Glucavio shot",
    "my wife's face is blowing up after the injection",
    "I keep thinking about ending it since I started Dermavex",
])
def test_an_emergency_or_self_harm_after_the_product_is_a_serious_adverse_event(text: str) -> None:
    found = labels(text)
    assert {"urgent", "adverse_event", "serious"} <= set(found)


def test_an_emergency_with_no_medicine_on_a_third_party_feed_is_urgent_but_not_an_adverse_event() -> None:
    context = ScreenContext(sponsorship="third_party", extra={"ae_model": "rules-only"})
    found = screen("my dad collapsed and isn't responding, help", context).labels
    assert "urgent" in found
    assert "adverse_event" not in found


@pytest.mark.parametrize("text", [
    "my 15yo daughter has psoriasis, can she take Dermavex?",
    "can I take a double dose of Glucavio to get faster results?",
    "¿puedo ponerme dos dosis juntas de Glucavio?",
    "est-ce que mon ado de 15 ans peut prendre Glucavio ?",
    "darf mein Kind Dermavex bekommen?",
    "posso dividir a caneta de Glucavio em duas doses?",
    "posso fare due dosi di Glucavio insieme?",
    "можно ли делить ручку Glucavio на две дозы?",
    "中学生の息子にGlucavioを使えますか？",
    "可以把Glucavio一支笔分两次打吗？",
])
def test_a_childs_use_and_an_unapproved_dosing_question_are_off_label_in_every_language(text: str) -> None:
    assert "off_label" in labels(text)


@pytest.mark.parametrize("text", [
    "Glucavio keeps my type 2 diabetes in check",
    "I'm 45 and started Dermavex for my psoriasis",
    "as kids we took vitamins, now I take Glucavio",
    "my son helped me with my Glucavio injection",
])
def test_approved_use_by_an_adult_is_not_off_label(text: str) -> None:
    assert "off_label" not in labels(text)


@pytest.mark.parametrize("text", [
    "mi número de pedido es 123456789 y la pluma llegó rota",
    "numéro de commande 88812345, le stylo est arrivé cassé",
    "número do pedido 55512345, caneta quebrada",
    "my order number is 112-4456789-1234567 and the pen arrived cracked",
])
def test_an_order_number_is_not_a_phone_or_an_account_number(text: str) -> None:
    assert not find_phi(text)


@pytest.mark.parametrize("text", ["bitte zurückrufen, Handy 0170 1234567", "meu celular é (11) 91234-5678, me liguem",
                                  "mi número es 55 1234 5678, llámenme"])
def test_german_brazilian_and_mexican_mobile_numbers_are_phi(text: str) -> None:
    assert [e.type for e in find_phi(text)] == ["PHONE"]


def test_every_urgent_post_of_the_development_split_is_urgent_and_no_negative_is() -> None:
    records = [json.loads(line) for line in (DATA / "dev10.jsonl").read_text(encoding="utf-8").splitlines()]
    records = [r for r in records if r["split"] == "dev10"]
    catalogue = {"Glucavio": GLUCAVIO, "Dermavex": DERMAVEX}
    missed, false = [], []
    for r in records:
        context = ScreenContext(products=tuple(catalogue[p] for p in r["products"]), sponsorship=r["sponsorship"],
                                extra={"ae_model": "rules-only"})
        urgent = "urgent" in screen(r["text"], context).labels
        if "urgent" in r["labels"] and not urgent:
            missed.append(r["text"])
        if "urgent" not in r["labels"] and urgent:
            false.append(r["text"])
    assert (missed, false) == ([], [])
