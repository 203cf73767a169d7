"""Plan the demo's social traffic: posts, comments, replies, DMs, reviews, mentions and web hits.

The plan is a list of :class:`MentionChange` objects in each platform's own id and URL
shapes, as the connectors would produce them; the loader feeds them through
``apply_changes`` so cases form exactly as in production. Given the same seed, channels and
``now``, the plan is the same.
"""

from __future__ import annotations

import hashlib
import math
import random
import re
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import quote
from zoneinfo import ZoneInfo

from carewatch.demo import texts
from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange

SPAN = timedelta(days=14)
HOSPITAL_CLIENTS = frozenset({"riverbend"})

LANGUAGES: dict[str, dict[str, float]] = {
    "northwind": {"en": 0.83, "es": 0.14, "fr": 0.03},
    "halcyon": {"en": 0.77, "fr": 0.20, "es": 0.03},
    "riverbend": {"en": 0.83, "es": 0.17},
}
# How much of a client's traffic each platform carries.
PLATFORM_WEIGHT = {"facebook": 26, "instagram": 18, "x": 13, "tiktok": 11, "youtube": 8, "linkedin": 4,
                   "reddit": 7, "feed": 13}
CLIENT_WEIGHT = {"northwind": 45, "halcyon": 25, "riverbend": 30}
SCENES: dict[str, list[tuple[str, int]]] = {
    "facebook": [("comment", 42), ("dm", 20), ("review", 12), ("mention", 8), ("discussion", 18)],
    "instagram": [("comment", 55), ("dm", 25), ("mention", 10), ("discussion", 10)],
    "x": [("mention", 50), ("comment", 30), ("dm", 12), ("discussion", 8)],
    "tiktok": [("comment", 75), ("discussion", 25)],
    "youtube": [("comment", 75), ("discussion", 25)],
    "linkedin": [("comment", 70), ("mention", 30)],
    "reddit": [("comment", 45), ("mention", 35), ("discussion", 20)],
    "feed": [("listening", 100)],
}
PHARMA_CATEGORIES = {
    "praise": 11, "cost": 8, "insurance": 7, "stock": 6, "usage": 9, "shipping": 5, "service": 5, "device": 6,
    "quality": 3, "ae_first": 8, "ae_third": 5, "phi": 5, "offlabel": 6, "spam": 6, "hcp": 2, "chatter": 8,
}
HOSPITAL_CATEGORIES = {
    "h_praise": 14, "h_er": 11, "h_billing": 10, "h_parking": 6, "h_scheduling": 11, "h_info": 8, "h_safety": 6,
    "h_phi": 5, "h_service": 9, "spam": 5, "h_chatter": 6, "h_careers": 1,
}
COMPLAINTS = {
    "pharma": ["service", "shipping", "cost", "device", "ae_first", "stock", "insurance"],
    "hospital": ["h_er", "h_billing", "h_service", "h_parking", "h_scheduling", "h_safety"],
}
REPLY_GROUP = {
    "ae_first": "safety", "ae_third": "safety", "cost": "access", "insurance": "access", "stock": "access",
    "shipping": "service", "service": "service", "device": "quality", "quality": "quality", "phi": "phi",
    "offlabel": "offlabel", "praise": "praise", "usage": "usage", "hcp": "hcp", "chatter": "general",
    "linkedin": "linkedin", "h_er": "h_er", "h_billing": "h_billing", "h_parking": "h_parking",
    "h_scheduling": "h_scheduling", "h_info": "h_info", "h_safety": "h_safety", "h_phi": "h_phi",
    "h_praise": "h_praise", "h_service": "h_service", "h_careers": "h_careers", "h_chatter": "h_praise",
}
# How often the desk answered in public (a reply still in the future is not in the history): a desk that answers
# most of what asks for an answer, a third of the praise and little of the chatter.
REPLY_CHANCE = {
    "safety": 0.97, "phi": 0.96, "quality": 0.97, "access": 0.95, "service": 0.96, "offlabel": 0.96, "usage": 0.95,
    "hcp": 0.9, "praise": 0.3, "general": 0.08, "linkedin": 0.4, "h_er": 0.95, "h_billing": 0.96,
    "h_parking": 0.9, "h_scheduling": 0.96, "h_info": 0.95, "h_safety": 0.97, "h_phi": 0.96, "h_praise": 0.35,
    "h_service": 0.96, "h_careers": 0.9, "influencer": 0.35,
}
DETAIL_GROUPS = frozenset({"safety", "quality", "service", "phi", "access", "h_safety", "h_billing", "h_phi"})
PHI_CATEGORIES = frozenset({"phi", "h_phi"})
DM_MARKERS = ("DM", "direct message", "mensaje privado", "message privé", "en privé")
PRAISE_CATEGORIES = frozenset({"praise", "h_praise"})
SHORT_LIMIT = {"x": 280, "tiktok": 150}
B64 = string.ascii_letters + string.digits + "-_"
B36 = string.ascii_lowercase + string.digits


@dataclass
class ChannelInfo:
    """What the planner needs to know about one channel."""

    id: int
    platform: str
    handle: str
    external_id: str
    sponsorship: str
    client_key: str
    client_name: str
    timezone: str
    subreddits: list[str] = field(default_factory=list)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def hospital(self) -> bool:
        return self.client_key in HOSPITAL_CLIENTS


@dataclass
class Planned:
    change: MentionChange
    category: str = ""  # on the first message of each would-be case: what it is about
    hide: bool = False  # the brand hides it afterwards (PHI posted in public, spam)


@dataclass
class Person:
    ref: AuthorRef
    first: str
    fullname: str
    handle: str
    lang: str


@dataclass
class Post:
    external_id: str
    thread_key: str
    url: str
    created_at: datetime
    code: str = ""  # Instagram shortcode, reddit subreddit


COMMON_FIRST_WORDS = frozenset({
    "My", "The", "Is", "Can", "Does", "How", "Why", "What", "Where", "Do", "Been", "Just", "Started", "Went", "Called",
    "Third", "Second", "Opened", "Ordered", "Got", "Nobody", "Anyone", "Mi", "Me", "La", "El", "Mon", "Ma", "Est-ce",
    "Combien", "Ça", "Llevo", "Empecé", "Subí", "Desde", "Estuve", "Abrí", "Acabo", "Ninguna", "En", "Se", "Nouvelle",
    "Deuxième", "Je", "J'ai", "Depuis",
})


def join_opener(opener: str, text: str) -> str:
    """``"Hi," + "My pen..."`` reads ``"Hi, my pen..."``; names and "I" keep their capitals."""
    word, _, rest = text.partition(" ")
    if opener.endswith((",", ":")) and word in COMMON_FIRST_WORDS:
        text = f"{word.lower()} {rest}" if rest else word.lower()
    return f"{opener} {text}"


def slugify(text: str, limit: int = 60) -> str:
    words = re.findall(r"[a-z0-9]+", texts.ascii_fold(text).lower())
    return "-".join(words)[:limit].strip("-") or "post"


class Planner:
    def __init__(self, channels: Sequence[ChannelInfo], now: datetime, seed: int,
                 signoffs: dict[str, list[str]] | None = None) -> None:
        self.channels = list(channels)
        self.now = now
        self.rng = random.Random(seed)
        self.signoffs = signoffs or {}
        self.used: set[tuple[int, str]] = set()
        self.posts: dict[int, list[Post]] = {c.id: [] for c in self.channels}
        self.regulars: dict[int, list[Person]] = {c.id: [] for c in self.channels}
        total_client = {key: sum(PLATFORM_WEIGHT[c.platform] for c in self.channels if c.client_key == key)
                        for key in {c.client_key for c in self.channels}}
        self.weights = [
            CLIENT_WEIGHT.get(c.client_key, 20) * PLATFORM_WEIGHT[c.platform] / total_client[c.client_key]
            for c in self.channels
        ]

    # ------------------------------------------------------------------ ids
    def digits(self, n: int) -> str:
        return str(self.rng.randrange(1, 10)) + "".join(self.rng.choice(string.digits) for _ in range(n - 1))

    def chars(self, alphabet: str, n: int) -> str:
        return "".join(self.rng.choice(alphabet) for _ in range(n))

    def unique(self, channel: ChannelInfo, make: str) -> str:
        """A fresh external id for this channel (``make`` names the shape)."""
        while True:
            value = self._shape(make)
            if (channel.id, value) not in self.used:
                self.used.add((channel.id, value))
                return value

    def _shape(self, make: str) -> str:
        kind, _, size = make.partition(":")
        if kind == "digits":
            return self.digits(int(size))
        if kind == "b64":
            return self.chars(B64, int(size))
        if kind == "b36":
            return self.chars(B36, int(size))
        raise ValueError(make)

    # ------------------------------------------------------------------ people
    def person(self, channel: ChannelInfo, lang: str | None = None) -> Person:
        rng = self.rng
        lang = lang or self.language(channel)
        first = rng.choice(texts.FIRST[lang])
        last = rng.choice(texts.LAST[lang])
        fullname = f"{first} {last}"
        handle = texts.make_handle(rng, first, last)
        platform = channel.platform
        if platform == "facebook":
            ref = AuthorRef(self.digits(16), fullname, fullname)
        elif platform == "instagram":
            ref = AuthorRef(self.digits(17), handle, fullname)
        elif platform == "x":
            handle = handle[:15]
            ref = AuthorRef(self.digits(rng.choice([9, 10, 18, 19])), handle, fullname)
        elif platform == "tiktok":
            ref = AuthorRef(self.digits(19), handle, fullname)
        elif platform == "youtube":
            ref = AuthorRef("UC" + self.chars(B64, 22), handle, fullname)
        elif platform == "linkedin":
            ref = AuthorRef("urn:li:person:" + self.chars(B64, 10), fullname, fullname)
        elif platform == "reddit":
            ref = AuthorRef("t2_" + self.chars(B36, 8), handle, handle)
        else:
            ref = AuthorRef(f"web:{handle}", handle, handle)
        return Person(ref, first, fullname, handle, lang)

    def author_for(self, channel: ChannelInfo, allow_regular: bool = True) -> Person:
        pool = self.regulars[channel.id]
        if allow_regular and channel.platform != "feed" and self.rng.random() < 0.15:
            if len(pool) < 3:
                pool.append(self.person(channel))
            return self.rng.choice(pool)
        return self.person(channel)

    def brand(self, channel: ChannelInfo) -> AuthorRef:
        name = "The Flare Diaries" if channel.sponsorship == "influencer" else channel.client_name
        return AuthorRef(channel.external_id or f"brand:{channel.handle}", channel.handle, name)

    def language(self, channel: ChannelInfo) -> str:
        if channel.platform == "linkedin":
            return "fr" if channel.client_key == "halcyon" and self.rng.random() < 0.1 else "en"
        shares = LANGUAGES.get(channel.client_key, {"en": 1.0})
        return self.rng.choices(list(shares), weights=list(shares.values()))[0]

    # ------------------------------------------------------------------ time
    def local_ok(self, when: datetime, channel: ChannelInfo) -> bool:
        hour = when.astimezone(channel.tz).hour
        chance = 0.2 if hour < 6 else 0.6 if hour < 8 or hour >= 22 else 1.0
        return self.rng.random() < chance

    def start_time(self, channel: ChannelInfo, fresh: bool) -> datetime:
        for _ in range(20):
            if fresh:
                when = self.now - timedelta(minutes=self.rng.uniform(5, 150))
            else:
                when = self.now - timedelta(seconds=self.rng.uniform(600, SPAN.total_seconds() - 3600))
            if fresh or self.local_ok(when, channel):
                return when
        return when

    def reply_time(self, after: datetime, channel: ChannelInfo) -> datetime:
        minutes = min(1800.0, max(4.0, self.rng.lognormvariate(math.log(75), 0.9)))
        when = after + timedelta(minutes=minutes)
        local = when.astimezone(channel.tz)
        if local.hour < 8 or local.hour >= 21:  # the desk answers when its shift starts
            opening = local.replace(hour=8, minute=self.rng.randrange(0, 50), second=0)
            if local.hour >= 21:
                opening += timedelta(days=1)
            when = opening.astimezone(when.tzinfo)
        return when

    def later(self, after: datetime, low: float, high: float) -> datetime:
        return after + timedelta(minutes=self.rng.uniform(low, high))

    def in_past(self, when: datetime) -> bool:
        return when < self.now - timedelta(minutes=1)

    # ------------------------------------------------------------------ texts
    def category(self, channel: ChannelInfo, scene: str) -> str:
        rng = self.rng
        if channel.platform == "linkedin":
            if channel.hospital:
                return rng.choices(["h_careers", "h_praise", "h_billing", "h_chatter"], [60, 20, 10, 10])[0]
            return rng.choices(["linkedin", "hcp", "stock", "cost"], [70, 15, 8, 7])[0]
        weights = dict(HOSPITAL_CATEGORIES if channel.hospital else PHARMA_CATEGORIES)
        if channel.platform in ("instagram", "tiktok", "youtube"):
            weights["spam"] *= 2
        if scene == "dm":
            for key in ("phi", "h_phi", "ae_first", "h_billing", "h_scheduling"):
                if key in weights:
                    weights[key] *= 2
            for key in ("chatter", "h_chatter", "spam", "praise", "h_praise"):
                if key in weights:
                    weights[key] = max(1, weights[key] // 3)
        if scene == "listening":
            for key in ("spam", "chatter", "h_chatter", "hcp"):
                weights.pop(key, None)
        return rng.choices(list(weights), weights=list(weights.values()))[0]

    def room(self, channel: ChannelInfo, kind: str) -> int:
        """How many characters a message may have here (X and TikTok are short)."""
        limit = SHORT_LIMIT.get(channel.platform, 5000)
        return limit - (len(channel.handle) + 2 if channel.platform == "x" and kind == "mention" else 0)

    def fitting(self, templates: list[str], make_slots: Callable[[], texts.Slots],
                room: int) -> tuple[str, texts.Slots]:
        """A filled template that fits in ``room`` characters, if one does within a few tries."""
        for template in [self.rng.choice(templates) for _ in range(6)] + templates:
            slots = make_slots()
            text = slots.fill(template)
            if len(text) <= room:
                break
        return text, slots

    def compose(self, category: str, person: Person, channel: ChannelInfo, *, kind: str = "") -> str:
        rng = self.rng
        lang = person.lang if texts.has_language(category, person.lang) else "en"
        room = self.room(channel, kind)
        text, slots = self.fitting(
            texts.templates_for(category, lang),
            lambda: texts.Slots(rng, lang, channel.client_key, first=person.first, fullname=person.fullname,
                                handle=person.handle),
            room,
        )
        plain = category in ("spam", "chatter", "h_chatter", "offlabel")
        if not plain and rng.random() < 0.22:
            longer = join_opener(slots.fill(rng.choice(texts.OPENERS[lang])), text)
            text = longer if len(longer) <= room else text
        if not plain and rng.random() < 0.18:
            closers = texts.PRAISE_CLOSERS if category in PRAISE_CATEGORIES else texts.CLOSERS
            longer = f"{text} {slots.fill(rng.choice(closers[lang]))}"
            text = longer if len(longer) <= room else text
        return self.style(text, channel, lang, kind, slots, plain=plain)

    def style(self, text: str, channel: ChannelInfo, lang: str, kind: str, slots: texts.Slots, *,
              plain: bool = False) -> str:
        rng = self.rng
        platform = channel.platform
        if kind == "brand":
            pass
        elif platform == "x" and kind == "mention":
            text = f"@{channel.handle} {text}"
        elif platform == "tiktok" and lang == "en" and rng.random() < 0.5:
            text = text.lower().rstrip(".")
        elif platform == "instagram" and kind in ("comment", "mention") and rng.random() < 0.15:
            text = f"{text} {slots.fill('{hashtag}')}"
        elif platform == "reddit" and lang == "en" and not plain:
            if rng.random() < 0.25:
                text = f"{rng.choice(texts.REDDIT_OPENERS)} {text}"
            if rng.random() < 0.15:
                text = f"{text}\n\n{rng.choice(texts.REDDIT_CLOSERS)}"
        limit = SHORT_LIMIT.get(platform)
        if limit and len(text) > limit:
            text = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
        return text

    def reply_text(self, category: str, person: Person, channel: ChannelInfo,
                   dm: bool = False) -> tuple[str, str] | None:
        group = "influencer" if channel.sponsorship == "influencer" else REPLY_GROUP.get(category)
        if group is None:
            return None
        options = texts.REPLIES[group]
        lang = person.lang if person.lang in options else "en"
        choices = options[lang]
        if dm:  # in a private conversation, "send us a DM" makes no sense
            choices = [t for t in choices if not any(marker in t for marker in DM_MARKERS)]
            if not choices:
                options = texts.REPLIES[f"{group}_dm"]
                lang = person.lang if person.lang in options else "en"
                choices = options[lang]
        prefix = f"@{person.ref.handle} " if channel.platform == "x" and not dm and person.ref.handle else ""
        room = SHORT_LIMIT.get(channel.platform, 5000) - len(prefix)
        text, slots = self.fitting(choices, lambda: texts.Slots(self.rng, lang, channel.client_key,
                                                                first=person.first), room)
        signoffs = self.signoffs.get(channel.client_key)
        if signoffs and channel.sponsorship != "influencer" and self.rng.random() < 0.5:
            signed = f"{text} ^{self.rng.choice(signoffs)}"
            text = signed if len(signed) <= room else text
        text = prefix + text
        return self.style(text, channel, lang, "brand", slots), lang

    def line(self, options: dict[str, list[str]], person: Person, channel: ChannelInfo) -> tuple[str, str]:
        lang = person.lang if person.lang in options else "en"
        slots = texts.Slots(self.rng, lang, channel.client_key, first=person.first, fullname=person.fullname,
                            handle=person.handle)
        return self.style(slots.fill(self.rng.choice(options[lang])), channel, lang, "", slots), lang

    # ------------------------------------------------------------------ changes
    def change(self, channel: ChannelInfo, external_id: str, *, kind: str, text: str, author: AuthorRef,
               when: datetime, thread_key: str, parent: str = "", url: str = "", direction: str = "in",
               language: str = "en", extra: dict[str, object] | None = None) -> MentionChange:
        return MentionChange(
            change=ChangeKind.UPSERT, channel_id=channel.id, platform=channel.platform, external_id=external_id,
            kind=kind, direction=direction, text=text, author=author, created_at=when,
            parent_external_id=parent, thread_key=thread_key, url=url, language=language, extra=extra or {},
        )

    def post(self, channel: ChannelInfo, before: datetime) -> tuple[Post, Planned]:
        rng = self.rng
        earliest = self.now - SPAN + timedelta(minutes=1)
        when = max(earliest, before - timedelta(minutes=rng.uniform(30, 60 * 30)))
        if when >= before:
            when = before - timedelta(seconds=30)
        key = "influencer" if channel.sponsorship == "influencer" else channel.client_key
        options = texts.POSTS[key]
        others = [code for code in options if code != "en"]
        lang = rng.choice(others) if others and rng.random() < 0.15 else "en"
        slots = texts.Slots(rng, lang, channel.client_key)
        text = slots.fill(rng.choice(options[lang]))
        handle = channel.handle
        code = ""
        platform = channel.platform
        if platform == "facebook":
            external = f"{channel.external_id}_{self.unique(channel, 'digits:16')}"
            url = f"https://www.facebook.com/{external}"
        elif platform == "instagram":
            external = "17" + self.unique(channel, "digits:16")
            code = self.chars(B64, 11)
            url = f"https://www.instagram.com/p/{code}/"
        elif platform == "x":
            external = "18" + self.unique(channel, "digits:17")
            url = f"https://x.com/{handle}/status/{external}"
        elif platform == "tiktok":
            external = "7" + self.unique(channel, "digits:18")
            url = f"https://www.tiktok.com/@{handle}/video/{external}"
        elif platform == "youtube":
            external = self.unique(channel, "b64:11")
            url = f"https://www.youtube.com/watch?v={external}"
        elif platform == "linkedin":
            external = f"urn:li:activity:{self.unique(channel, 'digits:19')}"
            url = f"https://www.linkedin.com/feed/update/{external}/"
        else:  # reddit
            code = rng.choice(channel.subreddits or ["AskDocs"])
            external = "t3_" + self.unique(channel, "b36:7")
            url = f"https://www.reddit.com/r/{code}/comments/{external[3:]}/{slugify(text, 50)}/"
        self.used.add((channel.id, external))
        post = Post(external, external, url, when, code)
        self.posts[channel.id].append(post)
        planned = Planned(self.change(channel, external, kind="post", text=text, author=self.brand(channel),
                                      when=when, thread_key=external, url=url, direction="out", language=lang))
        return post, planned

    def comment_ids(self, channel: ChannelInfo, post: Post, person: Person, parent: str = "") -> tuple[str, str]:
        platform = channel.platform
        if platform == "facebook":
            number = post.external_id.split("_")[-1]
            external = f"{number}_{self.unique(channel, 'digits:16')}"
            return external, f"https://www.facebook.com/{post.external_id}?comment_id={external.split('_')[1]}"
        if platform == "instagram":
            external = "17" + self.unique(channel, "digits:15")
            return external, f"https://www.instagram.com/p/{post.code}/c/{external}/"
        if platform == "x":
            external = "19" + self.unique(channel, "digits:17")
            return external, f"https://x.com/{person.ref.handle}/status/{external}"
        if platform == "tiktok":
            return "7" + self.unique(channel, "digits:18"), post.url
        if platform == "youtube":
            if parent:
                external = f"{parent.split('.')[0]}.{self.unique(channel, 'b64:22')}"
            else:
                external = f"Ug{self.rng.choice('wxyz')}{self.unique(channel, 'b64:16')}4AaABAg"
            return external, f"{post.url}&lc={external}"
        if platform == "linkedin":
            activity = post.external_id.rsplit(":", 1)[-1]
            external = f"urn:li:comment:(urn:li:activity:{activity},{self.unique(channel, 'digits:19')})"
            return external, f"{post.url}?commentUrn={quote(external, safe='')}"
        external = "t1_" + self.unique(channel, "b36:7")  # reddit
        return external, f"{post.url}{external[3:]}/"

    def pick_post(self, channel: ChannelInfo, start: datetime) -> tuple[Post, list[Planned]]:
        earlier = [p for p in self.posts[channel.id] if p.created_at < start]
        if earlier and (start - earlier[-1].created_at < timedelta(days=3) or self.rng.random() < 0.7):
            recent = sorted(earlier, key=lambda p: p.created_at)[-4:]
            return self.rng.choices(recent, weights=[1, 2, 3, 5][-len(recent):])[0], []
        post, planned = self.post(channel, start)
        return post, [planned]

    # ------------------------------------------------------------------ scenes
    def plan(self, total: int) -> list[Planned]:
        planned: list[Planned] = []
        fresh = list(self.channels)
        self.rng.shuffle(fresh)
        while len(planned) < total:
            if fresh:
                channel, is_fresh = fresh.pop(), True
            else:
                channel, is_fresh = self.rng.choices(self.channels, weights=self.weights)[0], False
            start = self.start_time(channel, is_fresh)
            scene = self.rng.choices([s for s, _ in SCENES[channel.platform]],
                                     weights=[w for _, w in SCENES[channel.platform]])[0]
            items = getattr(self, f"scene_{scene}")(channel, start)
            planned.extend(items[: total - len(planned)])
        return planned

    def answer(self, items: list[Planned], channel: ChannelInfo, person: Person, category: str, first: MentionChange,
               post: Post | None) -> None:
        """Maybe the brand answers ``first`` in public, and maybe the customer answers back."""
        group = "influencer" if channel.sponsorship == "influencer" else REPLY_GROUP.get(category)
        chance = REPLY_CHANCE.get(group or "", 0.0) * (0.7 if channel.sponsorship == "paid" else 1.0)
        if group is None or self.rng.random() >= chance:
            return
        assert first.created_at is not None
        when = self.reply_time(first.created_at, channel)
        answer = self.reply_text(category, person, channel)
        if answer is None or not self.in_past(when):
            return
        brand = self.brand(channel)
        external, url = self.reply_ids(channel, post, first, brand)
        reply = self.change(channel, external, kind="reply", text=answer[0], author=brand, when=when,
                            thread_key=first.thread_key, parent=first.external_id, url=url, direction="out",
                            language=answer[1])
        items.append(Planned(reply))
        if category in PHI_CATEGORIES:
            for item in items:
                if item.change is first:
                    item.hide = True
        if self.rng.random() < 0.3:
            later = self.later(when, 8, 300)
            if self.in_past(later):
                external, url = self.reply_ids(channel, post, reply, person.ref)
                text, lang = self.line(texts.FOLLOWUPS, person, channel)
                items.append(Planned(self.change(
                    channel, external, kind="reply", text=text, author=person.ref, when=later,
                    thread_key=first.thread_key, parent=reply.external_id, url=url, language=lang)))

    def reply_ids(self, channel: ChannelInfo, post: Post | None, parent: MentionChange,
                  author: AuthorRef) -> tuple[str, str]:
        if post is not None:
            fake = Person(author, "", "", author.handle, "en")
            return self.comment_ids(channel, post, fake, parent.external_id)
        if channel.platform == "x":
            external = "19" + self.unique(channel, "digits:17")
            return external, f"https://x.com/{author.handle}/status/{external}"
        if channel.platform == "facebook":  # a reply to a review or to a visitor post
            base = parent.external_id.split(":")[-1].split("_")[-1]
            return f"{base}_{self.unique(channel, 'digits:16')}", parent.url
        if channel.platform == "instagram":
            return "17" + self.unique(channel, "digits:15"), parent.url
        if channel.platform == "linkedin":
            activity = parent.external_id.rsplit(":", 1)[-1]
            return (f"urn:li:comment:(urn:li:share:{activity},{self.unique(channel, 'digits:19')})", parent.url)
        external = "t1_" + self.unique(channel, "b36:7")  # reddit
        return external, f"{parent.url}{external[3:]}/"

    def first_message(self, channel: ChannelInfo, start: datetime, *, scene: str,
                      allow_regular: bool = True) -> tuple[list[Planned], Post | None, Person, str, MentionChange]:
        person = self.author_for(channel, allow_regular)
        category = self.category(channel, scene)
        items: list[Planned] = []
        post: Post | None = None
        if scene == "mention":
            change = self.mention(channel, person, category, start)
        else:
            post, made = self.pick_post(channel, start)
            items.extend(made)
            external, url = self.comment_ids(channel, post, person)
            kind = "reply" if channel.platform == "x" else "comment"
            text = self.compose(category, person, channel, kind=kind)
            change = self.change(channel, external, kind=kind, text=text, author=person.ref, when=start,
                                 thread_key=post.thread_key, parent=post.external_id, url=url,
                                 language=self.text_language(category, person))
        items.append(Planned(change, category, hide=category == "spam" and self.rng.random() < 0.4))
        return items, post, person, category, change

    def text_language(self, category: str, person: Person) -> str:
        return person.lang if texts.has_language(category, person.lang) else "en"

    def mention(self, channel: ChannelInfo, person: Person, category: str, start: datetime) -> MentionChange:
        platform = channel.platform
        text = self.compose(category, person, channel, kind="mention")
        lang = self.text_language(category, person)
        if platform == "facebook":
            external = f"{person.ref.external_id}_{self.unique(channel, 'digits:16')}"
            thread, url = external, f"https://www.facebook.com/{external}"
        elif platform == "instagram":
            media = "18" + self.digits(16)
            external = "mention:17" + self.unique(channel, "digits:15")
            thread, url = media, f"https://www.instagram.com/p/{self.chars(B64, 11)}/"
        elif platform == "x":
            external = "19" + self.unique(channel, "digits:17")
            thread, url = external, f"https://x.com/{person.ref.handle}/status/{external}"
        elif platform == "linkedin":
            external = f"urn:li:share:{self.unique(channel, 'digits:19')}"
            thread, url = external, f"https://www.linkedin.com/feed/update/{external}/"
        else:  # reddit: a post of its own in a community, naming the brand
            subreddit = self.rng.choice(channel.subreddits or ["AskDocs"])
            title = texts.Slots(self.rng, lang, channel.client_key).fill(self.rng.choice(texts.TITLES[lang]))
            text = f"{title}\n\n{text}"
            external = "t3_" + self.unique(channel, "b36:7")
            thread = external
            url = f"https://www.reddit.com/r/{subreddit}/comments/{external[3:]}/{slugify(title, 50)}/"
        return self.change(channel, external, kind="mention", text=text, author=person.ref, when=start,
                           thread_key=thread, url=url, language=lang)

    def scene_comment(self, channel: ChannelInfo, start: datetime) -> list[Planned]:
        items, post, person, category, first = self.first_message(channel, start, scene="comment")
        self.answer(items, channel, person, category, first, post)
        return items

    def scene_mention(self, channel: ChannelInfo, start: datetime) -> list[Planned]:
        items, _, person, category, first = self.first_message(channel, start, scene="mention")
        self.answer(items, channel, person, category, first, None)
        return items

    def scene_discussion(self, channel: ChannelInfo, start: datetime) -> list[Planned]:
        items, post, person, category, first = self.first_message(channel, start, scene="comment")
        assert post is not None
        topic = texts.BYSTANDERS[texts.BYSTANDER_TOPIC.get(category, "general")]
        when = start
        for _ in range(self.rng.randint(1, 3)):
            when = self.later(when, 5, 600)
            if not self.in_past(when):
                break
            other = self.person(channel)
            external, url = self.comment_ids(channel, post, other, first.external_id)
            text, lang = self.line(topic, other, channel)
            items.append(Planned(self.change(
                channel, external, kind="reply", text=text, author=other.ref, when=when,
                thread_key=first.thread_key, parent=first.external_id, url=url, language=lang),
                "h_chatter" if channel.hospital else "chatter"))
        self.answer(items, channel, person, category, first, post)
        return items

    def scene_dm(self, channel: ChannelInfo, start: datetime) -> list[Planned]:
        person = self.person(channel)
        category = self.category(channel, "dm")
        thread = f"dm:{person.ref.external_id}"
        brand = self.brand(channel)
        lang = self.text_language(category, person)

        def mid() -> str:
            if channel.platform == "facebook":
                return "m_" + self.unique(channel, "b64:42")
            if channel.platform == "instagram":
                return "aWdfZAG" + self.unique(channel, "b64:40")
            return self.unique(channel, "digits:19")

        first = self.change(channel, mid(), kind="dm", text=self.compose(category, person, channel, kind="dm"),
                            author=person.ref, when=start, thread_key=thread, language=lang)
        items = [Planned(first, category)]
        group = REPLY_GROUP.get(category)
        if group is None or self.rng.random() >= 0.85:
            return items
        when = self.reply_time(start, channel)
        answer = self.reply_text(category, person, channel, dm=True)
        if answer is None or not self.in_past(when):
            return items
        items.append(Planned(self.change(channel, mid(), kind="dm", text=answer[0], author=brand, when=when,
                                         thread_key=thread, direction="out", language=answer[1])))
        if self.rng.random() >= 0.55:
            return items
        when = self.later(when, 3, 240)
        if not self.in_past(when):
            return items
        text, lang = self.line(texts.DM_DETAILS if group in DETAIL_GROUPS else texts.FOLLOWUPS, person, channel)
        items.append(Planned(self.change(channel, mid(), kind="dm", text=text, author=person.ref, when=when,
                                         thread_key=thread, language=lang)))
        when = self.reply_time(when, channel)
        if self.rng.random() < 0.5 and self.in_past(when):
            text, lang = self.line(texts.DM_CLOSINGS, person, channel)
            items.append(Planned(self.change(channel, mid(), kind="dm", text=text, author=brand, when=when,
                                             thread_key=thread, direction="out", language=lang)))
        return items

    def scene_review(self, channel: ChannelInfo, start: datetime) -> list[Planned]:
        rng = self.rng
        person = self.author_for(channel)
        rating = rng.choices([5, 4, 3, 2, 1], weights=[38, 14, 8, 12, 28])[0]
        kind_of_client = "hospital" if channel.hospital else "pharma"
        if rating >= 4:
            category = "h_praise" if channel.hospital else "praise"
        else:
            category = rng.choice(COMPLAINTS[kind_of_client])
        text = (f"[{rating}-star rating without text]" if rng.random() < 0.08
                else self.compose(category, person, channel, kind="review"))
        story = self.unique(channel, "digits:16")
        external = f"review:{story}"
        first = self.change(channel, external, kind="review", text=text, author=person.ref, when=start,
                            thread_key=external, url=f"https://www.facebook.com/{story}",
                            language=self.text_language(category, person),
                            extra={"rating": rating, "recommendation": "positive" if rating >= 4 else "negative"})
        items = [Planned(first, category)]
        self.answer(items, channel, person, category, first, None)
        return items

    def scene_listening(self, channel: ChannelInfo, start: datetime) -> list[Planned]:
        rng = self.rng
        site, source = rng.choice(texts.SITES.get(channel.client_key, [("forum.example", "forum")]))
        if source == "news":
            outlet = texts.NEWS_OUTLETS.get(site, site)
            person = Person(AuthorRef(f"web:{site}", outlet, outlet), "", outlet, outlet, "en")
            category = "news"
            body = texts.Slots(rng, "en", channel.client_key).fill(rng.choice(texts.NEWS[channel.client_key]))
            title = body.split(". ")[0]
            text, lang = body, "en"
        else:
            forum_lang = "fr" if site.startswith("forum.arthrite") else None
            person = self.person(channel, forum_lang)
            person.ref = AuthorRef(f"web:{site}:{person.handle}", person.handle, person.handle)
            category = self.category(channel, "listening")
            body = self.compose(category, person, channel, kind="listening")
            lang = self.text_language(category, person)
            if source == "reviews":
                stars = rng.choice([1, 1, 2, 3, 5]) if category not in ("praise", "h_praise") else rng.choice([4, 5])
                title = "★" * stars + "☆" * (5 - stars)
            else:
                title = texts.Slots(rng, lang, channel.client_key).fill(rng.choice(texts.TITLES[lang]))
            text = f"{title} | {body}"
        local = start.astimezone(channel.tz)
        slug = slugify(title, 50)
        while True:
            number = rng.randrange(10000, 9999999)
            if source == "forum":
                url = f"https://{site}/t/{slug}/{number}"
            elif source == "blog":
                url = f"https://{site}/{local:%Y/%m}/{slug}-{number}/"
            elif source == "news":
                url = f"https://{site}/{local:%Y/%m/%d}/{slug}-{number}"
            else:
                url = f"https://{site}/reviews/{channel.client_key}/{number}"
            external = "web:" + hashlib.sha256(url.encode()).hexdigest()[:24]
            if (channel.id, external) not in self.used:
                self.used.add((channel.id, external))
                break
        change = self.change(channel, external, kind="listening", text=text, author=person.ref, when=start,
                             thread_key=external, url=url, language=lang,
                             extra={"site": site, "source_type": source, "title": title[:200]})
        return [Planned(change, category)]
