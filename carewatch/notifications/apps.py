from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "carewatch.notifications"
    label = "notifications"
    verbose_name = "In-app notifications and the approvals inbox"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from carewatch.audit.chain import events_written
        from carewatch.audit.models import AuditEvent
        from carewatch.notifications.derive import on_audit_event, on_audit_events

        # Every state change writes an AuditEvent in its own transaction: the notifications it
        # calls for are derived from that event, in the same transaction (no other app calls us).
        post_save.connect(on_audit_event, sender=AuditEvent, dispatch_uid="notifications-from-audit")
        # Events written together at the end of an audit_last() block (routing's assignments).
        events_written.connect(on_audit_events, sender=AuditEvent, dispatch_uid="notifications-from-audit-batch")
