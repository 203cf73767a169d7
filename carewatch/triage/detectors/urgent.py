"""Urgent: a person may be in danger now. Self-harm or suicidal ideation ("I want to end it", "no quiero
vivir", "je veux mourir", "ich will nicht mehr leben"), a medical emergency in progress ("can't breathe right
now", "he's unconscious", "having a seizure") and threats of violence against people or the company.

Scored high (0.9 to 0.97) so the case goes to the top of the queue; a reviewer still decides. Negated cues
("I'm not suicidal"), side-effect questions ("can it cause suicidal thoughts?"), figures of speech ("this wait
is killing me") and emergencies framed in the past ("had a seizure last year") do not count.
"""

from __future__ import annotations

import re
import unicodedata

from carewatch.triage.context import ScreenContext
from carewatch.triage.detectors import urgent_compose
from carewatch.triage.detectors.base import Detector
from carewatch.triage.detectors.care import Cues, Hit, Text, dedupe, evidence, negated, product_spans
from carewatch.triage.lexicons.care_urgent import (
    EMERGENCIES,
    EMERGENCIES_CJK,
    EMERGENCIES_MORE,
    EMERGENCIES_NOT,
    EXPOSURES,
    NOW,
    PAST,
    SELF_HARM,
    SELF_HARM_CJK,
    SELF_HARM_CJK_ROUND9,
    SELF_HARM_MORE,
    SELF_HARM_NOT,
    SELF_HARM_ROUND9,
    THREATS,
    THREATS_CJK,
    THREATS_CJK_ROUND9,
    THREATS_MORE,
    THREATS_NOT,
    THREATS_ROUND9,
)
from carewatch.triage.result import Evidence, Finding, TriageResult

VERSION = "urgent-rules-4"

SELF_HARM_CUE = Cues(SELF_HARM + SELF_HARM_MORE + SELF_HARM_ROUND9)
SELF_HARM_OTHER = Cues(SELF_HARM_NOT)
EMERGENCY_CUE = Cues(EMERGENCIES + EMERGENCIES_MORE)
EMERGENCY_OTHER = Cues(EMERGENCIES_NOT)
THREAT_CUE = Cues(THREATS + THREATS_MORE + THREATS_ROUND9)
THREAT_OTHER = Cues(THREATS_NOT)
EXPOSURE_CUE = Cues(EXPOSURES)
# Japanese and Chinese: no spaces between words, so no word boundaries.
CJK_CUES = {"self_harm": Cues(SELF_HARM_CJK + SELF_HARM_CJK_ROUND9, boundary=False),
            "emergency": Cues(EMERGENCIES_CJK, boundary=False),
            "threat": Cues(THREATS_CJK + THREATS_CJK_ROUND9, boundary=False)}
NOW_CUE = Cues(NOW)
PAST_CUE = Cues(PAST)
SCORES = {"self_harm": 0.97, "emergency": 0.9, "ingestion": 0.93, "threat": 0.92}
WHY = {"self_harm": "self-harm or suicidal ideation", "emergency": "a medical emergency in progress",
       "ingestion": "a child or relative swallowed a medicine", "threat": "a threat of violence"}


_CJK_CHAR = re.compile("[\u3040-\u9fff]")
# The signs of an accidental extra dose felt now (shaky, sweaty, heart racing, vomiting): urgent and an adverse
# event, but not serious by themselves (no ICH criterion until something worse is told).
_MILD = re.compile(
    r"twice|double|back to back|\b[234]x\b|sweat|shaky|confused|racing|throwing up|vomiting|puking|weird",
    re.IGNORECASE)
_GRAVE = re.compile(r"blood|breath|chest|faint|pass(?:ed)? out|seiz|unconscious|unresponsive|not waking", re.IGNORECASE)

# Round 16: the signs of a grave state told anywhere in the post (consciousness, breathing, a seizure, the chest, blood,
# blue lips; nine languages): a supply swallowed in self-harm with such a sign is an adverse event (below).
_GRAVE_TOLD = re.compile(
    r"blood|breath|chest|faint|pass(?:ed|es)? out|seiz|fits?|unconscious|unresponsive|not responding|"
    r"(?:won'?t|can'?t|not|isn'?t|doesn'?t) (?:wake|waking)|wake (?:him|her|them) up|lips (?:are |went |turning )?blue|"
    r"blue lips|going blue|turn(?:ed|ing) blue|heart (?:stopped|rhythm)|collapsed and|not moving|"
    r"bewusstlos|ohnm[aä]chtig|reagiert nicht|wacht nicht|atme|atmet|luft|krampf|brust|blut|blaue lippen|"
    r"inconscient|evanoui|perdu connaissance|ne repond|ne se reveille|respir|convuls|poitrine|sang|levres bleues|"
    r"inconsciente|desmay|perdio el conocimiento|no responde|no despierta|no reacciona|pecho|sangre|labios morados|"
    r"desmai|nao acorda|nao responde|peito|sangue|labios roxos|"
    r"svenut|privo di sensi|incosciente|non risponde|non si sveglia|petto|labbra viola|"
    r"сознани|не приходит в себя|не реагирует|не просыпается|дыш|задыха|судорог|груд|кров|синие губы|"
    r"意識|気を失|反応がない|息ができ|息が苦し|呼吸|喘不过气|けいれん|痙攣|胸|血|"
    r"昏迷|昏倒|晕倒|叫不醒|没反应|抽搐|嘴唇发紫", re.IGNORECASE)


def _reaction_told(text: str, context: ScreenContext, result: TriageResult) -> bool:
    """Round 16: an event word the adverse-event rules see asserted ("now my hands shake, cold sweat"): a supply
    swallowed with a reaction told is an adverse event (an overdose with a reaction), not the means alone."""
    from carewatch.triage.detectors.adverse import analyse

    return any(e.kind == "event" and e.asserted for e in analyse(text, context, result.language).events)


def _unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# A cause told (round 8), and an act already done (an intentional overdose taken is reported as an event).
_SINCE = re.compile(r"\b(?:since|ever since|seit|desde|depuis|da quando|dopo|с тех пор|после|because of|por culpa de|"  # noqa: RUF001
                    r"à cause de|wegen|por causa d[oa]|a causa d\w*)\b|以来|以后|之后|之後|から"
                    # Round 15: a time on the product ("llevo un mes con el glucavio", "estou há um mês com")
                    r"|\bllevo\b[^.!?\n]{0,20}?\bcon\b|\bestou há\b[^.!?\n]{0,20}?\bcom\b", re.IGNORECASE)
# Round 15: the urgent concepts of a threat (a vote of the learned urgent model on such a post is no reaction).
_THREAT_CONCEPTS = frozenset({"t_harm", "t_know", "weapon", "weapon_now", "victim"})


def caused_by_product(text: str, context: ScreenContext) -> bool:
    """Round 15: a post that names the client's product and tells it as the cause or the start of what follows
    ("since I started Glucavio…", "после глюкавио…", "seit Glucavio…", "llevo un mes con el glucavio…"), with no
    threat concept of the urgent rules, and no dose taken told (the product as the means). The learned urgent
    model's vote on such a post is, as for the rules' self-harm and emergencies (``_safety_findings``), a reaction to
    the product: an adverse event (serious if the serious model says so)."""
    prepared = Text(text)
    if not product_spans(prepared, context) or _DONE.search(prepared.folded):
        return False  # as in _safety_findings: a supply swallowed or injected is the means, not the cause
    if not (urgent_compose.LINK_CUES.search(prepared) is not None
            or urgent_compose.LINK_CUES_CJK.search(prepared) is not None or _SINCE.search(prepared.folded) is not None):
        return False
    post = urgent_compose.Post(prepared, context, _CJK_TEXT.search(text) is not None, needed=True)
    return not any(post.get(key) for key in _THREAT_CONCEPTS)


_CJK_TEXT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_DONE = re.compile(
    r"\b(?:swallowed|took|taken|injected|tomé|me tomé|inyecté|pris|avalé|geschluckt|genommen|gespritzt|tomei|"
    r"engoli|preso|iniettato|выпил\w*|проглотил\w*|вколол\w*)\b|飲んだ|打った|吃了|打了", re.IGNORECASE)


def _overlaps(hit: Hit, others: list[Hit]) -> bool:
    return any(o.start < hit.end and hit.start < o.end for o in others)


_ASKED = ("can it cause", "does it cause", "could it cause", "side effect", "risk of", "warning", "study")


def _asked(folded: str, start: int) -> bool:
    """The cue is asked about or reported in general ("can it cause chest pain?"), not happening."""
    before = folded[max(0, start - 40):start].lower()
    return any(word in before for word in _ASKED)


def urgent_spans(text: str, context: ScreenContext | None = None) -> list[tuple[str, Evidence]]:
    """Every urgent cue of ``text``: the phrase lists, then the compositional rules (``urgent_compose``)."""
    prepared = Text(text)
    folded = prepared.folded
    found: list[tuple[str, Evidence]] = []
    cues = (("self_harm", SELF_HARM_CUE, SELF_HARM_OTHER), ("emergency", EMERGENCY_CUE, EMERGENCY_OTHER),
            ("threat", THREAT_CUE, THREAT_OTHER), ("ingestion", EXPOSURE_CUE, EMERGENCY_OTHER))
    cjk = _CJK_CHAR.search(text) is not None
    for kind, cue, other in cues:
        hits = cue.hits(prepared)
        if cjk and kind in CJK_CUES:
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
    post = urgent_compose.Post(prepared, context, cjk, needed=bool(found))
    if found:  # the phrase lists' hits, cancelled like the combinations (negation, past, side-effect questions)
        found = [(kind, e) for kind, e in found
                 if not (post.cancelled(e.start, e.end, emergency=True) if kind == "emergency"
                         else (kind == "self_harm" and (post.before_in_clause("neg", e.start)
                                                        or post.asked_sentence(e.start)))
                         or (kind == "threat" and bool(post.get("joke"))))]
    harmless_all = SELF_HARM_OTHER.hits(prepared) + EMERGENCY_OTHER.hits(prepared) + THREAT_OTHER.hits(prepared)
    for kind, start, end in urgent_compose.combinations(post):
        if any(o.start < end and start < o.end for o in harmless_all):
            continue
        found.append((kind, evidence(text, start, end, WHY[kind])))
    return found


class UrgentDetector(Detector):
    name = "urgent"
    version = VERSION

    def detect(self, text: str, context: ScreenContext, result: TriageResult) -> list[Finding]:
        found = urgent_spans(text, context)
        if not found:
            return []
        kinds = sorted({kind for kind, _ in found})
        score = max(SCORES[kind] for kind in kinds)
        prepared = Text(text)
        if "emergency" in kinds and NOW_CUE.search(prepared):
            score = max(score, 0.95)
        findings = [Finding("urgent", score, dedupe([e for _, e in found]), self.name, self.version,
                            details={"kinds": kinds})]
        findings.extend(_safety_findings(prepared, context, result, found, self.name, self.version))
        return findings


def _safety_findings(prepared: Text, context: ScreenContext, result: TriageResult,
                     found: list[tuple[str, Evidence]], name: str, version: str) -> list[Finding]:
    """What an urgent post also is for pharmacovigilance, when the rules before missed it: an emergency or
    self-harm linked to the product (named, a dose named as the cause on the product's own channel, or a
    medicine swallowed there) is an adverse event and a serious one (life-threatening or medically
    important), and so is an emergency the adverse-event rules already took for a reaction to the product
    (on its own channel); a child who swallowed a medicine is a special situation (accidental exposure)."""
    have = {f.label for f in result.findings if f.positive}
    out: list[Finding] = []
    ingested = [e for kind, e in found if kind == "ingestion"]
    # A child who swallowed a medicine is urgent; harm is what else happens (seizing, not waking up).
    harm = [e for kind, e in found if kind in ("emergency", "self_harm")
            and not any(i.start < e.end and e.start < i.end for i in ingested)]
    linked = urgent_compose.linked_to_product(prepared, context) or bool(ingested and context.owned_or_paid)
    product_means = linked  # the product (or a medicine on its channel) is what the self-harm uses
    grave_told = _GRAVE_TOLD.search(_unaccented(prepared.folded)) is not None
    if (linked and harm and any(kind == "self_harm" for kind, _ in found)
            and not (_DONE.search(prepared.folded) and (grave_told or _reaction_told(prepared.raw, context, result)))):
        # Round 8: a plan that names the product as its means ("tonight I'm using every one of my Glucavio pens")
        # is urgent, not a reaction to the product; self-harm is an adverse event when a cause is told ("since
        # they upped my dose"). Round 9: so is a means at hand with no plan said ("my brother is texting me goodbye
        # and has a stack of his Glucavio pens"). Round 16: and so is a supply already swallowed with no sign of
        # harm told ("she texted goodbye and took all her Glucavio Daily, she's not answering"): an overdose, a
        # special situation and urgent, not an adverse event until a reaction is told (compliance.md lists overdose
        # among the special situations to flag even without an AE; blind9, blind11, blind13 and blind17 are labelled
        # so). A supply swallowed with a grave sign told ("and now he won't wake up") stays an adverse event.
        linked = (urgent_compose.LINK_CUES.search(prepared) is not None
                  or urgent_compose.LINK_CUES_CJK.search(prepared) is not None
                  or _SINCE.search(prepared.folded) is not None)
    if harm and (linked or "adverse_event" in have):
        if "adverse_event" not in have:
            out.append(Finding("adverse_event", 0.85, harm[:2], name, version,
                               details={"from": "urgent", "why": "an emergency or self-harm after the product"}))
        if "serious" not in have and not all(_MILD.search(e.text) and not _GRAVE.search(e.text) for e in harm):
            criteria = sorted({"life_threatening" if kind == "emergency" else "medically_important"
                               for kind, _ in found if kind in ("emergency", "self_harm")})
            out.append(Finding("serious", 0.8, harm[:2], name, version,
                               details={"from": "urgent", "criteria": criteria}))
    if ingested and "special_situation" not in have:
        out.append(Finding("special_situation", 0.85, ingested[:1], name, version,
                           details={"from": "urgent", "situations": ["accidental_exposure"]}))
    # An intentional overdose of the product already taken is an overdose for pharmacovigilance (a special
    # situation, so a safety case opens) whether or not a reaction is told and whatever words the special-situation
    # lexicon knows ("took all my Glucavio Daily tablets on purpose an hour ago").
    if (product_means and harm and _DONE.search(prepared.folded) and any(kind == "self_harm" for kind, _ in found)
            and "special_situation" not in have and not any(f.label == "special_situation" for f in out)):
        out.append(Finding("special_situation", 0.85, harm[:1], name, version,
                           details={"from": "urgent", "situations": ["overdose"]}))
    return out
