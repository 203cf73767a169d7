from django.apps import AppConfig


class ResponsesConfig(AppConfig):
    name = "carewatch.responses"
    label = "responses"
    verbose_name = "Replies: templates, lint, approvals, tracked links"
