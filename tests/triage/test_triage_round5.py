"""Issue 10, fifth round: the patterns behind blind6's misses and false alarms (intentional overdoses, farewells,
emergencies told by their symptoms, threats naming a place or a person, complaint wordings in every screened
language, national phone and ID formats, dosing more often than the label, phishing, advert jokes, self-harm words
with nothing tying them to a product). Posts written for this test by the Carewatch developers in new wordings
(not copied from blind6, dev11 or any corpus)."""

from __future__ import annotations

import pytest

from carewatch.triage.context import ProductTerms, ScreenContext
from carewatch.triage.engine import screen

GLUCAVIO = ProductTerms("Glucavio", "semaglutide", ("glucavio pen", "Glucavio Daily", "グルカビオ"), ("type 2 diabetes",))
DERMAVEX = ProductTerms("Dermavex", "dervalimab", ("dermavex pen",), ("rheumatoid arthritis", "plaque psoriasis"))


def labels(text: str, product: ProductTerms = GLUCAVIO) -> set[str]:
    return set(screen(text, ScreenContext(products=(product,), sponsorship="owned")).labels)


@pytest.mark.parametrize("text", [
    "swallowed every one of my tablets at once, on purpose",
    "me tragué todas las pastillas que tenía, ya está",
    "j'ai pris tous mes comprimés exprès",
    "hab absichtlich die ganze Packung geschluckt",
    "tomei todos os comprimidos da cartela",
    "ho preso tutte le pillole rimaste",
    "специально выпила все таблетки",
    "薬を全部わざと飲んだ",
    "剩下的药我全吃了",
])
def test_an_intentional_overdose_is_urgent_in_every_screened_language(text: str) -> None:
    assert "urgent" in labels(text)


@pytest.mark.parametrize("text", [
    "not going to be around for long anyway, cancel my refill",
    "this is my last post here, take care everyone",
    "nadie me va a extrañar cuando ya no esté",
    "bald bin ich sowieso nicht mehr da",
    "скоро меня не будет, и ладно",
])
def test_a_farewell_without_the_word_suicide_is_urgent(text: str) -> None:
    assert "urgent" in labels(text)


@pytest.mark.parametrize("text", [
    "whoever picks up your hotline next is leaving on a stretcher",
    "I know where your sales rep parks, see what happens",
    "next time I'm bringing a bat to your office",
    "so dove abita il vostro direttore",
])
def test_a_threat_naming_a_place_or_a_person_is_urgent(text: str) -> None:
    assert "urgent" in labels(text)


def test_an_emergency_told_by_its_symptoms_is_urgent_and_serious_after_the_product() -> None:
    found = labels("on the floor, feels like a truck is sitting on my chest and my left arm is tingling, did my pen at 8")
    assert {"urgent", "adverse_event", "serious"} <= found


def test_hearsay_about_an_arm_going_numb_is_neither_urgent_nor_an_adverse_event() -> None:
    found = labels("people in my support group keep saying their arm goes numb after the shot, never happened to me")
    assert not found & {"urgent", "adverse_event", "serious"}


def test_a_childs_needle_stick_is_urgent_but_not_the_authors_adverse_event() -> None:
    found = labels("my toddler jabbed himself with my pen needle, what do I do")
    assert "urgent" in found
    assert "adverse_event" not in found


@pytest.mark.parametrize("text", [
    "there was no leaflet in the box",
    "la caja venía sin prospecto",
    "la rotella della penna non gira più",
    "кнопка не нажимается, лекарство не вышло",
    "ペンのボタンが押せない",
    "笔的按钮按不下去",
    "the dose counter doesn't move when I turn the dial",
])
def test_complaint_wordings_are_found_in_the_screened_languages(text: str) -> None:
    assert "product_complaint" in labels(text)


def test_a_half_empty_bottle_after_a_child_got_into_it_is_no_packaging_defect() -> None:
    found = labels("my 5 year old got into my Glucavio Daily tablets, the bottle is half empty")
    assert "product_complaint" not in found
    assert "off_label" not in found
    assert "urgent" in found


@pytest.mark.parametrize("text", [
    "llámenme al 622 111 333 por favor",
    "ring me on 07700 900777 please",
    "CPF 321.654.987-00, preciso de ajuda",
    "身份证号 110105198502023456",
    "保険証番号は 55667788 です",
])
def test_national_phone_and_identity_formats_are_phi(text: str) -> None:
    assert "phi" in labels(text)


@pytest.mark.parametrize("text", [
    "Bestellnummer 4500998877, wann kommt das Paket?",
    "my dog's name is Buster and he hates the pen clicking",
])
def test_an_order_number_and_a_pets_name_are_not_phi(text: str) -> None:
    assert "phi" not in labels(text)


@pytest.mark.parametrize("text", [
    "I inject Dermavex every week instead of every two weeks",
    "Dermavex serve pra dermatite atópica?",
    "Dermavex能治湿疹吗？",
])
def test_uses_outside_dermavexs_label_are_off_label(text: str) -> None:
    assert "off_label" in labels(text, DERMAVEX)


def test_phishing_about_side_effect_compensation_is_spam_and_no_safety_case() -> None:
    found = labels("Вам положена компенсация за побочные эффекты! Перейдите по ссылке и введите данные карты")
    assert "spam" in found
    assert not found & {"adverse_event", "serious", "urgent"}


def test_a_sellers_whatsapp_number_in_a_promotion_is_not_phi() -> None:
    found = labels("cheap pens no prescription needed, discreet shipping, whatsapp +1 302 555 0199")
    assert "spam" in found
    assert "phi" not in found


@pytest.mark.parametrize("text", [
    "that commercial with the dancing pens gives me a headache lol",
    "cette pub me donne la nausée à force 😂",
    "this copay is killing me 💀",
])
def test_advert_jokes_and_money_complaints_report_no_adverse_event(text: str) -> None:
    assert "adverse_event" not in labels(text)


def test_self_harm_words_alone_are_urgent_but_not_an_adverse_event_of_the_product() -> None:
    found = labels("ich will einfach nicht mehr leben")
    assert "urgent" in found
    assert not found & {"adverse_event", "serious"}


def test_self_harm_tied_to_the_product_is_still_an_adverse_event() -> None:
    found = labels("ever since I started Glucavio I keep thinking about ending my life")
    assert {"urgent", "adverse_event", "serious"} <= found


def test_a_gallbladder_removed_while_on_the_weekly_shot_is_a_serious_adverse_event() -> None:
    assert {"adverse_event", "serious"} <= labels("had my gallbladder removed last month, been on the weekly shot since spring")
