from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.db import transaction

from carewatch.inbox.models import Mention
from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange, ParseResult
from carewatch.sources import registry
from carewatch.sources.base import PollResult, PullSource
from carewatch.sources.lookup import StoredMessages
from carewatch.sources.models import ChannelState, InboundEvent
from carewatch.sources.polling import PollError, poll_channel
from carewatch.sources.ratelimit import Limit, acquire
from carewatch.tenancy.models import Channel, Client
from tests.conftest import need


@pytest.mark.parametrize("engine", ["database", "redis"])
def test_a_window_allows_its_calls_then_says_how_long_to_wait(db: Any, engine: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if engine == "redis":
        import redis

        url = settings.REDIS_URL or "redis://127.0.0.1:6379/15"
        try:
            redis.Redis.from_url(url, socket_connect_timeout=1).ping()
            reachable = True
        except redis.RedisError:
            reachable = False
        need(reachable, f"no Redis server at {url}")
        monkeypatch.setattr(settings, "REDIS_URL", url)
        from carewatch.sources import ratelimit

        ratelimit._redis.cache_clear()
    else:
        monkeypatch.setattr(settings, "REDIS_URL", "")
    limit = Limit(3, 60)
    key = f"t-{engine}-{uuid.uuid4().hex}"  # concurrent test runs share the Redis server
    assert [acquire(key, limit, now=930.0) for _ in range(3)] == [0.0, 0.0, 0.0]
    assert acquire(key, limit, now=930.0) == pytest.approx(30.0)
    assert acquire(key, limit, now=961.0) == 0.0, "a new window starts afresh"
    assert acquire(key + "-other", limit, now=930.0) == 0.0, "limits are per key (per token)"


class FakeSource(PullSource):
    """A pull source whose 'API' is a list of pages held in memory."""

    name = "fake"
    platforms = ("reddit",)
    poll_interval_seconds = 60

    def __init__(self) -> None:
        self.pages: list[list[str]] = []
        self.fail: Exception | None = None
        self.retry_after: float | None = None
        self.calls = 0

    def poll(self, channel: Channel, state: ChannelState) -> PollResult:
        self.calls += 1
        if self.fail is not None:
            raise self.fail
        seen = int(state.poll_cursor.get("page", 0))
        bodies = [json.dumps(page).encode() for page in self.pages[seen:]]
        return PollResult(bodies=bodies, cursor={"page": len(self.pages)}, quota_units=len(bodies) or 1,
                          retry_after_seconds=self.retry_after)

    def parse(self, event: InboundEvent, stored: StoredMessages) -> ParseResult:
        return ParseResult(changes=[
            MentionChange(change=ChangeKind.UPSERT, channel_id=event.channel_id or 0, platform="reddit",
                          external_id=item, text=f"text of {item}", author=AuthorRef("u1", "someone"),
                          thread_key="t3_x")
            for item in json.loads(bytes(event.raw_body))
        ])


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeSource:
    source = FakeSource()
    monkeypatch.setitem(registry.SOURCES, "fake", source)
    return source


@pytest.fixture
def subreddit(transactional_db: Any) -> Channel:
    client = Client.objects.create(slug="northwind", name="Northwind")
    return Channel.objects.create(client=client, platform="reddit", handle="NorthwindRx", external_id="t5_1")


def test_a_poll_stores_new_pages_keeps_the_cursor_and_never_repeats(fake: FakeSource, subreddit: Channel) -> None:
    fake.pages = [["t1_a", "t1_b"], ["t1_c"]]
    with time_machine.travel(datetime(2026, 11, 20, 12, 0, tzinfo=UTC), tick=False):
        assert poll_channel(subreddit, fake) == 2
        assert poll_channel(subreddit, fake) is None, "not due again within its interval"
    fake.pages.append(["t1_c", "t1_d"])  # an overlapping page
    with time_machine.travel(datetime(2026, 11, 20, 12, 2, tzinfo=UTC), tick=False):
        assert poll_channel(subreddit, fake) == 1
    assert sorted(Mention.objects.values_list("external_id", flat=True)) == ["t1_a", "t1_b", "t1_c", "t1_d"]
    state = ChannelState.objects.get(channel=subreddit)
    assert state.poll_cursor == {"page": 3} and state.last_poll_ok_at is not None
    assert sum(state.quota_used.values()) == 3


def test_a_failing_poll_backs_off_exponentially_and_says_why(fake: FakeSource, subreddit: Channel) -> None:
    fake.fail = PollError("the access token has expired")
    start = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        assert poll_channel(subreddit, fake) == 0
    state = ChannelState.objects.get(channel=subreddit)
    assert state.last_error == "the access token has expired" and state.consecutive_failures == 1
    assert state.backoff_until == start + timedelta(minutes=1)
    with time_machine.travel(start + timedelta(minutes=2), tick=False):
        poll_channel(subreddit, fake)
    state.refresh_from_db()
    assert state.backoff_until == start + timedelta(minutes=2) + timedelta(minutes=2)
    with time_machine.travel(start + timedelta(minutes=3), tick=False):
        assert poll_channel(subreddit, fake) is None, "still backing off"
    assert fake.calls == 2


def test_the_platforms_own_slow_down_is_obeyed(fake: FakeSource, subreddit: Channel) -> None:
    fake.pages = [["t1_a"]]
    fake.retry_after = 600
    start = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        poll_channel(subreddit, fake)
    with time_machine.travel(start + timedelta(minutes=5), tick=False):
        assert poll_channel(subreddit, fake) is None
    with time_machine.travel(start + timedelta(minutes=11), tick=False):
        assert poll_channel(subreddit, fake) == 0


def test_an_unexpected_crash_is_recorded_and_stores_nothing(fake: FakeSource, subreddit: Channel) -> None:
    fake.fail = KeyError("boom")
    assert poll_channel(subreddit, fake) == 0
    assert "unexpected error (KeyError)" in ChannelState.objects.get(channel=subreddit).last_error
    assert not InboundEvent.objects.exists()


def test_only_one_worker_takes_a_due_poll(fake: FakeSource, subreddit: Channel) -> None:
    from carewatch.sources.polling import _claim

    with transaction.atomic():
        assert _claim(subreddit, fake) is not None
        assert _claim(subreddit, fake) is None


def test_a_poll_error_with_the_platforms_retry_after_backs_off_at_least_that_long(fake: FakeSource, subreddit: Channel) -> None:
    fake.fail = PollError("rate limited by the platform", retry_after_seconds=1800)
    start = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        poll_channel(subreddit, fake)
    state = ChannelState.objects.get(channel=subreddit)
    assert state.backoff_until == start + timedelta(seconds=1800)
    assert state.last_error == "rate limited by the platform"
