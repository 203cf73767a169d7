from django.apps import AppConfig


class HooksOutConfig(AppConfig):
    name = "carewatch.hooks_out"
    label = "hooks_out"
    verbose_name = "Outbound webhooks"
    default_auto_field = "django.db.models.BigAutoField"
