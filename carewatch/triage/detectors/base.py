"""The detector interface: a name, a version, and a function from text to findings."""

from __future__ import annotations

from carewatch.triage.context import ScreenContext
from carewatch.triage.result import Finding, TriageResult


class Detector:
    name: str = ""
    version: str = "1"

    def detect(self, text: str, context: ScreenContext, result: TriageResult) -> list[Finding]:
        """Findings for ``text``. ``result`` holds what earlier detectors found (e.g. the language)."""
        raise NotImplementedError
