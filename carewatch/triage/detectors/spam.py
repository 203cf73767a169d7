"""Spam: scams and promotions (crypto, "DM me for cheap pens", "buy without prescription", links with money
words, "follow for follow"), bot-like text (many links, mentions, hashtags or emoji; shouting together with
another signal) and copy-paste campaigns across authors.

Campaigns need memory across texts, which the engine (one text at a time) does not have. A
``NearDuplicateIndex`` per client holds the recent texts of that client (bounded: ``max_items`` texts and a
time window); texts are fed with their author by ``remember`` (or ``observe_mentions``, a triage hook that
runs before the screening hook), and the detector asks the client's index how many near-duplicates of a
text it holds and from how many distinct authors. The same text from one author, however often, is no
campaign. Texts are compared as sets of hashed word 3-shingles of a normalised text (case, accents,
links, handles and numbers folded). Candidates come from the 4 smallest shingle hashes of each text (the
MinHash idea without permutations: two texts with Jaccard similarity J share the smallest hash with
probability J, so a near-duplicate at J >= 0.6 shares one of four with probability ~0.97). They are confirmed
with Jaccard similarity of the 64 smallest hashes: exact for texts of up to 64 shingles (about 60 words).

The pipeline feeds it first (step 1 of ``carewatch.pipeline.order``, before screening), so a campaign
that arrives in one batch is seen whole. Without it the index stays empty and only the single-text
spam rules run.

The index lives in the process. Shingle hashes are CRC32 of UTF-8 tokens, stable across processes and
Python runs, so the sketches could be kept in a shared store (a table or Redis keyed by client and sketch
value) when screening runs in several worker processes.
"""

from __future__ import annotations

import heapq
import re
import threading
import unicodedata
import zlib
from array import array
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Protocol

from carewatch.triage.context import ScreenContext
from carewatch.triage.detectors.base import Detector
from carewatch.triage.detectors.care import FLAGS, Cues, Text, dedupe, evidence
from carewatch.triage.lexicons.care_spam import AMOUNTS, LINK, SALES, SCAMS
from carewatch.triage.result import Evidence, Finding, TriageResult

VERSION = "spam-rules-1"

SCAM = Cues(SCAMS)
SALES_WORD = Cues(SALES)
AMOUNT = re.compile("|".join(AMOUNTS))
LINK_RE = re.compile(LINK, FLAGS)
MENTION_RE = re.compile(r"(?<![\w@])@\w{2,}")
HASHTAG_RE = re.compile(r"(?<![\w#])#\w{2,}")
EMOJI_RE = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u2b00-\u2bff]")
ASKING_ABOUT = re.compile(r"prescription|receta|ordonnance|rezept|cheap", FLAGS)
FIRST_PERSON_QUESTION = re.compile(
    r"\b(?:can i|could i|where can i|where do i|is it possible to|puedo|dónde puedo|puis-je|est-ce que je peux|"
    r"où puis-je|kann ich|wo kann ich)\b[^?¿]*\?", FLAGS)

MIN_AUTHORS = 3  # distinct authors of near-duplicate texts that make a campaign
# Without a link, a hashtag, tagged accounts or another spam signal, near-duplicates are often
# patients asking the same short question ("where can I find the prescribing information?"):
# only long copy posted by many authors is a campaign then.
PLAIN_MIN_AUTHORS = 5
PLAIN_MIN_WORDS = 20
SIGNATURE = 64  # shingle hashes kept per indexed text
# A sketch value shared by more texts than this is a stock phrase ("thank you so much for"): it is skipped
# when rarer values exist, else only its newest texts are compared.
COMMON_KEY = 200


# ---------------------------------------------------------------------------------------------------------
# Near-duplicate index
# ---------------------------------------------------------------------------------------------------------

_URL_NORM = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|net|org|io|ly|xyz|shop)/\S*", FLAGS)
_HANDLE_NORM = re.compile(r"@\w+")
_NUMBER_NORM = re.compile(r"\d+")
_TOKEN = re.compile(r"\w+", re.UNICODE)


def normalise(text: str) -> list[str]:
    """Tokens of a text with case, accents, links, handles and numbers folded."""
    if "/" in text or "www" in text:
        text = _URL_NORM.sub(" urltoken ", text)
    if "@" in text:
        text = _HANDLE_NORM.sub(" handletoken ", text)
    text = _NUMBER_NORM.sub("0", text.casefold())
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _TOKEN.findall(text)


@lru_cache(maxsize=2048)  # the hook adds a text and the detector then asks about the same text
def shingles(text: str) -> frozenset[int]:
    """Hashes of the word 3-shingles of the normalised text: CRC32 per token, combined arithmetically, so
    the values are the same in every process and Python run."""
    hashes = [zlib.crc32(token.encode()) for token in normalise(text)]
    return frozenset((((a * 1_000_003) ^ b) * 1_000_003 ^ c) & 0xFFFFFFFFFFFF
                     for a, b, c in zip(hashes, hashes[1:], hashes[2:], strict=False))


def jaccard(a: Iterable[int], b: Iterable[int], k: int = 64) -> float:
    """Jaccard similarity of two bottom-``k`` signatures (the ``k`` smallest shingle hashes of each text):
    exact when both texts have fewer than ``k`` shingles, else the standard bottom-k estimate."""
    first = a if isinstance(a, (set, frozenset)) else set(a)
    second = set(b)
    if not first or not second:
        return 0.0
    if len(first) < k and len(second) < k:
        inter = len(first & second)
        return inter / (len(first) + len(second) - inter)
    union = heapq.nsmallest(k, first | second)
    return sum(1 for value in union if value in first and value in second) / len(union)


@dataclass(frozen=True)
class _Entry:
    key: int
    author: str
    when: float
    signature: array[int]  # the bottom-64 shingle hashes, compared with ``jaccard``
    sketch: tuple[int, ...]  # the bottom-4, the index keys


@dataclass(frozen=True)
class NearDuplicates:
    count: int  # indexed texts in the window that are near-duplicates of the text asked about
    authors: int  # distinct known authors among them


class NearDuplicateIndex:
    """Recent texts of one client, for near-duplicate look-ups. Bounded by ``max_items`` and a time window
    (in seconds, measured against the newest text added, so replays and tests are deterministic).
    Thread-safe. Each text keeps a bottom-64 signature in an ``array`` (about 0.6 KB; with its book-keeping
    about 1 KB), so a full index of 5,000 texts takes about 5 MB; a look-up costs about 0.03 ms."""

    def __init__(self, max_items: int = 5000, window: float = 7 * 86400.0, threshold: float = 0.6,
                 sketch_size: int = 4, min_shingles: int = 6) -> None:
        self.max_items = max_items
        self.window = window
        self.threshold = threshold
        self.sketch_size = sketch_size
        self.min_shingles = min_shingles
        self._entries: OrderedDict[int, _Entry] = OrderedDict()
        self._postings: dict[int, list[int]] = {}  # sketch value -> keys of the entries holding it
        self._items: dict[str, int] = {}
        self._item_of: dict[int, str] = {}
        self._next = 0
        self._newest = 0.0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def _sketch(self, grams: frozenset[int]) -> tuple[int, ...]:
        return tuple(heapq.nsmallest(self.sketch_size, grams))

    def add(self, text: str, author: str = "", when: float = 0.0, item: str = "") -> bool:
        """Remember a text. ``item`` (e.g. the mention's id) makes a second add of the same item a no-op.
        Returns False when the text is too short to compare or the item is already there."""
        grams = shingles(text)
        if len(grams) < self.min_shingles:
            return False
        with self._lock:
            if item and item in self._items:
                return False
            key = self._next
            self._next += 1
            entry = _Entry(key, author, when, array("Q", sorted(heapq.nsmallest(SIGNATURE, grams))),
                           self._sketch(grams))
            self._entries[key] = entry
            for value in entry.sketch:
                self._postings.setdefault(value, []).append(key)
            if item:
                self._items[item] = key
                self._item_of[key] = item
            self._newest = max(self._newest, when)
            self._evict()
        return True

    def _evict(self) -> None:
        oldest = self._newest - self.window
        while self._entries:
            key, entry = next(iter(self._entries.items()))
            if len(self._entries) <= self.max_items and entry.when >= oldest:
                break
            self._drop(key)

    def _drop(self, key: int) -> None:
        entry = self._entries.pop(key)
        for value in entry.sketch:
            keys = self._postings.get(value)
            if keys is not None and key in keys:
                keys.remove(key)
                if not keys:
                    del self._postings[value]
        item = self._item_of.pop(key, None)
        if item is not None:
            self._items.pop(item, None)

    def near_duplicates(self, text: str) -> NearDuplicates:
        if not self._entries:
            return NearDuplicates(0, 0)
        grams = shingles(text)
        if len(grams) < self.min_shingles:
            return NearDuplicates(0, 0)
        sketch = self._sketch(grams)
        with self._lock:
            postings = [self._postings.get(value, []) for value in sketch]
            rare = [keys for keys in postings if len(keys) <= COMMON_KEY] or [keys[-COMMON_KEY:] for keys in postings]
            candidates = {key for keys in rare for key in keys}
            oldest = self._newest - self.window
            signature = set(heapq.nsmallest(SIGNATURE, grams))
            matches = [e for e in map(self._entries.__getitem__, candidates)
                       if e.when >= oldest and jaccard(signature, e.signature) >= self.threshold]
        return NearDuplicates(len(matches), len({e.author for e in matches if e.author}))


class _Answer(NearDuplicateIndex):
    """One text's answer of a client's index, computed in another process (see ``answer_with``)."""

    def __init__(self, answer: NearDuplicates) -> None:
        super().__init__(max_items=0)
        self.answer = answer

    def near_duplicates(self, text: str) -> NearDuplicates:
        return self.answer


_INDEXES: dict[int | None, NearDuplicateIndex] = {}
_INDEXES_LOCK = threading.Lock()


def campaign_index(client_id: int | None, create: bool = True) -> NearDuplicateIndex | None:
    """The in-process index of one client (``None``: texts screened without a client)."""
    with _INDEXES_LOCK:
        index = _INDEXES.get(client_id)
        if index is None and create:
            index = _INDEXES[client_id] = NearDuplicateIndex()
        return index


def answer_for(client_id: int | None, text: str) -> NearDuplicates | None:
    """What the detector would read from the client's index for this text (None: no index), for a
    screening process that does not hold the index (``triage.screening_process``)."""
    index = campaign_index(client_id, create=False)
    return index.near_duplicates(text) if index is not None else None


def answer_with(client_id: int | None, answer: NearDuplicates | None) -> None:
    """In a screening process, before one text: the client's index answers ``answer`` (None: there
    is no index), as ``answer_for`` read it in the worker; every other index is dropped."""
    with _INDEXES_LOCK:
        _INDEXES.clear()
        if answer is not None:
            _INDEXES[client_id] = _Answer(answer)


def remember(client_id: int | None, text: str, author: str, when: float = 0.0, item: str = "") -> bool:
    """Feed one text of a client's inbox into that client's index (before it is screened)."""
    index = campaign_index(client_id)
    assert index is not None
    return index.add(text, author, when, item)


def forget_all() -> None:
    """Drop every index (tests; a client's data deletion)."""
    with _INDEXES_LOCK:
        _INDEXES.clear()


class MentionLike(Protocol):
    """What ``observe_mentions`` reads of an ``inbox.Mention`` (read-only, so the model fits)."""

    @property
    def pk(self) -> int | None: ...
    @property
    def client_id(self) -> int: ...
    @property
    def author_id(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def direction(self) -> str: ...
    @property
    def created_at(self) -> datetime: ...


def observe_mentions(mentions: Iterable[MentionLike]) -> None:
    """The pipeline's first step (``carewatch.pipeline.order``), before screening:
    feeds each new inbound mention, with its author, into its client's campaign index."""
    for mention in mentions:
        if mention.direction != "in" or not mention.text:
            continue
        remember(mention.client_id, mention.text, str(mention.author_id), mention.created_at.timestamp(),
                 str(mention.pk or ""))


# ---------------------------------------------------------------------------------------------------------
# Detector
# ---------------------------------------------------------------------------------------------------------


def bot_signals(text: str) -> list[tuple[str, list[Evidence]]]:
    """Bot-like features, each with its evidence: many links, mentions, hashtags or emoji; shouting."""
    signals: list[tuple[str, list[Evidence]]] = []
    checks = (("links", LINK_RE, 3, text.count("/") + text.count("www") >= 3),
              ("mentions", MENTION_RE, 5, text.count("@") >= 5), ("hashtags", HASHTAG_RE, 6, text.count("#") >= 6),
              ("emoji", EMOJI_RE, 8, not text.isascii()))
    for name, pattern, limit, possible in checks:
        if not possible:
            continue
        found = list(pattern.finditer(text))
        if len(found) >= limit:
            signals.append((name, [evidence(text, m.start(), m.end(), f"many {name}") for m in found[:5]]))
    upper = sum(map(str.isupper, text))
    if upper >= 14:
        letters = sum(map(str.isalpha, text))
        if letters >= 20 and upper / letters > 0.7:
            signals.append(("caps", [evidence(text, 0, min(len(text), 60), "all capitals")]))
    return signals


def promoted(text: str, links: list[re.Match[str]]) -> bool:
    """A link, a hashtag or two tagged accounts: what a campaign carries that a patient's question does not."""
    return bool(links) or HASHTAG_RE.search(text) is not None or len(MENTION_RE.findall(text)) >= 2


class SpamDetector(Detector):
    name = "spam"
    version = VERSION

    def detect(self, text: str, context: ScreenContext, result: TriageResult) -> list[Finding]:
        prepared = Text(text)
        folded = prepared.folded
        spans: list[Evidence] = []
        kinds: set[str] = set()
        score = 0.0
        asking = "?" in folded and FIRST_PERSON_QUESTION.search(folded) is not None
        for hit in SCAM.hits(prepared):
            if asking and ASKING_ABOUT.search(folded, hit.start, hit.end):
                continue  # "can I buy it without a prescription?" is a patient's question
            spans.append(evidence(text, hit.start, hit.end, "scam or promotion"))
            kinds.add("promotion")
            score = max(score, 0.9)
        links = list(LINK_RE.finditer(folded)) if ("." in folded and "/" in folded) or "www" in folded else []
        sales = SALES_WORD.hits(prepared)
        amounts = list(AMOUNT.finditer(folded)) if links and sales else []
        # One "free" next to a link is a patient sharing a page; "$6 million deal" with a link is news.
        if links and sales and len(sales) + len(amounts) >= 2 and not asking:
            spans.append(evidence(text, links[0].start(), links[0].end(), "a link"))
            spans.extend(evidence(text, h.start, h.end, "sales words or amounts") for h in sales[:2])
            spans.extend(evidence(text, m.start(), m.end(), "sales words or amounts") for m in amounts[:1])
            kinds.add("link_money")
            score = max(score, 0.8)
        signals = bot_signals(text)
        if signals:
            strong = [name for name, _ in signals if name != "caps"]
            if len(signals) >= 2 or (strong and (sales or kinds)):
                for _, found in signals:
                    spans.extend(found)
                kinds.add("bot_like")
                score = max(score, 0.6 + 0.1 * min(len(signals), 3))
            elif kinds:
                score = min(1.0, score + 0.05)
        details: dict[str, object] = {}
        index = campaign_index(context.client_id, create=False)
        if index is not None:
            dupes = index.near_duplicates(text)
            if dupes.authors >= MIN_AUTHORS and (kinds or promoted(folded, links) or (
                    dupes.authors >= PLAIN_MIN_AUTHORS and len(folded.split()) >= PLAIN_MIN_WORDS)):
                spans.append(evidence(text, 0, min(len(text), 80), f"posted by {dupes.authors} authors"))
                kinds.add("campaign")
                details.update(near_duplicates=dupes.count, authors=dupes.authors)
                score = max(score, 0.75)
        if not kinds:
            return []
        details["kinds"] = sorted(kinds)
        return [Finding("spam", min(score, 1.0), dedupe(spans), self.name, self.version, details=details)]
