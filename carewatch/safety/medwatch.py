"""The PV package as a flat "3500A-like" record (compliance reference §1.7, MedWatch-like fallback):
JSON-ready dict per case, and CSV with one row per case, for PV teams without an E2B import.

Sections: patient (identifier masked or initials, age, sex), event (verbatim, onset, seriousness
flags, outcome), products (name, as reported, role, lot), reporter (type, country), source
(platform, URL, post id, post time, day 0) and the narrative. The verbatim texts and the narrative
are de-identified exactly as in the E2B export (``carewatch.safety.e2b.deidentify``); the source
URL and post id are kept, because PV must be able to verify the report exists (GVP VI.B.1.1.4);
no handle, author name or account id is written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from carewatch.safety.e2b import (
    DRUG_ROLE_NAMES,
    OUTCOME_NAMES,
    Masker,
    age_value,
    day0_ts,
    draft_narrative,
    patient_identified,
    prefetch,
    primary_link_snapshot,
    products_of,
    reactions_of,
    sex_code,
)
from carewatch.safety.models import MINIMUM_ELEMENTS, SERIOUSNESS_CRITERIA, ElementState, SafetyCase

SEX_NAMES = {"1": "male", "2": "female"}
# Spreadsheet formula prefixes: a cell starting with one is quoted so a spreadsheet shows it as text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def medwatch_record(safety_case: SafetyCase) -> dict[str, Any]:
    """The case as a 3500A-like record (see the module docstring)."""
    prefetch([safety_case])  # a no-op when medwatch_csv did it
    masker = Masker(safety_case)
    patient = safety_case.patient or {}
    age = age_value(patient)
    identified = patient_identified(safety_case)
    initials = str(patient.get("initials") or "").strip()
    reactions = reactions_of(safety_case)
    snapshot = primary_link_snapshot(safety_case)
    criteria = set(safety_case.seriousness or [])
    states = {name: ((safety_case.elements or {}).get(name) or {}).get("state", ElementState.UNKNOWN)
              for name in MINIMUM_ELEMENTS}
    narrative = (masker(safety_case.narrative) if safety_case.narrative.strip()
                 else draft_narrative(safety_case, masker))
    return {
        "reference": safety_case.reference,
        "kind": safety_case.kind,
        "status": safety_case.status,
        "pv_reference": safety_case.pv_reference,
        "minimum_elements": states,
        "follow_up_needed": safety_case.follow_up_needed,
        "patient": {
            # Initials (never a name or handle) when a reviewer recorded them, else masked.
            "identifier": initials if initials else ("[MASKED]" if identified else ""),
            "identified": identified,
            "age": age[0] if age else "",
            "age_unit": age[1] if age else "",
            "sex": SEX_NAMES.get(sex_code(patient.get("sex")) or "", "unknown"),
        },
        "event": {
            "verbatim": [masker(r["text"]) for r in reactions],
            "language": [r["language"] for r in reactions],
            "onset": next((str(r["onset"]) for r in reactions if r["onset"]), ""),
            "serious": safety_case.serious,
            "seriousness": {criterion: criterion in criteria for criterion in SERIOUSNESS_CRITERIA},
            "outcome": [OUTCOME_NAMES[r["outcome"]] for r in reactions],
            "special_situations": list(safety_case.special_situations or []),
        },
        "products": [{"name": masker(p["name"]), "as_reported": masker(p["as_reported"]),
                      "role": DRUG_ROLE_NAMES[p["role"]].lower(), "lot": masker(p["lot"])}
                     for p in products_of(safety_case)],
        "reporter": {
            "type": safety_case.reporter_type,
            "country": "",  # not known from a social post
        },
        "source": {
            "platform": str(snapshot.get("platform") or ""),
            "url": str(snapshot.get("url") or ""),
            "post_id": str(snapshot.get("external_id") or ""),
            "post_time": str(snapshot.get("created_at") or ""),
            "day0": safety_case.day0.isoformat(),
            "day0_local": day0_ts(safety_case),
            "day0_basis": safety_case.day0_basis,
            "source_tz": safety_case.source_tz,
            "solicited": safety_case.solicited,
        },
        "narrative": narrative,
    }


COLUMNS = (
    "reference", "kind", "status", "pv_reference", "follow_up_needed",
    *(f"element_{name}" for name in MINIMUM_ELEMENTS),
    "patient_identifier", "patient_age", "patient_age_unit", "patient_sex",
    "event_verbatim", "event_language", "event_onset", "serious",
    *(f"seriousness_{criterion}" for criterion in SERIOUSNESS_CRITERIA),
    "outcome", "special_situations",
    "product_names", "products_as_reported", "product_roles", "product_lots",
    "reporter_type", "reporter_country",
    "source_platform", "source_url", "source_post_id", "source_post_time", "day0", "day0_basis", "source_tz",
    "solicited", "narrative",
)


def flatten(record: dict[str, Any]) -> dict[str, str]:
    """One CSV row of a ``medwatch_record``: lists joined with " | ", booleans as yes/no."""

    def text(value: Any) -> str:
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, list):
            return " | ".join(text(v) for v in value)
        return "" if value is None else str(value)

    patient, event, source = record["patient"], record["event"], record["source"]
    products = record["products"]
    row: dict[str, Any] = {
        "reference": record["reference"], "kind": record["kind"], "status": record["status"],
        "pv_reference": record["pv_reference"], "follow_up_needed": record["follow_up_needed"],
        **{f"element_{name}": state for name, state in record["minimum_elements"].items()},
        "patient_identifier": patient["identifier"], "patient_age": patient["age"],
        "patient_age_unit": patient["age_unit"], "patient_sex": patient["sex"],
        "event_verbatim": event["verbatim"], "event_language": event["language"], "event_onset": event["onset"],
        "serious": event["serious"],
        **{f"seriousness_{criterion}": on for criterion, on in event["seriousness"].items()},
        "outcome": event["outcome"], "special_situations": event["special_situations"],
        "product_names": [p["name"] for p in products], "products_as_reported": [p["as_reported"] for p in products],
        "product_roles": [p["role"] for p in products], "product_lots": [p["lot"] for p in products],
        "reporter_type": record["reporter"]["type"], "reporter_country": record["reporter"]["country"],
        "source_platform": source["platform"], "source_url": source["url"], "source_post_id": source["post_id"],
        "source_post_time": source["post_time"], "day0": source["day0"], "day0_basis": source["day0_basis"],
        "source_tz": source["source_tz"], "solicited": source["solicited"], "narrative": record["narrative"],
    }
    return {column: text(row.get(column)) for column in COLUMNS}


def _safe_cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def medwatch_csv(safety_cases: Iterable[SafetyCase]) -> str:
    """The cases as CSV, one flattened ``medwatch_record`` per row, with a header row."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    cases = list(safety_cases)
    prefetch(cases)
    for safety_case in cases:
        writer.writerow({k: _safe_cell(v) for k, v in flatten(medwatch_record(safety_case)).items()})
    return out.getvalue()
