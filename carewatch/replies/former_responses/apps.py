from django.apps import AppConfig


class FormerResponsesConfig(AppConfig):
    """Only the label ``responses`` and its migrations (see this package's docstring)."""

    name = "carewatch.replies.former_responses"
    label = "responses"
    verbose_name = "Replies (migration history of the former responses app)"
