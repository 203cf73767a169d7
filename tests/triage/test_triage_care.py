"""The care detectors (product complaint, medical inquiry, off-label, urgent, spam with copy-paste campaigns,
UGC consent), the PHI patterns they needed, and the hand-labelled evaluation set."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from carewatch.triage.context import ProductTerms, ScreenContext
from carewatch.triage.detectors.base import Detector
from carewatch.triage.detectors.care import Cues, Text, literal_prefixes
from carewatch.triage.detectors.complaint import ProductComplaintDetector, lot_numbers
from carewatch.triage.detectors.consent import UgcConsentDetector
from carewatch.triage.detectors.inquiry import MedicalInquiryDetector, OffLabelDetector
from carewatch.triage.detectors.phi import PhiDetector, find_phi
from carewatch.triage.detectors.spam import (
    NearDuplicateIndex,
    SpamDetector,
    campaign_index,
    forget_all,
    observe_mentions,
    remember,
    shingles,
)
from carewatch.triage.detectors.urgent import UrgentDetector
from carewatch.triage.engine import screen
from carewatch.triage.result import LABELS, Finding, TriageResult
from tests.conftest import MentionFactory

DATA = Path(__file__).resolve().parents[2] / "carewatch" / "triage" / "data"
GLUCAVIO = ProductTerms("Glucavio", "semaglutide", ("glucavio pen",), ("type 2 diabetes",))
DERMAVEX = ProductTerms("Dermavex", "dervalimab", (), ("rheumatoid arthritis", "plaque psoriasis"))
OWNED_G = ScreenContext(products=(GLUCAVIO,), sponsorship="owned")
OWNED_D = ScreenContext(products=(DERMAVEX,), sponsorship="owned")
HOSPITAL = ScreenContext(products=(), sponsorship="owned")
MINE = ("product_complaint", "medical_inquiry", "off_label", "urgent", "spam", "ugc_consent")


def findings(detector: Detector, text: str, context: ScreenContext = OWNED_G) -> list[Finding]:
    return [f for f in detector.detect(text, context, TriageResult()) if f.positive]


def flagged(detector: Detector, text: str, context: ScreenContext = OWNED_G) -> bool:
    found = findings(detector, text, context)
    for finding in found:
        assert 0.0 <= finding.score <= 1.0 and finding.version and finding.evidence
        for e in finding.evidence:
            assert text[e.start:e.end] == e.text and e.why
    return bool(found)


# --------------------------------------------------------------------------------------------- complaints

@pytest.mark.parametrize("text,kind", [
    ("My Glucavio pen jammed halfway through the dose this morning", "device_malfunction"),
    ("The needle was bent when I took the cap off", "device_malfunction"),
    ("Pen won't click no matter how hard I press", "device_malfunction"),
    ("The safety seal on my box was already broken", "packaging"),
    ("The pills look different this month, smaller and a lighter colour", "appearance"),
    ("Got my refill and the pens smell weird, like nail polish", "appearance"),
    ("Left my pen in a hot car all afternoon", "temperature_excursion"),
    ("My mail order arrived warm, the ice packs were melted", "temperature_excursion"),
    ("Bought it online without a prescription and the pen looks different", "counterfeit"),
    ("La pluma se atascó y no salió nada", "device_malfunction"),
    ("El precinto de la caja venía roto", "packaging"),
    ("Le stylo fuit au niveau de l'aiguille", "device_malfunction"),
    ("Le colis est arrivé tiède, les pains de glace étaient fondus", "temperature_excursion"),
    ("Der Pen klemmt und klickt nicht", "device_malfunction"),
    ("Die Lösung in der Fertigspritze ist trüb und hat kleine Flocken", "appearance"),
    ("Im Internet ohne Rezept bestellt, ist das eine Fälschung?", "counterfeit"),
])
def test_a_product_complaint_is_found_with_its_kind_in_each_language(text: str, kind: str) -> None:
    found = findings(ProductComplaintDetector(), text)
    assert found and kind in found[0].details["kinds"]
    assert flagged(ProductComplaintDetector(), text)


@pytest.mark.parametrize("text", [
    "The pen works perfectly, it never jammed once",
    "No leaks, no problems with the pen",
    "What should I do if the pen jams? Just want to be prepared",
    "Glucavio stopped working after my dose went up, sugars are back in the 200s",
    "Dermavex ne marche plus du tout pour moi",
    "¿Cuánto tiempo puede estar la pluma fuera de la nevera?",
    "Wie lange darf der Pen außerhalb des Kühlschranks liegen?",
    "I have a frozen shoulder and take Glucavio",
    "Take the tablet on an empty stomach",
    "Since the pen I broke out in hives",
    "This is fake news about Glucavio",
    "Der Pen klemmt nicht, alles gut",
])
def test_negated_hypothetical_efficacy_and_storage_talk_is_no_complaint(text: str) -> None:
    assert not flagged(ProductComplaintDetector(), text)


@pytest.mark.parametrize("text,lots", [
    ("My pen jammed, lot 4F82K", ["4F82K"]),
    ("The needle was bent. LOT#: AB1234", ["AB1234"]),
    ("leaking pen, batch 23C117", ["23C117"]),
    ("La pluma gotea. Lote: 7Q21X", ["7Q21X"]),
    ("Le stylo fuit, numéro de lot 8H2M9", ["8H2M9"]),
    ("Der Pen klemmt. Charge 4F82K", ["4F82K"]),
    ("Packung beschädigt, Ch.-B.: X7781", ["X7781"]),
    ("lots GL7730 and gl7731, the pens both leak", ["GL7730", "GL7731"]),
    ("La pluma gotea, lotes 23C117, 23C118 y 23C119", ["23C117", "23C118", "23C119"]),
    ("the pen from lot 230117 is leaking", ["230117"]),
])
def test_lot_and_batch_numbers_are_extracted_into_the_details(text: str, lots: list[str]) -> None:
    found = findings(ProductComplaintDetector(), text)
    assert found and found[0].details["lot_numbers"] == lots
    assert all(e.text.upper() in lots or e.why != "lot number" for e in found[0].evidence)


@pytest.mark.parametrize("text", ["I took a lot of pills in 2023", "they charge 45000 for it", "lots of love 2day",
                                  "a lot 12 people liked"])
def test_words_that_look_like_lot_numbers_are_not_extracted(text: str) -> None:
    assert lot_numbers(text) == []


def test_a_lot_number_without_a_defect_is_kept_but_is_no_complaint() -> None:
    found = ProductComplaintDetector().detect("Got a rash from lot 4F82K of Glucavio", OWNED_G, TriageResult())
    assert [f.positive for f in found] == [False] and found[0].details["lot_numbers"] == ["4F82K"]


# --------------------------------------------------------------------------------------- medical inquiries

@pytest.mark.parametrize("text,context", [
    ("I missed my dose on Sunday, should I take it now or wait?", OWNED_G),
    ("Can I drink a glass of wine on Glucavio?", OWNED_G),
    ("Is it normal to feel nauseous after the first shot?", OWNED_G),
    ("What infections should I watch out for on Dermavex?", OWNED_D),
    ("Can I eat before my colonoscopy next week?", HOSPITAL),
    ("¿Puedo tomar alcohol si estoy con Glucavio?", OWNED_G),
    ("Combien de temps le stylo peut-il rester hors du frigo ?", OWNED_D),
    ("Darf ich während der Stillzeit Dermavex spritzen?", OWNED_D),
    ("can i take ibuprofen with glucavio", ScreenContext(products=(GLUCAVIO,), sponsorship="third_party")),
])
def test_a_question_seeking_medical_advice_about_the_product_is_a_medical_inquiry(
        text: str, context: ScreenContext) -> None:
    assert flagged(MedicalInquiryDetector(), text, context)


@pytest.mark.parametrize("text,context", [
    ("How much does Glucavio cost without insurance?", OWNED_G),
    ("Is Glucavio covered by Medicare Part D?", OWNED_G),
    ("My pharmacy says it's on backorder. When will it be in stock?", OWNED_G),
    ("Can I use your photo for my blog post?", OWNED_G),
    ("Six months on Glucavio and zero side effects", OWNED_G),
    ("Llevo tres semanas con Glucavio y casi no puedo comer", OWNED_G),
    ("Can I take ibuprofen with metformin?", ScreenContext(products=(GLUCAVIO,), sponsorship="third_party")),
    ("What are visiting hours on the maternity ward?", HOSPITAL),
])
def test_cost_service_statements_and_other_drugs_on_third_party_channels_are_not_inquiries(
        text: str, context: ScreenContext) -> None:
    assert not flagged(MedicalInquiryDetector(), text, context)


# --------------------------------------------------------------------------------------------- off-label

@pytest.mark.parametrize("text,context,target", [
    ("Can I use Glucavio just to lose weight? I'm not diabetic", OWNED_G, "weight_loss"),
    ("My doctor put me on Glucavio for my PCOS", OWNED_G, "pcos"),
    ("I have type 1 diabetes, can I add Glucavio to my insulin?", OWNED_G, "type_1_diabetes"),
    ("Is Glucavio approved for teenagers? My 15 year old has type 2", OWNED_G, "pediatric"),
    ("Should I double the dose to lose weight faster?", OWNED_G, "dosing"),
    ("Does Dermavex help with eczema?", OWNED_D, "eczema"),
    ("¿Se puede usar Glucavio para bajar de peso?", OWNED_G, "weight_loss"),
    ("Est-ce que Glucavio marche pour maigrir ?", OWNED_G, "weight_loss"),
    ("Hilft Dermavex auch bei Neurodermitis?", OWNED_D, "eczema"),
])
def test_use_outside_the_approved_indications_is_off_label(text: str, context: ScreenContext, target: str) -> None:
    found = findings(OffLabelDetector(), text, context)
    assert found and target in found[0].details["targets"]


@pytest.mark.parametrize("text,context", [
    ("My endo prescribed Glucavio for my type 2 diabetes", OWNED_G),
    ("I lost 20 pounds on Glucavio and my A1C is under 7!", OWNED_G),
    ("Does Glucavio cause weight loss in everyone?", OWNED_G),
    ("I have type 2 diabetes and PCOS, is Glucavio safe for me?", OWNED_G),
    ("Is Dermavex safe for my psoriasis if I also have type 1 diabetes?", OWNED_D),
    ("I missed a dose, should I double up?", OWNED_G),
    ("I have 3 kids and take Glucavio, it's great", OWNED_G),
])
def test_approved_use_effects_comorbidities_and_missed_doses_are_not_off_label(
        text: str, context: ScreenContext) -> None:
    assert not flagged(OffLabelDetector(), text, context)


def test_off_label_depends_on_the_products_approved_indications() -> None:
    text = "Can I use Dermavex for my eczema?"
    assert flagged(OffLabelDetector(), text, OWNED_D)
    widened = ProductTerms("Dermavex", indications=("plaque psoriasis", "atopic dermatitis"))
    assert not flagged(OffLabelDetector(), text, ScreenContext(products=(widened,), sponsorship="owned"))
    kids = "Can my 12 year old use Dermavex for her psoriasis?"
    assert flagged(OffLabelDetector(), kids, OWNED_D)
    pediatric = ProductTerms("Dermavex", indications=("plaque psoriasis in adults and children aged 4 and over",))
    assert not flagged(OffLabelDetector(), kids, ScreenContext(products=(pediatric,), sponsorship="owned"))


def test_off_label_needs_a_product_named_or_implied_by_the_channel() -> None:
    text = "Can I use it for weight loss?"
    assert flagged(OffLabelDetector(), text, OWNED_G)  # the brand's own channel: the post is about Glucavio
    third_party = ScreenContext(products=(GLUCAVIO,), sponsorship="third_party")
    assert not flagged(OffLabelDetector(), text, third_party)
    assert flagged(OffLabelDetector(), "Can I use Glucavio for weight loss?", third_party)
    assert not flagged(OffLabelDetector(), text, HOSPITAL)
    unknown = ScreenContext(products=(ProductTerms("Glucavio"),), sponsorship="owned")  # no indications known
    assert not flagged(OffLabelDetector(), "Can I use Glucavio for weight loss?", unknown)
    assert flagged(OffLabelDetector(), "Can I split one Glucavio pen into two doses?", unknown)


# ------------------------------------------------------------------------------------------------- urgent

@pytest.mark.parametrize("text,kind", [
    ("I can't keep doing this. I just want to end it all tonight.", "self_harm"),
    ("Ever since starting Glucavio I don't want to be alive anymore", "self_harm"),
    ("I'm having suicidal thoughts every night", "self_harm"),
    ("Ya no puedo más, no quiero vivir", "self_harm"),
    ("Je veux mourir, je n'en peux plus", "self_harm"),
    ("Ich will nicht mehr leben", "self_harm"),
    ("My husband just injected and now he can't breathe right now", "emergency"),
    ("my mother collapsed and isn't breathing", "emergency"),
    ("She's having a seizure right now please help", "emergency"),
    ("Mi esposo no puede respirar, ¡ayuda!", "emergency"),
    ("Mon fils est inconscient dans votre salle d'attente", "emergency"),
    ("Meine Frau ist bewusstlos, der Notarzt ist unterwegs", "emergency"),
    ("If my refill is late again I'm going to kill the pharmacist", "threat"),
    ("I'll come back with my gun", "threat"),
    ("Si no me mandan el medicamento voy a quemar su oficina", "threat"),
    ("Je vais vous tuer si vous ne rappelez pas", "threat"),
    ("Ich bringe euch um", "threat"),
])
def test_self_harm_emergencies_and_threats_are_urgent_with_a_high_score(text: str, kind: str) -> None:
    found = findings(UrgentDetector(), text)
    assert found and kind in found[0].details["kinds"] and found[0].score >= 0.9


@pytest.mark.parametrize("text", [
    "I'm not suicidal, just frustrated with the pharmacy",
    "Can Glucavio cause depression or suicidal thoughts?",
    "This hold music is killing me lol",
    "I'd kill for a cheaper pen",
    "I want to end my subscription to your newsletter",
    "Had a seizure from low blood sugar last year, ended up in the ICU",
    "animals are committing suicide. depression hurts. #teenwolf",
    "can't breathe through my nose with this cold",
    "if you take it you're going to die lol",
    "Esta espera me está matando jaja",
    "Die Warteschleife bringt mich noch um",
])
def test_figures_of_speech_negations_side_effect_questions_and_the_past_are_not_urgent(text: str) -> None:
    assert not flagged(UrgentDetector(), text)


# --------------------------------------------------------------------------------------------------- spam

@pytest.mark.parametrize("text", [
    "DM me for cheap Glucavio pens 💉 no prescription needed, discreet shipping",
    "I made $4,800 a week trading crypto, message him on WhatsApp",
    "Follow for follow 🔥 check my bio",
    "Get semaglutide 70% off today only!! www.glp-deals.example.com/order buy now",
    "@a1x @b2y @c3z @d4w @e5v @f6u win a free gift card http://gift.example.com/r1",
    "Vendo plumas de semaglutida sin receta, envío discreto, escríbeme para precios",
    "Dermavex sans ordonnance, livraison rapide et discrète, contactez-moi sur WhatsApp",
    "Verdiene 500 € am Tag von zu Hause aus!!! Infos in meiner Bio",
])
def test_promotions_scams_and_bot_like_posts_are_spam(text: str) -> None:
    assert flagged(SpamDetector(), text)


@pytest.mark.parametrize("text", [
    "Can I buy Glucavio without a prescription? My appointment isn't for 2 months",
    "MY PEN IS BROKEN AND NOBODY ANSWERS THE PHONE!!!",
    "See the savings program at www.glucavio.example.com/savings, it's free",
    "Drug maker paid $6 million for the deal http://news.example.com/a",
    "you won a new fan in me",
    "Where can I find a coupon for Glucavio? The price is crazy",
])
def test_patients_asking_about_access_shouting_or_sharing_a_link_are_not_spam(text: str) -> None:
    assert not flagged(SpamDetector(), text)


CAMPAIGN = "Northwind must lower the price of Glucavio now, patients cannot afford {n} dollars a month #FairPrice"


def test_a_copy_paste_campaign_across_authors_is_spam_with_its_counts() -> None:
    forget_all()
    context = ScreenContext(products=(GLUCAVIO,), sponsorship="owned", client_id=41)
    for i, author in enumerate(["ana", "ben", "cy"]):
        remember(41, CAMPAIGN.format(n=900 + i) + f" @friend{i}", author, when=1000.0 + i, item=f"m{i}")
    found = findings(SpamDetector(), CAMPAIGN.format(n=950), context)
    assert found and "campaign" in found[0].details["kinds"]
    assert found[0].details["near_duplicates"] == 3 and found[0].details["authors"] == 3
    other_client = ScreenContext(products=(GLUCAVIO,), sponsorship="owned", client_id=42)
    assert not flagged(SpamDetector(), CAMPAIGN.format(n=950), other_client)  # indexes are per client
    forget_all()


@pytest.mark.parametrize("text", [
    "Where can I find the full prescribing information?",
    "@GlucavioUS Called 6 pharmacies in Texas, none have the 1 mg strength. Do you have a stock locator?",
    "Sure: Gary Haskins, DOB 04/21/1967, phone (614) 555-0137. Best time is after 5pm.",
])
def test_patients_writing_the_same_short_post_without_links_or_hashtags_are_no_campaign(text: str) -> None:
    forget_all()
    context = ScreenContext(products=(GLUCAVIO,), sponsorship="owned", client_id=46)
    for i, author in enumerate(["ana", "ben", "cy", "dee", "eve", "fay"]):
        remember(46, text, author, when=1000.0 + i, item=f"q{i}")
    assert not flagged(SpamDetector(), text, context)
    forget_all()


def test_long_copy_without_links_is_a_campaign_from_five_authors_not_from_three() -> None:
    forget_all()
    context = ScreenContext(products=(GLUCAVIO,), sponsorship="owned", client_id=47)
    text = ("Glucavio ruined my life and Northwind hides the truth from every patient, do not let them lie to you "
            "again, tell everyone you know before it is too late")
    for i, author in enumerate(["ana", "ben", "cy"]):
        remember(47, text, author, when=1000.0 + i, item=f"l{i}")
    assert not flagged(SpamDetector(), text, context)
    for i, author in enumerate(["dee", "eve"]):
        remember(47, text, author, when=1010.0 + i, item=f"l{i + 3}")
    found = findings(SpamDetector(), text, context)
    assert found and "campaign" in found[0].details["kinds"] and found[0].details["authors"] == 5
    forget_all()


def test_one_author_repeating_a_text_is_not_a_campaign() -> None:
    forget_all()
    context = ScreenContext(products=(GLUCAVIO,), sponsorship="owned", client_id=43)
    text = "My pen jammed again and nobody from Northwind has called me back after three emails, please help"
    for i in range(6):
        remember(43, text, "same-author", when=float(i), item=f"r{i}")
    assert not flagged(SpamDetector(), text, context)
    remember(43, text, "second-author", when=7.0, item="r7")  # two people: still no campaign
    assert not flagged(SpamDetector(), text, context)
    forget_all()


def test_the_near_duplicate_index_is_bounded_time_windowed_and_idempotent() -> None:
    index = NearDuplicateIndex(max_items=3, window=100.0)
    text = "please sign the petition for fair insulin and glp1 prices in every state today"
    assert index.add(text, "a", 0.0, "x") and not index.add(text, "a", 0.0, "x")  # the same item once
    assert not index.add("too short to compare", "b", 1.0)
    for i in range(5):
        index.add(text + f" {i}", f"author{i}", 10.0 + i)
    assert len(index) == 3  # max_items
    assert index.near_duplicates(text).authors == 3
    index.add("something else entirely about parking at the hospital garage on weekends", "z", 500.0)
    assert index.near_duplicates(text).count == 0  # older than the window: gone
    assert len(index) == 1


def test_small_edits_still_count_as_near_duplicates_but_different_texts_do_not() -> None:
    index = NearDuplicateIndex()
    base = "Tell Northwind to stop price gouging diabetics, Glucavio should cost less than 100 dollars"
    index.add(base, "a", 1.0)
    index.add(base.replace("Tell", "Please tell") + " http://x.example.com/p", "b", 2.0)
    index.add(base.upper() + "!!!", "c", 3.0)
    index.add("My Glucavio pen jammed this morning and the pharmacy will not replace it for a week", "d", 4.0)
    assert index.near_duplicates(base).count == 3 and index.near_duplicates(base).authors == 3


def test_shingle_hashes_are_the_same_in_another_process() -> None:
    text = "Tell Northwind to lower the price of Glucavio"
    code = ("import json,sys; from carewatch.triage.detectors.spam import shingles; "
            "print(json.dumps(sorted(shingles(sys.argv[1]))))")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code, text], capture_output=True, text=True, env=env, check=True)
    assert json.loads(out.stdout) == sorted(shingles(text))


def test_the_pipeline_feeds_the_index_and_flags_a_campaign_across_authors(
        northwind: Any, make_mention: MentionFactory) -> None:
    forget_all()
    text = "Northwind must lower the price of Glucavio now, patients cannot afford this every month #FairPrice"
    first = make_mention(northwind, text, author="ana")
    assert "spam" not in first.labels
    make_mention(northwind, text + " please", author="ben")
    third = make_mention(northwind, text + " share", author="cy")
    assert "spam" in third.labels
    assert third.triage["details"]["spam"]["authors"] == 3
    again = [make_mention(northwind, "same author, same words, posted again and again on this page", author="dee")
             for _ in range(3)]
    assert "spam" not in again[-1].labels
    index = campaign_index(northwind.id, create=False)
    assert index is not None and len(index) == 6
    forget_all()


def test_observe_mentions_skips_outbound_and_empty_mentions() -> None:
    forget_all()

    class Fake:
        def __init__(self, pk: int, direction: str, text: str) -> None:
            self.pk, self.client_id, self.author_id, self.direction, self.text = pk, 44, pk, direction, text
            self.created_at = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=pk)

    words = "an inbound comment long enough to be compared with the others in the index"
    observe_mentions([Fake(1, "in", words), Fake(2, "out", words + " reply"), Fake(3, "in", "")])
    index = campaign_index(44, create=False)
    assert index is not None and len(index) == 1
    forget_all()


# ---------------------------------------------------------------------------------------------- consent

@pytest.mark.parametrize("text", [
    "#YesNorthwind 😊 happy to help",
    "#yesglucavio",
    "Sure, you can share my photo!",
    "yes you can use it, just tag me",
    "You have my permission to feature the post",
    "Feel free to repost my story",
    "¡Sí, pueden usar mi foto!",
    "Oui, vous pouvez partager ma photo",
    "Ja, ihr dürft es teilen",
    "Ich bin einverstanden, dass ihr meinen Beitrag verwendet",
])
def test_a_reply_granting_reuse_is_ugc_consent(text: str) -> None:
    assert flagged(UgcConsentDetector(), text)


@pytest.mark.parametrize("text", [
    "No you can't use it, sorry",
    "Please don't share my post",
    "Yes but please don't share my name",
    "No, no pueden usar mi foto",
    "Non, vous ne pouvez pas utiliser ma photo",
    "Nein, ihr dürft es nicht teilen",
    "Can I share your post on my page?",
    "Could you share my story?",
    "#yesterday was rough",
    "#yesdermavex",  # a product hashtag of another client
    "Yes you can get the savings card on the website",
])
def test_refusals_questions_and_lookalike_hashtags_are_not_consent(text: str) -> None:
    assert not flagged(UgcConsentDetector(), text)


# ------------------------------------------------------------------------------------- PHI additions

@pytest.mark.parametrize("text,kind,value", [
    ("This is Greg Halvorsen, I got hives", "NAME", "Greg Halvorsen"),
    ("Me llamo Lucía Ferrer y tengo vómitos", "NAME", "Lucía Ferrer"),
    ("Soy Carmen Ruiz, necesito cambiar mi cita", "NAME", "Carmen Ruiz"),
    ("Hi, Ana Kowalski here, mother of baby Mila", "NAME", "Ana Kowalski"),
    ("Signed, Thomas Becker", "NAME", "Thomas Becker"),
    ("I was admitted on March 3, 2025 to your hospital", "DATE", "March 3, 2025"),
    ("and discharged March 9 without a bill", "DATE", "March 9"),
    ("The ER discharge on 01/05/2025 listed the wrong drug", "DATE", "01/05/2025"),
    ("Mi fecha de nacimiento es 12/03/1954", "DOB", "12/03/1954"),
    ("J'habite au 12 rue des Lilas, 69003 Lyon", "ADDRESS", "12 rue des Lilas"),
    ("J'habite au 12 rue des Lilas, 69003 Lyon", "ZIP", "69003"),
    ("Ich wohne in der Lindenstraße 14, Berlin", "ADDRESS", "Lindenstraße 14"),
    ("Meine Versichertennummer ist A123456789, bitte prüfen", "MEMBER_ID", "A123456789"),
    ("Mi número de afiliado es 44-8812093", "MEMBER_ID", "44-8812093"),
    ("My father's Medicaid ID number is 99023418771", "MEMBER_ID", "99023418771"),
    ("My son's medical record number is RH-4471209", "MRN", "RH-4471209"),
    ("mi teléfono es 555-0156", "PHONE", "555-0156"),
])
def test_the_phi_patterns_added_for_the_labelled_set_find_their_identifiers(text: str, kind: str, value: str) -> None:
    assert (kind, value) in [(e.type, e.text) for e in find_phi(text)]


@pytest.mark.parametrize("text", [
    "My dad ended up in the hospital",
    "My sister was diagnosed with TB",
    "My husband and I want a baby next year",
    "Ich bin Diabetikerin und nehme Glucavio",
    "50000 patients use it",
])
def test_lowercase_words_after_family_words_and_german_nouns_are_not_names(text: str) -> None:
    assert find_phi(text) == []


# ------------------------------------------------------------------------------ cue matcher internals

def test_cue_prefixes_are_read_from_the_fragments_and_matching_equals_a_plain_regex_scan() -> None:
    assert literal_prefixes(r"(?:auto-?)?injectors?") == {"auto-", "autoi", "injec"}
    assert literal_prefixes(r"\w+n't") is None
    fragments = [r"jamm(?:ed|ing)", r"won't (?:click|work)", r"(?:safety |tamper )?seals?", r"\d+ ?% off", r"pen"]
    cues = Cues(fragments)
    plain = re.compile(r"(?<!\w)(?:" + "|".join(sorted(fragments, key=len, reverse=True)) + r")(?!\w)", re.I)
    for text in ["The Pen jammed and won't click", "safety seal torn, 20% off", "pencil jamming", "SEALS"]:
        assert [(h.start, h.end) for h in cues.hits(Text(text))] == [m.span() for m in plain.finditer(text)]


# ---------------------------------------------------------------------------------------- engine wiring

def test_the_engine_runs_the_care_detectors_after_phi_and_the_contract_carries_their_details() -> None:
    from carewatch.triage.engine import DEFAULT_DETECTORS

    assert DEFAULT_DETECTORS[0].endswith("PhiDetector")
    result = screen("My Glucavio pen jammed and leaked, lot 4F82K. Can I still use it?", OWNED_G).as_contract("c1")
    assert {"product_complaint", "medical_inquiry"} <= set(result["labels"])
    assert result["details"]["product_complaint"]["lot_numbers"] == ["4F82K"]
    assert {e["text"] for e in result["evidence"]["product_complaint"]} >= {"4F82K"}


def test_a_complaint_in_the_pipeline_labels_the_case_and_raises_its_priority(
        northwind: Any, make_mention: MentionFactory) -> None:
    from carewatch.inbox.models import Case, Priority

    mention = make_mention(northwind, "The needle on my Glucavio pen was bent and it leaked everywhere")
    assert "product_complaint" in mention.labels
    case = Case.objects.get(pk=mention.case_id)
    assert "product_complaint" in {t.name for t in case.tags.all()} and case.priority >= Priority.HIGH


# ------------------------------------------------------------------------------------- the labelled set

def _rows() -> list[dict[str, Any]]:
    with (DATA / "labelled.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _catalogue() -> dict[str, ProductTerms]:
    products = json.loads((DATA / "products.json").read_text(encoding="utf-8"))["products"]
    return {name: ProductTerms(name, p["generic"], tuple(p["aliases"]), tuple(p["indications"]))
            for name, p in products.items()}


def test_the_labelled_set_is_well_formed_multilingual_and_covers_every_label() -> None:
    rows, catalogue = _rows(), _catalogue()
    assert len(rows) >= 400
    assert len({r["id"] for r in rows}) == len(rows) and len({r["text"] for r in rows}) == len(rows)
    for r in rows:
        assert set(r) == {"id", "text", "lang", "products", "sponsorship", "labels", "split"}
        assert r["lang"] in {"en", "es", "fr", "de"} and r["sponsorship"] in {"owned", "paid", "third_party"}
        assert set(r["labels"]) <= set(LABELS) and all(p in catalogue for p in r["products"])
        assert r["split"] in {"dev", "blind1", "blind2", "blind3"}
    assert sum(r["lang"] != "en" for r in rows) >= 60
    counts = Counter(label for r in rows for label in r["labels"])
    assert all(counts[label] >= 25 for label in LABELS if label != "language_unscreened"), counts
    assert sum(not r["labels"] for r in rows) >= 100  # negatives and hard negatives


def test_the_labelled_set_uses_only_fictional_contact_details() -> None:
    fiction = re.compile(r"555[\s.-]?01\d\d|5550\d{3}|555\s?01\d\d|7700\s?900|6\s?39\s?98")  # reserved for fiction
    for r in _rows():
        for email in re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", r["text"]):
            assert re.search(r"@example\.(?:com|net|org|fr|de|es)$", email), email
        for url in re.findall(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|net|org|io|ru|fr)/\S*", r["text"]):
            assert "example" in url or url.startswith(("facebook.com/", "http://bit.ly/", "t.me/")), url
        for entity in find_phi(r["text"]):
            if entity.type == "PHONE":
                assert fiction.search(entity.text), entity.text
            if entity.type == "IP":
                assert entity.text.startswith(("192.0.2.", "198.51.100.", "203.0.113.")), entity.text


def _evaluate(rows: list[dict[str, Any]]) -> dict[str, tuple[float, float, int]]:
    catalogue = _catalogue()
    detectors: list[Detector] = [PhiDetector(), ProductComplaintDetector(), MedicalInquiryDetector(),
                                 OffLabelDetector(), UrgentDetector(), SpamDetector(), UgcConsentDetector()]
    forget_all()
    tally: dict[str, Counter[str]] = {d.name: Counter() for d in detectors}
    for r in rows:
        context = ScreenContext(products=tuple(catalogue[p] for p in r["products"]), sponsorship=r["sponsorship"],
                                language=r["lang"])
        result = TriageResult(language=r["lang"])
        for detector in detectors:
            result.findings.extend(detector.detect(r["text"], context, result))
        predicted, gold = set(result.labels), set(r["labels"])
        for name, counts in tally.items():
            key = ("tp" if name in gold else "fp") if name in predicted else ("fn" if name in gold else "tn")
            counts[key] += 1
    out: dict[str, tuple[float, float, int]] = {}
    for name, c in tally.items():
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        out[name] = (precision, recall, c["tp"] + c["fn"])
    return out


def test_precision_and_recall_on_the_labelled_set_meet_their_floors(capsys: pytest.CaptureFixture[str]) -> None:
    rows = _rows()
    scores = _evaluate(rows)
    with capsys.disabled():
        print("\nrules on the labelled set (all splits; in-sample, see data/README.md for the blind rounds)")
        for name, (precision, recall, positives) in scores.items():
            print(f"  {name:18} precision {precision:.3f}  recall {recall:.3f}  positives {positives}")
    # PHI: a miss leaks an identifier in a public reply, so recall must stay near perfect.
    assert scores["phi"][1] >= 0.98
    # The care rules were written with this set in view (recall ~1.0 here; 0.5-1.0 on blind rounds): the floors
    # catch a regression in a cue list, not a claim about unseen text.
    for name in MINE:
        precision, recall, _ = scores[name]
        assert recall >= 0.9 and precision >= 0.85, (name, precision, recall)
