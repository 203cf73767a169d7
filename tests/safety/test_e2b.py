"""The PV package of a safety case: E2B(R3) XML (read back with the e2br3 package, checked against
the FDA data-element table, compared with FDA's FAERS sample) and the 3500A-like record."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import e2br3
import pytest
from django.db.models import Max
from lxml import etree

from carewatch.inbox.models import Mention
from carewatch.safety.e2b import day0_ts, deidentify, hl7_ts, render_e2b
from carewatch.safety.e2b_check import check_e2b, checked_elements, load_table
from carewatch.safety.medwatch import COLUMNS, medwatch_csv, medwatch_record
from carewatch.safety.models import SafetyCase, SafetyCaseMention
from carewatch.tenancy.models import Client

NS = {"h": "urn:hl7-org:v3", "xsi": "http://www.w3.org/2001/XMLSchema-instance"}
SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "reference" / "e2b"
IE = "/h:MCCI_IN200100UV01/h:PORR_IN049016UV/h:controlActProcess/h:subject/h:investigationEvent"
PRIMARY_ROLE = f"{IE}/h:component/h:adverseEventAssessment/h:subject1/h:primaryRole"
REACTION = f"{PRIMARY_ROLE}/h:subjectOf2/h:observation[h:code/@code='29']"
SOURCE = (f"{IE}/h:outboundRelationship/h:relatedInvestigation[h:code/@code='2']/h:subjectOf2/h:controlActEvent/"
          f"h:author/h:assignedEntity")

HANDLE = "jane_doe_77"
POST = ("My name is Jane Doe and after my second Glucavio pen shot I ended up in hospital with pancreatitis. "
        "Call me at 555-123-4567 or jane.doe@example.com, cc @mike_rx https://www.facebook.com/jane.doe77/posts/1")
DAY0 = datetime(2026, 11, 3, 2, 30, 15, tzinfo=UTC)  # 2 Nov 2026, 21:30:15 in New York


def snapshot_of(mention: Mention) -> dict[str, Any]:
    """The frozen evidence, in the shape safety.actions freezes it."""
    return {
        "mention_id": mention.pk, "external_id": mention.external_id, "platform": mention.platform,
        "kind": mention.kind, "text": mention.text, "language": mention.language,
        "author_handle": mention.author.handle, "author_external_id": mention.author.external_id,
        "author_url": f"https://www.facebook.com/{mention.author.handle}", "url": mention.url,
        "created_at": mention.created_at.isoformat(), "received_at": mention.received_at.isoformat(),
        "source_tz": mention.source_tz, "is_hidden": False, "is_deleted": False, "labels": [],
        "thread": [{"id": mention.pk, "author": mention.author.handle, "direction": "in", "text": mention.text,
                    "created_at": mention.created_at.isoformat()},
                   {"id": mention.pk + 10_000, "author": "NorthwindRx", "direction": "out",
                    "text": f"@{mention.author.handle} we're sorry to hear that, please DM us.",
                    "created_at": (mention.created_at + timedelta(minutes=5)).isoformat()}],
        "frozen_at": datetime.now(UTC).isoformat(),
    }


def element(state: str, *texts: str) -> dict[str, Any]:
    return {"state": state, "evidence": [{"text": t, "start": None, "end": None, "mention_id": None} for t in texts],
            "verify": ""}


CaseFactory = Callable[..., SafetyCase]


@pytest.fixture
def make_case(northwind: Client, make_mention: Callable[..., Mention]) -> CaseFactory:
    def make(text: str = POST, *, author: str = HANDLE, **fields: Any) -> SafetyCase:
        mention = make_mention(northwind, text, author=author, created=DAY0)
        number = (SafetyCase.objects.filter(client=northwind).aggregate(top=Max("number"))["top"] or 41) + 1
        values: dict[str, Any] = {
            "client": northwind, "number": number, "kind": "adverse_event",
            "elements": {"patient": element("present", "I"), "reporter": element("present", f"@{author}"),
                         "product": element("present", "Glucavio pen"),
                         "event": element("present", "ended up in hospital with pancreatitis")},
            "serious": True, "seriousness": ["hospitalisation"],
            "products": [{"name": "Glucavio", "as_reported": "Glucavio pen", "role": "suspect", "lot": "GX1234"}],
            "reactions": [{"text": "ended up in hospital with pancreatitis", "language": "en", "outcome": "unknown"}],
            "reporter_type": "consumer", "patient": {"age": 34, "age_unit": "years", "sex": "female", "initials": "JD"},
            "day0": DAY0, "day0_basis": "posted", "source_tz": "America/New_York",
            "forward_due": DAY0 + timedelta(hours=24), "regulatory_due": DAY0 + timedelta(days=15),
            "detected_at": DAY0 + timedelta(minutes=1),
        }
        values.update(fields)
        safety_case = SafetyCase.objects.create(**values)
        SafetyCaseMention.objects.create(safety_case=safety_case, mention=mention, snapshot=snapshot_of(mention),
                                         snapshot_hash="0" * 64, is_primary=True)
        return safety_case

    return make


def tree(xml: bytes) -> Any:
    return etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))


def one(xml: bytes, xpath: str) -> str:
    found = tree(xml).xpath(xpath, namespaces=NS)
    assert len(found) == 1, (xpath, found)
    return str(found[0])


def flags(xml: bytes, reaction: int = 1) -> dict[str, str]:
    """Seriousness and outcome of one reaction: observation code -> value or nullFlavor."""
    found = {}
    for observation in tree(xml).xpath(f"({REACTION})[{reaction}]/h:outboundRelationship2/h:observation",
                                       namespaces=NS):
        code = observation.find("h:code", NS).get("code")
        value = observation.find("h:value", NS)
        found[code] = value.get("value") or value.get("code") or f"nullFlavor={value.get('nullFlavor')}"
    return found


def without(xml: bytes, xpath: str) -> bytes:
    root = tree(xml)
    nodes = root.xpath(xpath, namespaces=NS)
    assert nodes, xpath
    for node in nodes:
        node.getparent().remove(node)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def element_paths(root: Any) -> set[str]:
    paths = set()
    for node in root.iter(etree.Element):
        parts = [etree.QName(n).localname for n in [*reversed(list(node.iterancestors())), node]]
        paths.add("/".join(parts))
    return paths


def table_paths() -> set[str]:
    """Every element path the FDA table's XPaths name (predicates, attributes and text() dropped)."""
    paths = set()
    for data_element in load_table().values():
        for xpath in (data_element.xpath, data_element.null_xpath):
            if not xpath.startswith(("/", "substring(/")):
                continue
            bare = xpath.removeprefix("substring(").split(",")[0]
            while re.search(r"\[[^\[\]]*\]", bare):
                bare = re.sub(r"\[[^\[\]]*\]", "", bare)
            steps = [s for s in bare.strip("/").split("/") if s and not s.startswith("@") and s != "text()"]
            for n in range(1, len(steps) + 1):
                paths.add("/".join(steps[:n]))
    return paths


# --------------------------------------------------------------------------------------------------
# E2B(R3).


def test_the_export_reads_back_with_e2br3_as_one_icsr(make_case: CaseFactory) -> None:
    safety_case = make_case()
    xml = render_e2b(safety_case)
    batch = e2br3.parse(xml)
    assert batch.batch_type.code == "1" and len(batch.messages) == 1
    icsr = batch.messages[0].icsr
    assert icsr is not None
    expected_id = f"US-NORTHWIND-AE{safety_case.number:06d}"
    assert icsr.safety_report_id == expected_id and icsr.worldwide_case_id == expected_id
    assert icsr.report_type.code == "1"  # spontaneous
    assert e2br3.flavor_of(icsr.patient.name) == e2br3.NullFlavor.MSK
    assert icsr.patient.sex.code == "2" and icsr.patient.age.value == 34 and icsr.patient.age.unit == "a"
    assert [p.qualification.code for p in icsr.primary_sources] == ["5"]
    assert e2br3.flavor_of(icsr.primary_sources[0].country) == e2br3.NullFlavor.UNK
    [reaction] = icsr.reactions
    assert reaction.native_term == "ended up in hospital with pancreatitis" and reaction.native_language == "eng"
    assert reaction.hospitalisation is True and e2br3.is_null(reaction.results_in_death)
    assert reaction.outcome.code == "0" and reaction.meddra.code is None  # MedDRA left to PV
    [drug] = icsr.drugs
    assert drug.product_name == "Glucavio pen" and drug.role.code == "1"
    assert icsr.narrative and safety_case.reference in icsr.narrative


def test_the_export_passes_check_e2b(make_case: CaseFactory) -> None:
    assert check_e2b(render_e2b(make_case())) == []


def test_meddra_coding_is_the_only_gap_when_the_checker_also_checks_it(make_case: CaseFactory) -> None:
    problems = check_e2b(render_e2b(make_case()), meddra_deferred=False)
    assert len(problems) == 2
    assert problems[0].startswith("E.i.2.1a #1") and problems[1].startswith("E.i.2.1b #1")


def test_day_zero_is_c_1_4(make_case: CaseFactory) -> None:
    safety_case = make_case()
    xml = render_e2b(safety_case)
    low = one(xml, f"{IE}/h:effectiveTime/h:low/@value")
    assert low == "20261102213015-0500" == day0_ts(safety_case)  # to the second, local date, with the offset
    first_received = e2br3.parse(xml).messages[0].icsr.first_received_date
    assert first_received.precision == "second" and first_received.value == DAY0
    # C.1.5: the latest information, here when the post reached the queue; C.1.2 / N.2.r.4: now.
    received = safety_case.links.get().mention.received_at
    assert one(xml, f"{IE}/h:availabilityTime/@value") == hl7_ts(received, ZoneInfo("America/New_York"))
    created = one(xml, "/h:MCCI_IN200100UV01/h:PORR_IN049016UV/h:controlActProcess/h:effectiveTime/@value")
    assert re.fullmatch(r"\d{14}\+0000", created)
    assert one(xml, "/h:MCCI_IN200100UV01/h:PORR_IN049016UV/h:creationTime/@value") == created


def test_day_zero_falls_back_to_utc_without_a_known_source_zone(make_case: CaseFactory) -> None:
    xml = render_e2b(make_case(source_tz="Mars/Olympus_Mons"))
    assert one(xml, f"{IE}/h:effectiveTime/h:low/@value") == "20261103023015+0000"


def test_no_handle_name_contact_or_profile_url_reaches_the_xml(make_case: CaseFactory) -> None:
    safety_case = make_case()
    mention = safety_case.links.get().mention
    xml = render_e2b(safety_case)
    text = xml.decode()
    for secret in (HANDLE, "Jane Doe", "555-123-4567", "jane.doe@example.com", "mike_rx", "facebook.com",
                   mention.author.external_id, mention.author.display_name, "JD"):
        assert secret.lower() not in text.lower(), secret
    narrative = one(xml, f"{IE}/h:text/text()")
    assert "[MASKED]" in narrative and "pancreatitis" in narrative and "Glucavio" in narrative
    assert "reporter:" in narrative and "brand reply:" in narrative
    # The reporter is a masked consumer: every name part and the e-mail carry nullFlavor MSK.
    assert one(xml, f"{SOURCE}/h:assignedPerson/h:name/h:given/@nullFlavor") == "MSK"
    assert one(xml, f"{SOURCE}/h:assignedPerson/h:name/h:family/@nullFlavor") == "MSK"
    assert one(xml, f"{SOURCE}/h:telecom/@nullFlavor") == "MSK"


def test_a_reviewer_narrative_is_used_but_still_de_identified(make_case: CaseFactory) -> None:
    xml = render_e2b(make_case(narrative=f"Per @{HANDLE} (call 555-123-4567): pancreatitis after Glucavio."))
    assert one(xml, f"{IE}/h:text/text()") == "Per [MASKED] (call [MASKED]): pancreatitis after Glucavio."


def test_odd_text_still_makes_well_formed_checked_xml(make_case: CaseFactory) -> None:
    odd = "ok\x01\x07 <b>&amp;</b> ]]> \U0001F922 " + "very long " * 60
    xml = render_e2b(make_case(reactions=[{"text": odd, "language": "xx-YY", "outcome": 9}],
                               products=[{"name": odd, "role": "weird", "lot": "L" * 80}]))
    icsr = e2br3.parse(xml).messages[0].icsr
    assert len(icsr.reactions[0].native_term) == 250 and "\x01" not in icsr.reactions[0].native_term
    assert icsr.reactions[0].native_term.startswith("ok <b>&amp;</b> ]]> \U0001F922")
    assert icsr.reactions[0].native_language == "und" and icsr.reactions[0].outcome.code == "0"
    assert icsr.drugs[0].role.code == "1"
    assert check_e2b(xml) == []


def test_deidentify_masks_phi_handles_urls_and_known_names() -> None:
    text = "I'm Maria, mum of @tom.k: see www.example.org/u/tom and mail maria@x.org. Patty says hi."
    masked = deidentify(text, handles=["tom.k"], names=["Patty"])
    assert masked == "I'm [MASKED], mum of [MASKED]: see [MASKED] and mail [MASKED]. [MASKED] says hi."


def test_deidentify_masks_a_named_doctor_though_triage_does_not_call_a_doctor_s_name_phi() -> None:
    assert deidentify("Dr. Amelia Stone said the rash is from the pen, la Dra. Ruiz agreed") == (
        "[MASKED] said the rash is from the pen, la [MASKED] agreed")
    assert deidentify("My doctor said it is the pen") == "My doctor said it is the pen"


def test_seriousness_flags_follow_the_case(make_case: CaseFactory) -> None:
    xml = render_e2b(make_case(seriousness=["hospitalisation", "required_intervention"]))
    # E.i.3.2a-f are code list 19 codes 34, 21, 33, 35, 12, 26; FDA.E.i.3.2h is FDA code 7; E.i.7 is 27.
    assert flags(xml) == {"34": "nullFlavor=NI", "21": "nullFlavor=NI", "33": "true", "35": "nullFlavor=NI",
                          "12": "nullFlavor=NI", "26": "nullFlavor=NI", "7": "true", "27": "0"}
    expedited = f"{IE}/h:component/h:observationEvent[h:code/@code='23']/h:value/@value"
    assert one(xml, expedited) == "true"
    assert one(xml, f"{IE}/h:component/h:observationEvent[h:code/@code='C54588']/h:value/@code") == "1"

    calm = render_e2b(make_case(serious=False, seriousness=[]))
    assert set(flags(calm).values()) == {"nullFlavor=NI", "0"}  # false is not an allowed value there
    assert one(calm, expedited) == "false"  # C.1.7 is never nullFlavor NI
    assert one(calm, f"{IE}/h:component/h:observationEvent[h:code/@code='C54588']/h:value/@code") == "2"
    assert check_e2b(calm) == []


def test_a_three_of_four_case_still_renders_with_proper_null_flavors(make_case: CaseFactory) -> None:
    safety_case = make_case(
        "Glucavio made someone I know break out in hives", patient={}, reporter_type="unknown",
        elements={"patient": element("unknown"), "reporter": element("present", f"@{HANDLE}"),
                  "product": element("present", "Glucavio"), "event": element("present", "break out in hives")},
        reactions=[], products=[], serious=False, seriousness=[],
    )
    assert safety_case.follow_up_needed
    xml = render_e2b(safety_case)
    assert check_e2b(xml) == []
    assert one(xml, f"{PRIMARY_ROLE}/h:player1/h:name/@nullFlavor") == "UNK"  # D.1: not identifiable
    assert one(xml, f"{PRIMARY_ROLE}/h:player1/h:administrativeGenderCode/@nullFlavor") == "UNK"
    assert one(xml, f"{SOURCE}/h:assignedPerson/h:asQualifiedEntity/h:code/@nullFlavor") == "UNK"  # C.2.r.4
    # Reactions and products fall back to the evidence.
    icsr = e2br3.parse(xml).messages[0].icsr
    assert [r.native_term for r in icsr.reactions] == ["break out in hives"]
    assert [d.product_name for d in icsr.drugs] == ["Glucavio"]
    assert "follow-up needed for patient" in icsr.narrative


def test_a_case_without_any_product_renders_and_the_checker_names_the_gap(make_case: CaseFactory) -> None:
    xml = render_e2b(make_case(products=[], elements={"patient": element("present"), "event": element("present"),
                                                      "reporter": element("present"), "product": element("absent")}))
    problems = check_e2b(xml)
    assert problems and all(p.startswith(("G.k.1", "G.k.2.2")) for p in problems)


def test_products_keep_their_role_and_lot_with_suspects_first(make_case: CaseFactory) -> None:
    xml = render_e2b(make_case(products=[
        {"name": "Metformin", "as_reported": "metformin", "role": "concomitant", "lot": ""},
        {"name": "Glucavio", "as_reported": "Glucavio pen", "role": "suspect", "lot": "GX1234"},
    ]))
    icsr = e2br3.parse(xml).messages[0].icsr
    assert [(d.product_name, d.role.code) for d in icsr.drugs] == [("Glucavio pen", "1"), ("metformin", "2")]
    lots = tree(xml).xpath("//h:productInstanceInstance/h:lotNumberText/text()", namespaces=NS)
    assert lots == ["GX1234"]
    assert check_e2b(xml) == []


def test_solicited_cases_hcp_reporters_and_languages_are_coded(make_case: CaseFactory) -> None:
    xml = render_e2b(make_case(
        solicited=True, reporter_type="hcp",
        elements={"patient": element("present"), "reporter": element("present", "as a pharmacist I saw"),
                  "product": element("present"), "event": element("present")},
        reactions=[{"text": "urticaria tras la inyección", "language": "es", "outcome": "recovered",
                    "onset": "2026-10-30"}],
    ))
    icsr = e2br3.parse(xml).messages[0].icsr
    assert icsr.reactions[0].start_date.raw == "20261030"  # E.i.4 when the reaction has an onset
    assert icsr.report_type.code == "2"  # C.1.3: report from study (organised data collection)
    assert icsr.primary_sources[0].qualification.code == "2"  # pharmacist
    assert icsr.reactions[0].native_language == "spa" and icsr.reactions[0].outcome.code == "1"
    assert check_e2b(xml) == []


def test_the_pv_reference_becomes_an_other_case_identifier(make_case: CaseFactory) -> None:
    xml = render_e2b(make_case(pv_reference="ARGUS-2026-0042"))
    characteristic = f"{IE}/h:subjectOf2/h:investigationCharacteristic[h:code/@code='2']/h:value/@value"
    assert one(xml, characteristic) == "true"
    assert one(xml, f"{IE}/h:subjectOf1/h:controlActEvent/h:id/@extension") == "ARGUS-2026-0042"
    assert check_e2b(xml) == []
    assert any("C.1.9.1.r.1" in p for p in check_e2b(without(xml, f"{IE}/h:subjectOf1[h:controlActEvent/h:id]")))


def test_the_sender_is_the_client_with_the_details_given(make_case: CaseFactory) -> None:
    safety_case = make_case()
    plain = render_e2b(safety_case)
    organisation = ("h:subjectOf1/h:controlActEvent/h:author/h:assignedEntity/h:representedOrganization/"
                    "h:assignedEntity/h:representedOrganization/h:name/text()")
    assert one(plain, f"{IE}/{organisation}") == "Northwind Pharma"
    assert one(plain, f"{IE}/h:subjectOf1/h:controlActEvent/h:author/h:assignedEntity/h:code/@code") == "1"
    detailed = render_e2b(safety_case, sender={"country": "ca", "department": "Drug Safety", "given_name": "Ada",
                                               "family_name": "Okafor", "email": "pv@northwind.test",
                                               "sender_id": "NWGW", "receiver_id": "ARGUS"})
    batch = e2br3.parse(detailed)
    assert batch.sender == "NWGW" and batch.receiver == "ARGUS"
    assert batch.messages[0].icsr.safety_report_id.startswith("CA-NORTHWIND-AE")
    assert "mailto:pv@northwind.test" in detailed.decode() and check_e2b(detailed) == []
    with pytest.raises(ValueError, match="unknown sender keys: organization"):
        render_e2b(safety_case, sender={"organization": "typo"})


def test_the_element_paths_are_those_of_the_fda_sample(make_case: CaseFactory) -> None:
    if not (SAMPLES / "FAERS2022Scenario1.xml").exists():
        pytest.skip("shared/reference/e2b is not beside the checkout")
    ours = element_paths(tree(render_e2b(make_case(products=[
        {"name": "Glucavio", "as_reported": "Glucavio pen", "role": "suspect", "lot": "GX1"},
        {"name": "Metformin", "as_reported": "metformin", "role": "concomitant", "lot": ""}]))))
    sample = element_paths(etree.parse(str(SAMPLES / "FAERS2022Scenario1.xml")).getroot())
    extra = ours - sample
    # The one part FDA's sample leaves out is the verbatim reaction text (E.i.1.1a): its path is the
    # table's own.
    reaction_value = ("MCCI_IN200100UV01/PORR_IN049016UV/controlActProcess/subject/investigationEvent/component/"
                      "adverseEventAssessment/subject1/primaryRole/subjectOf2/observation/value/originalText")
    assert extra == {reaction_value}
    assert extra <= table_paths()
    # And the sections we emit are all there: batch, message, C.1, C.2.r, C.3, D, E.i, G.k, H.1.
    for path in ("MCCI_IN200100UV01/sender/device/id", "MCCI_IN200100UV01/PORR_IN049016UV/receiver/device/id",
                 "MCCI_IN200100UV01/PORR_IN049016UV/controlActProcess/subject/investigationEvent/text",
                 f"{reaction_value.rsplit('/', 3)[0]}/organizer/component/substanceAdministration/consumable/"
                 "instanceOfKind/kindOfProduct/name"):
        assert path in ours and path in sample


def test_the_checker_accepts_fdas_own_samples_with_meddra_checked() -> None:
    if not (SAMPLES / "FAERS2022Scenario1.xml").exists():
        pytest.skip("shared/reference/e2b is not beside the checkout")
    for n in (1, 2, 3):
        assert check_e2b((SAMPLES / f"FAERS2022Scenario{n}.xml").read_bytes(), meddra_deferred=False) == []


@pytest.mark.parametrize(("missing", "element"), [
    (f"{IE}/h:effectiveTime", "C.1.4"),
    (f"{IE}/h:text", "H.1"),
    (f"{IE}/h:id[@root='2.16.840.1.113883.3.989.2.1.3.1']", "C.1.1"),
    (f"{PRIMARY_ROLE}/h:player1/h:name", "D.1"),
    (f"{REACTION}/h:outboundRelationship2[h:observation/h:code/@code='27']", "E.i.7"),
    (f"{IE}/h:subjectOf2[h:investigationCharacteristic/h:code/@code='1']", "C.1.3"),
    ("/h:MCCI_IN200100UV01/h:sender", "N.1.3"),
    (f"{REACTION}/h:outboundRelationship2[h:observation/h:code/@code='33']", "E.i.3.2c"),
    (f"{IE}/h:component/h:adverseEventAssessment/h:component[h:causalityAssessment]", "G.k.1"),
    (f"{PRIMARY_ROLE}/h:subjectOf2[h:organizer]//h:kindOfProduct/h:name", "G.k.2.2"),
])
def test_the_checker_fails_when_a_required_element_is_missing(make_case: CaseFactory, missing: str,
                                                               element: str) -> None:
    problems = check_e2b(without(render_e2b(make_case()), missing))
    assert problems and all(p.startswith(element) for p in problems), problems


def test_the_checker_refuses_values_and_null_flavors_the_table_does_not_allow(make_case: CaseFactory) -> None:
    xml = render_e2b(make_case()).decode()
    other_ids = re.compile(r'(displayName="otherCaseIds"/>\s*<value xsi:type="BL") nullFlavor="NI"')
    assert other_ids.search(xml)
    problems = check_e2b(other_ids.sub(r'\1 value="false"', xml).encode())
    assert problems == ["C.1.9.1 (Other Case Identifiers in Previous Transmissions): 'false' is not an allowed "
                        "value (true)"]
    problems = check_e2b(xml.replace('<name nullFlavor="MSK"/>', '<name nullFlavor="NI"/>').encode())
    assert problems == ["D.1 (Patient (name or initials)): nullFlavor NI is not allowed (allowed: ASKU, MSK, NA, "
                        "NASK, UNK)"]
    expedited = re.compile(r'(displayName="localCriteriaForExpedited"/>\s*<value xsi:type="BL") value="true"')
    problems = check_e2b(expedited.sub(r'\1 nullFlavor="NI"', xml).encode())
    assert problems == ["C.1.7: nullFlavor NI is rejected by FDA on initial reports"]
    day0 = one(xml.encode(), f"{IE}/h:effectiveTime/h:low/@value")
    problems = check_e2b(xml.replace(f'<low value="{day0}"', '<low value="2026"').encode())
    assert problems == ["C.1.4 (Date Report Was First Received from Source): '2026' is less precise than the 8 "
                        "digits required"]
    assert check_e2b(b"<not xml") [0].startswith("not well-formed XML")
    assert check_e2b(b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')[0].startswith("not well-formed XML")


def test_checked_elements_lists_the_ich_required_set_and_says_meddra_is_skipped() -> None:
    checked = {number: why for number, _name, why in checked_elements()}
    required = {"N.1.1", "N.1.2", "N.1.3", "N.1.4", "N.1.5", "N.2.r.1", "N.2.r.2", "N.2.r.3", "N.2.r.4", "C.1.1",
                "C.1.2", "C.1.3", "C.1.4", "C.1.5", "C.1.6.1", "C.1.7", "C.1.8.1", "C.1.8.2", "C.1.9.1", "C.3.1",
                "D.1", "E.i.3.2a", "E.i.3.2b", "E.i.3.2c", "E.i.3.2d", "E.i.3.2e", "E.i.3.2f", "E.i.7", "G.k.1",
                "G.k.2.2", "H.1"}
    assert {n for n, why in checked.items() if why == "ICH Required"} == required
    assert checked["E.i.2.1a"].startswith("SKIPPED") and checked["E.i.2.1b"].startswith("SKIPPED")
    assert checked["C.2.r.4"].startswith("ICH Conditional-Required")


# --------------------------------------------------------------------------------------------------
# MedWatch-like record.


def test_the_medwatch_record_has_the_3500a_sections_de_identified(make_case: CaseFactory) -> None:
    safety_case = make_case(seriousness=["hospitalisation"])
    record = medwatch_record(safety_case)
    assert record["patient"] == {"identifier": "JD", "identified": True, "age": "34", "age_unit": "a",
                                 "sex": "female"}
    assert record["event"]["verbatim"] == ["ended up in hospital with pancreatitis"]
    assert record["event"]["seriousness"]["hospitalisation"] is True
    assert record["event"]["seriousness"]["death"] is False and record["event"]["outcome"] == ["unknown"]
    assert record["products"] == [{"name": "Glucavio", "as_reported": "Glucavio pen", "role": "suspect",
                                   "lot": "GX1234"}]
    assert record["reporter"] == {"type": "consumer", "country": ""}
    mention = safety_case.links.get().mention
    assert record["source"]["post_id"] == mention.external_id and record["source"]["platform"] == "facebook"
    assert record["source"]["day0"] == DAY0.isoformat() and record["source"]["day0_local"] == "20261102213015-0500"
    assert HANDLE not in str(record) and "555-123-4567" not in record["narrative"]


def test_the_medwatch_csv_has_one_flat_row_per_case(make_case: CaseFactory) -> None:
    cases = [make_case(), make_case("=HYPERLINK(\"http://x\") Glucavio gave me a rash", serious=False,
                                    seriousness=[], reactions=[{"text": "=rash", "language": "en"}])]
    rows = list(csv.DictReader(io.StringIO(medwatch_csv(cases))))
    assert len(rows) == 2 and tuple(rows[0]) == COLUMNS
    assert rows[0]["reference"] == cases[0].reference and rows[0]["seriousness_hospitalisation"] == "yes"
    assert rows[0]["product_lots"] == "GX1234" and rows[0]["patient_sex"] == "female"
    assert rows[1]["event_verbatim"] == "'=rash"  # no spreadsheet formula
    assert rows[1]["serious"] == "no"


def test_exports_load_the_evidence_in_a_fixed_number_of_queries(make_case: CaseFactory,
                                                                 django_assert_max_num_queries: Any) -> None:
    ids = [make_case().pk for _ in range(3)]
    safety_case = SafetyCase.objects.get(pk=ids[0])
    with django_assert_max_num_queries(3):  # the client, the evidence with its authors, the products
        render_e2b(safety_case)
    with django_assert_max_num_queries(3 + len(ids)):  # the cases, clients, evidence; products per case
        medwatch_csv(SafetyCase.objects.filter(pk__in=ids))
