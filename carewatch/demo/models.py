"""The demo's local mailbox: with ``CAREWATCH_EMAIL_URL=demo://`` every e-mail the desk sends
(escalations, forward notices, acknowledgements) is kept here, shown to admins, instead of going
out. Nothing else writes these rows."""

from __future__ import annotations

from typing import ClassVar

from django.db import models


class DemoMail(models.Model):
    sender = models.CharField(max_length=254)
    to = models.JSONField(default=list)
    subject = models.CharField(max_length=500)
    body = models.TextField()
    reference = models.CharField(max_length=64, blank=True)  # X-Carewatch-Reference
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return self.subject
