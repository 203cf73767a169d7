"""Issue 10, second round: a product's approved ages (config, export, the off-label rule), French phone
numbers as PHI next to toll-free lines and the client's own numbers, Russian reports read by stems."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from carewatch.configuration.as_code import apply_config, export_config
from carewatch.tenancy.config import ConfigError
from carewatch.tenancy.models import Product
from carewatch.triage.context import ProductTerms, ScreenContext
from carewatch.triage.detectors.adverse import analyse
from carewatch.triage.detectors.phi import find_phi, is_toll_free
from carewatch.triage.engine import context_for_client, screen
from carewatch.triage.lexicons.russian import ru_forms

CONFIG = """
clients:
  - slug: northwind
    name: Northwind Pharma
    timezone: Europe/Paris
    products:
      - {name: Glucavio, generic: semaglutide, indications: [type 2 diabetes], min_age: 12}
"""
ADULTS = ProductTerms("Glucavio", "semaglutide", (), ("type 2 diabetes",))
FROM_12 = ProductTerms("Glucavio", "semaglutide", (), ("type 2 diabetes",), min_age=12)


def _off_label(text: str, product: ProductTerms) -> bool:
    return "off_label" in screen(text, ScreenContext(products=(product,), sponsorship="owned")).labels


def test_a_products_approved_ages_come_from_the_config_and_are_exported(db: Any) -> None:
    apply_config(CONFIG)
    product = Product.objects.get(name="Glucavio")
    assert (product.min_age, product.max_age) == (12, None)
    exported = yaml.safe_load(export_config())["clients"][0]["products"][0]
    assert exported["min_age"] == 12 and "max_age" not in exported
    assert apply_config(export_config()) == []
    context = context_for_client(product.client_id, "owned")
    assert context.products[0].min_age == 12


def test_an_age_range_upside_down_is_refused(db: Any) -> None:
    with pytest.raises(ConfigError):
        apply_config(CONFIG.replace("min_age: 12", "min_age: 40, max_age: 18"))
    with pytest.raises(ConfigError):
        apply_config(CONFIG.replace("min_age: 12", "min_age: twelve"))


def test_a_childs_age_is_off_label_only_below_the_products_approved_ages() -> None:
    assert _off_label("Can I give Glucavio to my 14 year old son?", ADULTS)
    assert not _off_label("Can I give Glucavio to my 14 year old son?", FROM_12)
    assert _off_label("Can I give Glucavio to my 9 year old?", FROM_12)
    assert not _off_label("Can my 40-year-old husband use Glucavio?", ADULTS)


def test_a_child_named_without_an_age_is_off_label_only_for_an_adult_product() -> None:
    assert _off_label("Is Glucavio ok for kids?", ADULTS)
    assert not _off_label("Is Glucavio ok for kids?", FROM_12)


def test_an_upper_age_bound_makes_an_older_patient_off_label() -> None:
    young = ProductTerms("Glucavio", "semaglutide", (), ("type 2 diabetes",), min_age=18, max_age=64)
    assert _off_label("Can I give Glucavio to my 80 year old mother?", young)
    assert not _off_label("Can my 40 year old husband use Glucavio?", young)


@pytest.mark.parametrize("text", ["rappelez-moi au 06 39 98 45 12", "mon numéro c'est le 06.39.98.45.12",
                                  "portable +33 6 39 98 45 12", "tel +33 (0)6 39 98 45 12", "0639984512 merci"])
def test_french_phone_numbers_are_phi(text: str) -> None:
    assert [e.type for e in find_phi(text)] == ["PHONE"]


@pytest.mark.parametrize("text", ["appelez le numéro vert 0 800 45 67 89", "Call us free on 1-800-555-0135",
                                  "ligne gratuite : +33 805 45 67 89"])
def test_toll_free_lines_are_not_phi(text: str) -> None:
    assert find_phi(text) == []


def test_toll_free_is_recognised_in_national_and_international_writing() -> None:
    assert is_toll_free("0 800 45 67 89") and is_toll_free("+33 800 45 67 89") and is_toll_free("1-888-555-0100")
    assert not is_toll_free("06 39 98 45 12") and not is_toll_free("+33 6 39 98 45 12")


def test_russian_medicine_names_are_read_in_every_case() -> None:
    assert {"флуоксетина", "флуоксетином", "флуоксетине"} <= set(ru_forms("флуоксетин"))
    assert "лирики" in ru_forms("лирика")
    products = analyse("меня от прозака штырило всю ночь", ScreenContext(), "ru").products
    assert [p.name for p in products] == ["fluoxetine"]


def test_a_russian_medicine_named_as_the_cause_reports_an_event() -> None:
    assert analyse("меня от прозака штырило всю ночь", ScreenContext(), "ru").positive
    assert analyse("под прегабалином мне так странно весь день", ScreenContext(), "ru").positive
    assert not analyse("в новостях пишут про дефицит прозака", ScreenContext(), "ru").positive


def test_a_vague_english_word_next_to_a_drug_is_not_a_report_without_a_patient_or_a_link() -> None:
    assert not analyse("gsk are pure evil #paroxetine", ScreenContext(), "en").positive
    assert analyse("paxil made me feel crazy all week", ScreenContext(), "en").positive


def test_the_second_blind_set_has_100_posts_in_nine_languages_with_fictional_contact_details() -> None:
    import json
    import re
    from pathlib import Path

    data = Path(__file__).resolve().parents[2] / "carewatch" / "triage" / "data"
    rows = [json.loads(x) for x in (data / "blind5.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(rows) >= 100 and {r["split"] for r in rows} == {"blind5"}
    assert {"en", "es", "fr", "de", "pt", "it", "ru", "ja", "zh"} <= {r["lang"] for r in rows}
    fiction = re.compile(r"555[\s.-]?01\d\d|6[\s.]?39[\s.]?98")
    for row in rows:
        for entity in find_phi(row["text"]):
            if entity.type == "PHONE":
                assert fiction.search(entity.text), entity.text
        for email in re.findall(r"[\w.+-]+@[\w.-]+", row["text"]):
            assert re.search(r"@example\.(?:com|net|org|fr|de|es)$", email), email
    assert "blind5.jsonl" in (data / "README.md").read_text(encoding="utf-8")
