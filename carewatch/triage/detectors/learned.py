"""Learned second opinions for the labels the rules miss most on other people's posts, OR-ed with the rules.

The rules find concepts; on blind sets they miss wordings. One linear TF-IDF model per label in
``LEARNED_LABELS`` (word 1-2-grams and char_wb 2-5-grams, so Japanese, Chinese and Russian are read without a
segmenter), trained on our own hand-written sets only (``carewatch/triage/learned_training.py``), shipped as numpy
arrays (``shipped/learned_<label>.npz``, read with pickling refused; no scikit-learn or skops at run time).

All models share one vocabulary, so a post's n-grams are counted once and scored against every label at once. A
post longer than ``classifier.CHUNK`` characters is scored as its highest-scoring chunk of whole sentences. The
scores are not free of length and genre bias (our hand-written reports are longer stories than our negatives: an
everyday paragraph scores up to ~0.7 for adverse event); the guards below keep such posts unflagged, and
``tests/triage/test_triage_languages.py`` checks it in nine languages.

How a vote becomes a label (this is the one place; thresholds were chosen on leave-one-set-out scores by
``bench/triage_learned.py``, never on in-sample scores):

- ``adverse_event``: rules OR (model ≥ threshold AND an owned or paid channel AND the adverse-event rules see an
  asserted event word and a medicine, as for the shipped model: an everyday paragraph, a price question or a drug
  merely named is never a report by the model);
- ``serious``: rules OR (model ≥ threshold AND the post has an adverse event, by the rules or the model);
- ``urgent``: rules OR model ≥ ``sure`` OR (model ≥ threshold AND ``urgent_guard`` holds: the urgent rules saw
  a danger concept they did not combine, and the post is not told in the past, asked about or a joke);
- ``product_complaint`` (round 12): rules OR (model ≥ threshold AND an owned or paid channel: ``complaint_guard``).
- ``spam`` (round 15): rules OR (model ≥ threshold AND no urgent finding, by the rules or the model, AND a screened
  language: a plea for help full of exclamation marks scored up to 0.8 out-of-set, and spam arbitration would then
  silence it; a post the engine cannot read is for a person).

An off-label model was tried and is not shipped (``learned_training.TRIED_LABELS``); a product-complaint model is
shipped from round 12 (owned and paid channels only, ``complaint_guard``). Special-situation and medical-inquiry
models were evaluated in round 13 with ``special_guard`` and ``inquiry_guard`` (``bench/triage_learned.py``) and
are not shipped.

Spam arbitration (``engine.arbitrate``) runs after this detector, so a scam's alarming words stay suppressed.
``ScreenContext.extra["learned"] = "off"`` turns the second opinions off (the rules alone).
"""

from __future__ import annotations

import itertools
import json
import math
import re
import threading
from array import array
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from carewatch.triage.classifier import SHIPPED_DIR, char_wb_ngrams, chunk_text, normalise, word_ngrams
from carewatch.triage.context import ScreenContext
from carewatch.triage.detectors.base import Detector
from carewatch.triage.result import Finding, TriageResult

LEARNED_LABELS = ("adverse_event", "serious", "urgent", "product_complaint", "spam")  # spam last: after urgent
NAME = "learned"
_NO_TOKENS = re.compile(r"(?!)")  # the token pattern of a part that has none (never used)
WORD_CACHE = 50_000  # words whose char_wb rows are kept per process (about 10 MB)


class LearnedModels:
    """The label models over one shared vocabulary: per TF-IDF part, term → row, idf per row, weights rows by labels."""

    def __init__(self, labels: tuple[str, ...], parts: list[tuple[Any, dict[str, int]]],
                 idfs: list[npt.NDArray[np.float64]], weights: list[npt.NDArray[np.float64]],
                 intercepts: npt.NDArray[np.float64], metas: list[dict[str, Any]]) -> None:
        self.labels = labels
        self.parts = parts  # (analyzer, term → row) per part
        self.idfs = idfs  # per part: idf per row
        self.weights = weights  # per part: rows by labels
        self.intercepts = intercepts
        self.metas = dict(zip(labels, metas, strict=True))
        # Every part's rows in one numbering (part by part, in order) for ``_chunk_scores``: idf and weights of all
        # rows in one array each (``idfs`` and ``weights`` are views of them), the first row of each part, each part's
        # analyzer kind ("char_wb", "word_1_2" or "other") and token pattern, and the rows of each word's char_wb
        # n-grams met so far (char_wb parts; at most WORD_CACHE words per part).
        self._offsets = [0]
        for idf in idfs:
            self._offsets.append(self._offsets[-1] + len(idf))
        self._idf = np.concatenate(idfs) if idfs else np.zeros(0)
        self._weights = np.concatenate(weights) if weights else np.zeros((0, len(labels)))
        self.idfs = [self._idf[low:high] for low, high in itertools.pairwise(self._offsets)]
        self.weights = [self._weights[low:high] for low, high in itertools.pairwise(self._offsets)]
        self._bounds = np.asarray(self._offsets, dtype=np.int64)
        self._kinds: list[str] = []
        self._token_patterns: list[re.Pattern[str]] = []
        for analyze, _table in parts:
            func, keywords = getattr(analyze, "func", None), getattr(analyze, "keywords", {})
            pattern = keywords.get("token_pattern")
            if func is char_wb_ngrams:
                kind = "char_wb"
            elif func is word_ngrams and tuple(keywords.get("ngram_range", ())) == (1, 2) and pattern is not None:
                kind = "word_1_2"
            else:
                kind = "other"
            self._kinds.append(kind)
            self._token_patterns.append(pattern or _NO_TOKENS)
        self._word_rows: list[dict[str, array[int]]] = [{} for _ in parts]
        self.version = "+".join(str(m.get("version", "")) for m in metas)

    @classmethod
    def load(cls, directory: Path = SHIPPED_DIR, labels: tuple[str, ...] = LEARNED_LABELS) -> LearnedModels:
        """Read ``learned_<label>.npz`` of each label (``allow_pickle=False``); they must share their terms."""
        present = tuple(label for label in labels if (directory / f"learned_{label}.npz").exists())
        specs: list[dict[str, Any]] | None = None
        term_arrays: list[bytes] = []
        idfs: list[npt.NDArray[np.float64]] = []
        coefs: list[npt.NDArray[np.float32]] = []
        intercepts: list[float] = []
        metas: list[dict[str, Any]] = []
        for label in present:
            with np.load(directory / f"learned_{label}.npz", allow_pickle=False) as data:
                arrays = {name: data[name] for name in data.files}
            these = json.loads(str(arrays["parts"]))
            terms = [bytes(np.asarray(arrays[f"terms_{i}"], dtype=np.uint8)) for i in range(len(these))]
            if specs is None:
                specs, term_arrays = these, terms
                idfs = [np.asarray(arrays[f"idf_{i}"], dtype=np.float64) for i in range(len(these))]
            elif these != specs or terms != term_arrays:
                raise ValueError(f"learned_{label}.npz does not share the other labels' vocabulary")
            coefs.append(np.asarray(arrays["coef"], dtype=np.float32))
            intercepts.append(float(arrays["intercept"]))
            metas.append(json.loads(str(arrays["meta"])))
        parts: list[tuple[Any, dict[str, int]]] = []
        weights: list[npt.NDArray[np.float64]] = []
        offset = 0
        for spec, raw in zip(specs or [], term_arrays, strict=True):
            names = raw.decode("utf-8").split("\n")
            low, high = (int(x) for x in spec["ngram_range"])
            if spec["analyzer"] == "char_wb":
                analyzer: Any = partial(char_wb_ngrams, ngram_range=(low, high))
            else:
                analyzer = partial(word_ngrams, token_pattern=re.compile(str(spec["token_pattern"])),
                                   ngram_range=(low, high))
            parts.append((analyzer, {term: j for j, term in enumerate(names)}))
            block = np.stack([c[offset:offset + len(names)] for c in coefs], axis=1).astype(np.float64)
            weights.append(block)
            offset += len(names)
        if any(len(c) != offset for c in coefs):
            raise ValueError("the learned models' weights do not match their vocabulary")
        return cls(present, parts, idfs, weights, np.asarray(intercepts, dtype=np.float64), metas)

    def _rows(self, clean: str) -> array[int]:
        """The rows (in the shared numbering) of every term of every part found in ``clean``, a row once per occurrence,
        part by part. The same rows as looking up each of ``analyze(clean)``'s terms, faster: a char_wb term never spans
        two words, so each word's rows are looked up once per process (``_word_rows``); word n-grams in one ``map``."""
        rows: array[int] = array("q")
        for part, (analyze, table) in enumerate(self.parts):
            kind, offset, get = self._kinds[part], self._offsets[part], table.get
            if kind == "char_wb":
                cache = self._word_rows[part]
                for word in clean.split():  # as char_wb_ngrams splits (a run of white space is one break)
                    found = cache.get(word)
                    if found is None:
                        found = array("q", [row + offset for row in map(get, analyze(word)) if row is not None])
                        if len(cache) < WORD_CACHE:  # the first words met stay (mostly the frequent ones)
                            cache[word] = found
                    rows += found
                continue
            if kind == "word_1_2":
                tokens: list[str] = self._token_patterns[part].findall(clean)
                terms = tokens + [f"{a} {b}" for a, b in itertools.pairwise(tokens)]  # as word_ngrams
            else:
                terms = analyze(clean)
            rows.extend([row + offset for row in map(get, terms) if row is not None])
        return rows

    def _chunk_scores(self, clean: str) -> npt.NDArray[np.float64]:
        """Each label's probability for one normalised chunk: per part, the L2-normalised sublinear TF-IDF vector of
        its terms times that part's weights, summed with the intercepts. The rows are counted with numpy (sort, then
        run lengths) and each part's sums taken over its rows in increasing order, as ``np.unique`` gave them: the same
        sums in the same order as a term-by-term computation, so the same scores to the bit (tests compare them)."""
        value = self.intercepts.copy()
        found = np.frombuffer(self._rows(clean), dtype=np.int64)  # a fresh buffer: sorted in place
        size = len(found)
        if size:
            found.sort()
            edges = np.empty(size + 1, dtype=bool)
            edges[0] = edges[size] = True
            np.not_equal(found[1:], found[:-1], out=edges[1:size])
            bounds = np.nonzero(edges)[0]
            rows = found[bounds[:-1]]
            counts = bounds[1:] - bounds[:-1]
            tfidf = (1.0 + np.log(counts)) * self._idf[rows]  # sublinear tf, as the TF-IDF parts were fitted
            cuts = np.searchsorted(rows, self._bounds).tolist()
            for low, high in itertools.pairwise(cuts):
                if high > low:
                    part = tfidf[low:high]
                    value += (part / math.sqrt(float(part @ part))) @ self._weights[rows[low:high]]
        return np.asarray(1.0 / (1.0 + np.exp(-np.minimum(np.maximum(value, -700.0), 700.0))), dtype=np.float64)

    def scores(self, text: str) -> dict[str, float]:
        """Each label's probability; a long post is scored as the highest-scoring chunk, label by label."""
        chunks = chunk_text(text)
        if len(chunks) == 1:
            best = self._chunk_scores(normalise(chunks[0]))
        else:
            best = np.asarray(np.max([self._chunk_scores(normalise(chunk)) for chunk in chunks], axis=0),
                              dtype=np.float64)
        return {label: float(s) for label, s in zip(self.labels, best, strict=True)}

    def threshold(self, label: str, key: str = "threshold") -> float:
        return float(self.metas[label].get(key, 0.5))


_lock = threading.Lock()
_loaded: dict[str, LearnedModels] = {}


def models() -> LearnedModels:
    with _lock:
        if "shipped" not in _loaded:
            _loaded["shipped"] = LearnedModels.load()
        return _loaded["shipped"]


def urgent_guard(text: str, context: ScreenContext) -> tuple[bool, str]:
    """Whether a model's urgent vote may stand below ``sure``: the urgent rules see one of their danger concepts in
    the post (a body part, an acute event, a means, a place, a weapon, a violent act, "never wake up"…) that they
    did not combine into a finding; the post does not tell it in the past with no now word, does not ask about it
    ("is that a side effect?"), is not a joke, a figure of speech of the urgent rules' lists or a visit; a weak sign
    alone ("passing out", "dizzy") needs a now, help or dose word, as in the rules.
    Returns (holds, why not)."""
    from carewatch.triage.detectors.care import Text
    from carewatch.triage.detectors.urgent import EMERGENCY_OTHER, SELF_HARM_OTHER, THREAT_OTHER
    from carewatch.triage.detectors.urgent_compose import Post

    prepared = Text(text)
    if any(cues.hits(prepared) for cues in (SELF_HARM_OTHER, EMERGENCY_OTHER, THREAT_OTHER)):
        return False, "figurative"  # the urgent rules' harmless phrases ("shoot you an email", "dying to try")
    cjk = _CJK.search(text) is not None
    post = Post(prepared, context, cjk, needed=True)
    found = {key for key in DANGER if post.get(key)}
    if not found:
        return False, "no danger concept"
    if found == {"weak"} and not any(post.get(key) for key in ("now", "help", "link")):
        return False, "a weak sign alone"  # "passing out for 12 hours" on a sleeping pill: as the rules read it
    question = "?" in text or "\uff1f" in text
    if (post.get("past") or post.get("day_before")) and not post.get("now") and not post.get("help"):
        return False, "past"
    if question and post.get("asked") and not post.get("now") and not post.get("help"):
        return False, "asked"
    if post.get("joke"):
        return False, "joke"
    if post.get("visit"):
        return False, "visit"  # "I know where your office is, can I drop the pens there?"
    if post.in_care() and found <= _BODILY:
        return False, "in care"  # an emergency told from the hospital or the ER (round 8)
    return True, ""


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
# The danger concepts of a body in trouble (not self-harm or a threat): "in care" vetoes only these (round 8).
_BODILY = frozenset({"event", "weak", "airway", "chest", "limb", "body", "acute", "swell", "tight", "numb"})
# The urgent rules' concepts that name a danger (not the words that only qualify one: now, help, a person, a
# medicine, a link to a dose, a negation, a question, the past).
DANGER = ("airway", "chest", "limb", "body", "event", "weak", "ingest", "absent", "no_point", "no_wake", "alone", "act",
          "weapon", "acute", "swell", "tight", "numb", "sh_means", "sh_place", "t_harm", "t_know", "call", "weapon_now",
          "sh_dark", "victim")


def grounded(text: str, context: ScreenContext, language: str, urgent: bool = False) -> bool:
    """The adverse-event rules see an event word the post asserts (perhaps too weakly for them to flag it): not a
    question, negation or hypothesis, and not what the medicine is for (as for the shipped model, model.py); and a
    medicine named, or the client's product implied by its channel; and an owned or paid channel."""
    from carewatch.triage.detectors.adverse import ASSERTED, analyse

    if not context.owned_or_paid:
        # Trained on comments on the clients' own channels; on third-party listening feeds (tweets about any drug) its
        # votes were mostly false alarms: SMM4H 2020 EN dev, read once after the freeze, +12 reports for +134 false
        # alarms. There the rules (and the shipped model in Cyrillic and CJK) decide alone.
        return False
    seen = analyse(text, context, language)
    if not (seen.products or seen.medicine_words):
        return False  # no medicine named or implied by the channel: no adverse event by the guideline
    # Round 10: a special situation that is no event by itself (lack of efficacy told; a dose done twice or a whole box
    # swallowed with nothing felt) does not ground an adverse-event vote; an overdose or medication error does when the
    # post is urgent ("took a double dose by accident and won't wake up properly"). The other situations still do.
    return any(m.status == ASSERTED for m in (*seen.events, *(s for s in seen.specials if s.sub not in _NO_EVENT
                                                                or (urgent and s.sub != "lack_of_efficacy"))))


_NO_EVENT = frozenset({"lack_of_efficacy", "medication_error", "overdose"})


def complaint_guard(text: str, context: ScreenContext) -> tuple[bool, str]:
    """Whether a model's product-complaint vote may stand (round 12): on an owned or paid channel only, where the
    client's product is implied (trained on comments on the clients' own channels; on a third-party feed an article
    about another lot's recall scored 0.71); not on a post about a price or buying (the model reads "where do I find
    the cheapest pen?" as a pen complaint: 0.57-0.63 in Spanish, French, Italian and Portuguese), and not when the
    device does what it should ("the window turned yellow like it should"). Round 12 also tried requiring a product
    concept of the complaint rules (a device, a package, a look, a temperature, a fake) and no website or app: on
    leave-one-set-out scores it only cost recall (blind13 0.72 -> 0.66: an expired sample, a cloudy liquid, a fake
    bought on a website) and took no false alarm away. Returns (holds, why not)."""
    if not context.owned_or_paid:
        return False, "not an owned or paid channel"
    if _PRICE.search(text):
        return False, "a price or a purchase"
    if _AS_IT_SHOULD.search(text):
        return False, "as it should"
    if _SOFTWARE.search(text) and not _PHYSICAL.search(text):
        return False, "an app or a website, no device or package"
    return True, ""


def special_guard(text: str, context: ScreenContext) -> tuple[bool, str]:
    """Whether a model's special-situation vote may stand (round 13, evaluated by ``bench/triage_learned.py``): on an
    owned or paid channel only, where the post is about the client's product. Returns (holds, why not)."""
    if not context.owned_or_paid:
        return False, "not an owned or paid channel"
    return True, ""


def inquiry_guard(text: str, context: ScreenContext) -> tuple[bool, str]:
    """Whether a model's medical-inquiry vote may stand (round 13, evaluated by ``bench/triage_learned.py``): a
    question (a question mark or a question's opening words), not about a price or a purchase, not about an app, a
    website or a delivery only, and not a lawyer's advert. Returns (holds, why not)."""
    if not _QUESTION.search(text):
        return False, "no question"
    if _PRICE.search(text):
        return False, "a price or a purchase"
    if _APP_OR_DELIVERY.search(text):
        return False, "an app, a website or a delivery"
    if _LAWYER.search(text):
        return False, "a lawyer's advert"
    return True, ""


# Round 13: an app, a website, a portal or a login (a fault there is no product complaint, round 13's retrained
# model read "the refill website is broken, the button does nothing" as one at 0.67) ...
_SOFTWARE = re.compile(
    r"\b(?:apps?|website|web ?site|site|portal|login|log in|password|online|aplicación|sitio|web|appli(?:cation)?|"
    r"Webseite|Portal|aplicativo|sito|приложени\w*|сайт\w*)\b|アプリ|サイト|应用|网站|网页|App",
    re.IGNORECASE)
# ... unless the post also names the device, the medicine or its package (a fake pen bought on a website is one).
_PHYSICAL = re.compile(
    r"\b(?:pens?|needles?|cartridges?|syringes?|injectors?|liquid|box|package|packaging|label|cap|vial|lot|"
    r"plumas?|agujas?|jeringas?|caja|envase|etiqueta|líquido|stylos?|aiguilles?|seringues?|boîte|étiquette|"
    r"liquide|Pens?|Nadeln?|Spritzen?|Packung|Schachtel|Etikett|Flüssigkeit|canetas?|agulhas?|caixa|rótulo|"
    r"penn[ae]|aghi|ago|scatola|etichetta|liquido|ручк\w*|игл\w*|шприц\w*|упаковк\w*|коробк\w*|этикетк\w*)\b|"
    r"ペン|針|箱|ラベル|液|注射笔|针头|针|盒|标签|药液",
    re.IGNORECASE)
# Round 13: a question, in the nine screened languages.
_QUESTION = re.compile(
    r"[?\uff1f¿]|\b(?:can i|should i|is it (?:ok|safe|normal)|how (?:do|long|much|many|often)|does anyone know|"
    r"puedo|debo|es normal|est-ce que|puis-je|dois-je|kann ich|soll ich|darf ich|ist es normal|posso|devo|"
    r"é normal|è normale|можно ли|нормально ли)\b|吗|か。|ですか|でしょうか",
    re.IGNORECASE)
# Round 13: an app, a website, a login or a delivery (a service question, not a medical one).
_APP_OR_DELIVERY = re.compile(
    r"\b(?:apps?|website|site|login|log in|password|shipping|delivery|shipped|aplicación|envío|entrega|"
    r"appli(?:cation)?|livraison|Lieferung|Versand|aplicativo|consegna|spedizione|приложени\w*|сайт\w*|"
    r"доставк\w*)\b|アプリ|サイト|配送|発送|应用|网站|快递|配送",
    re.IGNORECASE)
# Round 13: a lawyer's advert (class actions and injury claims), in the nine screened languages.
_LAWYER = re.compile(
    r"\b(?:lawyers?|attorneys?|law firm|class action|lawsuit|abogad\w*|demanda colectiva|avocats?|"
    r"action collective|Anw[aä]lt\w*|Sammelklage|advogad\w*|avvocat\w*|адвокат\w*|юрист\w*)\b|"
    r"弁護士|律师|集体诉讼",
    re.IGNORECASE)


# Round 12: a price, a cost or a purchase, in the nine screened languages.
_PRICE = re.compile(
    r"\b(?:prices?|pricing|costs?|cheap\w*|expensive|afford\w*|coupons?|discounts?|co-?pay|"
    r"where (?:can i |do i |to |should i )?(?:buy|get|find|order)|"
    r"precios?|cuesta|barat[oa]s?|más barat\w*|descuentos?|dónde (?:compro|comprar|consigo)|"
    r"prix|coûte|moins cher|pas cher|acheter|où (?:trouver|acheter)|"
    r"Preis\w*|kostet|billig\w*|teuer\w*|günstig\w*|kaufen|Zuzahlung|"
    r"preços?|custa|descontos?|onde (?:compro|comprar|acho)|"
    r"prezz[oi]|costa|economic[oa]|sconto|dove (?:compro|trovo|comprare)|"
    r"цен[аыуе]\w*|стоит|дешевл\w*|дешёв\w*|дешев\w*|купить|скидк\w*)\b|"
    r"値段|価格|安い|どこで買|多少钱|价格|便宜|哪里买|在哪买",
    re.IGNORECASE)
# Round 12: the device did what it should (in the nine screened languages).
_AS_IT_SHOULD = re.compile(
    r"\b(?:(?:like|as) (?:it|they) should|as (?:expected|intended)|como (?:debe|debería|tiene que)|comme prévu|"
    r"comme il (?:faut|se doit)|wie (?:vorgesehen|es soll|es sein soll)|como deveria|come previsto|come dovrebbe|"
    r"как (?:и )?(?:должно|положено))\b|想定通り|正常的",
    re.IGNORECASE)

def decide(label: str, score: float, learned: LearnedModels, has_ae: bool,
           guard: Any = None, ground: Any = None, complaint: Any = None, urgent: Any = None) -> tuple[bool, str]:
    """Whether the model's vote for ``label`` makes the label (the rules did not). ``guard``, ``ground`` and
    ``complaint``: callables giving ``urgent_guard``'s, ``grounded``'s and ``complaint_guard``'s answers (computed only
    when needed); ``urgent``: whether the post is urgent so far (round 15: no spam vote then). Returns (positive,
    reason)."""
    threshold = learned.threshold(label)
    sure = learned.threshold(label, "sure")
    if score < threshold:
        return False, "below threshold"
    if label == "adverse_event" and ground is not None and not ground():
        return False, "no asserted event word"
    if label == "serious" and not has_ae:
        return False, "no adverse event"
    if label == "product_complaint" and score < sure and complaint is not None:
        holds, why = complaint()
        if not holds:
            return False, f"guard: {why}"
    if label == "spam" and urgent is not None and urgent():
        return False, "guard: urgent or unscreened"
    if label == "urgent" and score < sure and guard is not None:
        holds, why = guard()
        if not holds:
            return False, f"guard: {why}"
    return True, "sure" if score >= sure else "threshold"


def _no_spam_vote(text: str, result: TriageResult, ruled: set[str], findings: list[Finding]) -> bool:
    """Round 15: where a spam vote of the model may not stand: an urgent post (by the rules or the model), or a post in
    a language the engine does not screen (a Korean plea for help scored as spam in-sample; such a post is for a
    person to read, never to be filed away as spam)."""
    from carewatch.triage.detectors.language import unscreened

    if "urgent" in ruled or any(f.label == "urgent" and f.positive for f in findings):
        return True
    return bool(unscreened(text, result.language))


class LearnedDetector(Detector):
    name = NAME

    @property
    def version(self) -> str:  # type: ignore[override]
        return models().version or "none"

    def detect(self, text: str, context: ScreenContext, result: TriageResult) -> list[Finding]:
        if context.extra.get("learned") == "off":
            return []
        learned = models()
        if not learned.labels:
            return []
        ruled = {f.label for f in result.findings if f.positive}
        if ruled.issuperset(learned.labels):
            return []  # the rules set every label the models could add: nothing to score
        scores = learned.scores(text)
        findings: list[Finding] = []
        has_ae = "adverse_event" in ruled
        for label in learned.labels:
            if label in ruled:
                continue
            score = scores[label]
            positive, reason = decide(label, score, learned, has_ae, partial(urgent_guard, text, context),
                                      partial(grounded, text, context, result.language, "urgent" in ruled),
                                      partial(complaint_guard, text, context),
                                      partial(_no_spam_vote, text, result, ruled, findings))
            if (label == "urgent" and positive and reason == "sure" and "product_complaint" in ruled
                    and urgent_guard(text, context)[1] == "no danger concept"):
                # Round 9: a product complaint (tablets of another colour and smell) in which the urgent rules see no
                # danger concept at all is not urgent, however sure the model.
                positive, reason = False, "guard: a complaint with no danger concept"
            if label == "adverse_event" and positive:
                has_ae = True
            if score >= learned.threshold(label) or positive:
                findings.append(Finding(label, score, [], self.name, learned.metas[label].get("version", ""),
                                        positive, {"model_score": round(score, 4), "reason": reason,
                                                   "threshold": learned.threshold(label)}))
        if not has_ae and "urgent" not in ruled and any(f.label == "urgent" and f.positive for f in findings):
            self._caused(text, context, learned, scores, findings)
        return findings

    def _caused(self, text: str, context: ScreenContext, learned: LearnedModels, scores: dict[str, float],
                findings: list[Finding]) -> None:
        """Round 15: the model's urgent vote on a post that tells the client's product as the cause or the start
        ("since I started Glucavio there's this thought…", "после глюкавио постоянно хочется исчезнуть") is a reaction
        to the product, as the rules' self-harm and emergencies linked to it are (``urgent._safety_findings``): an
        adverse event, and serious when the serious model's vote reaches its threshold."""
        from carewatch.triage.detectors.urgent import caused_by_product

        if "adverse_event" not in learned.labels or not caused_by_product(text, context):
            return
        version = learned.metas["adverse_event"].get("version", "")
        findings[:] = [f for f in findings if f.label not in ("adverse_event", "serious") or f.positive]
        findings.append(Finding("adverse_event", scores["adverse_event"], [], self.name, version, True,
                                {"model_score": round(scores["adverse_event"], 4),
                                 "reason": "urgent, caused by the product"}))
        if "serious" in learned.labels and not any(f.label == "serious" and f.positive for f in findings):
            score = scores["serious"]
            if score >= learned.threshold("serious"):
                findings.append(Finding("serious", score, [], self.name, learned.metas["serious"].get("version", ""),
                                        True, {"model_score": round(score, 4), "reason": "threshold",
                                               "threshold": learned.threshold("serious")}))
