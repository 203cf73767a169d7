from django.apps import AppConfig


class ResponsesConfig(AppConfig):
    name = "carewatch.responses"
    label = "responses"
    verbose_name = "Replies: templates, lint, approvals, tracked links"

    def ready(self) -> None:
        from carewatch.identity.signatures import register
        from carewatch.responses.models import ReplyDraft, TemplateVersion
        from carewatch.responses.signing import reply_content, version_content

        register(TemplateVersion, version_content)
        register(ReplyDraft, reply_content)

        from carewatch.inbox import actions as inbox_actions
        from carewatch.responses.actions import held_on_close

        inbox_actions.HELD_ON_CLOSE.append(held_on_close)
