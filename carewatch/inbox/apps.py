from django.apps import AppConfig
from django.db.models.signals import post_migrate


class InboxConfig(AppConfig):
    name = "carewatch.inbox"
    label = "inbox"

    def ready(self) -> None:
        from carewatch.inbox.fulltext import after_migrate

        post_migrate.connect(after_migrate, sender=self)
