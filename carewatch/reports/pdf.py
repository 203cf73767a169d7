"""The client report as a PDF (fpdf2, core fonts): a one-page summary first, then the charts
(the page's own SVG drawn as vector paths) each with its table, the client's name and the
period in every footer, and page numbers."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.utils import timezone
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from carewatch.reports import charts
from carewatch.reports.document import Report, Table
from carewatch.safety.report_pdf import latin1


class _Doc(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font("Helvetica", size=7)
        self.set_text_color(110, 110, 110)
        self.cell(0, 5, latin1(f"{self.footer_text}  -  page {self.page_no()} of {{nb}}"), align="C")
        self.set_text_color(0, 0, 0)


def _heading(pdf: FPDF, text: str, size: int = 12) -> None:
    pdf.ln(2)
    pdf.set_font("Helvetica", style="B", size=size)
    pdf.cell(0, 7, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _table(pdf: FPDF, columns: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[float] | None = None,
           size: float = 7.5) -> None:
    pdf.set_font("Helvetica", size=size)
    with pdf.table(col_widths=tuple(widths) if widths else None, text_align="LEFT", line_height=size * 0.55,
                   padding=0.8, first_row_as_headings=True, repeat_headings=1) as table:
        head = table.row()
        for text in columns:
            head.cell(latin1(str(text)))
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(latin1("" if value is None else str(value)))
    pdf.ln(2)


def _chart(pdf: FPDF, svg: str, width: float) -> None:
    pdf.image(io.BytesIO(svg.encode()), x=pdf.l_margin, w=width)
    pdf.ln(2)


def report_pdf(report: Report, *, now: datetime | None = None, compress: bool = True) -> bytes:
    now = now or timezone.now()
    client, period, s = report.client, report.period, report.summary
    pdf = _Doc(orientation="portrait", unit="mm", format="A4")
    pdf.set_compression(compress)
    pdf.set_creation_date(now)
    title = f"{client.name} - care report - {period.first} to {period.last}"
    pdf.set_title(latin1(title))
    pdf.set_author("Carewatch")
    pdf.footer_text = latin1(f"Carewatch  -  {client.name}  -  {period.first} to {period.last}")
    pdf.set_auto_page_break(auto=True, margin=14)
    pdf.set_margins(14, 12, 14)

    # Page 1: the summary.
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=18)
    pdf.cell(0, 10, latin1(client.name), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", size=10)
    pdf.cell(0, 6, latin1(f"Social care report, {period.first:%d %B %Y} to {period.last:%d %B %Y} "
                          f"(whole days, {client.timezone})"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(90, 90, 90)
    pdf.set_font("Helvetica", size=8)
    pdf.cell(0, 5, latin1(f"Compared with {s['previous']['from']} to {s['previous']['to']}. Generated "
                          f"{now.astimezone(client.tz):%Y-%m-%d %H:%M} {client.timezone}. Definitions: "
                          "docs/reports.md."), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    _heading(pdf, "Summary")
    summary = report.table("summary")
    assert summary is not None
    _table(pdf, summary.columns, summary.rows, (92, 45, 45), size=9)
    late = report.table("safety_late")
    if late is not None and late.rows:
        _heading(pdf, f"Safety items forwarded late or overdue ({s['safety']['late']})", 11)
        _table(pdf, late.columns, late.rows[:8], size=7)
        if len(late.rows) > 8:
            pdf.set_font("Helvetica", size=7)
            pdf.cell(0, 4, latin1(f"... and {len(late.rows) - 8} more: see the table at the end."),
                     new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    # The charts, each with its table.
    width = pdf.epw
    labels = [d["day"][5:] for d in report.daily]
    pdf.add_page()
    _heading(pdf, "Volume and replies, day by day")
    _chart(pdf, charts.line_chart("Inbound messages and replied cases per day", labels, [
        ("Inbound messages", [d["mentions"] for d in report.daily]),
        ("Cases replied", [d["replied"] for d in report.daily])]), width)
    _heading(pdf, "First response p50 (minutes), day by day")
    _chart(pdf, charts.line_chart("First response p50 per day, minutes", labels, [
        ("Calendar", [d["p50_calendar"] for d in report.daily]),
        ("Business hours", [d["p50_business"] for d in report.daily])]), width)
    daily = report.table("daily")
    assert daily is not None
    _table(pdf, daily.columns, daily.rows, size=6.5)

    pdf.add_page()
    _heading(pdf, "By platform")
    if report.platforms:
        _chart(pdf, charts.bar_chart("Inbound messages and replied cases by platform",
                                     [p["platform"] for p in report.platforms],
                                     [("Inbound messages", [p["mentions"] for p in report.platforms]),
                                      ("Cases replied", [p["replied"] for p in report.platforms])]), width)
    _tables(pdf, report, "platforms", "agents")
    pdf.add_page()
    _tables(pdf, report, *(("breakdown",) if report.by != "platform" else ()), "follow_through", "programs", "posts")
    _heading(pdf, "Arrivals by hour of the week")
    _chart(pdf, charts.heatmap("Inbound messages by weekday and hour", report.heat["arrivals"]), width)
    _heading(pdf, "First replies by hour of the week")
    _chart(pdf, charts.heatmap("First replies by weekday and hour", report.heat["replies"]), width)
    if late is not None and len(late.rows) > 8:
        pdf.add_page()
        _heading(pdf, late.title)
        _table(pdf, late.columns, late.rows, size=7)
    return bytes(pdf.output())


def _tables(pdf: FPDF, report: Report, *names: str) -> None:
    for name in names:
        table: Table | None = report.table(name)
        if table is None:
            continue
        _heading(pdf, table.title, 11)
        if table.rows:
            _table(pdf, table.columns, table.rows, size=7)
        else:
            pdf.set_font("Helvetica", size=8)
            pdf.cell(0, 5, "Nothing in this period.", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
