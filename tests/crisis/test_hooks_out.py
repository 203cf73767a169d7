"""Outbound webhooks, with a real local HTTP server as the receiver and the `standardwebhooks`
library (the Standard Webhooks reference implementation) verifying our signatures."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import time_machine
from django.db import transaction
from django.test import Client as HttpClient
from django.utils import timezone
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from carewatch.audit.models import AuditEvent
from carewatch.hooks_out import actions, delivery
from carewatch.hooks_out.events import emit
from carewatch.hooks_out.models import Delivery, Endpoint
from carewatch.hooks_out.signing import new_secret, sign
from carewatch.inbox.actions import do_set_status
from carewatch.tenancy.models import Client, User
from tests.escalation.conftest import Mailbox


@dataclass
class Receiver:
    url: str
    secret: str = ""
    received: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    rejected: int = 0
    statuses: list[int] = field(default_factory=list)  # answers to give first (then 204)
    always: int = 0  # answer every request with this status
    lock: threading.Lock = field(default_factory=threading.Lock)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A receiver that verifies every request with the standardwebhooks library."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            headers = {k.lower(): v for k, v in self.headers.items()}
            with box.lock:
                status = box.always or (box.statuses.pop(0) if box.statuses else 204)
                try:
                    payload = Webhook(box.secret).verify(body, headers)
                except WebhookVerificationError:
                    box.rejected += 1
                    status = 400
                else:
                    if status < 300:
                        box.received.append(payload)
                        box.headers.append(headers)
            self.send_response(status)
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    box = Receiver(f"http://127.0.0.1:{server.server_address[1]}/crm/inbound/t0k3n")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield box
    finally:
        server.shutdown()
        server.server_close()


def endpoint_for(client: Client, box: Receiver, **kwargs: Any) -> Endpoint:
    with transaction.atomic():
        endpoint, secret = actions.do_create_endpoint(None, client, box.url, **kwargs)
    box.secret = secret
    return endpoint


def test_a_standardwebhooks_receiver_verifies_our_signature(
        northwind: Client, receiver: Receiver, run_on_commit: Any) -> None:
    endpoint = endpoint_for(northwind, receiver)
    assert receiver.secret.startswith("whsec_") and endpoint.secret.startswith("enc:")  # never stored in clear
    run_on_commit(emit, northwind.pk, "alert.raised", {"alert": {"id": 1, "kind": "volume"}})
    [payload] = receiver.received
    assert payload["type"] == "alert.raised" and payload["data"]["alert"] == {"id": 1, "kind": "volume"}
    [headers] = receiver.headers
    assert headers["webhook-id"].startswith("msg_") and headers["webhook-signature"].startswith("v1,")
    row = Delivery.objects.get()
    assert (row.state, row.attempts, row.last_status) == ("delivered", 1, 204)
    # The same library refuses a signature made with another secret (the test can fail).
    forged = sign(new_secret(), headers["webhook-id"], int(headers["webhook-timestamp"]), row.body)
    with pytest.raises(WebhookVerificationError):
        Webhook(receiver.secret).verify(row.body, {**headers, "webhook-signature": forged})


def test_no_phi_reaches_an_endpoint_unless_its_config_allows_it(
        northwind: Client, receiver: Receiver, run_on_commit: Any) -> None:
    endpoint_for(northwind, receiver)
    run_on_commit(emit, northwind.pk, "reply.sent", {"reply": {"id": 7}}, phi={"text": "Hi @pat, call us"})
    assert "phi" not in receiver.received[0]["data"] and "@pat" not in Delivery.objects.get().body
    Endpoint.objects.update(allow_phi=True)
    run_on_commit(emit, northwind.pk, "reply.sent", {"reply": {"id": 8}}, phi={"text": "Hi @pat, call us"})
    assert receiver.received[1]["data"]["phi"] == {"text": "Hi @pat, call us"}


def test_an_endpoint_gets_only_the_event_types_it_asked_for_and_a_rolled_back_change_sends_nothing(
        northwind: Client, contoso: Client, receiver: Receiver, run_on_commit: Any) -> None:
    endpoint_for(northwind, receiver, events=["incident.declared"])
    run_on_commit(emit, northwind.pk, "alert.raised", {})
    run_on_commit(emit, contoso.pk, "incident.declared", {})  # another client's event
    assert not receiver.received and not Delivery.objects.exists()

    def change_then_fail() -> None:
        with transaction.atomic():
            emit(northwind.pk, "incident.declared", {"incident": {"id": 1}})
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        run_on_commit(change_then_fail)
    assert not receiver.received and not Delivery.objects.exists()
    run_on_commit(emit, northwind.pk, "incident.declared", {"incident": {"id": 2}})
    assert [p["data"]["incident"]["id"] for p in receiver.received] == [2]


def test_a_failing_receiver_is_retried_with_backoff_and_every_attempt_logged(
        northwind: Client, receiver: Receiver, run_on_commit: Any) -> None:
    endpoint_for(northwind, receiver)
    receiver.statuses = [500, 503]
    run_on_commit(emit, northwind.pk, "alert.raised", {"alert": {"id": 3}})
    row = Delivery.objects.get()
    assert (row.state, row.attempts, row.last_status, row.last_error) == ("pending", 1, 500, "HTTP 500")
    assert timedelta(seconds=5) < row.due_at - timezone.now() <= timedelta(seconds=10)
    assert run_on_commit(delivery.sweep) == 0  # not due yet
    with time_machine.travel(row.due_at + timedelta(seconds=1)):
        run_on_commit(delivery.sweep)
    row.refresh_from_db()
    assert (row.state, row.attempts) == ("pending", 2)
    with time_machine.travel(row.due_at + timedelta(seconds=1)):
        run_on_commit(delivery.sweep)
    row.refresh_from_db()
    assert (row.state, row.attempts) == ("delivered", 3) and len(receiver.received) == 1
    assert [e["status"] for e in row.log] == [500, 503, 204]
    # Each retry carries the same webhook-id: receivers deduplicate on it.
    assert Endpoint.objects.get().consecutive_failures == 0


def test_an_endpoint_that_keeps_failing_is_disabled_with_a_notice_and_can_be_replayed_once_fixed(
        northwind: Client, receiver: Receiver, run_on_commit: Any, sam: User, smtp: Mailbox,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(delivery, "DISABLE_AFTER", 3)
    endpoint = endpoint_for(northwind, receiver, description="Contact centre CRM")
    receiver.always = 500
    run_on_commit(emit, northwind.pk, "alert.raised", {"alert": {"id": 4}})
    run_on_commit(emit, northwind.pk, "alert.raised", {"alert": {"id": 5}})
    first, second = Delivery.objects.order_by("pk")
    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        run_on_commit(delivery.sweep)
    endpoint.refresh_from_db()
    assert not endpoint.is_active and "3 failed attempts in a row" in endpoint.disabled_reason
    assert set(Delivery.objects.values_list("state", flat=True)) <= {"skipped", "pending"}
    assert AuditEvent.objects.filter(action="hooks_out.endpoint_disabled").count() == 1
    [notice] = smtp.to("sam@agency.test")
    assert "disabled" in notice.subject and "t0k3n" not in notice.text  # the URL's path is not shown
    # Nothing more goes to a disabled endpoint.
    run_on_commit(emit, northwind.pk, "alert.raised", {"alert": {"id": 6}})
    assert Delivery.objects.count() == 2
    # The receiver is fixed; a supervisor enables the endpoint and replays what was skipped.
    receiver.always = 0
    actions.do_set_active(sam, endpoint, True)
    for row in (first, second):
        row.refresh_from_db()
        run_on_commit(actions.do_replay, sam, row)
    assert sorted(p["data"]["alert"]["id"] for p in receiver.received) == [4, 5]
    replays = Delivery.objects.filter(replay_of__isnull=False)
    assert {r.message_id for r in replays} == {first.message_id, second.message_id}


def test_the_desk_emits_case_and_safety_events_from_its_own_actions(
        northwind: Client, receiver: Receiver, run_on_commit: Any, make_mention: Any, alice: User) -> None:
    endpoint_for(northwind, receiver)
    mention = run_on_commit(make_mention, northwind, "I started Glucavio last week and since then I have terrible "
                                                     "nausea and headaches")
    types = [p["type"] for p in receiver.received]
    assert "case.created" in types and "safety_case.opened" in types
    created = next(p for p in receiver.received if p["type"] == "case.created")
    assert created["data"]["case"]["id"] == mention.case_id and "adverse_event" in created["data"]["case"]["labels"]
    assert "phi" not in created["data"] and "nausea" not in json.dumps(receiver.received)
    case = mention.case
    run_on_commit(do_set_status, alice, case, "waiting")
    assert receiver.received[-1]["type"] == "case.updated"
    assert receiver.received[-1]["data"]["links"]["case"] == f"/inbox/case/{case.pk}/"


def test_webhook_pages_are_for_supervisors_of_the_client_only(
        northwind: Client, receiver: Receiver, sam: User, alice: User, bob: User, victor: User) -> None:
    endpoint = endpoint_for(northwind, receiver)
    web = HttpClient()
    web.force_login(bob)
    assert web.get(f"/webhooks-out/{endpoint.pk}/").status_code == 404
    for user in (alice, victor):
        web.force_login(user)
        assert web.get(f"/webhooks-out/{endpoint.pk}/").status_code == 403
        assert web.post(f"/webhooks-out/{endpoint.pk}/disable/").status_code == 403
    web.force_login(sam)
    page = web.get(f"/webhooks-out/{endpoint.pk}/")
    assert page.status_code == 200 and b"t0k3n" not in page.content
    created = web.post("/webhooks-out/new/", {"client": northwind.pk, "url": "https://crm.example/hooks",
                                              "events": ["case.closed"]}, follow=True)
    assert created.status_code == 200 and b"whsec_" in created.content
    assert b"whsec_" not in web.get(created.redirect_chain[-1][0]).content  # shown once
    assert Endpoint.objects.filter(url="https://crm.example/hooks", events=["case.closed"]).exists()
    refused = web.post("/webhooks-out/new/", {"client": northwind.pk, "url": "http://crm.example/hooks"})
    assert refused.status_code == 302 and not Endpoint.objects.filter(url="http://crm.example/hooks").exists()
