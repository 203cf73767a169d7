"""The e-mail backend of the demo mailbox (``CAREWATCH_EMAIL_URL=demo://``)."""

from __future__ import annotations

from typing import Any

from django.core.mail.backends.base import BaseEmailBackend

BACKEND = "carewatch.demo.mailbox.DemoMailBackend"


class DemoMailBackend(BaseEmailBackend):
    """Keeps each message in the demo mailbox (a table), as an SMTP server would accept it."""

    def send_messages(self, email_messages: Any) -> int:
        from carewatch.demo.models import DemoMail

        sent = 0
        for message in email_messages or []:
            DemoMail.objects.create(
                sender=str(message.from_email or "")[:254], to=[str(t) for t in message.to or []],
                subject=str(message.subject or "")[:500], body=str(message.body or ""),
                reference=str((message.extra_headers or {}).get("X-Carewatch-Reference", ""))[:64])
            sent += 1
        return sent
