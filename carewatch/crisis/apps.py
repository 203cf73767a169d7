from django.apps import AppConfig


class CrisisConfig(AppConfig):
    name = "carewatch.crisis"
    label = "crisis"
    verbose_name = "Crisis"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from carewatch.crisis.approval import incident_hold
        from carewatch.responses.gate import register_hold

        register_hold(incident_hold)
