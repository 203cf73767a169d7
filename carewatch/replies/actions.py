"""Every change to templates and replies: permission check, the change, its audit event, in one
transaction. Views, the API, config-as-code and tasks call these; none writes the rows directly.

Audit data keeps ids, statuses, ratios and rule names, never a reply's words (they may quote the
customer) — the words are on the ReplyDraft row.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from carewatch.audit.chain import append
from carewatch.inbox.actions import do_set_status
from carewatch.inbox.models import Case, CaseStatus, Direction, Mention
from carewatch.replies import gate, library
from carewatch.replies.config import expiry_end, validate_templates
from carewatch.replies.links import track_links
from carewatch.replies.lint import Finding, blocking, lint, lint_template
from carewatch.replies.models import (
    SCRIPTED,
    Category,
    LinkClick,
    ReplyDraft,
    ReplyStatus,
    Template,
    TemplateApproval,
    TemplateVersion,
    TrackedLink,
    VersionStatus,
)
from carewatch.replies.policy import parse_policy, policy_for
from carewatch.tenancy.access import require_role, role_for
from carewatch.tenancy.models import CASE_WRITE_ROLES, NOTE_ROLES, Client, Role, User

log = logging.getLogger(__name__)

TEMPLATE_WRITE_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.AGENT, Role.REVIEWER})
TEMPLATE_APPROVER_ROLES = frozenset({Role.REVIEWER, Role.SUPERVISOR})  # the client's reviewers
TEMPLATE_RETIRE_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.REVIEWER})
MAX_BODY = 10_000


# ------------------------------------------------------------------ templates
def _check_body(client: Client, body: str) -> str:
    body = body.strip()
    if not body:
        raise ValidationError("a template needs words")
    if len(body) > MAX_BODY:
        raise ValidationError(f"a template is at most {MAX_BODY:,} characters")
    unknown = sorted(set(library.variables_in(body)) - library.allowed_variables(policy_for(client)))
    if unknown:
        raise ValidationError(f"unknown variable(s) {', '.join('{' + u + '}' for u in unknown)}: add them to the "
                              "client's template_variables or use one of {handle}, {agent}, {client}")
    return body


def do_create_template(actor: User | None, client: Client, key: str, language: str, category: str,
                       name: str = "", *, actor_label: str | None = None) -> Template:
    if actor is not None:
        require_role(actor, client.pk, TEMPLATE_WRITE_ROLES)
    key = key.strip().lower()
    if not key or len(key) > 60 or not all(c.isalnum() or c == "-" for c in key):
        raise ValidationError("a template key is lower-case letters, digits and dashes")
    if category not in Category.values:
        raise ValidationError(f"unknown category {category!r}")
    language = (language or "en").strip().lower()[:8]
    with transaction.atomic():
        if Template.objects.filter(client=client, key=key, language=language).exists():
            raise ValidationError(f"there is already a template {key} in {language}")
        template = Template.objects.create(client=client, key=key, language=language, category=category,
                                           name=name.strip()[:200])
        append("template.create", actor=actor, actor_label=actor_label, client_id=client.pk, obj=template,
               data={"key": key, "language": language, "category": category})
    return template


def do_new_version(actor: User | None, template: Template, body: str, expires_at: datetime | None = None, *,
                   source: str = "ui", submit: bool = False, actor_label: str | None = None) -> TemplateVersion:
    """A new draft (immutable wording); ``submit`` sends it to review at once."""
    if actor is not None:
        require_role(actor, template.client_id, TEMPLATE_WRITE_ROLES)
    body = _check_body(template.client, body)
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError("the expiry date is in the past")
    with transaction.atomic():
        number = (template.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = TemplateVersion.objects.create(
            template=template, client_id=template.client_id, number=number, body=body, expires_at=expires_at,
            author=actor, source=source,
        )
        append("template.version", actor=actor, actor_label=actor_label, client_id=template.client_id, obj=version,
               data={"template": template.key, "number": number, "source": source,
                     "expires_at": expires_at.isoformat() if expires_at else None})
        if submit:
            _submit(actor, version, actor_label)
    return version


def _submit(actor: User | None, version: TemplateVersion, actor_label: str | None = None) -> None:
    version.status = VersionStatus.IN_REVIEW
    version.submitted_at = timezone.now()
    version.approvals_required = policy_for(version.template.client).approvals_required
    version.save(update_fields=["status", "submitted_at", "approvals_required"])
    append("template.submit", actor=actor, actor_label=actor_label, client_id=version.client_id, obj=version,
           data={"approvals_required": version.approvals_required})


CONFIG_ROLES = frozenset({Role.ADMIN})  # config apply: an admin, or the system actor


def do_apply_config_templates(actor: User, client: Client, specs: list[dict[str, Any]], *,
                              actor_label: str = "config") -> list[str]:
    """Config apply's ``templates:`` for ``client`` (``replies.config`` checks them; checked here
    again): a missing template is created, a new name renames it, new words or a new expiry make
    a new version, in review (only reviewers' approvals make it usable). Same words: nothing.
    Returns one line per change; each change writes its audit event (``config.template.*``)."""
    require_role(actor, client.pk, CONFIG_ROLES)
    where = f"client {client.slug}"
    cleaned = validate_templates(specs, where, client.settings or {})
    approvals = parse_policy(client.settings or {}, where).approvals_required
    lines: list[str] = []

    def note(line: str, action: str, obj: Any, data: dict[str, Any]) -> None:
        lines.append(line)
        append(action, actor=actor, actor_label=actor_label, client_id=client.pk, obj=obj, data=data)

    with transaction.atomic():
        for spec in cleaned:
            language = spec["language"] or (client.languages[0] if client.languages else "en")
            key, name = spec["key"], f"template {client.slug}/{spec['key']} ({language})"
            template = Template.objects.filter(client=client, key=key, language=language).first()
            if template is None:
                template = Template.objects.create(client=client, key=key, language=language,
                                                   category=spec["category"], name=spec["name"])
                note(f"create {name}", "config.template.create", template,
                     {"key": key, "language": language, "category": spec["category"]})
            elif template.category != spec["category"]:
                raise ValueError(f"{where} template {key}: its category is {template.category}; a template "
                                 "keeps its category (use a new key)")
            elif spec["name"] and template.name != spec["name"]:
                template.name = spec["name"]
                template.save(update_fields=["name"])
                note(f"rename {name}", "config.template.update", template, {"name": spec["name"]})
            ends = expiry_end(client, spec["expires"])
            latest = template.versions.exclude(status=VersionStatus.RETIRED).order_by("-number").first()
            if latest is not None and latest.body == spec["body"] and latest.expires_at == ends:
                continue
            number = (template.versions.aggregate(n=Max("number"))["n"] or 0) + 1
            version = TemplateVersion.objects.create(
                template=template, client=client, number=number, body=spec["body"], expires_at=ends,
                author=None, source="config", status=VersionStatus.IN_REVIEW, submitted_at=timezone.now(),
                approvals_required=approvals,
            )
            note(f"new version v{number} of {name}, in review", "config.template.version", version,
                 {"key": key, "number": number, "expires": spec["expires"], "approvals_required": approvals})
    return lines


def do_submit_version(actor: User, version: TemplateVersion) -> TemplateVersion:
    require_role(actor, version.client_id, TEMPLATE_WRITE_ROLES)
    with transaction.atomic():
        version = (TemplateVersion.objects.select_for_update(of=("self",)).select_related("template__client")
                   .get(pk=version.pk))
        if version.status != VersionStatus.DRAFT:
            raise ValidationError(f"only a draft goes to review (this one is {version.get_status_display().lower()})")
        _submit(actor, version)
    return version


def do_approve_version(actor: User, version: TemplateVersion) -> TemplateVersion:
    """One reviewer's approval; with enough of them the version becomes the active one (the
    template's earlier active version retires). Never its author."""
    role = require_role(actor, version.client_id, TEMPLATE_APPROVER_ROLES)
    with transaction.atomic():
        version = (TemplateVersion.objects.select_for_update(of=("self",)).select_related("template__client")
                   .get(pk=version.pk))
        if version.status != VersionStatus.IN_REVIEW:
            raise ValidationError(f"only a version in review can be approved (this one is "
                                  f"{version.get_status_display().lower()})")
        if version.author_id == actor.pk:
            raise PermissionDenied("nobody approves their own template")
        if version.approvals.filter(reviewer=actor).exists():
            raise ValidationError("you have already approved this version")
        findings = blocking(lint_template(version))
        if findings:
            raise ValidationError(f"the compliance lint blocks this wording — {explain(findings)}")
        TemplateApproval.objects.create(version=version, reviewer=actor, role=role)
        count = version.approvals.count()
        append("template.approve", actor=actor, client_id=version.client_id, obj=version,
               data={"approvals": count, "required": version.approvals_required})
        if count >= version.approvals_required:
            now = timezone.now()
            version.status = VersionStatus.APPROVED
            version.approved_at = now
            version.save(update_fields=["status", "approved_at"])
            append("template.activate", actor=actor, client_id=version.client_id, obj=version,
                   data={"template": version.template.key, "number": version.number})
            for earlier in version.template.versions.filter(status=VersionStatus.APPROVED).exclude(pk=version.pk):
                _retire(earlier, f"replaced by v{version.number}", actor=actor)
    return version


def _retire(version: TemplateVersion, reason: str, actor: User | None = None, actor_label: str | None = None) -> None:
    version.status = VersionStatus.RETIRED
    version.retired_at = timezone.now()
    version.retire_reason = reason[:200]
    version.save(update_fields=["status", "retired_at", "retire_reason"])
    append("template.retire", actor=actor, actor_label=actor_label, client_id=version.client_id, obj=version,
           data={"reason": reason[:200]})


def do_retire_version(actor: User, version: TemplateVersion, reason: str) -> TemplateVersion:
    require_role(actor, version.client_id, TEMPLATE_RETIRE_ROLES)
    if not reason.strip():
        raise ValidationError("say why the version retires")
    with transaction.atomic():
        version = TemplateVersion.objects.select_for_update().get(pk=version.pk)
        if version.status == VersionStatus.RETIRED:
            raise ValidationError("this version is already retired")
        _retire(version, reason.strip(), actor=actor)
    return version


def retire_expired(now: datetime | None = None) -> int:
    """The sweeper: approved versions past their expiry date retire (they stopped being usable
    at that moment already; this records it)."""
    now = now or timezone.now()
    count = 0
    for version_id in TemplateVersion.objects.filter(status=VersionStatus.APPROVED, expires_at__lte=now
                                                     ).values_list("pk", flat=True)[:500]:
        with transaction.atomic():
            version = TemplateVersion.objects.select_for_update().get(pk=version_id)
            if version.status == VersionStatus.APPROVED and version.expires_at and version.expires_at <= now:
                _retire(version, "expired", actor_label="system")
                count += 1
    return count


# ------------------------------------------------------------------ replies
def _answered(case: Case) -> Mention:
    mention = (Mention.objects.filter(case=case, direction=Direction.INBOUND, is_deleted=False)
               .order_by("-created_at", "-id").first())
    if mention is None:
        raise ValidationError("this case has no customer message to answer")
    return mention


def _target(mention: Mention) -> tuple[str, str]:
    if mention.kind == "dm" or mention.thread_key.startswith("dm:"):
        return "dm", mention.thread_key.removeprefix("dm:") or mention.author.external_id
    return "reply", mention.external_id


def _gate_labels(case: Case) -> list[str]:
    """Triage labels of the case's messages, then its tags (a routing rule's or a person's)."""
    labels = library.case_labels(case)
    labels.extend(t for t in case.tags.values_list("name", flat=True) if t not in labels)
    return labels


def explain(findings: list[Finding]) -> str:
    return "; ".join(f"{f.rule}: {f.message}" for f in blocking(findings))


def do_compose(actor: User, case: Case, text: str, template_version: TemplateVersion | None = None) -> ReplyDraft:
    """Check a reply (policy, edit ratio, lint), then hold it for approval or queue it."""
    require_role(actor, case.client_id, CASE_WRITE_ROLES)
    text = text.strip()
    if not text:
        raise ValidationError("a reply cannot be empty")
    if len(text) > MAX_BODY:
        raise ValidationError(f"a reply is at most {MAX_BODY:,} characters")
    client = case.client
    policy = policy_for(client)
    rendered = ""
    ratio = 1.0
    if template_version is not None:
        if template_version.client_id != case.client_id:
            raise ValidationError("no such template")
        if not template_version.is_active():
            raise ValidationError(f"{template_version} is not approved and active: it cannot be used")
        rendered = library.render(template_version.body, library.values_for(client, case, actor, policy))
        ratio = 0.0 if library.same_words(rendered, text) else library.edit_ratio(rendered, text)
        if ratio > policy.max_edit_ratio:
            raise ValidationError(f"the reply changes {ratio:.0%} of the approved template; {client.name} allows at "
                                  f"most {policy.max_edit_ratio:.0%}")
        if ratio > 0 and template_version.template.category in SCRIPTED:
            raise ValidationError(f"the {template_version.template.get_category_display()} script is sent as "
                                  "approved: no edits")
    elif not policy.free_text:
        raise ValidationError(f"{client.name} allows no free text: start from an approved template")
    findings = lint(client, text, case, template_version, user=actor)
    if blocking(findings):
        raise ValidationError(f"the compliance lint blocks this reply — {explain(findings)}")
    mention = _answered(case)
    verb, target = _target(mention)
    holds = gate.extra_holds(case)
    decision = gate.decide(policy, free_text=template_version is None,
                           edited=template_version is not None and ratio > 0, labels=_gate_labels(case),
                           author_flags=dict(case.author.flags or {}), holds=holds)
    with transaction.atomic():
        draft = ReplyDraft.objects.create(
            client=client, case=case, channel=case.channel, mention=mention, verb=verb, target_external_id=target,
            author=actor, text=text, template_version=template_version, rendered_template=rendered,
            edit_ratio=ratio if template_version is not None else 1.0,
            edits=library.edits(rendered, text) if template_version is not None and ratio > 0 else [],
            lint=[f.as_dict() for f in findings], status=ReplyStatus.PENDING_APPROVAL,
            approval_reasons=list(decision.reasons), required_tier=decision.tier,
            approver_emails=gate.approver_list(holds) if decision.tier == gate.NAMED else "",
        )
        append("reply.compose", actor=actor, client_id=client.pk, obj=draft, data={
            "case": case.pk, "template_version": template_version.pk if template_version else None,
            "edit_ratio": draft.edit_ratio, "lint": sorted({f.rule for f in findings}),
            "held": list(decision.reasons), "tier": decision.tier, "length": len(text),
            **({"approvers": draft.approver_emails.strip(",").split(",")} if draft.approver_emails else {})})
        if not decision.needed:
            _queue(draft)
        if case.status == CaseStatus.NEW:
            # Someone has answered: the case is no longer untouched (as assigning it opens it).
            do_set_status(actor, case, CaseStatus.OPEN, "reply composed")
    return draft


def _queue(draft: ReplyDraft) -> None:
    """Links made tracked, the outbox row written (its send is enqueued on commit)."""
    from carewatch.replies.outbox import do_queue_outbound

    draft.body = track_links(draft, draft.text)
    action = do_queue_outbound(draft.author, draft.channel, draft.verb, draft.target_external_id, draft.body,
                               case=draft.case, mention=draft.mention)
    draft.outbound = action
    draft.status = ReplyStatus.QUEUED
    draft.save(update_fields=["body", "outbound", "status", "updated_at"])
    if draft.template_version_id:
        TemplateVersion.objects.filter(pk=draft.template_version_id).update(usage_count=F("usage_count") + 1)
    append("reply.queue", actor=draft.approver or draft.author, client_id=draft.client_id, obj=draft,
           data={"outbound": action.pk, "links": draft.links.count()})
    pk = draft.pk
    # After the send's own on-commit enqueue: with tasks run in-process the outcome is known at once;
    # otherwise the sweeper (replies.tasks) settles it. A failure here is logged, never the request's.
    transaction.on_commit(lambda: settle(pk), robust=True)


def _pending(actor: User, draft: ReplyDraft) -> ReplyDraft:
    role = role_for(actor, draft.client_id)
    if role is None:
        from django.http import Http404

        raise Http404("Not found")
    if not gate.may_approve(role, draft.required_tier, actor.email, draft.approver_emails):
        if draft.required_tier == gate.NAMED:
            raise PermissionDenied("this reply waits for the incident's approver: "
                                   + ", ".join(draft.approver_emails.strip(",").split(",")))
        raise PermissionDenied(f"a reply held for {draft.required_tier or 'reviewer'} approval needs that role")
    draft = ReplyDraft.objects.select_for_update(of=("self",)).select_related(
        "case__client", "case__author", "case__channel", "channel", "client").get(pk=draft.pk)
    if draft.status != ReplyStatus.PENDING_APPROVAL:
        raise ValidationError(f"this reply is {draft.get_status_display().lower()}, not waiting for approval")
    if draft.author_id == actor.pk:
        raise PermissionDenied("nobody approves their own reply")
    return draft


def do_approve_reply(actor: User, draft: ReplyDraft) -> ReplyDraft:
    with transaction.atomic():
        draft = _pending(actor, draft)
        version = draft.template_version
        if version is not None and not version.is_active():
            raise ValidationError(f"{version} is no longer active: the reply must be written again")
        # The case may have changed since (an adverse event came in): the lint runs again.
        findings = lint(draft.client, draft.text, draft.case, version, user=draft.author)
        if blocking(findings):
            raise ValidationError(f"the compliance lint now blocks this reply — {explain(findings)}")
        draft.approver = actor
        draft.approved_at = timezone.now()
        draft.lint = [f.as_dict() for f in findings]
        draft.save(update_fields=["approver", "approved_at", "lint", "updated_at"])
        append("reply.approve", actor=actor, client_id=draft.client_id, obj=draft,
               data={"case": draft.case_id, "tier": draft.required_tier, "author": draft.author_id})
        _queue(draft)
    return draft


def do_reject_reply(actor: User, draft: ReplyDraft, reason: str) -> ReplyDraft:
    reason = reason.strip()
    if not reason:
        raise ValidationError("say why the reply is rejected")
    with transaction.atomic():
        draft = _pending(actor, draft)
        draft.status = ReplyStatus.REJECTED
        draft.approver = actor
        draft.approved_at = timezone.now()
        draft.rejected_reason = reason[:500]
        draft.save(update_fields=["status", "approver", "approved_at", "rejected_reason", "updated_at"])
        append("reply.reject", actor=actor, client_id=draft.client_id, obj=draft, data={"case": draft.case_id})
    return draft


def settle(draft_id: int) -> str:
    """Carry the outbox's outcome over to the reply: sent, or failed — then the case goes back to
    the queue (reopened if it was waiting or closed) with the reason in a note."""
    from carewatch.inbox import actions as inbox_actions
    from carewatch.replies.models import OutboundStatus

    with transaction.atomic():
        draft = (ReplyDraft.objects.select_for_update(of=("self",)).select_related("outbound", "case", "author")
                 .filter(pk=draft_id).first())
        if draft is None or draft.status != ReplyStatus.QUEUED or draft.outbound is None:
            return draft.status if draft else "missing"
        outcome = draft.outbound.status
        if outcome == OutboundStatus.SENT:
            draft.status = ReplyStatus.SENT
            draft.sent_at = draft.outbound.sent_at or timezone.now()
            draft.save(update_fields=["status", "sent_at", "updated_at"])
            append("reply.sent", actor_label="outbox", client_id=draft.client_id, obj=draft,
                   data={"outbound": draft.outbound_id, "external_id": draft.outbound.external_id})
            return str(draft.status)
        if outcome != OutboundStatus.FAILED:
            return str(draft.status)
        reason = draft.outbound.error or "the platform refused the reply"
        draft.status = ReplyStatus.FAILED
        draft.failure_reason = reason[:300]
        draft.save(update_fields=["status", "failure_reason", "updated_at"])
        append("reply.failed", actor_label="outbox", client_id=draft.client_id, obj=draft,
               data={"outbound": draft.outbound_id, "error": reason[:300], "code": draft.outbound.error_code})
        case = draft.case
        author = draft.author
        # inbox.actions has no system actor: the reply's author (whose work it is) reopens the case
        # and carries the note; the audit event above names the outbox as the cause.
        role = role_for(author, case.client_id)
        if case.status in (CaseStatus.WAITING, CaseStatus.CLOSED) and role in CASE_WRITE_ROLES:
            inbox_actions.do_set_status(author, case, CaseStatus.OPEN, reason=f"reply not sent: {reason}"[:200])
        if role in NOTE_ROLES:
            inbox_actions.do_add_note(author, case, f"Reply #{draft.pk} was not sent: {reason}. "
                                                    "The case is back in the queue; write the reply again.")
        else:
            log.warning("reply %s failed and its author can no longer note case %s", draft.pk, case.pk)
        return str(draft.status)


def settle_queued(limit: int = 500) -> int:
    """The sweeper: replies whose outbox row has an outcome get it."""
    from carewatch.replies.models import OutboundStatus

    ids = list(ReplyDraft.objects.filter(status=ReplyStatus.QUEUED, outbound__status__in=[
        OutboundStatus.SENT, OutboundStatus.FAILED]).values_list("pk", flat=True)[:limit])
    for pk in ids:
        try:
            settle(pk)
        except Exception:
            log.exception("settling reply %s failed", pk)
    return len(ids)


# ------------------------------------------------------------------ clicks
def record_click(link: TrackedLink, user_agent: str) -> bool:
    """Count one click (a bot's apart). Clicks are metrics, not changes of anyone's work: no audit event."""
    from carewatch.replies.links import is_bot

    bot = is_bot(user_agent)
    with transaction.atomic():
        LinkClick.objects.create(link=link, bot=bot)
        field = "bot_clicks" if bot else "clicks"
        TrackedLink.objects.filter(pk=link.pk).update(**{field: F(field) + 1, "last_click_at": timezone.now()})
    return not bot


def summary(draft: ReplyDraft) -> dict[str, Any]:
    """What the case page shows of a reply."""
    outbound = draft.outbound
    return {"status": draft.status, "outbound": outbound.status if outbound else None,
            "error": (outbound.error if outbound else "") or draft.failure_reason}


def held_on_close(case: Any) -> list[Any]:
    """The case's replies still waiting for approval (a close leaves them in the approvals
    inbox; registered with ``inbox.actions.HELD_ON_CLOSE`` in ``ResponsesConfig.ready``)."""
    return list(ReplyDraft.objects.filter(case=case, status=ReplyStatus.PENDING_APPROVAL).order_by("created_at"))
