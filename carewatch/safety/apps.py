from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "carewatch.safety"
    label = "safety"
    verbose_name = "Safety cases"
    default_auto_field = "django.db.models.BigAutoField"
