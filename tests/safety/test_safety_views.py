"""The safety desk's pages and API: the queue by deadline, the case page, the workflow forms."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django.test import Client as HttpClient

from carewatch.inbox.models import Mention
from carewatch.safety.models import SafetyCase, SafetyStatus
from carewatch.tenancy.models import Client, User
from tests.conftest import PASSWORD
from tests.safety.conftest import AE_TEXT


def logged_in(user: User) -> HttpClient:
    client = HttpClient()
    client.force_login(user)
    return client


def test_the_queue_lists_what_is_still_to_forward_soonest_deadline_first(northwind: Client, make_mention: Any,
                                                                         alice: User) -> None:
    now = datetime.now(UTC)
    later = make_mention(northwind, AE_TEXT, author="a1", created=now - timedelta(hours=1))
    sooner = make_mention(northwind, AE_TEXT, author="a2", created=now - timedelta(hours=30))
    page = logged_in(alice).get("/safety/").content.decode()
    first = SafetyCase.objects.get(links__mention=sooner).reference
    second = SafetyCase.objects.get(links__mention=later).reference
    assert first in page and second in page and page.index(first) < page.index(second)
    assert "overdue by 6 h" in page  # 30 h old with a 24 h deadline
    overdue = logged_in(alice).get("/safety/?state=overdue").content.decode()
    assert first in overdue and second not in overdue


def test_the_case_page_shows_the_elements_the_frozen_evidence_and_the_deadline(flagged: SafetyCase,
                                                                               alice: User) -> None:
    page = logged_in(alice).get(f"/safety/{flagged.pk}/").content.decode()
    assert flagged.reference in page and "Minimum elements" in page
    assert "nausea" in page and "Evidence frozen at detection" in page
    assert "due in 23 h" in page
    assert 'id="forward"' in page and 'id="dismiss"' not in page  # an agent forwards, never dismisses


def test_an_agent_forwards_from_the_case_page_and_the_inbox_case_links_to_it(flagged: SafetyCase,
                                                                             alice: User) -> None:
    client = logged_in(alice)
    response = client.post(f"/safety/{flagged.pk}/act/", {"op": "forward", "signature": PASSWORD})
    assert response.status_code == 302
    flagged.refresh_from_db()
    assert flagged.status == SafetyStatus.FORWARDED and flagged.forwarded_by == alice
    inbox_page = client.get(f"/inbox/case/{flagged.case_id}/").content.decode()
    assert flagged.reference in inbox_page and "Forwarded" in inbox_page


def test_an_agent_posting_a_dismissal_is_refused_and_nothing_changes(flagged: SafetyCase, alice: User) -> None:
    response = logged_in(alice).post(f"/safety/{flagged.pk}/act/",
                                     {"op": "dismiss", "reason": "looks like a general question", "signature": PASSWORD})
    assert response.status_code == 403
    flagged.refresh_from_db()
    assert flagged.status == SafetyStatus.FLAGGED


def test_a_safety_reviewer_dismisses_with_a_reason_and_without_one_gets_the_error(flagged: SafetyCase,
                                                                                  quinn: User) -> None:
    client = logged_in(quinn)
    page = client.post(f"/safety/{flagged.pk}/act/", {"op": "dismiss", "reason": "", "signature": PASSWORD},
                       follow=True).content.decode()
    assert "reason of at least 10 characters" in page
    flagged.refresh_from_db()
    assert flagged.status == SafetyStatus.FLAGGED
    client.post(f"/safety/{flagged.pk}/act/", {"op": "dismiss", "reason": "Not an AE: nausea from a stomach bug", "signature": PASSWORD})
    flagged.refresh_from_db()
    assert flagged.status == SafetyStatus.DISMISSED and flagged.ended_by == quinn


def test_an_agent_opens_a_safety_case_by_hand_from_the_inbox(northwind: Client, make_mention: Any,
                                                             alice: User) -> None:
    mention: Mention = make_mention(northwind, "Where can I buy Glucavio near Boston?")
    response = logged_in(alice).post("/safety/open/", {"mention": mention.pk, "kind": "product_complaint",
                                                       "reason": "DM: the pen was broken when it arrived"})
    assert response.status_code == 302
    case = SafetyCase.objects.get(links__mention=mention)
    assert case.kind == "product_complaint" and case.opened_by == alice


def test_the_api_moves_a_case_and_refuses_an_agent_s_dismissal(flagged: SafetyCase, alice: User,
                                                               quinn: User) -> None:
    url = f"/api/v1/safety-cases/{flagged.pk}"
    agent = logged_in(alice)
    body = agent.get(url).json()
    assert body["reference"] == flagged.reference and body["follow_up_needed"] in (True, False)
    refused = agent.post(f"{url}/transition", {"op": "dismiss", "reason": "not an adverse event at all", "signature": PASSWORD},
                         content_type="application/json")
    assert refused.status_code == 403
    moved = agent.post(f"{url}/transition", {"op": "forward", "signature": PASSWORD}, content_type="application/json")
    assert moved.status_code == 200 and moved.json()["status"] == "forwarded"
    bad = logged_in(quinn).post(f"{url}/transition", {"op": "close", "reason": "short", "signature": PASSWORD},
                                content_type="application/json")
    assert bad.status_code == 422
    listed = agent.get("/api/v1/safety-cases?status=open").json()
    assert [item["id"] for item in listed["items"]] == [flagged.pk]
