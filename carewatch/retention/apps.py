from __future__ import annotations

from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "carewatch.retention"
    label = "retention"
    verbose_name = "Retention, legal hold and data-subject requests"
