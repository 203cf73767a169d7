"""What each platform package's ``sandbox.py`` is built from: the platform's side, played locally.

A platform's sandbox answers the platform's API as the desk calls it (``answer``: the
platform's own response shapes, for channels marked ``sandbox: true``) and, for push platforms,
builds the webhook deliveries the platform would send (``delivery``: the platform's payload
shape, signed with that package's ``verify.signed_headers``), which ``carewatch simulate`` posts.
``carewatch.sources.sandbox`` puts the platforms' sandboxes together.
"""

from __future__ import annotations

import itertools
import json
import random
import secrets
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

_COUNTER = itertools.count(1)


def new_id() -> str:
    """A fresh numeric id, as platforms give new objects."""
    return f"{next(_COUNTER)}{secrets.randbelow(10**9):09d}"


def json_response(data: Any, status: int = 200, **headers: str) -> httpx.Response:
    return httpx.Response(status, content=json.dumps(data).encode(),
                          headers={"content-type": "application/json", **headers})


@dataclass
class Delivery:
    """One webhook delivery as the platform sends it: where, the exact bytes, signed headers."""

    path: str
    body: bytes
    headers: dict[str, str]
    mention_ids: list[str]  # the new customer messages this delivery carries (for loss checks)


class Simulation(Protocol):
    """What a platform's ``delivery`` draws from (``carewatch.sources.simulate.Generator``)."""

    random: random.Random

    def text(self) -> str: ...

    def person(self) -> tuple[str, str]: ...

    def uid(self) -> str: ...


def token_response(request: httpx.Request, channel: Any) -> httpx.Response:
    """An OAuth token refresh, answered with a fresh sandbox token."""
    return json_response({"access_token": f"sandbox-{secrets.token_hex(8)}", "token_type": "bearer",
                          "expires_in": 3600, "scope": "sandbox"})
