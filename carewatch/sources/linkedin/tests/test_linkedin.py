"""LinkedIn webhooks end to end: challenge, signature, routing, storage, every action.

There are no recorded LinkedIn deliveries (no linkedin/fixtures/: none were published). The
challenge and signature vectors are the computed ones in platforms.md §5.1; the bare COMMENT notification is the
reference's SCHEMA-DERIVED example (§5.2, verbatim). The decorated notifications are
SCHEMA-DERIVED too: ``decoratedGeneratedActivity.comment`` / ``.share`` with ``owner``,
``text``, ``entity``, ``object``, as LinkedIn's field list and public integrations show them.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client as HttpClient

from carewatch.inbox.models import Case, Mention
from carewatch.lib.secrets import seal
from carewatch.sources.linkedin.urns import comment_urn
from carewatch.sources.linkedin.verify import challenge_response, sign, signature_valid
from carewatch.sources.models import ChannelState, EventState, InboundEvent
from carewatch.tenancy.models import Channel, Client

SECRET = "linkedin_client_secret"
ORG = "urn:li:organization:2414183"
POST = "urn:li:share:7096760097833439232"
COMMENT = "urn:li:comment:(urn:li:activity:7096760097833439232,7102986562019213313)"

# platforms.md §5.2: SCHEMA-DERIVED test payload, verbatim.
DOC_PAYLOAD = {
    "type": "ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS",
    "notifications": [
        {
            "notificationId": 8473627364,
            "organizationalEntity": "urn:li:organization:2414183",
            "action": "COMMENT",
            "sourcePost": "urn:li:share:7096760097833439232",
            "generatedActivity": "urn:li:comment:(urn:li:activity:7096760097833439232,7102986562019213313)",
            "lastModifiedAt": 1692093245000,
            "subscriber": "urn:li:person:abc123",
        }
    ],
}


@pytest.fixture
def page(transactional_db: Any) -> Channel:
    client = Client.objects.create(slug="northwind", name="Northwind")
    return Channel.objects.create(client=client, platform="linkedin", handle="Northwind Pharma", external_id=ORG,
                                  secrets={"client_secret": seal(SECRET)})


def batch(*notifications: dict[str, Any]) -> bytes:
    return json.dumps({"type": "ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS", "notifications": list(notifications)},
                      separators=(",", ":")).encode()


def note(action: str, number: int = 1, *, text: str | None = None, comment: str = COMMENT, owner: str = "urn:li:person:abc123",
         org: str = ORG, at: int = 1692093245000, **extra: Any) -> dict[str, Any]:
    """A SCHEMA-DERIVED notification; decorated with the comment's text when ``text`` is given."""
    item: dict[str, Any] = {"notificationId": 8473627364 + number, "organizationalEntity": org, "action": action,
                            "sourcePost": POST, "generatedActivity": comment, "lastModifiedAt": at,
                            "subscriber": "urn:li:person:admin1"}
    if text is not None:
        item["decoratedGeneratedActivity"] = {"comment": {
            "owner": owner, "text": text, "entity": comment, "object": "urn:li:activity:7096760097833439232"}}
    item.update(extra)
    return item


def post(body: bytes, signature: str | None = "auto") -> Any:
    headers = {}
    if signature == "auto":
        headers["HTTP_X_LI_SIGNATURE"] = sign(body, SECRET)
    elif signature is not None:
        headers["HTTP_X_LI_SIGNATURE"] = signature
    return HttpClient().post("/hooks/linkedin/", data=body, content_type="application/json", **headers)


def deliver(body: bytes) -> InboundEvent:
    response = post(body)
    assert response.status_code == 200, response.content
    event = InboundEvent.objects.order_by("-id").first()
    assert event is not None
    return event


# ------------------------------------------------------------------ vectors and handshake
def test_the_computed_vectors() -> None:
    assert challenge_response("890e4665-4dfe-4ab1-b689-ed553bceeed0", SECRET) == {
        "challengeCode": "890e4665-4dfe-4ab1-b689-ed553bceeed0",
        "challengeResponse": "c813f311661c3a733dcae599bb95c7cabc666e22dc36e2a84a3d3ce27c9de8de"}
    body = b'{"type":"ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS","notifications":[]}'
    digest = "ac45eddaaa6a822768f9fe11ff32196ccf7c378ca88261af039122750e00abb9"
    assert sign(body, SECRET) == digest
    for header in (digest, digest.upper(), f"hmacsha256={digest}", f" HMACSHA256={digest.upper()} "):
        assert signature_valid(body, header, SECRET), header
    assert not signature_valid(body + b" ", digest, SECRET)
    assert not signature_valid(body, None, SECRET) and not signature_valid(body, "", SECRET)
    assert not signature_valid(body, digest, "another secret")


def test_the_challenge_is_answered_through_the_endpoint(page: Channel) -> None:
    response = HttpClient().get("/hooks/linkedin/", {"challengeCode": "890e4665-4dfe-4ab1-b689-ed553bceeed0"})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response.json() == {
        "challengeCode": "890e4665-4dfe-4ab1-b689-ed553bceeed0",
        "challengeResponse": "c813f311661c3a733dcae599bb95c7cabc666e22dc36e2a84a3d3ce27c9de8de"}
    assert HttpClient().get("/hooks/linkedin/").status_code == 400


def test_the_challenge_is_refused_when_two_apps_could_be_asking_unless_the_app_is_named(page: Channel) -> None:
    Channel.objects.create(client=page.client, platform="linkedin", handle="Northwind EU", external_id="999",
                           secrets={"client_secret": seal("second app secret")},
                           settings={"application_id": "app-2"})
    code = "890e4665-4dfe-4ab1-b689-ed553bceeed0"
    assert HttpClient().get("/hooks/linkedin/", {"challengeCode": code}).status_code == 403
    named = HttpClient().get("/hooks/linkedin/", {"challengeCode": code, "applicationId": "app-2"})
    assert named.json() == challenge_response(code, "second app secret")


# ------------------------------------------------------------------ the endpoint
def test_a_signed_comment_is_stored_acknowledged_and_becomes_a_mention_in_a_case(page: Channel) -> None:
    body = batch(note("COMMENT", text="Is Glucavio covered by Medicare?"))
    response = post(body)
    assert (response.status_code, response.content) == (200, b"ok")
    event = InboundEvent.objects.get()
    assert bytes(event.raw_body) == body and event.signature_ok and event.state == EventState.PROCESSED
    mention = Mention.objects.get()
    assert (mention.external_id, mention.kind, mention.direction) == (COMMENT, "comment", "in")
    assert mention.text == "Is Glucavio covered by Medicare?" and mention.thread_key == POST
    assert mention.author.external_id == "urn:li:person:abc123"
    assert int(mention.created_at.timestamp() * 1000) == 1692093245000
    assert mention.url == f"https://www.linkedin.com/feed/update/{POST}/"
    assert mention.platform_meta["notification_id"] == "8473627365"
    assert Case.objects.get().mention_count == 1


def test_the_reference_payload_without_decoration_is_kept_for_fetching(page: Channel) -> None:
    deliver(json.dumps(DOC_PAYLOAD).encode())
    mention = Mention.objects.get()
    assert mention.external_id == COMMENT and mention.text == ""
    assert mention.platform_meta["needs_fetch"] is True and mention.author.external_id == f"unknown:{COMMENT}"


def test_a_channel_may_hold_the_bare_organisation_id(page: Channel) -> None:
    Channel.objects.filter(pk=page.pk).update(external_id="2414183")
    deliver(batch(note("COMMENT", text="hello")))
    assert Mention.objects.get().channel_id == page.id


def test_a_wrong_or_missing_signature_is_403_stores_nothing_and_is_counted(page: Channel, caplog: Any) -> None:
    body = batch(note("COMMENT", text="hello"))
    assert post(body, signature="0" * 64).status_code == 403
    assert post(body, signature=None).status_code == 403
    assert not InboundEvent.objects.exists()
    assert ChannelState.objects.get(channel=page).events_rejected == 2
    assert "webhook rejected" in caplog.text and SECRET not in caplog.text


def test_a_signed_body_that_is_not_json_is_400_and_kept_as_rejected(page: Channel) -> None:
    body = b'{"type":"ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS","notifications":[{'
    assert post(body).status_code == 400
    event = InboundEvent.objects.get()
    assert event.state == EventState.REJECTED and bytes(event.raw_body) == body


def test_an_unknown_organisation_is_404(page: Channel) -> None:
    assert post(batch(note("COMMENT", org="urn:li:organization:1"))).status_code == 404
    assert not InboundEvent.objects.exists()


def test_a_body_over_the_limit_is_413(page: Channel) -> None:
    assert post(batch(note("COMMENT", text="x" * (512 * 1024)))).status_code == 413
    assert not InboundEvent.objects.exists()


def test_a_redelivery_changes_nothing(page: Channel) -> None:
    body = batch(note("COMMENT", text="hello"))
    assert post(body).status_code == 200
    assert post(body).status_code == 200
    assert InboundEvent.objects.count() == 1
    # LinkedIn may also regroup a notification into another batch: still one mention.
    deliver(batch(note("COMMENT", text="hello"), note("LIKE", 2)))
    assert Mention.objects.count() == 1 and Case.objects.count() == 1


# ------------------------------------------------------------------ actions
def test_the_brands_own_admin_comment_is_outbound_and_answers_the_case(page: Channel) -> None:
    deliver(batch(note("COMMENT", text="Is Glucavio covered by Medicare?")))
    own = "urn:li:comment:(urn:li:activity:7096760097833439232,7102986562019213999)"
    deliver(batch(note("ADMIN_COMMENT", 2, text="Please call our care line.", comment=own, owner=ORG,
                       at=1692093345000)))
    reply = Mention.objects.get(external_id=own)
    assert reply.direction == "out" and reply.author.external_id == ORG
    case = Case.objects.get()
    assert reply.case_id == case.id and case.first_responded_at is not None


def test_an_edit_keeps_the_history_and_a_delete_only_marks(page: Channel) -> None:
    deliver(batch(note("COMMENT", text="original words")))
    deliver(batch(note("COMMENT_EDIT", 2, text="edited words", at=1692093300000)))
    mention = Mention.objects.get()
    assert mention.text == "edited words" and [h["text"] for h in mention.edit_history] == ["original words"]
    event = deliver(batch(note("COMMENT_EDIT", 3, at=1692093400000)))  # no decoration: nothing to keep
    assert event.state == EventState.IGNORED and "no text" in event.reason
    deliver(batch(note("COMMENT_DELETE", 4, at=1692093500000)))
    mention.refresh_from_db()
    assert mention.is_deleted and mention.text == "edited words"


def test_likes_are_counted_not_inboxed(page: Channel) -> None:
    event = deliver(batch(note("LIKE", 1, comment=""), note("LIKE", 2, comment="")))
    assert event.state == EventState.IGNORED and "counted" in event.reason
    assert not Mention.objects.exists()
    assert ChannelState.objects.get(channel=page).reactions_counted == 2


def test_a_share_mention_becomes_a_mention_and_a_plain_reshare_is_ignored(page: Channel) -> None:
    share = "urn:li:share:7100000000000000001"
    deliver(batch({"notificationId": 1, "organizationalEntity": ORG, "action": "SHARE_MENTION",
                   "sourcePost": share, "generatedActivity": share, "lastModifiedAt": 1692093245000,
                   "decoratedGeneratedActivity": {"share": {"owner": "urn:li:person:xyz", "entity": share,
                                                            "text": "Shout-out to Northwind Pharma's nurses"}}}))
    mention = Mention.objects.get()
    assert (mention.kind, mention.external_id, mention.thread_key) == ("mention", share, share)
    assert mention.text == "Shout-out to Northwind Pharma's nurses"
    event = deliver(batch({"notificationId": 2, "organizationalEntity": ORG, "action": "SHARE", "sourcePost": POST,
                           "generatedActivity": "urn:li:share:7100000000000000002", "lastModifiedAt": 1692093245000,
                           "decoratedGeneratedActivity": {"share": {"owner": "urn:li:person:q", "text": ""}}}))
    assert event.state == EventState.IGNORED and "without commentary" in event.reason


def test_a_batch_of_ten_is_parsed_whole_and_odd_items_are_explained(page: Channel) -> None:
    items = [note("COMMENT", n, text=f"comment {n}",
                  comment=f"urn:li:comment:(urn:li:activity:7096760097833439232,71029865620192{n:05d})")
             for n in range(8)]
    items.append(note("MYSTERY_ACTION", 9))
    items.append(note("COMMENT", 10, text="not ours", org="urn:li:organization:1"))
    event = deliver(batch(*items))
    assert event.state == EventState.PROCESSED
    assert "'MYSTERY_ACTION' is not handled" in event.reason and "not ours" in event.reason
    assert Mention.objects.count() == 8


def test_an_abbreviated_comment_urn_is_the_same_comment(page: Channel) -> None:
    short = "urn:li:comment:(activity:7096760097833439232,7102986562019213313)"
    assert comment_urn(short) == COMMENT
    deliver(batch(note("COMMENT", comment=short)))
    deliver(batch(note("COMMENT", 2, text="hello")))
    assert Mention.objects.get().external_id == COMMENT


def test_the_simulators_linkedin_deliveries_are_accepted_and_arrive(page: Channel) -> None:
    from carewatch.sources.simulate import Generator

    generator = Generator([page], ["Glucavio"], seed=5)
    for _ in range(3):
        delivery = generator.next()
        headers = {k: v for k, v in delivery.headers.items() if k != "Content-Type"}
        response = HttpClient().post(delivery.path, data=delivery.body, content_type="application/json",
                                     headers=headers)
        assert response.status_code == 200, response.content
        mention = Mention.objects.get(external_id__in=delivery.mention_ids)
        assert mention.text and mention.direction == "in"
