from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from carewatch.cli import main
from carewatch.inbox.models import Case, Priority
from carewatch.triage.context import ProductTerms, ScreenContext
from carewatch.triage.detectors.language import detect_language
from carewatch.triage.detectors.phi import RULES, _candidate_rules, find_phi
from carewatch.triage.detectors.sentiment import sentiment
from carewatch.triage.engine import screen
from tests.conftest import MentionFactory


@pytest.mark.parametrize("text,expected", [
    ("I started the new pen last week and I feel much better already", "en"),
    ("Empecé el tratamiento la semana pasada y me siento mareada", "es"),
    ("J'ai des vertiges depuis que je prends ce médicament", "fr"),
    ("Seit ich das Medikament nehme, habe ich starke Kopfschmerzen", "de"),
    ("ok 👍", "und"),
])
def test_the_language_is_detected_offline_and_short_text_is_undetermined(text: str, expected: str) -> None:
    assert detect_language(text)[0] == expected


@pytest.mark.parametrize("text,kind,value", [
    ("call me at (555) 014-2231 please", "PHONE", "(555) 014-2231"),
    ("email me: pat.k@example.com", "EMAIL", "pat.k@example.com"),
    ("my SSN is 536-22-8726", "SSN", "536-22-8726"),
    ("social security ends in 4471", "SSN", "4471"),
    ("DOB: March 4, 1958", "DOB", "March 4, 1958"),
    ("I live at 1420 Maple Grove Ave in town", "ADDRESS", "1420 Maple Grove Ave"),
    ("Springfield, IL 62704", "ZIP", "62704"),
    ("MRN: A00412398", "MRN", "A00412398"),
    ("member ID XJH884512993", "MEMBER_ID", "XJH884512993"),
    ("my medicare card 1EG4-TE5-MK73", "MBI", "1EG4-TE5-MK73"),
    ("Rx #4829103 still not filled", "RX_NUMBER", "4829103"),
    ("account number: 99812345", "ACCOUNT", "99812345"),
    ("logged from 192.168.14.7", "IP", "192.168.14.7"),
    ("see facebook.com/jane.doe.771", "URL", "facebook.com/jane.doe.771"),
    ("my grandmother is 94 years old", "AGE_OVER_89", "94"),
    ("My name is Maria Lopez and", "NAME", "Maria Lopez"),
    ("Mi madre, Carmen Ruiz, está mal", "NAME", "Carmen Ruiz"),
])
def test_each_hipaa_identifier_is_found_with_its_span(text: str, kind: str, value: str) -> None:
    entities = find_phi(text)
    assert (kind, value) in [(e.type, e.text) for e in entities]
    for e in entities:
        assert text[e.start:e.end] == e.text


@pytest.mark.parametrize("text", [
    "I'm on Ozempic and Xarelto now",
    "I am Glucavio user since May",
    "He took 90 mg twice a day",
    "I am so frustrated with this pharmacy",
    "Lot 4F82K, the pen is broken",
])
def test_drug_names_doses_and_plain_words_are_not_phi(text: str) -> None:
    context = ScreenContext(products=(ProductTerms("Glucavio", "semaglutide"),))
    assert find_phi(text, context) == []


LABELLED = Path(__file__).resolve().parents[2] / "carewatch" / "triage" / "data" / "labelled.jsonl"
PREFILTER_EXTRA = [
    "ſſn ends in 4471", "SOCIAL SECURITY NUMBER 536-22-8726", "CALL ME 555 201 3344", "Mr. Hannah Lee called",
    "MY NAME IS Maria Lopez", "MEIN NAME IST Anna Schmidt", "Hauptstraße 12, 10115 Berlin", "PO BOX 12",
    "12 RUE de la Paix", "+44 20 7946 0958", "4111 1111 1111 1111", "Jane Doe here", "(93) in the ER",
    "DATE OF BIRTH: 03/04/1931", "admitted March 3rd", "Medicare ABCD-EFG-HIJK", "https://x.test/p?id=77",
]


def test_the_phi_prefilter_never_skips_a_rule_that_would_find_something() -> None:
    """The cue/digit prefilter is a necessary condition: every rule with a match (that passes its
    check) on the labelled set, its upper/lower/title-case variants and tricky cases is run."""
    texts = [json.loads(x)["text"] for x in LABELLED.read_text(encoding="utf-8").splitlines() if x.strip()]
    texts += PREFILTER_EXTRA
    texts += [v for t in list(texts) for v in (t.upper(), t.lower(), t.title())]
    matched = 0
    for text in texts:
        run = {id(rule) for rule in _candidate_rules(text)}
        for rule in RULES:
            hits = [m for m in rule.pattern.finditer(text) if m.span(rule.group)[0] >= 0
                    and (rule.check is None or rule.check(text[slice(*m.span(rule.group))]))]
            if hits and (rule.needs is None or rule.needs.search(text)):
                matched += 1
                assert id(rule) in run, (rule.type, rule.pattern.pattern[:60], text)
    assert matched > 500  # the check saw real matches of most rules
    assert not _candidate_rules("thank you so much, this helped a lot")  # and skips rules on plain text


def test_the_shipped_drug_dictionary_is_the_installed_package_s_reduced() -> None:
    """The small file triage reads instead of importing the 325 MB package matches the package."""
    from carewatch.triage.lexicons import drug_dictionary

    fresh = drug_dictionary.build()
    shipped = drug_dictionary.load()
    assert shipped["source"] == fresh["source"]
    assert [tuple(row) for row in shipped["rows"]] == fresh["rows"]
    assert ("ziagen", "abacavir", True) in drug_dictionary.rows()


def test_sentiment_is_scored_in_english_and_the_other_languages() -> None:
    assert sentiment("This is terrible, I am so disappointed", "en").label == "negative"
    assert sentiment("Gracias, excelente servicio", "es").label == "positive"
    assert sentiment("C'est pas terrible", "fr").label in ("positive", "neutral")
    assert sentiment("Unzumutbar und schrecklich", "de").label == "negative"


def test_the_contract_carries_id_language_labels_scores_evidence_phi_and_sentiment() -> None:
    result = screen("My name is Maria Lopez and my DOB is 03/14/1961").as_contract("x1")
    assert set(result) >= {"id", "language", "labels", "scores", "evidence", "phi", "sentiment"}
    assert result["id"] == "x1" and result["labels"] == ["phi"]
    assert {e["text"] for e in result["evidence"]["phi"]} == {"Maria Lopez", "03/14/1961"}


def test_new_mentions_are_screened_in_the_pipeline_and_the_case_gets_the_label(northwind: Any, make_mention: MentionFactory) -> None:
    mention = make_mention(northwind, "Please call me at 555-014-2231, my son needs help", language="")
    mention.refresh_from_db()
    assert mention.labels == ["phi"] and mention.language == "en" and mention.triaged_at is not None
    assert mention.triage["phi"][0]["type"] == "PHONE"
    case = Case.objects.get(pk=mention.case_id)
    assert [t.name for t in case.tags.all()] == ["phi"] and case.tags.get().kind == "label"
    assert case.priority == Priority.HIGH


def test_triage_run_reads_jsonl_and_csv_and_reports_bad_lines(db: Any, tmp_path: Any) -> None:
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text('{"id": 7, "text": "reach me at pat@example.com"}\n[1]\n{"text": "hello there friend of mine"}\n')
    result = CliRunner().invoke(main, ["triage", "run", str(jsonl)])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 2 and "line 2: a record must be a JSON object" in result.stderr
    assert [x["id"] for x in lines] == [7, 3] and lines[0]["labels"] == ["phi"]
    table = tmp_path / "in.csv"
    table.write_text('id,text,products\nc1,"I take Glucavio, call 555-014-2231",Glucavio\n')
    result = CliRunner().invoke(main, ["triage", "run", str(table), "--format", "csv"])
    assert result.exit_code == 0 and json.loads(result.stdout)["phi"][0]["type"] == "PHONE"
