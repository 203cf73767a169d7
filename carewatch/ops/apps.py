from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "carewatch.ops"
    label = "ops"
