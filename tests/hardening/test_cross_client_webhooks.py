"""Issue 17 finding 1: one client's secret must never write into another client's inbox.

Every entry of a delivery that may carry several accounts (Meta, LinkedIn, X) is accepted only
for a channel whose secret signed the body; a mixed body is refused (403), nothing is stored,
and the refusal is counted on the channels it tried to write into.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from carewatch.inbox.models import Case, Mention
from carewatch.lib.secrets import seal
from carewatch.sources.linkedin.verify import sign as li_sign
from carewatch.sources.meta.verify import sign as meta_sign
from carewatch.sources.models import ChannelState, EventState, InboundEvent
from carewatch.sources.tasks import process_inbound_events
from carewatch.sources.x.verify import sign as x_sign
from carewatch.tenancy.models import Channel, Client

A_SECRET = "client_a_app_secret"
B_SECRET = "client_b_app_secret"
A_PAGE = "1111111111"
B_PAGE = "2222222222"
AE_TEXT = "After taking Glucavio I was hospitalised with severe vomiting and a rash"


def compact(payload: Any) -> bytes:
    return json.dumps(payload, separators=(",", ":")).encode()


def meta_entry(page: str, comment: str, text: str = AE_TEXT) -> dict[str, Any]:
    value = {"item": "comment", "verb": "add", "comment_id": f"{page}_{comment}", "post_id": f"{page}_1",
             "parent_id": f"{page}_1", "from": {"id": "9001", "name": "Pat Doe"}, "created_time": 1763640000,
             "message": text}
    return {"id": page, "time": 1763640000, "changes": [{"field": "feed", "value": value}]}


def meta_post(body: bytes, secret: str) -> Any:
    return HttpClient().post("/hooks/meta/", data=body, content_type="application/json",
                             HTTP_X_HUB_SIGNATURE_256=meta_sign(body, secret))


def two_clients(platform: str, a_id: str, b_id: str, secret_name: str, b_secret: str = B_SECRET,
                ) -> tuple[Channel, Channel]:
    a = Client.objects.create(slug="alpha", name="Alpha")
    b = Client.objects.create(slug="bravo", name="Bravo")
    ca = Channel.objects.create(client=a, platform=platform, handle="alpha", external_id=a_id,
                                secrets={secret_name: seal(A_SECRET)})
    cb = Channel.objects.create(client=b, platform=platform, handle="bravo", external_id=b_id,
                                secrets={secret_name: seal(b_secret)})
    return ca, cb


def rejected(channel: Channel) -> int:
    state = ChannelState.objects.filter(channel=channel).first()
    return state.events_rejected if state else 0


def test_a_meta_body_signed_by_client_a_with_an_entry_for_client_bs_page_is_refused_and_counted(
        transactional_db: Any) -> None:
    _ca, cb = two_clients("facebook", A_PAGE, B_PAGE, "app_secret")
    body = compact({"object": "page", "entry": [meta_entry(A_PAGE, "1"), meta_entry(B_PAGE, "2")]})
    response = meta_post(body, A_SECRET)
    assert response.status_code == 403
    assert not InboundEvent.objects.exists(), "nothing of a refused body is stored"
    assert not Mention.objects.exists() and not Case.objects.exists()
    assert rejected(cb) == 1, "the channel the body tried to write into counts the attempt"
    assert "another account" in ChannelState.objects.get(channel=cb).last_error


def test_a_meta_body_whose_first_entry_is_the_victims_is_refused_too(transactional_db: Any) -> None:
    two_clients("facebook", A_PAGE, B_PAGE, "app_secret")
    body = compact({"object": "page", "entry": [meta_entry(B_PAGE, "2"), meta_entry(A_PAGE, "1")]})
    assert meta_post(body, A_SECRET).status_code == 403
    assert not InboundEvent.objects.exists() and not Mention.objects.exists()


def test_an_instagram_body_signed_by_client_a_with_an_entry_for_client_bs_account_is_refused(
        transactional_db: Any) -> None:
    two_clients("instagram", A_PAGE, B_PAGE, "app_secret")
    entry = {"id": B_PAGE, "time": 1763640000, "changes": [{"field": "comments", "value": {
        "id": "17865799348089039", "text": AE_TEXT, "from": {"id": "77", "username": "pat"},
        "media": {"id": "1789", "media_product_type": "FEED"}}}]}
    own = {**entry, "id": A_PAGE}
    body = compact({"object": "instagram", "entry": [own, entry]})
    assert meta_post(body, A_SECRET).status_code == 403
    assert not InboundEvent.objects.exists() and not Mention.objects.exists()


def test_a_meta_body_for_two_pages_that_share_the_signing_app_secret_is_accepted_for_both(
        transactional_db: Any) -> None:
    two_clients("facebook", A_PAGE, B_PAGE, "app_secret", b_secret=A_SECRET)  # one agency app
    body = compact({"object": "page", "entry": [meta_entry(A_PAGE, "1"), meta_entry(B_PAGE, "2")]})
    response = meta_post(body, A_SECRET)
    assert response.status_code == 200
    response.close()
    assert sorted(Mention.objects.values_list("channel__client__slug", flat=True)) == ["alpha", "bravo"]


def test_a_page_connected_by_two_clients_goes_only_to_the_one_whose_secret_signed(transactional_db: Any) -> None:
    ca, cb = two_clients("facebook", A_PAGE, A_PAGE, "app_secret")  # B claims A's page with its own app
    body = compact({"object": "page", "entry": [meta_entry(A_PAGE, "1")]})
    response = meta_post(body, A_SECRET)
    assert response.status_code == 200
    response.close()
    assert list(Mention.objects.values_list("channel_id", flat=True)) == [ca.pk]
    response = meta_post(compact({"object": "page", "entry": [meta_entry(A_PAGE, "3")]}), B_SECRET)
    assert response.status_code == 200
    response.close()
    assert sorted(Mention.objects.values_list("channel_id", flat=True)) == sorted([ca.pk, cb.pk])


def li_note(org: str, number: int) -> dict[str, Any]:
    comment = f"urn:li:comment:(urn:li:activity:70967600978334392{number},71029865620192133{number})"
    return {"notificationId": 8473627364 + number, "organizationalEntity": org, "action": "COMMENT",
            "sourcePost": "urn:li:share:7096760097833439232", "generatedActivity": comment,
            "lastModifiedAt": 1692093245000, "subscriber": "urn:li:person:admin1",
            "decoratedGeneratedActivity": {"comment": {"owner": "urn:li:person:abc123", "text": AE_TEXT,
                                                       "entity": comment,
                                                       "object": "urn:li:activity:7096760097833439232"}}}


def test_a_linkedin_batch_signed_by_client_a_with_a_notification_for_client_bs_organisation_is_refused(
        transactional_db: Any) -> None:
    a_org, b_org = "urn:li:organization:1001", "urn:li:organization:2002"
    _ca, cb = two_clients("linkedin", a_org, b_org, "client_secret")
    body = compact({"type": "ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS",
                    "notifications": [li_note(a_org, 1), li_note(b_org, 2)]})
    response = HttpClient().post("/hooks/linkedin/", data=body, content_type="application/json",
                                 HTTP_X_LI_SIGNATURE=li_sign(body, A_SECRET))
    assert response.status_code == 403
    assert not InboundEvent.objects.exists() and not Mention.objects.exists()
    assert rejected(cb) == 1


def xaa_mention(user: str, post_id: str) -> dict[str, Any]:
    return {"event_uuid": post_id, "filter": {"user_id": user}, "event_type": "post.mention.create", "tag": "care",
            "payload": {"created_at": "2026-07-24T21:23:23.000Z", "conversation_id": post_id, "text": AE_TEXT,
                        "author_id": "3333", "id": post_id},
            "includes": {"users": [{"id": "3333", "username": "pat", "name": "Pat"}]}}


def test_an_x_delivery_signed_by_client_a_with_an_item_for_client_bs_account_is_refused(
        transactional_db: Any) -> None:
    _ca, cb = two_clients("x", "1001", "2002", "consumer_secret")
    body = compact({"for_user_id": "1001", "data": [xaa_mention("1001", "501"), xaa_mention("2002", "502")]})
    response = HttpClient().post("/hooks/x/", data=body, content_type="application/json",
                                 HTTP_X_TWITTER_WEBHOOKS_SIGNATURE=x_sign(body, A_SECRET))
    assert response.status_code == 403
    assert not InboundEvent.objects.exists() and not Mention.objects.exists()
    assert rejected(cb) == 1


@pytest.mark.django_db(transaction=True)
def test_a_stored_event_never_writes_into_a_channel_whose_secret_did_not_sign_it() -> None:
    """Defence in depth: whatever reached the store, the pipeline routes an entry only to a
    channel whose secret verifies the stored body."""
    ca, _cb = two_clients("facebook", A_PAGE, B_PAGE, "app_secret")
    body = compact({"object": "page", "entry": [meta_entry(A_PAGE, "1"), meta_entry(B_PAGE, "2")]})
    event = InboundEvent.objects.create(
        source="meta", channel=ca, client_id=ca.client_id, raw_body=body, signature_ok=True,
        headers={"x-hub-signature-256": meta_sign(body, A_SECRET)}, received_at=timezone.now())
    process_inbound_events.call([event.pk])
    assert list(Mention.objects.values_list("channel_id", flat=True)) == [ca.pk]
    event.refresh_from_db()
    assert event.state == EventState.PROCESSED and "did not sign" in event.reason
