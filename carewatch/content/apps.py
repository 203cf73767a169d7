from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "carewatch.content"
    label = "content"
    verbose_name = "Content calendar"

    def ready(self) -> None:
        from carewatch.content.models import PostApproval
        from carewatch.content.signing import approval_content
        from carewatch.identity.signatures import register

        register(PostApproval, approval_content)
