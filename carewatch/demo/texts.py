"""What the demo's public says, in English, Spanish and French: templates and slot fillers.

The words are data, in ``texts.json`` beside this file (edit them there): a template is a
sentence with ``{slots}``; :class:`Slots` fills each slot once per text from the lists there (per
language, per product, per client), or makes a value (a fictional phone number, a lot number, a
date of birth). A value may hold slots of its own. A slot written with a capital
(``{Relative}``) is the same value with its first letter capitalised.

Everything is invented: people, handles, pharmacies, insurers, places. Phone numbers are in the
555-0100..0199 range reserved for fiction; e-mail addresses are at example.com/net/org.
"""

from __future__ import annotations

import json
import random
import unicodedata
from datetime import date, timedelta
from pathlib import Path
from typing import Any

Lists = dict[str, list[str]]

_DATA: dict[str, Any] = json.loads(Path(__file__).with_name("texts.json").read_text(encoding="utf-8"))

FIRST: Lists = _DATA["FIRST"]
LAST: Lists = _DATA["LAST"]
HANDLE_WORDS: list[str] = _DATA["HANDLE_WORDS"]
HANDLE_NOUNS: list[str] = _DATA["HANDLE_NOUNS"]
VALUES: dict[str, Lists] = _DATA["VALUES"]
PRODUCT_VALUES: dict[str, dict[str, Lists]] = _DATA["PRODUCT_VALUES"]
CLIENT_VALUES: dict[str, dict[str, str | list[str]]] = _DATA["CLIENT_VALUES"]
TEMPLATES: dict[str, Lists] = _DATA["TEMPLATES"]
OFFLABEL: dict[str, Lists] = _DATA["OFFLABEL"]
HCP_ROLE_FR: list[str] = _DATA["HCP_ROLE_FR"]
OPENERS: Lists = _DATA["OPENERS"]
PRAISE_CLOSERS: Lists = _DATA["PRAISE_CLOSERS"]
CLOSERS: Lists = _DATA["CLOSERS"]
REDDIT_OPENERS: list[str] = _DATA["REDDIT_OPENERS"]
REDDIT_CLOSERS: list[str] = _DATA["REDDIT_CLOSERS"]
REPLIES: dict[str, Lists] = _DATA["REPLIES"]
FOLLOWUPS: Lists = _DATA["FOLLOWUPS"]
DM_DETAILS: Lists = _DATA["DM_DETAILS"]
DM_CLOSINGS: Lists = _DATA["DM_CLOSINGS"]
BYSTANDERS: dict[str, Lists] = _DATA["BYSTANDERS"]
BYSTANDER_TOPIC: dict[str, Any] = _DATA["BYSTANDER_TOPIC"]
POSTS: dict[str, Lists] = _DATA["POSTS"]
SITES: dict[str, list[tuple[str, str]]] = {k: [(d, kind) for d, kind in v] for k, v in _DATA["SITES"].items()}
TITLES: Lists = _DATA["TITLES"]
NEWS: dict[str, list[str]] = _DATA["NEWS"]
NEWS_OUTLETS: dict[str, str] = _DATA["NEWS_OUTLETS"]


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def make_handle(rng: random.Random, first: str, last: str) -> str:
    first_a = ascii_fold(first).lower().replace(" ", "").replace("-", "")
    last_a = ascii_fold(last).lower().replace(" ", "")
    style = rng.randrange(6)
    if style == 0:
        handle = f"{first_a}{last_a[:1]}{rng.randrange(10, 99)}"
    elif style == 1:
        handle = f"{first_a}_{last_a}"
    elif style == 2:
        handle = f"{rng.choice(HANDLE_WORDS)}_{rng.choice(HANDLE_NOUNS)}{rng.randrange(1, 99)}"
    elif style == 3:
        handle = f"{first_a}.{last_a}{rng.choice(['', '', str(rng.randrange(60, 99))])}"
    elif style == 4:
        handle = f"the{rng.choice(HANDLE_WORDS)}{rng.choice(HANDLE_NOUNS)}"
    else:
        handle = f"{first_a[:1]}{last_a}_{rng.randrange(1950, 2005)}"
    return handle[:24]


# ---------------------------------------------------------------------------- filling the slots
class Slots(dict[str, str]):
    """The values of one text's slots, made on first use (so a slot used twice agrees)."""

    def __init__(self, rng: random.Random, lang: str, client_key: str, *, first: str = "", fullname: str = "",
                 handle: str = "") -> None:
        super().__init__()
        self.rng = rng
        self.lang = lang
        self.client_key = client_key
        self.product_key = str(CLIENT_VALUES[client_key]["product_key"])
        self.depth = 0
        if first:
            self["first"] = first
        if fullname:
            self["fullname"] = fullname
        self.handle = handle

    def fill(self, template: str) -> str:
        return template.format_map(self)

    def __missing__(self, key: str) -> str:
        if key[:1].isupper():
            value = self[key[:1].lower() + key[1:]]
            value = value[:1].upper() + value[1:]
        else:
            value = self._make(key)
        self[key] = value
        return value

    def _choose(self, key: str) -> str | None:
        options: list[str] | None = None
        if self.product_key:
            per_product = PRODUCT_VALUES[self.product_key]
            options = per_product.get(self.lang, {}).get(key) or per_product["en"].get(key)
        if not options:
            options = VALUES.get(self.lang, {}).get(key) or VALUES["en"].get(key)
        if not options:
            client_value = CLIENT_VALUES[self.client_key].get(key)
            if isinstance(client_value, str):
                return client_value
            options = client_value
        if not options:
            return None
        value = self.rng.choice(options)
        if "{" in value and self.depth < 3:
            self.depth += 1
            try:
                value = value.format_map(self)
            finally:
                self.depth -= 1
        return value

    def _make(self, key: str) -> str:
        rng = self.rng
        chosen = self._choose(key)
        if chosen is not None:
            return chosen
        if key == "first":
            return rng.choice(FIRST.get(self.lang, FIRST["en"]))
        if key == "fullname":
            return f"{rng.choice(FIRST.get(self.lang, FIRST['en']))} {rng.choice(LAST.get(self.lang, LAST['en']))}"
        if key == "phone":
            areas = ["514", "438", "819"] if self.lang == "fr" else ["312", "773", "614", "305", "512", "216"]
            area = rng.choice(areas)
            return f"({area}) 555-01{rng.randrange(100):02d}"
        if key == "email":
            local = self.handle or ascii_fold(self["fullname"]).lower().replace(" ", ".")
            return f"{local}@{rng.choice(['example.com', 'example.net', 'example.org'])}"
        if key == "dob":
            born = date(1938, 1, 1) + timedelta(days=rng.randrange(0, 365 * 60))
            return born.strftime("%d/%m/%Y" if self.lang in ("fr", "es") else "%m/%d/%Y")
        if key == "member_id":
            return rng.choice(["W", "XJH", "MBR", "ZQ"]) + str(rng.randrange(10**7, 10**9))
        if key == "group":
            return str(rng.randrange(100000, 999999))
        if key == "medicare":
            chars = "ACDEFGHJKMNPQRTUVWXY"
            return (f"{rng.randrange(1, 9)}{rng.choice(chars)}{rng.choice(chars)}{rng.randrange(10)}-"
                    f"{rng.choice(chars)}{rng.choice(chars)}{rng.randrange(10)}-{rng.choice(chars)}{rng.choice(chars)}"
                    f"{rng.randrange(10, 99)}")
        if key == "ramq":
            letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTV") for _ in range(4))
            return f"{letters} {rng.randrange(1000, 9999)} {rng.randrange(1000, 9999)}"
        if key == "mrn":
            return f"{rng.randrange(10**7):08d}"
        if key == "room":
            return str(rng.choice([2, 3, 4, 5]) * 100 + rng.randrange(1, 40))
        if key == "account":
            return f"RB-{rng.randrange(10**8, 10**9)}"
        if key == "address":
            if self.lang == "fr":
                return (f"{rng.randrange(100, 9999)}, {self._choose('street')}, {self._choose('town')} (Québec) "
                        f"J{rng.randrange(10)}{rng.choice('ABCEGHKLMN')} {rng.randrange(10)}"
                        f"{rng.choice('KLMNPRSTVX')}{rng.randrange(10)}")
            return (f"{rng.randrange(12, 9899)} {VALUES['en']['street'][rng.randrange(8)]}, "
                    f"{self._choose('town')} {rng.randrange(60000, 62999)}")
        if key == "lot":
            letters = "ABCDEFGHJKLMNPRSTVWXYZ"
            return f"{rng.randrange(1, 10)}{rng.choice(letters)}{rng.randrange(10, 99)}{rng.choice(letters)}"
        if key == "exp":
            return f"EXP {rng.randrange(1, 13):02d}/{rng.choice([2026, 2027, 2027, 2028])}"
        if key == "amount":
            return f"${rng.choice([25, 45, 60, 75, 90, 110, 150, 180, 240, 320])}"
        if key == "amount_small":
            return f"${rng.choice([0, 10, 25, 25, 35])}"
        if key == "amount_big":
            return f"${rng.choice([640, 815, 936, 1012, 1180, 1349, 2450, 3870, 6200])}"
        if key == "a1c_from":
            return f"{rng.randrange(80, 115) / 10:.1f}"
        if key == "a1c_to":
            return f"{rng.randrange(58, 72) / 10:.1f}"
        if key == "age":
            return str(rng.randrange(48, 87))
        if key == "hours":
            return str(rng.randrange(3, 12))
        if key == "minutes":
            return str(rng.choice([35, 45, 50, 62, 75, 90, 110]))
        if key == "week_no":
            return str(rng.randrange(2, 20))
        if key in ("num_days", "num"):
            return str(rng.randrange(3, 60))
        if key == "waiting_days":
            return str(rng.choice([45, 60, 72, 90, 120]))
        if key == "ref":
            return f"CW-{rng.randrange(100000, 999999)}"
        if key == "offlabel_q":
            questions = OFFLABEL.get(self.product_key, {})
            options = questions.get(self.lang) or questions.get("en") or ["Can I use this for something else?"]
            return self.fill(rng.choice(options))
        if key == "hcp_role_fr":
            return rng.choice(HCP_ROLE_FR)
        if key == "hcp_role":
            return "healthcare professional"
        raise KeyError(key)


def templates_for(category: str, lang: str) -> list[str]:
    by_lang = TEMPLATES[category]
    return by_lang.get(lang) or by_lang["en"]


def has_language(category: str, lang: str) -> bool:
    return bool(TEMPLATES[category].get(lang))
