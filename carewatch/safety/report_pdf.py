"""The reconciliation report as a PDF (fpdf2, a core font: no font file ships or loads).

Core fonts cover latin-1 only, so every text goes through :func:`latin1` first: typographic
punctuation is mapped to its plain form, accented letters outside latin-1 lose the accent, and
anything else (emoji, CJK, Cyrillic) becomes "?". Times are shown in the client's time zone.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from carewatch.identity.models import Signature
from carewatch.safety.reconciliation import OUTCOME_LABELS, Reconciliation, Row, format_duration

if TYPE_CHECKING:
    from carewatch.identity.signatures import Check

_PLAIN = {
    "\u2014": "-", "\u2013": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2026": "...", "\u2022": "*", "\u2192": "->", "\u2190": "<-", "\u2264": "<=", "\u2265": ">=",
    "\u2260": "!=", "\u2248": "~", "\u20ac": "EUR", "\u2122": "(TM)", "\u00a0": " ", "\u202f": " ",
    "\u2009": " ", "\u200b": "", "\ufeff": "",
    # Letters without a decomposition to a latin-1 base.
    "\u0141": "L", "\u0142": "l", "\u0110": "D", "\u0111": "d", "\u0131": "i", "\u0152": "OE", "\u0153": "oe",
    "\u0126": "H", "\u0127": "h", "\u0166": "T", "\u0167": "t",
}


def latin1(text: str) -> str:
    """``text`` in characters a core PDF font can draw."""
    out: list[str] = []
    for ch in text:
        if ch in _PLAIN:
            out.append(_PLAIN[ch])
        elif ord(ch) < 256:
            out.append(ch if ch.isprintable() or ch == "\n" else " ")
        else:
            base = "".join(c for c in unicodedata.normalize("NFKD", ch) if ord(c) < 128 and c.isprintable())
            out.append(base or "?")
    return "".join(out)


class _Report(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font("Helvetica", size=7)
        self.set_text_color(110, 110, 110)
        self.cell(0, 5, latin1(f"{self.footer_text}  ·  page {self.page_no()}/{{nb}}"), align="C")


def _when(value: datetime | None, rec: Reconciliation) -> str:
    return value.astimezone(rec.client.tz).strftime("%Y-%m-%d %H:%M") if value is not None else ""


def _hours(value: float | None) -> str:
    return "" if value is None else f"{value:.1f} h"


def _table(pdf: FPDF, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
           *, size: float = 7) -> None:
    pdf.set_font("Helvetica", size=size)
    with pdf.table(col_widths=tuple(widths), text_align="LEFT", line_height=size * 0.5, padding=0.8,
                   first_row_as_headings=True, repeat_headings=1) as table:
        head = table.row()
        for text in header:
            head.cell(latin1(text))
        for values in rows:
            row = table.row()
            for text in values:
                row.cell(latin1(text))
    pdf.ln(3)


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(1)
    pdf.set_font("Helvetica", style="B", size=11)
    pdf.cell(0, 7, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _row_cells(r: Row, rec: Reconciliation) -> list[str]:
    ended = ""
    if r.ended_at is not None:
        ended = f"{_when(r.ended_at, rec)} {r.ended_by}: {r.end_reason}".strip()
    return [
        r.reference,
        OUTCOME_LABELS[r.outcome] + (" (earlier case)" if r.scope == "linked" else ""),
        f"{r.kind_label}{', serious' if r.serious else ''}",
        str(r.coverage),
        _when(r.day0, rec),
        _when(r.detected_at, rec),
        _when(r.forward_due, rec),
        _when(r.forwarded_at, rec),
        _hours(r.hours_to_forward),
        " ".join(x for x in (_when(r.acknowledged_at, rec), r.pv_reference) if x),
        ended,
        r.finding,
    ]


ROW_HEADER = ("Reference", "Outcome", "Kind", "Day type", "Day 0", "Detected", "Forward due", "Forwarded",
              "To forward", "Acknowledged", "Ended (by, reason)", "Finding")
ROW_WIDTHS = (12, 9, 8, 5, 7.5, 7.5, 7.5, 7.5, 5, 8, 13, 14)


def reconciliation_pdf(rec: Reconciliation, *, generated_by: str = "", compress: bool = True) -> bytes:
    """The report as PDF bytes; ``compress=False`` leaves the text streams readable (tests)."""
    pdf = _Report(orientation="landscape", unit="mm", format="A4")
    pdf.set_compression(compress)
    pdf.set_creation_date(rec.now)
    pdf.set_title(latin1(f"Safety reconciliation - {rec.client.name} - {rec.start} to {rec.end}"))
    pdf.set_author("Carewatch")
    pdf.footer_text = latin1(f"Carewatch safety reconciliation · {rec.client.name} · {rec.start} to {rec.end}")
    pdf.set_auto_page_break(auto=True, margin=14)
    pdf.set_margins(10, 10, 10)
    pdf.add_page()
    width = pdf.epw

    pdf.set_font("Helvetica", style="B", size=16)
    pdf.cell(0, 9, "Safety reconciliation report", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", size=9)
    tz = rec.client.timezone
    for line in (
        f"Client: {rec.client.name} ({rec.client.slug})",
        f"Period: {rec.start.isoformat()} to {rec.end.isoformat()} inclusive, {tz} "
        f"({rec.start_at.isoformat()} to {rec.end_at.isoformat()})",
        f"Generated at: {rec.now.strftime('%Y-%m-%d %H:%M:%S')} UTC ({_when(rec.now, rec)} {tz})"
        + (f" by {generated_by}" if generated_by else ""),
        f"Times below are in {tz}.",
    ):
        pdf.cell(0, 5, latin1(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    # The headline: zero, or each item by name.
    pdf.ln(2)
    overdue = rec.overdue
    pdf.set_font("Helvetica", style="B", size=12)
    if overdue:
        pdf.set_text_color(170, 20, 20)
    else:
        pdf.set_text_color(20, 110, 50)
    pdf.cell(0, 7, f"Flagged but not forwarded and past due: {len(overdue)}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", size=9)
    for r in overdue:
        where = " (detected before this period)" if r.scope == "carried_over" else ""
        pdf.multi_cell(width, 5, latin1(
            f"- {r.reference}: past due by {format_duration(r.late_by)} (due {_when(r.forward_due, rec)}, "
            f"detected {_when(r.detected_at, rec)}){where}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    for r in rec.without_case:
        pdf.multi_cell(width, 5, latin1(f"- {r.reference}: flagged ({', '.join(r.labels)}) with no safety case"),
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    t = rec.totals
    _heading(pdf, "Totals")
    pairs = [
        ("Flagged mentions", t.flagged_mentions), ("Flagged mentions without a safety case", t.mentions_without_case),
        ("Safety cases", t.safety_cases), ("Adverse events / product complaints",
                                           f"{t.adverse_events} / {t.product_complaints}"),
        ("Serious", t.serious), ("Forwarded", t.forwarded), ("Forwarded on time", t.forwarded_on_time),
        ("Forwarded late", t.forwarded_late), ("Acknowledged by PV", t.acknowledged),
        ("Awaiting acknowledgement", t.awaiting_acknowledgement), ("Not forwarded, within due", t.pending),
        ("Not forwarded, past due", t.overdue), ("Dismissed", t.dismissed),
        ("Closed without forward", t.closed_unforwarded), ("Ended unforwarded after due", t.ended_after_due),
        ("Forward-due breaches", t.breaches), ("Earlier items still past due", t.carried_over_overdue),
    ]
    half = (len(pairs) + 1) // 2
    left, right = pairs[:half], pairs[half:] + [("", "")] * (2 * half - len(pairs))
    _table(pdf, ("Measure", "Count", "Measure", "Count"),
           [(a, str(b), c, str(d)) for (a, b), (c, d) in zip(left, right, strict=True)], (9, 2, 9, 2), size=8)

    _heading(pdf, "Weekend and holiday coverage (time to forward from day 0)")
    _table(pdf, ("Days", "Items", "Forwarded", "Late", "Past due now", "Median", "Worst", "Worst item"),
           [(str(c.coverage), str(c.items), str(c.forwarded), str(c.late), str(c.overdue),
             _hours(c.median_hours), _hours(c.worst_hours), c.worst_reference) for c in rec.coverage],
           (4, 2, 2, 2, 3, 3, 3, 6), size=8)
    off_hours = rec.off_hours_rows
    if off_hours:
        _table(pdf, ("Reference", "Day type", "Detected", "Forwarded", "To forward", "Outcome"),
               [(r.reference, str(r.coverage), _when(r.detected_at, rec), _when(r.forwarded_at, rec),
                 _hours(r.hours_to_forward), OUTCOME_LABELS[r.outcome]) for r in off_hours],
               (5, 3, 4, 4, 3, 5), size=8)
    else:
        pdf.set_font("Helvetica", size=9)
        pdf.cell(0, 5, "No flagged item was detected on a weekend or holiday.", new_x=XPos.LMARGIN,
                 new_y=YPos.NEXT)

    _heading(pdf, f"Flagged items ({len(rec.rows)})")
    if rec.rows:
        _table(pdf, ROW_HEADER, [_row_cells(r, rec) for r in rec.rows], ROW_WIDTHS, size=6.5)
    else:
        pdf.set_font("Helvetica", size=9)
        pdf.cell(0, 5, "No flagged item in this period.", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if rec.carried_over:
        _heading(pdf, f"Detected before this period and still past due ({len(rec.carried_over)})")
        _table(pdf, ROW_HEADER, [_row_cells(r, rec) for r in rec.carried_over], ROW_WIDTHS, size=6.5)
    _signature_manifest(pdf, rec)
    return bytes(pdf.output())


def _signature_manifest(pdf: FPDF, rec: Reconciliation) -> None:
    """Every electronic signature on the report's safety cases: who, when, what it means, the
    SHA-256 signed, and whether the case still matches it (21 CFR 11.50)."""
    from carewatch.identity.signatures import check
    from carewatch.safety.models import SafetyCase

    ids = [str(r.safety_case_id) for r in (*rec.rows, *rec.carried_over) if r.safety_case_id]
    signatures = [check(s) for s in Signature.objects.filter(object_type="safety.safetycase", object_id__in=ids)
                  .order_by("signed_at", "pk")]
    references = {str(sc.pk): sc.reference for sc in SafetyCase.objects.filter(pk__in=ids).select_related("client")}
    signature_manifest(pdf, signatures, lambda sig: references.get(sig.object_id, sig.object_id),
                       lambda value: _when(value, rec), none_text="No electronic signature on these cases.")


def signature_manifest(pdf: FPDF, signatures: Sequence[Check], subject: Callable[[Signature], str],
                       when: Callable[[datetime], str], *, subject_title: str = "Case",
                       none_text: str = "No electronic signature.") -> None:
    """The signature manifest of a PDF record (21 CFR 11.50): for each signature what it is on,
    its meaning, the printed name and e-mail of the signer, when, how they re-authenticated, the
    SHA-256 signed and whether the record still matches it."""
    _heading(pdf, f"Electronic signatures ({len(signatures)})")
    if not signatures:
        pdf.set_font("Helvetica", size=9)
        pdf.cell(0, 5, latin1(none_text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        return
    rows = []
    for c in signatures:
        sig = c.signature
        rows.append([subject(sig), c.meaning_label, f"{sig.signer_name} <{sig.signer_email}>", when(sig.signed_at),
                     sig.method, sig.content_hash, "valid" if c.valid else f"NOT VALID: {c.problem}"])
    _table(pdf, (subject_title, "Meaning", "Signed by", "When", "Re-authenticated by", "SHA-256 signed", "Check"),
           rows, (10, 13, 17, 9, 8, 30, 13), size=6.5)
