from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "carewatch.triage"
    label = "triage"
