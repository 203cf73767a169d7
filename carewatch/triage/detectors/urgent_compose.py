# ruff: noqa: RUF001, RUF002  (Japanese and Chinese punctuation in sentence and clause breaks)
"""The compositional half of the urgent detector: concepts (``lexicons/urgent_concepts.py``) combined in a
sentence, so that "my chest is tight and my arm went numb", "me aprieta el pecho y se me durmió el brazo" and
"胸口发紧，左臂也麻了" are found without each being a phrase of a list.

One keyed cue list per script finds every concept in one pass; the rules below read the hits:

- emergency: an ``EVENT`` (passed out, seizing, coughing up blood…); or a body part next to an acute state
  (throat with swelling, chest with tight, arm with numb). Airway swelling counts alone; the others need a sign that
  it is happening now: a now or help word, a link to a dose, or a second sign in the post;
- ingestion: a person, a swallowing verb and a medicine (or the client's product) in one sentence;
- self-harm: better with without me, no point with going on, sleep with never wake up, or a statement alone;
- threat: a violent act with an intent or a target, a weapon with a target.

Sixth round (a second keyed pass, read only when one of its primary concepts is present):

- suicidal plan: a means ("jump off", "how many of my pills", "a letter to my kids") with a time frame, an intent or
  a dark state, or a place (bridge, balcony, roof) with two of them; not in a joke;
- threat: harm (violence, arson, petrol, a bomb, "you'll pay") with an intent, a target or "I know where…" in its
  sentence or the next; "I know where your office is" alone unless a visit is asked; never in a post about a
  lawsuit, a review or a game;
- emergency now: a call to an emergency number with a sign in the post, or a drawn weapon with now, help or a scene.

Cancelled by a negation before the combination in its clause ("never had chest tightness"), a question
about what a medicine can do or an "if" before it ("can it make you cough up blood?"), and the past in its
sentence, or anywhere in a post with no now word ("passed out once in 2019"). A threat is not cancelled by
an "if" ("if he calls again I'll put a bullet in him").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from carewatch.triage.context import ScreenContext
from carewatch.triage.detectors.care import Cues, Hit, Text, clause_before, product_spans
from carewatch.triage.lexicons import urgent_concepts as c

# The concepts a combination cannot do without (rare words: most posts have none, and then the second,
# larger pass over common words such as "now", "no", "my pills" is skipped).
PRIMARY = Cues({
    "airway": c.BODY_AIRWAY, "chest": c.BODY_CHEST, "limb": c.BODY_LIMB, "event": c.EVENT, "weak": c.EVENT_WEAK,
    "ingest": c.INGEST, "absent": c.ABSENT, "no_point": c.NO_POINT, "no_wake": c.NO_WAKE, "alone": c.SELF_HARM_ALONE,
    "act": c.VIOLENCE_ACT, "weapon": c.WEAPON,
})
SECONDARY = Cues({
    "swell": c.ACUTE_SWELL, "tight": c.ACUTE_TIGHT, "numb": c.ACUTE_NUMB, "person": c.PERSON, "medicine": c.MEDICINE,
    "better": c.BETTER, "go_on": c.GO_ON, "sleep": c.SLEEP, "intent": c.INTENT, "target": c.TARGET, "now": c.NOW,
    "help": c.HELP, "link": c.LINK, "past": c.PAST, "neg": c.NEGATION, "asked": c.ASKED, "resolved": c.RESOLVED,
    "joke": c.JOKE, "legal": c.LEGAL, "told": c.TOLD,
    "day_before": c.DAY_BEFORE, "in_care": c.IN_CARE,
})
CJK = Cues({
    "event": c.EVENT_CJK, "body": c.BODY_CJK, "acute": c.ACUTE_CJK, "weak": c.EVENT_WEAK_CJK, "person": c.PERSON_CJK,
    "limb": c.LIMB_CJK, "numb": c.NUMB_CJK,
    "ingest": c.INGEST_CJK,
    "medicine": c.MEDICINE_CJK, "alone": c.SELF_HARM_ALONE, "act": c.VIOLENCE_CJK, "now": c.NOW_CJK,
    "help": c.HELP_CJK, "link": c.LINK_CJK, "neg": c.NEGATION_CJK, "asked": c.ASKED_CJK, "past": c.PAST_CJK,
    "resolved": c.RESOLVED_CJK, "day_before": c.DAY_BEFORE_CJK, "in_care": c.IN_CARE_CJK,
}, boundary=False)
# Sixth round: the parts of a suicidal plan, a threat and an emergency now (a second pass, separate from the lists
# above so that a word such as "gonna" can be a part of both; the secondary words are read only after a primary hit).
PRIMARY_MORE = Cues({
    "sh_means": c.SH_MEANS, "sh_place": c.SH_PLACE, "alone": c.SH_ALONE_MORE, "t_harm": c.T_HARM, "t_know": c.T_KNOW,
    "call": c.CALL, "weapon_now": c.WEAPON_NOW, "weak": c.EVENT_WEAK_MORE, "victim": c.V_VICTIM,
})
SECONDARY_MORE = Cues({
    "sh_time": c.SH_TIME, "f_intent": c.SH_INTENT + c.T_INTENT, "sh_dark": c.SH_DARK, "t_target": c.T_TARGET,
    "scene": c.SCENE, "visit": c.VISIT, "v_here": c.V_HERE,
})
CJK_MORE = Cues({
    "sh_means": c.SH_MEANS_CJK, "sh_place": c.SH_PLACE_CJK, "t_harm": c.T_HARM_CJK, "t_know": c.T_KNOW[-4:],
    "call": c.CALL_CJK, "weapon_now": c.WEAPON_NOW_CJK, "victim": c.V_VICTIM_CJK,
}, boundary=False)
CJK_MORE_SECONDARY = Cues({
    "sh_time": c.SH_TIME_CJK, "f_intent": c.SH_INTENT_CJK + c.T_INTENT_CJK, "t_target": c.T_TARGET_CJK,
    "v_here": c.V_HERE_CJK,
}, boundary=False)
SENTENCE = re.compile(r"[.!?;\n。！？]+")
CLAUSE = re.compile(r"[,，、:]")
# Which body parts pair with which acute states (an arm is numb, not swollen shut).
PAIRS = {"airway": ("swell", "tight", "numb"), "chest": ("tight", "swell"), "limb": ("numb",), "body": ("acute",)}
GAP = 40  # characters between the two parts of a pair (spaced scripts)
GAP_CJK = 8
NOW_REACH = 60  # a now, help or dose word this close to a weak sign makes it an emergency in progress
_AND = re.compile(r"\b(?:and|y|et|und|e|и)\b", re.IGNORECASE)


class Post:
    """The concept hits of one post, by concept, with its sentences."""

    def __init__(self, text: Text, context: ScreenContext | None, cjk: bool, needed: bool = False) -> None:
        """``needed``: read the common words even with no rare concept (to cancel the phrase lists' hits)."""
        self.text = text
        self.cjk = cjk
        self.by: dict[str, list[Hit]] = {}
        self.ends: list[int] = []
        hits = PRIMARY.hits(text)
        more = PRIMARY_MORE.hits(text)
        if cjk:
            hits += CJK.hits(text)
            more += CJK_MORE.hits(text)
        if not hits and not more and not needed:
            return
        hits += SECONDARY.hits(text) + more
        if more:
            hits += SECONDARY_MORE.hits(text)
            if cjk:
                hits += CJK_MORE_SECONDARY.hits(text)
        for hit in sorted(hits, key=lambda h: h.start):
            self.by.setdefault(hit.key, []).append(hit)
        if context is not None and context.products:
            named = product_spans(text, context)
            self.by.setdefault("medicine", []).extend(Hit(s, e, "medicine") for s, e, _ in named)
        self.ends = [m.end() for m in SENTENCE.finditer(text.folded)]

    def get(self, key: str) -> list[Hit]:
        return self.by.get(key, [])

    def sentence(self, position: int) -> int:
        return bisect.bisect_right(self.ends, position)

    def same_sentence(self, a: Hit, b: Hit) -> bool:
        return self.sentence(a.start) == self.sentence(b.start)

    def in_sentence(self, key: str, position: int) -> bool:
        number = self.sentence(position)
        return any(self.sentence(h.start) == number for h in self.get(key))

    def before_in_clause(self, key: str, start: int) -> bool:
        """A ``key`` hit between the start of the clause holding ``start`` and ``start``."""
        window = clause_before(self.text.folded, start, 60)
        inner = CLAUSE.split(window)[-1] if self.cjk else window
        if key == "neg" and not self.cjk:  # "said things that made no sense and now passed out": not negated
            inner = _AND.split(inner)[-1]
        begin = start - len(inner)
        return any(begin <= h.start and h.end <= start for h in self.get(key))

    def near_any(self, keys: tuple[str, ...], start: int, end: int, reach: int) -> bool:
        return any(start - reach <= h.start and h.end <= end + reach for key in keys for h in self.get(key))

    def in_care(self) -> bool:
        """Already in hospital or the ER, or admitted (round 8), with no plea for help (the "ER" of "in the ER" is no
        plea)."""
        care = self.get("in_care")
        return bool(care) and not any(not any(c.start <= h.start and h.end <= c.end for c in care)
                                      for h in self.get("help"))

    def past(self, position: int) -> bool:
        if self.get("resolved") and not self.get("now") and not self.get("help"):
            return True  # "he was finally discharged", "she's fine now"
        if self.get("past") and self.get("resolved"):
            return True  # "had a seizure last year, all good now"
        if self.in_sentence("past", position) and not self.in_sentence("now", position):
            return True
        return bool(self.get("past")) and not self.get("now") and not self.get("help")

    def cancelled(self, start: int, end: int, hypothetical: bool = True, emergency: bool = False) -> bool:
        """Negated, asked about, or in the past; an ``emergency`` also when told of the day before or an earlier dose
        with no now or help word in the post (round 7)."""
        if emergency and self.get("day_before") and not self.get("now") and not self.get("help"):
            return True
        if self.before_in_clause("neg", start):
            return True
        if self.cjk and any(end <= h.start <= end + 6 for h in self.get("neg")):
            return True
        if hypothetical and self.before_in_clause("asked", start):
            return True
        if hypothetical and self.asked_sentence(start):
            return True
        if hypothetical and self.told_and_asked(start):
            return True
        return self.past(start)

    def told_and_asked(self, position: int) -> bool:
        """An event told in the past ("my heart was racing") in a post that asks about side effects ("is that a known
        side effect?") and has no now or help word: asked about, not happening (round 7)."""
        if self.get("now") or self.get("help") or not self.in_sentence("told", position):
            return False
        return any(self.asked_sentence(h.start) for h in self.get("asked"))

    def asked_sentence(self, position: int) -> bool:
        """A question about what a medicine can do: the sentence is a question and holds an "asked" cue."""
        number = self.sentence(position)
        if number >= len(self.ends):
            return False
        if "?" not in self.text.folded[self.ends[number] - 1:self.ends[number]] and "？" not in self.text.folded[
                self.ends[number] - 1:self.ends[number]]:
            return False
        return any(self.sentence(h.start) == number for h in self.get("asked"))


def _near(post: Post, first: list[Hit], second: list[Hit], gap: int, ordered: bool = False
          ) -> Iterator[tuple[int, int]]:
    for a in first:
        for b in second:
            if not post.same_sentence(a, b):
                continue
            if b.start >= a.end:
                distance = b.start - a.end
            elif not ordered and a.start >= b.end:
                distance = a.start - b.end
            else:
                continue
            if distance <= gap:
                yield min(a.start, b.start), max(a.end, b.end)


def _emergencies(post: Post) -> list[tuple[int, int]]:
    if post.in_care():
        return []  # already in hospital or the ER, or admitted (round 8): cared for, not an emergency to escalate
    strong: list[tuple[int, int]] = []
    weak: list[tuple[int, int]] = []
    for hit in post.get("event"):
        if not post.cancelled(hit.start, hit.end, emergency=True):
            strong.append((hit.start, hit.end))
    for hit in post.get("weak"):
        if not post.cancelled(hit.start, hit.end, emergency=True):
            weak.append((hit.start, hit.end))
    gap = GAP_CJK if post.cjk else GAP
    for body, acutes in PAIRS.items():
        for acute in acutes:
            for start, end in _near(post, post.get(body), post.get(acute), gap):
                if post.cancelled(start, end, emergency=True):
                    continue
                (strong if (body, acute) == ("airway", "swell") else weak).append((start, end))
    if strong or len(weak) > 1:
        return strong + weak
    return [(s, e) for s, e in weak if post.near_any(("now", "help", "link"), s, e, NOW_REACH)]


def _ingestions(post: Post) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    gap = 12 if post.cjk else 35
    for start, end in _near(post, post.get("ingest"), post.get("medicine"), gap):
        if not post.cjk and _AND.search(post.text.folded, start, end):
            continue  # "ate breakfast and took her tablets"
        people = [p for p in post.get("person") if post.sentence(p.start) == post.sentence(start)
                  and p.end <= start + 1 and start - p.end <= 50]
        if not people or post.cancelled(people[0].start, end, hypothetical=True):
            continue
        out.append((start, end))  # the swallowing and the medicine (the person may be far before)
    return out


def _self_harm(post: Post) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    combos = (("better", "absent", 60, False), ("no_point", "go_on", 30, False), ("sleep", "no_wake", 40, True))
    for first, second, gap, ordered in combos:
        for start, end in _near(post, post.get(first), post.get(second), gap, ordered):
            if first == "no_point" and any(end <= h.start <= end + 20 for h in post.get("medicine")):
                continue  # "no point continuing the shots"
            if not post.cancelled(start, end):
                out.append((start, end))
    out.extend((h.start, h.end) for h in post.get("alone") if not post.cancelled(h.start, h.end))
    return out


def _threats(post: Post) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    if post.get("joke"):
        return out  # "gonna shoot you all down in ranked tonight lol"
    if post.cjk:
        out.extend((h.start, h.end) for h in post.get("act") if not post.before_in_clause("neg", h.start))
    for start, end in [*_near(post, post.get("act"), post.get("intent") + post.get("target"), 60),
                       *_near(post, post.get("weapon"), post.get("target"), 60)]:
        if not post.before_in_clause("neg", start):
            out.append((start, end))
    return out


def _near_sentence(post: Post, key: str, position: int, reach: int = 1) -> bool:
    number = post.sentence(position)
    return any(abs(post.sentence(h.start) - number) <= reach for h in post.get(key))


def _plans(post: Post) -> list[tuple[int, int]]:
    """A suicidal plan: a means ("jump off", "how many of my pills", "a letter to my kids") or a place (the bridge,
    the balcony) with a time frame (tonight), an intent ("I'm going", "thinking of") or a dark state ("I can't do
    this anymore"): a means and one of them, or a place and two of them (or a means as well)."""
    parts = post.get("sh_means") + post.get("sh_place")
    if not parts or post.get("joke"):
        return []
    out: list[tuple[int, int]] = []
    for hit in parts:
        if post.cancelled(hit.start, hit.end):
            continue
        score = 2 if hit.key == "sh_means" else 1
        if hit.key == "sh_place" and _near_sentence(post, "sh_means", hit.start):
            score += 1
        score += sum(_near_sentence(post, key, hit.start) for key in ("sh_time", "f_intent", "sh_dark"))
        if score >= 3:
            out.append((hit.start, hit.end))
    return out


def _threats_more(post: Post) -> list[tuple[int, int]]:
    """Harm (violence, arson, a bomb, "you'll pay", "I'll be waiting outside") with an intent, a target or an "I know
    where…" in its sentence or the next; not in a post about a lawsuit, a review or a game, or a joke."""
    if post.get("legal") or post.get("joke"):
        return []
    out: list[tuple[int, int]] = []
    for hit in post.get("t_harm"):  # "I know where your office is" alone may be a visit: it only supports harm
        if post.before_in_clause("neg", hit.start):
            continue
        if any(_near_sentence(post, key, hit.start) for key in ("f_intent", "t_target", "t_know", "target", "intent")):
            out.append((hit.start, hit.end))
    for hit in post.get("t_know"):  # "I know where your office on Harlow St is": a threat unless a visit is asked
        if post.before_in_clause("neg", hit.start) or post.get("visit") or _question(post, hit.start):
            continue
        out.append((hit.start, hit.end))
    return out


def _question(post: Post, position: int) -> bool:
    number = post.sentence(position)
    return number < len(post.ends) and post.text.folded[post.ends[number] - 1] in "?？"


def _emergencies_now(post: Post) -> list[tuple[int, int]]:
    """A call to an emergency number with a sign in the post (an event, a weak event, now, help), or a weapon in
    someone's hand with a sign of now."""
    out: list[tuple[int, int]] = []
    for hit in post.get("call"):
        if post.cancelled(hit.start, hit.end, hypothetical=False):
            continue
        if any(post.get(key) for key in ("event", "weak", "now", "help", "weapon_now")):
            out.append((hit.start, hit.end))
    for hit in post.get("weapon_now"):
        if post.cancelled(hit.start, hit.end, hypothetical=False):
            continue
        if any(post.get(key) for key in ("now", "help", "call", "scene")):
            out.append((hit.start, hit.end))
    return out


def _violence_against_author(post: Post) -> list[tuple[int, int]]:
    """Violence done to the author or threatened by someone near them ("he's hit me before", "va a matarme") with a
    sign that the danger is now: a now or help word, or where that person is ("he's downstairs now", "está en casa");
    not negated, not in a joke."""
    if post.get("joke"):
        return []
    if not any(post.get(key) for key in ("now", "help", "v_here", "sh_time")):
        return []
    return [(hit.start, hit.end) for hit in post.get("victim") if not post.before_in_clause("neg", hit.start)]


def combinations(post: Post) -> list[tuple[str, int, int]]:
    """(kind, start, end) of every combination found: kind is emergency, ingestion, self_harm or threat."""
    if not post.by:
        return []
    found: list[tuple[str, int, int]] = []
    for kind, spans in (("emergency", _emergencies(post)), ("ingestion", _ingestions(post)),
                        ("self_harm", _self_harm(post)), ("threat", _threats(post)),
                        ("self_harm", _plans(post)), ("threat", _threats_more(post)),
                        ("emergency", _emergencies_now(post)), ("threat", _violence_against_author(post))):
        found.extend((kind, start, end) for start, end in spans)
    return found


LINK_CUES = Cues(c.LINK)
LINK_CUES_CJK = Cues(c.LINK_CJK, boundary=False)


def linked_to_product(text: Text, context: ScreenContext | None) -> bool:
    """The client's product is named, or a dose is the cause ("after my shot") on its owned or paid channel."""
    if context is None:
        return False
    if product_spans(text, context):
        return True
    if not context.owned_or_paid:
        return False
    return LINK_CUES.search(text) is not None or LINK_CUES_CJK.search(text) is not None
