from django.apps import AppConfig


class RepliesConfig(AppConfig):
    name = "carewatch.replies"
    label = "replies"
