"""Which audit events call for whose notification.

- ``case.assign`` → the new assignee (unless they assigned it to themselves)
- ``case.note`` with ``@name`` → each named colleague of that client (e-mail's local part, or the
  name without spaces)
- ``reply.compose`` held for approval, ``template.submit`` → the client's approvers
- ``reply.approve`` / ``reply.reject`` / ``template.activate`` → the author
- ``escalation.step`` → the users among the step's e-mail recipients
- ``sla.warning`` → the case's assignee
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.urls import reverse

from carewatch.audit.models import AuditEvent
from carewatch.notifications.models import DeskNotification, Kind
from carewatch.tenancy.models import Role, User

MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9][\w.\-]*[A-Za-z0-9]|[A-Za-z0-9])")
TEMPLATE_APPROVERS = frozenset({Role.REVIEWER, Role.SUPERVISOR})
REPLY_APPROVERS = {"reviewer": frozenset({Role.REVIEWER, Role.SUPERVISOR, Role.ADMIN}),
                   "supervisor": frozenset({Role.SUPERVISOR, Role.ADMIN})}
WATCHED = frozenset({"case.assign", "case.note", "reply.compose", "template.submit", "reply.approve", "reply.reject",
                     "template.activate", "escalation.step", "sla.warning"})


def on_audit_event(sender: Any, instance: AuditEvent, created: bool, **kwargs: Any) -> None:
    if not created or instance.action not in WATCHED or kwargs.get("raw"):
        return
    derive(instance)


def on_audit_events(sender: Any, events: list[AuditEvent], **kwargs: Any) -> None:
    """Events written together (``audit.chain.events_written``): as ``on_audit_event`` for each."""
    derive_many([event for event in events if event.action in WATCHED])


def derive_many(events: list[AuditEvent]) -> int:
    """``derive`` for many events; assignments set-wise (their people, clients and actors read
    once, the notifications inserted together: the same rows ``derive`` makes one by one)."""
    assigns = [e for e in events if e.action == "case.assign" and (e.data or {}).get("to")]
    total = sum(derive(e) for e in events if e.action != "case.assign")
    if not assigns:
        return total
    from carewatch.tenancy.models import Client

    targets = User.objects.in_bulk({int(e.data["to"]) for e in assigns})
    actors = User.objects.in_bulk({e.actor_id for e in assigns if e.actor_id})
    names = dict(Client.objects.filter(pk__in={e.client_id for e in assigns if e.client_id is not None})
                 .values_list("pk", "name"))
    rows = []
    for event in assigns:
        target = targets.get(int(event.data["to"]))
        if target is None:
            continue
        where = _where(names.get(event.client_id) if event.client_id is not None else None)
        by = _by_user(actors.get(event.actor_id) if event.actor_id else None)
        rows += _rows([target], event, Kind.ASSIGNED, _assigned_text(event, where, by),
                      reverse("inbox:case", args=[int(event.object_id)]))
    _insert(rows)
    return total + len(rows)


def _rows(users: Iterable[User], event: AuditEvent, kind: str, text: str, url: str) -> list[DeskNotification]:
    """The notifications of ``event`` for these users: each active one once, never its actor."""
    actor = event.actor_id
    return [DeskNotification(user=u, client_id=event.client_id, kind=kind, text=text[:300], url=url[:300],
                             audit_seq=event.seq)
            for u in {u.pk: u for u in users if u.is_active and u.pk != actor}.values()]


def _send(users: Iterable[User], event: AuditEvent, kind: str, text: str, url: str) -> int:
    rows = _rows(users, event, kind, text, url)
    _insert(rows)
    return len(rows)


def _insert(rows: list[DeskNotification]) -> None:
    """Each (user, event, kind) once: an event derived again adds nothing."""
    DeskNotification.objects.bulk_create(rows, ignore_conflicts=True)


def _members(client_id: int | None, roles: Iterable[str]) -> list[User]:
    roles = set(roles)
    query = Q(memberships__client_id=client_id, memberships__role__in=roles)
    if Role.ADMIN in roles:
        query |= Q(is_agency_admin=True)
    return list(User.objects.filter(query, is_active=True).distinct())


def _client_name(event: AuditEvent) -> str:
    from carewatch.tenancy.models import Client

    if event.client_id is None:
        return ""
    return _where(Client.objects.filter(pk=event.client_id).values_list("name", flat=True).first())


def _where(client_name: str | None) -> str:
    return f" ({client_name})" if client_name else ""


def _by(event: AuditEvent) -> str:
    return _by_user(User.objects.filter(pk=event.actor_id).first() if event.actor_id else None)


def _by_user(user: User | None) -> str:
    return f" by {user.display_name}" if user is not None else ""


def _assigned_text(event: AuditEvent, where: str, by: str) -> str:
    return f"Case {event.object_id}{where} was assigned to you{by}"


def _already_past(due: Any) -> bool:
    from datetime import datetime

    from django.utils import timezone

    try:
        moment = datetime.fromisoformat(str(due)) if due else None
    except ValueError:
        return False
    return moment is not None and moment.tzinfo is not None and moment < timezone.now()


def mentioned_users(body: str, client_id: int) -> list[User]:
    """The colleagues of that client a note names with ``@``."""
    names = {m.group(1).lower() for m in MENTION.finditer(body)}
    if not names:
        return []
    found = []
    for user in User.objects.filter(Q(memberships__client_id=client_id) | Q(is_agency_admin=True),
                                    is_active=True).distinct():
        keys = {user.email.lower(), user.email.split("@")[0].lower(), "".join(user.name.split()).lower(),
                *(part.lower() for part in user.name.split()[:1])}
        if names & {k for k in keys if k}:
            found.append(user)
    return found


def derive(event: AuditEvent) -> int:
    action, data = event.action, event.data or {}
    where = _client_name(event)
    if action == "case.assign":
        to = data.get("to")
        target = User.objects.filter(pk=int(to)).first() if to else None
        if target is None:
            return 0
        url = reverse("inbox:case", args=[int(event.object_id)])
        return _send([target], event, Kind.ASSIGNED, _assigned_text(event, where, _by(event)), url)
    if action == "case.note":
        from carewatch.inbox.models import Note

        note = Note.objects.filter(pk=int(data.get("note_id") or 0)).first()
        if note is None or event.client_id is None:
            return 0
        url = reverse("inbox:case", args=[note.case_id]) + f"#note-{note.pk}"
        return _send(mentioned_users(note.body, event.client_id), event, Kind.MENTIONED,
                     f"You were mentioned in a note on case {note.case_id}{where}{_by(event)}", url)
    if action == "reply.compose":
        from carewatch.replies.models import ReplyDraft, ReplyStatus

        if not data.get("held"):
            return 0
        draft = ReplyDraft.objects.filter(pk=event.object_id).first()
        if draft is None or draft.status != ReplyStatus.PENDING_APPROVAL:
            return 0
        if draft.required_tier == "named":  # an incident's approver (crisis), whatever the role
            named = {e for e in draft.approver_emails.split(",") if e}
            people = [u for u in _members(event.client_id, Role.values) if u.email.lower() in named]
        else:
            people = _members(event.client_id,
                              REPLY_APPROVERS.get(draft.required_tier or "reviewer", REPLY_APPROVERS["reviewer"]))
        return _send(people, event, Kind.APPROVAL_REQUESTED,
                     f"A reply to case {draft.case_id}{where} waits for your approval{_by(event)}",
                     reverse("notifications:approvals"))
    if action == "template.submit":
        from carewatch.replies.models import TemplateVersion

        version = TemplateVersion.objects.select_related("template").filter(pk=event.object_id).first()
        if version is None:
            return 0
        return _send(_members(event.client_id, TEMPLATE_APPROVERS), event, Kind.APPROVAL_REQUESTED,
                     f"Template {version.template.key} v{version.number}{where} waits for your review{_by(event)}",
                     reverse("responses:template", args=[version.template_id]))
    if action in ("reply.approve", "reply.reject"):
        from carewatch.replies.models import ReplyDraft

        draft = ReplyDraft.objects.select_related("author").filter(pk=event.object_id).first()
        if draft is None or draft.author is None:
            return 0
        word = "approved" if action == "reply.approve" else "rejected"
        return _send([draft.author], event, Kind.APPROVAL_DECIDED,
                     f"Your reply to case {draft.case_id}{where} was {word}{_by(event)}",
                     reverse("inbox:case", args=[draft.case_id]))
    if action == "template.activate":
        from carewatch.replies.models import TemplateVersion

        version = TemplateVersion.objects.select_related("template", "author").filter(pk=event.object_id).first()
        if version is None or version.author is None:
            return 0
        return _send([version.author], event, Kind.APPROVAL_DECIDED,
                     f"Template {version.template.key} v{version.number}{where} was approved and is in use",
                     reverse("responses:template", args=[version.template_id]))
    if action == "escalation.step":
        from carewatch.escalation.models import Escalation
        from carewatch.escalation.models import Notification as Outgoing

        escalation = Escalation.objects.filter(pk=event.object_id).first()
        if escalation is None:
            return 0
        step = int(data.get("step", 1)) - 1
        emails = {r.lower() for r in Outgoing.objects.filter(escalation=escalation, step=step, route="email")
                  .values_list("recipient", flat=True)}
        users = list(User.objects.filter(email__in=emails, is_active=True))
        return _send(users, event, Kind.ESCALATION,
                     f"{escalation.reference}{where}: {escalation.get_category_display()} "
                     f"({escalation.severity}) is escalated to you, step {step + 1}",
                     reverse("escalation:detail", args=[escalation.pk]))
    if action == "sla.warning":
        from carewatch.inbox.models import Case

        case = Case.objects.select_related("assignee").filter(pk=event.object_id).first()
        if case is None or case.assignee is None or _already_past(data.get("due")):
            return 0  # a warning recorded after its deadline (a sweeper catching up) is no news
        label = str(data.get("label") or "SLA")
        return _send([case.assignee], event, Kind.SLA,
                     f"Case {case.pk}{where}: your {label} is about to breach", reverse("inbox:case", args=[case.pk]))
    return 0
