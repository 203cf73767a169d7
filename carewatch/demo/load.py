"""``carewatch demo``: the demo agency, loaded the way production would have built it.

Clients, channels and staff come from ``agency.yaml`` through ``apply_config`` (one audit event
each); two weeks of social traffic go through ``apply_changes`` in batches, so authors,
threads and cases form exactly as the pipeline forms them; then a supervisor works some of the
cases through the action functions (assign, tag, status, priority), each with its audit event.
"""

from __future__ import annotations

import gc
import os
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from carewatch.configuration.as_code import apply_config
from carewatch.content.demo import load_demo_posts
from carewatch.crisis.demo import load_crisis_demo
from carewatch.demo.prescreen import Screener, contexts_for, screening_helper
from carewatch.demo.safety import demo_clock, walk_safety_cases
from carewatch.demo.traffic import SPAN, ChannelInfo, Planned, Planner
from carewatch.inbox.actions import do_assign, do_set_priority, do_set_status, do_tag
from carewatch.inbox.ingest import apply_changes, update_rows
from carewatch.inbox.models import Case, CaseStatus, Direction, Mention, Priority
from carewatch.inbox.normalised import ChangeKind, MentionChange
from carewatch.pipeline.order import screen_new_mentions
from carewatch.programs.demo import load_programs_demo, programs_demo_mentions
from carewatch.tenancy.models import Channel, Client, Membership, Platform, Role, User

CONFIG_PATH = Path(__file__).with_name("agency.yaml")
SEEDS_PATH = Path(__file__).with_name("seeds.yaml")
DEMO_PASSWORD = "carewatch-demo-2026"  # noqa: S105 - the published demo password, printed by the CLI
PASSWORD_ENV = "CAREWATCH_DEMO_PASSWORD"  # noqa: S105 - the name of a variable, not a secret
DEMO_SEED = 2026
BATCH = 200
# What arrives within this window is ingested and screened as one batch (bench/demo.py: each
# batch runs the pipeline once; two weeks in 10-minute windows were ~950 batches of two messages).
# Each message keeps its own arrival time (40 s after it went up); screening happens at the batch's.
ARRIVAL_WINDOW = timedelta(minutes=30)
ARRIVAL_DELAY = timedelta(seconds=40)
# Who takes which language's cases when the client's agents include them.
LANGUAGE_AGENTS = {"es": "mateo@agency.test", "fr": "claire@agency.test"}
TAGS = {
    "cost": "pricing", "insurance": "insurance", "stock": "pharmacy-stock", "shipping": "shipping",
    "service": "customer-service", "device": "device", "quality": "product-quality", "offlabel": "off-label",
    "hcp": "hcp", "ae_first": "safety", "ae_third": "safety", "h_safety": "safety", "phi": "phi", "h_phi": "phi",
    "h_er": "er-wait", "h_billing": "billing", "h_parking": "parking", "h_scheduling": "scheduling",
    "h_service": "patient-experience", "h_careers": "careers", "praise": "praise", "h_praise": "praise",
}
SAFETY = ("ae_first", "ae_third", "h_safety")


def _seeds() -> dict[str, Any]:
    data = yaml.safe_load(SEEDS_PATH.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _config() -> dict[str, Any]:
    """agency.yaml with seeds.yaml merged in: each client's settings and its templates (one per
    category in each of its languages)."""
    data = yaml.safe_load(CONFIG_PATH.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    seeds = _seeds()
    for client in data["clients"]:
        for channel in client.get("channels") or []:
            # The demo's channels talk to the built-in platform sandbox, never to the platforms.
            channel["sandbox"] = True
            if channel["platform"] in ("reddit", "youtube"):
                channel.setdefault("client_id", f"demo-{client['slug']}-{channel['platform']}")
            if channel["platform"] == "youtube":  # replies need the owner's OAuth token, not the API key
                channel.setdefault("secrets", {}).setdefault(
                    "access_token", f"env:{client['slug'].upper()}_YT_ACCESS_TOKEN")
        seed = (seeds.get("clients") or {}).get(client["slug"])
        if not seed:
            continue
        client.update(seed.get("settings") or {})
        templates = []
        for language in client.get("languages") or ["en"]:
            for key, (category, name, body) in (seeds["templates"].get(language) or {}).items():
                templates.append({"key": key, "category": category, "language": language, "name": name,
                                  "body": body})
        client["templates"] = templates
    return data


def approve_seeded_templates() -> int:
    """Each seeded template version in review gets its client's reviewer's approval (through the
    compliance lint, as any approval): the demo's desk starts with approved wording."""
    from carewatch.replies.actions import do_approve_version
    from carewatch.replies.models import TemplateVersion, VersionStatus

    approved = 0
    for slug, seed in (_seeds().get("clients") or {}).items():
        reviewer = User.objects.filter(email=seed.get("reviewer", ""), is_active=True).first()
        if reviewer is None:
            continue
        for version in TemplateVersion.objects.filter(client__slug=slug, status=VersionStatus.IN_REVIEW,
                                                      source="config").select_related("template__client"):
            with transaction.atomic():
                do_approve_version(reviewer, version)
            approved += 1
    return approved


def _logins() -> list[tuple[str, str, str]]:
    data = _config()
    short = {c["slug"]: str(c["name"]).split()[0] for c in data["clients"]}
    labels = {Role.ADMIN: "Admin", Role.SUPERVISOR: "Supervisor", Role.AGENT: "Agent",
              Role.REVIEWER: "Client reviewer", Role.VIEWER: "Read-only viewer", Role.SAFETY: "Safety reviewer"}
    logins = []
    for user in data["users"]:
        role = str(user["role"])
        clients = list(user.get("clients") or [])
        if role == Role.ADMIN:
            where = "agency-wide"
        elif len(clients) == len(short):
            where = "all clients"
        else:
            where = ", ".join(short[c] for c in clients)
        logins.append((str(user["email"]), f"{labels[Role(role)]} ({where})", DEMO_PASSWORD))
    return logins


DEMO_LOGINS: list[tuple[str, str, str]] = _logins()


def database_is_empty() -> bool:
    """No clients and no users: nothing a demo load could collide with."""
    return not Client.objects.exists() and not User.objects.exists()


@dataclass
class LoadReport:
    clients: int
    channels: int
    users: int
    mentions: int
    cases: int
    actions: int

    def summary(self) -> str:
        return (f"{self.clients} clients, {self.channels} channels, {self.users} users; "
                f"{self.mentions} mentions in {self.cases} cases over the last {SPAN.days} days; "
                f"{self.actions} case changes (assign, tag, status, priority, safety workflow)")


@contextmanager
def _demo_password() -> Iterator[None]:
    before = os.environ.get(PASSWORD_ENV)
    os.environ[PASSWORD_ENV] = DEMO_PASSWORD
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(PASSWORD_ENV, None)
        else:
            os.environ[PASSWORD_ENV] = before


def _demo_secrets(client: dict[str, Any]) -> dict[str, Any]:
    """The demo's channels get made-up secrets (encrypted at rest by config apply) wherever the
    environment does not provide the referenced variable, so `carewatch simulate` works on the
    demo out of the box; set the variables to use real ones."""
    for channel in client.get("channels") or []:
        secrets = channel.get("secrets") or {}
        for name, value in list(secrets.items()):
            if isinstance(value, str) and value.startswith("env:") and not os.environ.get(value[4:]):
                secrets[name] = "demo-" + value[4:].lower().replace("_", "-")
    return client


def apply_agency() -> dict[str, Any]:
    """Create what the demo needs that is not there yet; leave existing clients and users alone."""
    data = _config()
    existing_clients = set(Client.objects.filter(slug__in=[c["slug"] for c in data["clients"]])
                           .values_list("slug", flat=True))
    existing_users = set(User.objects.filter(email__in=[u["email"] for u in data["users"]])
                         .values_list("email", flat=True))
    new_users = [u for u in data["users"] if u["email"] not in existing_users]
    wanted = {
        "clients": [_demo_secrets(c) for c in data["clients"] if c["slug"] not in existing_clients],
        # Every demo login has the one published password: hashed once below, not once per user
        # (a memory-hard hash each was a second of the load per person on a busy machine).
        "users": [{k: v for k, v in u.items() if k != "password"} for u in new_users],
    }
    if wanted["clients"] or wanted["users"]:
        with _demo_password():
            apply_config(yaml.safe_dump(wanted, sort_keys=False, allow_unicode=True))
        _set_demo_password([str(u["email"]) for u in new_users if u.get("password")])
        approve_seeded_templates()
    return data


def _set_demo_password(emails: list[str]) -> None:
    """The demo password for the users just created (they have none yet), with its audit event."""
    from django.contrib.auth.hashers import make_password

    from carewatch.audit.chain import append

    if not emails:
        return
    hashed = make_password(DEMO_PASSWORD)
    with transaction.atomic():
        User.objects.filter(email__in=emails).update(password=hashed)
        append("demo.password.set", actor_label="demo", object_type="tenancy.user",
               data={"users": sorted(emails)})


def demo_channels(data: dict[str, Any]) -> list[ChannelInfo]:
    infos = []
    for spec in data["clients"]:
        client = Client.objects.filter(slug=spec["slug"]).first()
        if client is None:
            continue
        for ch in spec["channels"]:
            channel = Channel.objects.filter(client=client, platform=ch["platform"], handle=ch["handle"]).first()
            if channel is None:
                continue
            infos.append(ChannelInfo(
                id=channel.id, platform=channel.platform, handle=channel.handle, external_id=channel.external_id,
                sponsorship=channel.sponsorship, client_key=spec["slug"], client_name=client.name,
                timezone=client.timezone, subreddits=list(ch.get("subreddits") or []),
            ))
    return infos


def _signoffs() -> dict[str, list[str]]:
    """Agents' initials per client, as agencies sign public replies (``^MF``)."""
    out: dict[str, list[str]] = {}
    for membership in Membership.objects.filter(role=Role.AGENT).select_related("user", "client"):
        initials = "".join(part[:1] for part in membership.user.name.split()[:2]).upper()
        if initials:
            out.setdefault(membership.client.slug, []).append(initials)
    return {slug: sorted(set(values)) for slug, values in out.items()}


# The demo runs the pipeline's steps as it loads, but leaves the SLA clocks to the worker's SLA
# sweeper (its next run starts the clocks of the new open cases, marked by sla/marks.py): reconciling every
# case as its history arrives was a third of the load's time (bench/demo.py --profile).


Progress = Callable[[int, str], None]  # (steps done since the last call, what is being done)


def _nothing(steps: int, label: str) -> None:
    return None


@contextmanager
def _without_spike_scheduling(client_ids: set[int]) -> Iterator[None]:
    """The pipeline's crisis step, left out while the history loads when none of these clients has
    an active incident: it would route nothing, and the spike detection it schedules for each batch
    (hundreds for two weeks of history) would run in the worker afterwards, at the real present time, on
    what the minute sweep covers anyway. ``CAREWATCH_PIPELINE_OFF`` names the optional steps."""
    from django.conf import settings

    from carewatch.crisis.models import Incident, IncidentState

    before = list(settings.CAREWATCH_PIPELINE_OFF)
    if "crisis" in before or Incident.objects.filter(client_id__in=client_ids, state=IncidentState.ACTIVE).exists():
        yield
        return
    settings.CAREWATCH_PIPELINE_OFF = [*before, "crisis"]
    try:
        yield
    finally:
        settings.CAREWATCH_PIPELINE_OFF = before


def ingest(plan: list[Planned], progress: Progress = _nothing, screener: Screener | None = None) -> int:
    """Feed the plan through ``apply_changes`` in time order, in batches, as the pipeline would.

    A message whose parent is in the same unsaved batch waits for the next one, so that every
    reply links to its parent and joins its case. With a ``screener``, the plan's texts are
    screened ahead on the other core (``demo.prescreen``).
    """
    channels = {pk: (client_id, sponsorship) for pk, client_id, sponsorship in Channel.objects.filter(
        pk__in={p.change.channel_id for p in plan}).values_list("pk", "client_id", "sponsorship")}
    if screener is not None:
        contexts = contexts_for(channels)
        screener.plan([(p.change.text, contexts[p.change.channel_id]) for p in _in_time_order(plan)
                       if p.change.direction == Direction.INBOUND and p.change.text
                       and p.change.channel_id in contexts])
    with _without_spike_scheduling({client_id for client_id, _ in channels.values()}):
        created = _ingest(plan, progress)
    hides = [MentionChange(change=ChangeKind.HIDE, channel_id=p.change.channel_id, external_id=p.change.external_id)
             for p in plan if p.hide]
    if hides:
        with transaction.atomic():
            apply_changes(hides)
    return created


def _in_time_order(plan: list[Planned]) -> list[Planned]:
    return sorted(plan, key=lambda p: p.change.created_at or timezone.now())


def _ingest(plan: list[Planned], progress: Progress) -> int:
    pending = _in_time_order(plan)
    created = 0
    while pending:
        batch: list[MentionChange] = []
        deferred: list[Planned] = []
        blocked: set[tuple[int, str]] = set()
        rest: list[Planned] = []
        window_end = None
        for index, item in enumerate(pending):
            change = item.change
            # A batch is what arrives within a few minutes: its arrival time is then true for all.
            if len(batch) >= BATCH or (window_end and change.created_at and change.created_at > window_end):
                rest = pending[index:]
                break
            if window_end is None and change.created_at:
                window_end = change.created_at + ARRIVAL_WINDOW
            if change.parent_external_id and (change.channel_id, change.parent_external_id) in blocked:
                deferred.append(item)
            else:
                batch.append(change)
            blocked.add((change.channel_id, change.external_id))
        # The batch arrives (and is screened) just after its last post went up, so received times,
        # safety cases' detection and their audit events tell the same story as the posts.
        latest = max((c.created_at for c in batch if c.created_at is not None), default=None)
        arrival = min(latest + ARRIVAL_DELAY, timezone.now()) if latest else timezone.now()
        with demo_clock(arrival), transaction.atomic():
            new = apply_changes(batch)
            _own_arrival_times(new, arrival)
            screen_new_mentions(new, clocks=False)
        created += len(new)
        progress(len(batch), "messages")
        pending = deferred + rest
    return created


def _own_arrival_times(mentions: list[Mention], arrival: datetime) -> None:
    """Each message of a batch received 40 s after it went up (not when the batch's last one did)."""
    changed = []
    for mention in mentions:
        own = min(mention.created_at + ARRIVAL_DELAY, arrival)
        if mention.received_at != own:
            mention.received_at = own
            changed.append(mention)
    if changed:
        update_rows(changed, ["received_at"])  # one UPDATE per row, run as executemany


def _cases_by_category(plan: list[Planned]) -> tuple[dict[str, list[Case]], dict[int, str]]:
    wanted: dict[int, dict[str, str]] = {}
    for item in plan:
        if item.category:
            wanted.setdefault(item.change.channel_id, {})[item.change.external_id] = item.category
    case_category: dict[int, str] = {}
    for channel_id, categories in wanted.items():
        ids = list(categories)
        for start in range(0, len(ids), 500):
            rows = Mention.objects.filter(channel_id=channel_id, external_id__in=ids[start:start + 500],
                                          case__isnull=False).values_list("external_id", "case_id")
            for external_id, case_id in rows:
                case_category.setdefault(case_id, categories[external_id])
    cases = Case.objects.filter(pk__in=list(case_category)).order_by("pk")
    out: dict[str, list[Case]] = {}
    for case in cases:
        out.setdefault(case_category[case.pk], []).append(case)
    return out, case_category


def work_cases(plan: list[Planned], rng: random.Random, now: datetime) -> int:
    """A believable desk: some cases assigned, tagged, prioritised, waiting, escalated or closed."""
    actor = (User.objects.filter(email="supervisor@agency.test", is_active=True).first()
             or User.objects.filter(is_agency_admin=True, is_active=True).order_by("pk").first())
    if actor is None:
        return 0
    by_category, category_of = _cases_by_category(plan)
    agents: dict[int, list[User]] = {}
    for membership in Membership.objects.filter(role=Role.AGENT).select_related("user").order_by("user__email"):
        agents.setdefault(membership.client_id, []).append(membership.user)
    done = 0
    touched: set[int] = set()

    def act(fn: Any, case: Case, *args: Any) -> None:
        nonlocal done
        try:
            fn(actor, case, *args)
        except (PermissionDenied, ValidationError, Http404):
            return
        done += 1
        touched.add(case.pk)

    def sample(categories: tuple[str, ...], k: int) -> list[Case]:
        pool = [case for cat in categories for case in by_category.get(cat, [])]
        return rng.sample(pool, min(k, len(pool)))

    for i, case in enumerate(sample(SAFETY, 16)):
        act(do_set_priority, case, Priority.URGENT)
        act(do_tag, case, "safety")
        if i % 2 == 0:
            act(do_set_status, case, CaseStatus.ESCALATED, "sent to pharmacovigilance")
    for case in sample(("device", "quality"), 10):
        act(do_set_priority, case, Priority.HIGH)
        act(do_tag, case, TAGS[category_of[case.pk]])
    for case in sample(("phi", "h_phi"), 6):
        act(do_set_priority, case, Priority.HIGH)
    taggable = ("cost", "insurance", "stock", "shipping", "service", "offlabel", "h_er", "h_billing", "h_parking",
                "h_scheduling", "h_service", "h_careers")
    for case in sample(taggable, 30):
        act(do_tag, case, TAGS[category_of[case.pk]])
    for i, case in enumerate(sample(("spam",), 12)):
        if i % 2 == 0:
            act(do_set_priority, case, Priority.LOW)
        act(do_set_status, case, CaseStatus.CLOSED, "spam")
    for case in sample(("praise", "h_praise"), 10):
        act(do_set_status, case, CaseStatus.CLOSED, "no reply needed")
    answered = [c for cases in by_category.values() for c in cases
                if c.first_responded_at is not None and c.pk not in touched]
    answered.sort(key=lambda c: c.pk)
    for i, case in enumerate(rng.sample(answered, min(22, len(answered)))):
        if i % 3 == 2:
            act(do_set_status, case, CaseStatus.CLOSED, "resolved")
        else:
            act(do_set_status, case, CaseStatus.WAITING)
    closed = set(Case.objects.filter(pk__in=touched, status=CaseStatus.CLOSED).values_list("pk", flat=True))
    open_cases = [c for cases in by_category.values() for c in cases
                  if c.pk not in closed and category_of[c.pk] not in ("spam", "chatter", "h_chatter", "news")]
    open_cases.sort(key=lambda c: c.pk)
    for case in rng.sample(open_cases, min(40, len(open_cases))):
        candidates = agents.get(case.client_id, [])
        if not candidates:
            continue
        preferred = [a for a in candidates if a.email == LANGUAGE_AGENTS.get(case.language)]
        act(do_assign, case, (preferred or [rng.choice(candidates)])[0])
    done += close_history(by_category, touched, actor, now)
    return done


# The desk's history: answered cases older than RESOLVED_AFTER are resolved; spam, chatter, praise and web-listening
# finds older than SEEN_AFTER were closed with no reply; what still waits for an answer stays (the backlog a
# supervisor sees), and so does what the safety workflow holds.
RESOLVED_AFTER = timedelta(hours=36)
SEEN_AFTER = timedelta(hours=3)
NO_REPLY_NEEDED = frozenset({"chatter", "h_chatter", "news", "praise", "h_praise", "linkedin"})


def close_history(by_category: dict[str, list[Case]], touched: set[int], actor: User, now: datetime) -> int:
    """Close the older cases as agents did: answered ones resolved, spam as spam, chatter and praise with no reply
    needed. Each through ``do_set_status`` (checked and audited). Safety items are never closed here: their
    cases wait for the safety workflow (whose guard would refuse the close anyway)."""
    closed = 0
    for category, cases in by_category.items():
        if category in SAFETY:
            continue
        for case in cases:
            if case.pk in touched or case.created_at >= now - SEEN_AFTER:
                continue
            # The case as read at the start of work_cases: only the cases in ``touched`` were changed since
            # (do_set_status locks and reads the row again before it closes).
            if case.status == CaseStatus.CLOSED:
                continue
            if case.first_responded_at is not None:
                if case.created_at >= now - RESOLVED_AFTER:
                    continue
                reason = "resolved"
            elif category == "spam":
                reason = "spam"
            elif category in NO_REPLY_NEEDED:
                reason = "no reply needed"
            elif case.platform == Platform.FEED:
                reason = "reviewed (web listening)"  # a third-party site: read and logged, not answered
            else:
                continue
            try:
                do_set_status(actor, case, CaseStatus.CLOSED, reason, confirmed=True)
            except (PermissionDenied, ValidationError):
                continue
            closed += 1
    return closed


# Progress steps besides one per message: the agency, the desk's work, the safety walk, the
# crisis history and the content calendar.
SETUP_STEPS, WORK_STEPS, SAFETY_STEPS, CALENDAR_STEPS = 100, 100, 100, 100


def progress_total(mentions: int) -> int:
    return SETUP_STEPS + max(0, mentions) + WORK_STEPS + SAFETY_STEPS + CALENDAR_STEPS


@contextmanager
def _few_collections() -> Iterator[None]:
    """Python's cyclic collector set aside what exists when the load starts (Django's modules,
    models, the triage's tables) and runs less often during it: the load makes many short-lived
    ORM objects, and each full collection walked every object of the process again."""
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(before[0], 20_000), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def load_demo(mentions: int = 2000, *, now: datetime | None = None, progress: Progress = _nothing) -> str:
    """Load the demo agency and about ``mentions`` messages; return a one-line summary.
    ``progress(steps, label)`` is called as the load goes (``progress_total`` steps in all,
    about: the plan may hold a few more or fewer messages than asked).

    Safe on a database that has data (``--force``): existing clients and users are left as they
    are, and the traffic gets fresh ids, so nothing collides. Triage screens on the machine's other
    core (``demo.prescreen``): the same results, in the same order.
    """
    with _few_collections(), screening_helper() as screener:
        data = apply_agency()
        progress(SETUP_STEPS, "agency")
        channels = demo_channels(data)
        existing = Mention.objects.filter(channel_id__in=[c.id for c in channels]).count()
        seed = DEMO_SEED + existing
        programs = programs_demo_mentions(mentions)
        traffic = max(0, mentions - programs)
        plan = Planner(channels, now or timezone.now(), seed, _signoffs()).plan(traffic) if channels else []
        created = ingest(plan, progress, screener)
        actions = work_cases(plan, random.Random(seed), now or timezone.now()) if plan else 0
        progress(WORK_STEPS, "desk work")
        actions += walk_safety_cases(random.Random(seed), now or timezone.now()) if plan else 0
        progress(SAFETY_STEPS, "safety cases")
        if programs:  # its mentions go through the pipeline too
            demo_clients = set(Client.objects.filter(slug__in=[c["slug"] for c in data["clients"]])
                               .values_list("pk", flat=True))
            with _without_spike_scheduling(demo_clients):
                actions += load_programs_demo(now or timezone.now())
            progress(programs, "influencer programs")
        if plan:
            load_crisis_demo(now)  # one past incident (stood down, with its summary) and one live spike alert
            actions += sum(load_demo_posts(now).values())  # a month of calendar posts in every status
        progress(CALENDAR_STEPS, "content calendar")
        slugs = [c["slug"] for c in data["clients"]]
        report = LoadReport(
            clients=Client.objects.filter(slug__in=slugs).count(),
            channels=len(channels),
            users=User.objects.filter(email__in=[u["email"] for u in data["users"]]).count(),
            mentions=created + programs,
            cases=Case.objects.filter(mentions__channel_id__in=[c.id for c in channels]).distinct().count(),
            actions=actions,
        )
    return report.summary()
