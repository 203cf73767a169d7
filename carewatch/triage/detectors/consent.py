"""UGC consent: a reply granting permission to reuse a post or photo (the user-generated-content rights
request a brand sends before featuring a patient's post). ``#Yes<Brand>`` (e.g. ``#YesNorthwind``,
``#yesglucavio`` with a client product), "sure, you can share my photo", "sí, pueden usar mi foto",
"oui vous pouvez partager", "ja, ihr dürft es teilen". A refusal anywhere in the text ("no you can't use
it", "please don't share") cancels it: consent has to be unambiguous.
"""

from __future__ import annotations

import re

from carewatch.triage.context import ScreenContext
from carewatch.triage.detectors.base import Detector
from carewatch.triage.detectors.care import FLAGS, Cues, Text, dedupe, evidence, negated
from carewatch.triage.lexicons.care_consent import GRANTS, HASHTAG, REFUSALS
from carewatch.triage.result import Finding, TriageResult

VERSION = "consent-rules-1"

GRANT = Cues(GRANTS)
REFUSAL = Cues(REFUSALS)
CONSENT_TAG = re.compile(HASHTAG, FLAGS)
YES_TAG = re.compile(r"(?<![\w#])#yes(?P<word>\w{3,})", FLAGS)


def _product_tag(word: str, context: ScreenContext) -> bool:
    word = word.lower()
    return any(word == form.lower().replace(" ", "") for p in context.products for form in p.surface_forms)


class UgcConsentDetector(Detector):
    name = "ugc_consent"
    version = VERSION

    def detect(self, text: str, context: ScreenContext, result: TriageResult) -> list[Finding]:
        prepared = Text(text)
        folded = prepared.folded
        grants = GRANT.hits(prepared)
        if "#" not in folded and not grants:
            return []
        if REFUSAL.search(prepared):
            return []
        spans = [evidence(text, m.start(), m.end(), "consent hashtag") for m in CONSENT_TAG.finditer(folded)]
        spans.extend(evidence(text, m.start(), m.end(), "consent hashtag") for m in YES_TAG.finditer(folded)
                     if _product_tag(m.group("word"), context))
        spans.extend(evidence(text, h.start, h.end, "grants permission to reuse") for h in grants
                     if not negated(folded, h.start, h.end, after=False))
        if not spans:
            return []
        return [Finding("ugc_consent", 0.9, dedupe(spans), self.name, self.version)]
