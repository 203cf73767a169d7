"""E-mail settings from ``CAREWATCH_EMAIL_URL`` (as Django 6.1's ``MAILERS``), plus the other
escalation settings.

    smtp://127.0.0.1:2525                       plain SMTP (port 25 if none)
    smtp://user:pa%40ss@mail.example:587?tls=1  STARTTLS, with a login (user and password URL-encoded)
    smtps://user:pass@mail.example              implicit TLS (port 465 if none)
    ...?from=desk@agency.example&timeout=20     sender address, socket timeout in seconds

Unset, e-mail is refused with a clear error on each notification row (``CAREWATCH_EMAIL_URL is
not set``) rather than silently printed or sent to a local port 25.

In settings.py (two lines):

    from carewatch.escalation.email_settings import escalation_settings
    globals().update(escalation_settings(os.environ))

Other variables read here: ``CAREWATCH_BASE_URL`` (the desk's public address, for the links in
notifications; default: the host and port ``carewatch serve`` binds, see
``carewatch/lib/served.py``) and ``CAREWATCH_EMAIL_FROM`` (default sender).
Nothing here imports Django models: settings import it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from carewatch.lib.served import base_url_from

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
UNCONFIGURED_BACKEND = "carewatch.escalation.delivery.UnconfiguredEmailBackend"
DEFAULT_FROM = "carewatch@localhost"
TRUE = {"1", "true", "yes", "on"}


def parse_email_url(url: str) -> dict[str, Any]:
    """Django's ``MAILERS["default"]`` entry (Django 6.1 mailers) for an smtp:// or smtps:// URL,
    and the sender it names; ValueError for anything else."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("smtp", "smtps"):
        raise ValueError("CAREWATCH_EMAIL_URL must start with smtp:// or smtps://")
    if not parts.hostname:
        raise ValueError("CAREWATCH_EMAIL_URL needs a host, e.g. smtp://127.0.0.1:2525")
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    ssl = parts.scheme == "smtps" or query.get("ssl", "").lower() in TRUE
    tls = not ssl and query.get("tls", "").lower() in TRUE
    try:
        port = parts.port or (465 if ssl else 25)
        timeout = float(query.get("timeout", "10"))
    except ValueError:
        raise ValueError("CAREWATCH_EMAIL_URL has a port or timeout that is not a number") from None
    options: dict[str, Any] = {"host": parts.hostname, "port": port, "use_tls": tls, "use_ssl": ssl,
                               "timeout": timeout}
    if parts.username:
        options["username"] = unquote(parts.username)
        options["password"] = unquote(parts.password or "")
    result: dict[str, Any] = {"MAILERS": {"default": {"BACKEND": SMTP_BACKEND, "OPTIONS": options}}}
    if query.get("from"):
        result["DEFAULT_FROM_EMAIL"] = result["SERVER_EMAIL"] = query["from"]
    return result


def escalation_settings(environ: Mapping[str, str]) -> dict[str, Any]:
    """Every setting the escalation app reads, from the environment."""
    sender = environ.get("CAREWATCH_EMAIL_FROM", "").strip() or DEFAULT_FROM
    result: dict[str, Any] = {
        "DEFAULT_FROM_EMAIL": sender,
        "SERVER_EMAIL": sender,
        "CAREWATCH_BASE_URL": base_url_from(environ),
        "CAREWATCH_EMAIL_CONFIGURED": False,
        "MAILERS": {"default": {"BACKEND": UNCONFIGURED_BACKEND}},
    }
    url = environ.get("CAREWATCH_EMAIL_URL", "").strip()
    if url == "demo://":
        # The demo's local mailbox (carewatch.demo): kept in the database, shown to admins.
        result["MAILERS"] = {"default": {"BACKEND": "carewatch.demo.mailbox.DemoMailBackend"}}
        result["CAREWATCH_EMAIL_CONFIGURED"] = True
        result["CAREWATCH_DEMO_MAILBOX"] = True
    elif url:
        result.update(parse_email_url(url))
        result["CAREWATCH_EMAIL_CONFIGURED"] = True
    return result
