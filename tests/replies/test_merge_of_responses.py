"""The former ``responses`` app merged into ``replies`` (issue 14): a database made before the merge
keeps its tables and rows, the move runs no SQL, and what was stored under the old label (the
e-signatures' object types) is still found."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client as HttpClient
from django.urls import reverse

from carewatch.identity.models import Meaning, Signature
from carewatch.identity.signatures import content_hash, signatures_for
from carewatch.inbox.models import Case
from carewatch.replies.models import (
    LinkClick,
    OutboundAction,
    ReplyDraft,
    Template,
    TemplateApproval,
    TemplateVersion,
    TrackedLink,
)
from carewatch.replies.signing import version_content
from carewatch.tenancy.models import Channel, Client, User

# Where main stood before the merge, and the three migrations of the move.
BEFORE = [("replies", "0002_ratewindow_moved_to_sources"), ("responses", "0004_reply_named_approvers"),
          ("content", "0001_initial")]
MOVE = [("replies", "0003_models_from_responses"), ("content", "0002_postlink_link_in_replies"),
        ("responses", "0005_models_moved_to_replies")]


def _applied() -> set[tuple[str, str]]:
    return set(MigrationLoader(connection).applied_migrations)


def _rows_made_before_the_merge(client: Client, case: Case, agent: User, reviewer: User) -> dict[str, int]:
    """What main's code stored: written through the models as main's migrations define them."""
    graph = MigrationLoader(connection).graph
    nodes = [n for n in graph.leaf_nodes() if n[0] not in {"replies", "responses", "content"}] + BEFORE
    old = MigrationLoader(connection).project_state(nodes).apps
    with pytest.raises(LookupError):
        old.get_model("replies", "Template")  # not there yet: the models are responses'
    channel = Channel.objects.filter(client=client).first()
    assert channel is not None
    with transaction.atomic():
        template = old.get_model("responses", "Template").objects.create(
            client_id=client.pk, key="mi-referral", language="en", category="medical_information", name="MI")
        version = old.get_model("responses", "TemplateVersion").objects.create(
            template=template, client_id=client.pk, number=1, body="Please call 1-800-555-0100.",
            status="approved", author_id=agent.pk)
        old.get_model("responses", "TemplateApproval").objects.create(
            version=version, reviewer_id=reviewer.pk, role="supervisor")
        outbound = old.get_model("replies", "OutboundAction").objects.create(
            client_id=client.pk, channel_id=channel.pk, case_id=case.pk, verb="reply", target_external_id="c1",
            body="Please call 1-800-555-0100.", idempotency_key="merge-test-1", status="sent")
        reply = old.get_model("responses", "ReplyDraft").objects.create(
            client_id=client.pk, case_id=case.pk, channel_id=channel.pk, verb="reply", target_external_id="c1",
            author_id=agent.pk, text="Please call 1-800-555-0100.", template_version=version, status="sent",
            outbound_id=outbound.pk)
        link = old.get_model("responses", "TrackedLink").objects.create(
            code="abc123", client_id=client.pk, reply=reply, case_id=case.pk, template=template,
            template_key="mi-referral", platform="facebook", target_url="https://northwind.example/mi", clicks=1)
        old.get_model("responses", "LinkClick").objects.create(link=link, bot=False)
    return {"template": template.pk, "version": version.pk, "outbound": outbound.pk, "reply": reply.pk,
            "link": link.pk}


@pytest.mark.django_db(transaction=True)  # migrations run outside a test's transaction
def test_a_database_made_before_the_merge_keeps_its_templates_replies_outbox_and_links(
        northwind: Client, alice: User, sam: User, case_of: Any) -> None:
    case = case_of(northwind)
    leaves = MigrationLoader(connection).graph.leaf_nodes()
    # Back to main's migration state. The move runs no SQL (the test below), so main's schema is
    # this one and forgetting that the move was applied is enough (unapplying it is much slower).
    recorder = MigrationRecorder(connection)
    for app, name in MOVE:
        recorder.record_unapplied(app, name)
    try:
        assert not set(MOVE) & _applied()
        ids = _rows_made_before_the_merge(northwind, case, alice, sam)
    finally:
        MigrationExecutor(connection).migrate(leaves)  # what `migrate` does on an existing database
    assert set(MOVE) <= _applied()

    template = Template.objects.get(pk=ids["template"])
    assert (template.key, template.category, template.client_id) == ("mi-referral", "medical_information",
                                                                      northwind.pk)
    version = TemplateVersion.objects.get(pk=ids["version"])
    assert version.template == template and version.is_active()
    assert TemplateApproval.objects.get(version=version).reviewer == sam
    reply = ReplyDraft.objects.get(pk=ids["reply"])
    assert reply.template_version == version and reply.case == case
    assert reply.outbound == OutboundAction.objects.get(pk=ids["outbound"], status="sent")
    link = TrackedLink.objects.get(code="abc123")
    assert link.pk == ids["link"] and link.reply == reply and link.template == template
    assert LinkClick.objects.filter(link=link).count() == 1
    assert list(case.reply_drafts.all()) == [reply]

    # New rows go to the same tables, after the old ones.
    later = Template.objects.create(client=northwind, key="thanks", category="general_question")
    assert later.pk > template.pk
    with connection.cursor() as cursor:
        cursor.execute("SELECT key FROM responses_template ORDER BY id")
        assert [row[0] for row in cursor.fetchall()] == ["mi-referral", "thanks"]


@pytest.mark.django_db(transaction=True)  # SQLite's schema editor needs no open transaction
@pytest.mark.parametrize(("app", "name"), MOVE)
def test_the_move_of_the_models_runs_no_sql(app: str, name: str) -> None:
    out = StringIO()
    call_command("sqlmigrate", app, name, stdout=out)
    statements = [line for line in out.getvalue().splitlines()
                  if line.strip() and not line.startswith("--") and line.strip() not in {"BEGIN;", "COMMIT;"}]
    assert statements == []


def test_the_merged_models_keep_the_tables_of_the_former_app() -> None:
    assert {m._meta.db_table for m in (Template, TemplateVersion, TemplateApproval, ReplyDraft, TrackedLink,
                                       LinkClick)} == {
        "responses_template", "responses_templateversion", "responses_templateapproval", "responses_replydraft",
        "responses_trackedlink", "responses_linkclick"}
    assert OutboundAction._meta.db_table == "replies_outboundaction"
    assert {m._meta.app_label for m in (Template, ReplyDraft, OutboundAction)} == {"replies"}


def test_a_signature_stored_under_the_former_label_is_still_listed_and_checked(
        northwind: Client, sam: User) -> None:
    template = Template.objects.create(client=northwind, key="mi", category="medical_information")
    version = TemplateVersion.objects.create(template=template, client=northwind, number=1, body="Call us.",
                                             status="approved", author=sam)
    Signature.objects.create(  # as main stored it, before the merge
        signer=sam, signer_name="Sam", signer_email=sam.email, client=northwind, signed_at=version.created_at,
        meaning=Meaning.APPROVED, object_type="responses.templateversion", object_id=str(version.pk),
        content_hash=content_hash(version_content(version, Meaning.APPROVED)), method="password")
    checks = signatures_for(version)
    assert [(c.signature.object_type, c.valid) for c in checks] == [("responses.templateversion", True)]


def test_the_lint_api_keeps_the_operation_id_it_had_before_the_merge() -> None:
    document = HttpClient().get("/api/v1/openapi.json").json()
    assert document["paths"]["/api/v1/lint"]["post"]["operationId"] == "carewatch_responses_api_lint_reply"


def test_the_pages_keep_their_addresses_and_url_names() -> None:
    assert reverse("responses:templates") == "/replies/templates/"
    assert reverse("responses:compose", args=[7]) == "/replies/case/7/compose/"
    assert reverse("short-link", args=["abc"]) == "/l/abc"
