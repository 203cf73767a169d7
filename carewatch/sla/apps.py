from django.apps import AppConfig


class SlaConfig(AppConfig):
    name = "carewatch.sla"
    label = "sla"
    verbose_name = "SLAs and three-touch follow-up"
    default_auto_field = "django.db.models.BigAutoField"
