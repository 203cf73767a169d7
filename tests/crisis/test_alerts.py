"""Alerts end to end: signed webhooks → pipeline → triage → crisis step → detection → one alert →
the client's ``crisis`` escalation protocol → a real SMTP server. Then what people do with it."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client as HttpClient
from django.test import RequestFactory

from carewatch.audit.chain import verify
from carewatch.audit.models import AuditEvent
from carewatch.crisis import actions
from carewatch.crisis.models import Alert, AlertState
from carewatch.crisis.tasks import run_detection
from carewatch.escalation.models import Escalation, EscalationState
from carewatch.lib.secrets import seal
from carewatch.sources.meta.verify import sign
from carewatch.sources.webhooks import webhook_view
from carewatch.tenancy.models import Channel, Client, User
from tests.crisis.conftest import crisis_protocol
from tests.escalation.conftest import Mailbox

SECRET = "crisis_app_secret"
ANGRY = ["Terrible experience at your ER, rude staff, awful, never again",
         "This is the worst service ever, you people are useless and I am furious",
         "Disgusting how my mother was treated, shameful and horrible hospital",
         "Awful, the nurses ignored us for hours, terrible and cruel"]


def angry(i: int) -> str:
    return f"{ANGRY[i % len(ANGRY)]} #{i}"


def signed_comment(i: int, text: str, page: str) -> Any:
    now = int(time.time())
    value = {"item": "comment", "verb": "add", "comment_id": f"{page}_9_{i}", "post_id": f"{page}_{i}",
             "parent_id": f"{page}_{i}", "from": {"id": f"77{i:05d}", "name": f"Person {i}"}, "created_time": now,
             "message": text}
    body = json.dumps({"object": "page", "entry": [{"id": page, "time": now, "changes": [
        {"field": "feed", "value": value}]}]}, separators=(",", ":")).encode()
    request = RequestFactory().post("/hooks/meta/", data=body, content_type="application/json",
                                    headers={"X-Hub-Signature-256": sign(body, SECRET)})
    response = webhook_view(request, "meta")
    assert response.status_code == 200
    response.close()  # what the WSGI server does once the answer is sent: the pipeline runs (at once in tests)


def test_a_burst_of_negative_posts_through_signed_webhooks_raises_one_alert_that_reaches_smtp(
        transactional_db: Any, northwind: Client, smtp: Mailbox, settings: Any) -> None:
    settings.CAREWATCH_CRISIS_THROTTLE_SECONDS = 0
    crisis_protocol(northwind, "crisis@northwind.test")
    channel = Channel.objects.get(client=northwind, platform="facebook")
    channel.secrets = {"app_secret": seal(SECRET)}
    channel.save()
    for i in range(29):
        signed_comment(i, angry(i), channel.external_id)
    assert not Alert.objects.exists() and not smtp.to("crisis@northwind.test")  # 29 < the floor of 30
    signed_comment(29, angry(29), channel.external_id)
    [alert] = Alert.objects.all()
    assert (alert.kind, alert.count, alert.state, alert.ongoing) == ("floor", 30, "open", True)
    [mail] = smtp.to("crisis@northwind.test")
    assert "Crisis signal" in mail.subject and alert.escalation is not None
    assert alert.escalation.reference in mail.subject
    assert f"/crisis/alerts/{alert.pk}/" in mail.body  # a link, no post text:
    assert all(angry(i) not in mail.body for i in range(30))
    for i in range(30, 40):  # the spike goes on: the same alert, no second e-mail
        signed_comment(i, angry(i), channel.external_id)
    assert Alert.objects.count() == 1 and Escalation.objects.filter(category="crisis").count() == 1
    assert len(smtp.to("crisis@northwind.test")) == 1
    alert.refresh_from_db()
    assert alert.peak == 40 and len(alert.evidence["posts"]) == 40
    assert verify().ok


def negatives(make_mention: Any, client: Client, n: int, at: datetime, platform: str = "facebook") -> None:
    for i in range(n):
        make_mention(client, angry(i), author=f"angry{i}", created=at - timedelta(seconds=10 * (i + 1)),
                     platform=platform)


def test_no_second_alert_for_an_ongoing_spike_even_once_dismissed_but_a_new_one_after_quiet(
        northwind: Client, make_mention: Any, run_on_commit: Any, sam: User, smtp: Mailbox) -> None:
    crisis_protocol(northwind, floor={"negative": 5, "minutes": 15}, quiet_minutes=30)
    now = datetime.now(UTC)
    negatives(make_mention, northwind, 6, now)
    [alert] = run_on_commit(run_detection, northwind, now)
    assert alert.kind == "floor"
    assert run_on_commit(run_detection, northwind, now + timedelta(minutes=1)) == []
    actions.do_dismiss_alert(sam, alert, "a known outage, handled by the client's IT")
    assert run_on_commit(run_detection, northwind, now + timedelta(minutes=2)) == []
    alert.refresh_from_db()
    assert (alert.state, alert.ongoing, alert.reason) == ("dismissed", True, "a known outage, handled by the client's IT")
    # Quiet for longer than quiet_minutes: the spike is over.
    assert run_on_commit(run_detection, northwind, now + timedelta(minutes=40)) == []
    alert.refresh_from_db()
    assert not alert.ongoing
    negatives(make_mention, northwind, 6, now + timedelta(minutes=50))
    [second] = run_on_commit(run_detection, northwind, now + timedelta(minutes=50))
    assert second.pk != alert.pk and second.key == alert.key


def test_acknowledging_an_alert_stops_its_escalation_and_a_dismissal_needs_a_reason(
        northwind: Client, make_mention: Any, run_on_commit: Any, alice: User, sam: User, victor: User,
        smtp: Mailbox) -> None:
    crisis_protocol(northwind, floor={"negative": 5, "minutes": 15})
    now = datetime.now(UTC)
    negatives(make_mention, northwind, 5, now)
    [alert] = run_on_commit(run_detection, northwind, now)
    with pytest.raises(PermissionDenied):
        actions.do_acknowledge_alert(victor, alert)
    with pytest.raises(PermissionDenied):
        actions.do_dismiss_alert(alice, alert, "agents may not dismiss")
    with pytest.raises(ValidationError):
        actions.do_dismiss_alert(sam, alert, "   ")
    alert = actions.do_acknowledge_alert(alice, alert)
    assert alert.state == AlertState.ACKNOWLEDGED and alert.decided_by == alice
    assert alert.escalation is not None and alert.escalation.state == EscalationState.ACKNOWLEDGED
    with pytest.raises(ValidationError):
        actions.do_acknowledge_alert(alice, alert)
    assert AuditEvent.objects.filter(action="crisis.alert_acknowledge", object_id=str(alert.pk)).exists()


def test_a_volume_spike_is_measured_against_the_same_window_of_previous_weeks(
        northwind: Client, make_mention: Any, run_on_commit: Any) -> None:
    crisis_protocol(northwind)
    now = datetime.now(UTC)
    for week in (1, 2, 3):
        for i in range(2):
            make_mention(northwind, "Is Glucavio covered by my insurance?", author=f"w{week}{i}",
                         created=now - timedelta(weeks=week, minutes=3 + i))
    # Twelve questions in 15 minutes where two is usual.
    for i in range(12):
        make_mention(northwind, f"Is Glucavio covered by my insurance? #{i}", author=f"now{i}", platform="x",
                     created=now - timedelta(seconds=30 * (i + 1)))
    signals = {(a.kind, a.dimension, a.value) for a in run_on_commit(run_detection, northwind, now)}
    assert ("volume", "all", "") in signals and ("volume", "platform", "x") in signals
    assert ("volume", "product", "Glucavio") in signals
    alert = Alert.objects.get(dimension="all", kind="volume")
    assert alert.expected == 2.0 and alert.evidence["baseline"] == [2, 2, 2] and alert.count == 12
    # One burst, several series: one escalation, the other alerts are part of the first.
    assert Escalation.objects.filter(category="crisis").count() == 1
    others = Alert.objects.exclude(pk=alert.pk)
    assert others and all(a.evidence["part_of"] == alert.reference and a.escalation_id == alert.escalation_id
                          for a in others)


def test_a_client_with_history_and_a_usual_day_raises_nothing(
        northwind: Client, make_mention: Any, run_on_commit: Any) -> None:
    now = datetime.now(UTC)
    for week in (1, 2, 3):
        for i in range(3):
            make_mention(northwind, "Is Glucavio covered by my insurance?", author=f"w{week}{i}",
                         created=now - timedelta(weeks=week, minutes=2 + i))
    for i in range(3):
        make_mention(northwind, "Is Glucavio covered by my insurance?", author=f"n{i}",
                     created=now - timedelta(minutes=2 + i))
    assert run_on_commit(run_detection, northwind, now) == [] and not Alert.objects.exists()


def test_three_complaints_naming_one_lot_open_a_quality_cluster_alert(
        northwind: Client, make_mention: Any, run_on_commit: Any) -> None:
    now = datetime.now(UTC)
    for i in range(3):
        make_mention(northwind, f"My Glucavio pen from lot GX4821 arrived cracked and leaking ({i})",
                     author=f"buyer{i}", created=now - timedelta(hours=i + 1))
    alerts = run_on_commit(run_detection, northwind, now)
    lot = next(a for a in alerts if a.dimension == "lot")
    assert (lot.kind, lot.value, lot.count) == ("lot_cluster", "GX4821", 3)
    assert len(lot.evidence["posts"]) == 3


def test_three_adverse_events_for_one_product_and_term_open_a_pv_cluster_alert(
        northwind: Client, make_mention: Any, run_on_commit: Any) -> None:
    now = datetime.now(UTC)
    # Three different people in their own words (three identical posts would be a spam campaign).
    for i, text in enumerate(("Started Glucavio last week and ended up in hospital with pancreatitis",
                              "I was admitted with pancreatitis two weeks after my first Glucavio pen",
                              "My mum got pancreatitis on Glucavio, she is in hospital since Monday")):
        make_mention(northwind, text, author=f"patient{i}", created=now - timedelta(hours=i + 1))
    alerts = run_on_commit(run_detection, northwind, now)
    ae = [a for a in alerts if a.kind == "ae_cluster"]
    assert ae and all(a.value.startswith("Glucavio/") for a in ae)
    assert any("pancreatitis" in a.value for a in ae)


def test_alert_pages_are_404_for_another_client_and_403_for_a_viewers_post(
        northwind: Client, make_mention: Any, run_on_commit: Any, bob: User, victor: User, alice: User) -> None:
    crisis_protocol(northwind, floor={"negative": 3, "minutes": 15})
    now = datetime.now(UTC)
    negatives(make_mention, northwind, 3, now)
    [alert] = run_on_commit(run_detection, northwind, now)
    web = HttpClient()
    web.force_login(bob)
    assert web.get(f"/crisis/alerts/{alert.pk}/").status_code == 404
    web.force_login(victor)
    assert web.get(f"/crisis/alerts/{alert.pk}/").status_code == 200
    assert web.post(f"/crisis/alerts/{alert.pk}/acknowledge/").status_code == 403
    web.force_login(alice)
    page = web.get(f"/crisis/alerts/{alert.pk}/")
    assert page.status_code == 200 and b"<svg" in page.content and b"Acknowledge" in page.content
    assert web.post(f"/crisis/alerts/{alert.pk}/acknowledge/").status_code == 302
    alert.refresh_from_db()
    assert alert.state == "acknowledged"
    assert alert.reference.encode() in web.get("/crisis/?state=all").content
