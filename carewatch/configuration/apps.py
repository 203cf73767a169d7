from django.apps import AppConfig


class ConfigurationConfig(AppConfig):
    name = "carewatch.configuration"
    label = "configuration"
    verbose_name = "Configuration as code and the settings pages: SLA, on-call, escalation protocols, channels"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from carewatch.configuration.as_code import apply_config
        from carewatch.tenancy.config import register

        register(apply_config=apply_config)  # for callers still importing it from tenancy.config
