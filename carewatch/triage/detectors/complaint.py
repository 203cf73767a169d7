"""Product complaints: a quality defect a client's complaints team must investigate (ABPI: "adverse events
and product complaints from digital media"), with the lot or batch number when the author gives one.

Kinds: ``device_malfunction`` (pen, injector, inhaler or pump jammed, broken, leaking; needle bent; won't
click), ``packaging`` (seal broken or missing, box damaged, pens missing), ``appearance`` (looks, smells or
tastes different, discoloured, particles), ``temperature_excursion`` (hot car, delivered warm, frozen) and
``counterfeit`` (fake, bought online without a prescription and it looks different). A cue negated in its
clause ("the pen never jammed") or made hypothetical ("what if it leaks?") does not count, and the medicine
itself "not working" is lack of efficacy, not a device fault.
``details``: ``{"lot_numbers": [...], "kinds": [...]}``. A lot number alone is no complaint: it is then
returned on a non-positive finding so a reviewer of an adverse event still sees it.
"""

from __future__ import annotations

import re

from carewatch.triage.context import ScreenContext
from carewatch.triage.detectors.base import Detector
from carewatch.triage.detectors.care import (
    FLAGS,
    MED_NOUN,
    Cues,
    Hit,
    Text,
    dedupe,
    evidence,
    near,
    negated,
    product_spans,
)
from carewatch.triage.detectors.care import conditional as is_conditional
from carewatch.triage.lexicons.care_complaint import (
    APPEARANCE_ALONE,
    APPEARANCES,
    COMPLAINT_MORE,
    COMPLAINT_MORE_CJK,
    COUNTERFEIT_ALONE,
    DEVICES,
    EFFICACY_LIKE,
    FAKE_NOT,
    FAKES,
    LOT_WORDS,
    MALFUNCTIONS,
    MALFUNCTIONS_ALONE,
    MEDICINES,
    ONLINE,
    PACKAGE_ALONE,
    PACKAGE_DEFECTS,
    PACKAGES,
    TEMPERATURE_ALONE,
    TEMPERATURE_NEAR,
    TEMPERATURE_NOT,
)
from carewatch.triage.result import Evidence, Finding, TriageResult

VERSION = "complaint-rules-1"

MALFUNCTION_ALONE = Cues(MALFUNCTIONS_ALONE)
DEVICE = Cues(DEVICES)
MALFUNCTION = Cues(MALFUNCTIONS)
PACKAGING_ALONE = Cues(PACKAGE_ALONE)
PACKAGE = Cues(PACKAGES)
PACKAGE_DEFECT = Cues(PACKAGE_DEFECTS)
APPEARANCE_SUBJECT = Cues(APPEARANCE_ALONE)
MEDICINE_OR_DEVICE = Cues(MEDICINES + DEVICES)
APPEARANCE = Cues(APPEARANCES)
TEMPERATURE_SUBJECT = Cues(TEMPERATURE_ALONE)
TEMPERATURE = Cues(TEMPERATURE_NEAR)
TEMPERATURE_OTHER = Cues(TEMPERATURE_NOT)
COUNTERFEIT = Cues(COUNTERFEIT_ALONE)
MORE = Cues(COMPLAINT_MORE)
MORE_CJK = Cues(COMPLAINT_MORE_CJK, boundary=False)
_CJK_CHAR = re.compile("[\u3040-\u9fff]")
_ASKING = re.compile(
    r"(?:^|[.!?]\s*)(?:can|could|may|should|is it (?:ok|okay|safe) to|how long can) (?:i|we|you)?\b[^.!?]*$",
    re.IGNORECASE)
# A phrase that begins with its own negation ("no lot number", "ohne Kühlakku", "nothing came out").
_SELF_NEGATED = re.compile(r"(?:no|not|without|sin|sans|ohne|sem|senza|без|non|rien|nichts|nothing)\b", re.IGNORECASE)
# A card, an app or a web page that "doesn't work" is a service problem, not a device fault.
_SERVICE = re.compile(r"\b(?:card|coupon|app|website|site|web ?page|portal|form|link|code|tessera|carta|tarjeta|"
                      r"cup[oó]n|carte|Karte|Gutschein|cart[ãa]o|cupom|sito|pagina|página|карт\w*|приложени\w*|сайт)\b",
                      re.IGNORECASE)
_STUCK_SELF = re.compile(r"\bstuck (?:myself|me|him|her|them|themselves|herself|himself)\b", re.IGNORECASE)
_HALF = re.compile(r"(?:half|halb|medio|à moitié|meio|mezzo|наполовину)\s*$", re.IGNORECASE)
FAKE = Cues(FAKES)
FAKE_OTHER = Cues(FAKE_NOT)
BOUGHT_ONLINE = Cues(ONLINE)
EFFICACY = Cues(EFFICACY_LIKE)
PRONOUN = Cues((r"it", r"they", r"this one", r"these", r"the new ones?", r"mine"))
WHY = {"device_malfunction": "device malfunction", "packaging": "packaging defect",
       "appearance": "looks, smells or tastes wrong", "temperature_excursion": "temperature excursion",
       "counterfeit": "suspected counterfeit"}

_LOT = re.compile(
    r"(?<!\w)(?P<word>" + "|".join(sorted(LOT_WORDS, key=len, reverse=True)) + r")"
    r"\s*(?:(?:number|num|no|nr|n[°º]|#)\.?\s*)?[:#=]?\s*(?:(?:is|es|est|ist|was)\s+)?"
    r"(?P<lot>[A-Z0-9](?:[A-Z0-9]|[-/](?=[A-Z0-9])){3,17})(?![\w-])",
    FLAGS,
)
_LOT_HINT = re.compile(r"lot|batch|charge|ch\.|n[°º]", FLAGS)
# More codes after the first: "lots GL7730 and GL7731", "Lote 23C117, 23C118".
_NEXT_LOT = re.compile(r"\s*(?:,|&|/|\band\b|\by\b|\bet\b|\bund\b)\s*"
                       r"(?P<lot>[A-Z0-9](?:[A-Z0-9]|[-/](?=[A-Z0-9])){3,17})(?![\w-])", FLAGS)


def _lot_code_ok(code: str, word: str) -> bool:
    has_alpha = any(c.isalpha() for c in code)
    digits = sum(c.isdigit() for c in code)
    if not digits or not (has_alpha or digits >= 5):
        return False
    if word.lower() == "charge" and not has_alpha:
        return False
    return code.lower() not in {"2day", "4ever"}


def lot_numbers(text: str) -> list[tuple[int, int, str]]:
    """Lot or batch numbers with their spans: "lot 4F82K", "LOT#: AB1234", "batch 23C117", "Lote: 7Q21",
    "numéro de lot 8H2M", "Charge 4F82K" / "Ch.-B.: X7781". A code needs a digit, and either a letter or
    five digits; after the German "Charge" (English "charge" is a price) it needs letters and digits."""
    if _LOT_HINT.search(text) is None:
        return []
    found: list[tuple[int, int, str]] = []
    for match in _LOT.finditer(text):
        word = match.group("word")
        if not _lot_code_ok(match.group("lot"), word):
            continue
        found.append((match.start("lot"), match.end("lot"), match.group("lot")))
        more = _NEXT_LOT.match(text, match.end())
        while more and _lot_code_ok(more.group("lot"), word) and any(c.isdigit() for c in more.group("lot")):
            found.append((more.start("lot"), more.end("lot"), more.group("lot")))
            more = _NEXT_LOT.match(text, more.end())
    return found


def _overlaps(start: int, end: int, others: list[Hit], margin: int = 0) -> bool:
    return any(h.start < end + margin and start - margin < h.end for h in others)


# Round 9: a broken bone, a missed dose and hair lost in clumps are no device or appearance defect.
_BODY_AFTER = re.compile(
    r"\s*(?:(?:la|el|il|le|the|my|his|her|die|den|das|sa|son|a|o|его|её|ее) )?"  # noqa: RUF001
    r"(?:cadera|pierna|brazo|muñeca|hip|leg|arm|"
    r"wrist|ankle|Hüfte|Bein|Arm|Handgelenk|hanche|jambe|bras|poignet|anca|gamba|braccio|polso|quadril|perna|braço|"
    r"pulso|бедро|ногу|руку|шейку бедра)\b", re.IGNORECASE)
_MISSED_DOSE = ("漏打", "漏服", "漏吃", "漏注", "漏掉")
# Round 12: the author tells a state of themselves between the product and the cue ("bin ich leer", "I feel empty").
# (round 15: "fühl ich mich … leer", the verb first and shortened)
_SELF_STATE = re.compile(r"(?:\bbin ich|\bich bin|\bich fühle mich|\bf[uü]hle? ich mich|\bich f[uü]hle? mich|"
                         r"\bi am|\bi'm|\bi feel|\bje suis|\bje me sens|"
                         r"\bme siento|\bestoy|\bmi sento|\bsono|\bestou|\bme sinto|\bя)\b[^.,;!?]{0,20}$",
                         re.IGNORECASE)
_HAIR_BEFORE = re.compile(r"\b(?:hair|cheveux|pelo|cabelo|capelli|Haare|волосы)\b[^.!?\n]*$", re.IGNORECASE)


# Round 10: a website, an app or a form (its button, its page) is not the product's device (round 11: an injection
# site is no web site, and a needle is a device).
_WEB = re.compile(r"(?:\b(?:(?<!injection )(?<!puncture )site|website|web ?site|web|app|application|portal|online form|"
                  r"formulario|formulaire|"
                  r"Formular|Webseite|Internetseite|sito|aplicativo|сайт\w*|приложени\w*)\b|网站|网页|サイト|アプリ)",
                  re.IGNORECASE)
_PEN = re.compile(r"(?:\b(?:pens?|needles?|needle covers?|stylos?|plumas?|canetas?|penn[ae]|ручк\w*|syringes?|"
                  r"seringues?|jeringas?|seringas?|"
                  r"siring(?:a|he)|Spritzen?|шприц\w*|(?:auto)?injectors?)\b|注射笔|注射器|ペン)", re.IGNORECASE)


def complaint_spans(text: str, context: ScreenContext) -> tuple[list[Evidence], set[str]]:
    """The evidence of each complaint kind found in ``text``."""
    prepared = Text(text)
    folded = prepared.folded
    found: list[tuple[str, int, int, Hit | None]] = []  # kind, span, the defect cue inside a pair
    for kind, alone in (("device_malfunction", MALFUNCTION_ALONE), ("packaging", PACKAGING_ALONE),
                        ("appearance", APPEARANCE_SUBJECT), ("temperature_excursion", TEMPERATURE_SUBJECT),
                        ("counterfeit", COUNTERFEIT)):
        found.extend((kind, h.start, h.end, None) for h in alone.hits(prepared))
    found.extend((h.key, h.start, h.end, None) for h in MORE.hits(prepared))
    if _CJK_CHAR.search(text):
        found.extend((h.key, h.start, h.end, None) for h in MORE_CJK.hits(prepared))
    malfunctions = MALFUNCTION.hits(prepared)
    if malfunctions:
        found.extend(("device_malfunction", s, e, cue) for s, e, cue in near(prepared, DEVICE.hits(prepared),
                                                                           malfunctions, 45))
    defects = PACKAGE_DEFECT.hits(prepared)
    if defects:
        found.extend(("packaging", s, e, cue) for s, e, cue in near(prepared, PACKAGE.hits(prepared), defects, 35))
    looks = APPEARANCE.hits(prepared)
    temperatures = TEMPERATURE.hits(prepared)
    if looks or temperatures:
        subjects = MEDICINE_OR_DEVICE.hits(prepared)
        found.extend(("appearance", s, e, cue) for s, e, cue in near(prepared, subjects, looks, 45))
        found.extend(("temperature_excursion", s, e, cue) for s, e, cue in near(prepared, subjects, temperatures, 45))
    fakes = FAKE.hits(prepared)
    if fakes:
        found.extend(("counterfeit", s, e, cue) for s, e, cue in near(prepared, MED_NOUN.hits(prepared), fakes, 30))

    self_negating = MALFUNCTION_ALONE
    web = _WEB.search(folded) if found else None
    not_temperature = TEMPERATURE_OTHER.hits(prepared) if found else []
    not_fake = FAKE_OTHER.hits(prepared) if fakes else []
    spans: list[Evidence] = []
    kinds: set[str] = set()
    for kind, start, end, cue in found:
        cue_start, cue_end = (cue.start, cue.end) if cue else (start, end)
        if cue is None and (self_negating.matches_exactly(prepared, start, end)
                            or _SELF_NEGATED.match(folded, start) is not None):
            pass  # "won't click", "no lot number", "sin hielo" carry their own "not"
        elif negated(folded, cue_start, cue_end) or (cue_start != start and negated(folded, start, end, after=False)):
            continue
        if is_conditional(folded, start):
            continue
        if kind == "device_malfunction" and _STUCK_SELF.match(folded, cue_start):
            continue  # "stuck myself with a used syringe" is a needlestick, not a jammed device
        if kind in ("packaging", "device_malfunction") and _HALF.search(folded[max(0, cue_start - 12):cue_start]):
            continue  # "the bottle's half empty" (a child got into it): no packaging defect
        if kind in ("device_malfunction", "appearance") and (
                _BODY_AFTER.match(folded, cue_end) is not None or folded[cue_start:cue_start + 2] in _MISSED_DOSE
                or _HAIR_BEFORE.search(folded[max(0, cue_start - 30):cue_start]) is not None):
            continue  # round 9: "se rompió la cadera", "漏打了一针" (a missed dose), "hair coming out in clumps"
        if kind == "device_malfunction" and web and not _PEN.search(folded):
            continue  # round 10: "the button on your website does nothing" is no device
        if kind == "temperature_excursion" and _overlaps(start, end, not_temperature, 20):
            continue
        if kind == "temperature_excursion" and _ASKING.search(folded[max(0, start - 60):start]):
            continue  # "can I keep the pen out of the fridge for a week?" asks about storage
        if kind == "counterfeit" and _overlaps(start, end, not_fake, 15):
            continue
        spans.append(evidence(text, start, end, WHY[kind]))
        kinds.add(kind)
    if "appearance" not in kinds and (context.owned_or_paid or context.products) and looks:
        # On a brand's own channel "it smells weird" is about the product.
        for start, end, _ in near(prepared, PRONOUN.hits(prepared), looks, 12, both_ways=False):
            if not negated(folded, start, end) and not is_conditional(folded, start):
                spans.append(evidence(text, start, end, WHY["appearance"]))
                kinds.add("appearance")
    # The client's product named next to a malfunction ("my Glucavio jammed"); "Glucavio stopped working"
    # is lack of efficacy.
    for start, end, _ in product_spans(prepared, context) if malfunctions else []:
        defect = next((h for h in malfunctions if end <= h.start <= end + 45), None)
        if defect is None or EFFICACY.matches_exactly(prepared, defect.start, defect.end):
            continue
        if _HALF.search(folded[max(0, defect.start - 12):defect.start]) or _BODY_AFTER.match(folded, defect.end):
            continue
        if (folded[defect.start:defect.start + 2] in _MISSED_DOSE
                or _HAIR_BEFORE.search(folded[max(0, defect.start - 30):defect.start]) is not None
                or _SELF_STATE.search(folded[end:defect.start]) is not None):
            continue  # round 12: the pairs' checks hold next to the product too ("格鲁卡维奥漏打一针", a missed dose),
            # and a state told of oneself is no defect ("seit Glucavio bin ich nur noch leer")
        if _SERVICE.search(folded[max(0, start - 25):defect.start]):
            continue  # "my Glucavio discount card doesn't work" / "la mia tessera sconto Glucavio non funziona"
        if (not folded[end:defect.start].count(".") and not negated(folded, defect.start, defect.end)
                and not is_conditional(folded, start)):
            spans.append(evidence(text, start, defect.end, WHY["device_malfunction"]))
            kinds.add("device_malfunction")
    # Bought online and it looks or is packed wrong: a suspected counterfeit even without the word.
    if kinds & {"appearance", "packaging"} and "counterfeit" not in kinds:
        online = BOUGHT_ONLINE.search(prepared)
        if online:
            spans.append(evidence(text, online.start, online.end, "bought online and looks different"))
            kinds.add("counterfeit")
    return dedupe(spans), kinds


class ProductComplaintDetector(Detector):
    name = "product_complaint"
    version = VERSION

    def detect(self, text: str, context: ScreenContext, result: TriageResult) -> list[Finding]:
        spans, kinds = complaint_spans(text, context)
        lots = lot_numbers(text)
        lot_values = list(dict.fromkeys(code.upper() for _, _, code in lots))
        if not kinds:
            if not lots:
                return []
            return [Finding("product_complaint", 0.3, [evidence(text, s, e, "lot number") for s, e, _ in lots],
                            self.name, self.version, positive=False,
                            details={"lot_numbers": lot_values, "kinds": []})]
        spans.extend(evidence(text, s, e, "lot number") for s, e, _ in lots)
        score = min(1.0, 0.75 + 0.1 * (len(kinds) - 1) + (0.1 if lots else 0.0))
        return [Finding("product_complaint", score, sorted(spans, key=lambda e: e.start), self.name, self.version,
                        details={"lot_numbers": lot_values, "kinds": sorted(kinds)})]
