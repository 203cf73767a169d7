"""Issue 10, third round: where the shipped model may vote, and the rules' general statements.

Both choices were made on the SMM4H 2020 *train* splits (numbers in the code's comments and in
bench/README.md); the texts below are our own."""

from __future__ import annotations

from carewatch.triage.context import ScreenContext
from carewatch.triage.detectors.adverse import analyse
from carewatch.triage.detectors.model import SHIPPED_MODEL_SCRIPTS
from carewatch.triage.engine import screen

SHIPPED = ScreenContext(sponsorship="third_party", extra={"ae_model": "shipped"})


def _model_findings(text: str) -> list[float]:
    return [f.score for f in screen(text, SHIPPED).findings if f.detector == "ae_model"]


def test_the_shipped_model_does_not_vote_on_latin_script_posts_the_rules_leave_unflagged() -> None:
    result = screen("I have a terrible headache and my stomach hurts", SHIPPED)
    assert "adverse_event" not in result.labels
    assert not [f for f in result.findings if f.detector == "ae_model"]
    assert "latin" not in SHIPPED_MODEL_SCRIPTS


def test_the_shipped_model_still_rescues_a_russian_report_the_rules_score_under_the_line() -> None:
    text = "Болит голова и тошнит весь день"
    assert not analyse(text, SHIPPED, "ru").positive
    scores = _model_findings(text)
    assert scores and "adverse_event" in screen(text, SHIPPED).labels


def test_a_general_statement_about_people_on_a_medicine_is_not_a_report() -> None:
    for text in ("People on prednisone get terrible insomnia.",
                 "Patients who take prednisone get terrible insomnia and nausea."):
        analysis = analyse(text, SHIPPED, "en")
        assert analysis.patient_status == "absent" and not analysis.positive, text
    assert analyse("Prednisone gave me terrible insomnia", SHIPPED, "en").positive


def test_a_patient_in_hospital_after_a_medicine_is_a_serious_report() -> None:
    result = screen("I took prednisone and now I'm in the hospital", SHIPPED)
    assert {"adverse_event", "serious"} <= set(result.labels)


def test_an_unnamed_medicine_counts_only_when_the_post_ties_it_to_the_event() -> None:
    assert not analyse("My pills are in the kitchen and I have a terrible headache", SHIPPED, "en").positive
    assert analyse("My pills gave me a terrible headache", SHIPPED, "en").positive
