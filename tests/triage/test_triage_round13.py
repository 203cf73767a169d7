"""Round 13 of issue 10: blind14 folded in, the general causes behind its misses, and the decision policy of any
learned label added in the round.

Each sentence case is a concept in new words (written for this test by the Carewatch developers; not a data-set post):
what must be flagged and the hard negatives next to it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from carewatch.triage.detectors.phi import find_phi
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
