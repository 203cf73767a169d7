"""Template versions: immutable; draft → in review → approved by the client's reviewers (never the
author, N of them) → active until expiry → retired; diffs; usage; config-as-code loading."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from carewatch.audit.models import AuditEvent
from carewatch.replies import actions, library
from carewatch.replies.config import validate_templates
from carewatch.replies.models import TemplateVersion, VersionStatus
from carewatch.tenancy.models import Client, User
from carewatch.tenancy.system import system_actor
from tests.replies.conftest import MI_BODY


def draft(client: Client, author: User, body: str = MI_BODY, **kwargs: Any) -> TemplateVersion:
    with transaction.atomic():
        template = actions.do_create_template(author, client, "mi-referral", "en", "medical_information")
        return actions.do_new_version(author, template, body, **kwargs)


def test_a_new_version_is_a_draft_and_not_usable(policy: Client, sam: User) -> None:
    version = draft(policy, sam)
    assert version.status == VersionStatus.DRAFT and version.state == "draft"
    assert not version.is_active()
    assert library.active_versions(policy) == []


def test_the_author_cannot_approve_their_own_template(policy: Client, sam: User) -> None:
    version = draft(policy, sam, submit=True)
    with pytest.raises(PermissionDenied):
        actions.do_approve_version(sam, version)
    assert TemplateVersion.objects.get(pk=version.pk).status == VersionStatus.IN_REVIEW


def test_an_agent_is_not_a_reviewer_and_a_draft_cannot_be_approved(policy: Client, sam: User, alice: User,
                                                                   rita: User) -> None:
    version = draft(policy, sam)
    with pytest.raises(PermissionDenied):
        actions.do_approve_version(alice, version)
    with pytest.raises(ValidationError, match="only a version in review"):
        actions.do_approve_version(rita, version)


def test_the_configured_number_of_reviewers_must_approve(policy: Client, sam: User, rita: User, tess: User) -> None:
    policy.settings = {**policy.settings, "template_approvals_required": 2}
    policy.save()
    version = draft(policy, sam, submit=True)
    assert version.approvals_required == 2
    actions.do_approve_version(rita, version)
    assert TemplateVersion.objects.get(pk=version.pk).status == VersionStatus.IN_REVIEW
    with pytest.raises(ValidationError, match="already approved"):
        actions.do_approve_version(rita, version)
    actions.do_approve_version(tess, version)
    version.refresh_from_db()
    assert version.status == VersionStatus.APPROVED and version.is_active()
    assert {a.reviewer_id for a in version.approvals.all()} == {rita.pk, tess.pk}
    assert AuditEvent.objects.filter(action="template.activate", object_id=str(version.pk)).exists()


def test_a_version_is_immutable(policy: Client, sam: User) -> None:
    version = draft(policy, sam)
    version.body = "other words"
    with pytest.raises(ValidationError, match="immutable"):
        version.save()


def test_approving_a_new_version_retires_the_previous_one_and_the_diff_shows_the_change(
        policy: Client, sam: User, rita: User) -> None:
    first = draft(policy, sam, submit=True)
    actions.do_approve_version(rita, first)
    second = actions.do_new_version(sam, first.template, MI_BODY.replace("please call", "call"), submit=True)
    actions.do_approve_version(rita, second)
    first.refresh_from_db()
    assert first.status == VersionStatus.RETIRED and first.retire_reason == "replaced by v2"
    assert library.active_version(first.template) == second
    diff = library.diff_versions(first, second)
    assert any(line.startswith("-") and "please call" in line for line in diff)
    assert any(line.startswith("+") and "please call" not in line and "call {mi_phone}" in line for line in diff)


def test_a_version_is_usable_until_its_expiry_date_then_the_sweeper_retires_it(
        policy: Client, sam: User, rita: User) -> None:
    expires = timezone.now() + timedelta(days=3)
    version = draft(policy, sam, submit=True, expires_at=expires)
    actions.do_approve_version(rita, version)
    assert library.active_versions(policy) == [version]
    with time_machine.travel(expires + timedelta(minutes=1)):
        assert library.active_versions(policy) == []
        assert TemplateVersion.objects.get(pk=version.pk).state == "expired"
        assert actions.retire_expired() == 1
    version.refresh_from_db()
    assert version.status == VersionStatus.RETIRED and version.retire_reason == "expired"


def test_unknown_variables_are_refused(policy: Client, sam: User) -> None:
    with pytest.raises(ValidationError, match="hotline"):
        draft(policy, sam, body="Call {hotline}")


def test_usage_counts_go_up_with_each_reply_sent_from_the_version(
        templates: dict[str, TemplateVersion], alice: User, make_mention: Any,
        django_capture_on_commit_callbacks: Any) -> None:
    case = make_mention(templates["general"].client, "Where can I find the leaflet?").case
    text = library.render(templates["general"].body, library.values_for(case.client, case, alice))
    with django_capture_on_commit_callbacks(execute=False):
        actions.do_compose(alice, case, text, templates["general"])
    templates["general"].refresh_from_db()
    assert templates["general"].usage_count == 1


# ------------------------------------------------------------------ config-as-code
SPECS = [
    {"key": "mi-referral", "category": "medical_information", "body": MI_BODY, "name": "MI referral"},
    {"key": "ae-ack", "category": "ae_acknowledgement", "language": "es",
     "body": "Hola {handle}, lamentamos leer esto. Llámenos al {mi_phone}.", "expires": "2030-01-31"},
]


def apply(client: Client, specs: list[dict[str, Any]]) -> list[str]:
    return actions.do_apply_config_templates(system_actor(), client, specs)


def test_config_loads_templates_in_review_and_only_approval_makes_them_usable(policy: Client, rita: User) -> None:
    lines = apply(policy, SPECS)
    assert len(lines) == 4
    versions = list(TemplateVersion.objects.filter(client=policy).select_related("template"))
    assert {(v.template.key, v.template.language, v.status, v.source) for v in versions} == {
        ("mi-referral", "en", "in_review", "config"), ("ae-ack", "es", "in_review", "config")}
    assert library.active_versions(policy) == []
    es = next(v for v in versions if v.template.language == "es")
    assert es.expires_at is not None and es.expires_at.astimezone(policy.tz).date().isoformat() == "2030-02-01"
    actions.do_approve_version(rita, versions[0])  # no author: any reviewer may approve
    assert len(library.active_versions(policy)) == 1


def test_config_apply_is_idempotent_and_new_words_make_a_new_version(policy: Client) -> None:
    apply(policy, SPECS)
    assert apply(policy, SPECS) == []
    changed = [{**SPECS[0], "body": MI_BODY + " Thank you."}]
    assert apply(policy, changed) == ["new version v2 of template northwind/mi-referral (en), in review"]


@pytest.mark.parametrize(("spec", "error"), [
    ({"key": "Bad Key", "category": "giveaway", "body": "x"}, "key must be"),
    ({"key": "x", "category": "coupon", "body": "x"}, "category must be"),
    ({"key": "x", "category": "giveaway", "body": ""}, "body must be"),
    ({"key": "x", "category": "giveaway", "body": "call {hotline}"}, "hotline"),
    ({"key": "x", "category": "giveaway", "body": "x", "expires": "soon"}, "YYYY-MM-DD"),
    ({"key": "x", "category": "giveaway", "body": "x", "colour": "red"}, "unknown key"),
])
def test_the_validator_names_what_is_wrong(spec: dict[str, Any], error: str) -> None:
    with pytest.raises(ValueError, match=error):
        validate_templates([spec], "client northwind", {"template_variables": {"mi_phone": "1"}})


def test_config_apply_records_each_template_change_with_its_audit_event_as_config(policy: Client) -> None:
    lines = apply(policy, SPECS)
    assert lines[0] == "create template northwind/mi-referral (en)"
    events = AuditEvent.objects.filter(action__startswith="config.template.")
    assert [(e.action, e.actor_id, e.actor_label) for e in events.order_by("seq")] == [
        ("config.template.create", None, "config"), ("config.template.version", None, "config"),
        ("config.template.create", None, "config"), ("config.template.version", None, "config")]


def test_only_an_admin_applies_config_templates_and_a_refusal_writes_nothing(policy: Client, rita: User) -> None:
    with pytest.raises(PermissionDenied):
        actions.do_apply_config_templates(rita, policy, SPECS)
    assert not TemplateVersion.objects.filter(client=policy).exists()
