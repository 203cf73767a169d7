"""The TikTok push source: /hooks/tiktok/ for TikTok API for Business webhooks."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse

from carewatch.inbox.normalised import ParseResult
from carewatch.lib.secrets import SecretError, reveal
from carewatch.sources.base import PushSource
from carewatch.sources.lookup import StoredMessages
from carewatch.sources.models import InboundEvent
from carewatch.sources.tiktok.client import TikTokClient
from carewatch.sources.tiktok.parse import parse_payload
from carewatch.sources.tiktok.verify import SIGNATURE_HEADER, SIGNED_WITH, signature_valid
from carewatch.tenancy.models import Channel


class TikTokSource(PushSource):
    name = "tiktok"
    platforms = ("tiktok",)
    # One event per delivery; a comment is at most 150 characters and a DM a few thousand, and
    # the content is JSON escaped twice (up to ~7 bytes a character): 128 KiB is ample headroom
    # while refusing anything far outside what TikTok sends.
    max_body_bytes = 128 * 1024
    outbound = TikTokClient()

    def handshake(self, request: HttpRequest, channels: list[Channel]) -> HttpResponse:
        # TikTok documents no GET verification for Business webhooks. A plain 200 lets a
        # registration or uptime probe see the endpoint is live; it reveals nothing and
        # involves no secret (every POST is still signature-checked).
        return HttpResponse("ok", content_type="text/plain")

    def account_ids(self, payload: Any) -> list[str]:
        account = payload.get("user_openid")
        return [str(account)] if account not in (None, "") else []

    def verify(self, raw: bytes, headers: Mapping[str, str], channel: Channel) -> bool:
        stored = channel.secrets.get(SIGNED_WITH)
        if not stored:
            raise SecretError(f"channel {channel.pk} has no {SIGNED_WITH}")
        return signature_valid(raw, headers.get(SIGNATURE_HEADER.lower()), reveal(stored), now=time.time())

    def parse(self, event: InboundEvent, stored: StoredMessages) -> ParseResult:
        return parse_payload(event)
