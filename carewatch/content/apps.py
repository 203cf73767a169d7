from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "carewatch.content"
    label = "content"
    verbose_name = "Content calendar"
