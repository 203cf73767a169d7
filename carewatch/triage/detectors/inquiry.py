"""Medical inquiries and off-label questions (compliance reference §1.6: an off-label request gets a public
reply limited to Medical Information's contact details, and the case goes to Medical Information).

``medical_inquiry``: a question or request for advice (a "?" or a cue such as "can I", "is it safe",
"should I", "¿puedo…?", "est-ce que je peux…", "darf ich…") on a medical topic (dosing, missed dose,
interactions, side effects, storage, pregnancy, food, stopping, procedures, onset, expiry, risks) about the
product: named, or implied by the brand's own or paid channel (on a hospital's own channel, any medical
question). Cost, coverage, stock and service questions alone are not medical inquiries, and a generic verb
("can I use…") counts only about a medicine.

``off_label``: a question or statement about use outside the product's approved indications
(``ProductTerms.indications``): a condition ("for weight loss" with a type 2 diabetes product, "for my
eczema" with a psoriasis product), a population (children, unless an indication names them) or an
unapproved dosing ("double the dose", "split the pen"). It needs a product context: the product named, or
an owned or paid channel of a client with products. With no indications known, only dosing and an explicit
"off-label" count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from carewatch.triage.context import ProductTerms, ScreenContext
from carewatch.triage.detectors.base import Detector
from carewatch.triage.detectors.care import (
    FLAGS,
    MED_NOUN,
    Cues,
    Hit,
    Text,
    alternation,
    clause_before,
    dedupe,
    evidence,
    last_words,
    negated,
    product_spans,
    words,
)
from carewatch.triage.detectors.spam import SCAM
from carewatch.triage.lexicons import urgent_concepts
from carewatch.triage.lexicons.care_inquiry import (
    CONDITIONS,
    DOSING,
    FRAMINGS,
    GENERIC,
    MISSED,
    NON_MEDICAL,
    OFF_LABEL_ROUND9,
    OFF_LABEL_WORDS,
    PARENTS,
    PEDIATRIC,
    PEDIATRIC_INDICATION,
    PEDIATRIC_STRONG,
    QUESTIONS,
    QUESTIONS_WITH_MARK,
    TOLD_USES,
    TOLD_USES_CJK,
    TOPICS,
    USES,
)
from carewatch.triage.result import Evidence, Finding, TriageResult

VERSION = "inquiry-rules-1"

QUESTION = Cues(QUESTIONS)
QUESTION_IF_MARKED = Cues(QUESTIONS_WITH_MARK)
QUESTION_MARK = re.compile(r"[?¿\uff1f]")
TOPIC = Cues(TOPICS)
NON_MEDICAL_TOPIC = Cues(NON_MEDICAL)
# Topics too generic to count alone: they outweigh no cost question and need a medicine in the text.
WEAK_TOPIC = re.compile(
    r"(?:take|use|inject|drink|eat|give|split|cut|crush|reuse|restart|tomar|usar|inyectar|beber|ponerme|prendre|"
    r"utiliser|injecter|boire|nehmen|spritzen|trinken|verwenden|safe|seguro|pain|dolor|add|comer|añadir|used|using|"
    r"hurts?|hurting|burn(?:s|ing)?|"
    r"tried|try|taking|help(?:s)? (?:\w+ )?(?:with|for)|"
    r"manger|ajouter|essen|hinzufügen|causes?|caused|causa|causar|causan)\s*",
    FLAGS,
)
CONDITION = Cues(CONDITIONS)
FRAMING = words(FRAMINGS)  # matched on the few words before a target only
USE = Cues(USES)
PEDIATRIC_WORD = Cues(PEDIATRIC)
PEDIATRIC_AGE = Cues(PEDIATRIC_STRONG)
PEDIATRIC_LABEL = words(PEDIATRIC_INDICATION)
# "kids take…", "teens can use…", "mein Kind Dermavex bekommen" (one word may come between; not "3 kids and take…").
PEDIATRIC_USE = re.compile(r"[\s,]*(?:(?!(?:and|y|et|und|e|и)\s)\w+\s+)?"
                           r"(?:(?:can|could|should|may|to|be|puede[n]?|pueden|peuvent|peut|dürfen|können|darf|kann|"
                           r"pode[m]?|può|possono|может|можно)\s+)?"
                           + alternation(USES) + r"(?!\w)", FLAGS)
DOSING_CUE = Cues(DOSING)
MISSED_CUE = Cues(MISSED)
OFF_LABEL_WORD = Cues(OFF_LABEL_WORDS)
OFF_LABEL_MORE = Cues(OFF_LABEL_ROUND9)
TOLD_USE = Cues(TOLD_USES)
TOLD_USE_CJK = Cues(TOLD_USES_CJK, boundary=False)
# Conditions a patient can "have" (a question about use then implies off-label use without a framing word);
# weight-loss and anti-ageing talk is usually about an effect and needs the framing.
STATE_CONDITIONS = frozenset(CONDITIONS) - {"weight_loss", "anti_aging", "addiction"}
# A generic verb of use is a medical topic only about the product: named, a medicine word, or "it".
USE_OF_IT = re.compile(r"(?<!\w)(?:take|use|add|give|try)\s+(?:it|this|them|these|that)(?!\w)", FLAGS)


def question_cue(text: Text) -> tuple[int, int] | None:
    """The first question cue: a cue that is a question by its word order, else "?" or "¿" (and then a cue
    that needs the mark, for better evidence)."""
    found = QUESTION.search(text)
    if found:
        return found.start, found.end
    mark = QUESTION_MARK.search(text.folded)
    if mark is None:
        return None
    cue = QUESTION_IF_MARKED.search(text)
    return (cue.start, cue.end) if cue else mark.span()


@lru_cache(maxsize=1024)
def indication_keys(indications: tuple[str, ...]) -> frozenset[str]:
    """Condition keys (and their families) of a product's approved indications."""
    keys: set[str] = set()
    for indication in indications:
        for hit in CONDITION.hits(Text(indication)):
            keys.add(hit.key)
            if hit.key in PARENTS:
                keys.add(PARENTS[hit.key])
    return frozenset(keys)


def on_label(key: str, product: ProductTerms) -> bool:
    keys = indication_keys(product.indications)
    if key in keys:
        return True
    if key in GENERIC:
        return any(PARENTS.get(k) == key for k in keys)
    return False


def _framed(text: str, start: int) -> bool:
    return FRAMING.search(last_words(clause_before(text, start), 3)) is not None


def _context_products(text: Text, context: ScreenContext) -> tuple[list[ProductTerms], list[Evidence], bool]:
    """The products a text is about, the evidence, and whether they are named (else implied)."""
    named = product_spans(text, context)
    if named:
        products = list(dict.fromkeys(p for _, _, p in named))
        return products, [evidence(text.raw, s, e, "the product") for s, e, _ in named], True
    if context.owned_or_paid and context.products:
        return list(context.products), [], False
    return [], [], False


class MedicalInquiryDetector(Detector):
    name = "medical_inquiry"
    version = VERSION

    def detect(self, text: str, context: ScreenContext, result: TriageResult) -> list[Finding]:
        prepared = Text(text)
        question = question_cue(prepared)
        if question is None:
            return []
        topics = TOPIC.hits(prepared)
        if not topics:
            return []
        folded = prepared.folded
        strong = [t for t in topics if not WEAK_TOPIC.fullmatch(folded, t.start, t.end)]
        if not strong and NON_MEDICAL_TOPIC.search(prepared):
            return []
        if SCAM.search(prepared):
            return []
        named = product_spans(prepared, context)
        med = MED_NOUN.search(prepared)
        if not strong and not named and med is None and USE_OF_IT.search(folded) is None:
            return []
        if not named:
            if context.sponsorship == "third_party":
                return []
            if not context.owned_or_paid and med is None:
                return []
        spans = [evidence(text, *question, "a question")]
        spans.extend(evidence(text, t.start, t.end, "a medical topic") for t in (strong or topics)[:3])
        spans.extend(evidence(text, s, e, "the product") for s, e, _ in named[:1])
        score = 0.7 + (0.15 if named else 0.0) + (0.1 if strong else 0.0)
        return [Finding("medical_inquiry", min(score, 1.0), dedupe(spans), self.name, self.version,
                        details={"topics": sorted({folded[t.start:t.end].strip().lower()
                                                   for t in (strong or topics)})})]


def _condition_targets(text: Text, products: Iterable[ProductTerms], question: bool, uses: bool, told: bool = False
                       ) -> list[tuple[int, int, str]]:
    """Conditions named for use outside every product's indications. ``told``: a use told as happening (round 10)."""
    products = [p for p in products if p.indications]
    if not products:
        return []
    folded = text.folded
    found: list[Hit] = CONDITION.hits(text)
    off = [h for h in found if not any(on_label(h.key, p) for p in products)]
    # Round 10: a generic family word next to an off-label kind of it ("diabétique de type 1") is not an on-label use.
    on = [h for h in found if all(on_label(h.key, p) for p in products) and not negated(folded, h.start, h.end)
          and not (h.key in GENERIC and any(abs(o.start - h.end) <= 12 or abs(h.start - o.end) <= 12 for o in off))]
    targets: list[tuple[int, int, str]] = []
    for hit in found:
        if any(on_label(hit.key, p) for p in products) or negated(folded, hit.start, hit.end):
            continue
        cjk = "\u3040" <= folded[hit.start] <= "\u9fff"  # no spaces: the framing words are not separable
        if _framed(folded, hit.start) or (question and uses and hit.key in STATE_CONDITIONS and not on) or (
                cjk and (question or told)) or (told and hit.key in STATE_CONDITIONS and not on):
            targets.append((hit.start, hit.end, hit.key))
    return targets


ADULT_AGE = 18  # the approved population of a product with no ages configured and no paediatric indication
_NUMBER = re.compile(r"\d{1,3}")


def _approved_ages(product: ProductTerms) -> tuple[int, int | None]:
    """The product's approved ages (min, max or None): configured on the product (``Product.min_age`` /
    ``max_age``), else adults, or all ages when an indication names children."""
    if product.min_age is not None or product.max_age is not None:
        return product.min_age or 0, product.max_age
    if PEDIATRIC_LABEL.search(" ".join(product.indications)):
        return 0, None
    return ADULT_AGE, None


def _outside(age: int, ages: tuple[int, int | None]) -> bool:
    low, high = ages
    return age < low or (high is not None and age > high)


def _pediatric_targets(text: Text, products: Iterable[ProductTerms]) -> list[tuple[int, int, str]]:
    """A child or a named age outside every product's approved ages. A number is compared with the ages;
    a word with no number ("my kids", "Kinder") is a minor, outside the label of a product approved from 18."""
    products = [p for p in products if p.indications or p.min_age is not None or p.max_age is not None]
    if not products:
        return []
    ranges = [_approved_ages(p) for p in products]
    folded = text.folded
    targets: list[tuple[int, int, str]] = []
    for hit in PEDIATRIC_AGE.hits(text):
        number = _NUMBER.search(folded, hit.start, hit.end)
        if number is not None:
            if not all(_outside(int(number.group()), r) for r in ranges):
                continue
        elif not all(low >= ADULT_AGE for low, _ in ranges):
            continue
        if not negated(folded, hit.start, hit.end):
            targets.append((hit.start, hit.end, "pediatric"))
    for hit in PEDIATRIC_WORD.hits(text):
        if any(s <= hit.start < e for s, e, _ in targets):
            continue
        number = _NUMBER.search(folded, hit.start, hit.end)
        if number is not None and not all(_outside(int(number.group()), r) for r in ranges):
            continue
        if number is None and not all(low >= ADULT_AGE for low, _ in ranges):
            continue
        before = last_words(clause_before(folded, hit.start), 2).lower()
        if before.endswith(("as a", "as kids", "as children")) or before == "as" or before.endswith(" as"):
            continue  # "as a kid I took…": the author's past, not a child's use
        if _ADDRESSED.search(clause_before(folded, hit.start)[-40:].strip()):
            continue  # "wrote letters to my kids": the children are addressed, not treated
        framed = _framed(folded, hit.start) or PEDIATRIC_USE.match(folded, hit.end) is not None
        if framed and not negated(folded, hit.start, hit.end):
            targets.append((hit.start, hit.end, "pediatric"))
    return targets


_ADDRESSED = re.compile(
    r"(?:letters?|notes?|goodbyes?|messages?|texts?|talk(?:ed)?|said|say|read|sorry) to (?:my|our)$", re.IGNORECASE)
_INGESTED = Cues(urgent_concepts.INGEST)
_INGESTED_CJK = Cues(urgent_concepts.INGEST_CJK, boundary=False)


def outside_approved_use(key: str, products: list[ProductTerms]) -> bool:
    """Whether a round-9 off-label statement is outside the label of one of ``products``: weight loss for a product
    not indicated for weight, type 1 diabetes for a type-2 medicine; shared or stretched doses for any product."""
    indications = [i.lower() for p in products for i in p.indications]
    if key == "weight":
        return bool(indications) and not any(w in i for i in indications for w in ("weight", "obes", "peso", "poids"))
    if key == "type1":
        return any("type 2" in i for i in indications) and not any("type 1" in i for i in indications)
    return True


def _medication_error(text: str, context: ScreenContext, result: TriageResult) -> bool:
    """Round 16: a dose told as a mistake (the adverse-event rules' medication-error situation: "by mistake", "the dose
    counter didn't reset", "по ошибке") is a medication error, not an off-label dosing (blind17: two accidental double
    doses were off-label), as a missed dose is (``MISSED_CUE``)."""
    from carewatch.triage.detectors.adverse import analyse

    return any(m.sub == "medication_error" and m.asserted for m in analyse(text, context, result.language).specials)


class OffLabelDetector(Detector):
    name = "off_label"
    version = VERSION

    def detect(self, text: str, context: ScreenContext, result: TriageResult) -> list[Finding]:
        prepared = Text(text)
        products, product_evidence, named = _context_products(prepared, context)
        if not products:
            return []
        folded = prepared.folded
        question = question_cue(prepared) is not None
        uses = USE.search(prepared) is not None
        # Round 10: a use told as happening ("my gastro started me on it for Crohn's"), in a post with no question.
        told_use = (not question and "?" not in text and "\uff1f" not in text
                    and (TOLD_USE.search(prepared) is not None or TOLD_USE_CJK.search(prepared) is not None))
        targets = _condition_targets(prepared, products, question, uses, told_use)
        pediatric = _pediatric_targets(prepared, products)
        if pediatric and not _INGESTED.search(prepared) and not _INGESTED_CJK.search(prepared):
            targets.extend(pediatric)  # a child who swallowed a pill is no off-label use
        if MISSED_CUE.search(prepared) is None and not _medication_error(text, context, result):
            targets.extend((h.start, h.end, "dosing") for h in DOSING_CUE.hits(prepared)
                           if not negated(folded, h.start, h.end))
        targets.extend((h.start, h.end, "off_label") for h in OFF_LABEL_WORD.hits(prepared)
                       if not negated(folded, h.start, h.end))
        # Round 9: off-label uses told in a statement ("I'm not diabetic, I use it to lose weight"); the
        # special-situation detector reads them from ``details["told"]`` (an off-label use that happened).
        told = [(h.start, h.end) for h in OFF_LABEL_MORE.hits(prepared)
                if not negated(folded, h.start, h.end) and outside_approved_use(h.key, products)]
        targets.extend((s, e, "off_label") for s, e in told)
        if not targets:
            return []
        if not (question or uses or told_use or any(_framed(folded, s) for s, _, _ in targets)
                or any(k in ("dosing", "off_label") for _, _, k in targets)):
            return []
        if told_use:
            told = list(dict.fromkeys([*told, *((s, e) for s, e, _ in targets)]))
        spans = [evidence(text, s, e, f"outside the approved use ({k.replace('_', ' ')})") for s, e, k in targets]
        spans.extend(product_evidence[:1])
        score = 0.85 if named else 0.7
        details: dict[str, Any] = {"targets": sorted({k for _, _, k in targets}),
                                   "products": [p.name for p in products]}
        if told:
            details["told"] = [list(span) for span in told]
        findings = [Finding("off_label", score, dedupe(spans), self.name, self.version, details=details)]
        # Round 11: an off-label question ("can it treat Crohn's?", "anyone's doctor prescribe it for eczema?") asks
        # for medical information (eligibility) too; the labelled sets call it a medical inquiry (all but blind6).
        if question and not any(f.label == "medical_inquiry" and f.positive for f in result.findings):
            asked = question_cue(prepared)
            inquiry = [evidence(text, *asked, "a question")] if asked else []
            inquiry.extend(spans[:2])
            findings.append(Finding("medical_inquiry", 0.75, dedupe(inquiry), self.name, self.version,
                                    details={"topics": ["off_label"]}))
        return findings
