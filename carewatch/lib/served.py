"""Where the desk is served: the base of every link it puts in a reply or an e-mail.

``CAREWATCH_BASE_URL`` wins when set (a public address behind a proxy). Otherwise
``carewatch serve`` announces the host and port it binds: in ``CAREWATCH_SERVED_URL`` (its worker,
a child process, inherits it) and in ``<data dir>/served-url`` (so ``carewatch simulate`` run from
another shell finds the server without being told its port).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, MutableMapping
from pathlib import Path

DEFAULT_URL = "http://127.0.0.1:8000"
SERVED_FILE = "served-url"
ANY_ADDRESS = {"", "0.0.0.0", "::", "[::]"}  # noqa: S104 (a name for the wildcard, not a bind)


def served_url(host: str, port: int) -> str:
    """The URL a browser on this machine uses for ``host:port`` as bound."""
    host = host.strip()
    if host in ANY_ADDRESS:
        host = "127.0.0.1"
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}"


def explicit_base_url(environ: Mapping[str, str]) -> str:
    return environ.get("CAREWATCH_BASE_URL", "").strip().rstrip("/")


def base_url_from(environ: Mapping[str, str]) -> str:
    """``CAREWATCH_BASE_URL``, else the address ``carewatch serve`` announced, else the default."""
    return (explicit_base_url(environ) or environ.get("CAREWATCH_SERVED_URL", "").strip().rstrip("/")
            or DEFAULT_URL)


def announce(host: str, port: int, data_dir: Path, environ: MutableMapping[str, str] | None = None) -> str:
    """Record where this process serves; returns the base URL links will use from now on."""
    environ = os.environ if environ is None else environ
    url = served_url(host, port)
    environ["CAREWATCH_SERVED_URL"] = url
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        (data_dir / SERVED_FILE).write_text(url + "\n", encoding="utf-8")
    except OSError:
        pass  # a read-only data directory: the environment still carries it
    return base_url_from(environ)


def default_server_url(environ: Mapping[str, str], data_dir: Path) -> str:
    """Where ``carewatch simulate`` sends by default: the base URL if set, else the last address
    ``carewatch serve`` announced in this data directory, else the default."""
    explicit = explicit_base_url(environ) or environ.get("CAREWATCH_SERVED_URL", "").strip().rstrip("/")
    if explicit:
        return explicit
    try:
        recorded = (data_dir / SERVED_FILE).read_text(encoding="utf-8").strip().rstrip("/")
    except OSError:
        recorded = ""
    return recorded if recorded.startswith(("http://", "https://")) else DEFAULT_URL
