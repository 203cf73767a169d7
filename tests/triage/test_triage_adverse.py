from __future__ import annotations

import csv
from pathlib import Path

import pytest

from carewatch.triage.context import ProductTerms, ScreenContext
from carewatch.triage.detectors.adverse import (
    POSITIVE_AT,
    AdverseEventDetector,
    SeriousDetector,
    SpecialSituationDetector,
    analyse,
    find_event_mentions,
    find_events,
    find_products,
    fold,
    lexicon_sizes,
)
from carewatch.triage.detectors.language import detect_language
from carewatch.triage.engine import screen
from carewatch.triage.result import Finding, TriageResult

GLUCAVIO = ProductTerms("Glucavio", "semaglutide", ("glucavio pen",), ("type 2 diabetes",))
THIRD_PARTY = ScreenContext(products=(GLUCAVIO,), sponsorship="third_party")
OWNED = ScreenContext(products=(GLUCAVIO,), sponsorship="owned")
SMM4H_DEV = Path(__file__).resolve().parents[3] / "shared" / "data" / "smm4h2020" / "en" / "dev.tsv"
SMM4H_DEV_RU = SMM4H_DEV.parents[1] / "ru" / "dev.tsv"


def findings(text: str, context: ScreenContext = THIRD_PARTY, language: str = "") -> dict[str, Finding]:
    result = TriageResult(language=language or detect_language(text)[0])
    out: dict[str, Finding] = {}
    for detector in (AdverseEventDetector(), SeriousDetector(), SpecialSituationDetector()):
        for finding in detector.detect(text, context, result):
            out[finding.label] = finding
    return out


def is_ae(text: str, context: ScreenContext = THIRD_PARTY, language: str = "") -> bool:
    finding = findings(text, context, language).get("adverse_event")
    return finding is not None and finding.positive


@pytest.mark.parametrize("text,language", [
    ("Since I started Glucavio I've been so dizzy and threw up twice", "en"),
    ("My mom (72) got a rash and itchy hives after her first Glucavio shot", "en"),
    ("my husband has had horrible headaches ever since he went on Glucavio", "en"),
    ("Desde que empecé con Glucavio tengo mareos y vómitos", "es"),
    ("Mi madre de 72 años empezó con Glucavio y desde entonces tiene náuseas", "es"),
    ("Depuis que je prends Glucavio j'ai des nausées et des vertiges", "fr"),
    ("Ma fille a des boutons partout depuis la première injection de Glucavio", "fr"),
    ("Seit ich Glucavio nehme, habe ich starke Kopfschmerzen und Übelkeit", "de"),
    ("Meine Mutter hat seit der ersten Spritze Glucavio Schwindel und Durchfall", "de"),
])
def test_first_and_third_person_adverse_events_are_found_in_all_four_languages(text: str, language: str) -> None:
    finding = findings(text, language=language)["adverse_event"]
    assert finding.positive and finding.score >= POSITIVE_AT
    assert finding.details["minimum_elements"]["event"] == "present"
    assert finding.details["minimum_elements"]["patient"] == "present"


@pytest.mark.parametrize("text,language", [
    ("No side effects at all with Glucavio, loving it", "en"),
    ("I didn't have any nausea on Glucavio this time", "en"),
    ("What are the side effects of Glucavio?", "en"),
    ("Will Glucavio make me dizzy?", "en"),
    ("If I get a rash on Glucavio should I stop?", "en"),
    ("Glucavio can cause nausea in some patients", "en"),
    ("I take Glucavio for my joint pain and it's great", "en"),
    ("Sin efectos secundarios con Glucavio, todo bien", "es"),
    ("¿Glucavio puede causar mareos?", "es"),
    ("Pas d'effets secondaires avec Glucavio pour moi", "fr"),
    ("Est-ce que Glucavio donne des nausées ?", "fr"),
    ("Keine Nebenwirkungen mit Glucavio bei mir", "de"),
    ("Macht Glucavio müde?", "de"),
])
def test_negated_hypothetical_questioned_and_indication_events_are_not_adverse_events(text: str, language: str) -> None:
    assert not is_ae(text, language=language)
    statuses = {m.status for m in find_event_mentions(text, language)}
    assert statuses and "asserted" not in statuses


def test_negation_is_scoped_to_its_clause_not_the_whole_text() -> None:
    text = "No nausea with Glucavio, but I've had a terrible rash since the second dose"
    assert is_ae(text, language="en")
    mentions = {m.text.lower(): m.status for m in find_event_mentions(text, "en")}
    assert mentions["nausea"] == "negated" and mentions["rash"] == "asserted"


def test_the_product_is_implied_on_an_owned_channel_but_not_on_a_third_party_one() -> None:
    text = "Since I started it I've been so dizzy I can't drive"
    owned = findings(text, OWNED, "en")["adverse_event"]
    assert owned.positive and owned.details["minimum_elements"]["product"] == "present"
    assert owned.details["products"] == [{"text": "", "name": "Glucavio", "source": "implied", "start": 0, "end": 0}]
    assert not is_ae(text, THIRD_PARTY, "en")


def test_an_unnamed_medicine_with_a_link_counts_as_a_product_of_unknown_name() -> None:
    finding = findings("These new pills made me so nauseous since I started them", ScreenContext(), "en")
    ae = finding["adverse_event"]
    assert ae.positive and ae.details["minimum_elements"]["product"] == "unknown"


def test_minimum_elements_name_patient_reporter_product_and_event_with_evidence() -> None:
    details = findings("My son (14) got terrible hives after taking Glucavio", language="en")["adverse_event"].details
    assert details["minimum_elements"] == {"patient": "present", "reporter": "present", "product": "present",
                                           "event": "present"}
    assert details["valid_case"] is True and details["follow_up_needed"] is False
    assert {e["text"] for e in details["patient_evidence"]} >= {"My son", "(14)"}
    assert details["products"][0]["name"] == "Glucavio" and details["products"][0]["source"] == "client"


def test_a_post_with_no_identifiable_patient_is_flagged_for_follow_up() -> None:
    details = findings("Glucavio = nausea and vomiting all day", language="en")["adverse_event"].details
    assert details["minimum_elements"]["patient"] == "unknown"
    assert details["valid_case"] is False and details["follow_up_needed"] is True


@pytest.mark.parametrize("text,language,criterion", [
    ("Got admitted after my second Glucavio shot, I couldn't breathe", "en", "hospitalisation"),
    ("My dad had a seizure two days after starting Glucavio", "en", "medically_important"),
    ("A mi padre lo ingresaron con vómitos después de tomar Glucavio", "es", "hospitalisation"),
    ("J'ai été hospitalisée pour une pancréatite depuis que je prends Glucavio", "fr", "hospitalisation"),
    ("Nach der Spritze Glucavio hatte ich einen anaphylaktischen Schock", "de", "life_threatening"),
])
def test_serious_cases_are_labelled_with_their_criteria(text: str, language: str, criterion: str) -> None:
    found = findings(text, language=language)
    assert found["adverse_event"].positive
    assert criterion in found["serious"].details["criteria"]


@pytest.mark.parametrize("text", [
    "Glucavio could cause death in rare cases, says the label",
    "My grandma died last year and I miss her",
    "Do I need to go to the hospital if I get a rash on Glucavio?",
])
def test_seriousness_words_without_an_adverse_event_are_not_serious(text: str) -> None:
    assert "serious" not in findings(text, language="en")


@pytest.mark.parametrize("text,language,situation", [
    ("I'm 12 weeks pregnant and still taking Glucavio", "en", "pregnancy"),
    ("I'm breastfeeding and started Glucavio last week", "en", "breastfeeding"),
    ("I took two doses of Glucavio by mistake this morning", "en", "overdose"),
    ("I took two doses of Glucavio by mistake this morning", "en", "medication_error"),
    ("The pharmacy gave me the wrong dose of Glucavio", "en", "medication_error"),
    ("Friends crush and snort Glucavio to get high", "en", "misuse_abuse"),
    ("Glucavio stopped working after three months", "en", "lack_of_efficacy"),
    ("Glucavio ya no me hace nada", "es", "lack_of_efficacy"),
    ("Mi hijo de 5 años tomó Glucavio", "es", "paediatric"),
    ("My 8 year old got hold of my Glucavio pen", "en", "paediatric"),
    ("Je suis enceinte et je prends Glucavio", "fr", "pregnancy"),
    ("Glucavio wirkt nicht mehr bei mir", "de", "lack_of_efficacy"),
    ("I use Glucavio for my acne", "en", "off_label"),
    ("Started Glucavio purely for weight loss", "en", "off_label"),
])
def test_special_situations_are_flagged_with_the_situation(text: str, language: str, situation: str) -> None:
    special = findings(text, language=language)["special_situation"]
    assert situation in special.details["situations"]
    assert special.details["evidence_by_situation"][situation]


def test_use_within_the_approved_indication_is_not_off_label() -> None:
    special = findings("I use Glucavio for my type 2 diabetes", language="en").get("special_situation")
    assert special is None or "off_label" not in special.details["situations"]


def test_a_special_situation_needs_a_medicine() -> None:
    assert "special_situation" not in findings("I'm 12 weeks pregnant and so happy", ScreenContext(), "en")


def test_every_evidence_span_matches_the_text_it_quotes() -> None:
    texts = [
        "Since I started Glucavio I've been soooo dizzyyy, and my mom (72) got hives — ended up in the ER",
        "Depuis que je prends Glucavio j\u2019ai des nausées; ma fille de 8 ans aussi",
        "Seit ich Glucavio nehme, ist mir übel. Keine Besserung, wirkt nicht.",
    ]
    for text in texts:
        for finding in findings(text).values():
            assert finding.evidence
            for e in finding.evidence:
                if e.end > e.start:
                    assert text[e.start:e.end] == e.text
    for e in find_events(texts[0], "en") + find_products(texts[0], THIRD_PARTY):
        assert texts[0][e.start:e.end] == e.text


def test_client_products_are_found_case_insensitively_and_with_common_misspellings() -> None:
    found = find_products("glucavo made me sick, GLUCAVIO PEN too", THIRD_PARTY)
    assert [e.text for e in found] == ["glucavo", "GLUCAVIO PEN"]
    assert "misspelling" in found[0].why


def test_dictionary_drugs_are_found_but_common_words_are_not() -> None:
    assert [e.text for e in find_products("started xarelto and tylenol", ScreenContext())] == ["xarelto", "tylenol"]
    assert find_products("my focus and relief, el cobre, das Eisen, modus operandi", ScreenContext()) == []


def test_text_folding_keeps_offsets_and_reads_accents_apostrophes_and_umlauts() -> None:
    text = "Náuseas, J\u2019AI des VERTIGES, Übelkeit"
    assert len(fold(text)) == len(text) and fold(text) == "nauseas, j'ai des vertiges, ubelkeit"
    assert {e.text for e in find_events("tengo nauseas y vomito", "es")} == {"nauseas", "vomito"}
    assert {e.text for e in find_events("Seit der Spritze Uebelkeit", "de")} == {"Uebelkeit"}


def test_the_lexicons_hold_hundreds_of_event_terms_per_language() -> None:
    sizes = lexicon_sizes()
    for language in ("en", "es", "fr", "de"):
        assert sizes[language]["event"] >= 300, language
        for kind in ("neg_pre", "hypothetical", "link", "first", "third", "serious", "special"):
            assert sizes[language][kind] > 0, (language, kind)


def test_the_engine_runs_the_adverse_event_family_after_phi() -> None:
    result = screen("Since I started Glucavio I've been so dizzy. Ended up in hospital for two nights.", OWNED)
    assert {"adverse_event", "serious"} <= set(result.labels)
    assert result.versions["adverse_event"].startswith("adverse-rules")


@pytest.mark.skipif(not SMM4H_DEV.exists(), reason="SMM4H 2020 data not present at ../shared/data (evaluation only)")
def test_rules_alone_on_smm4h_english_dev_keep_recall_072_at_precision_028() -> None:
    """A regression floor, not a target (issue 10 measures the whole engine): measured recall 0.732 at
    precision 0.289 once general statements with no patient stopped counting as reports (0.738 at 0.279
    before; 0.751 at 0.248 before vague words ("evil", "depressing") needed a patient or a link)."""
    labels: list[int] = []
    predicted: list[bool] = []
    with SMM4H_DEV.open(encoding="utf-8") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for row in reader:
            if len(row) < 4:
                continue
            text = row[3]
            language = detect_language(text)[0]
            labels.append(int(row[2]))
            predicted.append(analyse(text, ScreenContext(), language).positive)
    true_positive = sum(1 for y, p in zip(labels, predicted, strict=True) if y and p)
    recall = true_positive / sum(labels)
    precision = true_positive / max(1, sum(predicted))
    assert recall >= 0.72 and precision >= 0.28, f"recall {recall:.3f} precision {precision:.3f}"


@pytest.mark.skipif(not SMM4H_DEV_RU.exists(), reason="SMM4H 2020 data not present at ../shared/data (evaluation only)")
def test_rules_alone_on_smm4h_russian_dev_keep_recall_060_at_precision_025() -> None:
    """A regression floor: Russian read by stems and case endings measured recall 0.624 at precision 0.267
    (the engine found 1 Russian report in 280 before issue 10, 0.361 recall before this round)."""
    labels: list[int] = []
    predicted: list[bool] = []
    with SMM4H_DEV_RU.open(encoding="utf-8") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for row in reader:
            if len(row) < 3:
                continue
            text = row[1]
            labels.append(int(row[2]))
            predicted.append(analyse(text, ScreenContext(), detect_language(text)[0]).positive)
    true_positive = sum(1 for y, p in zip(labels, predicted, strict=True) if y and p)
    recall = true_positive / sum(labels)
    precision = true_positive / max(1, sum(predicted))
    assert recall >= 0.60 and precision >= 0.25, f"recall {recall:.3f} precision {precision:.3f}"
