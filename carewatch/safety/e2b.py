"""The PV package of a safety case as an ICH E2B(R3) ICSR: HL7 v3 XML (namespace ``urn:hl7-org:v3``),
one ``MCCI_IN200100UV01`` batch holding exactly one ``PORR_IN049016UV`` message (compliance
reference §1.7). The structure follows the FDA FAERS 2022 sample instances and the XPaths of the FDA
regional data-element table (``carewatch/safety/data/icsr_data_elements.csv``); ``e2b_check`` checks
the result against that table.

What is emitted, and from where:

- N.1 / N.2.r wrapper: batch and message ids from the case reference and the creation time; sender
  and receiver device ids from ``sender`` (defaults: the client's slug, and ``<SLUG>-PV``).
- C.1: C.1.1 = C.1.8.1 = ``<country>-<CLIENT>-<AE|PC><number>`` (the reference without the dashes
  ICH asks senders to avoid in the company part; the country is ``sender["country"]``, default US);
  C.1.2 = now; C.1.3 = 1 spontaneous, 2 when the case is solicited (an organised data collection:
  compliance reference §1.2 notes the coding of solicited internet cases is a client SOP matter);
  C.1.4 = day 0, to the second, in the source time zone with its UTC offset; C.1.5 = the latest
  source information attached; C.1.6.1 = false; C.1.7 = ``serious`` (never nullFlavor NI: FDA
  rejects it on initial reports), with FDA.C.1.7.1 15-day / non-expedited to match, and FDA.C.1.12
  (combination product) nullFlavor NI, as a post cannot tell; C.1.8.2 = 2 (not a regulator);
  C.1.9.1 = true with the PV system's case number when there is one, else nullFlavor NI (``false``
  is not allowed there).
- C.2.r: one primary source, the reporter: qualification 5 consumer, or 1/2/3 for a health care
  professional (physician / pharmacist / other, from the reporter evidence), nullFlavor UNK when
  unknown; every name part and the e-mail are nullFlavor MSK and the country UNK. The social handle,
  the display name, the profile URL and the account id are never written anywhere.
- C.3: the client as sender (C.3.1 = 1 pharmaceutical company, C.3.2 = the client's name); the
  person, address and contact fields FDA requires regionally come only from ``sender``.
- D: D.1 nullFlavor MSK when the patient is identifiable (initials are known to the agency but not
  transmitted), UNK when not; age (D.2.2a/b) and sex (D.5) from ``safety_case.patient``; FDA race
  and ethnicity nullFlavor UNK.
- E.i: each reaction's verbatim text (E.i.1.1a, de-identified) with its ISO 639-2 language
  (E.i.1.1b), falling back to the event evidence; the onset (E.i.4) when a reaction has one;
  seriousness E.i.3.2a-f and FDA.E.i.3.2h are ``true`` or nullFlavor NI (``false`` is not an
  allowed value); outcome E.i.7 (default 0 unknown).
- G.k: products as reported (G.k.2.2), suspects first, with their role (G.k.1) and batch/lot
  (G.k.4.r.7) when known, falling back to the product evidence.
- H.1: ``safety_case.narrative`` or, when empty, a narrative drafted from the frozen snapshots.
  Both pass through :func:`deidentify`: the PHI rules of ``carewatch.triage.detectors.phi`` (names,
  e-mails, phones, dates, URLs...) and every handle, @mention, URL and author name become
  ``[MASKED]``.

**MedDRA is left to PV.** E.i.2.1a/b (MedDRA version and LLT code) are ICH-required and allow no
nullFlavor, but MedDRA is licensed (MSSO) and not loaded here: each reaction carries its verbatim
text in ``value/originalText`` with the MedDRA code system and no code, for the client's PV team
to code in its own licensed database. Until a client loads its own MedDRA files (not in scope), the
XML is a hand-over package for PV, not a message ready for a regulator's gateway. ``e2b_check``
says so: it skips those two elements unless asked not to.

Not emitted: dose, route, indication, drug-reaction relatedness (G.k.9.i), reporter
and sender comments, and the ICH XSD check (the schema set is not bundled; ``e2br3.validate`` needs
it supplied).
"""

from __future__ import annotations

import re
import uuid
import zoneinfo
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from lxml import etree  # type: ignore[import-untyped]

from carewatch.safety.models import (
    MINIMUM_ELEMENTS,
    ElementState,
    ReporterType,
    SafetyCase,
    SafetyCaseMention,
    SafetyKind,
)
from carewatch.triage.context import ScreenContext

HL7 = "urn:hl7-org:v3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XSI_TYPE = f"{{{XSI}}}type"

# ICH OIDs (ICH E2B(R3) IG, and the FDA regional table).
OID = "2.16.840.1.113883.3.989.2.1"
OID_BATCH_NUMBER = f"{OID}.3.22"
OID_BATCH_SENDER = f"{OID}.3.13"
OID_BATCH_RECEIVER = f"{OID}.3.14"
OID_MESSAGE_ID = f"{OID}.3.1"  # N.2.r.1 and C.1.1
OID_MESSAGE_SENDER = f"{OID}.3.11"
OID_MESSAGE_RECEIVER = f"{OID}.3.12"
OID_WORLDWIDE_ID = f"{OID}.3.2"  # C.1.8.1
OID_OTHER_CASE_ID = f"{OID}.3.3"  # C.1.9.1.r
OID_MESSAGE_TYPE = f"{OID}.1.1"
OID_REPORT_TYPE = f"{OID}.1.2"
OID_FIRST_SENDER = f"{OID}.1.3"
OID_QUALIFICATION = f"{OID}.1.6"
OID_SENDER_TYPE = f"{OID}.1.7"
OID_OUTCOME = f"{OID}.1.11"
OID_DRUG_ROLE = f"{OID}.1.13"
OID_OBSERVATION = f"{OID}.1.19"
OID_ORGANIZER = f"{OID}.1.20"
OID_RELATED_INVESTIGATION = f"{OID}.1.22"
OID_CHARACTERISTIC = f"{OID}.1.23"
OID_MEDDRA = "2.16.840.1.113883.6.163"
OID_SEX = "1.0.5218"
OID_COUNTRY = "1.0.3166.1.2.2"
OID_NCI = "2.16.840.1.113883.3.26.1.1"  # FDA regional codes (NCI thesaurus)
OID_FDA_REPORT_TYPE = "2.16.840.1.113883.3.989.5.1.2.2.1.1.1"
OID_FDA_OBSERVATION = "2.16.840.1.113883.3.989.5.1.2.2.1.3"

UUID_NAMESPACE = uuid.UUID("0b7f6c1e-6d1a-4f57-9b0e-5a3c2f1de2b3")  # Carewatch E2B ids
MASK = "[MASKED]"
DEFAULT_COUNTRY = "US"

# E.i.3.2a-f and FDA.E.i.3.2h: (criterion, observation code, code system, displayName).
SERIOUSNESS_CODES = (
    ("death", "34", OID_OBSERVATION, "resultsInDeath"),
    ("life_threatening", "21", OID_OBSERVATION, "isLifeThreatening"),
    ("hospitalisation", "33", OID_OBSERVATION, "requiresInpatientHospitalization"),
    ("disability", "35", OID_OBSERVATION, "resultsInPersistentOrSignificantDisability"),
    ("congenital_anomaly", "12", OID_OBSERVATION, "congenitalAnomalyBirthDefect"),
    ("medically_important", "26", OID_OBSERVATION, "otherMedicallyImportantCondition"),
    ("required_intervention", "7", OID_FDA_OBSERVATION, "requiredIntervention"),
)

# E.i.7 (ICH code list 11).
OUTCOMES = {
    "unknown": 0, "recovered": 1, "resolved": 1, "recovering": 2, "resolving": 2, "not_recovered": 3,
    "not_resolved": 3, "ongoing": 3, "recovered_with_sequelae": 4, "sequelae": 4, "fatal": 5, "died": 5,
}
OUTCOME_NAMES = {0: "unknown", 1: "recovered/resolved", 2: "recovering/resolving",
                 3: "not recovered/not resolved/ongoing", 4: "recovered/resolved with sequelae", 5: "fatal"}

# G.k.1 (ICH code list 13).
DRUG_ROLES = {"suspect": 1, "concomitant": 2, "interacting": 3, "not_administered": 4, "drug_not_administered": 4}
DRUG_ROLE_NAMES = {1: "Suspect", 2: "Concomitant", 3: "Interacting", 4: "Drug Not Administered"}

# D.2.2b: UCUM units.
AGE_UNITS = {
    "a": "a", "y": "a", "yr": "a", "yrs": "a", "year": "a", "years": "a",
    "mo": "mo", "month": "mo", "months": "mo", "wk": "wk", "week": "wk", "weeks": "wk",
    "d": "d", "day": "d", "days": "d", "h": "h", "hour": "h", "hours": "h", "10.a": "10.a", "decade": "10.a",
    "decades": "10.a",
}

AGE_UNIT_NAMES = {"a": "years", "mo": "months", "wk": "weeks", "d": "days", "h": "hours", "10.a": "decades"}

# ISO 639-1 -> ISO 639-2 (bibliographic codes where B and T differ). Three-letter codes pass through.
ISO_639_2 = {
    "en": "eng", "es": "spa", "fr": "fre", "de": "ger", "it": "ita", "pt": "por", "nl": "dut", "pl": "pol",
    "sv": "swe", "da": "dan", "no": "nor", "nb": "nob", "fi": "fin", "el": "gre", "cs": "cze", "ro": "rum",
    "hu": "hun", "tr": "tur", "ru": "rus", "uk": "ukr", "ar": "ara", "he": "heb", "hi": "hin", "zh": "chi",
    "ja": "jpn", "ko": "kor", "vi": "vie", "th": "tha", "id": "ind", "ms": "may", "tl": "tgl", "fa": "per",
    "ca": "cat", "bg": "bul", "hr": "hrv", "sk": "slo", "sl": "slv",
}

# The keys ``sender`` may carry (anything else is a typo and refused).
SENDER_KEYS = frozenset({
    "organisation", "department", "title", "given_name", "family_name", "street", "city", "state",
    "postcode", "country", "telephone", "fax", "email", "sender_id", "receiver_id",
})

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_URL = re.compile(r"(?:\bhttps?://|\bwww\.)\S+", re.IGNORECASE)
_AT_HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_.]{1,60}")
# A named doctor: not the patient's PHI for triage (the PHI label is the author's or a relative's identifiers), but a
# narrative that leaves the organisation masks every person named in it.
_DOCTOR = re.compile(r"\b(?:[Dd]r|[Dd]ra|[Dd]octor|[Dd]octora|[Dd]octeur|[Dd]oktor|[Dd]ott|[Dd]ottor(?:e|essa)?|"
                     r"[Dd]outor(?:a)?)\.?\s+[A-ZÀ-ÖØ-Þ][\w'\u2019-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w'\u2019-]+)?")
_PHYSICIAN = re.compile(r"\b(?:doctor|physician|dr\.?|md|médico|medico|médecin|arzt|ärztin)\b", re.IGNORECASE)
_PHARMACIST = re.compile(r"\b(?:pharmacist|farmac[eé]utic[oa]|pharmacien(?:ne)?|apotheker(?:in)?)\b", re.IGNORECASE)


# --------------------------------------------------------------------------------------------------
# De-identification.


def prefetch(safety_cases: list[SafetyCase]) -> None:
    """Load the cases' clients and evidence (with the mentions' authors) in three queries."""
    links = SafetyCaseMention.objects.select_related("mention__author").order_by("-is_primary", "added_at", "pk")
    prefetch_related_objects(safety_cases, "client", Prefetch("links", queryset=links))


def deidentify(text: str, *, context: ScreenContext | None = None, handles: Iterable[str] = (),
               names: Iterable[str] = ()) -> str:
    """``text`` with PHI, handles, @mentions, URLs and the given author names replaced by ``[MASKED]``.

    PHI is what ``carewatch.triage.detectors.phi.find_phi`` finds (names after "my name is", e-mails,
    phones, dates, addresses, member ids, social-profile URLs...); the context's products keep drug
    names from being taken for personal names. A named doctor ("Dr. Amelia Stone", "la Dra. Ruiz") is masked too.
    """
    from carewatch.triage.detectors.phi import find_phi

    if not text:
        return ""
    out = text
    for entity in sorted(find_phi(out, context), key=lambda e: e.start, reverse=True):
        out = out[:entity.start] + MASK + out[entity.end:]
    out = _URL.sub(MASK, out)
    out = _AT_HANDLE.sub(MASK, out)
    out = _DOCTOR.sub(MASK, out)
    # Short words and short numbers (an id like "42") would mask ordinary text: a handle or a name part
    # needs three characters, a numeric account id six.
    words = {w for w in (str(v).strip().lstrip("@") for v in [*handles, *names])
             if len(w) >= (6 if w.isdigit() else 3)}
    for word in sorted(words, key=len, reverse=True):
        out = re.sub(rf"(?<![\w@]){re.escape(word)}(?!\w)", MASK, out, flags=re.IGNORECASE)
    return out


def _identities(safety_case: SafetyCase) -> tuple[set[str], set[str]]:
    """Every handle and author name the case's evidence holds: none may reach the export."""
    handles: set[str] = set()
    names: set[str] = set()
    for link in safety_case.links.all():
        snap = link.snapshot or {}
        handles.update(str(h) for h in [snap.get("author_handle"), snap.get("author_external_id")] if h)
        handles.update(str(item.get("author")) for item in snap.get("thread") or [] if item.get("author"))
        author = link.mention.author
        handles.update(h for h in (author.handle, author.external_id) if h)
        if author.display_name:
            names.add(author.display_name)
            names.update(part for part in author.display_name.split() if len(part) >= 3)
    for element in (safety_case.elements or {}).values():
        for item in (element or {}).get("evidence") or []:
            text = str(item.get("text") or "")
            if text.startswith("@"):
                handles.add(text[1:])
    return handles, names


def _context(safety_case: SafetyCase) -> ScreenContext:
    from carewatch.triage.engine import context_for_client

    products = [str(p.get("name") or "") for p in safety_case.products or [] if isinstance(p, dict)]
    return context_for_client(safety_case.client_id, products=products)


class Masker:
    """De-identifies text with everything the case knows about who posted it (see ``deidentify``)."""

    def __init__(self, safety_case: SafetyCase) -> None:
        self.context = _context(safety_case)
        self.handles, self.names = _identities(safety_case)

    def __call__(self, text: str) -> str:
        return deidentify(text, context=self.context, handles=self.handles, names=self.names)


# --------------------------------------------------------------------------------------------------
# Values.


def hl7_ts(moment: datetime, tz: zoneinfo.ZoneInfo | None = None) -> str:
    """An HL7 TS to the second with its UTC offset: ``CCYYMMDDhhmmss+ZZzz``."""
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(tz or UTC).strftime("%Y%m%d%H%M%S%z")


def source_zone(safety_case: SafetyCase) -> zoneinfo.ZoneInfo | None:
    """The source time zone, if it is a real IANA name (else day 0 is written in UTC)."""
    name = (safety_case.source_tz or "").strip()
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def day0_ts(safety_case: SafetyCase) -> str:
    """C.1.4: day 0, to the second, in the source time zone with its offset (the local date counts)."""
    return hl7_ts(safety_case.day0, source_zone(safety_case))


def safety_report_id(safety_case: SafetyCase, country: str = DEFAULT_COUNTRY) -> str:
    """C.1.1: ``<country>-<company>-<report number>``, no dash inside the company part."""
    company = re.sub(r"[^A-Z0-9]", "", safety_case.client.slug.upper()) or "CLIENT"
    prefix = "AE" if safety_case.kind == SafetyKind.ADVERSE_EVENT else "PC"
    return f"{country.upper()}-{company}-{prefix}{safety_case.number:06d}"


def iso_639_2(code: str | None) -> str:
    """ISO 639-2 alpha-3 for an ISO 639-1 or 639-2 code; ``und`` (undetermined) when unknown."""
    value = (code or "").strip().lower().split("-")[0].split("_")[0]
    if len(value) == 3 and value.isalpha():
        return value
    return ISO_639_2.get(value, "und")


def outcome_code(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value in OUTCOME_NAMES:
        return value
    text = str(value or "").strip().lower().replace(" ", "_").replace("/", "_")
    if text.isdigit() and int(text) in OUTCOME_NAMES:
        return int(text)
    return OUTCOMES.get(text, 0)


def role_code(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value in DRUG_ROLE_NAMES:
        return value
    text = str(value or "suspect").strip().lower().replace(" ", "_")
    if text.isdigit() and int(text) in DRUG_ROLE_NAMES:
        return int(text)
    return DRUG_ROLES.get(text, 1)


def sex_code(value: Any) -> str | None:
    """D.5: 1 male, 2 female, None when unknown."""
    text = str(value or "").strip().lower()
    if text in ("1", "m", "male", "man", "boy", "h", "hombre", "masculino"):
        return "1"
    if text in ("2", "f", "female", "woman", "girl", "w", "mujer", "femenino"):
        return "2"
    return None


def age_value(patient: dict[str, Any]) -> tuple[str, str] | None:
    """D.2.2a/b: the age as a number of at most 5 characters and its UCUM unit, or None."""
    raw = patient.get("age")
    if raw is None or isinstance(raw, bool) or raw == "":
        return None
    try:
        number = float(str(raw).strip())
    except ValueError:
        return None
    if not 0 <= number < 1000:
        return None
    text = str(int(number)) if number == int(number) else f"{number:.1f}"
    unit = AGE_UNITS.get(str(patient.get("age_unit") or "a").strip().lower(), "a")
    return text[:5], unit


def onset_ts(value: Any) -> str | None:
    """E.i.4: an ISO date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, or a date-time) as an HL7 TS of the
    same precision; None when it is not one or lies in the future."""
    text = str(value or "").strip()
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?", text)
    if match is None:
        return None
    digits = "".join(part for part in match.groups() if part)
    try:
        datetime.strptime(digits, {4: "%Y", 6: "%Y%m", 8: "%Y%m%d"}[len(digits)])
    except ValueError:
        return None
    return digits if digits <= timezone.now().strftime("%Y%m%d")[:len(digits)] else None


def qualification(safety_case: SafetyCase) -> str | None:
    """C.2.r.4: 5 consumer; 1 physician, 2 pharmacist, 3 other HCP; None when unknown (UNK)."""
    if safety_case.reporter_type == ReporterType.CONSUMER:
        return "5"
    if safety_case.reporter_type != ReporterType.HCP:
        return None
    reporter = (safety_case.elements or {}).get("reporter") or {}
    said = " ".join(str(e.get("text") or "") for e in reporter.get("evidence") or []) + " " + str(
        reporter.get("verify") or "")
    if _PHARMACIST.search(said):
        return "2"
    if _PHYSICIAN.search(said):
        return "1"
    return "3"


def _clean(text: str, limit: int) -> str:
    text = _XML_ILLEGAL.sub("", text).strip()
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def most_recent_information(safety_case: SafetyCase, now: datetime) -> datetime:
    """C.1.5: the latest time source information reached us, never before day 0 nor after now."""
    latest = safety_case.day0
    for link in safety_case.links.all():
        snap = link.snapshot or {}
        for value in [snap.get("received_at"), snap.get("created_at"),
                      *[i.get("created_at") for i in snap.get("thread") or [] if i.get("direction") != "out"]]:
            moment = _parse_time(value)
            if moment is not None and latest < moment <= now:
                latest = moment
    return min(latest, now)


# --------------------------------------------------------------------------------------------------
# Reactions and products as the export sees them (shared with the MedWatch record).


def _evidence_texts(safety_case: SafetyCase, element: str) -> list[str]:
    found: list[str] = []
    for item in ((safety_case.elements or {}).get(element) or {}).get("evidence") or []:
        text = str(item.get("text") or "").strip()
        if text and text.casefold() not in {f.casefold() for f in found}:
            found.append(text)
    return found


def primary_link_snapshot(safety_case: SafetyCase) -> dict[str, Any]:
    links = sorted(safety_case.links.all(), key=lambda link: (not link.is_primary, link.added_at, link.pk))
    return dict(links[0].snapshot or {}) if links else {}


def reactions_of(safety_case: SafetyCase) -> list[dict[str, Any]]:
    """[{"text", "language" (ISO 639-2), "outcome" (E.i.7 code), "onset"}]: the case's reactions, or the
    event evidence when none were recorded, or — the event element confirmed present by a person —
    what they wrote to verify it, else the post's words."""
    fallback_language = str(primary_link_snapshot(safety_case).get("language") or "")
    rows: list[dict[str, Any]] = []
    for item in safety_case.reactions or []:
        if not isinstance(item, dict) or not str(item.get("text") or "").strip():
            continue
        rows.append({"text": str(item["text"]).strip(),
                     "language": iso_639_2(str(item.get("language") or fallback_language)),
                     "outcome": outcome_code(item.get("outcome")), "onset": item.get("onset") or ""})
    if not rows:
        rows = [{"text": text, "language": iso_639_2(fallback_language), "outcome": 0, "onset": ""}
                for text in _evidence_texts(safety_case, "event")]
    if not rows:
        # A person confirmed the event element by hand (no evidence was highlighted): their note of
        # how it was verified names the event, else the reporter's own words in the post do.
        event = (safety_case.elements or {}).get("event") or {}
        if event.get("state") == "present":
            text = str(event.get("verify") or "").strip() or str(
                primary_link_snapshot(safety_case).get("text") or "").strip()
            if text:
                rows = [{"text": text, "language": iso_639_2(fallback_language), "outcome": 0, "onset": ""}]
    return rows


def products_of(safety_case: SafetyCase) -> list[dict[str, Any]]:
    """[{"name", "as_reported", "role" (G.k.1 code), "lot"}], suspects and interacting first (FDA wants
    the first product to be one), or the product evidence when none were recorded."""
    rows: list[dict[str, Any]] = []
    for item in safety_case.products or []:
        if not isinstance(item, dict):
            continue
        name = str(item.get("name") or "").strip()
        as_reported = str(item.get("as_reported") or "").strip() or name
        if not as_reported:
            continue
        rows.append({"name": name or as_reported, "as_reported": as_reported, "role": role_code(item.get("role")),
                     "lot": str(item.get("lot") or "").strip()})
    if not rows:
        rows = [{"name": text, "as_reported": text, "role": 1, "lot": ""}
                for text in _evidence_texts(safety_case, "product")]
    rows.sort(key=lambda row: 0 if row["role"] in (1, 3) else 1)
    return rows


def patient_identified(safety_case: SafetyCase) -> bool:
    state = ((safety_case.elements or {}).get("patient") or {}).get("state")
    return state == ElementState.PRESENT or bool(safety_case.patient)


# --------------------------------------------------------------------------------------------------
# The narrative.


def _local(value: Any, tz: zoneinfo.ZoneInfo | None) -> str:
    moment = value if isinstance(value, datetime) else _parse_time(value)
    if moment is None:
        return "unknown time"
    return moment.astimezone(tz or UTC).strftime("%Y-%m-%d %H:%M %Z")


def draft_narrative(safety_case: SafetyCase, mask: Callable[[str], str] | None = None) -> str:
    """A case narrative drafted from the frozen evidence, de-identified (PV edits it)."""
    masker = mask or Masker(safety_case)
    tz = source_zone(safety_case)
    primary = primary_link_snapshot(safety_case)
    primary_handle = str(primary.get("author_handle") or "")
    kind = "Adverse event" if safety_case.kind == SafetyKind.ADVERSE_EVENT else "Product complaint"
    platform = str(primary.get("platform") or "a social media platform")
    channel_note = "solicited (organised data collection)" if safety_case.solicited else "unsolicited"
    lines = [
        f"{kind} reported in an {channel_note} {primary.get('kind') or 'post'} on {platform}; the source "
        f"post and its thread are held by the agency under reference {safety_case.reference}.",
        f"Day 0: {_local(safety_case.day0, tz)} ({safety_case.get_day0_basis_display().lower()}).",
        f"Reporter: {safety_case.get_reporter_type_display().lower()}, identity masked (verifiable by the "
        f"agency through the platform account).",
    ]
    patient = safety_case.patient or {}
    age = age_value(patient)
    described = ", ".join(filter(None, [f"age {age[0]} {AGE_UNIT_NAMES[age[1]]}" if age else "",
                                        {"1": "male", "2": "female"}.get(sex_code(patient.get("sex")) or "", "")]))
    if patient_identified(safety_case):
        lines.append(f"Patient: identifiable from the source{'; ' + described if described else ''}.")
    else:
        lines.append("Patient: not identifiable from the source (follow-up needed).")
    products = products_of(safety_case)
    if products:
        lines.append("Product(s): " + "; ".join(
            f"{masker(p['as_reported'])} ({DRUG_ROLE_NAMES[p['role']].lower()}"
            f"{', lot ' + masker(p['lot']) if p['lot'] else ''})" for p in products) + ".")
    reactions = reactions_of(safety_case)
    if reactions:
        lines.append("Reported event(s), verbatim: " + "; ".join(
            f"\"{masker(r['text'])}\" (outcome {OUTCOME_NAMES[r['outcome']]})" for r in reactions) + ".")
    if safety_case.serious:
        criteria = ", ".join(c.replace("_", " ") for c in safety_case.seriousness) or "criteria not stated"
        lines.append(f"Seriousness: serious ({criteria}).")
    else:
        lines.append("Seriousness: not assessed as serious from the source.")
    if safety_case.special_situations:
        lines.append("Special situations: " + ", ".join(s.replace("_", " ") for s in safety_case.special_situations)
                     + ".")
    states = {name: ((safety_case.elements or {}).get(name) or {}).get("state", ElementState.UNKNOWN)
              for name in MINIMUM_ELEMENTS}
    missing = [name for name, state in states.items() if state != ElementState.PRESENT]
    lines.append("Minimum criteria: " + ", ".join(f"{n} {s}" for n, s in states.items())
                 + (f"; follow-up needed for {', '.join(missing)}." if missing else "."))
    lines.append("")
    lines.append("Source text (de-identified):")
    links = sorted(safety_case.links.all(), key=lambda link: (not link.is_primary, link.added_at, link.pk))
    seen: set[Any] = set()
    for link in links:
        snap = link.snapshot or {}
        thread = snap.get("thread") or [{"id": snap.get("mention_id"), "author": snap.get("author_handle"),
                                         "direction": "in", "text": snap.get("text"),
                                         "created_at": snap.get("created_at")}]
        for item in thread:
            key = item.get("id") or (item.get("created_at"), item.get("text"))
            if key in seen:
                continue
            seen.add(key)
            if item.get("direction") == "out":
                who = "brand reply"
            elif primary_handle and item.get("author") == primary_handle:
                who = "reporter"
            else:
                who = "another user"
            lines.append(f"- {_local(item.get('created_at'), tz)}, {who}: {masker(str(item.get('text') or ''))}")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------
# XML.


def _el(parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
    element = etree.SubElement(parent, f"{{{HL7}}}{tag}", attrs)
    if text is not None:
        element.text = _XML_ILLEGAL.sub("", text)
    return element


def _value(parent: Any, xsi_type: str, text: str | None = None, **attrs: str) -> Any:
    element = etree.SubElement(parent, f"{{{HL7}}}value", {XSI_TYPE: xsi_type, **attrs})
    if text is not None:
        element.text = _XML_ILLEGAL.sub("", text)
    return element


def _observation_component(parent: Any, code: str, code_system: str, display: str,
                           tag: str = "observationEvent") -> Any:
    component = _el(parent, "component", typeCode="COMP")
    event = _el(component, tag, classCode="OBS", moodCode="EVN")
    _el(event, "code", code=code, codeSystem=code_system, displayName=display)
    return event


def _flag(parent: Any, code: str, code_system: str, display: str, on: bool) -> None:
    relation = _el(parent, "outboundRelationship2", typeCode="PERT")
    observation = _el(relation, "observation", classCode="OBS", moodCode="EVN")
    _el(observation, "code", code=code, codeSystem=code_system, displayName=display)
    if on:
        _value(observation, "BL", value="true")
    else:
        _value(observation, "BL", nullFlavor="NI")


def _device(parent: Any, tag: str, type_code: str, root: str, extension: str) -> None:
    holder = _el(parent, tag, typeCode=type_code)
    device = _el(holder, "device", classCode="DEV", determinerCode="INSTANCE")
    _el(device, "id", extension=extension, root=root)


def _stable_uuid(*parts: object) -> str:
    return str(uuid.uuid5(UUID_NAMESPACE, "/".join(str(p) for p in parts)))


def _patient(primary_role: Any, safety_case: SafetyCase, reactions: list[dict[str, Any]],
             products: list[dict[str, Any]], masker: Masker, report_id: str) -> None:
    patient = safety_case.patient or {}
    player = _el(primary_role, "player1", classCode="PSN", determinerCode="INSTANCE")
    # D.1: known (masked for privacy) when identifiable, unknown otherwise; initials never leave.
    _el(player, "name", nullFlavor="MSK" if patient_identified(safety_case) else "UNK")
    sex = sex_code(patient.get("sex"))
    if sex:
        _el(player, "administrativeGenderCode", code=sex, codeSystem=OID_SEX,
            displayName="Male" if sex == "1" else "Female")
    else:
        _el(player, "administrativeGenderCode", nullFlavor="UNK")
    age = age_value(patient)
    if age:
        observation = _el(_el(primary_role, "subjectOf2", typeCode="SBJ"), "observation", classCode="OBS",
                          moodCode="EVN")
        _el(observation, "code", code="3", codeSystem=OID_OBSERVATION, displayName="age")
        _value(observation, "PQ", value=age[0], unit=age[1])
    for code, display in (("C17049", "Race"), ("C16564", "Ethnic Group")):  # FDA.D.11.r / FDA.D.12
        observation = _el(_el(primary_role, "subjectOf2", typeCode="SBJ"), "observation", classCode="OBS",
                          moodCode="EVN")
        _el(observation, "code", code=code, codeSystem=OID_NCI, displayName=display)
        _value(observation, "CE", nullFlavor="UNK")

    criteria = set(safety_case.seriousness or [])
    for index, reaction in enumerate(reactions):
        observation = _el(_el(primary_role, "subjectOf2", typeCode="SBJ"), "observation", classCode="OBS",
                          moodCode="EVN")
        _el(observation, "id", root=_stable_uuid(report_id, "reaction", index))
        _el(observation, "code", code="29", codeSystem=OID_OBSERVATION, displayName="reaction")
        onset = onset_ts(reaction["onset"])
        if onset:
            interval = _el(observation, "effectiveTime")
            interval.set(XSI_TYPE, "IVL_TS")
            _el(interval, "low", value=onset)  # E.i.4
        # E.i.2.1a/b (MedDRA) left to PV: the code system is named, the code is not.
        value = _value(observation, "CE", codeSystem=OID_MEDDRA)
        _el(value, "originalText", _clean(masker(reaction["text"]), 250), language=reaction["language"])
        for criterion, code, code_system, display in SERIOUSNESS_CODES:
            _flag(observation, code, code_system, display, criterion in criteria)
        relation = _el(observation, "outboundRelationship2", typeCode="PERT")
        outcome = _el(relation, "observation", classCode="OBS", moodCode="EVN")
        _el(outcome, "code", code="27", codeSystem=OID_OBSERVATION, displayName="outcome")
        _value(outcome, "CE", code=str(reaction["outcome"]), codeSystem=OID_OUTCOME,
               displayName=OUTCOME_NAMES[reaction["outcome"]])

    if not products:
        return
    organizer = _el(_el(primary_role, "subjectOf2", typeCode="SBJ"), "organizer", classCode="CATEGORY",
                    moodCode="EVN")
    _el(organizer, "code", code="4", codeSystem=OID_ORGANIZER, displayName="drugInformation")
    for index, product in enumerate(products):
        administration = _el(_el(organizer, "component", typeCode="COMP"), "substanceAdministration",
                             classCode="SBADM", moodCode="EVN")
        _el(administration, "id", root=_stable_uuid(report_id, "drug", index))
        kind = _el(_el(_el(administration, "consumable", typeCode="CSM"), "instanceOfKind", classCode="INST"),
                   "kindOfProduct", classCode="MMAT", determinerCode="KIND")
        _el(kind, "name", _clean(masker(product["as_reported"]), 250))
        if product["lot"]:
            dosage = _el(_el(administration, "outboundRelationship2", typeCode="COMP"), "substanceAdministration",
                         classCode="SBADM", moodCode="EVN")
            instance = _el(_el(_el(dosage, "consumable", typeCode="CSM"), "instanceOfKind", classCode="INST"),
                           "productInstanceInstance", classCode="MMAT", determinerCode="INSTANCE")
            _el(instance, "lotNumberText", _clean(masker(product["lot"]), 35))


def _roles(assessment: Any, products: list[dict[str, Any]], report_id: str) -> None:
    for index, product in enumerate(products):
        causality = _el(_el(assessment, "component", typeCode="COMP"), "causalityAssessment", classCode="OBS",
                        moodCode="EVN")
        _el(causality, "code", code="20", codeSystem=OID_OBSERVATION, displayName="interventionCharacterization")
        _value(causality, "CE", code=str(product["role"]), codeSystem=OID_DRUG_ROLE,
               displayName=DRUG_ROLE_NAMES[product["role"]])
        reference = _el(_el(causality, "subject2", typeCode="SUBJ"), "productUseReference", classCode="SBADM",
                        moodCode="EVN")
        _el(reference, "id", root=_stable_uuid(report_id, "drug", index))


def _primary_source(event: Any, safety_case: SafetyCase) -> None:
    relation = _el(event, "outboundRelationship", typeCode="SPRT")
    _el(relation, "priorityNumber", value="1")  # C.2.r.5: the primary source for regulatory purposes
    related = _el(relation, "relatedInvestigation", classCode="INVSTG", moodCode="EVN")
    _el(related, "code", code="2", codeSystem=OID_RELATED_INVESTIGATION, displayName="sourceReport")
    author = _el(_el(_el(related, "subjectOf2", typeCode="SUBJ"), "controlActEvent", classCode="CACT",
                     moodCode="EVN"), "author", typeCode="AUT")
    entity = _el(author, "assignedEntity", classCode="ASSIGNED")
    _el(entity, "telecom", nullFlavor="MSK", value="mailto")  # FDA.C.2.r.2.8
    person = _el(entity, "assignedPerson", classCode="PSN", determinerCode="INSTANCE")
    name = _el(person, "name")
    _el(name, "given", nullFlavor="MSK")
    _el(name, "family", nullFlavor="MSK")
    qualified = _el(person, "asQualifiedEntity", classCode="QUAL")
    code = qualification(safety_case)
    if code:
        _el(qualified, "code", code=code, codeSystem=OID_QUALIFICATION,
            displayName={"1": "Physician", "2": "Pharmacist", "3": "Other health professional",
                         "5": "Consumer or other non health professional"}[code])
    else:
        _el(qualified, "code", nullFlavor="UNK")
    located = _el(person, "asLocatedEntity", classCode="LOCE")
    _el(_el(located, "location", classCode="COUNTRY", determinerCode="INSTANCE"), "code", nullFlavor="UNK")


def _sender(event: Any, safety_case: SafetyCase, sender: dict[str, str]) -> None:
    author = _el(_el(_el(event, "subjectOf1", typeCode="SUBJ"), "controlActEvent", classCode="CACT",
                     moodCode="EVN"), "author", typeCode="AUT")
    entity = _el(author, "assignedEntity", classCode="ASSIGNED")
    _el(entity, "code", code="1", codeSystem=OID_SENDER_TYPE, displayName="Pharmaceutical Company")
    address = [(key, tag) for key, tag in (("street", "streetAddressLine"), ("city", "city"), ("state", "state"),
                                           ("postcode", "postalCode")) if sender.get(key)]
    if address:
        addr = _el(entity, "addr")
        for key, tag in address:
            _el(addr, tag, _clean(sender[key], 100))
    for key, scheme in (("telephone", "tel"), ("fax", "fax"), ("email", "mailto")):
        if sender.get(key):
            _el(entity, "telecom", value=f"{scheme}:{sender[key].strip()}")
    person = _el(entity, "assignedPerson", classCode="PSN", determinerCode="INSTANCE")
    if any(sender.get(k) for k in ("title", "given_name", "family_name")):
        name = _el(person, "name")
        for key, tag in (("title", "prefix"), ("given_name", "given"), ("family_name", "family")):
            if sender.get(key):
                _el(name, tag, _clean(sender[key], 60))
    located = _el(person, "asLocatedEntity", classCode="LOCE")
    _el(_el(located, "location", classCode="COUNTRY", determinerCode="INSTANCE"), "code",
        code=(sender.get("country") or DEFAULT_COUNTRY).upper(), codeSystem=OID_COUNTRY)
    department = _el(entity, "representedOrganization", classCode="ORG", determinerCode="INSTANCE")
    if sender.get("department"):
        _el(department, "name", _clean(sender["department"], 60))
    organisation = _el(_el(department, "assignedEntity", classCode="ASSIGNED"), "representedOrganization",
                       classCode="ORG", determinerCode="INSTANCE")
    _el(organisation, "name", _clean(sender.get("organisation") or safety_case.client.name, 100))


def render_e2b(safety_case: SafetyCase, *, sender: dict[str, str] | None = None) -> bytes:
    """The safety case as an E2B(R3) batch of one ICSR, UTF-8 XML bytes. See the module docstring.

    ``sender`` may give the sender's details (keys in ``SENDER_KEYS``: organisation, department,
    title, given_name, family_name, street, city, state, postcode, country, telephone, fax, email,
    and the gateway ids sender_id / receiver_id); without it the client is the sender by name only.
    """
    prefetch([safety_case])
    sender = {k: str(v) for k, v in (sender or {}).items() if v not in (None, "")}
    unknown = set(sender) - SENDER_KEYS
    if unknown:
        raise ValueError(f"unknown sender keys: {', '.join(sorted(unknown))}")
    now = timezone.now()
    created = hl7_ts(now)
    country = (sender.get("country") or DEFAULT_COUNTRY).upper()
    report_id = safety_report_id(safety_case, country)
    stamp = now.strftime("%Y%m%d%H%M%S")
    slug = re.sub(r"[^A-Z0-9]", "", safety_case.client.slug.upper()) or "CLIENT"
    sender_id = sender.get("sender_id") or slug
    receiver_id = sender.get("receiver_id") or f"{slug}-PV"
    masker = Masker(safety_case)
    reactions = reactions_of(safety_case)
    products = products_of(safety_case)

    root = etree.Element(f"{{{HL7}}}MCCI_IN200100UV01", {"ITSVersion": "XML_1.0",
                                                         f"{{{XSI}}}schemaLocation": f"{HL7} MCCI_IN200100UV01.xsd"},
                         nsmap={None: HL7, "xsi": XSI})
    _el(root, "id", extension=f"{report_id}-{stamp}", root=OID_BATCH_NUMBER)  # N.1.2
    _el(root, "creationTime", value=created)  # N.1.5
    _el(root, "responseModeCode", code="D")
    _el(root, "interactionId", extension="MCCI_IN200100UV01", root="2.16.840.1.113883.1.6")
    _el(root, "name", code="1", displayName="ichicsr", codeSystem=OID_MESSAGE_TYPE)  # N.1.1

    message = _el(root, "PORR_IN049016UV")
    _el(message, "id", extension=f"{report_id}-{stamp}", root=OID_MESSAGE_ID)  # N.2.r.1
    _el(message, "creationTime", value=created)  # N.2.r.4 (= C.1.2)
    _el(message, "interactionId", extension="PORR_IN049016UV", root="2.16.840.1.113883.1.6")
    _el(message, "processingCode", code="P")
    _el(message, "processingModeCode", code="I")  # as in the FDA FAERS samples
    _el(message, "acceptAckCode", code="AL")
    _device(message, "receiver", "RCV", OID_MESSAGE_RECEIVER, receiver_id)  # N.2.r.3
    _device(message, "sender", "SND", OID_MESSAGE_SENDER, sender_id)  # N.2.r.2

    process = _el(message, "controlActProcess", classCode="CACT", moodCode="EVN")
    _el(process, "code", code="PORR_TE049016UV", codeSystem="2.16.840.1.113883.1.18")
    _el(process, "effectiveTime", value=created)  # C.1.2
    event = _el(_el(process, "subject", typeCode="SUBJ"), "investigationEvent", classCode="INVSTG", moodCode="EVN")
    _el(event, "id", extension=report_id, root=OID_MESSAGE_ID)  # C.1.1
    _el(event, "id", extension=report_id, root=OID_WORLDWIDE_ID)  # C.1.8.1
    _el(event, "code", code="PAT_ADV_EVNT", codeSystem="2.16.840.1.113883.5.4")
    narrative = masker(safety_case.narrative) if safety_case.narrative.strip() else draft_narrative(
        safety_case, masker)
    _el(event, "text", _clean(narrative, 100_000))  # H.1
    _el(event, "statusCode", code="active")
    _el(_el(event, "effectiveTime"), "low", value=day0_ts(safety_case))  # C.1.4
    _el(event, "availabilityTime", value=hl7_ts(most_recent_information(safety_case, now),
                                                source_zone(safety_case)))  # C.1.5

    assessment = _el(_el(event, "component", typeCode="COMP"), "adverseEventAssessment", classCode="INVSTG",
                     moodCode="EVN")
    primary_role = _el(_el(assessment, "subject1", typeCode="SBJ"), "primaryRole", classCode="INVSBJ")
    _patient(primary_role, safety_case, reactions, products, masker, report_id)
    _roles(assessment, products, report_id)

    documents = _observation_component(event, "1", OID_OBSERVATION, "additionalDocumentsAvailable")
    _value(documents, "BL", value="false")  # C.1.6.1
    expedited = _observation_component(event, "23", OID_OBSERVATION, "localCriteriaForExpedited")
    _value(expedited, "BL", value="true" if safety_case.serious else "false")  # C.1.7, never NI
    report_type = _observation_component(event, "C54588", OID_NCI, "localCriteriaReportType")
    _value(report_type, "CE", code="1" if safety_case.serious else "2", codeSystem=OID_FDA_REPORT_TYPE,
           displayName="15-Day" if safety_case.serious else "Non-Expedited AE")  # FDA.C.1.7.1
    combination = _observation_component(event, "C156384", OID_NCI, "Combination Product Report Indicator")
    _value(combination, "BL", nullFlavor="NI")  # FDA.C.1.12: not known from a post

    first = _el(_el(event, "outboundRelationship", typeCode="SPRT"), "relatedInvestigation", classCode="INVSTG",
                moodCode="EVN")
    _el(first, "code", code="1", codeSystem=OID_RELATED_INVESTIGATION, displayName="initialReport")
    first_author = _el(_el(_el(first, "subjectOf2", typeCode="SUBJ"), "controlActEvent", classCode="CACT",
                           moodCode="EVN"), "author", typeCode="AUT")
    _el(_el(first_author, "assignedEntity", classCode="ASSIGNED"), "code", code="2", displayName="other",
        codeSystem=OID_FIRST_SENDER)  # C.1.8.2
    _primary_source(event, safety_case)

    if safety_case.pv_reference:  # C.1.9.1.r
        other = _el(_el(event, "subjectOf1", typeCode="SUBJ"), "controlActEvent", classCode="CACT", moodCode="EVN")
        _el(other, "id", assigningAuthorityName=_clean(f"{safety_case.client.name} PV", 100),
            extension=_clean(safety_case.pv_reference, 100), root=OID_OTHER_CASE_ID)
    _sender(event, safety_case, sender)

    characteristic = _el(_el(event, "subjectOf2", typeCode="SUBJ"), "investigationCharacteristic", classCode="OBS",
                         moodCode="EVN")
    _el(characteristic, "code", code="1", codeSystem=OID_CHARACTERISTIC, displayName="ICH ReportType")
    solicited = safety_case.solicited
    _value(characteristic, "CE", code="2" if solicited else "1", codeSystem=OID_REPORT_TYPE,
           displayName="Report from study" if solicited else "Spontaneous report")  # C.1.3
    characteristic = _el(_el(event, "subjectOf2", typeCode="SUBJ"), "investigationCharacteristic", classCode="OBS",
                         moodCode="EVN")
    _el(characteristic, "code", code="2", codeSystem=OID_CHARACTERISTIC, displayName="otherCaseIds")
    if safety_case.pv_reference:
        _value(characteristic, "BL", value="true")  # C.1.9.1
    else:
        _value(characteristic, "BL", nullFlavor="NI")

    _device(root, "receiver", "RCV", OID_BATCH_RECEIVER, receiver_id)  # N.1.4
    _device(root, "sender", "SND", OID_BATCH_SENDER, sender_id)  # N.1.3

    etree.indent(root, space="  ")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8")) + b"\n"
