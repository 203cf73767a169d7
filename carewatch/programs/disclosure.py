"""The FTC disclosure check for an influencer post (compliance reference §1.8, checker encoding).

Pure functions over the post's text: no database, no network. For a post with a material
connection (money, free product, employment, family):

- PASS when an approved token (``#ad``, ``#sponsored``, "paid partnership with", "Brand partner",
  ``#publicidad``, ``#publicité``/``#pub``/"partenariat rémunéré", ``#werbung``/``#anzeige`` ...)
  sits above the platform's "more" cut (the first 3 lines or 125 characters) and not only inside a
  trailing run of three or more hashtags;
- FAIL when the approved token is only below the cut, only in the trailing hashtag run, only in
  the bio or the platform's paid-partnership label, when the only disclosure is one the FTC calls
  unclear (``#sp``, ``#spon``, ``#partner``, "thanks Brand"), or when there is none;
- WARN when the only disclosure is ambiguous on its own (``#collab``, ``#ambassador``);
- NEEDS_REVIEW for a video without on-screen or audio evidence: the disclosure has to be in the
  video itself, which a caption cannot prove (never a silent pass).

Every finding names its rule and the span of the text it is about.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

FOLD_CHARS = 125
FOLD_LINES = 3
HASHTAG_RUN = 3
VIDEO_PLATFORMS = frozenset({"tiktok", "youtube"})

PASS, WARN, FAIL, NEEDS_REVIEW, NOT_REQUIRED, NOT_APPLICABLE = (
    "pass", "warn", "fail", "needs_review", "not_required", "not_applicable")
SEVERITY = {PASS: 0, NOT_REQUIRED: 0, NOT_APPLICABLE: 0, WARN: 1, NEEDS_REVIEW: 2, FAIL: 3}

_END = r"(?![\w\u00C0-\u024F])"  # a hashtag or word ends here (accented letters count as letters)
_START = r"(?<![\w\u00C0-\u024F#@])"

# Approved: the FTC's "likely adequate" words and their usual equivalents in ES/FR/DE.
APPROVED = (
    # EN
    r"#ad", r"#ads", r"#advert", r"#advertisement", r"#advertising", r"#sponsored", r"#paidpartnership",
    r"#paidpartner", r"#paidad", r"#brandpartner",
    r"\bpaid partnership with\b", r"\bpaid partnership\b", r"\bsponsored by\b", r"\badvertisement\b",
    r"\bbrand partner\b", r"(?:^|[\[(])ad(?:[\])]|:)", r"\bi'?m working with\b", r"\bi am working with\b",
    r"\bin paid partnership\b", r"\bsent me (?:this|these|the)\b", r"\bgifted by\b", r"\bpaid by\b",
    # ES
    r"#publicidad", r"#publi", r"#patrocinado", r"#patrocinada", r"#anuncio", r"#colaboraci[oó]npagada",
    r"#colaboraci[oó]nremunerada", r"\bpublicidad\b", r"\bpatrocinado por\b", r"\bpatrocinada por\b",
    r"\bcolaboraci[oó]n pagada\b", r"\bcolaboraci[oó]n remunerada\b", r"\bcolaboraci[oó]n pagada con\b",
    # FR
    r"#publicit[ée]", r"#pub", r"#sponsoris[ée]", r"#partenariatr[ée]mun[ée]r[ée]",
    r"#collaborationcommerciale", r"\bpublicit[ée]\b", r"\bpartenariat r[ée]mun[ée]r[ée]\b",
    r"\bcollaboration commerciale\b", r"\bsponsoris[ée] par\b",
    # DE
    r"#werbung", r"#anzeige", r"#bezahltepartnerschaft", r"#bezahltekooperation", r"\bwerbung\b",
    r"\banzeige\b", r"\bbezahlte partnerschaft\b", r"\bbezahlte kooperation\b", r"\bgesponsert von\b",
)
# The FTC's "unclear" examples and their usual forms in ES/FR/DE.
UNCLEAR = (
    r"#sp", r"#spon", r"#spons", r"#partner", r"#partners",
    r"\b(?i:thanks|thank you|thx)(?i: so much)?,? (?i:to )?(?:@\w+|[A-Z][\w\u00C0-\u024F]+)",
    r"\b(?i:gracias)(?i: a)?,? (?:@\w+|[A-Z][\w\u00C0-\u024F]+)",
    r"\b(?i:merci)(?i: à)?,? (?:@\w+|[A-Z][\w\u00C0-\u024F]+)",
    r"\b(?i:danke)(?i: an)?,? (?:@\w+|[A-Z][\w\u00C0-\u024F]+)",
)
# Ambiguous on their own: a relationship, but not that it is paid.
AMBIGUOUS = (
    r"#collab", r"#collaboration", r"#ambassador", r"#brandambassador", r"#colab", r"#colaboraci[oó]n",
    r"#embajador", r"#embajadora", r"#ambassadeur", r"#ambassadrice", r"#partenariat", r"#kooperation",
    r"#markenbotschafter", r"#markenbotschafterin", r"#botschafter", r"#botschafterin", r"#partnerschaft",
)


def _compile(patterns: Iterable[str], extra: Iterable[str] = ()) -> re.Pattern[str]:
    parts = []
    for p in [*patterns, *(re.escape(t) for t in extra if t.strip())]:
        if p.startswith("#") or p.startswith("\\#"):
            parts.append(_START + p + _END)
        else:
            parts.append(p)
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE | re.MULTILINE)


_APPROVED = _compile(APPROVED)
# "thanks Brand" needs the capital letter: only the words are case-insensitive.
_UNCLEAR_TAGS = _compile([p for p in UNCLEAR if p.startswith("#")])
_UNCLEAR_THANKS = re.compile("|".join(f"(?:{p})" for p in UNCLEAR if not p.startswith("#")))
_AMBIGUOUS = _compile(AMBIGUOUS)
_RUN_GAP = re.compile(r"^[\s.,;:!·|/\-\u2013\u2014]*$")


@dataclass(frozen=True)
class Finding:
    rule: str
    start: int
    end: int
    message: str

    def as_dict(self) -> dict[str, object]:
        return {"rule": self.rule, "start": self.start, "end": self.end, "message": self.message}


@dataclass
class Outcome:
    status: str
    findings: list[Finding] = field(default_factory=list)
    evidence: list[tuple[int, int]] = field(default_factory=list)  # the accepted token's spans


def fold_end(text: str, chars: int = FOLD_CHARS, lines: int = FOLD_LINES) -> int:
    """Where the platform's "more" cut falls: after ``lines`` lines or ``chars`` characters."""
    end = 0
    for _ in range(lines):
        newline = text.find("\n", end)
        if newline == -1:
            end = len(text)
            break
        end = newline + 1
    return min(end, chars, len(text))


def trailing_hashtag_run(text: str) -> tuple[int, int] | None:
    """The span of the run of ≥3 hashtags (and @mentions) that ends the text, if any."""
    tags = list(re.finditer(r"[#@][\w\u00C0-\u024F]+", text))
    if not tags or not _RUN_GAP.match(text[tags[-1].end():]):
        return None
    first = len(tags) - 1
    while first > 0 and _RUN_GAP.match(text[tags[first - 1].end():tags[first].start()]):
        first -= 1
    run = tags[first:]
    if sum(1 for t in run if t.group().startswith("#")) < HASHTAG_RUN:
        return None
    return run[0].start(), run[-1].end()


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern.finditer(text) if m.end() > m.start()]


def check_disclosure(
    text: str,
    *,
    platform: str = "",
    material_connection: bool = True,
    media: str = "none",
    on_screen_text: str = "",
    transcript: str = "",
    bio: str = "",
    platform_label: bool = False,
    extra_tokens: Iterable[str] = (),
    required_tokens: Iterable[str] = (),
) -> Outcome:
    """The disclosure verdict for one post, with its findings."""
    if not material_connection:
        return Outcome(NOT_REQUIRED)
    approved = _compile(APPROVED, extra_tokens) if any(t.strip() for t in extra_tokens) else _APPROVED
    is_video = media == "video" or (media in ("", None) and platform in VIDEO_PLATFORMS)
    findings: list[Finding] = []
    cut = fold_end(text)
    run = trailing_hashtag_run(text)
    hits = _spans(approved, text)
    good = [s for s in hits if s[1] <= cut and not (run and run[0] <= s[0] and s[1] <= run[1])]
    caption = Outcome(FAIL)
    if good:
        caption = Outcome(PASS, evidence=good)
    elif hits:
        start, end = hits[0]
        if start >= cut or end > cut:
            findings.append(Finding("ftc.disclosure.below_fold", start, end,
                                    f"the disclosure {text[start:end]!r} is below the \"more\" cut "
                                    f"(first {FOLD_LINES} lines / {FOLD_CHARS} characters): readers miss it"))
        else:
            findings.append(Finding("ftc.disclosure.hashtag_run", start, end,
                                    f"the disclosure {text[start:end]!r} is only inside a trailing run of "
                                    "hashtags: move it to the start of the caption"))
    else:
        unclear = _spans(_UNCLEAR_TAGS, text) + _spans(_UNCLEAR_THANKS, text)
        ambiguous = _spans(_AMBIGUOUS, text)
        if unclear:
            for start, end in sorted(unclear):
                findings.append(Finding("ftc.disclosure.unclear", start, end,
                                        f"{text[start:end]!r} is a disclosure the FTC calls unclear: use #ad, "
                                        "#sponsored or \"paid partnership with\""))
        elif ambiguous:
            caption = Outcome(WARN)
            for start, end in ambiguous:
                findings.append(Finding("ftc.disclosure.ambiguous", start, end,
                                        f"{text[start:end]!r} on its own does not say the post is paid: "
                                        "add #ad or #sponsored"))
        if not unclear and not ambiguous:
            if platform_label:
                findings.append(Finding("ftc.disclosure.label_only", 0, 0,
                                        "only the platform's paid-partnership label discloses the connection: "
                                        "the caption needs its own disclosure"))
            elif bio and _APPROVED.search(bio):
                findings.append(Finding("ftc.disclosure.bio_only", 0, 0,
                                        "the disclosure is only in the bio: it must be in the post itself"))
            else:
                findings.append(Finding("ftc.disclosure.missing", 0, cut,
                                        "no disclosure of the material connection above the \"more\" cut"))
    caption.findings = findings
    required = [t for t in required_tokens if t.strip()]
    if caption.status == PASS and required and not any(t.lower() in text.lower() for t in required):
        caption.status = WARN
        caption.findings.append(Finding("contract.required_token", 0, 0,
                                        "the contract requires one of " + ", ".join(required)))
    if not is_video:
        return caption
    evidence_text = "\n".join(t for t in (on_screen_text, transcript) if t)
    if not evidence_text:
        caption.findings.append(Finding("ftc.disclosure.video_unverified", 0, 0,
                                        "a video must disclose in the video itself (on screen or spoken); no "
                                        "on-screen text or transcript to check: a person has to watch it"))
        caption.status = NEEDS_REVIEW
        return caption
    if _spans(approved, evidence_text):
        # Disclosed in the video itself: that is what counts for a video.
        caption.findings = [f for f in caption.findings if f.rule == "contract.required_token"]
        caption.status = WARN if caption.findings else PASS
        return caption
    caption.findings.append(Finding("ftc.disclosure.video_missing", 0, 0,
                                    "the video's on-screen text and audio carry no disclosure"))
    caption.status = FAIL
    return caption


def worst(*statuses: str) -> str:
    """The worst of the statuses (fail > needs_review > warn > pass), as a verdict."""
    top = max(statuses, key=lambda s: SEVERITY[s])
    return PASS if SEVERITY[top] == 0 else top
