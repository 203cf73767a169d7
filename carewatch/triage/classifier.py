"""A linear text classifier for one triage label, stored with skops (never pickle).

What is stored (one ``.skops`` file, a dict):

- ``parts``: the TF-IDF word 1-2-grams and char_wb 2-5-grams (settings, terms, idf; rebuilt into a
  scikit-learn ``FeatureUnion`` on load, so the file holds no scikit-learn object at all);
- ``coef`` / ``intercept``: ONE linear function over the vectorizer's output. Training
  (``carewatch.triage.training``) fits several linear members (logistic regression on TF-IDF and
  on NB-weighted TF-IDF) on each cross-validation fold, averages them, and Platt-scales the average
  on the out-of-fold scores. All of that is linear in the features, so it folds into one weight
  vector and the score is ``sigmoid(x · coef + intercept)``: a probability calibrated on held-out
  folds, cheap to compute;
- ``meta`` (a JSON string): label, version, training-data SHA-256, metrics, the two thresholds (best F1 and the
  high-recall operating point), languages, created time, feature settings.

Loading checks every type named in the file against ``ALLOWED_TYPES`` before skops reads it, then
hands skops the same explicit list: a file that names any other type (a function, a custom class)
is refused with ``UntrustedModelFile``.

The shipped model is also kept as plain arrays (``shipped/<label>.npz``: the same terms, idf, weights,
intercept and meta, read by numpy with pickling refused), which is what a running Carewatch loads:
scoring needs only those tables and the two analyzers (``char_wb_ngrams``, ``word_ngrams``, the same
n-grams as scikit-learn's), so importing scikit-learn and skops (seconds of CPU in every process that
screened a post) is left to training and to the ``.skops`` files of registered models. Saving the
shipped ``.skops`` file writes its arrays too; a test checks that both give the same scores.
"""

from __future__ import annotations

import html
import json
import math
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

FORMAT = "carewatch-linear-1"
NORMALISER = "norm-1"
# norm-1 plus one token per finding of the adverse-event rules (event/serious/special words and
# their status, product, link, patient...), so the model learns how much to trust each rule.
RULES_NORMALISER = "norm-1+rules-1"
RULE_TOKEN = "cwrule_"  # noqa: S105 (not a secret) the prefix of those tokens; never shown as evidence

# Every (module.class) a Carewatch model file may name. Anything else: refused before loading.
ALLOWED_TYPES = frozenset({
    "builtins.dict", "builtins.list", "builtins.tuple", "builtins.str", "builtins.int", "builtins.float",
    "numpy.ndarray",
})

_URL = re.compile(r"https?://\S+|www\.\S+")
_USER = re.compile(r"(?<!\w)@\w+")
_REPEAT = re.compile(r"(.)\1{2,}")
_SPACE = re.compile(r"\s+")


class UntrustedModelFile(Exception):
    """The file names a type outside ``ALLOWED_TYPES`` or is not a Carewatch model file."""


def normalise(text: str) -> str:
    """The text as the model sees it: entities unescaped, lower case, URLs and @handles replaced by
    placeholders (they carry no signal and could carry identities), letters repeated 3+ times
    cut to two ("sooooo" → "soo"), hashtags split from their word."""
    text = html.unescape(text).lower()
    text = _URL.sub(" httpurl ", text)
    text = _USER.sub(" @user ", text)
    text = _REPEAT.sub(r"\1\1", text)
    text = text.replace("#", " #")
    return _SPACE.sub(" ", text).strip()


_WHITE_SPACES = re.compile(r"\s\s+")


def char_wb_ngrams(text: str, ngram_range: tuple[int, int]) -> list[str]:
    """scikit-learn's ``char_wb`` analyzer (for our parts: no lower-casing, no accent stripping), with
    list comprehensions instead of its per-n-gram loop: the same n-grams in the same order, faster."""
    low, high = ngram_range
    out: list[str] = []
    for word in _WHITE_SPACES.sub(" ", text).split():
        padded = f" {word} "
        size = len(padded)
        for n in range(low, high + 1):
            if size <= n:  # a short word counts once, as scikit-learn does
                out.append(padded[:n])
                break
            out.extend([padded[i:i + n] for i in range(size - n + 1)])
    return out


def word_ngrams(text: str, token_pattern: re.Pattern[str], ngram_range: tuple[int, int]) -> list[str]:
    """scikit-learn's ``word`` analyzer for our parts (no lower-casing, accent stripping, stop words or
    preprocessor: the text is normalised before): the pattern's tokens, then their n-grams, in its order."""
    tokens: list[str] = token_pattern.findall(text)
    low, high = ngram_range
    if high == 1:
        return tokens
    out = list(tokens) if low == 1 else []
    count = len(tokens)
    for n in range(max(low, 2), min(high + 1, count + 1)):
        out.extend([" ".join(tokens[i:i + n]) for i in range(count - n + 1)])
    return out


CHUNK = 240  # characters: about the length of the posts the shipped model is trained on
_SENTENCES = re.compile(r"[^.!?…\u3002\uff01\uff1f\n]+[.!?…\u3002\uff01\uff1f\n]*")


def chunk_text(text: str, size: int = CHUNK) -> list[str]:
    """``text`` as one chunk when short, else consecutive runs of whole sentences of at most ``size``
    characters (a longer sentence is a chunk of its own, cut at ``size``)."""
    if len(text) <= size:
        return [text]
    chunks: list[str] = []
    current = ""
    for match in _SENTENCES.finditer(text):
        sentence = match.group().strip()
        if not sentence:
            continue
        while len(sentence) > size:
            if current:
                chunks.append(current)
                current = ""
            chunks.append(sentence[:size])
            sentence = sentence[size:]
        if current and len(current) + 1 + len(sentence) > size:
            chunks.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    if current:
        chunks.append(current)
    return chunks or [text[:size]]


def rule_tokens(text: str, context: Any = None, language: str = "") -> str:
    """The adverse-event rules' findings on ``text`` as tokens ("cwrule_event_asserted", ...).

    With the context and language of a screening, the rules' analysis that screening already made
    is reused (``adverse.analyse`` keeps the last one), so this costs nothing extra there."""
    from carewatch.triage.detectors.adverse import analyse

    a = analyse(text, context, language)
    out: list[str] = []
    for e in (*a.events, *a.specials):
        out.append(f"{RULE_TOKEN}{e.kind}_{e.status}")
        out.append(f"{RULE_TOKEN}{e.kind}")
    if a.products:
        out.append(f"{RULE_TOKEN}product")
    if a.medicine_words:
        out.append(f"{RULE_TOKEN}medicine")
    if a.links:
        out.append(f"{RULE_TOKEN}link")
    if a.patient:
        out.append(f"{RULE_TOKEN}patient")
    if a.positive:
        out.append(f"{RULE_TOKEN}positive")
    return " ".join(out)


@dataclass
class LinearTextModel:
    """A trained classifier for one label; ``score`` gives probabilities in 0..1."""

    vectorizer: Any
    coef: npt.NDArray[np.float32]
    intercept: float
    meta: dict[str, Any] = field(default_factory=dict)
    _fast: list[tuple[str, Any, dict[str, tuple[float, float]]]] | None = field(default=None, init=False, repr=False)

    @property
    def label(self) -> str:
        return str(self.meta.get("label", ""))

    @property
    def version(self) -> str:
        return str(self.meta.get("version", ""))

    @property
    def threshold(self) -> float:
        return float(self.meta.get("threshold", 0.5))

    @property
    def high_recall_threshold(self) -> float:
        return float(self.meta.get("high_recall_threshold", self.threshold))

    @property
    def languages(self) -> list[str]:
        return [str(x) for x in self.meta.get("languages", [])]

    @property
    def uses_rules(self) -> bool:
        return self.meta.get("normaliser") == RULES_NORMALISER

    def prepare(self, text: str, context: Any = None, language: str = "") -> str:
        """The text as the model sees it: normalised, plus the rules' tokens for a model trained with them."""
        clean = normalise(text)
        if self.uses_rules:
            tokens = rule_tokens(text, context, language)
            if tokens:
                clean = f"{clean} {tokens}"
        return clean

    def decision(self, texts: list[str]) -> npt.NDArray[np.float64]:
        features = self.vectorizer.transform([self.prepare(t) for t in texts])
        return np.asarray(features @ self.coef, dtype=np.float64).ravel() + self.intercept

    def score(self, texts: list[str]) -> npt.NDArray[np.float64]:
        return 1.0 / (1.0 + np.exp(-self.decision(texts)))

    def score_one(self, text: str, context: Any = None, language: str = "") -> float:
        """``score([text])[0]`` without scikit-learn's per-call overhead (about 10x faster on a tweet).
        ``context`` and ``language``: the screening's, so the rules' analysis is shared with it."""
        return self._score_prepared(self.prepare(text, context, language))

    def _score_prepared(self, clean: str) -> float:
        value = self.intercept
        for _name, analyze, table in self._tables():
            dot = norm = 0.0
            for term, count in Counter(analyze(clean)).items():
                entry = table.get(term)
                if entry is None:
                    continue
                idf, weight = entry
                tfidf = idf if count == 1 else (1.0 + math.log(count)) * idf
                dot += tfidf * weight
                norm += tfidf * tfidf
            if norm > 0.0:
                value += dot / math.sqrt(norm)
        return 1.0 / (1.0 + math.exp(-value)) if value > -700 else 0.0

    def score_text(self, text: str, context: Any = None, language: str = "") -> float:
        """The score of a post of any length: a post longer than ``CHUNK`` characters is cut into chunks of
        whole sentences and scored as its highest-scoring chunk. A TF-IDF vector of a long text is a blur
        of everything in it, and a linear model over it drifts with length (long neutral posts in one
        language scored higher than short ones); per chunk, a long post is read like the short posts the
        model was trained on, and a report in one sentence of a long review is not diluted by the rest."""
        chunks = chunk_text(text)
        if len(chunks) == 1:
            return self.score_one(text, context, language)
        # The rules' findings are of the whole post (computed once, and already by the screening).
        tokens = rule_tokens(text, context, language) if self.uses_rules else ""
        return max(self._score_prepared(f"{normalise(chunk)} {tokens}".strip()) for chunk in chunks)

    def top_terms(self, text: str, n: int = 5, context: Any = None, language: str = "") -> list[tuple[str, float]]:
        """The word n-grams of ``text`` that pushed its score up most (a reviewer's "why")."""
        words = self._contributions(text, context, language, only="words").get("words", {})
        pushes = sorted(((t, v) for t, v in words.items() if v > 0 and RULE_TOKEN not in t), key=lambda p: -p[1])
        return pushes[:n]

    def _contributions(self, text: str, context: Any = None, language: str = "", only: str = ""
                       ) -> dict[str, dict[str, float]]:
        """Per TF-IDF part (or the part named ``only``), each present term's share of the decision value
        (TF-IDF value times weight)."""
        clean = self.prepare(text, context, language)
        out: dict[str, dict[str, float]] = {}
        for name, analyze, table in self._tables():
            if only and name != only:
                continue
            counts = {term: n for term, n in Counter(analyze(clean)).items() if term in table}
            norm = 0.0
            values: dict[str, float] = {}
            for term, count in counts.items():
                idf, _ = table[term]
                tfidf = (1.0 + math.log(count)) * idf
                values[term] = tfidf
                norm += tfidf * tfidf
            scale = 1.0 / math.sqrt(norm) if norm > 0.0 else 0.0
            out[name] = {term: v * scale * table[term][1] for term, v in values.items()}
        return out

    def _tables(self) -> list[tuple[str, Any, dict[str, tuple[float, float]]]]:
        """Per TF-IDF part: its name, analyzer and term → (idf, weight), built once from the fitted vectorizer
        (a model read from arrays has them from the start)."""
        if self._fast is None:
            tables = []
            offset = 0
            for name, part in self.vectorizer.transformer_list:
                if not (part.sublinear_tf and part.norm == "l2" and part.use_idf):
                    raise ValueError("only sublinear, l2-normalised TF-IDF parts are supported")
                idf = part.idf_
                weights = self.coef[offset:offset + len(idf)]
                table = {term: (float(idf[j]), float(weights[j])) for term, j in part.vocabulary_.items()}
                analyzer = (partial(char_wb_ngrams, ngram_range=part.ngram_range) if part.analyzer == "char_wb"
                            else part.build_analyzer())
                tables.append((str(name), analyzer, table))
                offset += len(idf)
            self._fast = tables
        return self._fast

    # ------------------------------------------------------------------ files
    def save(self, path: Path) -> int:
        """Write the skops file; returns its size in bytes.

        The vectorizer is not stored as a scikit-learn object (skops would write its vocabulary as one
        JSON node per term: 100 MB of schema and 300 MB of memory to read a tweet model back): each
        TF-IDF part is stored as its settings, its terms (one UTF-8 byte array) and its idf array."""
        import skops.io as sio

        parts = []
        for name, part in self.vectorizer.transformer_list:
            terms = [""] * len(part.vocabulary_)
            for term, j in part.vocabulary_.items():
                terms[j] = term
            joined = "\n".join(terms)
            if joined.count("\n") != len(terms) - 1:
                raise ValueError("a term contains a newline")  # normalise() makes this impossible
            parts.append({
                "name": str(name), "analyzer": str(part.analyzer), "ngram_range": list(part.ngram_range),
                "token_pattern": str(part.token_pattern or ""),
                "terms": np.frombuffer(joined.encode("utf-8"), dtype=np.uint8),
                "idf": np.asarray(part.idf_, dtype=np.float64),
            })
        payload = {"format": FORMAT, "meta": json.dumps(self.meta, sort_keys=True), "parts": parts,
                   "coef": np.asarray(self.coef, dtype=np.float32), "intercept": float(self.intercept)}
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        sio.dump(payload, tmp, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
        tmp.replace(path)
        if self.label and path.resolve() == shipped_path(self.label).resolve():
            self.save_arrays(shipped_arrays_path(self.label))  # what a running Carewatch loads
        return path.stat().st_size

    def save_arrays(self, path: Path) -> int:
        """Write the model as plain arrays (``.npz``, no pickled object): per TF-IDF part its settings,
        terms (one UTF-8 byte array) and idf; the weights, the intercept and the meta. Returns bytes."""
        arrays: dict[str, Any] = {"format": np.array(FORMAT), "meta": np.array(json.dumps(self.meta, sort_keys=True)),
                                  "coef": np.asarray(self.coef, dtype=np.float32),
                                  "intercept": np.array(float(self.intercept), dtype=np.float64)}
        settings = []
        for index, (name, part) in enumerate(self.vectorizer.transformer_list):
            terms = [""] * len(part.vocabulary_)
            for term, j in part.vocabulary_.items():
                terms[j] = term
            joined = "\n".join(terms)
            if joined.count("\n") != len(terms) - 1:
                raise ValueError("a term contains a newline")
            settings.append({"name": str(name), "analyzer": str(part.analyzer), "ngram_range": list(part.ngram_range),
                             "token_pattern": str(part.token_pattern or "")})
            arrays[f"terms_{index}"] = np.frombuffer(joined.encode("utf-8"), dtype=np.uint8)
            arrays[f"idf_{index}"] = np.asarray(part.idf_, dtype=np.float64)
        arrays["parts"] = np.array(json.dumps(settings, sort_keys=True))
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp.npz")
        np.savez_compressed(tmp, **arrays)
        tmp.replace(path)
        return path.stat().st_size

    @classmethod
    def load(cls, path: Path) -> LinearTextModel:
        if path.suffix == ".npz":
            return cls.load_arrays(path)
        import skops.io as sio

        named = types_in_file(path)
        untrusted = sorted(named - ALLOWED_TYPES)
        if untrusted:
            raise UntrustedModelFile(f"{path.name} names types outside the allowed list: {', '.join(untrusted)}")
        payload = sio.load(path, trusted=sorted(named))
        if not isinstance(payload, dict) or payload.get("format") != FORMAT:
            raise UntrustedModelFile(f"{path.name} is not a {FORMAT} model file")
        coef = np.asarray(payload["coef"], dtype=np.float32)
        return cls(_rebuild(payload["parts"]), coef, float(payload["intercept"]), json.loads(payload["meta"]))


    @classmethod
    def load_arrays(cls, path: Path) -> LinearTextModel:
        """A model written by ``save_arrays``, ready to score without scikit-learn (numpy reads the file
        with pickling refused; its vectorizer is built from the same arrays only if something asks)."""
        try:
            with np.load(path, allow_pickle=False) as data:
                arrays = {name: data[name] for name in data.files}
        except (OSError, ValueError, zipfile.BadZipFile) as exc:
            raise UntrustedModelFile(f"{path.name} is not a model arrays file ({exc})") from exc
        if str(arrays.get("format", "")) != FORMAT or "parts" not in arrays:
            raise UntrustedModelFile(f"{path.name} is not a {FORMAT} model arrays file")
        specs: list[dict[str, Any]] = json.loads(str(arrays["parts"]))
        for index, spec in enumerate(specs):
            spec["terms"], spec["idf"] = arrays[f"terms_{index}"], arrays[f"idf_{index}"]
        coef = np.asarray(arrays["coef"], dtype=np.float32)
        model = cls(_Unbuilt(specs), coef, float(arrays["intercept"]), json.loads(str(arrays["meta"])))
        tables = []
        offset = 0
        for spec in specs:
            terms = bytes(np.asarray(spec["terms"], dtype=np.uint8)).decode("utf-8").split("\n")
            idf = np.asarray(spec["idf"], dtype=np.float64)
            weights = coef[offset:offset + len(idf)]
            if len(terms) != len(idf) or len(weights) != len(idf):
                raise UntrustedModelFile(f"{path.name}: terms, idf and weights of {spec['name']} differ in length")
            low, high = (int(x) for x in spec["ngram_range"])
            if spec["analyzer"] == "char_wb":
                analyzer: Any = partial(char_wb_ngrams, ngram_range=(low, high))
            elif spec["analyzer"] == "word":
                analyzer = partial(word_ngrams, token_pattern=re.compile(str(spec["token_pattern"])),
                                   ngram_range=(low, high))
            else:
                raise UntrustedModelFile(f"{path.name}: unknown analyzer {spec['analyzer']!r}")
            table = {term: (float(idf[j]), float(weights[j])) for j, term in enumerate(terms)}
            tables.append((str(spec["name"]), analyzer, table))
            offset += len(idf)
        if offset != len(coef):
            raise UntrustedModelFile(f"{path.name}: {len(coef)} weights for {offset} features")
        model._fast = tables
        return model


class _Unbuilt:
    """The TF-IDF parts of a model read from arrays, built into scikit-learn's ``FeatureUnion`` (importing
    it) the first time something other than scoring asks for them (``decision``, ``save``)."""

    def __init__(self, specs: list[dict[str, Any]]) -> None:
        self._specs = specs
        self._built: Any = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if self._built is None:
            self._built = _rebuild(self._specs)
        return getattr(self._built, name)


def build_part(analyzer: str, ngram_range: tuple[int, int], token_pattern: str, min_df: int = 1,
               vocabulary: list[str] | None = None) -> Any:
    """One TF-IDF part as Carewatch uses it (sublinear tf, l2 norm, float32, text already normalised)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    pattern = token_pattern if analyzer == "word" else None  # only words are tokenised by the pattern
    return TfidfVectorizer(analyzer=analyzer, ngram_range=ngram_range, token_pattern=pattern, min_df=min_df,
                           lowercase=False, sublinear_tf=True, dtype=np.float32, vocabulary=vocabulary)


def _rebuild(parts: list[dict[str, Any]]) -> Any:
    from sklearn.pipeline import FeatureUnion

    built = []
    for spec in parts:
        terms = bytes(np.asarray(spec["terms"], dtype=np.uint8)).decode("utf-8").split("\n")
        low, high = (int(x) for x in spec["ngram_range"])
        part = build_part(str(spec["analyzer"]), (low, high), str(spec["token_pattern"]), vocabulary=terms)
        part.idf_ = np.asarray(spec["idf"], dtype=np.float64)
        built.append((str(spec["name"]), part))
    return FeatureUnion(built)


def types_in_file(path: Path) -> set[str]:
    """Every ``module.class`` named in a skops file's schema (read as JSON, nothing executed)."""
    try:
        with zipfile.ZipFile(path) as archive:
            schema = json.loads(archive.read("schema.json"))
    except (zipfile.BadZipFile, KeyError, json.JSONDecodeError) as exc:
        raise UntrustedModelFile(f"{path.name} is not a skops file ({exc})") from exc
    found: set[str] = set()
    stack: list[Any] = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "__class__" in node:
                found.add(f"{node.get('__module__', '')}.{node['__class__']}")
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


SHIPPED_DIR = Path(__file__).resolve().parent / "shipped"


def shipped_path(label: str = "adverse_event") -> Path:
    """The shipped model's ``.skops`` file (what training writes; the source of its arrays)."""
    return SHIPPED_DIR / f"{label}.skops"


def shipped_arrays_path(label: str = "adverse_event") -> Path:
    """The shipped model as arrays: what a running Carewatch loads (no scikit-learn, no skops)."""
    return SHIPPED_DIR / f"{label}.npz"


def export_shipped_arrays(label: str = "adverse_event") -> Path:
    """Write the shipped ``.skops`` model's arrays beside it (``save`` does this when it writes the shipped
    file; run ``python -m carewatch.triage.classifier`` after replacing the file by other means)."""
    model = LinearTextModel.load(shipped_path(label))
    path = shipped_arrays_path(label)
    model.save_arrays(path)
    return path


if __name__ == "__main__":
    print(export_shipped_arrays())
