"""A conformance check of E2B(R3) XML against the FDA regional data-element table.

The table is ``carewatch/safety/data/icsr_data_elements.csv`` (see ``data/README.md``): one row per
ICH or FDA data element, with its ICH conformance, allowed values, maximum length, the nullFlavors
it allows and the XPath of its value (and of its nullFlavor). ``check_e2b`` evaluates those XPaths
(XPath 1.0, with lxml) and, for each element it checks, in every repetition of its group (every
message, reaction, drug, primary source), requires a value, or a nullFlavor that the table allows.
A value must also be one the table lists (coded and boolean elements), fit the maximum length, and
for dates have the precision the ICH rules ask for and not lie in the future.

What it checks (``checked_elements()`` lists them with the reason):

- every element whose ICH conformance is "Required": N.1.1-N.1.5, N.2.r.1-N.2.r.4, C.1.1-C.1.5,
  C.1.6.1, C.1.7, C.1.8.1, C.1.8.2, C.1.9.1, C.3.1, D.1, E.i.3.2a-f, E.i.7, G.k.1, G.k.2.2, H.1,
  and E.i.2.1a/b (MedDRA) unless ``meddra_deferred`` (the default: Carewatch leaves MedDRA coding to
  the client's PV team, see ``carewatch.safety.e2b``; the skip is reported by ``checked_elements``);
- the "Conditional-Required" elements whose condition is read from the message itself: C.3.2 (when
  C.3.1 is not 7), C.2.r.3 and C.2.r.4 (for the primary source with C.2.r.5 = 1), E.i.1.1b (when
  E.i.1.1a is given), D.2.2a/D.2.2b (each when the other is given), C.1.9.1.r.1/r.2 (when C.1.9.1
  is true);
- three business rules of the table: at least one drug is suspect, interacting or not administered
  (G.k.1); exactly one primary source has C.2.r.5 = 1; C.1.7 nullFlavor NI is flagged because FDA
  rejects it on initial reports.

What it does not check: the ICH XSD (the schema set is not bundled), other conditional elements,
the FDA regional "Required" elements (several of the table's FDA XPaths disagree with FDA's own
sample instances), and the remaining business rules in ``rejection_warning_rules.csv``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

HL7 = "urn:hl7-org:v3"
NAMESPACES = {"xsi": "http://www.w3.org/2001/XMLSchema-instance"}
TABLE = Path(__file__).resolve().parent / "data" / "icsr_data_elements.csv"
MEDDRA_ELEMENTS = ("E.i.2.1a", "E.i.2.1b")
NULL_FLAVORS = ("NI", "MSK", "UNK", "NA", "ASKU", "NASK", "NINF", "PINF", "OTH")

# Conditional-Required elements whose condition the message states: element -> (trigger element,
# test of the trigger's value (None: the trigger has no value), why).
Condition = tuple[str, Callable[[str | None], bool], str]
CONDITIONS: dict[str, Condition] = {
    "C.3.2": ("C.3.1", lambda v: v is not None and v != "7", "required when C.3.1 is not 7"),
    "C.2.r.3": ("C.2.r.5", lambda v: v == "1", "required for the primary source (C.2.r.5 = 1)"),
    "C.2.r.4": ("C.2.r.5", lambda v: v == "1", "required for the primary source (C.2.r.5 = 1)"),
    "E.i.1.1b": ("E.i.1.1a", lambda v: v is not None, "required when E.i.1.1a is given"),
    "D.2.2a": ("D.2.2b", lambda v: v is not None, "required when D.2.2b is given"),
    "D.2.2b": ("D.2.2a", lambda v: v is not None, "required when D.2.2a is given"),
    "C.1.9.1.r.1": ("C.1.9.1", lambda v: v == "true", "required when C.1.9.1 is true"),
    "C.1.9.1.r.2": ("C.1.9.1", lambda v: v == "true", "required when C.1.9.1 is true"),
}

Indices = tuple[int | str, ...]  # the repetition numbers (a drug's id for G.k.1) of a concrete XPath
_PLACEHOLDER = re.compile(r"\[[rikj]\]|'UUID of k-th drug'")
_UUID_OF_DRUG = "'UUID of k-th drug'"
# The drugs of message r (for G.k.1, whose table XPath names "the UUID of the k-th drug").
_DRUG_IDS = ("/MCCI_IN200100UV01/PORR_IN049016UV[{r}]/controlActProcess/subject/investigationEvent/component/"
             "adverseEventAssessment/subject1/primaryRole/subjectOf2/organizer[code[@code='4']"
             "[@codeSystem='2.16.840.1.113883.3.989.2.1.1.20']]/component/substanceAdministration/id/@root")
_TS = re.compile(r"^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.\d{1,4})?(?:[+-]\d{2}(?:\d{2})?)?$")


@dataclass(frozen=True)
class DataElement:
    id: str
    name: str
    ich: str  # ICH conformance: Required, Conditional-Required, Optional
    fda: str  # FDA post-market conformance
    max_length: int | None
    data_type: str
    values: str
    rules: str
    null_flavors: frozenset[str]
    xpath: str
    null_xpath: str

    @property
    def allowed_values(self) -> frozenset[str] | None:
        """The codes or booleans the table allows, or None for free values."""
        text = self.values.lower()
        if "boolean" in self.data_type.lower():
            found = frozenset(w for w in ("true", "false") if re.search(rf"\b{w}\b", text))
            return found or None
        if self.data_type.strip().upper() == "N":
            codes = re.findall(r"(?<![\w.])(\d+)\s*=", self.values)
            return frozenset(codes) or None
        return None


def _cell(row: list[str], index: int) -> str:
    return row[index].strip() if index < len(row) else ""


@cache
def load_table(path: Path = TABLE) -> dict[str, DataElement]:
    """The table's data elements by number (header rows and blank rows left out)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[1]
    expected = {2: "DATA ELEMENT NUMBER", 7: "CONFORMANCE", 20: "NI", 28: "OTH", 32: "Value", 33: "Null"}
    for index, name in expected.items():
        if header[index].strip() != name:
            raise ValueError(f"{path.name}: column {index} is {header[index]!r}, expected {name!r}")
    elements: dict[str, DataElement] = {}
    for row in rows[2:]:
        number = _cell(row, 2)
        if not number or number.startswith("("):
            continue
        max_length = _cell(row, 4)
        elements[number] = DataElement(
            id=number, name=" ".join(_cell(row, 3).split()), ich=_cell(row, 7), fda=_cell(row, 9),
            max_length=int(max_length) if max_length.isdigit() else None, data_type=_cell(row, 5),
            values=" ".join(_cell(row, 6).split()), rules=" ".join(_cell(row, 8).split()),
            null_flavors=frozenset(flavor for flavor, cell in zip(NULL_FLAVORS, row[20:29], strict=False)
                                   if cell.strip() == "Yes"),
            xpath=_cell(row, 32), null_xpath=_cell(row, 33),
        )
    return elements


def checked_elements(*, meddra_deferred: bool = True) -> list[tuple[str, str, str]]:
    """(element, name, why it is checked, or why it is skipped) for every element ``check_e2b``
    looks at or deliberately skips, in table order."""
    table = load_table()
    found: list[tuple[str, str, str]] = []
    for number, element in table.items():
        if element.ich == "Required":
            if meddra_deferred and number in MEDDRA_ELEMENTS:
                found.append((number, element.name, "SKIPPED: ICH Required, MedDRA coding left to PV"))
            else:
                found.append((number, element.name, "ICH Required"))
        elif number in CONDITIONS:
            found.append((number, element.name, f"ICH Conditional-Required: {CONDITIONS[number][2]}"))
    return found


def _strings(result: Any) -> list[str]:
    items = result if isinstance(result, list) else [result]
    values = []
    for item in items:
        if isinstance(item, bool) or item is None:
            continue
        text = str(item).strip()
        if text:
            values.append(text)
    return values


def _null_xpath(element: DataElement) -> str:
    if element.null_xpath:
        return element.null_xpath
    # The table leaves some nullFlavor XPaths out: the value's own element, @nullFlavor.
    return re.sub(r"/(?:@[\w:]+|text\(\))\)?(?:,\s*\d+\))?$", "/@nullFlavor", element.xpath.removeprefix("substring("))


class _Document:
    def __init__(self, root: Any) -> None:
        self.root = root
        self._cache: dict[str, list[str]] = {}

    def values(self, xpath: str) -> list[str]:
        if xpath not in self._cache:
            self._cache[xpath] = _strings(self.root.xpath(xpath, namespaces=NAMESPACES))
        return self._cache[xpath]

    def count(self, xpath: str) -> int:
        return int(self.root.xpath(f"count({xpath})", namespaces=NAMESPACES))

    def repetitions(self, xpath: str, indices: Indices = ()) -> Iterator[tuple[str, Indices]]:
        """Every concrete XPath of ``xpath``, one per repetition of its groups, with their indices.
        Yields nothing when some group has no repetition."""
        match = _PLACEHOLDER.search(xpath)
        if match is None:
            yield xpath, indices
            return
        head, tail = xpath[:match.start()], xpath[match.end():]
        if match.group() == _UUID_OF_DRUG:
            message = indices[0] if indices else 1
            for drug in self.values(_DRUG_IDS.format(r=message)):
                yield from self.repetitions(f"{head}'{drug}'{tail}", (*indices, drug))
            return
        for n in range(1, self.count(head) + 1):
            yield from self.repetitions(f"{head}[{n}]{tail}", (*indices, n))


def _where(number: str, indices: Indices) -> str:
    shown = [str(i) for i in indices[1:]] if indices and indices[0] == 1 else [str(i) for i in indices]
    return f"{number} #{'/'.join(shown)}" if shown else number


def _check_value(element: DataElement, value: str, where: str, now: datetime) -> list[str]:
    problems = []
    allowed = element.allowed_values
    if allowed is not None and value not in allowed:
        problems.append(f"{where} ({element.name}): {value!r} is not an allowed value ({', '.join(sorted(allowed))})")
    if element.max_length is not None and len(value) > element.max_length:
        problems.append(f"{where} ({element.name}): {len(value)} characters, more than {element.max_length}")
    if "date" in element.data_type.lower():
        match = _TS.match(value)
        rules = element.rules.lower()
        needed = 14 if "to the second" in rules else 8 if "required is the day" in rules else 4
        digits = len(value.split(".")[0].split("+")[0].split("-")[0])
        if match is None:
            problems.append(f"{where} ({element.name}): {value!r} is not an HL7 date/time")
        elif digits < needed:
            problems.append(f"{where} ({element.name}): {value!r} is less precise than the {needed} digits required")
        elif "future" in element.rules and digits >= 8:
            day = datetime.strptime(value[:8], "%Y%m%d").replace(tzinfo=UTC)
            if day > now + timedelta(days=1):
                problems.append(f"{where} ({element.name}): {value!r} is in the future")
    return problems


def _check_element(doc: _Document, element: DataElement, now: datetime,
                   condition: Condition | None, table: dict[str, DataElement]) -> list[str]:
    problems: list[str] = []
    null_xpath = _null_xpath(element)
    trigger = table[condition[0]] if condition else None

    def applies(indices: Indices) -> bool:
        if condition is None or trigger is None:
            return True
        placeholders = len(_PLACEHOLDER.findall(trigger.xpath))
        if placeholders > len(indices):
            return False
        concrete = trigger.xpath
        for index in indices[:placeholders]:
            concrete = _PLACEHOLDER.sub(f"'{index}'" if isinstance(index, str) else f"[{index}]", concrete, count=1)
        found = doc.values(concrete)
        return condition[1](found[0] if found else None)

    instances = list(doc.repetitions(element.xpath))
    if not instances:
        # Some group on the way has no repetition: a required element has nowhere to be.
        group = _PLACEHOLDER.search(element.xpath)
        if condition is None or applies((1,)):
            problems.append(f"{element.id} ({element.name}): required, but its group has no repetition"
                            f"{' in the message' if group else ''}")
        return problems
    for xpath, indices in instances:
        if not applies(indices):
            continue
        where = _where(element.id, indices)
        values = doc.values(xpath)
        if values:
            problems.extend(_check_value(element, values[0], where, now))
            continue
        concrete_null = null_xpath
        for index in indices:
            concrete_null = _PLACEHOLDER.sub(f"'{index}'" if isinstance(index, str) else f"[{index}]", concrete_null,
                                             count=1)
        flavors = doc.values(concrete_null) if _PLACEHOLDER.search(concrete_null) is None else []
        if not flavors:
            problems.append(f"{where} ({element.name}): required, no value and no nullFlavor")
        elif flavors[0] not in element.null_flavors:
            allowed = ", ".join(sorted(element.null_flavors)) or "none"
            problems.append(f"{where} ({element.name}): nullFlavor {flavors[0]} is not allowed (allowed: {allowed})")
    return problems


def _business_rules(doc: _Document, table: dict[str, DataElement]) -> list[str]:
    problems: list[str] = []
    for _message, indices in doc.repetitions("/MCCI_IN200100UV01/PORR_IN049016UV[r]"):
        message = indices[0]
        roles = [v for x, _ in doc.repetitions(_PLACEHOLDER.sub(f"[{message}]", table["G.k.1"].xpath, count=1))
                 for v in doc.values(x)]
        if roles and not set(roles) & {"1", "3", "4"}:
            problems.append(f"G.k.1: message {message} has no suspect, interacting or not-administered drug")
        primary = [v for x, _ in doc.repetitions(_PLACEHOLDER.sub(f"[{message}]", table["C.2.r.5"].xpath, count=1))
                   for v in doc.values(x)]
        if primary.count("1") != 1:
            problems.append(f"C.2.r.5: message {message} has {primary.count('1')} primary sources for regulatory "
                            f"purposes, not exactly one")
        expedited = doc.values(_PLACEHOLDER.sub(f"[{message}]", table["C.1.7"].null_xpath, count=1))
        if expedited and expedited[0] == "NI":
            problems.append("C.1.7: nullFlavor NI is rejected by FDA on initial reports")
    return problems


def parse_safely(xml: bytes) -> Any:
    """The XML's root element: no DTD, no entities, no network (an E2B file never needs them)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    root = etree.fromstring(xml, parser)
    if root.getroottree().docinfo.doctype:
        raise ValueError("a DOCTYPE is not allowed in E2B(R3) XML")
    return root


def check_e2b(xml: bytes, *, meddra_deferred: bool = True) -> list[str]:
    """The problems found in ``xml`` (an E2B(R3) batch), one line each; [] when none.
    ``checked_elements()`` says what is checked."""
    try:
        root = parse_safely(xml)
    except (etree.XMLSyntaxError, ValueError) as exc:
        return [f"not well-formed XML: {exc}"]
    if root.tag != f"{{{HL7}}}MCCI_IN200100UV01":
        return [f"not an E2B(R3) batch: the root element is {root.tag}"]
    for node in root.iter():  # the table's XPaths carry no namespace prefix
        if isinstance(node.tag, str) and node.tag.startswith(f"{{{HL7}}}"):
            node.tag = node.tag[len(HL7) + 2:]
    etree.cleanup_namespaces(root)
    doc = _Document(root)
    table = load_table()
    now = datetime.now(UTC)
    problems: list[str] = []
    for number, _name, why in checked_elements(meddra_deferred=meddra_deferred):
        if why.startswith("SKIPPED"):
            continue
        problems.extend(_check_element(doc, table[number], now, CONDITIONS.get(number), table))
    problems.extend(_business_rules(doc, table))
    return problems
