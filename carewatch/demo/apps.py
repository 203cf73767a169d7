from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "carewatch.demo"
    label = "demo"
    verbose_name = "The demo agency, its local mailbox and platform sandbox"
    default_auto_field = "django.db.models.BigAutoField"
