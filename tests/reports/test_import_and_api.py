"""Imported history gives the same figures as live traffic; the summary API and its tenancy."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.test import Client as HttpClient

from carewatch.inbox.models import Direction, Mention
from carewatch.reports.rollups import refresh
from carewatch.sources.importer.run import import_file
from carewatch.tenancy.models import Client, User
from tests.conftest import MentionFactory


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


THREAD = [
    # Friday 13 Nov 2026 17:30 in New York; the brand answers on Monday at 09:45, then again.
    {"platform": "facebook", "external_id": "c-1", "text": "Is the pen covered by insurance?",
     "created_at": "2026-11-13T17:30:00-05:00", "author": {"id": "u1", "handle": "pat"}, "thread_id": "post-1"},
    {"platform": "facebook", "external_id": "r-1", "direction": "out", "parent_id": "c-1",
     "text": "Hi Pat, please DM us your plan.", "created_at": "2026-11-16T09:45:00-05:00", "thread_id": "post-1"},
    {"platform": "facebook", "external_id": "c-2", "text": "Thanks, sent.", "parent_id": "r-1",
     "created_at": "2026-11-16T10:00:00-05:00", "author": {"id": "u1", "handle": "pat"}, "thread_id": "post-1"},
    {"platform": "facebook", "external_id": "r-2", "direction": "out", "parent_id": "c-2",
     "text": "Got it!", "created_at": "2026-11-16T10:05:00-05:00", "thread_id": "post-1"},
]


def test_an_imported_thread_gives_exact_first_response_minutes(
        transactional_db: Any, northwind: Client, victor: User, tmp_path: Path) -> None:
    report = import_file(write_jsonl(tmp_path / "history.jsonl", THREAD), northwind)
    assert (report.imported, report.errors) == (4, [])
    replies = Mention.objects.filter(direction=Direction.OUTBOUND)
    assert replies.count() == 2 and all(m.case_id is not None for m in replies)
    assert replies.get(external_id="r-1").author.handle == "NorthwindRx"  # the channel's own account
    refresh()
    client = HttpClient()
    client.force_login(victor)
    body = client.get("/api/v1/reports/summary?client=northwind&from=2026-11-13&to=2026-11-13").json()
    assert body["first_response_minutes"] == {
        "business": {"p50": 75, "p90": 75, "mean": 75.0},
        "calendar": {"p50": 3855, "p90": 3855, "mean": 3855.0},
    }
    assert (body["mentions"], body["replied"], body["cases"]) == (1, 1, 1)
    # The follow-up on Monday is a message of that day; it joins the open case.
    monday = client.get("/api/v1/reports/summary?client=northwind&from=2026-11-16&to=2026-11-16").json()
    assert (monday["mentions"], monday["cases"]) == (1, 0)


def test_a_brand_reply_without_a_parent_or_with_an_unknown_direction_is_rejected(
        transactional_db: Any, northwind: Client, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "bad.jsonl", [
        {**THREAD[1], "parent_id": ""},
        {**THREAD[0], "external_id": "c-9", "direction": "sideways"},
    ])
    report = import_file(path, northwind)
    assert report.imported == 0
    assert [e.line for e in report.errors] == [1, 2]
    assert "needs parent_id" in report.errors[0].reason
    assert "unknown direction" in report.errors[1].reason


def _get(user: User, query: str) -> Any:
    client = HttpClient()
    client.force_login(user)
    return client.get("/api/v1/reports/summary" + query)


def test_the_summary_has_every_field_of_the_contract(victor: User) -> None:
    body = _get(victor, "?client=northwind&from=2026-11-01&to=2026-11-30").json()
    for key in ("mentions", "replied", "first_response_minutes", "answered_within_target_pct",
                "answered_within_target_business_pct", "target_minutes", "safety", "clicks", "sentiment"):
        assert key in body, key
    assert set(body["first_response_minutes"]) == {"business", "calendar"}
    assert {"p50", "p90"} <= set(body["first_response_minutes"]["business"])
    assert {"flagged", "forwarded", "forwarded_on_time_pct", "late"} <= set(body["safety"])
    assert set(body["sentiment"]) == {"negative", "neutral", "positive"}
    assert (body["client"], body["from"], body["to"], body["target_minutes"]) == (
        "northwind", "2026-11-01", "2026-11-30", 240)


def test_a_client_s_viewer_sees_only_that_client_and_another_client_s_slug_is_a_404(
        victor: User, contoso: Client, make_mention: MentionFactory) -> None:
    assert _get(victor, "?client=contoso").status_code == 404
    assert _get(victor, "?client=no-such-client").status_code == 404
    body = _get(victor, "").json()
    assert [c["client"] for c in body["clients"]] == ["northwind"]


def test_the_agency_sees_every_client_and_their_total(
        admin: User, northwind: Client, contoso: Client, make_mention: MentionFactory) -> None:
    from datetime import UTC, datetime

    make_mention(northwind, "One", created=datetime(2026, 11, 17, 15, tzinfo=UTC))
    make_mention(contoso, "Two", created=datetime(2026, 11, 17, 12, tzinfo=UTC))
    make_mention(contoso, "Three", author="kim", created=datetime(2026, 11, 17, 13, tzinfo=UTC))
    refresh()
    body = _get(admin, "?from=2026-11-17&to=2026-11-17").json()
    assert {c["client"]: c["mentions"] for c in body["clients"]} == {"northwind": 1, "contoso": 2}
    assert body["total"]["mentions"] == 3
    assert _get(admin, "?client=contoso&from=2026-11-17&to=2026-11-17").json()["mentions"] == 2


def test_a_bad_period_is_a_422(victor: User) -> None:
    assert _get(victor, "?client=northwind&from=2026-11-30&to=2026-11-01").status_code == 422
    assert _get(victor, "?client=northwind&from=yesterday").status_code == 422
