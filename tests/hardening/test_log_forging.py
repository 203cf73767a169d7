"""Issue 17 finding 9: an untrusted value logged can never start a line of its own."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client as HttpClient

from carewatch.lib.logredact import RedactSecretsFilter
from carewatch.lib.secrets import seal
from carewatch.sources.x.verify import sign
from carewatch.tenancy.models import Channel, Client

FORGED = "123\n2026-12-06 22:00:00,000 ERROR carewatch.security forged: admin password reset\r"


@pytest.fixture
def console() -> Iterator[io.StringIO]:
    """What the configured console handler (settings.LOGGING) writes."""
    handlers = [h for h in logging.getLogger().handlers
                if any(isinstance(f, RedactSecretsFilter) for f in h.filters)]
    assert handlers, "the root logger's console handler carries the redaction filter"
    handler = handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    stream = io.StringIO()
    old = handler.setStream(stream)
    try:
        yield stream
    finally:
        handler.setStream(old)


def record(msg: str, *args: Any) -> logging.LogRecord:
    return logging.LogRecord("carewatch.webhooks", logging.WARNING, __file__, 1, msg, args, None)


@pytest.mark.parametrize("value", [
    "a\nb", "a\rb", "a\r\nb", "a\x0bb", "a\x0cb", "a\x1bb", "a\x85b", "a\u2028b", "a\u2029b", "a\x00b",
])
def test_the_log_filter_escapes_every_line_breaking_or_control_character(value: str) -> None:
    rec = record("no channel for account(s) %s", value)
    assert RedactSecretsFilter().filter(rec)
    message = rec.getMessage()
    assert len(message.splitlines()) == 1 and "\x00" not in message and "\x1b" not in message
    assert message.startswith("no channel for account(s) a\\") and message.endswith("b")


def test_a_message_without_untrusted_control_characters_is_left_alone() -> None:
    rec = record("webhook %s: %s\tok", "meta", "Zoë")
    RedactSecretsFilter().filter(rec)
    assert rec.getMessage() == "webhook meta: Zoë\tok"


def test_secrets_are_still_redacted_and_the_escape_applies_too() -> None:
    rec = record("token=%s\nERROR x", "cw_abcdefghijklmnopqrstuvwxyz")
    RedactSecretsFilter().filter(rec)
    assert rec.getMessage() == "token=[redacted]\\nERROR x"


def test_an_unauthenticated_webhooks_account_id_with_a_newline_writes_no_forged_line(
        transactional_db: Any, console: io.StringIO) -> None:
    client = Client.objects.create(slug="alpha", name="Alpha")
    Channel.objects.create(client=client, platform="x", handle="alpha", external_id="1001",
                           secrets={"consumer_secret": seal("s")})
    body = ('{{"for_user_id":"{}","tweet_create_events":[]}}'.format(FORGED.replace("\n", "\\n").replace("\r", "\\r"))).encode()
    response = HttpClient().post("/hooks/x/", data=body, content_type="application/json",
                                 HTTP_X_TWITTER_WEBHOOKS_SIGNATURE=sign(body, "wrong"))
    assert response.status_code == 404
    written = console.getvalue()
    assert "forged" in written, "the line was logged"
    lines = written.splitlines()
    assert not any(line.startswith("2026-12-06 22:00:00,000 ERROR") for line in lines)
    assert all("forged" not in line or "no channel for account" in line for line in lines)
