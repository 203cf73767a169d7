from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "carewatch.inbox"
    label = "inbox"
