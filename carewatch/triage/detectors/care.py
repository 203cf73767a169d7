"""Shared machinery of the care detectors: product complaint, medical inquiry, off-label, urgent, spam
and UGC consent (the modules next to this one).

Each detector is a set of cue lists (regular-expression fragments in ``carewatch.triage.lexicons.care_*``)
with a little logic around them: a negation window, a conditional ("what if…") window, and product spans
from the client's product list. Nothing is downloaded or trained.

Speed. One Python alternation of a hundred cues costs about 40 µs on a 200-character text, and a detector
needs a dozen of them, so ``Cues`` does not scan with alternations. It reads each fragment's possible
literal prefixes from the fragment itself (with Python's own regular-expression parser), puts them in an
Aho-Corasick automaton, and finds every place a cue can start in one pass over the lower-cased text; only
there does it run the fragment's own anchored regular expression. A detector then costs tens of
microseconds per text.
"""

from __future__ import annotations

import functools
import importlib
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick

from carewatch.triage.context import ProductTerms, ScreenContext
from carewatch.triage.lexicons.care_common import (
    CLAUSE_BREAKS,
    CONDITIONALS,
    MED_NOUNS,
    NEGATORS_AFTER,
    NEGATORS_BEFORE,
    NEGATORS_SHORT,
)
from carewatch.triage.result import Evidence

# Python's own regular-expression parser and its opcodes (``re._parser``, stable since 3.11; the public
# ``sre_parse`` alias is deprecated). Typed loosely: typeshed has no stubs for the private modules.
sre_parse: Any = importlib.import_module("re._parser")
sre_c: Any = importlib.import_module("re._constants")

FLAGS = re.IGNORECASE | re.UNICODE
# Word boundaries for scripts written with spaces; Japanese and Chinese characters never continue a word
# (those languages have no spaces, so a cue may start or end between any two characters).
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
# Written as "not after a word character, or after a CJK one" rather than the equivalent negated class
# [^\W<CJK>]: that class, case-folded, took ~30 ms to compile in every one of the ~1,500 cues
# (bench/demo.py --profile); these forms match the same positions at a third of the cost.
NOT_AFTER_WORD = rf"(?:(?<!\w)|(?<=(?-i:[{_CJK}])))"
NOT_BEFORE_WORD = rf"(?:(?!\w)|(?=(?-i:[{_CJK}])))"
# Round 7: even so, that CJK class cost ~3 ms to compile in each of ~4,000 cues (a large character range is
# expanded code point by code point). A cue with no CJK character in it is now matched against ``Text.spaced``
# (the text with every CJK character replaced by a space, same length), where the plain boundaries below find the
# same positions: compiling it takes ~0.05 ms.
PLAIN_NOT_AFTER_WORD = r"(?<!\w)"
PLAIN_NOT_BEFORE_WORD = r"(?!\w)"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_CJK_TO_SPACE = {code: " " for low, high in ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
                                             (0xFF66, 0xFF9F)) for code in range(low, high + 1)}


def is_word_char(char: str) -> bool:
    return char.isalnum() and not ("\u3040" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"
                                   or "\uff66" <= char <= "\uff9f")
SENTENCE_END = re.compile(r"[.!?;\n]")
PREFIX_LENGTH = 5  # literal prefix characters indexed per fragment
MAX_PREFIXES = 512  # a fragment with more possible prefixes is searched in full instead


def fold(text: str) -> str:
    """The text with typographic apostrophes made plain, same length (so spans stay valid)."""
    return text.replace("\u2019", "'").replace("\u2018", "'")


def lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


RECENT_TEXTS = 8  # texts whose pooled matches are kept (a screening prepares one text several times)
# Where the cue lists' literal prefixes occur in one text: (end index, prefix length, the list's cue numbers), per list.
_Matches = dict[int, list[tuple[int, int, tuple[int, ...]]]]


class Text:
    """One text prepared once for every cue list: original, folded apostrophes, lower-cased (same length)."""

    __slots__ = ("_matches", "_spaced", "folded", "lowered", "raw")

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.folded = fold(raw)
        self.lowered = lower_same_length(self.folded)
        self._spaced: str | None = None
        self._matches: tuple[int, _Matches] | None = None

    def pooled_matches(self) -> _Matches:
        """Every module-level cue list's prefix matches in ``lowered``, found in one pass of the pooled automaton (see
        ``Cues``) and kept for the other lists, and for the other ``Text`` of the same text (each detector prepares its
        own; ``_RECENT`` keeps the last few texts' matches): per list, in the order its own automaton yields them."""
        if self._matches is not None and self._matches[0] == len(_POOL):  # read by the pool of every list there is
            return self._matches[1]
        generation, automaton = _pool()
        recent = _RECENT.get(self.lowered)
        if recent is not None and recent[0] == generation:
            self._matches = recent
            return recent[1]
        matches: _Matches = {}
        if automaton is not None:
            for last, (length, entries) in automaton.iter(self.lowered):
                for member, numbers in entries:
                    found = matches.get(member)
                    if found is None:
                        matches[member] = [(last, length, numbers)]
                    else:
                        found.append((last, length, numbers))
        self._matches = (generation, matches)
        _RECENT[self.lowered] = self._matches
        while len(_RECENT) > RECENT_TEXTS:
            try:
                del _RECENT[next(iter(_RECENT))]
            except (KeyError, RuntimeError, StopIteration):  # another thread evicted it first
                break
        return matches

    @property
    def spaced(self) -> str:
        """``folded`` with every CJK character a space (same length): where cues without CJK are matched."""
        if self._spaced is None:
            self._spaced = self.folded.translate(_CJK_TO_SPACE) if _CJK_CHAR.search(self.folded) else self.folded
        return self._spaced


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    key: str = ""  # the cue list's key for keyed cues (e.g. a condition), else ""


# --- literal prefixes of a regular-expression fragment ----------------------------------------------------

_Strings = set[str]


def _class_chars(items: list[tuple[Any, Any]]) -> _Strings | None:
    chars: set[str] = set()
    for op, av in items:
        if op is sre_c.LITERAL:
            chars.add(chr(av).lower())
        elif op is sre_c.RANGE and av[1] - av[0] <= 40:
            chars.update(chr(c).lower() for c in range(av[0], av[1] + 1))
        elif op is sre_c.CATEGORY and av is sre_c.CATEGORY_DIGIT:
            chars.update("0123456789")
        elif op is sre_c.CATEGORY and av is sre_c.CATEGORY_SPACE:
            chars.update(" \t\n")
        else:
            return None
    return chars if len(chars) <= 40 else None


def _element(op: Any, av: Any) -> tuple[_Strings, bool] | None:
    """Strings an element can start with (truncated), and whether what follows it can still be read."""
    if op is sre_c.LITERAL:
        return {chr(av).lower()}, True
    if op is sre_c.IN:
        chars = _class_chars(av)
        return (chars, True) if chars else None
    if op in (sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT):
        return {""}, True  # zero width
    if op is sre_c.SUBPATTERN:
        return _sequence(av[3].data)
    if op is sre_c.ATOMIC_GROUP:
        return _sequence(av.data)
    if op is sre_c.BRANCH:
        strings: _Strings = set()
        whole = True
        for branch in av[1]:
            found = _sequence(branch.data)
            if found is None:
                return None
            strings |= found[0]
            whole = whole and found[1]
        return strings, whole
    if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
        low, high, sub = av
        found = _sequence(sub.data)
        if found is None:
            return ({""}, False) if low == 0 else None
        strings, whole = found
        if low == 0:
            strings = strings | {""}
        return strings, whole and high == 1
    return None


def _sequence(items: Sequence[tuple[Any, Any]]) -> tuple[_Strings, bool] | None:
    current: _Strings = {""}
    for op, av in items:
        if all(len(p) >= PREFIX_LENGTH for p in current):
            return current, True  # long enough; what follows cannot change these prefixes
        found = _element(op, av)
        if found is None:
            return current, False
        strings, whole = found
        current = {(p + s)[:PREFIX_LENGTH] if len(p) < PREFIX_LENGTH else p for p in current for s in strings}
        if len(current) > MAX_PREFIXES:
            return None
        if not whole:
            return current, False
    return current, True


def literal_prefixes(fragment: str) -> set[str] | None:
    """The lower-case literal strings (up to ``PREFIX_LENGTH`` characters) every match of ``fragment`` starts
    with; None when the fragment can start with anything (e.g. ``\\w+``)."""
    try:
        found = _sequence(sre_parse.parse(fragment, FLAGS).data)
    except (AttributeError, TypeError, ValueError):  # a future parser with another shape: scan in full
        return None
    if found is None or "" in found[0]:
        return None
    return found[0]


# --- cue lists ---------------------------------------------------------------------------------------------


# The cue lists built at import (every list but a client's product names): their prefixes also go into one pooled
# automaton, so that a text is read once for all of them (``Text.pooled_matches``) instead of once per list. A list's
# matches come out of it in the order of the list's own automaton: by end position, then longest prefix first (the
# suffix chain of a position holds the same prefixes in the same order, whatever the other lists add to it).
_POOL: list[dict[str, tuple[int, ...]]] = []
_POOL_LOCK = threading.Lock()
_pooled: tuple[int, Any] = (0, None)  # (how many lists it holds, the automaton or None)
_RECENT: dict[str, tuple[int, _Matches]] = {}  # lower-cased text → (generation, its pooled matches), oldest first


def _join_pool(index: dict[str, tuple[int, ...]]) -> int:
    with _POOL_LOCK:
        _POOL.append(index)
        return len(_POOL) - 1


def _pool() -> tuple[int, Any]:
    """The pooled automaton of every list that joined so far (rebuilt when one more has joined): prefix →
    (prefix length, ((list, its cue numbers), ...))."""
    global _pooled
    current = _pooled
    if current[0] == len(_POOL):
        return current
    with _POOL_LOCK:
        if _pooled[0] != len(_POOL):
            entries: dict[str, list[tuple[int, tuple[int, ...]]]] = {}
            for member, index in enumerate(_POOL):
                for prefix, numbers in index.items():
                    entries.setdefault(prefix, []).append((member, numbers))
            automaton: Any = None
            if entries:
                automaton = ahocorasick.Automaton()
                for prefix, found in entries.items():
                    automaton.add_word(prefix, (len(prefix), tuple(found)))
                automaton.make_automaton()
            _pooled = (len(_POOL), automaton)
        return _pooled


@functools.cache
def _compiled(source: str) -> re.Pattern[str]:
    """A cue's pattern, compiled once per process: the word-boundary classes (every script but the
    CJK ranges, case-insensitive) make each compile slow, and most cues are never needed."""
    return re.compile(source, FLAGS)


class Cues:
    """A cue list compiled for fast look-up (see the module docstring). ``fragments`` is a list of
    regular-expression fragments, or a mapping from a key to fragments (a hit then carries its key).
    With ``boundary`` (the default) a cue must start and end at word boundaries. With ``pooled`` (the default; not for
    lists built at run time, such as a client's product names) its prefixes are also found in the pooled pass over the
    text that every such list shares (``Text.pooled_matches``)."""

    def __init__(self, fragments: Iterable[str] | Mapping[str, Iterable[str]], boundary: bool = True,
                 pooled: bool = True) -> None:
        keyed = fragments.items() if isinstance(fragments, Mapping) else [("", fragments)]
        # The wrapped sources and keys; each is compiled on first use (most never are: the automaton
        # finds the few candidates of a text), and once per process (the same cue in two lists).
        self.sources: list[tuple[str, str]] = []
        self.spaced_numbers: set[int] = set()  # the cues matched against ``Text.spaced``
        self.automaton = ahocorasick.Automaton()
        index: dict[str, list[int]] = {}
        fallback: list[int] = []
        for key, group in keyed:
            for fragment in dict.fromkeys(group):
                if not boundary:
                    wrapped = f"(?:{fragment})"
                elif _CJK_CHAR.search(fragment):
                    wrapped = rf"{NOT_AFTER_WORD}(?:{fragment}){NOT_BEFORE_WORD}"
                else:
                    wrapped = rf"{PLAIN_NOT_AFTER_WORD}(?:{fragment}){PLAIN_NOT_BEFORE_WORD}"
                    self.spaced_numbers.add(len(self.sources))
                number = len(self.sources)
                self.sources.append((wrapped, key))
                prefixes = literal_prefixes(fragment)
                if prefixes is None:
                    fallback.append(number)
                    continue
                for prefix in prefixes:
                    index.setdefault(prefix, []).append(number)
        for prefix, numbers in index.items():
            self.automaton.add_word(prefix, (len(prefix), tuple(numbers)))
        self.automaton.make_automaton()
        self.fallback = tuple(fallback)
        self.boundary = boundary
        self.member = _join_pool({p: tuple(n) for p, n in index.items()}) if pooled and index else None

    def _candidates(self, text: Text) -> dict[int, set[int]]:
        lowered = text.lowered
        found: dict[int, set[int]] = {}
        matches: Iterable[tuple[int, int, tuple[int, ...]]] = ()
        if self.member is not None:
            matches = text.pooled_matches().get(self.member, ())
        elif len(self.automaton):
            matches = ((last, length, numbers) for last, (length, numbers) in self.automaton.iter(lowered))
        if matches:
            for last, length, numbers in matches:
                start = last - length + 1
                if self.boundary and start and is_word_char(lowered[start]) and (
                        is_word_char(lowered[start - 1]) or lowered[start - 1] == "_"):
                    continue
                found.setdefault(start, set()).update(numbers)
        for number in self.fallback:
            subject = text.spaced if number in self.spaced_numbers else text.folded
            for match in _compiled(self.sources[number][0]).finditer(subject):
                found.setdefault(match.start(), set()).add(number)
        return found

    def hits(self, text: Text) -> list[Hit]:
        """Non-overlapping hits, left to right, the longest at each start (like ``finditer``)."""
        found: list[Hit] = []
        last_end = -1
        candidates = self._candidates(text)
        for start in sorted(candidates):
            if start < last_end:
                continue
            best: Hit | None = None
            for number in candidates[start]:
                source, key = self.sources[number]
                match = _compiled(source).match(text.spaced if number in self.spaced_numbers else text.folded, start)
                if match and (best is None or match.end() > best.end):
                    best = Hit(start, match.end(), key)
            if best is not None:
                found.append(best)
                last_end = best.end
        return found

    def search(self, text: Text, start: int = 0, end: int | None = None) -> Hit | None:
        stop = len(text.raw) if end is None else end
        for hit in self.hits(text):
            if hit.start >= start and hit.end <= stop:
                return hit
        return None

    def matches_exactly(self, text: Text, start: int, end: int) -> bool:
        """Whether one of the cues matches exactly ``text[start:end]``."""
        return any(_compiled(source).fullmatch(text.spaced if number in self.spaced_numbers else text.folded,
                                               start, end) for number, (source, _) in enumerate(self.sources))


def near(text: Text, first: Sequence[Hit], second: Sequence[Hit], gap: int = 40,
         both_ways: bool = True) -> list[tuple[int, int, Hit]]:
    """Pairs of a hit of ``first`` and a hit of ``second`` in one sentence, at most ``gap`` characters apart:
    (start of the pair, end of the pair, the ``second`` hit). One pair per ``second`` hit, the closest."""
    out: list[tuple[int, int, Hit]] = []
    for cue in second:
        best: tuple[int, int, int] | None = None  # distance, start, end
        for other in first:
            if other.end <= cue.start:
                distance, span = cue.start - other.end, (other.start, cue.end)
                between = text.folded[other.end:cue.start]
            elif both_ways and cue.end <= other.start:
                distance, span = other.start - cue.end, (cue.start, other.end)
                between = text.folded[cue.end:other.start]
            else:
                continue
            if distance <= gap and not SENTENCE_END.search(between) and (best is None or distance < best[0]):
                best = (distance, *span)
        if best is not None:
            out.append((best[1], best[2], cue))
    return out


def alternation(fragments: Iterable[str]) -> str:
    """One non-capturing alternation of regular-expression fragments, longest first."""
    return "(?:" + "|".join(sorted(set(fragments), key=len, reverse=True)) + ")"


def words(fragments: Iterable[str]) -> re.Pattern[str]:
    """A plain pattern matching any fragment as whole words (for short windows; ``Cues`` for whole texts)."""
    return re.compile(r"(?<!\w)" + alternation(fragments) + r"(?!\w)", FLAGS)


_NEG_BEFORE = words(NEGATORS_BEFORE)
_NEG_SHORT = words(NEGATORS_SHORT)
_NEG_AFTER = re.compile(r"^\W*(?:\w+\W+)?" + alternation(NEGATORS_AFTER) + r"(?!\w)", FLAGS)
_CONDITIONAL = words(CONDITIONALS)
_CLAUSE_END = re.compile(r"[.!?;,\n¿¡]|(?<!\w)" + alternation(CLAUSE_BREAKS) + r"(?!\w)", FLAGS)
_WORD = re.compile(r"\S+")
MED_NOUN = Cues(MED_NOUNS)


def clause_before(text: str, start: int, limit: int = 60) -> str:
    """The text between the start of the clause holding ``start`` and ``start`` (at most ``limit`` characters)."""
    window = text[max(0, start - limit):start]
    cut = 0
    for match in _CLAUSE_END.finditer(window):
        cut = match.end()
    return window[cut:]


def last_words(text: str, count: int) -> str:
    found = _WORD.findall(text)
    return " ".join(found[-count:])


def negated(text: str, start: int, end: int, before: int = 4, after: bool = True) -> bool:
    """A negation in the ``before`` words preceding the span (same clause), or right after it (FR/DE)."""
    clause = clause_before(text, start)
    if _NEG_BEFORE.search(last_words(clause, before)) or _NEG_SHORT.search(last_words(clause, 2)):
        return True
    return after and _NEG_AFTER.search(text[end:end + 24]) is not None


def conditional(text: str, start: int, before: int = 6) -> bool:
    """An "if" in the few words before the span, in the same clause."""
    return _CONDITIONAL.search(last_words(clause_before(text, start, 80), before)) is not None


@lru_cache(maxsize=256)
def _product_cues(products: tuple[ProductTerms, ...]) -> Cues | None:
    forms = {re.escape(form.lower()): product.name for product in products for form in product.surface_forms
             if len(form) > 2}
    if not forms:
        return None
    keyed: dict[str, list[str]] = {}
    for form, name in forms.items():
        keyed.setdefault(name, []).append(form)
    return Cues(keyed, pooled=False)  # built at run time, per client: not pooled


def product_spans(text: Text, context: ScreenContext) -> list[tuple[int, int, ProductTerms]]:
    """Where the client's products are named (brand, generic or alias), with the product."""
    cues = _product_cues(context.products)
    if cues is None:
        return []
    by_name = {p.name: p for p in context.products}
    return [(hit.start, hit.end, by_name[hit.key]) for hit in cues.hits(text)]


def evidence(text: str, start: int, end: int, why: str) -> Evidence:
    return Evidence(start, end, text[start:end], why)


def dedupe(spans: Sequence[Evidence]) -> list[Evidence]:
    """Evidence in text order without spans nested in an earlier, longer one."""
    kept: list[Evidence] = []
    for e in sorted(spans, key=lambda e: (e.start, -(e.end - e.start))):
        if kept and e.start >= kept[-1].start and e.end <= kept[-1].end:
            continue
        kept.append(e)
    return kept
