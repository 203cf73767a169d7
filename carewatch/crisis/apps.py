from django.apps import AppConfig


class CrisisConfig(AppConfig):
    name = "carewatch.crisis"
    label = "crisis"
    verbose_name = "Crisis"
    default_auto_field = "django.db.models.BigAutoField"
