"""Per-set, per-label precision and recall of the shipped engine on every hand-written set of carewatch/triage/data,
and a dump of every record's labels to compare two versions of the engine.

    .venv/bin/python bench/triage_sets.py [--sets blind9,blind10] [--labels off_label,phi] [--dump out.json]
                                          [--compare before.json] [--misses LABEL] [--learned off]

``--dump`` writes {set: {id: labels}}; ``--compare`` prints every record whose labels differ from such a dump (a
behaviour-preserving change must print none). ``--misses LABEL`` prints the ids and texts of the label's misses and
false alarms (for development sets only: never read a blind set's misses before it is scored).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import django_setup

DATA = Path(__file__).resolve().parents[1] / "carewatch" / "triage" / "data"
SKIP = {"written"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sets", default="")
    parser.add_argument("--labels", default="")
    parser.add_argument("--dump", type=Path, default=None)
    parser.add_argument("--compare", type=Path, default=None)
    parser.add_argument("--misses", default="")
    parser.add_argument("--learned", default="on")
    parser.add_argument("--full", action="store_true", help="dump and compare the whole output (labels, scores, "
                        "evidence, details), not only the labels")
    args = parser.parse_args()
    django_setup()
    from carewatch.triage.engine import screen
    from carewatch.triage.learned_training import load_sets, record_context
    from carewatch.triage.result import LABELS

    names = [n for n in args.sets.split(",") if n] or sorted(p.stem for p in DATA.glob("*.jsonl") if p.stem not in SKIP)
    labels = [x for x in args.labels.split(",") if x] or [x for x in LABELS if x != "language_unscreened"]
    got: dict[str, dict[str, list[str]]] = {}
    truth: dict[str, dict[str, list[str]]] = {}
    texts: dict[str, str] = {}
    full: dict[str, dict[str, Any]] = {}
    for r in load_sets(names):
        context = record_context(r)
        if args.learned == "off":
            context.extra["learned"] = "off"
        result = screen(r["text"], context)
        got.setdefault(r["set"], {})[r["id"]] = sorted(result.labels)
        if args.full:
            contract = result.as_contract()
            contract.pop("versions")
            full.setdefault(r["set"], {})[r["id"]] = json.loads(json.dumps(contract, sort_keys=True))
        truth.setdefault(r["set"], {})[r["id"]] = sorted(r.get("labels", []))
        texts[r["id"]] = r["text"]
    if args.dump:
        args.dump.write_text(json.dumps(full if args.full else got, ensure_ascii=False, indent=0))
    if args.compare:
        before = json.loads(args.compare.read_text())
        now = full if args.full else got
        changed = [(s, i, before.get(s, {}).get(i), v) for s in now for i, v in now[s].items()
                   if before.get(s, {}).get(i) != v]
        print(f"records whose labels changed: {len(changed)}")
        for s, i, b, v in changed:
            print(f"  {s} {i}: {b} -> {v}")
    print(f"{'set':<9} " + " ".join(f"{x[:12]:>17}" for x in labels))
    pooled = {x: [0, 0, 0] for x in labels}
    for name in names:
        cells = []
        for x in labels:
            tp = fp = fn = 0
            for i, v in got[name].items():
                t = x in truth[name][i]
                g = x in v
                tp += t and g
                fp += g and not t
                fn += t and not g
            for k, n in enumerate((tp, fp, fn)):
                pooled[x][k] += n
            p = tp / (tp + fp) if tp + fp else float("nan")
            rec = tp / (tp + fn) if tp + fn else float("nan")
            cells.append(f"{p:.2f}/{rec:.2f} ({tp + fn:>3})" if tp + fn or fp else f"{'-':>17}")
        print(f"{name:<9} " + " ".join(f"{c:>17}" for c in cells))
    cells = []
    for x in labels:
        tp, fp, fn = pooled[x]
        cells.append(f"{tp / max(tp + fp, 1):.2f}/{tp / max(tp + fn, 1):.2f} ({tp + fn:>3})")
    print(f"{'pooled':<9} " + " ".join(f"{c:>17}" for c in cells))
    if args.misses:
        for name in names:
            for i, v in got[name].items():
                t = args.misses in truth[name][i]
                g = args.misses in v
                if t != g:
                    kind = "MISS" if t else "FP"
                    print(f"{kind} {name} {i} {truth[name][i]} -> {v}\n    {texts[i]!r}")


if __name__ == "__main__":
    main()
