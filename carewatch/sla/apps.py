from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SlaConfig(AppConfig):
    name = "carewatch.sla"
    label = "sla"
    verbose_name = "SLAs and three-touch follow-up"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from carewatch.sla.marks import after_migrate

        # The change marks' triggers, made again after every migrate (carewatch/sla/marks.py).
        post_migrate.connect(after_migrate, sender=self)
