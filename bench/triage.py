"""The triage engine: adverse-event detection quality, the rules' recall, the labelled set, speed,
memory, and our PHI rules next to presidio-analyzer's regex-only recognizers.

    .venv/bin/python bench/triage.py [--data ../shared/data/smm4h2020] [--speed-texts 4000]
                                     [--budget 540]

Parts (each prints readable lines; a part whose data is absent prints "skipped: …"):

a. SMM4H 2020 Task 2 EN: train on train.tsv only; thresholds chosen by 5-fold cross-validation
   within train; F1 on dev.tsv at that threshold (target ≥ 0.60; published best ≈ 0.58-0.60 with
   transformers, TF-IDF + LR baseline ≈ 0.47);
b. the high-recall operating point (chosen in CV for recall ≥ 0.90): recall and precision on dev;
c. the same for RU;
d. the rules alone (the engine without the model) on EN dev: recall (target ≥ 0.80);
e. carewatch/triage/data/labelled.jsonl: per-label precision/recall of the full engine (rules + the
   shipped model), PHI recall (target ≥ 0.98);
f. speed of every detector together, one thread, with the EN linear model from (a): mentions/s
   (target ≥ 1,000) and peak RSS of that process (target < 500 MB), in a child process;
g. PHI: our rules vs presidio-analyzer with pattern recognizers only (no spaCy model; a blank
   tokenizer) on the same texts in the same run: speed of each (target: ours ≥ 5x faster) and
   recall on the labelled PHI examples. Sockets are blocked in this process; attempts are counted.
h. the training path vs a plain TF-IDF + logistic-regression baseline, both trained on
   smm4h2020/en/train.tsv and measured on en/dev.tsv at their CV-chosen best-F1 thresholds: F1 of
   each and the ratio ours / baseline (target ≥ 1.0). Local only: both models are deleted at exit;
i. the shipped engine (rules + shipped model, as `carewatch triage run` uses it) per source, language
   and label: labelled.jsonl (in-sample for the rules), blind.jsonl (written before the rules of issue
   10 were tuned, scored once; see carewatch/triage/data/README.md), blind5.jsonl (written after the rules
   of the second issue-10 round were frozen, scored once), dev10.jsonl (the fourth round's development set:
   split dev10 tuned on, hold10 held out), probe10.jsonl (written before the fourth round's rules were
   tuned, scored once after they froze), blind6.jsonl (written blind by another author, scored once,
   then folded in), dev11.jsonl (the fifth round's: split dev11 tuned on, hold11 held out until the rules
   froze), SMM4H 2020 EN/RU dev (the flag
   that opens a safety case, and the adverse_event label alone, SMM4H's ADR label; evaluation only);
j. each care detector's time per 200-character text (was a timed unit test; target well under 200 µs).

The SMM4H data is for evaluation only: models trained on it live in a temporary directory and are
deleted at exit; no tweet text is printed. No network is used. Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from _common import ROOT, Deadline, django_setup  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "smm4h2020"
LABELLED = ROOT / "carewatch" / "triage" / "data" / "labelled.jsonl"
TARGETS = {"f1_en": 0.60, "high_recall": 0.90, "rules_recall_en": 0.80, "phi_recall": 0.98,
           "mentions_per_s": 1000, "rss_mb": 400, "phi_speedup": 5.0, "f1_ratio": 1.0, "care_detector_us": 200}
BLIND = ROOT / "carewatch" / "triage" / "data" / "blind.jsonl"
BLIND5 = ROOT / "carewatch" / "triage" / "data" / "blind5.jsonl"  # written after the issue-10 rules were frozen
WRITTEN = ROOT / "carewatch" / "triage" / "data" / "written.jsonl"
DEV10 = ROOT / "carewatch" / "triage" / "data" / "dev10.jsonl"
PROBE10 = ROOT / "carewatch" / "triage" / "data" / "probe10.jsonl"
BLIND8 = ROOT / "carewatch" / "triage" / "data" / "blind8.jsonl"  # urgent/serious, written blind, scored once
BLIND7 = ROOT / "carewatch" / "triage" / "data" / "blind7.jsonl"
BLIND6 = ROOT / "carewatch" / "triage" / "data" / "blind6.jsonl"  # written blind by another author, scored once
DEV11 = ROOT / "carewatch" / "triage" / "data" / "dev11.jsonl"  # round 5: split dev11 tuned on, hold11 held out
DEV12 = ROOT / "carewatch" / "triage" / "data" / "dev12.jsonl"  # round 6: urgent check set (scored, then tuned on)
BLIND9 = ROOT / "carewatch" / "triage" / "data" / "blind9.jsonl"  # written blind during round 7, scored once
BLIND10 = ROOT / "carewatch" / "triage" / "data" / "blind10.jsonl"  # written blind during round 8, scored once
BLIND11 = ROOT / "carewatch" / "triage" / "data" / "blind11.jsonl"  # written blind during round 9, scored once
BLIND12 = ROOT / "carewatch" / "triage" / "data" / "blind12.jsonl"  # written blind after round 10 froze, scored once
BLIND13 = ROOT / "carewatch" / "triage" / "data" / "blind13.jsonl"  # written blind after round 11 froze, scored once
BLIND14 = ROOT / "carewatch" / "triage" / "data" / "blind14.jsonl"  # written blind after round 12 froze, scored once
BLIND15 = ROOT / "carewatch" / "triage" / "data" / "blind15.jsonl"  # written blind after round 13 froze, scored once
BLIND16 = ROOT / "carewatch" / "triage" / "data" / "blind16.jsonl"  # written blind after round 14 froze, scored once
SAFETY_FLAG = ("adverse_event", "serious", "special_situation", "product_complaint")
PHI_ROUNDS = 5  # alternating timing rounds of ours vs presidio in part g
_ATTEMPTS: list[str] = []


def block_network() -> None:
    """Refuse every outbound connection in this process (and count the attempts)."""
    def refuse(*args: Any, **kwargs: Any) -> Any:
        _ATTEMPTS.append(repr(args[1:2] or args[:1])[:80])
        raise OSError("network blocked by bench/triage.py")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]


def line(text: str) -> None:
    print(text, flush=True)


# ---------------------------------------------------------------------------- a, b, c
def smm4h(lang: str, data: Path, work: Path, results: dict[str, Any], deadline: Deadline) -> Path | None:
    from carewatch.triage.training import fit, load_labelled, metrics_at

    train, dev = data / lang / "train.tsv", data / lang / "dev.tsv"
    key = f"smm4h_{lang}"
    if not (train.exists() and dev.exists()):
        line(f"[{lang}] skipped: {train} or {dev} not found")
        results[key] = "skipped: data absent"
        return None
    if deadline.left() < 90:
        line(f"[{lang}] skipped: time budget spent")
        results[key] = "skipped: time budget"
        return None
    texts, y = load_labelled(train, "tweet", "class", "adverse_event")
    dev_texts, dev_y = load_labelled(dev, "tweet", "class", "adverse_event")
    started = time.monotonic()
    model = fit(texts, y, "adverse_event", languages=[lang], source=f"smm4h2020/{lang}/train.tsv")
    fit_s = time.monotonic() - started
    scores = model.score(dev_texts)
    at_f1 = metrics_at(dev_y, scores, model.threshold)
    at_hr = metrics_at(dev_y, scores, model.high_recall_threshold)
    cv = model.meta["metrics"]
    line(f"[{lang}] train {len(texts)} ({sum(y)} AE) -> dev {len(dev_texts)} ({sum(dev_y)} AE); fit {fit_s:.0f} s, "
         f"{model.meta['features']} features")
    line(f"[{lang}] CV on train: F1 {cv['at_threshold']['f1']:.3f} at threshold {model.threshold:.4f}; "
         f"recall {cv['at_high_recall']['recall']:.3f} at {model.high_recall_threshold:.4f}")
    line(f"[{lang}] (a/c) dev at the CV-chosen threshold: P {at_f1['precision']:.3f}  R {at_f1['recall']:.3f}  "
         f"F1 {at_f1['f1']:.3f}" + (f"   (target ≥ {TARGETS['f1_en']:.2f})" if lang == "en" else ""))
    line(f"[{lang}] (b) dev at the high-recall point: R {at_hr['recall']:.3f}  P {at_hr['precision']:.3f}  "
         f"F1 {at_hr['f1']:.3f}   (target R ≥ {TARGETS['high_recall']:.2f})")
    results[key] = {"train": len(texts), "dev": len(dev_texts), "fit_s": round(fit_s, 1),
                    "cv": {"f1": cv["at_threshold"]["f1"], "high_recall_recall": cv["at_high_recall"]["recall"]},
                    "dev_at_threshold": at_f1, "dev_at_high_recall": at_hr}
    path = work / f"smm4h-{lang}.skops"
    model.save(path)
    return path


# ---------------------------------------------------------------------------- h
def baseline_vs_ours(data: Path, results: dict[str, Any], deadline: Deadline) -> None:
    """A plain TF-IDF (word 1-2-grams) + LogisticRegression trained on the same file as our training path,
    its threshold chosen the same way (best F1 out of 5 folds of train), both measured on dev."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    from carewatch.triage.training import best_f1_threshold, load_labelled, metrics_at

    ours = results.get("smm4h_en")
    train, dev = data / "en" / "train.tsv", data / "en" / "dev.tsv"
    if not isinstance(ours, dict) or not train.exists():
        line("[baseline] skipped: needs part a (SMM4H EN) in this run")
        results["baseline_en"] = "skipped"
        return
    if deadline.left() < 60:
        line("[baseline] skipped: time budget spent")
        results["baseline_en"] = "skipped: time budget"
        return
    texts, y = load_labelled(train, "tweet", "class", "adverse_event")
    dev_texts, dev_y = load_labelled(dev, "tweet", "class", "adverse_event")
    labels = np.asarray(y)

    def model() -> Any:
        from sklearn.pipeline import make_pipeline

        return make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2),
                             LogisticRegression(class_weight="balanced", max_iter=2000))

    oof = np.zeros(len(texts))
    for fit_idx, test_idx in StratifiedKFold(5, shuffle=True, random_state=0).split(texts, labels):
        m = model().fit([texts[i] for i in fit_idx], labels[fit_idx])
        oof[test_idx] = m.predict_proba([texts[i] for i in test_idx])[:, 1]
    threshold = best_f1_threshold(labels, oof)
    final = model().fit(texts, labels)
    base = metrics_at(dev_y, final.predict_proba(dev_texts)[:, 1], threshold)
    mine = ours["dev_at_threshold"]
    ratio = mine["f1"] / base["f1"] if base["f1"] else float("inf")
    line(f"[baseline] (h) TF-IDF+LR on en/train -> en/dev: P {base['precision']:.3f}  R {base['recall']:.3f}  "
         f"F1 {base['f1']:.3f}; our training path: F1 {mine['f1']:.3f}; ratio {ratio:.3f}   "
         f"(target ≥ {TARGETS['f1_ratio']:.1f})")
    results["baseline_en"] = {"baseline_dev": base, "ours_dev_f1": mine["f1"], "f1_ratio": round(ratio, 4)}


# ---------------------------------------------------------------------------- i
def record_context(record: dict[str, Any]) -> Any:
    """A screening context for a record of the hand-written sets: its channel and its client's products
    with their generic name, aliases and approved indications (products.json), as a configured client has,
    screened with the shipped adverse-event model."""
    from dataclasses import replace

    from carewatch.triage.learned_training import record_context as of_record

    return replace(of_record(record), extra={"ae_model": "shipped"})


def _records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _split(path: Path, split: str) -> list[dict[str, Any]]:
    return [r for r in _records(path) if r.get("split") == split]


def engine_report(data: Path, results: dict[str, Any], deadline: Deadline, only: list[str] | None = None) -> None:
    """The shipped engine per source, language and label."""
    from carewatch.triage.engine import screen
    from carewatch.triage.result import LABELS
    from carewatch.triage.training import counts, load_labelled, prf

    # Each source is read only if it is asked for (--sources): a run for one set never opens the others.
    loaders: dict[str, Callable[[], list[dict[str, Any]]]] = {}
    if LABELLED.exists():
        loaders["labelled (in-sample)"] = lambda: _records(LABELLED)
    if BLIND.exists():
        loaders["blind4 (scored once)"] = lambda: _records(BLIND)
    if BLIND5.exists():
        loaders["blind5 (written after the rules froze, scored once)"] = lambda: _records(BLIND5)
    if DEV10.exists():  # issue 10, fourth round: tuned on split dev10, hold10 held out (aggregates only)
        loaders["dev10 (round-4 development set, tuned on)"] = lambda: _split(DEV10, "dev10")
        loaders["hold10 (round-4 development set, held out)"] = lambda: _split(DEV10, "hold10")
    if PROBE10.exists():
        loaders["probe10 (written before the round-4 rules were tuned, scored once)"] = lambda: _records(PROBE10)
    if BLIND8.exists():
        loaders["blind8 (urgent and serious, written blind during round 6, scored once)"] = lambda: _records(BLIND8)
    if BLIND16.exists():
        loaders["blind16 (written blind after the round-14 rules froze, scored once)"] = lambda: _records(BLIND16)
    if BLIND15.exists():
        loaders["blind15 (written blind after the round-13 rules froze, scored once)"] = lambda: _records(BLIND15)
    if BLIND14.exists():
        loaders["blind14 (written blind after the round-12 rules froze, scored once)"] = lambda: _records(BLIND14)
    if BLIND13.exists():
        loaders["blind13 (written blind after the round-11 rules froze, scored once)"] = lambda: _records(BLIND13)
    if BLIND12.exists():
        loaders["blind12 (written blind after the round-10 rules froze, scored once)"] = lambda: _records(BLIND12)
    if BLIND11.exists():
        loaders["blind11 (written blind during round 9, scored once)"] = lambda: _records(BLIND11)
    if BLIND10.exists():
        loaders["blind10 (written blind during round 8, scored once)"] = lambda: _records(BLIND10)
    if BLIND9.exists():
        loaders["blind9 (written blind during round 7, scored once)"] = lambda: _records(BLIND9)
    if BLIND7.exists():
        loaders["blind7 (written blind after the round-5 rules froze, scored once)"] = lambda: _records(BLIND7)
    if BLIND6.exists():
        loaders["blind6 (written blind after the round-4 rules froze, scored once)"] = lambda: _records(BLIND6)
    if DEV11.exists():  # issue 10, fifth round: tuned on split dev11, hold11 held out until the rules froze
        loaders["dev11 (round-5 development set, tuned on)"] = lambda: _split(DEV11, "dev11")
        loaders["hold11 (round-5 development set, held out)"] = lambda: _split(DEV11, "hold11")
    if DEV12.exists():  # issue 10, sixth round: new wordings of urgent posts, scored first, then tuned on
        loaders["dev12 (round-6 urgent check set)"] = lambda: _records(DEV12)

    def smm4h_dev(lang: str) -> list[dict[str, Any]]:
        texts, y = load_labelled(data / lang / "dev.tsv", "tweet", "class", "adverse_event")
        return [{"text": t, "lang": lang, "products": [], "sponsorship": "third_party",
                 "labels": ["adverse_event"] if v else [], "only": "safety_flag"}
                for t, v in zip(texts, y, strict=True)]

    for lang in ("en", "ru"):
        if (data / lang / "dev.tsv").exists() and data.name:
            loaders[f"smm4h2020 {lang} dev"] = functools.partial(smm4h_dev, lang)
    if only:
        loaders = {k: v for k, v in loaders.items() if any(o.strip() in k for o in only)}
    sources = {name: load() for name, load in loaders.items()}
    report: dict[str, Any] = {}
    for source, records in sources.items():
        if deadline.left() < 20:
            line(f"[engine] {source}: skipped, time budget spent")
            continue
        predicted: list[set[str]] = []
        for r in records:
            predicted.append(set(screen(r["text"], record_context(r)).labels))
        only_flag = all(r.get("only") == "safety_flag" for r in records)
        # SMM4H's label is an adverse drug reaction: the adverse_event label is its like-for-like score; the
        # safety flag also opens cases for special situations (lack of efficacy, misuse, overdose…), which
        # pharmacovigilance must see and SMM4H counts as negatives.
        labels = ("safety_flag", "adverse_event") if only_flag else ("safety_flag", *LABELS)
        by_lang = sorted({str(r.get("lang", "?")) for r in records})
        out: dict[str, Any] = {}
        line(f"[engine] (i) {source}: {len(records)} posts ({', '.join(by_lang)}); shipped engine")
        for label in labels:
            for lang in ("all", *by_lang):
                idx = [i for i, r in enumerate(records) if lang == "all" or r.get("lang") == lang]

                def has(found: set[str] | list[str], lab: str = label) -> bool:
                    return bool(set(found) & set(SAFETY_FLAG)) if lab == "safety_flag" else lab in found

                truth = [int(has(records[i]["labels"])) for i in idx]
                if not sum(truth) and lang != "all":
                    continue
                c = counts(truth, [has(predicted[i]) for i in idx])
                if not sum(truth) and not c["fp"]:
                    continue
                scores = prf(c)
                out.setdefault(label, {})[lang] = {**scores, **c, "support": sum(truth)}
                line(f"[engine]   {label:<20} {lang:<4} P {scores['precision']:.3f}  R {scores['recall']:.3f}  "
                     f"(support {sum(truth)}, tp {c['tp']} fp {c['fp']} fn {c['fn']})")
        if only_flag:
            alone = [i for i, p in enumerate(predicted) if set(p) & set(SAFETY_FLAG) and "adverse_event" not in p]
            kinds = Counter(label for i in alone for label in predicted[i] if label in SAFETY_FLAG)
            hits = sum(1 for i in alone if records[i]["labels"])
            line(f"[engine]   flagged without the adverse_event label: {len(alone)} ({hits} of them an ADR to "
                 f"SMM4H); labels: {', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}")
            out["flag_without_ae"] = {"posts": len(alone), "smm4h_adr": hits, "labels": dict(kinds)}
        report[source] = out
    results["engine"] = report


# ---------------------------------------------------------------------------- j
def care_detector_times(results: dict[str, Any]) -> None:
    """Each care detector over 200-character texts, best of three passes (was a timed unit test)."""
    from carewatch.triage.context import ProductTerms, ScreenContext
    from carewatch.triage.detectors.complaint import ProductComplaintDetector
    from carewatch.triage.detectors.consent import UgcConsentDetector
    from carewatch.triage.detectors.inquiry import MedicalInquiryDetector, OffLabelDetector
    from carewatch.triage.detectors.spam import SpamDetector, forget_all, remember, shingles
    from carewatch.triage.detectors.urgent import UrgentDetector
    from carewatch.triage.result import TriageResult

    rows = _records(LABELLED) + (_records(WRITTEN) if WRITTEN.exists() else [])
    texts = []
    for i, r in enumerate(rows):
        text = r["text"]
        while len(text) < 200:
            text += " " + rows[(i + 7) % len(rows)]["text"]
        texts.append(text[:200])
    forget_all()
    for i, text in enumerate(texts * 3):
        remember(45, text, f"author{i % 300}", float(i), f"m{i}")
    product = ProductTerms("Glucavio", "semaglutide", ("glucavio pen",), ("type 2 diabetes",))
    context = ScreenContext(products=(product,), sponsorship="owned", client_id=45)
    out: dict[str, float] = {}
    for detector in (ProductComplaintDetector(), MedicalInquiryDetector(), OffLabelDetector(), UrgentDetector(),
                     SpamDetector(), UgcConsentDetector()):
        best = float("inf")
        for _ in range(3):
            shingles.cache_clear()
            start = time.perf_counter()
            for text in texts:
                detector.detect(text, context, TriageResult())
            best = min(best, (time.perf_counter() - start) / len(texts))
        out[detector.name] = round(best * 1e6, 1)
    forget_all()
    # The adverse-event rules on a typical tweet (was a timed unit test: ~100 µs when measured alone).
    from carewatch.triage.detectors.adverse import analyse

    third_party = ScreenContext(sponsorship="third_party")
    base = ("Day 3 on Glucavio and honestly my stomach is killing me, no appetite, so dizzy at work "
            "and I can't sleep. Is this normal?? My doctor says give it a week. ")
    tweets = [f"{base}{i} #glucavio" for i in range(2000)]
    analyse(tweets[0], third_party, "en")
    start = time.perf_counter()
    for tweet in tweets:
        analyse(tweet, third_party, "en")
    out["adverse_rules"] = round((time.perf_counter() - start) / len(tweets) * 1e6, 1)
    line(f"[care] (j) µs per 200-character text over {len(texts)} texts in nine languages, best of 3: "
         + ", ".join(f"{k} {v:.0f}" for k, v in out.items()) + f"   (target < {TARGETS['care_detector_us']} each)")
    results["care_detector_us"] = out


# ---------------------------------------------------------------------------- d
def rules_only(data: Path, results: dict[str, Any], deadline: Deadline) -> None:
    from carewatch.triage.context import ScreenContext
    from carewatch.triage.engine import detectors, screen
    from carewatch.triage.training import counts, load_labelled, prf

    dev = data / "en" / "dev.tsv"
    if not dev.exists():
        line(f"[rules] skipped: {dev} not found")
        results["rules_only_en"] = "skipped: data absent"
        return
    if deadline.left() < 60:
        line("[rules] skipped: time budget spent")
        results["rules_only_en"] = "skipped: time budget"
        return
    texts, y = load_labelled(dev, "tweet", "class", "adverse_event")
    context = ScreenContext(extra={"ae_model": "rules-only"})
    started = time.perf_counter()
    predicted = [("adverse_event" in screen(t, context).labels) for t in texts]
    seconds = time.perf_counter() - started
    c = counts(y, predicted)
    scores = prf(c)
    names = [d.name for d in detectors()]
    ae_rules = [n for n in names if n != "ae_model"]
    line(f"[rules] (d) engine without the model on en/dev: R {scores['recall']:.3f}  P {scores['precision']:.3f}  "
         f"F1 {scores['f1']:.3f}   (target R ≥ {TARGETS['rules_recall_en']:.2f}); detectors: {', '.join(ae_rules)}")
    results["rules_only_en"] = {**scores, **c, "detectors": ae_rules, "mentions_per_s": round(len(texts) / seconds)}


# ---------------------------------------------------------------------------- e
def labelled(results: dict[str, Any], deadline: Deadline) -> list[dict[str, Any]]:
    from carewatch.triage.engine import screen
    from carewatch.triage.result import LABELS
    from carewatch.triage.training import counts, prf

    if not LABELLED.exists():
        line(f"[labelled] skipped: {LABELLED} not found")
        results["labelled"] = "skipped: data absent"
        return []
    records = [json.loads(x) for x in LABELLED.read_text(encoding="utf-8").splitlines() if x.strip()]
    predictions = []
    for record in records:
        predictions.append(set(screen(record["text"], record_context(record)).labels))
    per_label: dict[str, Any] = {}
    line(f"[labelled] (e) full engine (rules + shipped model) on {len(records)} hand-labelled posts "
         f"({', '.join(f'{k} {v}' for k, v in sorted(Counter(r.get('lang', '?') for r in records).items()))})")
    for label in LABELS:
        truth = [int(label in r.get("labels", [])) for r in records]
        if not sum(truth):
            continue
        c = counts(truth, [label in p for p in predictions])
        scores = prf(c)
        per_label[label] = {**scores, **c, "support": sum(truth)}
        line(f"[labelled]   {label:<18} P {scores['precision']:.3f}  R {scores['recall']:.3f}  "
             f"(support {sum(truth)}, tp {c['tp']} fp {c['fp']} fn {c['fn']})")
    phi = per_label.get("phi", {})
    if phi:
        line(f"[labelled]   PHI recall {phi['recall']:.3f}   (target ≥ {TARGETS['phi_recall']:.2f})")
    results["labelled"] = {"records": len(records), "per_label": per_label}
    return records


# ---------------------------------------------------------------------------- f
def speed(model_path: Path | None, data: Path, n: int, results: dict[str, Any], deadline: Deadline) -> None:
    if deadline.left() < 45:
        line("[speed] skipped: time budget spent")
        results["speed"] = "skipped: time budget"
        return
    args = [sys.executable, __file__, "--speed-child", str(model_path or "shipped"), "--data", str(data),
            "--speed-texts", str(n)]
    env = {**os.environ, "CAREWATCH_LOG_LEVEL": "ERROR"}
    try:
        out = subprocess.run(args, capture_output=True, text=True, timeout=max(30, deadline.left() - 10), env=env,
                             check=True)
    except (subprocess.TimeoutExpired, subprocess.CalledProcessError) as exc:
        line(f"[speed] failed: {type(exc).__name__}")
        results["speed"] = f"failed: {type(exc).__name__}"
        return
    measured = json.loads(out.stdout.strip().splitlines()[-1])
    line(f"[speed] (f) every detector, one thread, model {measured['model']}: {measured['mentions_per_s']:,.0f} "
         f"mentions/s over {measured['texts']} texts (target ≥ {TARGETS['mentions_per_s']:,}; "
         f"{measured['mentions_per_cpu_s']:,.0f} per CPU-second; other processes kept "
         f"{measured['background_cores']:.1f} cores busy meanwhile); "
         f"peak RSS {measured['peak_rss_mb']:.0f} MB (target < {TARGETS['rss_mb']}); "
         f"per detector µs/text: {', '.join(f'{k} {v:.0f}' for k, v in measured['per_detector_us'].items())}")
    results["speed"] = measured


def _peak_rss_kb() -> int:
    """This process's peak RSS: VmHWM (per address space, so reset by exec; getrusage's ru_maxrss is
    kept across exec and would report the parent's training peak)."""
    status = Path("/proc/self/status")
    if status.exists():
        for row in status.read_text().splitlines():
            if row.startswith("VmHWM:"):
                return int(row.split()[1])
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def speed_child(model: str, data: Path, n: int) -> None:
    """Runs in its own process: peak RSS is the engine's, not the training's."""
    block_network()
    django_setup()
    from carewatch.triage.context import ScreenContext
    from carewatch.triage.engine import detectors, screen
    from carewatch.triage.result import TriageResult
    from carewatch.triage.training import load_labelled

    texts: list[str] = []
    dev = data / "en" / "dev.tsv"
    if dev.exists():
        texts, _ = load_labelled(dev, "tweet", "class", "adverse_event")
    if LABELLED.exists():
        texts += [json.loads(x)["text"] for x in LABELLED.read_text(encoding="utf-8").splitlines() if x.strip()]
    if WRITTEN.exists():  # nine languages
        texts += [json.loads(x)["text"] for x in WRITTEN.read_text(encoding="utf-8").splitlines() if x.strip()]
    if (data / "ru" / "dev.tsv").exists():
        texts += load_labelled(data / "ru" / "dev.tsv", "tweet", "class", "adverse_event")[0]
    import random

    random.Random(0).shuffle(texts)
    if not texts:
        texts = ["Started the new pen last week and I feel dizzy every morning"]
    texts = (texts * (n // len(texts) + 1))[:n]
    context = ScreenContext(extra={"ae_model": model})
    for text in texts[:200]:  # warm-up: lexicons compiled, model loaded
        screen(text, context)
    from _common import BackgroundLoad

    with BackgroundLoad() as load:
        started, cpu_started = time.perf_counter(), time.process_time()
        for text in texts:
            screen(text, context)
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    # Each detector's share, timed inside a real screening (detectors in order on one result, as
    # screen() runs them: the model detector reuses the rules' analysis of the same text).
    chain = detectors()
    per_detector: dict[str, float] = dict.fromkeys((d.name for d in chain), 0.0)
    sample = texts[: min(len(texts), 1500)]
    clock = time.perf_counter
    for text in sample:
        result = TriageResult(language="en")
        for detector in chain:
            t0 = clock()
            result.findings.extend(detector.detect(text, context, result))
            per_detector[detector.name] += clock() - t0
    per_detector = {name: total / len(sample) * 1e6 for name, total in per_detector.items()}
    peak_kb = _peak_rss_kb()
    name = Path(model).name if model.endswith(".skops") else model
    print(json.dumps({"model": name, "texts": len(texts), "seconds": round(seconds, 2),
                      "mentions_per_s": round(len(texts) / seconds, 1),
                      "mentions_per_cpu_s": round(len(texts) / cpu_seconds, 1), "background_cores": load.cores,
                      "peak_rss_mb": round(peak_kb / 1024, 1),
                      "per_detector_us": {k: round(v, 1) for k, v in per_detector.items()},
                      "network_attempts": len(_ATTEMPTS)}))


# ---------------------------------------------------------------------------- g
def _presidio() -> Any:
    """presidio-analyzer with its predefined pattern recognizers only, over a blank spaCy tokenizer:
    no NER model is loaded or downloaded. tldextract is told to use its bundled suffix list."""
    import tldextract
    import tldextract.tldextract as tx

    tx.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    import spacy
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, predefined_recognizers
    from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine

    class BlankNlpEngine(NlpEngine):  # type: ignore[misc]
        def __init__(self) -> None:
            self.nlp = spacy.blank("en")

        def load(self) -> None:
            pass

        def is_loaded(self) -> bool:
            return True

        def process_text(self, text: str, language: str) -> Any:
            doc = self.nlp(text)
            return NlpArtifacts(entities=[], tokens=doc, tokens_indices=[t.idx for t in doc],
                                lemmas=[t.text.lower() for t in doc], nlp_engine=self, language=language)

        def process_batch(self, texts: Any, language: str, batch_size: int = 1, n_process: int = 1,
                          **kwargs: Any) -> Any:
            for text in texts:
                yield text, self.process_text(text, language)

        def is_stopword(self, word: str, language: str) -> bool:
            return False

        def is_punct(self, word: str, language: str) -> bool:
            return False

        def get_supported_entities(self) -> list[str]:
            return []

        def get_supported_languages(self) -> list[str]:
            return ["en"]

    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"])
    for recognizer in list(registry.recognizers):
        if "Spacy" in type(recognizer).__name__ or "Ner" in type(recognizer).__name__:
            registry.remove_recognizer(recognizer.name)
    # The US healthcare recognizers the default configuration leaves off (HIPAA identifiers).
    for name in ("UsMbiRecognizer", "UsNpiRecognizer", "UsHealthInsuranceMemberIdRecognizer",
                 "UsPrescriptionNumberRecognizer", "UsClaimNumberRecognizer"):
        cls = getattr(predefined_recognizers, name, None)
        if cls is not None:
            registry.add_recognizer(cls())
    names = sorted(type(r).__name__ for r in registry.recognizers)
    return AnalyzerEngine(registry=registry, nlp_engine=BlankNlpEngine(), supported_languages=["en"]), names


def phi_vs_presidio(records: list[dict[str, Any]], results: dict[str, Any], deadline: Deadline) -> None:
    from carewatch.triage.detectors.phi import find_phi

    if not records:
        line("[phi] skipped: no labelled set")
        results["phi_vs_presidio"] = "skipped: data absent"
        return
    try:
        import presidio_analyzer  # noqa: F401
    except ImportError:
        line("[phi] skipped: presidio-analyzer is not installed (pip install -e '.[bench]')")
        results["phi_vs_presidio"] = "skipped: presidio-analyzer not installed"
        return
    before = len(_ATTEMPTS)
    started = time.perf_counter()
    analyzer, recognizers = _presidio()
    setup_s = time.perf_counter() - started
    texts = [r["text"] for r in records]
    truth = [int("phi" in r.get("labels", [])) for r in records]
    ours = [bool(find_phi(t)) for t in texts]
    theirs = [bool(analyzer.analyze(t, language="en")) for t in texts]  # warm-up and detection
    # Side by side: alternate one pass of ours and one of presidio's over the same texts, so a
    # neighbour's load on the shared cores hits both alike; ours gets enough passes to be timed.
    ours_passes = max(1, 2000 // len(texts))
    ours_total = theirs_total = 0.0
    pairs: list[float] = []
    rounds = 0
    while rounds < PHI_ROUNDS and (rounds == 0 or deadline.left() > 30):
        t0 = time.perf_counter()
        for _ in range(ours_passes):
            for text in texts:
                find_phi(text)
        ours_round = (time.perf_counter() - t0) / ours_passes
        t0 = time.perf_counter()
        for text in texts:
            analyzer.analyze(text, language="en")
        theirs_round = time.perf_counter() - t0
        ours_total += ours_round
        theirs_total += theirs_round
        pairs.append(theirs_round / ours_round)
        rounds += 1
    ours_s = ours_total / (rounds * len(texts))
    theirs_s = theirs_total / (rounds * len(texts))

    def rates(flags: list[bool]) -> dict[str, float]:
        pos = sum(truth)
        neg = len(truth) - pos
        hit = sum(1 for f, y in zip(flags, truth, strict=True) if f and y)
        false = sum(1 for f, y in zip(flags, truth, strict=True) if f and not y)
        return {"recall": round(hit / pos, 4) if pos else 0.0,
                "flagged_non_phi": round(false / neg, 4) if neg else 0.0}

    mine, other = rates(ours), rates(theirs)
    speedup = theirs_s / ours_s if ours_s else float("inf")
    attempts = len(_ATTEMPTS) - before
    line(f"[phi] (g) presidio-analyzer regex-only: {len(recognizers)} pattern recognizers, blank tokenizer, "
         f"set-up {setup_s:.1f} s, network attempts {attempts}")
    line(f"[phi]   ours:     {1 / ours_s:>9,.0f} texts/s  recall {mine['recall']:.3f} on {sum(truth)} PHI posts  "
         f"flags {mine['flagged_non_phi']:.3f} of non-PHI posts")
    line(f"[phi]   presidio: {1 / theirs_s:>9,.0f} texts/s  recall {other['recall']:.3f}  "
         f"flags {other['flagged_non_phi']:.3f} of non-PHI posts")
    line(f"[phi]   ours is {speedup:.1f}x faster over {rounds} alternating rounds (per round: min {min(pairs):.1f}x, "
         f"max {max(pairs):.1f}x)   (target ≥ {TARGETS['phi_speedup']:.0f}x)")
    results["phi_vs_presidio"] = {"ours": {**mine, "texts_per_s": round(1 / ours_s)},
                                  "presidio": {**other, "texts_per_s": round(1 / theirs_s)},
                                  "speedup": round(speedup, 1), "rounds": rounds,
                                  "speedup_per_round": [round(p, 1) for p in pairs],
                                  "presidio_recognizers": recognizers,
                                  "network_attempts": attempts, "phi_posts": sum(truth)}


# ---------------------------------------------------------------------------- main
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--speed-texts", type=int, default=4000)
    parser.add_argument("--budget", type=float, default=540.0, help="seconds; parts past it are skipped")
    parser.add_argument("--only", default="", help="comma-separated parts to run (a..j; a and b run "
                        "together, as do e and g's labelled set, h needs a), e.g. --only g for the PHI "
                        "comparison alone")
    parser.add_argument("--repeat", type=int, default=1, help="repeat the PHI comparison (g) this many times "
                        "and report the spread of its speed-up")
    parser.add_argument("--sources", default="", help="part i only: comma-separated substrings of the sources "
                        "to score (labelled, blind4, blind5, dev10, hold10, probe10, blind6, blind7, blind8, blind9, "
                        "blind10, blind11, blind12, blind13, blind14, blind15, blind16, dev11, hold11, dev12, "
                        "smm4h2020 en, smm4h2020 ru); all when empty")
    parser.add_argument("--speed-child", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="carewatch-bench-triage-"))
    os.environ["CAREWATCH_DATA_DIR"] = str(work)
    os.environ.setdefault("CAREWATCH_LOG_LEVEL", "ERROR")
    if args.speed_child:
        try:
            speed_child(args.speed_child, args.data, args.speed_texts)
        finally:
            import shutil

            shutil.rmtree(work, ignore_errors=True)
        return
    block_network()
    deadline = Deadline(args.budget)
    started = time.monotonic()
    results: dict[str, Any] = {"targets": TARGETS}
    try:
        django_setup()
        parts = set(args.only.replace(" ", "").split(",")) - {""} or set("abcdefghij")
        if parts & set("abh"):
            smm4h("en", args.data, work, results, deadline)
        if "h" in parts:
            baseline_vs_ours(args.data, results, deadline)
        if "i" in parts:
            engine_report(args.data, results, deadline, [x for x in args.sources.split(",") if x])
        if "j" in parts:
            care_detector_times(results)
        if "c" in parts:
            smm4h("ru", args.data, work, results, deadline)
        if "d" in parts:
            rules_only(args.data, results, deadline)
        records = labelled(results, deadline) if parts & set("eg") else []
        if "f" in parts:  # the shipped engine, as deployed (nine-language texts)
            speed(None, args.data, args.speed_texts, results, deadline)
        if "g" in parts:
            runs = []
            for _ in range(max(1, args.repeat)):
                phi_vs_presidio(records, results, deadline)
                runs.append(results["phi_vs_presidio"])
            speedups = [r["speedup"] for r in runs if isinstance(r, dict)]
            if len(speedups) > 1:
                results["phi_speedup_runs"] = speedups
                line(f"[phi]   speed-up over {len(speedups)} runs: min {min(speedups):.1f}x  "
                     f"median {sorted(speedups)[len(speedups) // 2]:.1f}x  max {max(speedups):.1f}x")
    finally:
        import shutil

        shutil.rmtree(work, ignore_errors=True)  # models trained on SMM4H never outlive the run
    results["network_attempts"] = len(_ATTEMPTS)
    results["seconds"] = round(time.monotonic() - started, 1)
    line(f"done in {results['seconds']:.0f} s; network attempts {len(_ATTEMPTS)}")
    print(json.dumps(results, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
