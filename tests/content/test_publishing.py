"""Publishing through the content outbox with the platforms' real calls (respx, recorded responses
in fixtures/): success, failure, unknown (timeout) and its reconciliation — never a second post —
then the post's comments arrive on the linked case."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest
import respx
import time_machine
from django.db import transaction

from carewatch.content import actions
from carewatch.content.models import Post, PostComment, PostLink, PostStatus, Publication, PublishStatus
from carewatch.content.publishing import publish_due, publish_now, reconcile, sweep
from carewatch.content.queries import comments_in_first_hours, per_post_metrics, post_for_thread
from carewatch.inbox.models import Case
from carewatch.replies.models import TrackedLink
from carewatch.tenancy.models import Client, User
from tests.conftest import MentionFactory
from tests.content.conftest import LI_TOKEN, PAGE_TOKEN, TT_TOKEN, X_TEXT, X_TOKEN, approve_all, draft

FIXTURES = Path(__file__).parent / "fixtures"
GRAPH = "https://graph.facebook.com/v25.0"
X_API = "https://api.x.com/2"
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
DUE = datetime(2026, 12, 20, 15, 0, tzinfo=UTC)  # 10:00 in New York


def recorded(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text())


@pytest.fixture
def clock() -> Any:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def scheduled(author: User, client: Client, reviewers: list[User], **kwargs: Any) -> Post:
    post = draft(author, client, **kwargs)
    post = actions.do_submit(author, post)
    return actions.do_schedule(author, approve_all(post, reviewers))


def due_publications(clock: Any) -> list[Publication]:
    clock.move_to(DUE)
    assert publish_due() > 0
    return list(Publication.objects.order_by("platform"))


def test_nothing_is_published_before_its_time(content_client: Client, alice: User, mona: User, lee: User,
                                              rita: User, clock: Any) -> None:
    scheduled(alice, content_client, [mona, lee, rita])
    clock.move_to(DUE - timedelta(minutes=1))
    assert publish_due() == 0 and not Publication.objects.exists()


def test_a_due_post_is_published_on_facebook_and_x_with_the_documented_calls(
        content_client: Client, alice: User, mona: User, lee: User, rita: User, clock: Any) -> None:
    post = scheduled(alice, content_client, [mona, lee, rita])
    facebook, x = due_publications(clock)
    assert (facebook.platform, x.platform) == ("facebook", "x")
    with respx.mock(assert_all_called=True) as api:
        feed = api.post(f"{GRAPH}/1234567890/feed").mock(
            return_value=httpx.Response(200, json=recorded("facebook-feed-create.json")))
        tweet = api.post(f"{X_API}/tweets").mock(return_value=httpx.Response(201, json=recorded("x-create-post.json")))
        publish_now(facebook.pk)
        publish_now(x.pk)
    form = parse_qs(feed.calls.last.request.content.decode())
    assert feed.calls.last.request.headers["Authorization"] == f"Bearer {PAGE_TOKEN}"
    link = TrackedLink.objects.get()
    assert form["message"][0].endswith(f"/l/{link.code}")  # the link is tracked
    assert link.template_key == f"post-{post.pk}" and link.reply is None
    assert PostLink.objects.get().publication_id == facebook.pk
    assert json.loads(tweet.calls.last.request.content) == {"text": X_TEXT}
    assert tweet.calls.last.request.headers["Authorization"] == f"Bearer {X_TOKEN}"
    facebook.refresh_from_db()
    x.refresh_from_db()
    assert (facebook.status, facebook.external_id) == ("sent", "1234567890_987654321012345")
    assert (x.status, x.url) == ("sent", "https://x.com/northwind_rx/status/1445880548472328192")
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED and post.first_published_at == DUE


def test_a_refusal_fails_the_publication_and_the_post_with_the_reason_in_plain_words(
        content_client: Client, alice: User, mona: User, lee: User, rita: User, clock: Any) -> None:
    post = scheduled(alice, content_client, [mona, lee, rita], platforms=("facebook",))
    (pub,) = due_publications(clock)
    with respx.mock() as api:
        api.post(f"{GRAPH}/1234567890/feed").mock(
            return_value=httpx.Response(400, json=recorded("facebook-error-token.json")))
        publish_now(pub.pk)
    pub.refresh_from_db()
    assert pub.status == PublishStatus.FAILED and pub.error_code == "token"
    assert "access token has expired" in pub.error
    post.refresh_from_db()
    assert post.status == PostStatus.FAILED


def test_an_x_duplicate_is_a_failure(content_client: Client, alice: User, mona: User, lee: User, rita: User,
                                     clock: Any) -> None:
    scheduled(alice, content_client, [mona, lee, rita], platforms=("x",))
    (pub,) = due_publications(clock)
    with respx.mock() as api:
        api.post(f"{X_API}/tweets").mock(return_value=httpx.Response(403, json=recorded("x-error-duplicate.json")))
        publish_now(pub.pk)
    pub.refresh_from_db()
    assert (pub.status, pub.error_code) == ("failed", "duplicate")


def test_a_timeout_is_unknown_and_is_settled_by_finding_the_post_never_by_posting_again(
        content_client: Client, alice: User, mona: User, lee: User, rita: User, clock: Any) -> None:
    post = scheduled(alice, content_client, [mona, lee, rita], platforms=("x",))
    (pub,) = due_publications(clock)
    with respx.mock() as api:
        create = api.post(f"{X_API}/tweets").mock(side_effect=httpx.ReadTimeout("slow"))
        publish_now(pub.pk)
        pub.refresh_from_db()
        assert pub.status == PublishStatus.UNKNOWN
        post.refresh_from_db()
        assert post.status == PostStatus.SCHEDULED  # not published, not failed: being checked
        assert publish_now(pub.pk) is None  # an unknown row is never claimed again
        # Nothing on the account yet: it stays unknown.
        listing = api.get(f"{X_API}/users/555/tweets").mock(
            return_value=httpx.Response(200, json={"meta": {"result_count": 0}}))
        assert reconcile(pub) == "unknown"
        listing.mock(return_value=httpx.Response(200, json=recorded("x-user-posts.json")))
        clock.move_to(DUE + timedelta(minutes=3))
        sweep()
        assert create.call_count == 1
    pub.refresh_from_db()
    assert (pub.status, pub.external_id) == ("sent", "1445880548472328192")
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED


def test_a_5xx_from_meta_is_unknown(content_client: Client, alice: User, mona: User, lee: User, rita: User,
                                    clock: Any) -> None:
    scheduled(alice, content_client, [mona, lee, rita], platforms=("facebook",))
    (pub,) = due_publications(clock)
    with respx.mock() as api:
        api.post(f"{GRAPH}/1234567890/feed").mock(return_value=httpx.Response(503))
        publish_now(pub.pk)
    pub.refresh_from_db()
    assert pub.status == PublishStatus.UNKNOWN


def test_instagram_creates_a_container_then_publishes_it(content_client: Client, alice: User, mona: User,
                                                         lee: User, rita: User, clock: Any) -> None:
    media = [{"url": "https://cdn.northwind.example/wdd.jpg", "kind": "image", "alt": "A blue circle"}]
    scheduled(alice, content_client, [mona, lee, rita], platforms=("instagram",),
              texts={"instagram": "World Diabetes Day #WDD"}, media=media)
    (pub,) = due_publications(clock)
    with respx.mock(assert_all_called=True) as api:
        container = api.post(f"{GRAPH}/17841400000/media").mock(
            return_value=httpx.Response(200, json=recorded("instagram-media-container.json")))
        publish = api.post(f"{GRAPH}/17841400000/media_publish").mock(
            return_value=httpx.Response(200, json=recorded("instagram-media-publish.json")))
        api.get(f"{GRAPH}/17920238422030506").mock(
            return_value=httpx.Response(200, json=recorded("instagram-media-permalink.json")))
        publish_now(pub.pk)
    sent = parse_qs(container.calls.last.request.content.decode())
    assert sent == {"caption": ["World Diabetes Day #WDD"], "image_url": [media[0]["url"]]}
    assert parse_qs(publish.calls.last.request.content.decode()) == {"creation_id": ["17889455560051444"]}
    pub.refresh_from_db()
    assert (pub.status, pub.external_id, pub.container_id) == ("sent", "17920238422030506", "17889455560051444")
    assert pub.url == "https://www.instagram.com/p/C0aBcDeFgHi/"


def test_linkedin_posts_as_the_organisation(content_client: Client, alice: User, mona: User, lee: User,
                                            rita: User, clock: Any) -> None:
    scheduled(alice, content_client, [mona, lee, rita], platforms=("linkedin",),
              texts={"linkedin": "World Diabetes Day: talk to your doctor."})
    (pub,) = due_publications(clock)
    with respx.mock() as api:
        route = api.post("https://api.linkedin.com/rest/posts").mock(
            return_value=httpx.Response(201, headers={"x-restli-id": "urn:li:share:6844785523593134080"}))
        publish_now(pub.pk)
    request = route.calls.last.request
    body = json.loads(request.content)
    assert body["author"] == "urn:li:organization:2414183" and body["lifecycleState"] == "PUBLISHED"
    assert body["commentary"] == "World Diabetes Day: talk to your doctor."
    assert request.headers["LinkedIn-Version"] == "202601" and request.headers["X-Restli-Protocol-Version"] == "2.0.0"
    assert request.headers["Authorization"] == f"Bearer {LI_TOKEN}"
    pub.refresh_from_db()
    assert (pub.status, pub.external_id) == ("sent", "urn:li:share:6844785523593134080")


def test_tiktok_pulls_the_video_from_its_address_and_a_post_cap_fails(
        content_client: Client, alice: User, mona: User, lee: User, rita: User, clock: Any) -> None:
    media = [{"url": "https://cdn.northwind.example/wdd.mp4", "kind": "video"}]
    scheduled(alice, content_client, [mona, lee, rita], platforms=("tiktok",),
              texts={"tiktok": "World Diabetes Day"}, media=media)
    (pub,) = due_publications(clock)
    init = "https://open.tiktokapis.com/v2/post/publish/video/init/"
    with respx.mock() as api:
        route = api.post(init).mock(return_value=httpx.Response(200, json=recorded("tiktok-video-init.json")))
        publish_now(pub.pk)
    body = json.loads(route.calls.last.request.content)
    assert body["source_info"] == {"source": "PULL_FROM_URL", "video_url": media[0]["url"]}
    assert body["post_info"]["title"] == "World Diabetes Day"
    assert route.calls.last.request.headers["Authorization"] == f"Bearer {TT_TOKEN}"
    pub.refresh_from_db()
    assert (pub.status, pub.external_id) == ("sent", "v_pub_url~v2.123456789")

    again = Publication.objects.create(client=pub.client, post=pub.post, version=pub.version, channel=pub.channel,
                                       platform="tiktok", body="x", idempotency_key="k2", status="failed")
    Publication.objects.filter(pk=pub.pk).update(status="failed")
    Publication.objects.filter(pk=again.pk).update(status="pending")
    with respx.mock() as api:
        api.post(init).mock(return_value=httpx.Response(403, json=recorded("tiktok-error-spam.json")))
        publish_now(again.pk)
    again.refresh_from_db()
    assert (again.status, again.error_code) == ("failed", "rate_limited")


def test_a_post_whose_approvals_no_longer_cover_it_is_not_published(
        content_client: Client, alice: User, mona: User, lee: User, rita: User, clock: Any) -> None:
    post = scheduled(alice, content_client, [mona, lee, rita], platforms=("x",))
    # A row edited behind the actions' back (the approvals were on another hash).
    with transaction.atomic():
        post.refresh_from_db()
        assert post.current is not None
        post.current.approvals.update(content_hash="0" * 64)
    clock.move_to(DUE)
    assert publish_due() == 0
    post.refresh_from_db()
    assert post.status == PostStatus.IN_REVIEW and not Publication.objects.exists()


def test_the_first_comment_arrives_on_the_case_of_the_post_s_thread_with_the_post_s_context(
        content_client: Client, alice: User, mona: User, lee: User, rita: User, clock: Any,
        make_mention: MentionFactory) -> None:
    campaign = actions.do_save_campaign(alice, content_client, "wdd-2026", "World Diabetes Day 2026")
    post = scheduled(alice, content_client, [mona, lee, rita], platforms=("facebook",), campaign=campaign)
    (pub,) = due_publications(clock)
    with respx.mock() as api:
        api.post(f"{GRAPH}/1234567890/feed").mock(
            return_value=httpx.Response(200, json=recorded("facebook-feed-create.json")))
        publish_now(pub.pk)
    clock.move_to(DUE + timedelta(hours=2))
    comment = make_mention(content_client, "Does this apply to type 1 too?", thread="1234567890_987654321012345",
                           created=DUE + timedelta(hours=2), parent="1234567890_987654321012345")
    link = PostComment.objects.get(mention=comment)
    assert link.post_id == post.pk and link.case_id == comment.case_id
    assert link.hours_after == pytest.approx(2.0)
    case = Case.objects.get(pk=comment.case_id)
    assert {f"post-{post.pk}", "campaign-wdd-2026"} <= set(case.tags.values_list("name", flat=True))
    assert post_for_thread(case.channel_id, case.thread_key) == post
    assert [c.mention_id for c in comments_in_first_hours(post)] == [comment.pk]
    late = make_mention(content_client, "Thanks!", thread="1234567890_987654321012345",
                        created=DUE + timedelta(hours=30), parent="1234567890_987654321012345")
    assert PostComment.objects.get(mention=late).hours_after > 24
    assert len(comments_in_first_hours(post)) == 1
    metrics = per_post_metrics(content_client.pk)
    assert metrics[0]["comments"] == 2 and metrics[0]["post"] == post.pk


def test_a_failed_post_is_tried_again_only_on_the_channels_that_refused_it(
        content_client: Client, alice: User, mona: User, lee: User, rita: User, clock: Any) -> None:
    from carewatch.content.publishing import do_retry

    post = scheduled(alice, content_client, [mona, lee, rita])
    facebook, x = due_publications(clock)
    with respx.mock() as api:
        api.post(f"{GRAPH}/1234567890/feed").mock(
            return_value=httpx.Response(200, json=recorded("facebook-feed-create.json")))
        api.post(f"{X_API}/tweets").mock(return_value=httpx.Response(403, json=recorded("x-error-duplicate.json")))
        publish_now(facebook.pk)
        publish_now(x.pk)
    post.refresh_from_db()
    assert post.status == PostStatus.FAILED
    (again,) = do_retry(alice, post)
    assert again.platform == "x" and again.status == PublishStatus.PENDING
    with respx.mock() as api:
        api.post(f"{X_API}/tweets").mock(return_value=httpx.Response(201, json=recorded("x-create-post.json")))
        publish_now(again.pk)
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED


def test_a_person_settles_an_unknown_publication(content_client: Client, alice: User, mona: User, lee: User,
                                                 rita: User, victor: User, clock: Any) -> None:
    from django.core.exceptions import PermissionDenied

    from carewatch.content.publishing import do_resolve_unknown

    post = scheduled(alice, content_client, [mona, lee, rita], platforms=("linkedin",),
                     texts={"linkedin": "Hello"})
    (pub,) = due_publications(clock)
    with respx.mock() as api:
        api.post("https://api.linkedin.com/rest/posts").mock(side_effect=httpx.ConnectTimeout("slow"))
        publish_now(pub.pk)
    pub.refresh_from_db()
    assert pub.status == PublishStatus.UNKNOWN
    with pytest.raises(PermissionDenied):
        do_resolve_unknown(victor, pub, False)
    do_resolve_unknown(alice, pub, False)
    post.refresh_from_db()
    assert post.status == PostStatus.FAILED


def test_the_case_page_shows_the_post_its_comment_answers(
        content_client: Client, alice: User, mona: User, lee: User, rita: User, clock: Any,
        make_mention: MentionFactory) -> None:
    from django.test import Client as HttpClient

    post = scheduled(alice, content_client, [mona, lee, rita], platforms=("facebook",))
    (pub,) = due_publications(clock)
    with respx.mock() as api:
        api.post(f"{GRAPH}/1234567890/feed").mock(
            return_value=httpx.Response(200, json=recorded("facebook-feed-create.json")))
        publish_now(pub.pk)
    comment = make_mention(content_client, "Where can I read more?", thread="1234567890_987654321012345")
    http = HttpClient()
    http.force_login(alice)
    page = http.get(f"/inbox/case/{comment.case_id}/").content.decode()
    assert 'id="post-context"' in page and f"/content/post/{post.pk}/" in page
    assert "talk to your doctor about your care plan" in page
    other = make_mention(content_client, "Unrelated question")
    assert 'id="post-context"' not in http.get(f"/inbox/case/{other.case_id}/").content.decode()
