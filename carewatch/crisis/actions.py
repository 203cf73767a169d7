"""Every change to alerts and incidents: the check, the change and its audit event in one
transaction. Views, the API, the tasks and the pipeline step call these.

- ``record_signals`` (the detector): a new signal opens an ``Alert``, starts the client's
  ``crisis`` escalation protocol and emits ``alert.raised``; a signal already ongoing only moves
  the alert's ``last_seen_at`` and peak (no second alert for the same spike). Signals quiet for
  ``quiet_minutes`` end their alert's ``ongoing`` episode.
- ``do_acknowledge_alert`` / ``do_dismiss_alert`` (reason required) / ``do_promote_alert``
  (declares an incident from it). Acknowledging, dismissing or promoting also acknowledges the
  alert's escalation, so its later steps are not sent.
- ``do_declare_incident``, ``do_set_roles``, ``do_check_item``, ``do_stand_down`` (computes and
  keeps the summary).
- ``route_to_incidents``: mentions matching an active incident get the crisis tag on their case
  (the crisis team's queue is the inbox filtered by that tag).
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from carewatch.audit.chain import append
from carewatch.crisis.config import ROLE_NAMES, params_for, playbooks_for
from carewatch.crisis.detection import Signal
from carewatch.crisis.models import Alert, AlertState, Incident, IncidentState
from carewatch.hooks_out.events import emit
from carewatch.replies import gate
from carewatch.replies.models import ReplyDraft, ReplyStatus
from carewatch.tenancy.access import require_role, role_for
from carewatch.tenancy.models import AUDIT_ROLES, SAFETY_WORK_ROLES, Client, User

log = logging.getLogger(__name__)

ACK_ROLES = SAFETY_WORK_ROLES  # admin, supervisor, agent, safety
DECIDE_ROLES = AUDIT_ROLES  # admin, supervisor: dismiss, promote, declare, stand down, roles
CHECK_ROLES = frozenset({"admin", "supervisor", "agent", "safety"})


def _audit(obj: Alert | Incident, action: str, data: dict[str, Any], actor: User | None = None) -> None:
    append(action, actor=actor, actor_label=None if actor else "crisis", client_id=obj.client_id, obj=obj,
           data={"reference": obj.reference, **data})


def alert_payload(alert: Alert) -> dict[str, Any]:
    return {"alert": {"id": alert.pk, "reference": alert.reference, "kind": alert.kind,
                      "dimension": alert.dimension, "value": alert.value, "count": alert.count,
                      "expected": alert.expected, "state": alert.state},
            "links": {"alert": reverse("crisis:alert", args=[alert.pk])}}


def incident_payload(incident: Incident) -> dict[str, Any]:
    return {"incident": {"id": incident.pk, "reference": incident.reference, "playbook": incident.playbook,
                         "title": incident.title, "state": incident.state},
            "links": {"incident": reverse("crisis:incident", args=[incident.pk])}}


# --------------------------------------------------------------------------------------------------
# The detector's side.


SPIKE_KINDS = ("volume", "negative", "floor", "acceleration")


def _open_alert(client: Client, signal: Signal, now: datetime, part_of: Alert | None = None) -> Alert | None:
    """A new alert; it escalates and emits ``alert.raised`` unless it is ``part_of`` a spike
    already alerted (the same burst seen in another series: one escalation per spike)."""
    from carewatch.escalation.actions import start_escalation

    evidence = dict(signal.evidence)
    if part_of is not None:
        evidence["part_of"] = part_of.reference
    try:
        with transaction.atomic():
            alert = Alert.objects.create(
                client=client, kind=signal.kind, dimension=signal.dimension, value=signal.value[:200],
                key=signal.key[:255], opened_at=timezone.now(), crossed_at=now, last_seen_at=now,
                count=signal.count, peak=signal.count, expected=signal.expected, score=signal.score,
                evidence=evidence, escalation=part_of.escalation if part_of else None)
    except IntegrityError:  # another worker opened it a moment ago
        return None
    _audit(alert, "crisis.alert", {"kind": alert.kind, "dimension": alert.dimension, "value": alert.value,
                                   "count": alert.count, "expected": alert.expected, "score": alert.score,
                                   "part_of": part_of.reference if part_of else None})
    if part_of is not None:
        return alert
    escalation = start_escalation(client, "crisis", trigger={
        "alert": alert.reference, "kind": alert.kind, "labels": [alert.title],
        "link": reverse("crisis:alert", args=[alert.pk])})
    if escalation is not None:
        Alert.objects.filter(pk=alert.pk).update(escalation=escalation)
        alert.escalation = escalation
    emit(client.pk, "alert.raised", alert_payload(alert))
    return alert


def _order(signal: Signal) -> tuple[int, float]:
    return (0 if signal.dimension == "all" else 1, -signal.score)


def record_signals(client: Client, signals: list[Signal], now: datetime | None = None,
                   end_quiet: bool = True) -> list[Alert]:
    """Open alerts for new signals, update ongoing ones, end quiet ones; returns the new alerts.

    A burst usually shows in several series at once (all mentions, the platform, the product):
    the first spike alert of an episode escalates; the others are linked to it (``part_of``)."""
    now = now or timezone.now()
    p = params_for(client)
    opened: list[Alert] = []
    with transaction.atomic():
        spike = (Alert.objects.filter(client=client, ongoing=True, kind__in=SPIKE_KINDS)
                 .select_related("escalation").order_by("opened_at").first())
        for signal in sorted(signals, key=_order):
            ongoing = Alert.objects.filter(client=client, key=signal.key[:255], ongoing=True).first()
            if ongoing is not None:
                fields: dict[str, Any] = {"last_seen_at": now}
                if signal.count > ongoing.peak:  # the evidence follows the spike to its peak
                    kept = {k: v for k, v in (ongoing.evidence or {}).items() if k == "part_of"}
                    fields.update(peak=signal.count, evidence={**signal.evidence, "opened_with": ongoing.count, **kept})
                Alert.objects.filter(pk=ongoing.pk).update(**fields)
                continue
            is_spike = signal.kind in SPIKE_KINDS
            alert = _open_alert(client, signal, now, part_of=spike if is_spike else None)
            if alert is not None:
                opened.append(alert)
                if is_spike and spike is None:
                    spike = alert
        if end_quiet:  # only a full run (clusters too) knows that a signal has gone quiet
            Alert.objects.filter(client=client, ongoing=True,
                                 last_seen_at__lt=now - timedelta(minutes=p.quiet_minutes)).update(ongoing=False)
    return opened


# --------------------------------------------------------------------------------------------------
# People's decisions on alerts.


def _stop_escalation(alert: Alert, actor: User) -> None:
    from carewatch.escalation.actions import do_acknowledge_escalation

    if alert.escalation is not None and alert.escalation.is_live:
        do_acknowledge_escalation(alert.escalation, actor=actor)


VERB: dict[str, str] = {AlertState.ACKNOWLEDGED: "acknowledge", AlertState.DISMISSED: "dismiss",
                        AlertState.PROMOTED: "promote"}


def _decide(actor: User, alert: Alert, state: str, roles: frozenset[str], reason: str = "",
            incident: Incident | None = None) -> Alert:
    require_role(actor, alert.client_id, roles)
    allowed = [AlertState.OPEN] if state == AlertState.ACKNOWLEDGED else [AlertState.OPEN, AlertState.ACKNOWLEDGED]
    with transaction.atomic():
        if not Alert.objects.filter(pk=alert.pk, state__in=allowed).update(
                state=state, decided_by=actor, decided_at=timezone.now(), reason=reason[:500], incident=incident):
            current = Alert.objects.get(pk=alert.pk)
            raise ValidationError(f"{alert.reference} is already {current.get_state_display().lower()}")
        alert = Alert.objects.select_related("escalation", "client").get(pk=alert.pk)
        _audit(alert, f"crisis.alert_{VERB[state]}",
               {"reason": reason[:500], "incident": incident.reference if incident else None}, actor)
        _stop_escalation(alert, actor)
    return Alert.objects.select_related("escalation", "client").get(pk=alert.pk)


def do_acknowledge_alert(actor: User, alert: Alert) -> Alert:
    return _decide(actor, alert, AlertState.ACKNOWLEDGED, ACK_ROLES)


def do_dismiss_alert(actor: User, alert: Alert, reason: str) -> Alert:
    if not reason.strip():
        raise ValidationError("say why the alert is dismissed")
    return _decide(actor, alert, AlertState.DISMISSED, DECIDE_ROLES, reason.strip())


def match_for(alert: Alert) -> dict[str, list[str]]:
    """What an incident promoted from this alert takes in."""
    if alert.dimension == "platform":
        return {"platforms": [alert.value]}
    if alert.dimension == "product":
        return {"products": [alert.value]}
    if alert.dimension == "label":
        return {"labels": [alert.value]}
    if alert.dimension == "tag":
        return {"tags": [alert.value]}
    if alert.dimension == "lot":
        return {"terms": [alert.value.lower()]}
    if alert.dimension == "post":
        return {"posts": [alert.value]}
    if alert.dimension in ("defect", "ae"):
        product, _, term = alert.value.partition("/")
        return {"products": [product]} if alert.dimension == "defect" else {"terms": [term]}
    return {}


def do_promote_alert(actor: User, alert: Alert, playbook: str, title: str = "") -> Incident:
    require_role(actor, alert.client_id, DECIDE_ROLES)
    with transaction.atomic():
        incident = do_declare_incident(actor, alert.client, playbook, title or alert.title, match=match_for(alert),
                                       since=alert.crossed_at - timedelta(hours=1))
        _decide(actor, alert, AlertState.PROMOTED, DECIDE_ROLES, incident=incident)
    return incident


# --------------------------------------------------------------------------------------------------
# Incidents.


def _clean_match(match: dict[str, Any] | None) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key in ("terms", "platforms", "labels", "products", "tags", "posts"):
        values = [str(v).strip() for v in (match or {}).get(key) or [] if str(v).strip()]
        if values:
            out[key] = [v.lower() if key == "terms" else v for v in values][:50]
    return out


def do_declare_incident(actor: User, client: Client, playbook: str, title: str, *,
                        match: dict[str, Any] | None = None, roles: dict[str, str] | None = None,
                        since: datetime | None = None) -> Incident:
    require_role(actor, client.pk, DECIDE_ROLES)
    books = playbooks_for(client)
    if playbook not in books:
        raise ValidationError(f"no playbook {playbook!r}; choose from {', '.join(books)}")
    if not title.strip():
        raise ValidationError("an incident needs a title")
    with transaction.atomic():
        incident = Incident.objects.create(
            client=client, title=title.strip()[:200], playbook=playbook, declared_at=timezone.now(),
            declared_by=actor, roles={"lead": actor.email, **_on_call(client), **_check_roles(client, roles or {})},
            match=_clean_match(match))
        _audit(incident, "crisis.declare", {"playbook": playbook, "title": incident.title, "match": incident.match,
                                            "roles": incident.roles}, actor)
        emit(client.pk, "incident.declared", incident_payload(incident))
        _route_existing(incident, since or incident.declared_at - timedelta(hours=1))
    return incident


def _on_call(client: Client) -> dict[str, str]:
    """Who is on call now, from the client's escalation rotations (``oncall:``): the ``crisis``
    protocol's rotation if it names one, else the first rotation."""
    from carewatch.escalation.oncall import on_call
    from carewatch.escalation.policy import policy_for

    policy = policy_for(client)
    names = [t.split(":", 1)[1] for step in getattr(policy.protocols.get("crisis"), "steps", ())
             for t in step.notify if t.startswith("oncall:")]
    name = next((n for n in names if n in policy.rotations), next(iter(policy.rotations), None))
    if name is None:
        return {}
    email = on_call(policy.rotations[name], timezone.now())
    return {"on_call": email} if email else {}


def _check_roles(client: Client, roles: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, email in roles.items():
        if name not in ROLE_NAMES:
            raise ValidationError(f"unknown incident role {name!r}")
        email = (email or "").strip().lower()
        if not email:
            continue
        user = User.objects.filter(email=email, is_active=True).first()
        if user is None or role_for(user, client.pk) in (None, "viewer"):
            raise ValidationError(f"{email} does not work for {client.name}")
        out[name] = email
    return out


def do_set_roles(actor: User, incident: Incident, roles: dict[str, str]) -> Incident:
    require_role(actor, incident.client_id, DECIDE_ROLES)
    if not incident.is_active:
        raise ValidationError("the incident is stood down")
    checked = _check_roles(incident.client, roles)
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=incident.pk)
        before = dict(incident.roles)
        incident.roles = {**before, **checked}
        incident.save(update_fields=["roles"])
        _audit(incident, "crisis.roles", {"from": before, "to": incident.roles}, actor)
    return incident


def do_check_item(actor: User, incident: Incident, item: str, done: bool) -> Incident:
    require_role(actor, incident.client_id, CHECK_ROLES)
    book = playbooks_for(incident.client).get(incident.playbook)
    items = dict(book.items()) if book else {}
    if item not in items:
        raise ValidationError("no such checklist item")
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=incident.pk)
        checklist = dict(incident.checklist)
        if done:
            checklist[item] = {"by": actor.email, "at": timezone.now().isoformat(timespec="seconds")}
        else:
            checklist.pop(item, None)
        incident.checklist = checklist
        incident.save(update_fields=["checklist"])
        _audit(incident, "crisis.check" if done else "crisis.uncheck", {"item": items[item]}, actor)
    return incident


def do_stand_down(actor: User, incident: Incident, note: str = "") -> Incident:
    require_role(actor, incident.client_id, DECIDE_ROLES)
    from carewatch.crisis.summary import summarise

    with transaction.atomic():
        now = timezone.now()
        if not Incident.objects.filter(pk=incident.pk, state=IncidentState.ACTIVE).update(
                state=IncidentState.STOOD_DOWN, stood_down_at=now, stood_down_by=actor):
            raise ValidationError(f"{incident.reference} is already stood down")
        incident = Incident.objects.select_related("client").get(pk=incident.pk)
        incident.summary = {**summarise(incident, now), "note": note.strip()[:2000]}
        incident.save(update_fields=["summary"])
        _audit(incident, "crisis.stand_down", {"duration_minutes": incident.summary["duration_minutes"],
                                               "mentions": incident.summary["mentions"]}, actor)
        release_held_replies(actor, incident)
        emit(incident.client_id, "incident.stood_down", incident_payload(incident))
    return incident


# --------------------------------------------------------------------------------------------------
# Routing mentions to the crisis team's queue.


def matches(incident: Incident, mention: Any, case_tags: set[str] | None = None) -> bool:
    m = incident.match or {}
    if not m:
        return True
    text = (mention.text or "").lower()
    if any(t in text for t in m.get("terms", [])):
        return True
    if mention.platform in m.get("platforms", []):
        return True
    parent = getattr(mention, "parent_external_id", "")
    if parent and f"{mention.platform}:{parent}" in m.get("posts", []):
        return True
    if set(mention.labels or []) & set(m.get("labels", [])):
        return True
    for product in m.get("products", []):
        if re.search(rf"\b{re.escape(product.lower())}\b", text):
            return True
    return bool(case_tags and case_tags & set(m.get("tags", [])))


def _tag_cases(incident: Incident, case_ids: set[int]) -> int:
    from carewatch.inbox.models import CaseTag, Tag

    if not case_ids:
        return 0
    tag_name = params_for(incident.client).crisis_tag
    tag, _ = Tag.objects.get_or_create(client_id=incident.client_id, name=tag_name)
    have = set(CaseTag.objects.filter(tag=tag, case_id__in=case_ids).values_list("case_id", flat=True))
    new = sorted(case_ids - have)
    if new:
        CaseTag.objects.bulk_create([CaseTag(case_id=c, tag=tag) for c in new], ignore_conflicts=True)
        _audit(incident, "crisis.route", {"tag": tag_name, "cases": new[:200], "count": len(new)})
    return len(new)


def _route_existing(incident: Incident, since: datetime) -> int:
    from carewatch.inbox.models import Direction, Mention

    mentions = list(Mention.objects.filter(client_id=incident.client_id, direction=Direction.INBOUND,
                                           created_at__gte=since, case__isnull=False)
                    .only("id", "text", "platform", "labels", "case_id", "parent_external_id")[:5000])
    return _tag_cases(incident, {m.case_id for m in mentions if m.case_id and matches(incident, m)})


def route_to_incidents(mentions: list[Any]) -> int:
    """Pipeline step: new mentions that match an active incident of their client go to the crisis
    team's queue (their case gets the crisis tag)."""
    from carewatch.inbox.models import Direction

    client_ids = {m.client_id for m in mentions}
    incidents = list(Incident.objects.filter(client_id__in=client_ids, state=IncidentState.ACTIVE)
                     .select_related("client"))
    if not incidents:
        return 0
    routed = 0
    with transaction.atomic():
        for incident in incidents:
            cases = {m.case_id for m in mentions if m.client_id == incident.client_id and m.case_id
                     and m.direction == Direction.INBOUND and matches(incident, m)}
            routed += _tag_cases(incident, cases)
    return routed


def release_held_replies(actor: User, incident: Incident) -> int:
    """At stand-down: replies held for the incident's approver go to the supervisor tier (audited)."""
    with transaction.atomic():
        drafts = list(ReplyDraft.objects.select_for_update().filter(
            client_id=incident.client_id, status=ReplyStatus.PENDING_APPROVAL, required_tier=gate.NAMED))
        for draft in drafts:
            draft.required_tier = "supervisor"
            draft.approver_emails = ""
            draft.approval_reasons = [*draft.approval_reasons,
                                      f"{incident.reference} stood down: a supervisor approves"]
            draft.save(update_fields=["required_tier", "approver_emails", "approval_reasons", "updated_at"])
            append("reply.retier", actor=actor, client_id=draft.client_id, obj=draft,
                   data={"incident": incident.pk, "tier": "supervisor"})
    return len(drafts)
