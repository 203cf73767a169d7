from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "carewatch.safety"
    label = "safety"
    verbose_name = "Safety cases"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from carewatch.identity.signatures import register
        from carewatch.safety.models import SafetyCase
        from carewatch.safety.signing import signed_content

        register(SafetyCase, signed_content)
