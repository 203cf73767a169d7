"""What screening a text produces: labels with scores and evidence a human can check at a glance."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

LABELS = (
    "adverse_event", "serious", "special_situation", "product_complaint", "medical_inquiry", "off_label",
    "phi", "urgent", "spam", "ugc_consent", "language_unscreened",
)
SAFETY_LABELS = frozenset({"adverse_event", "serious", "special_situation", "product_complaint", "urgent"})


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int
    text: str
    why: str


@dataclass
class Finding:
    """One detector's verdict on one label."""

    label: str
    score: float
    evidence: list[Evidence] = field(default_factory=list)
    detector: str = ""
    version: str = ""
    positive: bool = True
    details: dict[str, Any] = field(default_factory=dict)  # e.g. lot numbers, seriousness criteria


@dataclass
class PhiEntity:
    type: str
    start: int
    end: int
    text: str
    score: float = 1.0


@dataclass
class Sentiment:
    label: str  # negative | neutral | positive
    score: float  # -1 .. 1


@dataclass
class TriageResult:
    language: str = "und"
    findings: list[Finding] = field(default_factory=list)
    phi: list[PhiEntity] = field(default_factory=list)
    sentiment: Sentiment | None = None
    versions: dict[str, str] = field(default_factory=dict)

    @property
    def labels(self) -> list[str]:
        found = {f.label for f in self.findings if f.positive}
        return [label for label in LABELS if label in found]

    @property
    def scores(self) -> dict[str, float]:
        scores: dict[str, float] = {}
        for f in self.findings:
            scores[f.label] = max(scores.get(f.label, 0.0), round(f.score, 4))
        return scores

    def evidence(self) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for f in self.findings:
            if f.positive and f.evidence:
                out.setdefault(f.label, []).extend(asdict(e) for e in f.evidence)
        return out

    def details(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for f in self.findings:
            if f.positive and f.details:
                out.setdefault(f.label, {}).update(f.details)
        return out

    def as_contract(self, item_id: Any = None) -> dict[str, Any]:
        """The `carewatch triage run` output object (a stable contract other tools read)."""
        return {
            "id": item_id,
            "language": self.language,
            "labels": self.labels,
            "scores": self.scores,
            "evidence": self.evidence(),
            "phi": [asdict(p) for p in self.phi],
            "sentiment": asdict(self.sentiment) if self.sentiment else None,
            "details": self.details(),
            "versions": self.versions,
        }
