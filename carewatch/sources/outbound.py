"""What a platform's outbound client does, and how an HTTP outcome becomes an outbox status.

A client sends one outbox action and says ``sent`` (with the platform's id), ``failed`` (with
the platform's error in plain words: expired token, missing permission, window closed, rate
limited) or ``unknown`` (timeout, 5xx: it may have been delivered). For ``unknown`` it can
look for what it sent (``find_sent``: a re-list of the thread) so the outbox reconciles instead
of sending twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

import httpx

from carewatch.sources.ratelimit import Limit

if TYPE_CHECKING:
    from carewatch.tenancy.models import Channel

TIMEOUT = httpx.Timeout(10.0, connect=5.0)


class OutboundRequest(Protocol):
    """What a platform client reads of the outbox row it sends (``replies.models.OutboundAction``,
    which lives above sources): clients take this, never the model."""

    @property
    def pk(self) -> Any: ...

    @property
    def channel(self) -> Channel: ...

    @property
    def verb(self) -> str: ...  # reply, hide, unhide, private_reply, dm, ...

    @property
    def target_external_id(self) -> str: ...  # the comment, post or conversation answered

    @property
    def body(self) -> str: ...

    @property
    def idempotency_key(self) -> str: ...

    @property
    def options(self) -> Any: ...  # e.g. {"human_agent": true}

    @property
    def created_at(self) -> datetime: ...


@dataclass
class SendOutcome:
    status: str  # "sent" | "failed" | "unknown"
    external_id: str = ""
    error: str = ""
    error_code: str = ""
    retry_after_seconds: float | None = None


def sent(external_id: str) -> SendOutcome:
    return SendOutcome("sent", external_id=str(external_id))


def failed(error: str, code: str = "", retry_after: float | None = None) -> SendOutcome:
    return SendOutcome("failed", error=error[:300], error_code=code[:40], retry_after_seconds=retry_after)


def unknown(error: str) -> SendOutcome:
    return SendOutcome("unknown", error=error[:300])


class OutboundClient:
    """Base class of each platform's client.py."""

    #: verbs this platform allows
    verbs: tuple[str, ...] = ()

    def limit_for(self, action: OutboundRequest) -> tuple[str, Limit] | None:
        """The rate-limit key (per token) and limit for this action, or None."""
        return None

    def refuse(self, action: OutboundRequest, channel: Channel, now: datetime) -> str | None:
        """A policy reason not to send at all (e.g. the messaging window closed), or None."""
        return None

    def send(self, action: OutboundRequest, channel: Channel, http: httpx.Client) -> SendOutcome:
        raise NotImplementedError

    def find_sent(self, action: OutboundRequest, channel: Channel, http: httpx.Client) -> str | None:
        """After an unknown outcome: the platform id of what we sent, if it was delivered."""
        return None


def transport_outcome(exc: Exception) -> SendOutcome:
    """Timeouts and broken connections: the platform may or may not have acted."""
    return unknown(f"no answer from the platform ({exc.__class__.__name__}); checking before any retry")


def json_or_empty(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return {}
