"""The learned second opinions (issue 10, round 7): one linear model per label over one vocabulary, shipped as numpy
arrays, OR-ed with the rules under the guards of ``detectors/learned.py``; and the round's rule fixes (past events
asked about are not urgent). The sentences were written for these tests and are in no training set."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from carewatch.triage.context import ProductTerms, ScreenContext
from carewatch.triage.detectors.learned import LEARNED_LABELS, LearnedModels, decide, models, urgent_guard
from carewatch.triage.engine import screen
from carewatch.triage.learned_training import (
    CAREFUL,
    TEMPLATED,
    data_hash,
    learned_path,
    load_sets,
    load_templated,
    uses,
)

ROOT = Path(__file__).resolve().parents[2]
GLUCAVIO = ProductTerms("Glucavio", "semaglutide", ("glucavio pen", "Glucavio Daily"), ("type 2 diabetes",))


def owned(**extra: str) -> ScreenContext:
    return ScreenContext(products=(GLUCAVIO,), sponsorship="owned", extra=dict(extra))


def test_every_learned_label_is_shipped_as_arrays_over_one_vocabulary() -> None:
    learned = models()
    assert learned.labels == LEARNED_LABELS
    for label in LEARNED_LABELS:
        meta = learned.metas[label]
        assert meta["label"] == label
        assert 0.0 < meta["threshold"] <= meta["sure"] <= 1.0, meta


def test_the_meta_data_hash_is_the_hash_of_the_training_records() -> None:
    records = [r for r in load_sets() if "language_unscreened" not in r.get("labels", [])] + load_templated()
    for label in LEARNED_LABELS:
        rows = [r for r in records if uses(r, label)]
        expected = data_hash([str(r["text"]) for r in rows], [int(label in r["labels"]) for r in rows])
        assert models().metas[label]["data_hash"] == expected, label


def test_the_arrays_load_and_score_without_scikit_learn_or_pickle() -> None:
    code = (
        "import sys\n"
        "from carewatch.triage.detectors.learned import LearnedModels\n"
        "m = LearnedModels.load()\n"
        "s = m.scores('my chest is so tight and my left arm is numb right after my shot')\n"
        "assert set(s) == set(m.labels), s\n"
        "bad = [n for n in ('sklearn', 'skops') if n in sys.modules]\n"
        "assert not bad, bad\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120,
                         check=False)
    assert out.stdout.strip() == "ok", out.stderr


def test_a_learned_urgent_vote_fires_on_an_unseen_farewell_the_rules_miss() -> None:
    text = "up on the roof of the parking garage. I've hugged my kids one last time. sorry for everything"
    rules = screen(text, owned(learned="off"))
    both = screen(text, owned())
    assert "urgent" not in rules.labels
    assert "urgent" in both.labels
    assert any(f.detector == "learned" and f.label == "urgent" and f.positive for f in both.findings)


def test_a_learned_serious_vote_needs_an_adverse_event() -> None:
    learned = models()
    assert decide("serious", 0.99, learned, has_ae=False) == (False, "no adverse event")
    assert decide("serious", 0.99, learned, has_ae=True)[0]


def test_a_learned_urgent_vote_below_sure_needs_its_guard() -> None:
    learned = models()
    threshold = learned.threshold("urgent")
    sure = learned.threshold("urgent", "sure")
    between = (threshold + sure) / 2
    assert decide("urgent", between, learned, False, lambda: (False, "past")) == (False, "guard: past")
    assert decide("urgent", between, learned, False, lambda: (True, ""))[0]
    assert decide("urgent", max(sure, 0.999), learned, False, lambda: (False, "past"))[0]


def test_the_urgent_guard_refuses_past_asked_and_joking_posts() -> None:
    context = owned()
    assert urgent_guard("two years ago my dad had a seizure on another drug, he's fine now", context)[0] is False
    assert urgent_guard("can this pen cause a seizure?", context)[0] is False
    assert urgent_guard("gonna shoot you all down in ranked tonight lol", context)[0] is False
    assert urgent_guard("he's having a seizure right now on the kitchen floor", context)[0] is True


@pytest.mark.parametrize("text", [
    "After my last shot I got diarrhea and my heart was racing. Is that a known side effect?",
    "my neighbor who is on Glucavio collapsed at the grocery store yesterday",
    "My neighbor collapsed at the grocery store yesterday, she's on Glucavio. Could it be the pen?",
])
def test_past_events_asked_about_are_not_urgent(text: str) -> None:
    assert "urgent" not in screen(text, owned()).labels


@pytest.mark.parametrize("text", [
    "my neighbor just collapsed at the grocery store, she takes Glucavio, what do I do",
    "After my shot my heart is racing and I can't breathe right now, help",
    "since yesterday my throat keeps swelling shut after the pen, I can barely breathe",
])
def test_the_same_events_happening_now_stay_urgent(text: str) -> None:
    assert "urgent" in screen(text, owned()).labels


def test_an_everyday_farewell_with_no_danger_concept_is_left_to_the_rules() -> None:
    # The model leans to urgent (about 0.7, below ``sure``) but the urgent rules see no danger concept: the guard holds.
    text = "gave my dog to my sister this morning, she is moving to a bigger flat. thanks for everything"
    result = screen(text, owned())
    assert "urgent" not in result.labels


def test_a_veiled_goodbye_the_model_is_sure_of_is_urgent_without_a_danger_concept() -> None:
    # Before round 10 the model scored this about 0.85 and the guard held it back; trained on blind11's veiled goodbyes
    # it is sure (about 0.95), and a sure vote needs no guard. By the guideline it is urgent (a plan, pets given away).
    text = "gave my dog to my sister this morning and wrote the letters. tonight is the night, thanks for everything"
    result = screen(text, owned())
    assert "urgent" in result.labels


def test_turning_the_learned_opinions_off_leaves_the_rules_alone() -> None:
    text = "up on the roof of the parking garage. I've hugged my kids one last time. sorry for everything"
    result = screen(text, owned(learned="off"))
    assert not any(f.detector == "learned" for f in result.findings)


def test_a_scam_with_alarming_words_is_not_escalated_by_the_model() -> None:
    text = "URGENT!!! People are dying from Glucavio side effects, claim your compensation now at www.example.com"
    assert not {"urgent", "serious"} & set(screen(text, owned()).labels)


def test_the_model_files_name_only_our_own_sets() -> None:
    for label in LEARNED_LABELS:
        meta = json.loads(str(__import__("numpy").load(learned_path(label), allow_pickle=False)["meta"]))
        assert set(meta["sets"]) <= {*CAREFUL[label], TEMPLATED}
        assert isinstance(LearnedModels, type)


def _term_by_term(learned: LearnedModels, text: str) -> dict[str, float]:
    """The learned scores computed plainly: every n-gram of every part looked up, counted with ``np.unique``, the
    sublinear TF-IDF vector L2-normalised per part, highest-scoring chunk per label."""
    import math

    import numpy as np

    from carewatch.triage.classifier import chunk_text, normalise

    best: list[float] | None = None
    for chunk in chunk_text(text):
        clean = normalise(chunk)
        value = learned.intercepts.copy()
        for (analyze, table), idf, block in zip(learned.parts, learned.idfs, learned.weights, strict=True):
            found = np.array([table.get(term, -1) for term in analyze(clean)], dtype=np.int64)
            found = found[found >= 0]
            if not len(found):
                continue
            rows, counts = np.unique(found, return_counts=True)
            tfidf = (1.0 + np.log(counts)) * idf[rows]
            value += (tfidf / math.sqrt(float(tfidf @ tfidf))) @ block[rows]
        scores = [float(s) for s in 1.0 / (1.0 + np.exp(-np.clip(value, -700, 700)))]
        best = scores if best is None else [max(a, b) for a, b in zip(best, scores, strict=True)]
    assert best is not None
    return dict(zip(learned.labels, best, strict=True))


@pytest.mark.parametrize("text", [
    "my chest is so tight and my left arm is numb right after my shot",
    "nausea nausea nausea, the nausea again and again and again since the pen",  # terms counted more than once
    "Depuis Glucavio j'ai des vertiges   et\tdes nausées !!! 😵",
    "после Глюкавио у меня зуд и сыпь",
    "注射してから頭痛がひどくて、吐き気もあります。",
    "打针以后我一直头晕，还想吐。",
    "qqq zzzx",  # no known term of one part or both
    "",
    ("I started the pen in March. " * 12) + "Since Tuesday my throat keeps swelling shut and I can barely breathe.",
])
def test_the_learned_scores_are_those_of_a_term_by_term_computation(text: str) -> None:
    learned = LearnedModels.load()  # its own word cache: the first call fills it, the second reads it
    expected = _term_by_term(learned, text)
    assert learned.scores(text) == expected
    assert learned.scores(text) == expected
