from django.apps import AppConfig


class EscalationConfig(AppConfig):
    name = "carewatch.escalation"
    label = "escalation"
    verbose_name = "Escalation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from carewatch.escalation import hooks

        hooks.connect()
