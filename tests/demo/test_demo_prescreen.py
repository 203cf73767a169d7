"""The demo's triage screened on the other core (``demo.prescreen``): the same results as in place."""

from __future__ import annotations

from typing import Any

import pytest

from carewatch.demo.prescreen import Screener, screening_helper
from carewatch.triage import engine
from carewatch.triage.context import ProductTerms, ScreenContext
from carewatch.triage.detectors import spam
from carewatch.triage.hook import screen_mentions  # noqa: F401 - the module whose screen is replaced

CONTEXT = ScreenContext(products=(ProductTerms("Lumira", "lumiratide", ("lumi",), ("diabetes",)),),
                        sponsorship="owned", client_id=987654)
TEXTS = [
    "I started Lumira last week and now I have a terrible rash on my arms, is that normal?",
    "My son took two Lumira pens by mistake and he is vomiting, we are going to the ER",
    "Great customer service today, thank you!",
    "¿Alguien sabe si Lumira está cubierto por el seguro? Mi farmacia no lo tiene",
    "Get FREE Lumira without prescription!!! visit www.cheap-pens.example/buy now $9.99 deal",
]
CAMPAIGN = "Lumira gave me headaches every single day for a month and nobody at the company will answer me #LumiraLies"


@pytest.fixture(autouse=True)
def _no_campaign_index() -> Any:
    spam.forget_all()
    yield
    spam.forget_all()


def as_dict(result: Any) -> Any:
    return result.as_contract(1)


def test_results_screened_ahead_and_asked_for_equal_screening_in_place() -> None:
    expected = [as_dict(engine.screen(text, CONTEXT)) for text in TEXTS]
    with screening_helper() as screener:
        screener.plan([(text, CONTEXT) for text in TEXTS[:3]])  # the last two are not planned: asked for
        assert screener.wait_idle(timeout=120)
        got = [as_dict(screener.screen(text, CONTEXT)) for text in TEXTS]
        again = as_dict(screener.screen(TEXTS[0], CONTEXT))
    assert got == expected
    assert again == expected[0]  # each use is its own copy
    assert screener.in_place == 0
    assert screener.used + screener.asked == len(TEXTS) + 1


def test_a_campaign_text_is_screened_with_the_loaders_campaign_index() -> None:
    for author in ("a1", "a2", "a3", "a4"):
        spam.remember(CONTEXT.client_id, CAMPAIGN + f" ({author})", author, 1000.0, author)
    expected = engine.screen(CAMPAIGN, CONTEXT)
    assert any(f.label == "spam" and "campaign" in f.details.get("kinds", []) for f in expected.findings)
    with screening_helper() as screener:
        screener.plan([(CAMPAIGN, CONTEXT)])  # screened ahead without the index: not used for this text
        assert screener.wait_idle(timeout=120)
        got = screener.screen(CAMPAIGN, CONTEXT)
    assert as_dict(got) == as_dict(expected)
    assert screener.used == 0 and screener.asked == 1


def test_what_the_busy_helper_has_not_screened_yet_the_loader_screens_the_same_itself() -> None:
    texts = [f"{text} ({n})" for n in range(40) for text in TEXTS]
    with screening_helper() as screener:
        screener.plan([(text, CONTEXT) for text in texts])  # the helper is still readying the triage
        got = as_dict(screener.screen(texts[-1], CONTEXT))
    assert got == as_dict(engine.screen(texts[-1], CONTEXT))
    assert screener.used + screener.asked + screener.in_place == 1


def test_without_a_helper_the_loader_screens_in_place() -> None:
    screener = Screener(None)
    assert as_dict(screener.screen(TEXTS[0], CONTEXT)) == as_dict(engine.screen(TEXTS[0], CONTEXT))
    assert screener.in_place == 1


def test_a_helper_that_died_leaves_the_loader_screening_in_place() -> None:
    with screening_helper() as screener:
        assert screener.conn is not None
        screener.conn.send(None)  # the helper stops
        result = screener.screen(TEXTS[1], CONTEXT)
    assert as_dict(result) == as_dict(engine.screen(TEXTS[1], CONTEXT))
    assert screener.in_place == 1
