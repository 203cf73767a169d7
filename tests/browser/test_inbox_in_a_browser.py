"""The inbox in a real browser: Debian's Chromium driven by Playwright against the live server.

Every test fails on any console error, uncaught page error or Content-Security-Policy
violation, so a template or script that breaks the CSP (an inline style, an eval-based htmx
trigger filter, ...) is caught here. Screenshots land in test-artifacts/ for a human to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from carewatch.audit.models import AuditEvent
from carewatch.inbox.models import Case, Note
from carewatch.tenancy.models import Client, User
from tests.conftest import PASSWORD, MentionFactory, chromium_path, need

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # the dev extra is not installed
    expect = sync_playwright = None  # type: ignore[assignment]

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
TIMEOUT_MS = 10_000

# (platform, author, text): Northwind's queue as an agent sees it on a Monday morning.
NORTHWIND_MENTIONS = [
    ("facebook", "pat", "Is Glucavio covered by my insurance?"),
    ("facebook", "rosa", "My Glucavio pen arrived with a cracked cap, what do I do?"),
    ("facebook", "lee", "Where can I find the refill schedule for the pen?"),
    ("facebook", "sam_k", "Thanks for the quick reply yesterday, you were very helpful!"),
    ("facebook", "dana", "The pharmacy says Glucavio is out of stock in Ohio"),
    ("facebook", "omar", "Does the savings card work with Medicare?"),
    ("facebook", "june", "Which pharmacies near Denver have the starter kit?"),
    ("x", "mike", "@northwind_rx your helpline kept me on hold for an hour"),
    ("x", "tara", "Any news about the Glucavio shortage?"),
    ("x", "ben", "Love the new patient app, the dosing reminders are very clear"),
    ("x", "ines", "Can I travel abroad with the pen in my luggage?"),
    ("x", "carlos", "Is there a Spanish leaflet for Glucavio?"),
]


@dataclass
class Desk:
    alice: User
    northwind: Client
    cases: dict[str, Case]  # by author handle
    contoso_case: Case


@pytest.fixture
def desk(northwind: Client, contoso: Client, alice: User, make_mention: MentionFactory) -> Desk:
    cases = {}
    for platform, author, text in NORTHWIND_MENTIONS:
        mention = make_mention(northwind, text, platform=platform, author=author)
        assert mention.case is not None
        cases[author] = mention.case
    secret = make_mention(contoso, "Contoso only: my thermometer stopped working", author="zed")
    assert secret.case is not None
    return Desk(alice=alice, northwind=northwind, cases=cases, contoso_case=secret.case)


@dataclass
class Problems:
    """What the browser reported that a clean page never reports."""

    items: list[str] = field(default_factory=list)

    def check(self) -> None:
        assert not self.items, "the browser reported problems:\n" + "\n".join(self.items)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    need(sync_playwright is not None, "playwright is not installed (pip install -e '.[dev]')")
    need(chromium_path() is not None, "Debian chromium is not installed (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def problems() -> Problems:
    return Problems()


@pytest.fixture
def page(browser: Any, live_server: Any, problems: Problems) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1440, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.expose_binding(
        "__carewatchCspViolation", lambda source, text: problems.items.append(f"CSP violation: {text}")
    )
    # Runs before any page script; init scripts are exempt from the page's CSP.
    context.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => window.__carewatchCspViolation("
        "e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));"
    )
    page = context.new_page()

    def on_console(message: Any) -> None:
        if message.type == "error":
            problems.items.append(f"console error: {message.text}")

    def on_response(response: Any) -> None:
        if response.status >= 400:
            problems.items.append(f"HTTP {response.status} for {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: problems.items.append(f"uncaught exception: {exc}"))
    page.on("response", on_response)
    yield page
    context.close()
    problems.check()


def log_in(page: Any, email: str = "alice@agency.test", shot: str = "") -> None:
    page.goto("/login/")
    if shot:
        screenshot(page, shot)
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/inbox/$"))


def row(page: Any, case: Case) -> Any:
    return page.locator(f'tr.case-row[data-case-id="{case.pk}"]')


def shown_case_ids(page: Any) -> list[int]:
    return [int(i) for i in page.locator("tr.case-row").evaluate_all("rs => rs.map(r => r.dataset.caseId)")]


def selected_case_id(page: Any) -> int | None:
    ids = page.locator("tr.case-row.selected").evaluate_all("rs => rs.map(r => r.dataset.caseId)")
    assert len(ids) <= 1, f"more than one row is selected: {ids}"
    return int(ids[0]) if ids else None


def screenshot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def test_an_agent_logs_in_finds_a_case_and_works_it_until_it_is_closed(
    page: Any, desk: Desk, problems: Problems
) -> None:
    log_in(page, shot="login.png")

    # The queue: every Northwind case, nothing of Contoso's.
    assert sorted(shown_case_ids(page)) == sorted(c.pk for c in desk.cases.values())
    assert row(page, desk.contoso_case).count() == 0
    assert "Contoso" not in page.locator("table.queue").inner_text()
    screenshot(page, "queue.png")

    # Filter by platform.
    page.get_by_label("Platform").select_option("x")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"platform=x"))
    x_cases = {c.pk for c in desk.cases.values() if c.platform == "x"}
    assert set(shown_case_ids(page)) == x_cases and len(x_cases) == 5
    assert set(page.locator("tr.case-row .platform").all_inner_texts()) == {"X"}

    # Full-text search, reached with "/" from the keyboard.
    page.get_by_role("link", name="Reset").click()
    page.wait_for_url(re.compile(r"/inbox/$"))
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "search"
    page.keyboard.type("luggage")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=luggage"))
    case = desk.cases["ines"]
    assert shown_case_ids(page) == [case.pk]

    # Another client's words find nothing.
    page.locator("#search").fill("thermometer")
    page.locator("#search").press("Enter")
    page.wait_for_url(re.compile(r"q=thermometer"))
    assert shown_case_ids(page) == []
    assert page.locator("#rows .empty").is_visible()
    page.go_back()
    page.wait_for_url(re.compile(r"q=luggage"))

    # Open the case by clicking its row (not the link, not the checkbox).
    row(page, case).locator("td").nth(1).click()
    page.wait_for_url(re.compile(rf"/inbox/case/{case.pk}/"))
    assert page.locator("h1").inner_text().startswith(f"Case {case.pk}")
    assert "luggage" in page.locator(".messages-list").inner_text()

    # Assign to me with "a".
    with page.expect_navigation():
        page.keyboard.press("a")
    assert page.locator("#assignee option:checked").inner_text() == desk.alice.display_name

    # Tag: "t" focuses the tag field.
    page.keyboard.press("t")
    assert page.evaluate("document.activeElement.id") == "tag-input"
    page.keyboard.type("Travel")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "travel" in page.locator("#case-tags").inner_text()

    # An internal note; typing "c" in it must not close the case.
    page.get_by_label("Add an internal note").fill("Checked the travel leaflet; customer called back.")
    page.get_by_role("button", name="Add note").click()
    page.wait_for_load_state()
    assert "Checked the travel leaflet" in page.locator(".notes").inner_text()
    screenshot(page, "case.png")

    # Close with "c".
    with page.expect_navigation():
        page.keyboard.press("c")
    assert page.locator("h1 .status").inner_text() == "Closed"

    # Back to the queue the agent came from ("u"): the search is kept, the closed case is gone.
    with page.expect_navigation():
        page.keyboard.press("u")
    assert "q=luggage" in page.url
    assert page.locator("#search").input_value() == "luggage"
    assert shown_case_ids(page) == []

    case.refresh_from_db()
    assert case.status == "closed"
    assert case.assignee_id == desk.alice.pk
    assert "travel" in set(case.tags.values_list("name", flat=True))
    assert Note.objects.filter(case=case, author=desk.alice).count() == 1
    actions = set(
        AuditEvent.objects.filter(object_id=str(case.pk), actor=desk.alice).values_list("action", flat=True)
    )
    assert {"case.assign", "case.tag", "case.note", "case.status"} <= actions
    problems.check()


def test_j_and_k_move_the_selection_and_question_mark_opens_the_shortcuts(
    page: Any, desk: Desk, problems: Problems
) -> None:
    log_in(page)
    ids = shown_case_ids(page)
    assert selected_case_id(page) is None

    page.keyboard.press("j")
    assert selected_case_id(page) == ids[0]
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert selected_case_id(page) == ids[2]
    page.keyboard.press("k")
    assert selected_case_id(page) == ids[1]
    page.keyboard.press("k")
    page.keyboard.press("k")  # stays on the first row
    assert selected_case_id(page) == ids[0]

    # "x" selects the current case for a bulk action.
    page.keyboard.press("x")
    assert page.locator(f'tr.case-row[data-case-id="{ids[0]}"] input[name="case"]').is_checked()
    assert page.locator("#selected-count").inner_text() == "1 selected"

    help_dialog = page.locator("dialog#help")
    assert not help_dialog.is_visible()
    page.keyboard.press("?")
    assert help_dialog.is_visible()
    screenshot(page, "queue-help.png")
    assert "next / previous case" in help_dialog.inner_text()
    page.keyboard.press("j")  # shortcuts are off while the help is open
    assert selected_case_id(page) == ids[0]
    page.keyboard.press("Escape")
    assert not help_dialog.is_visible()

    # "o" opens the selected case; the way back keeps the selection.
    page.keyboard.press("j")
    with page.expect_navigation():
        page.keyboard.press("o")
    assert f"/inbox/case/{ids[1]}/" in page.url
    with page.expect_navigation():
        page.keyboard.press("u")
    assert selected_case_id(page) == ids[1]
    problems.check()


def test_two_cases_checked_in_the_queue_are_assigned_to_me_in_one_bulk_action(
    page: Any, desk: Desk, problems: Problems
) -> None:
    log_in(page)
    first, second = desk.cases["rosa"], desk.cases["tara"]
    assert page.locator("#bulk-apply").is_disabled()  # nothing selected yet

    # The header box checks the whole page, and unchecks it again.
    page.locator("#select-all").check()
    assert page.locator("#selected-count").inner_text() == f"{len(desk.cases)} selected"
    page.locator("#select-all").uncheck()
    assert page.locator("#selected-count").inner_text() == "0 selected"

    for case in (first, second):
        row(page, case).locator('input[name="case"]').check()
    assert page.url.endswith("/inbox/")  # a checkbox never opens the case
    assert page.locator("#selected-count").inner_text() == "2 selected"
    assert page.locator("#bulk-apply").is_enabled()
    page.keyboard.press("j")  # shortcuts still work with the focus on a checkbox
    assert selected_case_id(page) == shown_case_ids(page)[0]
    screenshot(page, "queue-bulk.png")

    page.get_by_label("Bulk action").select_option("assign")
    with page.expect_navigation():
        page.locator("#bulk-apply").click()
    assert "2 case(s) updated." in page.locator(".messages").inner_text()
    for case in (first, second):
        assert row(page, case).locator("td.assignee").inner_text() == desk.alice.display_name

    assigned = set(Case.objects.filter(assignee=desk.alice).values_list("pk", flat=True))
    assert assigned == {first.pk, second.pk}
    audited = set(
        AuditEvent.objects.filter(action="case.assign", actor=desk.alice).values_list("object_id", flat=True)
    )
    assert audited == {str(first.pk), str(second.pk)}
    problems.check()


def test_the_polling_refresh_keeps_the_selected_row_and_the_checked_boxes(
    page: Any, desk: Desk, problems: Problems, make_mention: MentionFactory
) -> None:
    page.clock.install()  # the 20 s poll is htmx's own timer; the test moves the clock instead of waiting
    log_in(page)
    refreshes: list[str] = []

    def on_request(request: Any) -> None:
        if "partial=rows" in request.url:
            refreshes.append(request.url)

    page.on("request", on_request)

    def mark_rows() -> None:
        page.locator("tr.case-row").evaluate_all("rs => rs.forEach(r => r.dataset.old = '1')")

    def rows_were_replaced() -> bool:
        return page.locator("tr.case-row[data-old]").count() == 0

    page.keyboard.press("j")
    page.keyboard.press("j")
    selected = selected_case_id(page)
    assert selected is not None

    # A new mention arrives; the next poll shows it and the selection stays where it was.
    fresh = make_mention(desk.northwind, "Just got my first Glucavio delivery", author="nora")
    mark_rows()
    with page.expect_response(lambda r: "partial=rows" in r.url):
        page.clock.fast_forward("00:21")
    expect(page.locator("tr.case-row[data-old]")).to_have_count(0)
    assert fresh.case_id in shown_case_ids(page)
    assert selected_case_id(page) == selected

    # With cases checked for a bulk action the poll pauses: the rows do not move under the user.
    checked = [desk.cases["lee"].pk, desk.cases["ben"].pk]
    for pk in checked:
        page.locator(f'tr.case-row[data-case-id="{pk}"] input[name="case"]').check()
    mark_rows()
    before = len(refreshes)
    page.clock.fast_forward("00:21")
    page.wait_for_timeout(300)
    assert len(refreshes) == before and not rows_were_replaced()

    # An explicit refresh still happens, and keeps the checked boxes and the selection.
    with page.expect_response(lambda r: "partial=rows" in r.url):
        page.evaluate("htmx.trigger('#rows', 'carewatch:refresh')")
    expect(page.locator("tr.case-row[data-old]")).to_have_count(0)
    now_checked = page.locator('tr.case-row input[name="case"]:checked').evaluate_all("cs => cs.map(c => +c.value)")
    assert sorted(now_checked) == sorted(checked)
    assert page.locator("#selected-count").inner_text() == "2 selected"
    assert selected_case_id(page) == selected

    # Unchecked again, the poll resumes; a hidden tab pauses it too.
    for pk in checked:
        page.locator(f'tr.case-row[data-case-id="{pk}"] input[name="case"]').uncheck()
    page.evaluate("Object.defineProperty(document, 'visibilityState', {value: 'hidden', configurable: true})")
    before = len(refreshes)
    page.clock.fast_forward("00:21")
    page.wait_for_timeout(300)
    assert len(refreshes) == before
    page.evaluate("delete document.visibilityState")
    with page.expect_response(lambda r: "partial=rows" in r.url):
        page.clock.fast_forward("00:21")

    # Links in refreshed rows still lead back to the queue page, not to the partial.
    href = row(page, desk.cases["pat"]).get_attribute("data-href")
    assert href is not None and "partial" not in href
    problems.check()
