from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from carewatch.cli import main
from carewatch.inbox.models import Case, Priority
from carewatch.triage.context import ProductTerms, ScreenContext
from carewatch.triage.detectors.language import detect_language
from carewatch.triage.detectors.phi import find_phi
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
