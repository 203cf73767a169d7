"""Charts as SVG drawn on the server: line, bar and heatmap.

Why server-side SVG and not a JavaScript library: the page needs no script at all for its
charts (nothing to vendor or update, nothing for the CSP to allow: colours are SVG presentation
attributes, never ``style``), they print as vectors, and the same SVG is drawn as vector paths
into the PDF report by fpdf2. Each chart on a page sits beside its data table (the accessible
and exact form of the same numbers); the SVG carries a <title> and an aria-label.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

PALETTE = ("#1f5f8b", "#c0504d", "#6b8e23", "#8064a2", "#d9822b", "#2a9d8f")
INK = "#333333"
GRID = "#dddddd"
FONT = 'font-family="Helvetica, Arial, sans-serif"'


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _open(width: int, height: int, title: str) -> list[str]:
    t = escape(title)
    return [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{t}"><title>{t}</title>']


def _axes(parts: list[str], left: int, top: int, plot_w: int, plot_h: int, top_value: float) -> None:
    for i in range(5):
        y = top + plot_h - plot_h * i / 4
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{GRID}" '
                     'stroke-width="1"/>')
        parts.append(f'<text x="{left - 4}" y="{y + 3:.1f}" font-size="9" {FONT} fill="{INK}" '
                     f'text-anchor="end">{_fmt(top_value * i / 4)}</text>')


def _x_labels(parts: list[str], labels: Sequence[str], xs: Sequence[float], y: float) -> None:
    every = max(1, len(labels) // 8)
    for i, (label, x) in enumerate(zip(labels, xs, strict=True)):
        if i % every == 0 or (i == len(labels) - 1 and len(labels) <= 8):
            parts.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="9" {FONT} fill="{INK}" '
                         f'text-anchor="middle">{escape(label)}</text>')


def _legend(parts: list[str], names: Sequence[str], left: int, y: int) -> None:
    x = left
    for i, name in enumerate(names):
        colour = PALETTE[i % len(PALETTE)]
        parts.append(f'<rect x="{x}" y="{y - 8}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{x + 14}" y="{y}" font-size="10" {FONT} fill="{INK}">{escape(name)}</text>')
        x += 24 + 6 * len(name)


def line_chart(title: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]],
               width: int = 640, height: int = 220) -> str:
    """One line per series over the labels (gaps where a value is None)."""
    left, top, right, bottom = 44, 24, 12, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for _n, vs in series for v in vs if v is not None]
    top_value = _nice_max(max(values, default=0))
    parts = _open(width, height, title)
    _axes(parts, left, top, plot_w, plot_h, top_value)
    n = max(len(labels), 1)
    xs = [left + (plot_w * (i + 0.5) / n) for i in range(len(labels))]
    for index, (_name, vs) in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        run: list[str] = []
        for x, v in zip(xs, vs, strict=True):
            if v is None:
                if len(run) > 1:
                    parts.append(f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" stroke-width="2"/>')
                run = []
                continue
            y = top + plot_h - plot_h * v / top_value
            run.append(f"{x:.1f},{y:.1f}")
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2" fill="{colour}"/>')
        if len(run) > 1:
            parts.append(f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" stroke-width="2"/>')
    _x_labels(parts, labels, xs, top + plot_h + 14)
    _legend(parts, [name for name, _ in series], left, 14)
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(title: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[float]]],
              width: int = 640, height: int = 220) -> str:
    """Grouped bars: one group per label, one bar per series."""
    left, top, right, bottom = 44, 24, 12, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _nice_max(max((v for _n, vs in series for v in vs), default=0))
    parts = _open(width, height, title)
    _axes(parts, left, top, plot_w, plot_h, top_value)
    n = max(len(labels), 1)
    group = plot_w / n
    bar = max(1.0, group * 0.8 / max(len(series), 1))
    xs = [left + group * (i + 0.5) for i in range(len(labels))]
    for index, (_name, vs) in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        for i, v in enumerate(vs):
            h = plot_h * v / top_value
            x = left + group * i + group * 0.1 + bar * index
            parts.append(f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                         f'fill="{colour}"/>')
    _x_labels(parts, labels, xs, top + plot_h + 14)
    _legend(parts, [name for name, _ in series], left, 14)
    parts.append("</svg>")
    return "".join(parts)


DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def heatmap(title: str, grid: Sequence[Sequence[int]], width: int = 640, height: int = 190) -> str:
    """Weekday (rows, Monday first) by hour of the day (columns); darker is more."""
    left, top, right, bottom = 34, 8, 8, 18
    cell_w = (width - left - right) / 24
    cell_h = (height - top - bottom) / 7
    peak = max((v for row in grid for v in row), default=0) or 1
    parts = _open(width, height, title)
    for d, row in enumerate(grid):
        y = top + d * cell_h
        parts.append(f'<text x="{left - 4}" y="{y + cell_h * 0.7:.1f}" font-size="9" {FONT} fill="{INK}" '
                     f'text-anchor="end">{DAY_NAMES[d]}</text>')
        for h, v in enumerate(row):
            share = v / peak
            # from near white to the palette's blue
            r, g, b = (int(245 - (245 - c) * share) for c in (31, 95, 139))
            parts.append(f'<rect x="{left + h * cell_w:.1f}" y="{y:.1f}" width="{cell_w - 1:.1f}" '
                         f'height="{cell_h - 1:.1f}" fill="#{r:02x}{g:02x}{b:02x}"><title>{DAY_NAMES[d]} '
                         f'{h:02d}:00 {v}</title></rect>')
    for h in range(0, 24, 3):
        parts.append(f'<text x="{left + h * cell_w + cell_w / 2:.1f}" y="{height - 5}" font-size="9" {FONT} '
                     f'fill="{INK}" text-anchor="middle">{h:02d}</text>')
    parts.append("</svg>")
    return "".join(parts)


def html_table(table_id: str, columns: Sequence[str], rows: Sequence[Sequence[object]],
               row_headers: bool = False) -> str:
    """A plain data table as HTML (every value escaped): long tables render far faster built
    here than in a template loop."""
    parts = [f'<div class="table-wrap"><table id="{escape(table_id)}"><thead><tr>']
    parts.extend(f"<th>{escape(str(c))}</th>" for c in columns)
    parts.append("</tr></thead><tbody>")
    for row in rows:
        parts.append("<tr>")
        for i, value in enumerate(row):
            text = "" if value is None else escape(str(value))
            if i == 0:
                parts.append(f'<th scope="row">{text}</th>' if row_headers else f"<td>{text}</td>")
            else:
                parts.append(f'<td class="numeric">{text}</td>')
        parts.append("</tr>")
    parts.append("</tbody></table></div>")
    return "".join(parts)
