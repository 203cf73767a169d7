"""What an incident page shows and what stand-down keeps: the volume series, the timeline from
the audit chain, the stand-down summary (duration, volume, response times, actions) and its PDF."""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from carewatch.crisis.config import ROLE_NAMES, params_for, playbooks_for
from carewatch.crisis.models import Incident
from carewatch.safety.report_pdf import latin1

BUCKETS = 48


def crisis_cases(incident: Incident) -> Any:
    from carewatch.inbox.models import Case

    tag = params_for(incident.client).crisis_tag
    return Case.objects.filter(client_id=incident.client_id, tags__name=tag,
                               last_activity_at__gte=incident.declared_at - timedelta(hours=1))


def volume_series(client_id: int, end: datetime, span: timedelta = timedelta(hours=12),
                  buckets: int = BUCKETS) -> list[tuple[datetime, int, int]]:
    """(bucket start, inbound mentions, negative ones) for ``buckets`` equal slices of ``span``."""
    from django.db.models.fields.json import KT

    from carewatch.inbox.models import Direction, Mention

    start = end - span
    step = span / buckets
    counts = [0] * buckets
    negatives = [0] * buckets
    rows = (Mention.objects.filter(client_id=client_id, direction=Direction.INBOUND, created_at__gt=start,
                                   created_at__lte=end)
            .annotate(sentiment=KT("triage__sentiment__label")).values_list("created_at", "sentiment"))
    for at, sentiment in rows.iterator():
        i = min(buckets - 1, int((at - start) / step))
        counts[i] += 1
        if sentiment == "negative":
            negatives[i] += 1
    return [(start + i * step, counts[i], negatives[i]) for i in range(buckets)]


def svg_chart(series: list[tuple[datetime, int, int]], width: int = 720, height: int = 160) -> str:
    """A bar chart as inline SVG (no script, CSP-safe): all mentions, negative ones darker."""
    top = max([c for _, c, _ in series] + [1])
    bar = width / max(len(series), 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height + 20}" role="img" '
             f'class="crisis-chart" aria-label="Mentions per {int(bar)} px slice, peak {top}">']
    for i, (at, count, negative) in enumerate(series):
        h = count / top * height
        n = negative / top * height
        x = i * bar
        parts.append(f'<rect x="{x:.1f}" y="{height - h:.1f}" width="{bar * 0.85:.1f}" height="{h:.1f}" '
                     f'fill="#9db4d6"><title>{at:%H:%M} UTC: {count} mentions, {negative} negative</title></rect>')
        if n:
            parts.append(f'<rect x="{x:.1f}" y="{height - n:.1f}" width="{bar * 0.85:.1f}" height="{n:.1f}" '
                         'fill="#b3261e"/>')
    parts.append(f'<text x="0" y="{height + 15}" font-size="11">{series[0][0]:%d %b %H:%M} UTC</text>'
                 if series else "")
    parts.append(f'<text x="{width}" y="{height + 15}" font-size="11" text-anchor="end">peak {top}</text>')
    parts.append("</svg>")
    return "".join(parts)


def timeline(incident: Incident, limit: int = 200) -> list[Any]:
    """What happened and who did what: the audit events of the incident, its alerts, its escalations
    and the crisis cases, from an hour before it was declared."""
    from carewatch.audit.models import AuditEvent

    end = incident.stood_down_at or timezone.now()
    alert_ids = [str(a) for a in incident.alerts.values_list("pk", flat=True)]
    case_ids = [str(c) for c in crisis_cases(incident).values_list("pk", flat=True)[:500]]
    q = Q(object_type="crisis.incident", object_id=str(incident.pk)) | Q(object_type="crisis.alert",
                                                                        object_id__in=alert_ids)
    if case_ids:
        q |= Q(object_type="inbox.case", object_id__in=case_ids)
    return list(AuditEvent.objects.filter(q, client_id=incident.client_id,
                                          at__gte=incident.declared_at - timedelta(hours=1), at__lte=end)
                .order_by("at", "seq")[:limit])


def summarise(incident: Incident, now: datetime) -> dict[str, Any]:
    from carewatch.inbox.models import Direction, Mention

    cases = list(crisis_cases(incident).values("id", "created_at", "first_responded_at", "status"))
    minutes = [(c["first_responded_at"] - c["created_at"]) / timedelta(minutes=1) for c in cases
               if c["first_responded_at"]]
    mentions = Mention.objects.filter(client_id=incident.client_id, direction=Direction.INBOUND,
                                      created_at__gte=incident.declared_at, created_at__lte=now)
    actions = Counter(e.action for e in timeline(incident, limit=5000))
    book = playbooks_for(incident.client).get(incident.playbook)
    done = incident.checklist
    checklist = [{"item": text, "done": item in done, "by": done.get(item, {}).get("by", "")}
                 for item, text in (book.items() if book else [])]
    return {
        "duration_minutes": int((now - incident.declared_at) / timedelta(minutes=1)),
        "mentions": mentions.count(),
        "crisis_mentions": Mention.objects.filter(case_id__in=[c["id"] for c in cases],
                                                  direction=Direction.INBOUND).count(),
        "crisis_cases": len(cases),
        "answered": len(minutes),
        "open_cases": sum(1 for c in cases if c["status"] != "closed"),
        "first_response_median_minutes": round(statistics.median(minutes), 1) if minutes else None,
        "first_response_max_minutes": round(max(minutes), 1) if minutes else None,
        "actions": dict(sorted(actions.items())),
        "checklist": checklist,
        "roles": incident.roles,
    }


def summary_pdf(incident: Incident) -> bytes:
    s = incident.summary or {}
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)

    def line(text: str, size: int = 10, bold: bool = False) -> None:
        pdf.set_font("Helvetica", "B" if bold else "", size)
        pdf.multi_cell(0, size * 0.55, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    book = playbooks_for(incident.client).get(incident.playbook)
    line(f"{incident.reference}: {incident.title}", 15, True)
    line(f"{incident.client.name} - playbook: {book.title if book else incident.playbook}")
    stood = incident.stood_down_at
    line(f"Declared {incident.declared_at:%Y-%m-%d %H:%M} UTC"
         + (f", stood down {stood:%Y-%m-%d %H:%M} UTC" if stood else " (still active)"))
    pdf.ln(3)
    line("Summary", 12, True)
    median = s.get("first_response_median_minutes")
    for label, value in (
            ("Duration", f"{s.get('duration_minutes', 0)} minutes"),
            ("Inbound mentions during the incident", s.get("mentions", 0)),
            ("Mentions in crisis cases", s.get("crisis_mentions", 0)),
            ("Crisis cases", s.get("crisis_cases", 0)),
            ("Answered", s.get("answered", 0)),
            ("Still open", s.get("open_cases", 0)),
            ("First response, median", f"{median} minutes" if median is not None else "none answered"),
            ("First response, slowest", f"{s.get('first_response_max_minutes')} minutes" if median is not None
             else "-")):
        line(f"{label}: {value}")
    pdf.ln(2)
    line("Roles", 12, True)
    for key, email in (s.get("roles") or incident.roles).items():
        line(f"{ROLE_NAMES.get(key, key)}: {email}")
    pdf.ln(2)
    line("Checklist", 12, True)
    for item in s.get("checklist", []):
        line(f"[{'x' if item['done'] else ' '}] {item['item']}" + (f" ({item['by']})" if item.get("by") else ""))
    pdf.ln(2)
    line("Actions (audit chain)", 12, True)
    for action, count in (s.get("actions") or {}).items():
        line(f"{action}: {count}")
    if s.get("note"):
        pdf.ln(2)
        line("Note", 12, True)
        line(str(s["note"]))
    return bytes(pdf.output())
