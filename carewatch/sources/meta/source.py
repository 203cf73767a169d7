"""The Meta push source: /hooks/meta/ for Facebook Pages and Instagram."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse

from carewatch.inbox.normalised import ParseResult
from carewatch.lib.secrets import SecretError, reveal
from carewatch.sources.base import PushSource
from carewatch.sources.lookup import StoredMessages
from carewatch.sources.meta.client import MetaClient
from carewatch.sources.meta.parse import parse_payload
from carewatch.sources.meta.verify import SIGNATURE_HEADER, SIGNED_WITH, challenge_response, signature_valid
from carewatch.sources.models import InboundEvent
from carewatch.tenancy.models import Channel


class MetaSource(PushSource):
    name = "meta"
    platforms = ("facebook", "instagram")
    max_body_bytes = 3 * 1024 * 1024  # up to 1000 updates per delivery
    outbound = MetaClient()

    def handshake(self, request: HttpRequest, channels: list[Channel]) -> HttpResponse:
        tokens = []
        for channel in channels:
            stored = channel.secrets.get("verify_token")
            if stored:
                try:
                    tokens.append(reveal(stored))
                except SecretError:
                    continue
        body = challenge_response({k: str(v) for k, v in request.GET.items()}, tokens)
        if body is None:
            return HttpResponse("verification failed", status=403, content_type="text/plain")
        return HttpResponse(body, content_type="text/plain")

    def account_ids(self, payload: Any) -> list[str]:
        entries = payload.get("entry") or []
        return [str(e.get("id")) for e in entries if isinstance(e, dict) and e.get("id") is not None]

    def verify(self, raw: bytes, headers: Mapping[str, str], channel: Channel) -> bool:
        stored = channel.secrets.get(SIGNED_WITH)
        if not stored:
            raise SecretError(f"channel {channel.pk} has no {SIGNED_WITH}")
        return signature_valid(raw, headers.get(SIGNATURE_HEADER.lower()), reveal(stored))

    def parse(self, event: InboundEvent, stored: StoredMessages) -> ParseResult:
        return parse_payload(event)
