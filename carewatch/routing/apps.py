from django.apps import AppConfig


class RoutingConfig(AppConfig):
    name = "carewatch.routing"
    label = "routing"
    verbose_name = "Routing rules"
    default_auto_field = "django.db.models.BigAutoField"
