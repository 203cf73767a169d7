"""E-mail settings from CAREWATCH_EMAIL_URL, the legal/media matcher, and the signed links."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from carewatch.escalation.email_settings import escalation_settings, parse_email_url
from carewatch.escalation.legal import legal_media_terms
from carewatch.escalation.links import LinkInvalid, make_token, new_token_id, read_token


def options(url: str) -> dict[str, object]:
    mailer = parse_email_url(url)["MAILERS"]["default"]
    assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    return dict(mailer["OPTIONS"])


def test_an_smtp_url_gives_a_default_mailer_with_host_port_and_no_encryption() -> None:
    assert options("smtp://127.0.0.1:2525") == {"host": "127.0.0.1", "port": 2525, "use_tls": False,
                                                "use_ssl": False, "timeout": 10.0}


def test_an_smtp_url_with_a_login_starttls_sender_and_timeout() -> None:
    url = "smtp://desk%40agency.test:p%40ss%3Aword@mail.agency.test:587?tls=1&from=desk@agency.test&timeout=20"
    o = options(url)
    assert o["username"] == "desk@agency.test" and o["password"] == "p@ss:word"
    assert o["port"] == 587 and o["use_tls"] is True and o["use_ssl"] is False and o["timeout"] == 20.0
    assert parse_email_url(url)["DEFAULT_FROM_EMAIL"] == "desk@agency.test"


def test_smtps_means_implicit_tls_on_port_465_by_default() -> None:
    o = options("smtps://u:p@mail.agency.test")
    assert o["port"] == 465 and o["use_ssl"] is True and o["use_tls"] is False


@pytest.mark.parametrize("url", ["http://mail.agency.test", "smtp://", "smtp://host:port", "smtp://h?timeout=x"])
def test_a_url_that_is_not_smtp_is_refused(url: str) -> None:
    with pytest.raises(ValueError, match="CAREWATCH_EMAIL_URL"):
        parse_email_url(url)


def test_without_an_email_url_e_mail_is_refused_loudly_not_sent_somewhere() -> None:
    s = escalation_settings({})
    assert s["MAILERS"] == {"default": {"BACKEND": "carewatch.escalation.delivery.UnconfiguredEmailBackend"}}
    assert s["CAREWATCH_EMAIL_CONFIGURED"] is False
    assert s["CAREWATCH_BASE_URL"] == "http://127.0.0.1:8000"


@pytest.mark.parametrize(("text", "terms"), [
    ("My lawyer will hear about this", ["lawyer"]),
    ("I'm going to sue you and talk to a journalist", ["sue", "journalist"]),
    ("Contacting my attorney. Also the local NEWS station", ["attorney", "news"]),
    ("A class-action lawsuit is coming", ["class-action", "lawsuit"]),
    ("Sending this to the press and every reporter I know", ["press", "reporter"]),
    ("Good news, my A1C is down!", []),
    ("Press the button firmly until it clicks", []),
    ("Saw your ad on social media", []),
    ("Is Glucavio covered by my insurance?", []),
    ("", []),
])
def test_the_legal_and_media_matcher_finds_threats_and_leaves_everyday_words(text: str, terms: list[str]) -> None:
    assert legal_media_terms(text) == terms


def test_a_signed_link_reads_back_and_a_changed_one_does_not() -> None:
    token_id = new_token_id()
    token = make_token(42, token_id)
    claim = read_token(token)
    assert (claim.notification_id, claim.token_id) == (42, token_id)
    assert not claim.expired(timedelta(hours=72))
    for tampered in (token[:-1] + ("A" if token[-1] != "A" else "B"), token.replace("42-", "43-", 1), "42", ""):
        with pytest.raises(LinkInvalid):
            read_token(tampered)


def test_a_signed_link_expires_after_its_time() -> None:
    with time_machine.travel("2026-12-01 10:00Z", tick=False):
        token = make_token(7, new_token_id())
    with time_machine.travel("2026-12-04 09:59Z", tick=False):
        assert not read_token(token).expired(timedelta(hours=72))
    with time_machine.travel("2026-12-04 10:01Z", tick=False):
        assert read_token(token).expired(timedelta(hours=72))


def test_a_token_from_another_signer_of_the_project_is_not_an_ack_link() -> None:
    from django.core import signing

    other = signing.TimestampSigner(salt="something-else", sep=".").sign(f"7-{new_token_id()}")
    with pytest.raises(LinkInvalid):
        read_token(other)
