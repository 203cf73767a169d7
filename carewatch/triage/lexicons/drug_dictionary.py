"""The general drug dictionary, reduced to what triage uses and kept as a small file.

Source: drug-named-entity-recognition (MIT; built from the DrugBank open vocabulary, MeSH,
MedlinePlus, NHS, PubChem and Wikipedia). Importing that package loads its whole pickled
dictionary (structures, masses, synonyms): about 325 MB of memory that stays for the life of
the process. Triage needs only each surface variant, its first canonical name and whether that
medicine has a consumer page (MedlinePlus or an encyclopedia entry), so those are stored in
``shipped/drug_dictionary.json.gz`` (under 1 MB, installed with the package) and read from there.

Rebuild the file after upgrading the package::

    .venv/bin/python -m carewatch.triage.lexicons.drug_dictionary

(``tests/triage/test_triage_core.py`` checks that the file matches the installed package.)
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

FILE = Path(__file__).resolve().parent.parent / "shipped" / "drug_dictionary.json.gz"
PACKAGE = "drug-named-entity-recognition"

Row = tuple[str, str, bool]  # (surface variant, first canonical name, has a consumer page)


def build() -> dict[str, Any]:
    """The reduced dictionary, from the installed package."""
    from drug_named_entity_recognition import drugs_finder

    variants: dict[Any, list[str]] = drugs_finder.d["drug_variant_to_canonical"]
    data: dict[str, dict[str, Any]] = drugs_finder.d["drug_canonical_to_data"]
    rows: list[Row] = []
    for variant, canonicals in variants.items():
        if not isinstance(variant, str) or not canonicals:
            continue
        consumer = any("medline_plus_id" in data.get(c, {}) or "wikipedia_url" in data.get(c, {})
                       for c in canonicals)
        rows.append((variant, str(canonicals[0]), consumer))
    return {"source": f"{PACKAGE} {metadata.version(PACKAGE)}", "rows": rows}


def write(path: Path = FILE) -> int:
    payload = json.dumps(build(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with gzip.GzipFile(path, "wb", compresslevel=9, mtime=0) as handle:
        handle.write(payload)
    return path.stat().st_size


@cache
def load() -> dict[str, Any]:
    with gzip.open(FILE, "rb") as handle:
        loaded: dict[str, Any] = json.loads(handle.read().decode("utf-8"))
    return loaded


def rows() -> list[Row]:
    return [(str(v), str(c), bool(k)) for v, c, k in load()["rows"]]


if __name__ == "__main__":
    size = write()
    print(f"wrote {FILE} ({size:,} bytes, {len(load.__wrapped__()['rows']):,} variants)")
