"""What an electronic signature on a safety case covers (``carewatch.identity.signatures``).

Forwarding signs the case's clinical content and the hashes of its frozen evidence: what PV
received. Dismissing and closing also sign the decision and its reason."""

from __future__ import annotations

from typing import Any

from carewatch.identity.models import Meaning
from carewatch.safety.models import SafetyCase

# The workflow steps that are electronic signatures, and what each signature means.
SIGNED = {"forward": Meaning.FORWARDED, "dismiss": Meaning.DISMISSED, "close": Meaning.CLOSED}


def signed_content(case: SafetyCase, meaning: str) -> dict[str, Any]:
    content: dict[str, Any] = {
        "reference": case.reference, "kind": case.kind, "serious": case.serious,
        "seriousness": case.seriousness, "special_situations": case.special_situations,
        "elements": case.elements, "products": case.products, "reactions": case.reactions,
        "patient": case.patient, "narrative": case.narrative, "reporter_type": case.reporter_type,
        "day0": case.day0.isoformat(),
        "evidence": sorted(case.links.values_list("snapshot_hash", flat=True)),
    }
    if meaning in ("dismissed", "closed"):
        content.update({"status": case.status, "end_reason": case.end_reason})
    return content
