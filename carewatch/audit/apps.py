from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "carewatch.audit"
    label = "audit"
