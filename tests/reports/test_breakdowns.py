"""Breakdowns by platform, channel, agent, team, tag and language, with hand-computed figures and
links to the cases behind them. Northwind is in America/New_York, open Mon-Fri 09:00-18:00."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.test import Client as HttpClient

from carewatch.inbox.models import Case, CaseTag, Mention, Tag
from carewatch.reports.breakdown import breakdown
from carewatch.reports.figures import Period
from carewatch.reports.rollups import rebuild
from carewatch.routing.models import CaseRouting
from carewatch.tenancy.models import Client, User
from tests.conftest import MentionFactory
from tests.reports.test_figures import _sent, utc

TUESDAY = Period(date(2026, 11, 17), date(2026, 11, 17))
RANGE = "client=northwind&from=2026-11-17&to=2026-11-17"


def _tag(case_id: int | None, *names: str) -> None:
    case = Case.objects.get(pk=case_id)
    for name in names:
        tag, _ = Tag.objects.get_or_create(client_id=case.client_id, name=name, defaults={"kind": Tag.Kind.TAG})
        CaseTag.objects.get_or_create(case=case, tag=tag)


def _three_cases(northwind: Client, make_mention: MentionFactory, alice: User) -> list[Mention]:
    # Tuesday 17 Nov 2026, 10:00 EST = 15:00Z.
    one = make_mention(northwind, "Is Glucavio covered?", author="ann", created=utc("2026-11-17T15:00:00"))
    _sent(one, alice, "2026-11-17T15:30:00")  # 30 min, by alice
    two = make_mention(northwind, "¿Dónde lo compro?", platform="x", author="bea", language="es",
                       created=utc("2026-11-17T16:00:00"))  # not answered
    three = make_mention(northwind, "Any coupon?", author="cy", created=utc("2026-11-17T17:00:00"))
    make_mention(northwind, "Here is the coupon page.", author="NorthwindRx", direction="out",
                 parent=three.external_id, thread=three.thread_key,
                 created=utc("2026-11-17T22:00:00"))  # 300 min, natively on the platform
    _tag(one.case_id, "insurance")
    _tag(two.case_id, "insurance", "coupon")
    _tag(three.case_id, "coupon")
    CaseRouting.objects.update_or_create(case_id=two.case_id, defaults={
        "client": northwind, "team": "spanish", "routed_at": utc("2026-11-17T16:00:00")})
    rebuild()
    return [one, two, three]


def _by(rows: list[dict[str, Any]], *keys: str) -> dict[str, tuple[Any, ...]]:
    return {r["name"]: tuple(r[k] for k in keys) for r in rows}


def test_the_breakdown_by_platform_and_by_language_counts_each_case_once(
        northwind: Client, make_mention: MentionFactory, alice: User) -> None:
    _three_cases(northwind, make_mention, alice)
    platform = _by(breakdown(northwind, TUESDAY, "platform"),
                   "mentions", "cases", "replied", "unanswered", "p50_calendar", "p90_calendar", "within_target_pct")
    # facebook: 30 and 300 minutes; nearest rank p50 = 30, p90 = 300; one of two within 240.
    assert platform == {"facebook": (2, 2, 2, 0, 30, 300, 50.0), "x": (1, 1, 0, 1, None, None, 0.0)}
    language = _by(breakdown(northwind, TUESDAY, "language"), "cases", "replied", "reply_rate_pct")
    assert language == {"en": (2, 2, 100.0), "es": (1, 0, 0.0)}
    team = _by(breakdown(northwind, TUESDAY, "team"), "cases")
    assert team == {"spanish": (1,), "(none)": (2,)}


def test_the_breakdown_by_agent_names_who_answered_first_and_the_cases_not_answered(
        northwind: Client, make_mention: MentionFactory, alice: User) -> None:
    _three_cases(northwind, make_mention, alice)
    agents = _by(breakdown(northwind, TUESDAY, "agent"), "cases", "p50_calendar", "p50_business")
    # the native reply: 12:00 -> 17:00 EST is 300 calendar minutes, 300 business minutes
    assert agents == {"Alice": (1, 30, 30), "(answered on the platform)": (1, 300, 300),
                      "(not answered yet)": (1, None, None)}
    channels = _by(breakdown(northwind, TUESDAY, "channel"), "cases")
    assert channels == {"Facebook @NorthwindRx": (2,), "X @northwind_rx": (1,)}


def test_a_case_counts_under_each_of_its_tags(northwind: Client, make_mention: MentionFactory, alice: User) -> None:
    _three_cases(northwind, make_mention, alice)
    tags = _by(breakdown(northwind, TUESDAY, "tag"), "cases", "replied", "unanswered")
    assert tags == {"coupon": (2, 1, 1), "insurance": (2, 1, 1)}


def test_the_numbers_of_a_breakdown_link_to_the_cases_behind_them(
        northwind: Client, make_mention: MentionFactory, alice: User, victor: User) -> None:
    one, two, three = _three_cases(northwind, make_mention, alice)
    web = HttpClient()
    web.force_login(victor)
    page = web.get(f"/reports/client/?{RANGE}&by=tag")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="table-breakdown"' in html and "by=tag&amp;value=coupon" in html
    listed = web.get(f"/reports/client/cases/?{RANGE}&figure=unanswered&by=tag&value=coupon")
    assert listed.status_code == 200
    body = listed.content.decode()
    assert f"#{two.case_id}<" in body and f"#{three.case_id}<" not in body and f"#{one.case_id}<" not in body
    assert '<span id="case-total">1</span>' in body
    by_language = web.get(f"/reports/client/?{RANGE}&by=language").content.decode()
    assert "/inbox/?client=northwind&amp;status=all&amp;lang=es" in by_language


def test_the_api_and_the_csv_give_the_breakdown_and_another_clients_user_gets_a_404(
        northwind: Client, make_mention: MentionFactory, alice: User, victor: User, bob: User) -> None:
    _three_cases(northwind, make_mention, alice)
    web = HttpClient()
    web.force_login(victor)
    body = web.get(f"/api/v1/reports/summary?{RANGE}&by=language").json()
    assert body["breakdown"]["by"] == "language"
    assert {r["value"]: r["cases"] for r in body["breakdown"]["rows"]} == {"en": 2, "es": 1}
    csv = web.get(f"/reports/client/report.csv?{RANGE}&by=agent&table=breakdown").content.decode()
    assert csv.splitlines()[0].startswith("Agent (first reply),Cases,")
    assert "Alice,1,1,1,100.0,0,30,30,30,30,100.0" in csv
    other = HttpClient()
    other.force_login(bob)
    assert other.get(f"/reports/client/?{RANGE}&by=tag").status_code == 404
    assert other.get(f"/reports/client/cases/?{RANGE}&by=tag&value=coupon").status_code == 404
    assert other.get(f"/api/v1/reports/summary?{RANGE}&by=tag").status_code == 404


def test_the_client_report_shows_programs_and_the_posts_published_in_the_period(
        northwind: Client, victor: User) -> None:
    import json

    from carewatch.content.models import Post
    from carewatch.reports.document import build, report_json

    # Published Tuesday 17 Nov 09:00 EST (in the period) and Wednesday 18 Nov 09:00 EST (not).
    shown = Post.objects.create(client=northwind, title="World Diabetes Day", status="published",
                                first_published_at=utc("2026-11-17T14:00:00"))
    Post.objects.create(client=northwind, title="Next day", status="published",
                        first_published_at=utc("2026-11-18T14:00:00"))
    doc = json.loads(report_json(build(northwind, TUESDAY)))
    assert [(p["post"], p["title"], p["comments"], p["clicks"]) for p in doc["posts"]] == [
        (shown.pk, "World Diabetes Day", 0, 0)]
    assert doc["programs"]["giveaway_entries"] == 0 and "influencer_posts_checked" in doc["programs"]
    web = HttpClient()
    web.force_login(victor)
    html = web.get(f"/reports/client/?{RANGE}").content.decode()
    assert 'id="table-posts"' in html and "World Diabetes Day" in html and "Next day" not in html
