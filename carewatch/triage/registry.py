"""Model versions: registering a trained model, pinning one for a client, and picking the one that
scores a client's mentions (see ``carewatch.triage.models`` for the order).

Per-client pinning lives in ``Client.settings``:

- ``"triage_model_version"``: a registered version string (this client's or a global one), or
  ``"rules-only"`` to switch the model off for the client (the rule detectors still run);
- ``"triage_operating_point"``: ``"high_recall"`` (default; §2.2 of the compliance reference: tune
  for recall, a human reviews every positive) or ``"f1"`` (the best-F1 threshold).

Choices are cached per process for ``CACHE_SECONDS``; registering or pinning here clears the cache.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from carewatch.triage.classifier import LinearTextModel, shipped_arrays_path, shipped_path

if TYPE_CHECKING:
    from carewatch.tenancy.models import Client
    from carewatch.triage.models import ModelVersion, ReviewDecision

log = logging.getLogger(__name__)

CACHE_SECONDS = 30.0
RULES_ONLY = "rules-only"
OPERATING_POINTS = ("high_recall", "f1")
PIN_KEY = "triage_model_version"
POINT_KEY = "triage_operating_point"


@dataclass(frozen=True)
class Choice:
    model: LinearTextModel
    operating_point: str = "high_recall"
    shipped: bool = False  # the model that ships with the code (trained on our own written posts)

    @property
    def threshold(self) -> float:
        return self.model.threshold if self.operating_point == "f1" else self.model.high_recall_threshold


_lock = threading.Lock()
_files: dict[str, LinearTextModel] = {}
_choices: dict[tuple[str, int | None, str], tuple[float, Choice | None]] = {}


def clear_cache() -> None:
    with _lock:
        _files.clear()
        _choices.clear()


#: A choice as plain data, for a screening process (``triage.screening_process``): ``None`` (rules only)
#: or (the model file's resolved path, operating point, shipped).
ChoiceRef = tuple[str, str, bool] | None
_sent_only = False  # in a screening process: only choices sent by the worker (``install``) are used


class ChoiceNotSent(LookupError):
    """A screening process was asked for a model choice the worker did not send."""


def reference(choice: Choice | None) -> ChoiceRef:
    """``choice`` as plain data. Raises ``ChoiceNotSent`` when its model was not loaded from a file."""
    if choice is None:
        return None
    with _lock:
        path = next((key for key, model in _files.items() if model is choice.model), None)
    if path is None:
        raise ChoiceNotSent("the model was not loaded from a file")
    return path, choice.operating_point, choice.shipped


def install(choices: dict[tuple[str, int | None, str, str], ChoiceRef]) -> None:
    """In a screening process: exactly these choices (by ``choose``'s arguments), as the worker made
    them; from then on ``choose`` raises ``ChoiceNotSent`` for any other, and reads no database."""
    global _sent_only
    made = {(label, client_id, f"{override}|{point}"): (
        float("inf"), None if ref is None else Choice(load_file(Path(ref[0])), ref[1], shipped=ref[2]))
        for (label, client_id, override, point), ref in choices.items()}
    with _lock:
        _sent_only = True
        _choices.clear()
        _choices.update(made)


def load_file(path: Path) -> LinearTextModel:
    key = str(path.resolve())
    with _lock:
        model = _files.get(key)
    if model is None:
        model = LinearTextModel.load(path)
        with _lock:
            _files[key] = model
    return model


def shipped(label: str = "adverse_event") -> LinearTextModel | None:
    """The shipped model, read from its arrays (no scikit-learn or skops import) when they are there."""
    for path in (shipped_arrays_path(label), shipped_path(label)):
        if path.exists():
            return load_file(path)
    return None


def choose(label: str, client_id: int | None, override: str = "", operating_point: str = "") -> Choice | None:
    """The model (and operating point) for ``label`` and a client; None: rules only.

    ``override``: "" (the normal choice), "rules-only"/"off", "shipped", a registered version, or the
    path of a ``.skops`` file. ``operating_point`` overrides the client's setting."""
    key = (label, client_id, f"{override}|{operating_point}")
    now = time.monotonic()
    with _lock:
        cached = _choices.get(key)
    if cached is not None and cached[0] > now:
        return cached[1]
    if _sent_only:
        raise ChoiceNotSent(f"no model choice sent for {key!r}")
    choice = _choose(label, client_id, override, operating_point)
    with _lock:
        _choices[key] = (now + CACHE_SECONDS, choice)
    return choice


def _choose(label: str, client_id: int | None, override: str, operating_point: str) -> Choice | None:
    if override in (RULES_ONLY, "off", "none"):
        return None
    point = operating_point or "high_recall"
    if override == "shipped":
        model = shipped(label)
        return Choice(model, point, shipped=True) if model else None
    if override.endswith(".skops"):
        return Choice(load_file(Path(override)), point)
    try:
        return _choose_registered(label, client_id, override, operating_point)
    except LookupError:
        raise
    except Exception as exc:  # no database here (a bare CLI, a test without one): the shipped model
        log.warning("triage model registry unavailable (%s); using the shipped model", type(exc).__name__)
        model = shipped(label)
        return Choice(model, point, shipped=True) if model else None


def _choose_registered(label: str, client_id: int | None, override: str, operating_point: str) -> Choice | None:
    from carewatch.tenancy.models import Client
    from carewatch.triage.models import ModelVersion

    point = operating_point
    pinned = override
    if client_id is not None:
        settings: dict[str, Any] = Client.objects.filter(pk=client_id).values_list("settings", flat=True).first() or {}
        if not point and settings.get(POINT_KEY) in OPERATING_POINTS:
            point = str(settings[POINT_KEY])
        if not pinned:
            pinned = str(settings.get(PIN_KEY) or "")
    point = point or "high_recall"
    if pinned in (RULES_ONLY, "off"):
        return None
    if pinned == "shipped":
        model = shipped(label)
        return Choice(model, point, shipped=True) if model else None
    row: ModelVersion | None
    if pinned:
        row = ModelVersion.objects.filter(version=pinned, label=label).first()
        if row is None:
            if override:
                raise LookupError(f"no {label} model version {pinned!r}")
            log.warning("client %s pins unknown model version %r; using the default", client_id, pinned)
    else:
        row = None
    if row is None and client_id is not None:
        row = ModelVersion.objects.filter(label=label, client_id=client_id, is_active=True).first()
    if row is None:
        row = ModelVersion.objects.filter(label=label, client__isnull=True, is_active=True).first()
    if row is None:
        model = shipped(label)
        return Choice(model, point, shipped=True) if model else None
    return Choice(load_file(row.file), point)


# ---------------------------------------------------------------------------- writing
def record_decision(mention: Any, label: str, confirmed: bool, user: Any = None, reason: str = "") -> ReviewDecision:
    """Store a reviewer's confirm/dismiss of a label on a mention (one row per mention and label; a
    later decision replaces the earlier one, the audit trail keeps both). Training data only: the
    mention's labels, its case and any safety case are left as they are.

    The inbox goes through ``carewatch.triage.actions.do_review_flag``, which checks the
    reviewer's role and writes the audit event; this is the storage step (and what bulk imports of
    historical decisions call)."""
    from carewatch.triage.models import ReviewDecision

    triage: dict[str, Any] = mention.triage if isinstance(mention.triage, dict) else {}
    scores = triage.get("scores") if isinstance(triage.get("scores"), dict) else {}
    versions = triage.get("versions") if isinstance(triage.get("versions"), dict) else {}
    score = scores.get(label) if isinstance(scores, dict) else None
    row, _ = ReviewDecision.objects.update_or_create(
        mention=mention, label=label,
        defaults={"client_id": mention.client_id, "confirmed": confirmed, "decided_by": user, "reason": reason,
                  "score": float(score) if isinstance(score, int | float) else None,
                  "detector_versions": dict(versions or {})},
    )
    return row


def client_training_data(client: Client, label: str) -> tuple[list[str], list[int]]:
    """Texts and 1/0 labels from the reviewers' decisions on the client's mentions."""
    from carewatch.triage.models import ReviewDecision

    texts: list[str] = []
    labels: list[int] = []
    rows = (ReviewDecision.objects.filter(client=client, label=label).select_related("mention")
            .order_by("mention_id"))
    for decision in rows:
        if decision.mention.text:
            texts.append(decision.mention.text)
            labels.append(int(decision.confirmed))
    return texts, labels
