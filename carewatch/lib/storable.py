"""Text every database can store: no NUL, no lone surrogate.

A platform may send ``\\u0000`` (PostgreSQL refuses NUL in text and jsonb) or a lone ``\\ud800``
(valid JSON, but no UTF-8 encoding exists for it: SQLite's driver refuses it) in any field. The
raw bytes of the delivery are kept as sent (``InboundEvent.raw_body``); what is derived from them
for the inbox (mention text, author names and handles, ids, metadata) has each such character
replaced by U+FFFD, so the message is stored, screened and visible, never lost.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

REPLACEMENT = "\ufffd"
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")  # a str from json.loads holds only lone surrogates


def storable_text(text: str) -> str:
    """``text`` with NUL and lone surrogates replaced by U+FFFD."""
    return _UNSTORABLE.sub(REPLACEMENT, text) if _UNSTORABLE.search(text) else text


def storable(value: Any) -> Any:
    """``value`` with every string in it (dict keys too, dataclass fields too) storable."""
    if isinstance(value, str):
        return storable_text(value)
    if isinstance(value, dict):
        return {storable(k): storable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [storable(v) for v in value]
    if isinstance(value, tuple):
        return tuple(storable(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            current = getattr(value, field.name)
            cleaned = storable(current)
            if cleaned is not current and cleaned != current:
                object.__setattr__(value, field.name, cleaned)
        return value
    return value
