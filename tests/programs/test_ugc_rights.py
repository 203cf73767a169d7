"""UGC rights: request with the approved text, the author's reply matched to it, consent recorded
with frozen evidence, revocation detected, the library exported; a consent never hides an AE."""

from __future__ import annotations

import csv
import hashlib
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from carewatch.lib.canonical import canonical_json
from carewatch.programs.actions import do_record_use, do_request_rights, do_revoke_rights
from carewatch.programs.exports import rights_csv
from carewatch.programs.models import Influencer, RightsRequest
from carewatch.safety.models import SafetyCase
from tests.programs.conftest import Send


def test_a_request_carries_the_rights_hashtag_and_the_terms_link(roster: Influencer, alice: Any, send: Send) -> None:
    post = send(roster.client, "My morning with my new pen 💙", author="dana", kind="mention")
    req = do_request_rights(alice, post)
    assert "#YesNorthwind" in req.request_text
    assert "https://northwind.example/ugc-terms" in req.request_text
    assert req.status == "requested" and req.terms_version == "2026-01"
    assert do_request_rights(alice, post) == req  # one open request per post


def test_a_consent_reply_is_recorded_with_frozen_evidence(roster: Influencer, alice: Any, send: Send) -> None:
    post = send(roster.client, "My morning with my new pen 💙", author="dana", kind="mention", external_id="ugc-1")
    req = do_request_rights(alice, post)
    reply = send(roster.client, "#YesNorthwind of course!", author="dana", kind="reply", thread="ugc-1")
    req.refresh_from_db()
    assert req.status == "granted" and req.reply == reply
    assert req.evidence["text"] == "#YesNorthwind of course!"
    assert req.evidence["author_handle"] == "dana"
    assert req.evidence["url"] == reply.url
    assert req.evidence_sha256 == hashlib.sha256(canonical_json(req.evidence).encode()).hexdigest()
    # the evidence is frozen: a later edit on the platform changes the mention, not the record
    send(roster.client, "edited away", author="dana", kind="reply", thread="ugc-1",
         external_id=reply.external_id, edit=True)
    req.refresh_from_db()
    assert req.evidence["text"] == "#YesNorthwind of course!"


@pytest.mark.parametrize("text", ["Sí, pueden usar mi foto 😊", "Oui vous pouvez la partager !",
                                  "Ja, ihr dürft das Foto gerne teilen"])
def test_a_consent_in_spanish_french_or_german_is_matched(roster: Influencer, alice: Any, send: Send,
                                                          text: str) -> None:
    post = send(roster.client, "Mi rutina", author="lu", kind="mention", external_id="ugc-x")
    req = do_request_rights(alice, post)
    send(roster.client, text, author="lu", kind="reply", thread="ugc-x")
    req.refresh_from_db()
    assert req.status == "granted"


def test_someone_elses_yes_does_not_grant(roster: Influencer, alice: Any, send: Send) -> None:
    post = send(roster.client, "My pic", author="dana", kind="mention", external_id="ugc-2")
    req = do_request_rights(alice, post)
    send(roster.client, "#YesNorthwind", author="troll", kind="reply", thread="ugc-2")
    req.refresh_from_db()
    assert req.status == "requested"


def test_a_take_it_down_request_revokes_the_rights(roster: Influencer, alice: Any, send: Send) -> None:
    post = send(roster.client, "My pic", author="dana", kind="mention", external_id="ugc-3")
    req = do_request_rights(alice, post)
    send(roster.client, "#YesNorthwind", author="dana", kind="reply", thread="ugc-3")
    send(roster.client, "Actually please take it down, I changed my mind", author="dana", kind="reply",
         thread="ugc-3")
    req.refresh_from_db()
    assert req.status == "revoked" and req.revoked_at is not None
    assert "take it down" in req.revocation_evidence["text"] and len(req.revocation_sha256) == 64
    with pytest.raises(ValidationError):
        do_record_use(alice, req, "Instagram carousel 2026-12")


def test_a_consent_reply_that_reports_a_side_effect_is_still_screened(roster: Influencer, alice: Any,
                                                                      send: Send) -> None:
    post = send(roster.client, "My pic", author="dana", kind="mention", external_id="ugc-4")
    req = do_request_rights(alice, post)
    reply = send(roster.client, "#YesNorthwind sure! ps Glucavio gave me awful nausea and vomiting all week",
                 author="dana", kind="reply", thread="ugc-4")
    req.refresh_from_db()
    assert req.status == "granted"
    assert "adverse_event" in reply.labels
    assert SafetyCase.objects.filter(case=reply.case).exists()


def test_the_library_exports_as_csv_and_records_uses(roster: Influencer, alice: Any, victor: Any,
                                                     send: Send) -> None:
    post = send(roster.client, "My pic", author="dana", kind="mention", external_id="ugc-5")
    req = do_request_rights(alice, post)
    send(roster.client, "#YesNorthwind", author="dana", kind="reply", thread="ugc-5")
    req.refresh_from_db()
    do_record_use(alice, req, "Instagram carousel, December")
    with pytest.raises(PermissionDenied):
        do_revoke_rights(victor, req, "asked by e-mail")
    rows = list(csv.DictReader(io.StringIO(rights_csv(RightsRequest.objects.filter(client=roster.client)))))
    assert rows[0]["author_handle"] == "dana" and rows[0]["status"] == "granted"
    assert rows[0]["evidence_sha256"] == req.evidence_sha256
    assert "Instagram carousel" in rows[0]["used_in"]
    assert do_revoke_rights(alice, req, "asked by e-mail").status == "revoked"


def test_a_request_needs_the_clients_terms_link(northwind: Any, alice: Any, make_mention: Any) -> None:
    post = make_mention(northwind, "nice", platform="facebook")
    with pytest.raises(ValidationError, match="terms"):
        do_request_rights(alice, post)


def test_granted_rights_expire_at_their_set_expiry(roster: Influencer, alice: Any, send: Send) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from carewatch.programs.actions import do_set_rights_expiry, expire_rights

    post = send(roster.client, "My pic", author="dana", kind="mention", external_id="ugc-6")
    req = do_request_rights(alice, post)
    send(roster.client, "#YesNorthwind", author="dana", kind="reply", thread="ugc-6")
    req.refresh_from_db()
    do_set_rights_expiry(alice, req, timezone.now() + timedelta(days=7))
    assert expire_rights() == 0
    assert expire_rights(timezone.now() + timedelta(days=8)) == 1
    req.refresh_from_db()
    assert req.status == "expired"
