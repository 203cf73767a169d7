"""Every change an agent makes to a case: permission check, the change, its audit event.

Views, the API, the CLI and tasks all call these; none writes case rows directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from carewatch.audit.chain import append
from carewatch.hooks_out import emitters
from carewatch.inbox.ingest import update_rows
from carewatch.inbox.models import Case, CaseStatus, CaseTag, Note, Priority, Tag
from carewatch.tenancy.access import require_role, role_for
from carewatch.tenancy.models import CASE_WRITE_ROLES, NOTE_ROLES, User

MAX_TAG_LENGTH = 60


def _lock(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


def _audit(actor: User, case: Case, action: str, data: dict[str, Any], *, signal: bool = False) -> None:
    append(action, actor=actor, client_id=case.client_id, obj=case, data=data, signal=signal)


def do_assign(actor: User, case: Case, assignee: User | None) -> Case:
    require_role(actor, case.client_id, CASE_WRITE_ROLES)
    if assignee is not None:
        role = role_for(assignee, case.client_id)
        if role is None or role not in CASE_WRITE_ROLES:
            raise ValidationError(f"{assignee} cannot work cases for this client")
    with transaction.atomic():
        case = _lock(case)
        before = case.assignee_id
        if before == (assignee.pk if assignee else None):
            return case
        case.assignee = assignee
        if case.status == CaseStatus.NEW and assignee is not None:
            case.status = CaseStatus.OPEN
        case.save(update_fields=["assignee", "status", "updated_at"])
        # signal: the new assignee's notification, also when written at the end of an audit_last block
        _audit(actor, case, "case.assign", {"from": before, "to": assignee.pk if assignee else None}, signal=True)
    return case


# What the apps above the inbox add to closing a case, registered from their AppConfig.ready:
# checks that refuse (raise ValidationError: safety's unforwarded reports) and what a close
# leaves waiting (replies held for approval). The inbox never imports those apps.
CLOSE_GUARDS: list[Callable[[Case], None]] = []
HELD_ON_CLOSE: list[Callable[[Case], list[Any]]] = []


class NeedsConfirmation(ValidationError):
    """The change is allowed but has a consequence the person should see first (the view asks,
    then sends the same request again with ``confirmed``)."""


def pending_replies(case: Case) -> list[Any]:
    """What closing this case would leave waiting (replies held for approval)."""
    return [item for held in HELD_ON_CLOSE for item in held(case)]


def do_set_status(actor: User, case: Case, status: str, reason: str = "", *, confirmed: bool = False) -> Case:
    """Change a case's status. Closing a case whose reply still waits for approval asks first
    (NeedsConfirmation unless ``confirmed``): the held reply stays in the approvals inbox."""
    require_role(actor, case.client_id, CASE_WRITE_ROLES)
    if status not in CaseStatus.values:
        raise ValidationError(f"unknown status {status!r}")
    with transaction.atomic():
        case = _lock(case)
        before = case.status
        if before == status:
            return case
        held: list[Any] = []
        if status == CaseStatus.CLOSED:
            for guard in CLOSE_GUARDS:
                guard(case)
            held = pending_replies(case)
            if held and not confirmed:
                raise NeedsConfirmation(
                    f"{len(held)} reply(ies) to this case still wait for approval: close it anyway? The held "
                    "reply stays in the approvals inbox and is sent only if approved.")
        case.status = status
        if status == CaseStatus.CLOSED:
            case.closed_at = timezone.now()
            case.close_reason = reason[:60] or "resolved"
        else:
            case.closed_at = None
            case.close_reason = ""
        case.save(update_fields=["status", "closed_at", "close_reason", "updated_at"])
        data: dict[str, Any] = {"from": before, "to": status, "reason": reason[:200]}
        if held:
            data["replies_awaiting_approval"] = [r.pk for r in held]
        _audit(actor, case, "case.status", data)
        emitters.case_changed(case, "case.closed" if status == CaseStatus.CLOSED else "case.updated")
    return case


def do_set_priority(actor: User, case: Case, priority: int) -> Case:
    require_role(actor, case.client_id, CASE_WRITE_ROLES)
    if priority not in Priority.values:
        raise ValidationError(f"unknown priority {priority!r}")
    with transaction.atomic():
        case = _lock(case)
        before = case.priority
        if before == priority:
            return case
        case.priority = priority
        case.save(update_fields=["priority", "updated_at"])
        _audit(actor, case, "case.priority", {"from": before, "to": priority})
    return case


def clean_tag_name(name: str) -> str:
    cleaned = " ".join(name.strip().lower().split())
    if not cleaned:
        raise ValidationError("a tag needs a name")
    if len(cleaned) > MAX_TAG_LENGTH:
        raise ValidationError(f"a tag is at most {MAX_TAG_LENGTH} characters")
    return cleaned


def do_tag(actor: User, case: Case, name: str) -> Tag:
    require_role(actor, case.client_id, CASE_WRITE_ROLES)
    name = clean_tag_name(name)
    with transaction.atomic():
        tag, _ = Tag.objects.get_or_create(client_id=case.client_id, name=name)
        _, created = CaseTag.objects.get_or_create(case=case, tag=tag)
        if created:
            Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())
            _audit(actor, case, "case.tag", {"tag": name})
    return tag


def do_untag(actor: User, case: Case, name: str) -> None:
    require_role(actor, case.client_id, CASE_WRITE_ROLES)
    name = clean_tag_name(name)
    with transaction.atomic():
        deleted, _ = CaseTag.objects.filter(case=case, tag__name=name, tag__kind=Tag.Kind.TAG).delete()
        if deleted:
            _audit(actor, case, "case.untag", {"tag": name})


def do_add_note(actor: User, case: Case, body: str) -> Note:
    require_role(actor, case.client_id, NOTE_ROLES)
    body = body.strip()
    if not body:
        raise ValidationError("a note cannot be empty")
    if len(body) > 10_000:
        raise ValidationError("a note is at most 10,000 characters")
    with transaction.atomic():
        note = Note.objects.create(case=case, author=actor, body=body)
        # The note's text stays out of the audit data: it may quote PHI.
        _audit(actor, case, "case.note", {"note_id": note.pk, "length": len(body)})
    return note


@dataclass
class CaseLabels:
    """What triage found for one case: label tags to add, a priority to raise it to, a language
    for a case that has none."""

    client_id: int
    tags: set[Tag] = field(default_factory=set)
    priority: int = 0
    language: str = ""


def do_label_cases(actor: User, labels: dict[int, CaseLabels]) -> int:
    """Triage's labels on many cases at once (the pipeline's step 3, as the system actor): label
    tags added, priority only raised, language set where empty. One audit event per client with
    what changed. Rows are written in ascending case id (the lock order). Returns cases changed."""
    clients = {change.client_id for change in labels.values()}
    for client_id in sorted(clients):
        require_role(actor, client_id, CASE_WRITE_ROLES)
    links = [CaseTag(case_id=case_id, tag=tag) for case_id, change in labels.items() for tag in change.tags]
    changed: dict[int, dict[str, dict[str, Any]]] = {client_id: {} for client_id in clients}
    with transaction.atomic():
        if links:
            CaseTag.objects.bulk_create(sorted(links, key=lambda link: (link.case_id, link.tag.pk)),
                                        ignore_conflicts=True)
        # Set-wise: the cases read (and locked) once in ascending id, then one UPDATE per
        # priority and per language the batch raises or sets, not one per case.
        current = {pk: (priority, language) for pk, priority, language in
                   Case.objects.select_for_update(no_key=True).filter(pk__in=labels).order_by("pk")
                   .values_list("pk", "priority", "language")}
        raise_to: dict[int, list[int]] = {}
        set_language: dict[str, list[int]] = {}
        for case_id in sorted(labels):
            change = labels[case_id]
            done: dict[str, Any] = {}
            if change.tags:
                done["labels"] = sorted(tag.name for tag in change.tags)
            if case_id in current:
                priority, language = current[case_id]
                if change.priority and priority < change.priority:
                    raise_to.setdefault(change.priority, []).append(case_id)
                    done["priority"] = change.priority
                if change.language and language == "":
                    set_language.setdefault(change.language, []).append(case_id)
                    done["language"] = change.language
            if done:
                changed[change.client_id][str(case_id)] = done
        for priority, ids in sorted(raise_to.items()):
            Case.objects.filter(pk__in=ids, priority__lt=priority).update(priority=priority)
        for language, ids in sorted(set_language.items()):
            Case.objects.filter(pk__in=ids, language="").update(language=language)
        for client_id, cases in sorted(changed.items()):
            if cases:
                append("case.triage_labels", actor=actor, client_id=client_id, object_type="inbox.case",
                       data={"cases": cases})
    return sum(len(cases) for cases in changed.values())


class CaseChanges:
    """``do_set_priority``, ``do_tag`` and ``do_assign`` set-wise, for cases the caller has read
    (and locked, in ascending id) inside its transaction: routing's firings on a chunk of cases.

    Each change is checked and audited as those actions do it, its event appended when the change
    is made (so the chain holds the same events in the same order as case by case); the cases are
    changed in memory and the rows written together by ``flush`` (one UPDATE run for every changed
    case, one INSERT of the new tag links). An assignment's event notifies the new assignee, as
    ``do_assign``'s does. The actor must be allowed to work the cases of every client concerned
    (checked once per client)."""

    def __init__(self, actor: User, cases: Iterable[Case]) -> None:
        self.actor = actor
        cases = list(cases)
        for client_id in sorted({case.client_id for case in cases}):
            require_role(actor, client_id, CASE_WRITE_ROLES)
        self.dirty: dict[int, Case] = {}
        self.links: list[CaseTag] = []
        self.tags: dict[tuple[int, str], Tag] = {}
        self.has_tag: set[tuple[int, int]] = set(
            CaseTag.objects.filter(case_id__in=[c.pk for c in cases]).values_list("case_id", "tag_id"))
        self.roles: dict[tuple[int, int], str | None] = {}

    def set_priority(self, case: Case, priority: int) -> bool:
        """``do_set_priority``: True if the priority changed."""
        if priority not in Priority.values:
            raise ValidationError(f"unknown priority {priority!r}")
        before = case.priority
        if before == priority:
            return False
        case.priority = priority
        self._changed(case)
        _audit(self.actor, case, "case.priority", {"from": before, "to": priority})
        return True

    def tag(self, case: Case, name: str) -> bool:
        """``do_tag``: True if the case did not have the tag."""
        name = clean_tag_name(name)
        key = (case.client_id, name)
        if key not in self.tags:
            self.tags[key], _ = Tag.objects.get_or_create(client_id=case.client_id, name=name)
        tag = self.tags[key]
        if (case.pk, tag.pk) in self.has_tag:
            return False
        self.has_tag.add((case.pk, tag.pk))
        self.links.append(CaseTag(case=case, tag=tag))
        self._changed(case)
        _audit(self.actor, case, "case.tag", {"tag": name})
        return True

    def assign(self, case: Case, assignee: User) -> bool:
        """``do_assign`` to a person: True if the case's assignee changed (a new case opens)."""
        role_key = (assignee.pk, case.client_id)
        if role_key not in self.roles:
            self.roles[role_key] = role_for(assignee, case.client_id)
        if self.roles[role_key] not in CASE_WRITE_ROLES:
            raise ValidationError(f"{assignee} cannot work cases for this client")
        before = case.assignee_id
        if before == assignee.pk:
            return False
        case.assignee = assignee
        if case.status == CaseStatus.NEW:
            case.status = CaseStatus.OPEN
        self._changed(case)
        _audit(self.actor, case, "case.assign", {"from": before, "to": assignee.pk}, signal=True)
        return True

    def _changed(self, case: Case) -> None:
        case.updated_at = timezone.now()
        self.dirty[case.pk] = case

    def flush(self) -> None:
        """Write the changes made so far (in ascending case id: the lock order)."""
        if self.dirty:
            update_rows(sorted(self.dirty.values(), key=lambda c: c.pk),
                        ["priority", "assignee", "status", "updated_at"])
            self.dirty.clear()
        if self.links:
            CaseTag.objects.bulk_create(self.links)
            self.links.clear()


BULK_OPERATIONS = ("assign", "unassign", "tag", "status", "priority")


def do_bulk(actor: User, cases: Iterable[Case], operation: str, value: Any = None) -> int:
    """Apply one operation to many cases; every case is checked and audited on its own.

    All or nothing: if the actor may not change one of them, none is changed.
    """
    cases = list(cases)
    if operation not in BULK_OPERATIONS:
        raise ValidationError(f"unknown bulk operation {operation!r}")
    for case in cases:
        require_role(actor, case.client_id, CASE_WRITE_ROLES)
    with transaction.atomic():
        for case in cases:
            if operation == "assign":
                if not isinstance(value, User):
                    raise ValidationError("assign needs a user")
                do_assign(actor, case, value)
            elif operation == "unassign":
                do_assign(actor, case, None)
            elif operation == "tag":
                do_tag(actor, case, str(value))
            elif operation == "status":
                do_set_status(actor, case, str(value))
            elif operation == "priority":
                do_set_priority(actor, case, int(value))
    return len(cases)


def ensure_can_write(actor: User, case: Case) -> None:
    """For views that show a write form: 403 before anything is attempted."""
    if role_for(actor, case.client_id) not in CASE_WRITE_ROLES:
        raise PermissionDenied("Your role does not allow changing cases")
