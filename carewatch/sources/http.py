"""The HTTP client a channel's calls go through: the real platform, or — for a channel whose
settings say ``sandbox: true`` (the demo's) — the built-in platform sandbox
(``carewatch.sources.sandbox``, made of each platform package's ``sandbox.py``), which answers
locally in each platform's own request and response shapes. Nothing else changes: the same
clients, parsers and outbox run either way."""

from __future__ import annotations

from typing import Any

import httpx

from carewatch.tenancy.models import Channel


def is_sandbox(channel: Channel) -> bool:
    return bool(isinstance(channel.settings, dict) and channel.settings.get("sandbox") is True)


def http_for(channel: Channel, **kwargs: Any) -> httpx.Client:
    """An ``httpx.Client`` for this channel's calls (``kwargs`` as for httpx.Client)."""
    if is_sandbox(channel):
        from carewatch.sources.sandbox import transport

        kwargs["transport"] = transport(channel)
    return httpx.Client(**kwargs)
