"""Fixes from issue 13 ("The desk a newcomer meets"), each first seen failing."""

from __future__ import annotations

from pathlib import Path

from carewatch.escalation.email_settings import escalation_settings
from carewatch.lib.served import DEFAULT_URL, announce, default_server_url, served_url


# ------------------------------------------------------------------ the base URL follows the address served
def test_links_follow_the_port_served_when_no_base_url_is_set(tmp_path: Path) -> None:
    environ: dict[str, str] = {}
    assert announce("127.0.0.1", 8765, tmp_path, environ) == "http://127.0.0.1:8765"
    assert escalation_settings(environ)["CAREWATCH_BASE_URL"] == "http://127.0.0.1:8765"


def test_an_explicit_base_url_wins_over_the_address_served(tmp_path: Path) -> None:
    environ = {"CAREWATCH_BASE_URL": "https://desk.agency.example/"}
    assert announce("0.0.0.0", 9000, tmp_path, environ) == "https://desk.agency.example"  # noqa: S104
    assert escalation_settings(environ)["CAREWATCH_BASE_URL"] == "https://desk.agency.example"


def test_a_wildcard_bind_is_linked_as_the_loopback_address() -> None:
    assert served_url("0.0.0.0", 8001) == "http://127.0.0.1:8001"  # noqa: S104
    assert served_url("::1", 8001) == "http://[::1]:8001"


def test_simulate_defaults_to_where_serve_last_served(tmp_path: Path) -> None:
    assert default_server_url({}, tmp_path) == DEFAULT_URL
    announce("127.0.0.1", 8123, tmp_path, {})
    assert default_server_url({}, tmp_path) == "http://127.0.0.1:8123"
    assert default_server_url({"CAREWATCH_BASE_URL": "http://10.0.0.5:81"}, tmp_path) == "http://10.0.0.5:81"
