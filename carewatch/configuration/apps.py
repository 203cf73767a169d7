from django.apps import AppConfig


class ConfigurationConfig(AppConfig):
    name = "carewatch.configuration"
    label = "configuration"
    verbose_name = "Configuration as code and the settings pages: SLA, on-call, escalation protocols, channels"
    default_auto_field = "django.db.models.BigAutoField"
