from __future__ import annotations

from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "carewatch.identity"
    label = "identity"
    verbose_name = "Identity: second factors, sessions, electronic signatures"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from carewatch.identity import signals  # noqa: F401
