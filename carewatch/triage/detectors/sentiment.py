"""Sentiment: VADER for English, a small lexicon for Spanish, French and German."""

from __future__ import annotations

import re
from functools import cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from carewatch.triage.result import Sentiment

NEUTRAL_BAND = 0.05
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

LEXICON: dict[str, dict[str, float]] = {
    "es": {"gracias": 1.5, "excelente": 2.5, "bueno": 1.5, "buena": 1.5, "genial": 2.5, "encanta": 2.5,
           "mejor": 1.5, "feliz": 2.0, "ayuda": 1.0, "malo": -2.0, "mala": -2.0, "terrible": -3.0,
           "horrible": -3.0, "peor": -2.5, "dolor": -1.5, "enfermo": -1.5, "enferma": -1.5, "caro": -1.5,
           "queja": -2.0, "problema": -1.5, "nunca": -1.0, "inaceptable": -3.0, "molesto": -2.0, "miedo": -2.0},
    "fr": {"merci": 1.5, "excellent": 2.5, "bien": 1.0, "génial": 2.5, "super": 2.0, "adore": 2.5,
           "content": 2.0, "contente": 2.0, "mauvais": -2.0, "terrible": -3.0, "horrible": -3.0, "pire": -2.5,
           "douleur": -1.5, "malade": -1.5, "cher": -1.5, "problème": -1.5, "inacceptable": -3.0,
           "déçu": -2.0, "déçue": -2.0, "peur": -2.0, "jamais": -1.0, "vertiges": -1.5},
    "de": {"danke": 1.5, "super": 2.0, "gut": 1.5, "toll": 2.5, "hervorragend": 3.0, "zufrieden": 2.0,
           "schlecht": -2.0, "schrecklich": -3.0, "furchtbar": -3.0, "schlimmer": -2.5, "schmerzen": -1.5,
           "krank": -1.5, "teuer": -1.5, "problem": -1.5, "unzumutbar": -3.0, "enttäuscht": -2.0,
           "angst": -2.0, "nie": -1.0, "schwindel": -1.5},
}
NEGATORS = {"es": {"no", "nunca"}, "fr": {"pas", "ne", "jamais"}, "de": {"nicht", "kein", "keine", "nie"}}


@cache
def _vader() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def _label(score: float) -> str:
    if score >= NEUTRAL_BAND:
        return "positive"
    if score <= -NEUTRAL_BAND:
        return "negative"
    return "neutral"


def sentiment(text: str, language: str) -> Sentiment:
    lexicon = LEXICON.get(language)
    if lexicon is None:
        compound = float(_vader().polarity_scores(text)["compound"])
        return Sentiment(_label(compound), round(compound, 4))
    words = [w.lower() for w in _WORD.findall(text)]
    negators = NEGATORS.get(language, set())
    total = 0.0
    for i, word in enumerate(words):
        value = lexicon.get(word)
        if value is None:
            continue
        if any(w in negators for w in words[max(0, i - 3):i]):
            value = -value * 0.74  # VADER's negation dampening
        total += value
    compound = total / ((total * total + 15) ** 0.5)  # VADER's normalisation
    return Sentiment(_label(compound), round(compound, 4))
