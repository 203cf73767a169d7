from django.apps import AppConfig

# Object types the e-signatures on these records were stored under while their models were in the
# former ``responses`` app (signatures are never rewritten; see ``former_responses``).
FORMER_SIGNATURE_TYPES = {
    "templateversion": ("responses.templateversion",),
    "replydraft": ("responses.replydraft",),
}


class RepliesConfig(AppConfig):
    name = "carewatch.replies"
    label = "replies"
    verbose_name = "Replies: templates, lint, approvals, the gate, the outbox, tracked links"

    def ready(self) -> None:
        from carewatch.identity.signatures import register
        from carewatch.replies.models import ReplyDraft, TemplateVersion
        from carewatch.replies.signing import reply_content, version_content

        register(TemplateVersion, version_content, formerly=FORMER_SIGNATURE_TYPES["templateversion"])
        register(ReplyDraft, reply_content, formerly=FORMER_SIGNATURE_TYPES["replydraft"])

        from carewatch.inbox import actions as inbox_actions
        from carewatch.replies.actions import held_on_close

        inbox_actions.HELD_ON_CLOSE.append(held_on_close)
