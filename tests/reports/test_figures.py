"""Report figures with hand-computed expectations. Northwind is in America/New_York and open
Monday to Friday, 09:00-18:00 (tests/conftest.py)."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

import time_machine

from carewatch.inbox import actions as inbox_actions
from carewatch.inbox.models import Mention
from carewatch.replies.models import OutboundAction, OutboundStatus, Verb
from carewatch.reports.figures import Period, client_summary
from carewatch.reports.models import CaseFact, DailyRollup
from carewatch.reports.rollups import rebuild, refresh
from carewatch.reports.totals import percentile
from carewatch.safety import actions as safety_actions
from carewatch.safety.models import SafetyCase
from carewatch.tenancy.models import Client, Role, User
from tests.conftest import MentionFactory, make_user

AE_TEXT = "Since starting Glucavio I have terrible nausea and headaches"


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def day(text: str) -> Period:
    from datetime import date

    return Period(date.fromisoformat(text), date.fromisoformat(text))


def ask_and_answer(make_mention: MentionFactory, client: Client, asked: str, answered: str,
                   author: str = "pat") -> Mention:
    question = make_mention(client, "Is Glucavio covered by my insurance?", author=author, created=utc(asked))
    make_mention(client, "Hi! Please send us a DM so we can help.", author="NorthwindRx", direction="out",
                 parent=question.external_id, thread=question.thread_key, created=utc(answered))
    return question


def fact(question: Mention) -> CaseFact:
    return CaseFact.objects.get(case_id=question.case_id)


def test_a_reply_across_a_weekend_counts_two_days_of_calendar_time_and_75_business_minutes(
        northwind: Client, make_mention: MentionFactory) -> None:
    # Friday 13 Nov 2026 17:30 EST (22:30Z) -> Monday 16 Nov 09:45 EST (14:45Z).
    question = ask_and_answer(make_mention, northwind, "2026-11-13T22:30:00", "2026-11-16T14:45:00")
    refresh()
    assert fact(question).calendar_minutes == 2 * 24 * 60 + 16 * 60 + 15 == 3855
    assert fact(question).business_minutes == 30 + 45
    figures = client_summary(northwind, day("2026-11-13"))
    assert figures["first_response_minutes"]["calendar"] == {"p50": 3855, "p90": 3855, "mean": 3855.0}
    assert figures["first_response_minutes"]["business"] == {"p50": 75, "p90": 75, "mean": 75.0}
    # The customer waited 64 hours: missed against 4 hours; within 4 business hours.
    assert figures["answered_within_target_pct"] == 0.0
    assert figures["answered_within_target_business_pct"] == 100.0
    assert (figures["mentions"], figures["replied"], figures["target_minutes"]) == (1, 1, 240)


def test_a_holiday_is_closed_all_day_for_business_minutes(northwind: Client, make_mention: MentionFactory) -> None:
    northwind.holidays = ["2026-11-26"]  # Thanksgiving, a Thursday
    northwind.save()
    # Wednesday 25 Nov 16:00 EST -> Friday 27 Nov 10:00 EST: 42 h; open 2 h Wed + 0 Thu + 1 h Fri.
    question = ask_and_answer(make_mention, northwind, "2026-11-25T21:00:00", "2026-11-27T15:00:00")
    refresh()
    assert fact(question).calendar_minutes == 42 * 60
    assert fact(question).business_minutes == 180


def test_a_reply_across_the_end_of_daylight_saving_time_counts_the_real_elapsed_time(
        northwind: Client, make_mention: MentionFactory) -> None:
    # Friday 30 Oct 2026 17:00 EDT (21:00Z); clocks go back on Sunday 1 Nov; Monday 2 Nov 10:00
    # EST (15:00Z). The wall clock says 65 hours, the customer waited 66.
    question = ask_and_answer(make_mention, northwind, "2026-10-30T21:00:00", "2026-11-02T15:00:00")
    refresh()
    assert fact(question).calendar_minutes == 66 * 60
    assert fact(question).business_minutes == 60 + 60
    assert fact(question).day.isoformat() == "2026-10-30"


def test_the_local_day_decides_the_period_not_the_utc_day(northwind: Client, make_mention: MentionFactory) -> None:
    # 02:30Z on 17 Nov is 21:30 on 16 Nov in New York.
    make_mention(northwind, "Late question", created=utc("2026-11-17T02:30:00"))
    refresh()
    assert client_summary(northwind, day("2026-11-16"))["mentions"] == 1
    assert client_summary(northwind, day("2026-11-17"))["mentions"] == 0


def _sent(question: Mention, agent: User, at: str) -> OutboundAction:
    return OutboundAction.objects.create(
        client_id=question.client_id, channel_id=question.channel_id, case_id=question.case_id, mention=question,
        verb=Verb.REPLY, target_external_id=question.external_id, body="We are on it.",
        idempotency_key=secrets.token_hex(8), status=OutboundStatus.SENT, sent_at=utc(at), created_by=agent,
        external_id=f"sent-{secrets.token_hex(4)}")


def test_a_case_answered_by_two_agents_counts_once_with_the_first_reply_and_its_agent(
        northwind: Client, make_mention: MentionFactory, alice: User) -> None:
    ben = make_user("ben@agency.test", Role.AGENT, northwind)
    # Tuesday 17 Nov 10:00 EST; alice answers at 10:30, ben at 11:30.
    question = make_mention(northwind, "Where can I buy it?", created=utc("2026-11-17T15:00:00"))
    _sent(question, alice, "2026-11-17T15:30:00")
    _sent(question, ben, "2026-11-17T16:30:00")
    refresh()
    facts = fact(question)
    assert (facts.calendar_minutes, facts.business_minutes, facts.replies) == (30, 30, 2)
    assert facts.first_reply_agent_id == alice.pk
    figures = client_summary(northwind, day("2026-11-17"))
    assert (figures["replied"], figures["cases"]) == (1, 1)
    assert figures["first_response_minutes"]["calendar"]["p50"] == 30
    assert figures["answered_within_target_pct"] == 100.0


def test_spam_is_left_out_and_an_unanswered_case_counts_as_missed(
        northwind: Client, make_mention: MentionFactory, sam: User) -> None:
    ask_and_answer(make_mention, northwind, "2026-11-18T15:00:00", "2026-11-18T15:10:00", author="ann")
    make_mention(northwind, "Still waiting", author="bea", created=utc("2026-11-18T16:00:00"))
    spam = make_mention(northwind, "Buy followers cheap", author="spammer", created=utc("2026-11-18T17:00:00"))
    refresh()
    assert spam.case is not None
    inbox_actions.do_set_status(sam, spam.case, "closed", "spam")
    summary = refresh()
    assert summary.cases == 1  # only the closed case is derived again, from its audit event
    figures = client_summary(northwind, day("2026-11-18"))
    assert (figures["mentions"], figures["cases"], figures["cases_needing_reply"]) == (3, 3, 2)
    assert figures["answered_within_target_pct"] == 50.0
    assert figures["unanswered"] == 1


def test_a_late_ae_forward_is_named_and_counts_against_on_time(
        northwind: Client, make_mention: MentionFactory, alice: User) -> None:
    northwind.settings = {"safety": {"pv_forward_to": ["pv@northwind.test"]}}
    northwind.save()
    with time_machine.travel(utc("2026-11-18T15:00:00"), tick=False):
        on_time = make_mention(northwind, AE_TEXT, author="early", created=utc("2026-11-18T14:59:00"))
        late = make_mention(northwind, AE_TEXT + " again", author="later", created=utc("2026-11-18T14:59:30"))
    first = SafetyCase.objects.get(links__mention=on_time)
    second = SafetyCase.objects.get(links__mention=late)
    with time_machine.travel(first.forward_due - timedelta(hours=1), tick=False):
        safety_actions.do_forward(alice, first, ["pv@northwind.test"])
    with time_machine.travel(second.forward_due + timedelta(minutes=90), tick=False):
        safety_actions.do_forward(alice, second, ["pv@northwind.test"])
        refresh()
        figures = client_summary(northwind, day("2026-11-18"))
    safety: dict[str, Any] = figures["safety"]
    assert (safety["flagged"], safety["forwarded"], safety["late"]) == (2, 2, 1)
    assert safety["forwarded_on_time_pct"] == 50.0
    assert [(c["reference"], c["minutes_late"]) for c in safety["late_cases"]] == [(second.reference, 90)]


def test_an_incremental_refresh_gives_the_same_rows_as_a_rebuild(
        northwind: Client, contoso: Client, make_mention: MentionFactory) -> None:
    question = make_mention(northwind, "First question", created=utc("2026-11-19T15:00:00"))
    make_mention(contoso, "A question for Contoso", created=utc("2026-11-19T10:00:00"))
    refresh()
    assert client_summary(northwind, day("2026-11-19"))["replied"] == 0
    make_mention(northwind, "Answer", author="NorthwindRx", direction="out", parent=question.external_id,
                 thread=question.thread_key, created=utc("2026-11-19T15:20:00"))
    refresh()
    incremental = sorted(DailyRollup.objects.values_list(
        "client_id", "platform", "day", "mentions", "cases", "replied", "calendar_hist", "business_hist"))
    assert client_summary(northwind, day("2026-11-19"))["first_response_minutes"]["calendar"]["p50"] == 20
    rebuild()
    assert sorted(DailyRollup.objects.values_list(
        "client_id", "platform", "day", "mentions", "cases", "replied", "calendar_hist", "business_hist")) == incremental


def test_percentiles_are_nearest_rank_over_whole_minutes() -> None:
    from carewatch.reports.totals import Totals

    t = Totals()
    t.add_row({**dict.fromkeys(("mentions", "hidden", "removed", "sentiment_negative", "sentiment_neutral",
                                "sentiment_positive", "cases", "counted", "replied", "answered", "calendar_sum",
                                "business_sum", "safety_cases", "clicks", "bot_clicks"), 0),
               "by_kind": {}, "agents": {}, "business_hist": {}, "heat": {},
               "calendar_hist": {"k": [10, 20, 300], "n": [4, 4, 2]}})  # ten cases
    assert percentile(t.calendar, 50) == 20  # the 5th value
    assert percentile(t.calendar, 90) == 300  # the 9th value
    assert percentile(t.business, 50) is None


def test_the_previous_period_is_as_long_and_ends_the_day_before(northwind: Client) -> None:
    figures = client_summary(northwind, Period(*map(__import__("datetime").date.fromisoformat,
                                                    ("2026-11-08", "2026-11-14"))))
    assert (figures["previous"]["from"], figures["previous"]["to"]) == ("2026-11-01", "2026-11-07")


def test_whole_months_read_from_monthly_rows_give_the_same_figures_as_the_days(
        northwind: Client, make_mention: MentionFactory) -> None:
    from datetime import date

    from carewatch.reports.models import MonthlyRollup

    ask_and_answer(make_mention, northwind, "2026-10-30T21:00:00", "2026-11-02T15:00:00", author="a")  # 3960 / 120
    ask_and_answer(make_mention, northwind, "2026-11-13T22:30:00", "2026-11-16T14:45:00", author="b")  # 3855 / 75
    ask_and_answer(make_mention, northwind, "2026-11-17T15:00:00", "2026-11-17T15:30:00", author="c")  # 30 / 30
    ask_and_answer(make_mention, northwind, "2026-12-01T15:00:00", "2026-12-01T15:10:00", author="d")  # 10 / 10
    refresh()
    assert MonthlyRollup.objects.filter(client=northwind, platform="").count() == 3
    whole = client_summary(northwind, Period(date(2026, 10, 1), date(2026, 11, 30)))
    ragged = client_summary(northwind, Period(date(2026, 10, 29), date(2026, 11, 30)))
    assert whole["first_response_minutes"] == ragged["first_response_minutes"] == {
        "calendar": {"p50": 3855, "p90": 3960, "mean": round((3960 + 3855 + 30) / 3, 1)},
        "business": {"p50": 75, "p90": 120, "mean": 75.0},
    }
    assert (whole["mentions"], whole["replied"]) == (3, 3)
    around = client_summary(northwind, Period(date(2026, 9, 20), date(2026, 12, 10)))
    # 10, 30, 3855, 3960: the 2nd of 4 is the median by nearest rank
    assert (around["mentions"], around["first_response_minutes"]["calendar"]["p50"]) == (4, 30)


def test_a_client_without_a_report_target_is_measured_against_the_one_first_response_default(
        northwind: Client) -> None:
    from carewatch.reports.rollups import target_minutes
    from carewatch.sla.policy import sla_policy_for

    northwind.settings = {}
    assert target_minutes(northwind) == sla_policy_for(northwind).terms("", 2).first_response_minutes == 240
    northwind.settings = {"reports": {"target_minutes": 90}}
    assert target_minutes(northwind) == 90


def test_a_mention_waiting_for_triage_is_counted_once_screened_with_its_sentiment(northwind: Client) -> None:
    from carewatch.inbox.ingest import apply_changes, run_triage
    from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange
    from carewatch.tenancy.models import Channel

    channel = Channel.objects.filter(client=northwind, platform="facebook").first()
    assert channel is not None
    change = MentionChange(
        change=ChangeKind.UPSERT, channel_id=channel.id, platform="facebook", external_id="waiting-1",
        kind="comment", direction="in", text="I love Glucavio, it changed my life, thank you!",
        author=AuthorRef(external_id="id-pat", handle="pat", name="Pat"), created_at=utc("2026-11-16T15:00:00"),
        thread_key="waiting-1", language="en")
    with time_machine.travel(utc("2026-11-16T15:00:05"), tick=False):
        [mention] = apply_changes([change])  # stored; the triage task has not run yet
        refresh()
        assert not DailyRollup.objects.filter(client=northwind, day="2026-11-16", mentions__gt=0).exists()
        run_triage([Mention.objects.get(pk=mention.pk)])
        refresh()
        refresh()  # nothing new: counted once
    cell = DailyRollup.objects.get(client=northwind, platform="", day="2026-11-16")
    assert cell.mentions == 1
    assert cell.sentiment_positive + cell.sentiment_neutral + cell.sentiment_negative == 1
    assert CaseFact.objects.filter(case_id=mention.case_id).exists()
