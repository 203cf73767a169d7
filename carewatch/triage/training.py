"""Training a ``LinearTextModel``: reading labelled files, cross-validated fitting, thresholds.

The recipe (measured on SMM4H 2020 Task 2; see bench/triage.py):

- text normalised by ``classifier.normalise`` (URLs, @handles, repeated letters), plus one token
  per finding of the adverse-event rules (``classifier.rule_tokens``: event words and their status,
  product, link, patient; ``TrainConfig.rule_features``): on SMM4H 2020 EN this raised the
  cross-validated F1 on train from 0.567 to 0.598 and dev F1 from 0.551 to 0.559;
- TF-IDF word 1-2-grams + char_wb 2-5-grams, sublinear tf;
- two linear members, both ``LogisticRegression(class_weight="balanced", C=10)``: one on the TF-IDF
  features, one on NB-weighted features (the log-count ratio of each feature, as in NBSVM);
- each member is fitted on every cross-validation fold; the final model is the average of the fold
  models (so the thresholds chosen on the out-of-fold scores are thresholds of models like the one
  shipped, not of a model fitted on more data), members z-scaled by their out-of-fold scores, then
  Platt-scaled on the out-of-fold scores. All linear: it folds into one weight vector;
- ``threshold`` maximises F1 out of fold; ``high_recall_threshold`` is the highest threshold whose
  out-of-fold recall is at least ``recall_target`` (0.90).
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from carewatch.triage.classifier import (
    NORMALISER,
    RULES_NORMALISER,
    LinearTextModel,
    build_part,
    normalise,
    rule_tokens,
)

TOKENS = r"(?u)[@#]?\b\w[\w']*\b|[^\w\s]"  # words, @user, #tags, and punctuation/emoji as tokens
TRUE_WORDS = frozenset({"1", "true", "yes", "y", "pos", "positive", "confirmed", "ae", "t"})
FALSE_WORDS = frozenset({"0", "false", "no", "n", "neg", "negative", "dismissed", "f", "", "none"})


class TrainingError(Exception):
    pass


@dataclass(frozen=True)
class TrainConfig:
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    min_df: int = 2  # 1 for data sets under 500 records
    C: float = 10.0
    members: tuple[str, ...] = ("lr", "lr_nb")
    folds: int = 5
    recall_target: float = 0.90
    seed: int = 0
    rule_features: bool = True  # add the adverse-event rules' findings as tokens (RULES_NORMALISER)


# ---------------------------------------------------------------------------- reading data
def is_positive(value: Any, label: str) -> bool:
    """Whether a label field's value says "this record is ``label``".

    Accepts 1/0, true/false, yes/no, the label's own name, or a list of label names."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value > 0
    if isinstance(value, list | tuple | set):
        return label in value
    if isinstance(value, dict):
        return is_positive(value.get(label, False), label)
    word = str(value).strip().lower()
    if word in TRUE_WORDS or word == label.lower():
        return True
    if word in FALSE_WORDS:
        return False
    return label.lower() in {w.strip() for w in word.replace("|", ",").split(",")}


def file_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".tsv", ".tab", ".txt"):
        return "tsv"
    if suffix == ".csv":
        return "csv"
    return "jsonl"


def read_records(path: Path, text_field: str, label_field: str) -> Iterator[tuple[str, Any]]:
    """(text, raw label value) per record of a TSV (header row, no quoting), CSV or JSONL file."""
    fmt = file_format(path)
    with path.open(encoding="utf-8", newline="") as handle:
        if fmt in ("tsv", "csv"):
            csv.field_size_limit(sys.maxsize)
            reader = (csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE) if fmt == "tsv"
                      else csv.DictReader(handle))
            fields = reader.fieldnames or []
            # Default field names fall back to the SMM4H columns (tweet, class), so its files work as they are.
            if text_field == "text" and "text" not in fields and "tweet" in fields:
                text_field = "tweet"
            if label_field == "label" and "label" not in fields and "class" in fields:
                label_field = "class"
            for needed in (text_field, label_field):
                if needed not in fields:
                    raise TrainingError(f"{path.name}: no column {needed!r} (columns: {', '.join(fields)})")
            for row in reader:
                text = row.get(text_field)
                if text is None:
                    continue
                yield text, row.get(label_field)
            return
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise TrainingError(f"{path.name} line {number}: not valid JSON ({exc.msg})") from exc
            if not isinstance(record, dict) or not isinstance(record.get(text_field), str):
                raise TrainingError(f"{path.name} line {number}: needs a string field {text_field!r}")
            yield record[text_field], record.get(label_field)


def load_labelled(path: Path, text_field: str, label_field: str, label: str) -> tuple[list[str], list[int]]:
    texts: list[str] = []
    labels: list[int] = []
    for text, value in read_records(path, text_field, label_field):
        texts.append(text)
        labels.append(int(is_positive(value, label)))
    return texts, labels


def data_hash(texts: Sequence[str], labels: Sequence[int]) -> str:
    """SHA-256 of the training records, independent of their order."""
    digest = hashlib.sha256()
    for line in sorted(f"{y}\t{t}" for t, y in zip(texts, labels, strict=True)):
        digest.update(line.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


# ---------------------------------------------------------------------------- fitting
def _vectorizer(config: TrainConfig, n_records: int) -> Any:
    from sklearn.pipeline import FeatureUnion

    min_df = config.min_df if n_records >= 500 else 1
    return FeatureUnion([("words", build_part("word", config.word_ngrams, TOKENS, min_df)),
                         ("chars", build_part("char_wb", config.char_ngrams, TOKENS, min_df))])


def _nb_ratio(features: Any, y: npt.NDArray[np.int_], alpha: float = 1.0) -> npt.NDArray[np.float64]:
    present = features.copy()
    present.data[:] = 1.0
    pos = alpha + np.asarray(present[y == 1].sum(axis=0)).ravel()
    neg = alpha + np.asarray(present[y == 0].sum(axis=0)).ravel()
    return np.asarray(np.log((pos / pos.sum()) / (neg / neg.sum())), dtype=np.float64)


def _fit_member(kind: str, features: Any, y: npt.NDArray[np.int_], config: TrainConfig) -> tuple[
        npt.NDArray[np.float64], float]:
    """(weights over the raw TF-IDF features, intercept) of one member fitted on ``features``."""
    from sklearn.linear_model import LogisticRegression

    ratio = _nb_ratio(features, y) if kind == "lr_nb" else None
    design = features.multiply(ratio.reshape(1, -1)).tocsr() if ratio is not None else features
    model = LogisticRegression(class_weight="balanced", C=config.C, max_iter=3000)
    model.fit(design, y)
    weights = np.asarray(model.coef_, dtype=np.float64).ravel()
    if ratio is not None:
        weights = weights * ratio
    return weights, float(model.intercept_[0])


def _margin(scores: npt.NDArray[np.float64], at: float) -> float:
    """A threshold just under ``at``: halfway (in log-odds) to the next lower score, so that the texts
    scoring ``at`` stay above it with a margin instead of sitting on the edge."""
    lower = scores[scores < at]
    if len(lower) == 0:
        return at
    def logit(p: float) -> float:
        p = min(max(p, 1e-12), 1 - 1e-12)
        return float(np.log(p / (1 - p)))
    middle = (logit(at) + logit(float(lower.max()))) / 2
    return float(1.0 / (1.0 + np.exp(-middle)))


def best_f1_threshold(y: npt.NDArray[np.int_], scores: npt.NDArray[np.float64]) -> float:
    from sklearn.metrics import precision_recall_curve

    precision, recall, thresholds = precision_recall_curve(y, scores)
    f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
    return _margin(scores, float(thresholds[int(np.argmax(f1[:-1]))]))


def recall_threshold(y: npt.NDArray[np.int_], scores: npt.NDArray[np.float64], target: float) -> float:
    """Just under the highest threshold whose recall is at least ``target``."""
    positives = np.sort(scores[y == 1])[::-1]
    if len(positives) == 0:
        return 0.5
    needed = max(1, int(np.ceil(target * len(positives))))
    return _margin(scores, float(positives[needed - 1]))


def counts(y: Iterable[int], predicted: Iterable[bool]) -> dict[str, int]:
    tp = fp = fn = tn = 0
    for truth, guess in zip(y, predicted, strict=True):
        if truth and guess:
            tp += 1
        elif guess:
            fp += 1
        elif truth:
            fn += 1
        else:
            tn += 1
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn}


def prf(c: dict[str, int]) -> dict[str, float]:
    precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def metrics_at(y: Sequence[int], scores: npt.NDArray[np.float64], threshold: float) -> dict[str, Any]:
    c = counts(y, [bool(s >= threshold) for s in scores])
    return {**prf(c), **c, "threshold": round(threshold, 6)}


def fit(texts: Sequence[str], labels: Sequence[int], label: str = "adverse_event", *,
        languages: Sequence[str] = (), config: TrainConfig | None = None, version: str = "",
        source: str = "") -> LinearTextModel:
    """Train, choose both thresholds out of fold, and return the model with its metrics."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score, roc_auc_score
    from sklearn.model_selection import StratifiedKFold

    config = config or TrainConfig()
    started = time.monotonic()
    y = np.asarray(labels, dtype=np.int_)
    n_pos, n_neg = int(y.sum()), int(len(y) - y.sum())
    if n_pos < 2 or n_neg < 2:
        raise TrainingError(f"need at least 2 positive and 2 negative records (have {n_pos} and {n_neg})")
    folds = min(config.folds, n_pos, n_neg)
    language = languages[0] if len(languages) == 1 else ""
    clean = [_with_rules(t, language) if config.rule_features else normalise(t) for t in texts]
    vectorizer = _vectorizer(config, len(clean))
    features = vectorizer.fit_transform(clean).tocsr()

    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=config.seed)
    out_of_fold = {kind: np.zeros(len(y)) for kind in config.members}
    weight_sum = {kind: np.zeros(features.shape[1]) for kind in config.members}
    bias_sum = dict.fromkeys(config.members, 0.0)
    for train_index, test_index in splitter.split(features, y):
        for kind in config.members:
            weights, bias = _fit_member(kind, features[train_index], y[train_index], config)
            out_of_fold[kind][test_index] = features[test_index] @ weights + bias
            weight_sum[kind] += weights
            bias_sum[kind] += bias

    combined_oof = np.zeros(len(y))
    coef = np.zeros(features.shape[1])
    intercept = 0.0
    for kind in config.members:
        mean, spread = float(out_of_fold[kind].mean()), float(out_of_fold[kind].std()) or 1.0
        combined_oof += (out_of_fold[kind] - mean) / spread / len(config.members)
        coef += weight_sum[kind] / folds / spread / len(config.members)
        intercept += (bias_sum[kind] / folds - mean) / spread / len(config.members)

    platt = LogisticRegression(C=1.0, max_iter=1000)
    platt.fit(combined_oof.reshape(-1, 1), y)
    slope, shift = float(platt.coef_[0, 0]), float(platt.intercept_[0])
    coef *= slope
    intercept = intercept * slope + shift
    oof_scores = 1.0 / (1.0 + np.exp(-(combined_oof * slope + shift)))

    threshold = best_f1_threshold(y, oof_scores)
    high_recall = min(recall_threshold(y, oof_scores, config.recall_target), threshold)
    hashed = data_hash(texts, labels)
    created = datetime.now(UTC)
    metrics = {
        "evaluation": f"{folds}-fold cross-validation on the training data (out-of-fold scores)",
        "records": len(y), "positives": n_pos,
        "average_precision": round(float(average_precision_score(y, oof_scores)), 4),
        "roc_auc": round(float(roc_auc_score(y, oof_scores)), 4),
        "at_threshold": metrics_at(labels, oof_scores, threshold),
        "at_high_recall": metrics_at(labels, oof_scores, high_recall),
        "train_seconds": round(time.monotonic() - started, 1),
    }
    meta = {
        "label": label,
        "version": version or default_version(label, hashed, created),
        "data_hash": hashed,
        "data_source": source,
        "languages": list(languages),
        "threshold": threshold,
        "high_recall_threshold": high_recall,
        "recall_target": config.recall_target,
        "metrics": metrics,
        "created_at": created.isoformat(timespec="seconds"),
        "normaliser": RULES_NORMALISER if config.rule_features else NORMALISER,
        "config": asdict(config),
        "features": int(features.shape[1]),
    }
    return LinearTextModel(vectorizer, coef.astype(np.float32), intercept, meta)


def _with_rules(text: str, language: str) -> str:
    tokens = rule_tokens(text, None, language)
    clean = normalise(text)
    return f"{clean} {tokens}" if tokens else clean


def default_version(label: str, hashed: str, created: datetime, scope: str = "global") -> str:
    return f"{label}-{scope}-{created:%Y%m%d%H%M%S}-{hashed[:8]}"
