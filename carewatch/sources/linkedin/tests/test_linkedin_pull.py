"""LinkedIn's pull fallback through the polling framework (poll_channel), with respx.

API pages are SCHEMA-DERIVED: ``{"elements": [<the push notification fields>], "paging": {...}}``
(Rest.li collection shape; LinkedIn documents the same notification fields for pull and push).
The ``timeRange`` parameter comes from public integrations, not from our reference.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import respx
import time_machine

from carewatch.inbox.models import Case, Mention
from carewatch.lib.secrets import seal
from carewatch.sources.linkedin import source as linkedin_source
from carewatch.sources.linkedin.source import LinkedInPullSource, LinkedInSource
from carewatch.sources.lookup import nothing_stored
from carewatch.sources.models import ChannelState, EventState, InboundEvent
from carewatch.sources.polling import poll_channel
from carewatch.tenancy.models import Channel, Client

API = "https://api.linkedin.com/rest/organizationalEntityNotifications"
ORG = "urn:li:organization:2414183"
TOKEN = "AQV-linkedin-token"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
T0_MS = int(T0.timestamp() * 1000)
WEEK_MS = 7 * 86_400_000
PATH = ("/rest/organizationalEntityNotifications?q=criteria&organizationalEntity=urn%3Ali%3Aorganization%3A2414183"
        "&actions=List(COMMENT,SHARE_MENTION,ADMIN_COMMENT,COMMENT_EDIT,COMMENT_DELETE)")


@pytest.fixture
def page(transactional_db: Any) -> Channel:
    client = Client.objects.create(slug="northwind", name="Northwind")
    return Channel.objects.create(client=client, platform="linkedin", handle="Northwind Pharma", external_id=ORG,
                                  secrets={"access_token": seal(TOKEN), "client_secret": seal("s")},
                                  settings={"pull": True, "linkedin_version": "202601"})


def element(n: int, at: int, text: str | None = None, action: str = "COMMENT") -> dict[str, Any]:
    comment = f"urn:li:comment:(urn:li:activity:7096760097833439232,71029865620192{n:05d})"
    item: dict[str, Any] = {"notificationId": 9000 + n, "organizationalEntity": ORG, "action": action,
                            "sourcePost": "urn:li:share:7096760097833439232", "generatedActivity": comment,
                            "lastModifiedAt": at}
    item["decoratedGeneratedActivity"] = {"comment": {"owner": f"urn:li:person:p{n}", "entity": comment,
                                                      "text": text or f"comment {n}"}}
    return item


def api_page(*items: dict[str, Any], start: int = 0, more: bool = False) -> httpx.Response:
    paging: dict[str, Any] = {"start": start, "count": 50, "links": []}
    if more:
        paging["links"] = [{"rel": "next", "type": "application/json", "href": "/rest/organizationalEntityNotifications?start=50"}]
    return httpx.Response(200, json={"elements": list(items), "paging": paging})


def path(since: int, until: int, start: int = 0) -> bytes:
    return f"{PATH}&timeRange=(start:{since},end:{until})&start={start}&count=50".encode()


@respx.mock
def test_a_poll_sends_the_documented_request_stores_the_page_and_advances_the_cursor(page: Channel) -> None:
    route = respx.get(url__startswith=API).mock(return_value=api_page(
        element(1, T0_MS - 60_000), element(2, T0_MS - 30_000)))
    with time_machine.travel(T0, tick=False):
        assert poll_channel(page) == 1
    request = route.calls.last.request
    assert request.url.raw_path == path(T0_MS - WEEK_MS, T0_MS)
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.headers["LinkedIn-Version"] == "202601"
    assert request.headers["X-Restli-Protocol-Version"] == "2.0.0"
    event = InboundEvent.objects.get()
    assert event.source == "linkedin_pull" and event.state == EventState.PROCESSED and event.signature_ok is None
    assert Mention.objects.count() == 2 and Case.objects.count() == 2
    state = ChannelState.objects.get(channel=page)
    assert state.poll_cursor == {"since": T0_MS - 30_000, "edge": ["n:9002"]}
    assert state.last_poll_ok_at is not None and state.backoff_until is None


@respx.mock
def test_a_second_poll_with_the_same_page_adds_nothing_and_new_ones_move_on(page: Channel) -> None:
    first = api_page(element(1, T0_MS - 60_000), element(2, T0_MS - 30_000))
    route = respx.get(url__startswith=API).mock(return_value=first)
    with time_machine.travel(T0, tick=False):
        poll_channel(page)
    # LinkedIn answers the next window (which starts at the newest we saw) with that notification again.
    route.mock(return_value=api_page(element(2, T0_MS - 30_000)))
    with time_machine.travel(T0 + timedelta(minutes=6), tick=False):
        assert poll_channel(page) == 0
    assert route.calls.last.request.url.raw_path == path(T0_MS - 30_000, T0_MS + 360_000)
    assert InboundEvent.objects.count() == 1 and Mention.objects.count() == 2
    # The very same page again (e.g. LinkedIn ignoring the window): stored once, nothing new.
    route.mock(return_value=first)
    with time_machine.travel(T0 + timedelta(minutes=12), tick=False):
        assert poll_channel(page) == 0
    assert InboundEvent.objects.count() == 1
    # A newer notification, plus one stamped the same millisecond as the last seen: both kept.
    route.mock(return_value=api_page(element(2, T0_MS - 30_000), element(3, T0_MS - 30_000),
                                     element(4, T0_MS + 600_000)))
    with time_machine.travel(T0 + timedelta(minutes=18), tick=False):
        assert poll_channel(page) == 1
    assert Mention.objects.count() == 4
    assert ChannelState.objects.get(channel=page).poll_cursor == {"since": T0_MS + 600_000, "edge": ["n:9004"]}


@respx.mock
def test_pages_are_followed_and_a_window_too_long_for_one_poll_resumes_where_it_stopped(
        page: Channel, monkeypatch: Any) -> None:
    monkeypatch.setattr(linkedin_source, "MAX_PAGES", 2)
    pages = [api_page(element(n, T0_MS - 100_000 + n), start=n - 1, more=n < 3) for n in (1, 2, 3)]
    route = respx.get(url__startswith=API).mock(side_effect=pages)
    with time_machine.travel(T0, tick=False):
        assert poll_channel(page) == 2
    cursor = ChannelState.objects.get(channel=page).poll_cursor
    assert (cursor["since"], cursor["until"], cursor["start"]) == (T0_MS - WEEK_MS, T0_MS, 2)
    with time_machine.travel(T0 + timedelta(minutes=6), tick=False):
        assert poll_channel(page) == 1
    starts = [c.request.url.params["start"] for c in route.calls]
    assert starts == ["0", "1", "2"]
    assert route.calls.last.request.url.raw_path == path(T0_MS - WEEK_MS, T0_MS, start=2)  # the same window
    assert Mention.objects.count() == 3
    assert ChannelState.objects.get(channel=page).poll_cursor == {"since": T0_MS - 100_000 + 3, "edge": ["n:9003"]}


@respx.mock
def test_a_429_backs_off_for_as_long_as_linkedin_asks_and_keeps_the_place(page: Channel) -> None:
    respx.get(url__startswith=API).mock(side_effect=[
        api_page(element(1, T0_MS - 1000), more=True),
        httpx.Response(429, headers={"Retry-After": "900"}, json={"status": 429, "message": "throttled"})])
    with time_machine.travel(T0, tick=False):
        assert poll_channel(page) == 1
        state = ChannelState.objects.get(channel=page)
        assert state.backoff_until == T0 + timedelta(seconds=900)
        assert state.poll_cursor["start"] == 1 and state.poll_cursor["until"] == T0_MS
    with time_machine.travel(T0 + timedelta(minutes=10), tick=False):
        assert poll_channel(page) is None  # still backing off: not polled, no request
    assert Mention.objects.count() == 1


@respx.mock
def test_a_429_without_retry_after_waits_an_hour(page: Channel) -> None:
    respx.get(url__startswith=API).mock(return_value=httpx.Response(429))
    with time_machine.travel(T0, tick=False):
        assert poll_channel(page) == 0
        assert ChannelState.objects.get(channel=page).backoff_until == T0 + timedelta(hours=1)


@pytest.mark.parametrize("response,words", [
    (httpx.Response(401, json={"status": 401, "serviceErrorCode": 65601, "message": "The token used in the request has expired"}),
     "token expired"),
    (httpx.Response(403, json={"status": 403, "message": "Not enough permissions"}), "r_organization_social"),
    (httpx.Response(503), "LinkedIn answered 503"),
    (httpx.Response(200, json={"unexpected": True}), "without a notification list"),
])
@respx.mock
def test_failures_are_recorded_in_plain_words_and_back_off(page: Channel, response: httpx.Response, words: str) -> None:
    respx.get(url__startswith=API).mock(return_value=response)
    with time_machine.travel(T0, tick=False):
        assert poll_channel(page) == 0
    state = ChannelState.objects.get(channel=page)
    assert words in state.last_error and state.consecutive_failures == 1
    assert state.backoff_until == T0 + timedelta(minutes=1) and state.poll_cursor == {}
    assert not InboundEvent.objects.exists()


@respx.mock
def test_a_timeout_is_a_plain_failure(page: Channel) -> None:
    respx.get(url__startswith=API).mock(side_effect=httpx.ConnectTimeout("slow"))
    poll_channel(page)
    assert "no answer from LinkedIn (ConnectTimeout)" in ChannelState.objects.get(channel=page).last_error


def test_only_channels_asking_for_pull_are_polled(page: Channel) -> None:
    Channel.objects.filter(pk=page.pk).update(settings={})
    page.refresh_from_db()
    with respx.mock(assert_all_called=False) as router:
        assert poll_channel(page) is None
        assert not router.calls
    assert LinkedInPullSource().wants(page) is False


def test_a_pulled_page_gives_the_same_changes_as_the_pushed_notification(page: Channel) -> None:
    item = element(1, T0_MS)
    pushed = InboundEvent(source="linkedin", channel=page, raw_body=json.dumps(
        {"type": "ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS", "notifications": [item]}).encode())
    pulled = InboundEvent(source="linkedin_pull", channel=page, raw_body=json.dumps(
        {"elements": [item], "paging": {"start": 0, "count": 50}}).encode())
    assert LinkedInSource().parse(pushed, nothing_stored).changes == LinkedInPullSource().parse(pulled, nothing_stored).changes
