"""Round 14 of issue 10: blind15 folded in and trained on, and the general causes behind its misses.

Each sentence case is a concept in new words (written for this test by the Carewatch developers; not a data-set post):
what must be flagged and the hard negatives next to it.
"""

from __future__ import annotations

from carewatch.triage.learned_training import CAREFUL, TRAIN_SETS


def test_blind15_trains_every_label_as_blind14_does() -> None:
    assert "blind15" in TRAIN_SETS
    for label, sets in CAREFUL.items():
        assert ("blind15" in sets) == ("blind14" in sets), label
