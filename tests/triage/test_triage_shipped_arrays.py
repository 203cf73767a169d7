"""The shipped adverse-event model as plain arrays (``shipped/adverse_event.npz``): what a running
Carewatch loads instead of the ``.skops`` file, without importing scikit-learn or skops. It holds the
same model (terms, idf, weights, intercept, meta) and scores every text exactly as the ``.skops``
file read through scikit-learn does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from carewatch.triage import classifier, registry
from carewatch.triage.classifier import (
    LinearTextModel,
    UntrustedModelFile,
    normalise,
    shipped_arrays_path,
    shipped_path,
    word_ngrams,
)

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "carewatch" / "triage" / "data"
REBUILD = "rebuild them with `.venv/bin/python -m carewatch.triage.classifier`"


def _texts() -> list[str]:
    """Every post we have: the labelled, blind and written sets and the training posts (nine languages),
    each also in upper case, and pairs joined into long posts (scored chunk by chunk)."""
    texts: list[str] = []
    for path in (*sorted(DATA.glob("*.jsonl")), shipped_path().with_name("adverse_event.train.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(str(json.loads(line)["text"]))
    longer = [f"{a} {b} {a}" for a, b in zip(texts[::7], texts[3::7], strict=False)]
    return texts + [t.upper() for t in texts[::5]] + longer


@pytest.fixture(scope="module")
def models() -> tuple[LinearTextModel, LinearTextModel]:
    return LinearTextModel.load(shipped_path()), LinearTextModel.load(shipped_arrays_path())


def test_the_shipped_arrays_hold_the_shipped_model(models: tuple[LinearTextModel, LinearTextModel]) -> None:
    skops, arrays = models
    assert arrays.meta == skops.meta, f"the arrays are of another model: {REBUILD}"
    assert arrays.intercept == skops.intercept and np.array_equal(arrays.coef, skops.coef), REBUILD
    for (name, _, table), (other, _, expected) in zip(arrays._tables(), skops._tables(), strict=True):
        assert name == other and table == expected, REBUILD


def test_the_word_analyzer_gives_scikit_learns_n_grams() -> None:
    skops = LinearTextModel.load(shipped_path())
    for name, part in skops.vectorizer.transformer_list:
        if part.analyzer != "word":
            continue
        import re

        theirs = part.build_analyzer()
        pattern = re.compile(part.token_pattern)
        for text in _texts():
            clean = normalise(text)
            assert word_ngrams(clean, pattern, part.ngram_range) == theirs(clean), (name, text)
    for low, high in ((1, 1), (1, 3), (2, 2), (2, 4)):
        from carewatch.triage.classifier import build_part

        part = build_part("word", (low, high), r"(?u)\b\w+\b").fit(["a b c d e"])
        assert word_ngrams("one two three four", re.compile(r"(?u)\b\w+\b"), (low, high)) == \
            part.build_analyzer()("one two three four")


def test_the_arrays_score_every_text_as_the_skops_file_does(models: tuple[LinearTextModel, LinearTextModel]) -> None:
    skops, arrays = models
    texts = _texts()
    assert len(texts) > 4000
    differ = [t for t in texts if arrays.score_text(t) != skops.score_text(t)]
    assert differ == [], f"{len(differ)} of {len(texts)} texts score differently, e.g. {differ[:3]}"
    for text in texts[::50]:
        assert arrays.top_terms(text) == skops.top_terms(text)
    # And as scikit-learn's own transform (the training path) does, to float rounding.
    sample = texts[:300]
    assert np.allclose(arrays.score(sample), skops.score(sample), rtol=1e-6, atol=1e-9)
    assert np.allclose([skops.score_one(t) for t in sample], skops.score(sample), rtol=1e-5, atol=1e-7)


def test_the_running_desk_loads_the_arrays_without_importing_scikit_learn_or_skops() -> None:
    registry.clear_cache()
    try:
        model = registry.shipped()
        assert model is not None and model.version == LinearTextModel.load(shipped_path()).version
        assert type(model.vectorizer).__name__ == "_Unbuilt"
    finally:
        registry.clear_cache()
    code = (
        "import sys, django; django.setup()\n"
        "from carewatch.triage.registry import shipped\n"
        "model = shipped()\n"
        "assert model.score_text('после Glucavio у меня сильная головная боль и тошнота') > 0\n"
        "print(sorted(m for m in ('sklearn', 'skops', 'scipy') if m in sys.modules))\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "carewatch.settings_test", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_saving_the_shipped_model_writes_its_arrays_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = LinearTextModel.load(shipped_path())
    monkeypatch.setattr(classifier, "SHIPPED_DIR", tmp_path)
    model.save(tmp_path / "adverse_event.skops")
    copy = LinearTextModel.load(tmp_path / "adverse_event.npz")
    assert copy.meta == model.meta and copy._tables()[0][2] == model._tables()[0][2]
    text = "Since I started Lumetra I have had a horrible headache and nausea every day"
    assert copy.score_text(text) == model.score_text(text)
    other = tmp_path / "elsewhere.skops"
    model.save(other)
    assert not other.with_suffix(".npz").exists(), "only the shipped file gets arrays"


def test_an_arrays_file_that_needs_pickle_or_is_not_a_model_is_refused(tmp_path: Path) -> None:
    evil = tmp_path / "evil.npz"
    np.savez(evil, format=np.array(classifier.FORMAT), parts=np.array([{"x": 1}], dtype=object))
    with pytest.raises(UntrustedModelFile):
        LinearTextModel.load(evil)
    other = tmp_path / "other.npz"
    np.savez(other, format=np.array("something-else"))
    with pytest.raises(UntrustedModelFile):
        LinearTextModel.load(other)
    (tmp_path / "junk.npz").write_bytes(b"not a zip")
    with pytest.raises(UntrustedModelFile):
        LinearTextModel.load(tmp_path / "junk.npz")
