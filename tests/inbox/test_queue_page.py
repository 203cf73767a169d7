"""The inbox queue page through Django's test client: what its links and filters carry."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

from django.test import Client as HttpClient

from carewatch.inbox.models import Case, CaseStatus
from carewatch.tenancy.models import Client, User
from tests.conftest import MentionFactory


def logged_in(user: User) -> HttpClient:
    client = HttpClient()
    client.force_login(user)
    return client


def test_the_way_back_from_a_case_keeps_every_filter_of_the_queue(northwind: Client, alice: User,
                                                                   make_mention: MentionFactory) -> None:
    mention = make_mention(northwind, "Is Glucavio covered by my insurance?", platform="facebook")
    assert mention.case is not None
    queue = logged_in(alice).get("/inbox/?client=northwind&platform=facebook&status=new").content.decode()
    href = html.unescape(re.search(rf'href="(/inbox/case/{mention.case.pk}/\?next=[^"]+)"', queue).group(1))  # type: ignore[union-attr]
    back = parse_qs(urlsplit(href).query)["next"][0]
    assert parse_qs(urlsplit(back).query) == {"client": ["northwind"], "platform": ["facebook"], "status": ["new"]}

    case_page = logged_in(alice).get(href).content.decode()
    back_link = html.unescape(re.search(r'<a href="([^"]+)" id="back">', case_page).group(1))  # type: ignore[union-attr]
    assert back_link == "/inbox/?client=northwind&platform=facebook&status=new"


def test_the_status_filter_open_lists_only_open_cases_and_stays_selected(northwind: Client, alice: User,
                                                                         make_mention: MentionFactory) -> None:
    opened = make_mention(northwind, "Does the savings card work with Medicare?", author="omar").case
    waiting = make_mention(northwind, "Where can I find the refill schedule?", author="lee").case
    assert opened is not None and waiting is not None
    Case.objects.filter(pk=opened.pk).update(status=CaseStatus.OPEN)
    Case.objects.filter(pk=waiting.pk).update(status=CaseStatus.WAITING)
    client = logged_in(alice)

    every_open = client.get("/inbox/").content.decode()
    assert "Does the savings card" in every_open and "refill schedule" in every_open
    options = re.findall(r'<option value="([^"]*)"', every_open.split('name="status"')[1].split("</select>")[0])
    assert len(options) == len(set(options)), f"two status options share a value: {options}"

    only_open = client.get("/inbox/", {"status": "open-only"}).content.decode()
    assert "Does the savings card" in only_open and "refill schedule" not in only_open
    assert re.search(r'<option value="open-only" selected>Open</option>', only_open)


def test_the_mine_filter_is_offered_to_people_who_work_cases_and_not_to_a_read_only_viewer(
        northwind: Client, alice: User, victor: User, make_mention: MentionFactory) -> None:
    make_mention(northwind, "Is Glucavio covered by my insurance?")
    assert 'name="mine"' in logged_in(alice).get("/inbox/").content.decode()
    assert 'name="mine"' not in logged_in(victor).get("/inbox/").content.decode()
