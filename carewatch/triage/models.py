"""Trained triage models and the reviewers' decisions they learn from.

Which model scores a client's mentions (``carewatch.triage.registry.resolve``):

1. the version pinned in ``Client.settings["triage_model_version"]`` (a version string of this
   label; the value ``"rules-only"`` turns the model off for that client, rules still run);
2. else the newest active version trained for that client;
3. else the newest active global version (``client`` empty);
4. else the model shipped with Carewatch (``carewatch/triage/shipped/``).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from django.conf import settings
from django.db import models


def models_dir() -> Path:
    return Path(settings.DATA_DIR) / "models"


class ModelVersion(models.Model):
    client = models.ForeignKey("tenancy.Client", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="+", help_text="Empty: a global model, for every client.")
    label = models.CharField(max_length=32, default="adverse_event")
    version = models.CharField(max_length=80, unique=True)
    language = models.CharField(max_length=8, blank=True, help_text="Empty: any language.")
    data_hash = models.CharField(max_length=64, help_text="SHA-256 of the training records.")
    metrics = models.JSONField(default=dict, blank=True)
    threshold = models.FloatField(help_text="Best-F1 threshold, chosen by cross-validation on the training data.")
    high_recall_threshold = models.FloatField(
        help_text="Threshold of the high-recall operating point (recall ≥ 0.9 in cross-validation).")
    path = models.CharField(max_length=500, help_text="File name under CAREWATCH_DATA_DIR/models/.")
    created_at = models.DateTimeField(auto_now_add=True)
    is_active = models.BooleanField(default=False)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["label", "client", "is_active"], name="modelversion_pick"),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.version}"

    @property
    def file(self) -> Path:
        path = Path(self.path)
        return path if path.is_absolute() else models_dir() / path


class ReviewDecision(models.Model):
    """A reviewer confirmed or dismissed a label on a mention: the training data of ``triage train``
    and review evidence, nothing more.

    Kept apart from ``Mention.triage`` (which a re-screen overwrites). The inbox's confirm/dismiss
    controls call ``carewatch.triage.actions.do_review_flag`` (which writes the audit event). A
    decision never changes ``Mention.labels``, a case's label tags or a safety case: only a safety
    reviewer ends a safety case (``carewatch.safety.actions.do_dismiss``).
    """

    mention = models.ForeignKey("inbox.Mention", on_delete=models.CASCADE, related_name="+")
    client = models.ForeignKey("tenancy.Client", on_delete=models.CASCADE, related_name="+")
    label = models.CharField(max_length=32)
    confirmed = models.BooleanField(help_text="True: the label is right; False: dismissed.")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(auto_now=True)
    reason = models.TextField(blank=True, help_text="Why the reviewer dismissed (required for a safety label).")
    score = models.FloatField(null=True, blank=True, help_text="The label's triage score when it was decided.")
    detector_versions = models.JSONField(default=dict, blank=True,
                                         help_text="The detector and model versions that raised the flag.")

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["mention", "label"], name="uniq_review_per_label"),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["client", "label"], name="review_client_label"),
        ]

    def __str__(self) -> str:
        return f"{self.label} {'confirmed' if self.confirmed else 'dismissed'} on mention {self.mention_id}"
