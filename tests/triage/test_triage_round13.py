"""Round 13 of issue 10: blind14 folded in, the general causes behind its misses, and the decision policy of any
learned label added in the round.

Each sentence case is a concept in new words (written for this test by the Carewatch developers; not a data-set post):
what must be flagged and the hard negatives next to it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from carewatch.triage.context import ProductTerms, ScreenContext
from carewatch.triage.detectors.phi import find_phi
from carewatch.triage.engine import screen
from carewatch.triage.learned_training import CAREFUL, TRAIN_SETS

DATA = Path(__file__).resolve().parents[2] / "carewatch" / "triage" / "data"
# Fiction ranges (US 555-01xx, FR 06 39 98, UK drama 07700 900xxx) or numbers plainly padded with zeros.
PLACEHOLDER = re.compile(r"555[\s.-]?01\d\d|6[\s.]?39[\s.]?98|07700[\s]?900\d{3}|(?<!\d)000(?!\d)|0000")


def test_blind14_is_folded_in_with_placeholder_contact_details_only() -> None:
    rows = [json.loads(x) for x in (DATA / "blind14.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(rows) == 200 and {r["split"] for r in rows} == {"blind14"}
    assert {"en", "es", "fr", "de", "pt", "it", "ru", "ja", "zh"} <= {r["lang"] for r in rows}
    phones = [e.text for r in rows for e in find_phi(r["text"]) if e.type == "PHONE"]
    assert len(phones) >= 5
    for phone in phones:
        assert PLACEHOLDER.search(phone), phone
    for row in rows:
        for email in re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", row["text"]):
            assert re.search(r"@example\.[a-z]{2,3}$", email), email
    assert "blind14.jsonl" in (DATA / "README.md").read_text(encoding="utf-8")


def test_blind14_trains_every_label_as_blind13_does() -> None:
    assert "blind14" in TRAIN_SETS
    for label, sets in CAREFUL.items():
        assert ("blind14" in sets) == ("blind13" in sets), label


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
