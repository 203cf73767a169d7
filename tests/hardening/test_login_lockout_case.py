"""Issue 17 finding 2: the log-in lock-out counts per account, whatever the e-mail's spelling."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.test import Client as HttpClient

from carewatch.tenancy.models import User
from tests.conftest import PASSWORD

WRONG = "wrong-horse-7c1e"
SPELLINGS = [
    "alice@agency.test", "Alice@agency.test", "ALICE@AGENCY.TEST", "alice@Agency.Test",
    " alice@agency.test", "alice@agency.test ", "aLiCe@aGeNcY.tEsT", "ALICE@agency.test",
]


def log_in(client: HttpClient, email: str, password: str) -> Any:
    return client.post("/login/", {"username": email, "password": password})


def test_eight_spellings_of_the_e_mail_times_four_guesses_are_locked_out_after_the_limit(alice: User) -> None:
    client = HttpClient()
    answers = [log_in(client, spelling, WRONG).status_code for spelling in SPELLINGS for _ in range(4)]
    limit = settings.AXES_FAILURE_LIMIT
    assert answers[:limit - 1] == [200] * (limit - 1)
    assert set(answers[limit - 1:]) == {429}, "every guess after the limit is refused, in any spelling"


def test_the_right_password_in_another_spelling_is_refused_during_the_lock_out(alice: User) -> None:
    client = HttpClient()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "alice@agency.test", WRONG)
    for spelling in SPELLINGS[1:]:
        response = log_in(client, spelling, PASSWORD)
        assert response.status_code == 429, spelling
        assert "_auth_user_id" not in client.session


def test_the_lock_out_in_one_spelling_still_lets_colleagues_log_in(alice: User, victor: User) -> None:
    client = HttpClient()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "ALICE@agency.test", WRONG)
    assert log_in(HttpClient(), "Victor@Agency.test", PASSWORD).status_code == 302


def test_a_success_in_another_spelling_resets_the_same_accounts_count(alice: User) -> None:
    client = HttpClient()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "ALICE@agency.test", WRONG)
    assert log_in(client, "alice@agency.test", PASSWORD).status_code == 302
    client = HttpClient()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "Alice@Agency.test", WRONG).status_code == 200
