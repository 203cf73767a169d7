"""Issue 13: once a person confirms the event element, E2B E.i and MedWatch carry the event."""

from __future__ import annotations

import e2br3

from carewatch.safety.e2b import render_e2b
from carewatch.safety.e2b_check import check_e2b
from carewatch.safety.medwatch import medwatch_record
from tests.safety.test_e2b import CaseFactory, element, make_case  # noqa: F401 (make_case is a fixture)

TEXT = "Glucavio gave me awful stomach cramps all week"


def test_an_event_confirmed_by_hand_with_a_note_is_the_reaction(make_case: CaseFactory) -> None:  # noqa: F811
    event = {"state": "present", "evidence": [], "verify": "stomach cramps for a week (reply in DM)"}
    safety_case = make_case(TEXT, reactions=[], serious=False, seriousness=[],
                            elements={"patient": element("present", "me"), "reporter": element("present", "@x"),
                                      "product": element("present", "Glucavio"), "event": event})
    xml = render_e2b(safety_case)
    icsr = e2br3.parse(xml).messages[0].icsr
    assert [r.native_term for r in icsr.reactions] == ["stomach cramps for a week (reply in DM)"]
    assert check_e2b(xml) == []
    assert medwatch_record(safety_case)["event"]["verbatim"] == ["stomach cramps for a week (reply in DM)"]


def test_an_event_confirmed_without_a_note_takes_the_post_s_words(make_case: CaseFactory) -> None:  # noqa: F811
    safety_case = make_case(TEXT, reactions=[], serious=False, seriousness=[],
                            elements={"patient": element("present", "me"), "reporter": element("present", "@x"),
                                      "product": element("present", "Glucavio"), "event": element("present")})
    assert medwatch_record(safety_case)["event"]["verbatim"] == [TEXT]
    assert len(e2br3.parse(render_e2b(safety_case)).messages[0].icsr.reactions) == 1


def test_an_event_not_confirmed_stays_empty(make_case: CaseFactory) -> None:  # noqa: F811
    safety_case = make_case(TEXT, reactions=[], serious=False, seriousness=[],
                            elements={"patient": element("present", "me"), "reporter": element("present", "@x"),
                                      "product": element("present", "Glucavio"), "event": element("unknown")})
    assert medwatch_record(safety_case)["event"]["verbatim"] == []
