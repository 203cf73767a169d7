"""Urgent: a person may be in danger now. Self-harm or suicidal ideation ("I want to end it", "no quiero
vivir", "je veux mourir", "ich will nicht mehr leben"), a medical emergency in progress ("can't breathe right
now", "he's unconscious", "having a seizure") and threats of violence against people or the company.

Scored high (0.9 to 0.97) so the case goes to the top of the queue; a reviewer still decides. Negated cues
("I'm not suicidal"), side-effect questions ("can it cause suicidal thoughts?"), figures of speech ("this wait
is killing me") and emergencies framed in the past ("had a seizure last year") do not count.
"""

from __future__ import annotations

from carewatch.triage.context import ScreenContext
from carewatch.triage.detectors.base import Detector
from carewatch.triage.detectors.care import Cues, Hit, Text, dedupe, evidence, negated
from carewatch.triage.lexicons.care_urgent import (
    EMERGENCIES,
    EMERGENCIES_CJK,
    EMERGENCIES_MORE,
    EMERGENCIES_NOT,
    NOW,
    PAST,
    SELF_HARM,
    SELF_HARM_CJK,
    SELF_HARM_MORE,
    SELF_HARM_NOT,
    THREATS,
    THREATS_CJK,
    THREATS_MORE,
    THREATS_NOT,
)
from carewatch.triage.result import Evidence, Finding, TriageResult

VERSION = "urgent-rules-2"

SELF_HARM_CUE = Cues(SELF_HARM + SELF_HARM_MORE)
SELF_HARM_OTHER = Cues(SELF_HARM_NOT)
EMERGENCY_CUE = Cues(EMERGENCIES + EMERGENCIES_MORE)
EMERGENCY_OTHER = Cues(EMERGENCIES_NOT)
THREAT_CUE = Cues(THREATS + THREATS_MORE)
THREAT_OTHER = Cues(THREATS_NOT)
# Japanese and Chinese: no spaces between words, so no word boundaries.
CJK_CUES = {"self_harm": Cues(SELF_HARM_CJK, boundary=False), "emergency": Cues(EMERGENCIES_CJK, boundary=False),
            "threat": Cues(THREATS_CJK, boundary=False)}
NOW_CUE = Cues(NOW)
PAST_CUE = Cues(PAST)
SCORES = {"self_harm": 0.97, "emergency": 0.9, "threat": 0.92}
WHY = {"self_harm": "self-harm or suicidal ideation", "emergency": "a medical emergency in progress",
       "threat": "a threat of violence"}


def _overlaps(hit: Hit, others: list[Hit]) -> bool:
    return any(o.start < hit.end and hit.start < o.end for o in others)


_ASKED = ("can it cause", "does it cause", "could it cause", "side effect", "risk of", "warning", "study")


def _asked(folded: str, start: int) -> bool:
    """The cue is asked about or reported in general ("can it cause chest pain?"), not happening."""
    before = folded[max(0, start - 40):start].lower()
    return any(word in before for word in _ASKED)


def urgent_spans(text: str) -> list[tuple[str, Evidence]]:
    prepared = Text(text)
    folded = prepared.folded
    found: list[tuple[str, Evidence]] = []
    cues = (("self_harm", SELF_HARM_CUE, SELF_HARM_OTHER), ("emergency", EMERGENCY_CUE, EMERGENCY_OTHER),
            ("threat", THREAT_CUE, THREAT_OTHER))
    cjk = any("\u3040" <= c <= "\u9fff" for c in text)
    for kind, cue, other in cues:
        hits = cue.hits(prepared)
        if cjk:
            hits = hits + CJK_CUES[kind].hits(prepared)
        if not hits:
            continue
        harmless = other.hits(prepared)
        if kind == "emergency" and PAST_CUE.search(prepared) and not NOW_CUE.search(prepared):
            continue  # "had a seizure last year"
        for hit in hits:
            if _overlaps(hit, harmless) or negated(folded, hit.start, hit.end) or _asked(folded, hit.start):
                continue
            found.append((kind, evidence(text, hit.start, hit.end, WHY[kind])))
    return found


class UrgentDetector(Detector):
    name = "urgent"
    version = VERSION

    def detect(self, text: str, context: ScreenContext, result: TriageResult) -> list[Finding]:
        found = urgent_spans(text)
        if not found:
            return []
        kinds = sorted({kind for kind, _ in found})
        score = max(SCORES[kind] for kind in kinds)
        if "emergency" in kinds and NOW_CUE.search(Text(text)):
            score = max(score, 0.95)
        return [Finding("urgent", score, dedupe([e for _, e in found]), self.name, self.version,
                        details={"kinds": kinds})]
