"""Round 11 of issue 10: blind12 folded in, and the patterns behind its misses (complaints, adverse events, inquiries,
spam, urgent, serious precision) as concepts in the nine screened languages.

Each case is a concept in new words (written for this test by the Carewatch developers; not a data-set post): what
must be flagged and the hard negatives next to it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from carewatch.triage.context import ProductTerms, ScreenContext
from carewatch.triage.detectors.phi import find_phi
from carewatch.triage.engine import screen

DATA = Path(__file__).resolve().parents[2] / "carewatch" / "triage" / "data"
GLUCAVIO = ProductTerms("Glucavio", "semaglutide", ("glucavio pen", "Glucavio Daily", "Глюкавио", "グルカビオ", "格鲁卡维奥"),
                        ("type 2 diabetes",))
DERMAVEX = ProductTerms("Dermavex", "dervalimab", ("Дермавекс", "デルマベックス", "德玛维克斯"),
                        ("rheumatoid arthritis", "plaque psoriasis"))
# Fiction ranges (US 555-01xx, FR 06 39 98, UK drama 07700 900xxx) or numbers plainly padded with zeros.
PLACEHOLDER = re.compile(r"555[\s.-]?01\d\d|6[\s.]?39[\s.]?98|07700[\s]?900\d{3}|(?<!\d)000(?!\d)|0000")


def owned(product: ProductTerms = GLUCAVIO) -> ScreenContext:
    return ScreenContext(products=(product,), sponsorship="owned")


def test_blind12_is_folded_in_with_placeholder_contact_details_only() -> None:
    rows = [json.loads(x) for x in (DATA / "blind12.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(rows) == 260 and {r["split"] for r in rows} == {"blind12"}
    assert {"en", "es", "fr", "de", "pt", "it", "ru", "ja", "zh"} <= {r["lang"] for r in rows}
    phones = [e.text for r in rows for e in find_phi(r["text"]) if e.type == "PHONE"]
    assert len(phones) >= 10
    for phone in phones:
        assert PLACEHOLDER.search(phone), phone
    for row in rows:
        for email in re.findall(r"[\w.+-]+@[\w.-]+", row["text"]):
            assert re.search(r"@example\.(?:com|net|org|fr|de|es)$", email), email
    assert "blind12.jsonl" in (DATA / "README.md").read_text(encoding="utf-8")
