"""The trainable adverse-event classifier: training, skops files, versions, pinning, eval/train commands."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import skops.io as sio
from click.testing import CliRunner
from django.core.exceptions import PermissionDenied

from carewatch.audit.models import AuditEvent
from carewatch.cli import main
from carewatch.tenancy.models import Client, Role, User
from carewatch.tenancy.system import system_actor
from carewatch.triage import registry
from carewatch.triage.actions import do_pin_model, do_register_model
from carewatch.triage.classifier import (
    RULE_TOKEN,
    RULES_NORMALISER,
    LinearTextModel,
    UntrustedModelFile,
    normalise,
    shipped_path,
)
from carewatch.triage.context import ScreenContext
from carewatch.triage.engine import screen
from carewatch.triage.models import ModelVersion, ReviewDecision
from carewatch.triage.training import TrainConfig, fit, is_positive, load_labelled
from tests.conftest import MentionFactory, make_user

SYSTEM = system_actor()

SYMPTOMS = ["headache", "nausea", "a rash", "dizziness", "diarrhea", "hair loss", "insomnia", "chest pain"]
DRUGS = ["Lumetra", "the pill", "my new med", "the injection", "Cardinex"]
OTHER = ["my insurance", "the pharmacy", "the refill", "the copay card", "the delivery"]


def synthetic() -> tuple[list[str], list[int]]:
    """A small set a linear model can separate: symptom reports vs. logistics questions."""
    texts: list[str] = []
    labels: list[int] = []
    for i, symptom in enumerate(SYMPTOMS):
        for j, drug in enumerate(DRUGS):
            texts.append(f"since starting {drug} I get terrible {symptom} every day")
            labels.append(1)
            other = OTHER[(i + j) % len(OTHER)]
            texts.append(f"question about {other} for {drug}, when does it open")
            labels.append(0)
    return texts, labels


@pytest.fixture(autouse=True)
def _fresh_registry() -> Any:
    registry.clear_cache()
    yield
    registry.clear_cache()


@pytest.fixture(scope="module")
def trained() -> LinearTextModel:
    texts, labels = synthetic()
    return fit(texts, labels, "adverse_event", languages=["en"], source="synthetic")


def test_training_on_a_small_synthetic_set_separates_it(trained: LinearTextModel) -> None:
    positives = trained.score(["since starting Lumetra I get terrible nausea every day",
                               "ever since the new med I get a rash and headache"])
    negatives = trained.score(["question about the refill for Cardinex, when does it open",
                               "question about my insurance, when does the pharmacy open"])
    assert positives.min() > trained.threshold > negatives.max()
    assert trained.meta["metrics"]["at_threshold"]["f1"] >= 0.9
    assert 0 < trained.high_recall_threshold <= trained.threshold
    assert len(trained.meta["data_hash"]) == 64 and trained.meta["label"] == "adverse_event"


def test_the_fast_single_text_score_equals_the_vectorised_score(trained: LinearTextModel) -> None:
    texts = ["since starting Lumetra I get headaches", "when does the pharmacy open?", "@someone http://x.y sooo dizzy"]
    assert np.allclose([trained.score_one(t) for t in texts], trained.score(texts), atol=1e-5)


def test_the_rules_findings_are_features_of_a_trained_model_but_never_evidence(trained: LinearTextModel) -> None:
    assert trained.meta["normaliser"] == RULES_NORMALISER and trained.uses_rules
    text = "since starting Lumetra I get terrible nausea every day"
    prepared = trained.prepare(text)
    assert f"{RULE_TOKEN}event_asserted" in prepared.split() and prepared.startswith(normalise(text))
    assert any(RULE_TOKEN in term for term in trained.vectorizer.transformer_list[0][1].vocabulary_)
    assert trained.top_terms(text) and not any(RULE_TOKEN in term for term, _ in trained.top_terms(text, 50))


def test_a_model_trained_without_rule_features_sees_only_the_normalised_text() -> None:
    texts, labels = synthetic()
    plain = fit(texts, labels, "adverse_event", config=TrainConfig(rule_features=False))
    text = "since starting Lumetra I get terrible nausea every day"
    assert plain.meta["normaliser"] == "norm-1" and plain.prepare(text) == normalise(text)
    assert not any(RULE_TOKEN in term for term in plain.vectorizer.transformer_list[0][1].vocabulary_)


@pytest.mark.parametrize("ngram_range", [(2, 5), (1, 6), (3, 3)])
def test_the_fast_char_ngrams_are_scikit_learn_s_char_wb_ngrams(ngram_range: tuple[int, int]) -> None:
    from carewatch.triage.classifier import build_part, char_wb_ngrams

    analyzer = build_part("char_wb", ngram_range, r"\w+").build_analyzer()
    texts = ["", "a", "ab", "since starting Lumetra I get   terrible\tnausea", "x\u00a0\u00a0y  z\n\nend",
             "sooo dizzy 😵 #sideeffects @user httpurl", "Kopfschmerzen seit gestern, ça va pas"]
    for text in texts:
        assert char_wb_ngrams(text, ngram_range) == analyzer(text), text


def test_a_model_round_trips_through_a_skops_file_without_pickle(trained: LinearTextModel, tmp_path: Path) -> None:
    path = tmp_path / "m.skops"
    trained.save(path)
    with zipfile.ZipFile(path) as archive:
        assert "schema.json" in archive.namelist()
        assert not any(name.endswith((".pkl", ".pickle", ".joblib")) for name in archive.namelist())
    loaded = LinearTextModel.load(path)
    texts = ["since starting Cardinex I get dizziness every day", "question about the delivery"]
    assert np.allclose(loaded.score(texts), trained.score(texts))
    assert loaded.meta == json.loads(json.dumps(trained.meta))
    assert loaded.threshold == trained.threshold


def test_loading_refuses_a_file_that_names_an_untrusted_type(tmp_path: Path) -> None:
    from collections import OrderedDict

    path = tmp_path / "evil.skops"
    sio.dump({"format": "carewatch-linear-1", "meta": {}, "vectorizer": OrderedDict(a=1),
              "coef": np.zeros(1), "intercept": 0.0}, path)
    with pytest.raises(UntrustedModelFile, match=r"collections\.OrderedDict"):
        LinearTextModel.load(path)


def test_loading_refuses_a_skops_file_that_is_not_a_carewatch_model(tmp_path: Path) -> None:
    path = tmp_path / "other.skops"
    sio.dump({"hello": [1, 2]}, path)
    with pytest.raises(UntrustedModelFile, match="not a carewatch"):
        LinearTextModel.load(path)
    (tmp_path / "junk.skops").write_bytes(b"not a zip")
    with pytest.raises(UntrustedModelFile):
        LinearTextModel.load(tmp_path / "junk.skops")


def test_label_values_are_read_from_numbers_words_and_label_lists() -> None:
    assert is_positive("1", "adverse_event") and is_positive(1, "adverse_event")
    assert is_positive(["phi", "adverse_event"], "adverse_event") and not is_positive(["phi"], "adverse_event")
    assert is_positive("adverse_event", "adverse_event") and not is_positive("0", "adverse_event")
    assert not is_positive("dismissed", "adverse_event") and is_positive("confirmed", "adverse_event")


@pytest.mark.django_db
def test_registering_a_version_activates_it_and_the_engine_uses_it(trained: LinearTextModel) -> None:
    first = do_register_model(SYSTEM, trained)
    assert first.is_active and first.file.exists() and first.file.suffix == ".skops"
    assert first.threshold == pytest.approx(trained.threshold) and first.data_hash == trained.meta["data_hash"]
    second = do_register_model(SYSTEM, trained)
    first.refresh_from_db()
    assert second.version != first.version and second.is_active and not first.is_active
    choice = registry.choose("adverse_event", None)
    assert choice is not None and choice.model.version == second.version
    result = screen("since starting Lumetra I get terrible chest pain every day", ScreenContext(language="en"))
    assert "adverse_event" in result.labels
    finding = next(f for f in result.findings if f.detector == "ae_model")
    assert finding.details["model_version"] == second.version and finding.details["operating_point"] == "high_recall"
    assert result.versions["ae_model"] == second.version


@pytest.mark.django_db
def test_a_client_pin_wins_over_the_client_and_global_defaults(trained: LinearTextModel, northwind: Client,
                                                              contoso: Client) -> None:
    pinned = do_register_model(SYSTEM, trained, activate=False)
    own = do_register_model(SYSTEM, trained, client=northwind)
    global_row = do_register_model(SYSTEM, trained)
    assert registry.choose("adverse_event", northwind.pk).model.version == own.version  # type: ignore[union-attr]
    assert registry.choose("adverse_event", contoso.pk).model.version == global_row.version  # type: ignore[union-attr]
    do_pin_model(SYSTEM, northwind, pinned.version)
    northwind.refresh_from_db()
    assert northwind.settings["triage_model_version"] == pinned.version
    assert registry.choose("adverse_event", northwind.pk).model.version == pinned.version  # type: ignore[union-attr]
    do_pin_model(SYSTEM, northwind, "rules-only")
    assert registry.choose("adverse_event", northwind.pk) is None
    with pytest.raises(LookupError):
        do_pin_model(SYSTEM, contoso, own.version)  # another client's model
    do_pin_model(SYSTEM, northwind, "")
    assert registry.choose("adverse_event", northwind.pk).model.version == own.version  # type: ignore[union-attr]


@pytest.mark.django_db
def test_a_supervisor_cannot_pin_or_register_a_model_and_an_agent_cannot_change_the_global_one(
        trained: LinearTextModel, northwind: Client, sam: User, alice: User) -> None:
    with pytest.raises(PermissionDenied):
        do_pin_model(sam, northwind, "rules-only")
    with pytest.raises(PermissionDenied):
        do_register_model(sam, trained, client=northwind)
    with pytest.raises(PermissionDenied):
        do_register_model(alice, trained)
    northwind.refresh_from_db()
    assert "triage_model_version" not in (northwind.settings or {})
    assert not ModelVersion.objects.exists()


@pytest.mark.django_db
def test_registering_activating_and_pinning_a_model_each_leave_an_audit_event(
        trained: LinearTextModel, northwind: Client) -> None:
    owner = make_user("owner@agency.test", Role.ADMIN, northwind)
    first = do_register_model(owner, trained, client=northwind)
    second = do_register_model(owner, trained, client=northwind)
    do_pin_model(owner, northwind, first.version)
    events = list(AuditEvent.objects.filter(action__startswith="triage.model").order_by("id"))
    assert [e.action for e in events] == ["triage.model_registered", "triage.model_registered", "triage.model_pinned"]
    assert events[1].data["replaced"] == [first.version] and events[1].actor_id == owner.pk
    assert events[2].data == {"from": "", "to": first.version} and events[2].client_id == northwind.pk
    assert second.is_active


@pytest.mark.django_db
def test_the_operating_point_setting_switches_to_the_f1_threshold(trained: LinearTextModel, northwind: Client) -> None:
    do_register_model(SYSTEM, trained)
    assert registry.choose("adverse_event", northwind.pk).threshold == trained.high_recall_threshold  # type: ignore[union-attr]
    northwind.settings = {"triage_operating_point": "f1"}
    northwind.save()
    registry.clear_cache()
    assert registry.choose("adverse_event", northwind.pk).threshold == trained.threshold  # type: ignore[union-attr]


def _write_jsonl(path: Path, texts: list[str], labels: list[int]) -> None:
    path.write_text("".join(json.dumps({"text": t, "label": y}) + "\n" for t, y in zip(texts, labels, strict=True)))


@pytest.mark.django_db
def test_the_eval_command_prints_precision_recall_f1_a_confusion_matrix_and_speed(trained: LinearTextModel,
                                                                                  tmp_path: Path) -> None:
    model_path = tmp_path / "m.skops"
    trained.save(model_path)
    data = tmp_path / "eval.tsv"
    data.write_text("id\ttweet\tclass\n1\tsince starting Lumetra I get awful headache every day\t1\n"
                    "2\tquestion about the refill for Lumetra, when does it open\t0\n"
                    "3\tquestion about the copay card for the pill, when does it open\t0\n")
    out = CliRunner().invoke(main, ["triage", "eval", str(data), "--text-field", "tweet", "--label-field", "class",
                                    "--label", "adverse_event", "--model", str(model_path), "--json"])
    assert out.exit_code == 0, out.output
    assert "precision 1.000  recall 1.000  F1 1.000" in out.output
    assert "confusion matrix" in out.output and "truth +" in out.output and "mentions/s" in out.output
    numbers = json.loads(out.output.strip().splitlines()[-1])
    assert (numbers["tp"], numbers["fp"], numbers["fn"], numbers["tn"]) == (1, 0, 0, 2)
    assert "headache" not in out.output  # texts are never printed
    rules = CliRunner().invoke(main, ["triage", "eval", str(data), "--text-field", "tweet", "--label-field", "class",
                                      "--rules-only"])
    assert rules.exit_code == 0 and "rules only" in rules.output


@pytest.mark.django_db
def test_the_train_command_registers_a_version_from_a_file(tmp_path: Path) -> None:
    data = tmp_path / "train.jsonl"
    _write_jsonl(data, *synthetic())
    out = CliRunner().invoke(main, ["triage", "train", "--data", str(data), "--label", "adverse_event",
                                    "--out", str(tmp_path / "copy.skops")])
    assert out.exit_code == 0, out.output
    assert "best F1: threshold" in out.output and "high recall: threshold" in out.output
    row = ModelVersion.objects.get()
    assert row.client is None and row.is_active and row.file.exists() and row.metrics["records"] == 80
    assert LinearTextModel.load(tmp_path / "copy.skops").meta["data_hash"] == row.data_hash


@pytest.mark.django_db
def test_the_train_command_learns_from_a_clients_review_decisions(northwind: Client,
                                                                 make_mention: MentionFactory) -> None:
    for text, label in zip(*synthetic(), strict=True):
        registry.record_decision(make_mention(northwind, text), "adverse_event", bool(label))
    assert ReviewDecision.objects.filter(client=northwind).count() == 80
    out = CliRunner().invoke(main, ["triage", "train", "--client", "northwind"])
    assert out.exit_code == 0, out.output
    assert "reviewer decisions of client northwind" in out.output
    row = ModelVersion.objects.get()
    assert row.client == northwind and row.is_active and "northwind" in row.version
    empty = CliRunner().invoke(main, ["triage", "train", "--client", "northwind", "--label", "spam"])
    assert empty.exit_code != 0 and "need at least 2 positive" in empty.output


def test_the_shipped_model_loads_is_small_and_scores() -> None:
    path = shipped_path("adverse_event")
    assert path.exists() and path.stat().st_size < 2 * 2**20
    model = LinearTextModel.load(path)
    assert model.label == "adverse_event" and "smm4h" not in json.dumps(model.meta).lower()
    sick = model.score_one("Since I started Lumetra I have had a horrible headache and nausea every day")
    fine = model.score_one("Is Lumetra covered by my insurance? Where do I find the copay card?")
    assert sick >= model.high_recall_threshold > fine


def test_the_shipped_training_data_is_what_the_shipped_model_was_trained_on() -> None:
    path = shipped_path("adverse_event")
    texts, labels = load_labelled(path.with_name("adverse_event.train.jsonl"), "text", "label", "adverse_event")
    from carewatch.triage.training import data_hash

    assert LinearTextModel.load(path).meta["data_hash"] == data_hash(texts, labels)
