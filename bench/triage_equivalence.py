"""Whether two versions of the triage engine screen alike: every record of carewatch/triage/data/*.jsonl (and, when
present, SMM4H 2020 EN and RU dev, as bench/triage.py's speed part reads them) screened by the code of a reference
commit and by this working tree, compared field by field. For a speed change, which must change no output.

    .venv/bin/python bench/triage_equivalence.py [--ref COMMIT] [--keep DIR]

Each record is screened twice: with its own context (its client's products and channel, as bench/triage.py's part i
builds it) and with the speed part's context (no products). Compared per screening: the positive labels (must be
identical), the learned models' scores of every label (``LearnedModels.scores``, to 1e-9), and the whole
``as_contract`` object plus every finding (detector, label, positive, score to 1e-9, details, evidence).

The reference commit is exported with ``git archive`` to a temporary directory (shipped models and lexicons
included) and each side runs in its own child process with its tree first on ``sys.path``; the records are read
from this working tree for both. No text is printed. Exit status 1 when anything differs. Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "carewatch" / "triage" / "data"
SMM4H = ROOT.parent / "shared" / "data" / "smm4h2020"
TOLERANCE = 1e-9


def _records() -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    for path in sorted(DATA.glob("*.jsonl")):
        for number, row in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if row.strip():
                record = json.loads(row)
                out.append((f"{path.stem}:{record.get('id') or number}", record))
    for lang in ("en", "ru"):
        dev = SMM4H / lang / "dev.tsv"
        if dev.exists():
            import csv

            with dev.open(encoding="utf-8", newline="") as handle:
                for number, tweet in enumerate(csv.DictReader(handle, delimiter="\t")):
                    out.append((f"smm4h-{lang}-dev:{number}", {"text": tweet.get("tweet") or ""}))
    return out


def _rounded(value: Any) -> Any:
    """JSON-able, floats kept whole (compared with a tolerance later)."""
    if isinstance(value, dict):
        return {str(k): _rounded(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_rounded(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if isinstance(value, float | int | str | bool) or value is None:
        return value
    if hasattr(value, "__dataclass_fields__"):
        from dataclasses import asdict

        return _rounded(asdict(value))
    return repr(value)


def dump(out: Path) -> None:
    """Runs in a child whose sys.path starts with the tree to measure."""
    sys.path.insert(0, str(ROOT / "bench"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carewatch.settings")
    os.environ["CAREWATCH_DATA_DIR"] = tempfile.mkdtemp(prefix="carewatch-equivalence-")
    os.environ.setdefault("CAREWATCH_LOG_LEVEL", "ERROR")
    import django

    django.setup()
    import carewatch
    from carewatch.triage.context import ScreenContext
    from carewatch.triage.detectors.learned import models
    from carewatch.triage.engine import screen
    from carewatch.triage.learned_training import record_context as of_record


    def record_context(record: dict[str, Any]) -> ScreenContext:  # bench/triage.py's record_context
        return replace(of_record(record), extra={"ae_model": "shipped"})

    plain = ScreenContext(extra={"ae_model": "shipped"})  # bench/triage.py's speed part
    learned = models()
    result: dict[str, Any] = {"carewatch": str(Path(carewatch.__file__).resolve().parent), "records": {}}
    for key, record in _records():
        text = str(record["text"])
        entry: dict[str, Any] = {"learned": learned.scores(text)}
        for name, context in (("record", record_context(record)), ("plain", plain)):
            screened = screen(text, context)
            entry[name] = {"labels": screened.labels, "contract": _rounded(screened.as_contract(key)),
                           "findings": _rounded(screened.findings)}
        result["records"][key] = entry
    out.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")


def _differences(old: Any, new: Any, where: str, out: list[str]) -> None:
    if isinstance(old, float) or isinstance(new, float):
        if not (isinstance(old, int | float) and isinstance(new, int | float)) or isinstance(old, bool) \
                or isinstance(new, bool) or not (math.isclose(old, new, rel_tol=0.0, abs_tol=TOLERANCE)
                                                 or (math.isnan(old) and math.isnan(new))):
            out.append(where)
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for k in sorted(set(old) | set(new)):
            if k not in old or k not in new:
                out.append(f"{where}.{k}")
            else:
                _differences(old[k], new[k], f"{where}.{k}", out)
        return
    if isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            out.append(f"{where}[len]")
            return
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            _differences(a, b, f"{where}[{i}]", out)
        return
    if old != new:
        out.append(where)


def _run_child(tree: Path, out: Path) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "CAREWATCH_DATA_DIR")}
    env["PYTHONPATH"] = str(tree)
    env.update(OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    subprocess.run([sys.executable, str(Path(__file__).resolve()), "--dump", str(out)], cwd=tree, env=env, check=True)
    loaded: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    if Path(loaded["carewatch"]) != (tree / "carewatch").resolve():
        raise SystemExit(f"the child imported carewatch from {loaded['carewatch']}, not {tree}")
    return loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ref", default="", help="the reference commit (default: where this branch left main)")
    parser.add_argument("--keep", type=Path, help="keep both dumps in this directory")
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump:
        dump(args.dump)
        return
    if not args.ref:
        args.ref = subprocess.run(["git", "merge-base", "HEAD", "main"], cwd=ROOT, capture_output=True, text=True,
                                  check=True).stdout.strip()
    work = Path(tempfile.mkdtemp(prefix="carewatch-equivalence-"))
    try:
        commit = subprocess.run(["git", "rev-parse", args.ref], cwd=ROOT, capture_output=True, text=True,
                                check=True).stdout.strip()
        reference = work / "ref"
        reference.mkdir()
        archive = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(reference)], input=archive, check=True)
        old = _run_child(reference, work / "old.json")
        new = _run_child(ROOT, work / "new.json")
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for name in ("old.json", "new.json"):
                (args.keep / name).write_bytes((work / name).read_bytes())
    finally:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    olds, news = old["records"], new["records"]
    label_diffs: list[str] = []
    score_diffs: list[str] = []
    other_diffs: list[str] = []
    max_score_delta = 0.0
    for key in sorted(set(olds) | set(news)):
        if key not in olds or key not in news:
            other_diffs.append(f"{key}: screened by one side only")
            continue
        a, b = olds[key], news[key]
        for name in ("record", "plain"):
            if a[name]["labels"] != b[name]["labels"]:
                label_diffs.append(f"{key} ({name})")
        for label in sorted(set(a["learned"]) | set(b["learned"])):
            x, y = a["learned"].get(label), b["learned"].get(label)
            if x is None or y is None or abs(x - y) > TOLERANCE:
                score_diffs.append(f"{key}: {label}")
            else:
                max_score_delta = max(max_score_delta, abs(x - y))
        found: list[str] = []
        for name in ("record", "plain"):
            _differences(a[name]["contract"], b[name]["contract"], f"{name}.contract", found)
            _differences(a[name]["findings"], b[name]["findings"], f"{name}.findings", found)
        other_diffs.extend(f"{key}: {where}" for where in found)
    screenings = 2 * len(olds)
    print(f"reference {args.ref} ({commit[:10]}) vs this tree: {len(olds)} records, {screenings} screenings")
    print(f"  positive labels differ: {len(label_diffs)}")
    print(f"  learned scores differ by more than {TOLERANCE:g}: {len(score_diffs)} "
          f"(largest difference within it: {max_score_delta:.3g})")
    print(f"  other fields of the result differ: {len(other_diffs)}")
    for row in (label_diffs + score_diffs + other_diffs)[:20]:
        print(f"    {row}")
    same = not (label_diffs or score_diffs or other_diffs)
    print(json.dumps({"ref": commit, "records": len(olds), "screenings": screenings, "label_diffs": len(label_diffs),
                      "score_diffs": len(score_diffs), "max_score_delta": max_score_delta,
                      "other_diffs": len(other_diffs), "equivalent": same}))
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
