"""Helpers for writing lexicons as readable text blocks.

A block is a string of terms separated by ``|`` or new lines; blank entries and ``#`` comments
are dropped. Term syntax, shared by every adverse-event lexicon:

- ``dizz*``: a trailing ``*`` matches any word ending (dizzy, dizziness, dizzyness);
- ``*schmerz*``: a leading ``*`` matches inside a word (German compounds: Kopfschmerzen);
- everything else matches whole words, case- and accent-insensitively (``nausées`` = ``nausees``).
"""

from __future__ import annotations


def terms(block: str) -> tuple[str, ...]:
    out: list[str] = []
    for line in block.splitlines():
        line = line.split("#", 1)[0]
        for raw in line.split("|"):
            term = " ".join(raw.split()).lower()
            if term:
                out.append(term)
    return tuple(dict.fromkeys(out))
