"""Replay PRAW's recorded HTTP sessions (betamax JSON) in respx."""

from __future__ import annotations

from typing import Any

import httpx

from carewatch.sources.testing import fixture_json

KEPT_HEADERS = ("content-type", "x-ratelimit-remaining", "x-ratelimit-reset", "x-ratelimit-used")


def interaction(cassette: str, uri_part: str) -> dict[str, Any]:
    """The first recorded interaction of ``reddit/<cassette>`` whose request URI contains ``uri_part``."""
    for item in fixture_json(f"reddit/{cassette}")["interactions"]:
        if uri_part in item["request"]["uri"]:
            return item  # type: ignore[no-any-return]
    raise LookupError(f"{cassette} has no request to {uri_part}")


def body_of(part: dict[str, Any]) -> bytes:
    """A recorded body: betamax keeps it as ``{"string": ...}`` or (older cassettes) a plain string."""
    body = part.get("body")
    text = body.get("string") if isinstance(body, dict) else body
    return (text if isinstance(text, str) else "").encode()


def recorded(cassette: str, uri_part: str) -> httpx.Response:
    """The recorded response, with its body and rate-limit headers."""
    response = interaction(cassette, uri_part)["response"]
    headers = {k: v[0] for k, v in response["headers"].items() if k.lower() in KEPT_HEADERS}
    return httpx.Response(response["status"]["code"], headers=headers, content=body_of(response))
