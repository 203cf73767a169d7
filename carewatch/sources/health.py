"""Channel health: last event, last good poll, last error, token expiry, rejections, silence.

A channel is *silent* when nothing has arrived for much longer than its usual gap between
messages (the median of its recent gaps), so a quietly broken subscription is noticed before
a client asks where their comments went.
"""

from __future__ import annotations

import itertools
import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from carewatch.inbox.models import Direction, Mention
from carewatch.sources.models import ChannelState
from carewatch.tenancy.models import Channel

SILENCE_FACTOR = 4
MIN_SILENCE = timedelta(hours=6)
TOKEN_WARNING = timedelta(days=7)


@dataclass
class ChannelHealth:
    channel: Channel
    last_event_at: datetime | None
    last_poll_ok_at: datetime | None
    last_error: str
    last_error_at: datetime | None
    token_expires_at: datetime | None
    events_received: int
    events_rejected: int
    reactions_counted: int
    usual_gap: timedelta | None
    silent: bool
    token_expiring: bool
    backoff_until: datetime | None

    @property
    def usual_gap_text(self) -> str:
        """The usual gap in words: "every 4 min", "every 2 h", "every 3 days"."""
        if self.usual_gap is None:
            return "—"
        seconds = self.usual_gap.total_seconds()
        if seconds < 90:
            return f"every {max(1, round(seconds))} s"
        if seconds < 3600:
            return f"every {round(seconds / 60)} min"
        if seconds < 36 * 3600:
            return f"every {round(seconds / 3600)} h"
        return f"every {round(seconds / 86400)} days"

    @property
    def status(self) -> str:
        if self.token_expires_at is not None and self.token_expires_at <= timezone.now():
            return "token expired"
        if self.last_error_at and (self.last_poll_ok_at is None or self.last_error_at > self.last_poll_ok_at):
            return "failing"
        if self.silent:
            return "silent"
        if self.token_expiring:
            return "token expiring"
        return "ok"


def usual_gap(channel: Channel, sample: int = 50) -> timedelta | None:
    """The median gap between the channel's recent inbound messages."""
    times = list(
        Mention.objects.filter(channel=channel, direction=Direction.INBOUND)
        .order_by("-created_at").values_list("created_at", flat=True)[:sample]
    )
    if len(times) < 5:
        return None
    gaps = [(a - b).total_seconds() for a, b in itertools.pairwise(times)]
    return timedelta(seconds=statistics.median(gaps))


def health_of(channel: Channel, state: ChannelState | None = None, now: datetime | None = None) -> ChannelHealth:
    now = now or timezone.now()
    if state is None:
        state = ChannelState.objects.filter(channel=channel).first()
    last_event = state.last_event_at if state else None
    last_mention = (
        Mention.objects.filter(channel=channel, direction=Direction.INBOUND)
        .order_by("-created_at").values_list("created_at", flat=True).first()
    )
    if last_mention and (last_event is None or last_mention > last_event):
        last_event = last_mention
    gap = usual_gap(channel)
    silent = bool(
        gap is not None and last_event is not None and now - last_event > max(MIN_SILENCE, gap * SILENCE_FACTOR)
    )
    expires = state.token_expires_at if state else None
    return ChannelHealth(
        channel=channel,
        last_event_at=last_event,
        last_poll_ok_at=state.last_poll_ok_at if state else None,
        last_error=state.last_error if state else "",
        last_error_at=state.last_error_at if state else None,
        token_expires_at=expires,
        events_received=state.events_received if state else 0,
        events_rejected=state.events_rejected if state else 0,
        reactions_counted=state.reactions_counted if state else 0,
        usual_gap=gap,
        silent=silent,
        token_expiring=bool(expires and now < expires <= now + TOKEN_WARNING),
        backoff_until=state.backoff_until if state else None,
    )


def all_health(channels: list[Channel]) -> list[ChannelHealth]:
    states = {s.channel_id: s for s in ChannelState.objects.filter(channel__in=channels)}
    return [health_of(c, states.get(c.pk)) for c in channels]


def summary() -> dict[str, object]:
    """For /healthz: counts only (no client names, no handles)."""
    channels = list(Channel.objects.filter(is_active=True))
    health = all_health(channels)
    by_status: dict[str, int] = {}
    for item in health:
        by_status[item.status] = by_status.get(item.status, 0) + 1
    return {
        "total": len(channels),
        "by_status": by_status,
        "rejected_events": sum(h.events_rejected for h in health),
        "problems": [
            {"channel_id": h.channel.pk, "platform": h.channel.platform, "status": h.status}
            for h in health if h.status != "ok"
        ][:50],
    }
