"""Issue 13: the demo's e-mail goes to a local mailbox that the desk shows to admins."""

from __future__ import annotations

from typing import Any

from django.test import Client as HttpClient

from carewatch.demo.models import DemoMail
from carewatch.escalation.delivery import Message, send_email
from carewatch.escalation.email_settings import escalation_settings
from carewatch.tenancy.models import User


def test_demo_url_selects_the_local_mailbox() -> None:
    settings = escalation_settings({"CAREWATCH_EMAIL_URL": "demo://"})
    assert settings["MAILERS"]["default"]["BACKEND"] == "carewatch.demo.mailbox.DemoMailBackend"
    assert settings["CAREWATCH_EMAIL_CONFIGURED"] is True


def test_an_escalation_mail_lands_in_the_mailbox_and_only_admins_read_it(
        db: Any, settings: Any, admin: User, alice: User) -> None:
    settings.MAILERS = {"default": {"BACKEND": "carewatch.demo.mailbox.DemoMailBackend"}}
    settings.CAREWATCH_DEMO_MAILBOX = True
    send_email("drugsafety@northwind.test", Message("[Carewatch] ESC-000007 Adverse event",
                                                    "Acknowledge: http://127.0.0.1:8000/ack/abc/"), "ESC-000007")
    [mail] = DemoMail.objects.all()
    assert mail.to == ["drugsafety@northwind.test"] and mail.reference == "ESC-000007"
    client = HttpClient()
    client.force_login(admin)
    page = client.get("/demo/mailbox/").content.decode()
    assert "ESC-000007 Adverse event" in page and 'href="http://127.0.0.1:8000/ack/abc/"' in page
    assert "Demo mailbox" in client.get("/inbox/").content.decode()
    client.force_login(alice)
    assert client.get("/demo/mailbox/").status_code == 403
