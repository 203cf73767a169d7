"""The supervisor dashboard: the desk right now, read live from the cases, SLA clocks and
safety cases of the clients a user supervises. Read-only."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Min, Q
from django.utils import timezone

from carewatch.inbox.models import OPEN_STATUSES, Case
from carewatch.safety.models import NOT_FORWARDED, SafetyCase
from carewatch.sla.models import CaseClock
from carewatch.tenancy.models import Client, User

SOON = timedelta(hours=1)


def today_start(client: Client, now: datetime) -> datetime:
    """Midnight today in the client's time zone, as UTC."""
    local = now.astimezone(client.tz).date()
    return datetime.combine(local, time(0), tzinfo=client.tz).astimezone(UTC)


def breached_today(client: Client, now: datetime) -> Q:
    since = today_start(client, now)
    return Q(client=client) & (Q(first_breached_at__gte=since) | Q(next_breached_at__gte=since)
                               | Q(resolution_breached_at__gte=since))


@dataclass
class ClientRow:
    client: Client
    open: int = 0
    unanswered: int = 0
    oldest_waiting: datetime | None = None
    oldest_case_id: int | None = None
    due_soon: int = 0
    breached_today: int = 0
    safety_to_forward: int = 0


@dataclass
class Dashboard:
    now: datetime
    rows: list[ClientRow] = field(default_factory=list)
    agents: list[dict[str, Any]] = field(default_factory=list)
    unassigned: int = 0
    safety: list[SafetyCase] = field(default_factory=list)

    def total(self, name: str) -> int:
        return sum(int(getattr(r, name)) for r in self.rows)

    @property
    def oldest(self) -> ClientRow | None:
        waiting = [r for r in self.rows if r.oldest_waiting is not None]
        return min(waiting, key=lambda r: r.oldest_waiting or self.now) if waiting else None


def dashboard(clients: list[Client], now: datetime | None = None) -> Dashboard:
    now = now or timezone.now()
    board = Dashboard(now)
    ids = [c.pk for c in clients]
    open_cases = Case.objects.filter(client_id__in=ids, status__in=OPEN_STATUSES)
    counts = {row["client_id"]: row for row in open_cases.values("client_id").annotate(
        n=Count("pk"), unanswered=Count("pk", filter=Q(first_responded_at__isnull=True)),
        oldest=Min("created_at", filter=Q(first_responded_at__isnull=True)))}
    due = dict(CaseClock.objects.filter(client_id__in=ids, active=True, due_at__lte=now + SOON,
                                        case__status__in=OPEN_STATUSES)
               .values_list("client_id").annotate(n=Count("pk")).values_list("client_id", "n"))
    to_forward = dict(SafetyCase.objects.filter(client_id__in=ids, status__in=NOT_FORWARDED)
                      .values_list("client_id").annotate(n=Count("pk")).values_list("client_id", "n"))
    for client in clients:
        row = ClientRow(client)
        found = counts.get(client.pk)
        if found:
            row.open, row.unanswered, row.oldest_waiting = found["n"], found["unanswered"], found["oldest"]
            if row.oldest_waiting is not None:
                row.oldest_case_id = (open_cases.filter(client=client, first_responded_at__isnull=True)
                                      .order_by("created_at", "pk").values_list("pk", flat=True).first())
        row.due_soon = due.get(client.pk, 0)
        row.breached_today = CaseClock.objects.filter(breached_today(client, now)).count()
        row.safety_to_forward = to_forward.get(client.pk, 0)
        board.rows.append(row)
    load = (open_cases.values("assignee_id", "assignee__name", "assignee__email")
            .annotate(n=Count("pk"), unanswered=Count("pk", filter=Q(first_responded_at__isnull=True)))
            .order_by("-n"))
    for agent in load:
        if agent["assignee_id"] is None:
            board.unassigned = agent["n"]
            continue
        board.agents.append({"id": agent["assignee_id"], "name": agent["assignee__name"] or agent["assignee__email"],
                             "open": agent["n"], "unanswered": agent["unanswered"]})
    board.safety = list(SafetyCase.objects.filter(client_id__in=ids, status__in=NOT_FORWARDED)
                        .select_related("client").order_by("forward_due")[:10])
    return board


def supervised_clients(user: User) -> list[Client]:
    """The clients whose desk this user supervises (admin or supervisor role; the agency: all)."""
    from carewatch.tenancy.access import audit_client_ids

    return list(Client.objects.filter(pk__in=audit_client_ids(user), is_active=True).order_by("name"))
