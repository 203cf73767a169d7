"""Training the learned second opinions (``detectors/learned.py``) on our own hand-written sets.

One linear TF-IDF model per label (``LEARNED_LABELS``): word 1-2-grams and char_wb 2-5-grams (the char n-grams
read Japanese, Chinese and Russian without a segmenter or a stemmer) of the normalised text, logistic regression
with balanced classes. Trained only on the hand-written sets of ``data/`` (``TRAIN_SETS``; AGPL, ours; never
``../shared/data``, PsyTAR, ADE-Corpus-V2, CADEC or SMM4H). A label is learned only from the sets that assigned
it with care (``CAREFUL``): the development sets of rounds 4-6 labelled only some labels carefully.

Thresholds are not chosen on in-sample scores: ``leave_one_set_out`` trains on every set but one and scores that
one, for each set; ``bench/triage_learned.py`` chooses the thresholds and guards on those scores and reports them.

Rebuild the shipped arrays (scikit-learn is needed here, never when screening)::

    .venv/bin/python -m carewatch.triage.learned_training

which writes ``shipped/learned_<label>.npz`` for each label with the thresholds in ``THRESHOLDS``. Note that the
shipped models use every set: from round 7 on, none of them is blind to the engine.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from carewatch.triage.classifier import _SENTENCES as SENTENCES
from carewatch.triage.classifier import NORMALISER, SHIPPED_DIR, LinearTextModel, build_part, normalise
from carewatch.triage.training import data_hash

DATA_DIR = Path(__file__).resolve().parent / "data"
TRAIN_SETS = ("labelled", "blind", "blind5", "blind6", "blind7", "blind8", "blind9", "blind10", "blind11", "blind12",
              "blind13", "blind14", "blind15", "blind16", "blind17", "dev10", "dev11", "dev12", "probe10")
LEARNED_LABELS = ("urgent", "serious", "adverse_event", "product_complaint", "spam")
# Tried and not shipped (CAREFUL keeps their sets; bench/triage_learned.py --labels evaluates them): off-label (no
# threshold reached a precision of 0.95 with any gain on blind7, 0.645 either way). Product complaints were tried in
# round 7 and not shipped (blind7 0.645 -> 0.742 at 0.55, but a Spanish price question, "¿Dónde compro la pluma más
# barata?", scored 0.79); round 12 tried them again on sixteen sets and ships them (on owned and paid channels only,
# detectors/learned.complaint_guard, no price or purchase): leave-one-set-out, the model's own votes reach P 0.99
# R 0.71 at 0.65 pooled, and on blind13 main's rules (never tuned on it) with the out-of-set model go from R 0.57 to
# 0.70 at P 0.94 (bench/README.md, twelfth round). Round 13 tried special situations (owned or paid channels only,
# detectors/learned.special_guard) and medical inquiries again (a question, no price, purchase, app, delivery or
# lawyer's advert: inquiry_guard) on seventeen sets: pooled out-of-set, rules with the model went from P 0.77 R 0.87
# to P 0.73 R 0.88 (special) and from P 0.88 R 0.92 to P 0.85 R 0.95 (inquiry; at a 0.93 floor, one post more):
# neither reached its floor (0.85, 0.88) with a gain; not shipped (bench/README.md, thirteenth round).
# Round 15 (eighteen sets, blind16 added) tried all three again with spam: special situations (pooled out-of-set P 0.77
# R 0.84 -> P 0.73 R 0.88) and medical inquiries (P 0.89 R 0.90 -> P 0.85 R 0.95) still lose precision for their recall;
# not shipped. Spam is shipped (a vote counts only on a post not urgent: detectors/learned.decide).
TRIED_LABELS = ("off_label", "special_situation", "medical_inquiry")
# The sets that assigned each label with care (data/README.md): dev10 and dev12 are partial for complaints,
# dev12 also for off-label; blind8 and blind11 were written for urgent and serious (their other labels are sparse:
# blind11 has 3 complaints and 6 off-label posts) but their authors labelled adverse events too. blind10, blind12
# (round 11), blind13 (round 12), blind14 (round 13), blind15 (round 14), blind16 (round 15) and blind17 (round 16, read
# and trained on as blind16) are full eleven-label blind sets.
CAREFUL: dict[str, frozenset[str]] = {
    "urgent": frozenset(TRAIN_SETS),
    "serious": frozenset(TRAIN_SETS),
    "adverse_event": frozenset(TRAIN_SETS),
    "product_complaint": frozenset(TRAIN_SETS) - {"dev10", "dev12", "blind8", "blind11"},
    "off_label": frozenset(TRAIN_SETS) - {"dev12", "blind8", "blind11"},
    # Round 12, evaluated only (bench/triage_learned.py --labels medical_inquiry,spam): the sets as for complaints.
    "medical_inquiry": frozenset(TRAIN_SETS) - {"dev10", "dev12", "blind8", "blind11"},
    "spam": frozenset(TRAIN_SETS) - {"dev10", "dev12", "blind8", "blind11"},
    # Round 13, evaluated only (bench/triage_learned.py --labels special_situation): the sets as for complaints.
    "special_situation": frozenset(TRAIN_SETS) - {"dev10", "dev12", "blind8", "blind11"},
}
# The templated set (data/written.jsonl, adverse event 1/0, nine languages) teaches vocabulary and hard negatives
# ("lol kill me", adverts, prices, everyday posts), not real phrasing: it is always in training (never held out or
# scored), with a lower weight, and only for the labels it can speak for (on leave-one-set-out scores it helped
# adverse events and off-label, and hurt urgent).
TEMPLATED = "written"
TEMPLATED_LABELS = frozenset({"adverse_event", "off_label"})  # off_label: only when it is trained (bench)
TEMPLATED_WEIGHT = 0.5
WORDS = r"(?u)[@#]?\b\w[\w']*\b|[^\w\s]"
C = 16.0
PADDED = 0.3  # share of the hand-written training posts also trained on padded with everyday sentences
SEED = 7
# Chosen by bench/triage_learned.py on the leave-one-set-out scores (never on in-sample scores): the model's
# vote counts when its score reaches ``threshold`` and the guard of detectors/learned.py holds, or reaches
# ``sure`` (no guard). From the last line of the bench run of the frozen version (bench/README.md, eighth round:
# blind9 added; re-chosen in round 10 with blind10 and blind11 added, and in round 11 with blind12: unchanged; in
# round 12 with blind13 the bench printed serious 0.525, one grid step lower, and 0.55 was kept: blind13's
# out-of-set serious precision is already 0.65 with the model, and the step was not evaluated further). Round 13,
# blind14 added: see bench/README.md, thirteenth round (product complaint printed 0.675; 0.65 kept). Round 14, blind15
# added: the bench printed the same four thresholds as round 13 (complaint 0.675; 0.65 kept at first, then 0.675
# shipped: the retrained model gave a travel question, "Can I travel abroad with the pen in my luggage?", 0.66; no data
# set's label changes at 0.675).
THRESHOLDS: dict[str, dict[str, float]] = {
    "urgent": {"threshold": 0.3, "sure": 0.85},
    "serious": {"threshold": 0.55, "sure": 1.0},
    "adverse_event": {"threshold": 0.3, "sure": 1.0},
    # Round 12: the bench's floor (0.98 on the model's own votes) chose 0.575; 0.65 has the same pooled out-of-set
    # recall with rules + model (0.949) and two false alarms fewer, and keeps the price questions further below.
    "product_complaint": {"threshold": 0.675, "sure": 1.0},
    # Round 15: spam, chosen by the bench at a 0.99 floor on the model's own out-of-set votes (0.6: P 0.99 R 0.85);
    # pooled out-of-set, rules -> rules + model P 1.000 R 0.850 -> P 0.988 R 0.952 (bench/README.md, round 15).
    "spam": {"threshold": 0.6, "sure": 1.0},
}

def load_sets(names: Sequence[str] = TRAIN_SETS) -> list[dict[str, Any]]:
    """Every record of the named sets, each with ``set`` = the file's name."""
    out: list[dict[str, Any]] = []
    for name in names:
        path = DATA_DIR / f"{name}.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                record["set"] = name
                out.append(record)
    return out


def load_templated() -> list[dict[str, Any]]:
    """``written.jsonl`` as records (set ``written``): labels ``["adverse_event"]`` or ``[]``."""
    out: list[dict[str, Any]] = []
    path = DATA_DIR / f"{TEMPLATED}.jsonl"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if line.strip():
            row = json.loads(line)
            out.append({"id": f"written-{number}", "text": row["text"], "lang": row["lang"], "set": TEMPLATED,
                        "labels": ["adverse_event"] if int(row["label"]) else [], "kind": row.get("kind", "")})
    return out


def record_context(record: dict[str, Any]) -> Any:
    """The screening context of a record: its channel and its client's products from ``products.json``."""
    from carewatch.triage.context import ProductTerms, ScreenContext

    catalogue = json.loads((DATA_DIR / "products.json").read_text(encoding="utf-8"))["products"]
    terms = []
    for name in record.get("products") or []:
        spec = catalogue.get(str(name), {})
        terms.append(ProductTerms(str(name), str(spec.get("generic", "")), tuple(spec.get("aliases", ())),
                                  tuple(spec.get("indications", ())), spec.get("min_age"), spec.get("max_age")))
    return ScreenContext(products=tuple(terms), sponsorship=str(record.get("sponsorship") or ""))


def padded(records: Sequence[dict[str, Any]], templated: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Copies of ``PADDED`` of the hand-written records, same labels, with one to three everyday sentences of their
    language (from the templated set's everyday posts) before or after: the hand-written reports are longer and
    have more sentences than the hand-written negatives, and without this a paragraph about a cat and a bakery
    scored like a report. As in ``written.jsonl``, padding is in both classes, so length carries no signal."""
    import random

    everyday: dict[str, list[str]] = {}
    for row in templated:
        if row.get("kind") == "neutral":
            for sentence in chunk_sentences(str(row["text"])):
                everyday.setdefault(str(row["lang"]), []).append(sentence)
    rng = random.Random(SEED)
    out: list[dict[str, Any]] = []
    for r in records:
        pool = everyday.get(str(r.get("lang")), [])
        if r["set"] == TEMPLATED or not pool or rng.random() >= PADDED:
            continue
        extra = " ".join(rng.sample(pool, min(len(pool), rng.randint(1, 3))))
        text = f"{extra} {r['text']}" if rng.random() < 0.5 else f"{r['text']} {extra}"
        out.append({**r, "id": f"{r['id']}-padded", "text": text, "padded": True})
    return out


def chunk_sentences(text: str) -> list[str]:
    return [m.group().strip() for m in SENTENCES.finditer(text) if m.group().strip()]


def uses(record: dict[str, Any], label: str) -> bool:
    """Whether ``label``'s model trains on ``record``: a set that labelled it with care, the templated set for its
    labels, and for every label the templated set's everyday posts (no medicine, nothing to flag: without them,
    long everyday paragraphs scored like the long reports of the hand-written sets)."""
    if record["set"] == TEMPLATED:
        return label in TEMPLATED_LABELS or record.get("kind") == "neutral"
    return record["set"] in CAREFUL[label]


def fit_all(records: Sequence[dict[str, Any]], labels: Sequence[str] = LEARNED_LABELS,
            meta: dict[str, dict[str, Any]] | None = None) -> dict[str, LinearTextModel]:
    """Every label's model over ONE vocabulary (TF-IDF word 1-2-grams + char_wb 2-5-grams fitted on every
    screened-language record), so the detector counts a post's n-grams once for all labels; per label, logistic
    regression with balanced classes on the records of the sets that labelled it with care."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion

    templated = load_templated()
    usable = [r for r in records if "language_unscreened" not in r.get("labels", [])] + templated
    usable += padded(usable, templated)
    vectorizer = FeatureUnion([("words", build_part("word", (1, 2), WORDS, 1)),
                               ("chars", build_part("char_wb", (2, 5), WORDS, 2))])
    features = vectorizer.fit_transform([normalise(str(r["text"])) for r in usable])
    out: dict[str, LinearTextModel] = {}
    for label in labels:
        rows = [i for i, r in enumerate(usable) if uses(r, label)]
        y = np.asarray([int(label in usable[i].get("labels", [])) for i in rows], dtype=np.int_)
        weight = np.asarray([TEMPLATED_WEIGHT if usable[i]["set"] == TEMPLATED else 1.0 for i in rows])
        balance = {v: len(y) / (2.0 * max(int((y == v).sum()), 1)) for v in (0, 1)}
        weight = weight * np.asarray([balance[int(v)] for v in y])
        model = LogisticRegression(C=C, max_iter=3000)
        model.fit(features[rows], y, sample_weight=weight)
        coef = np.asarray(model.coef_, dtype=np.float32).ravel()
        texts = [str(usable[i]["text"]) for i in rows if not usable[i].get("padded")]
        hashed = [int(label in usable[i].get("labels", [])) for i in rows if not usable[i].get("padded")]
        full_meta = {"label": label, "normaliser": NORMALISER, "records": len(rows), "positives": int(y.sum()),
                     "data_hash": data_hash(texts, hashed), "padded": PADDED, "C": C, **((meta or {}).get(label, {}))}
        out[label] = LinearTextModel(vectorizer, coef, float(model.intercept_[0]), full_meta)
    return out


def leave_one_set_out(records: Sequence[dict[str, Any]], held: Sequence[str] = TRAIN_SETS,
                      labels: Sequence[str] = LEARNED_LABELS) -> dict[str, dict[str, float]]:
    """{label: {record id: score}} where every record of set X is scored by models trained on every other set."""
    out: dict[str, dict[str, float]] = {label: {} for label in labels}
    for name in held:
        fitted = fit_all([r for r in records if r["set"] != name], labels)
        for r in records:
            if r["set"] == name:
                for label in labels:
                    out[label][r["id"]] = fitted[label].score_text(str(r["text"]))
    return out


def learned_path(label: str) -> Path:
    return SHIPPED_DIR / f"learned_{label}.npz"


def build(labels: Sequence[str] = LEARNED_LABELS) -> list[Path]:
    """Train each label on every set and write its arrays (one shared vocabulary) with the chosen thresholds."""
    created = datetime.now(UTC).replace(microsecond=0).isoformat()
    written: list[Path] = []
    for label, model in fit_all(load_sets(), labels).items():
        model.meta.update({"version": f"learned-{label}-{str(model.meta['data_hash'])[:8]}", "created": created,
                           "sets": sorted(CAREFUL[label] | ({TEMPLATED} if label in TEMPLATED_LABELS else set())),
                           "source": "carewatch/triage/data hand-written sets (AGPL-3.0-or-later)",
                           **THRESHOLDS[label]})
        model.save_arrays(learned_path(label))
        written.append(learned_path(label))
    return written


if __name__ == "__main__":
    for path in build():
        print(path)
