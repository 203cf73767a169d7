"""A small keyword matcher for legal and media threats in a post ("my lawyer", "I'll sue",
"calling a journalist", "going to the press"), for the ``legal_media`` escalation.

Deliberately simple: whole words, case-insensitive, with a few everyday phrases taken out first
("good news", "press the button", "social media"). It errs towards alerting ("Sue" the name
matches "sue"): a false alarm costs a glance, a missed threat costs more. Returns the matched
terms as evidence; the post's text never goes into the escalation.
"""

from __future__ import annotations

import re

TERMS = re.compile(
    r"\b(lawyers?|attorneys?|solicitors?|lawsuits?|legal action|class[- ]action|sue|suing|sued|"
    r"journalists?|reporters?|press|newspapers?|news|media)\b",
    re.IGNORECASE,
)
# Everyday uses of the same words that are not threats.
BENIGN = re.compile(
    r"\b(?:(?:good|bad|great|the best|some|any|no|sad|happy|exciting) news|news to me|"
    r"press(?:ed)? (?:the|it|on|down|firmly|and hold|hard|harder|into|against)|social media|"
    r"media (?:product|type|id))\b",
    re.IGNORECASE,
)


def legal_media_terms(text: str) -> list[str]:
    """The legal or media terms in ``text`` (lower case, each once, in order of appearance)."""
    if not text:
        return []
    cleaned = BENIGN.sub(" ", text)
    found: list[str] = []
    for match in TERMS.finditer(cleaned):
        term = match.group(1).lower()
        if term not in found:
            found.append(term)
    return found
