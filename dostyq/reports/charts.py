"""Bar charts as inline SVG, drawn when the site is built (no script): each row
of a report section with two bars, the period's events held and the same period
a year earlier's. The chart is an image with a title and a description; the
table beside it holds the same figures for every reader."""
from __future__ import annotations

from markupsafe import Markup

from .table import Section

WIDTH = 640
LABEL_WIDTH = 220  # the names' column; the bars take the rest
ROW_HEIGHT = 30
TOP = 34  # room for the legend
LABEL_CHARS = 30  # longer names are shortened here (the table beside has them whole)


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1].rstrip() + "…"


def bar_chart(section: Section, chart_id: str, title: str, description: str, now_label: str,
              before_label: str, number, lang: str) -> Markup:
    rows = section.rows
    height = TOP + ROW_HEIGHT * max(len(rows), 1) + 6
    largest = max([r.now.held for r in rows] + [r.before.held for r in rows] + [1])
    scale = (WIDTH - LABEL_WIDTH - 60) / largest
    parts = [
        Markup('<svg class="chart" id="{id}" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
               'aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg">').format(
            id=chart_id, w=WIDTH, h=height),
        Markup('<title id="{}-title">{}</title>').format(chart_id, title),
        Markup('<desc id="{}-desc">{}</desc>').format(chart_id, description),
        Markup('<rect class="bar-now" x="{x}" y="8" width="14" height="12"/>'
               '<text class="legend" x="{tx}" y="19">{now}</text>'
               '<rect class="bar-before" x="{x2}" y="10" width="14" height="8"/>'
               '<text class="legend" x="{tx2}" y="19">{before}</text>').format(
            x=LABEL_WIDTH, tx=LABEL_WIDTH + 20, now=now_label,
            x2=LABEL_WIDTH + 200, tx2=LABEL_WIDTH + 220, before=before_label),
    ]
    for index, row in enumerate(rows):
        y = TOP + index * ROW_HEIGHT
        now_width = round(row.now.held * scale, 1)
        before_width = round(row.before.held * scale, 1)
        parts.append(Markup(
            '<g><text class="label" x="{lx}" y="{ty}" text-anchor="end"{lang}>{label}</text>'
            '<rect class="bar-now" x="{x}" y="{y1}" width="{w1}" height="12"/>'
            '<text class="value" x="{vx1}" y="{vy1}">{n1}</text>'
            '<rect class="bar-before" x="{x}" y="{y2}" width="{w2}" height="8"/>'
            '<text class="value value-before" x="{vx2}" y="{vy2}">{n2}</text></g>').format(
            lx=LABEL_WIDTH - 8, ty=y + 15, label=_short(row.label),
            lang=Markup(' lang="{}"').format(row.label_lang) if row.label_lang != lang else "",
            x=LABEL_WIDTH, y1=y + 2, w1=now_width, vx1=LABEL_WIDTH + now_width + 4, vy1=y + 12,
            n1=number(row.now.held), y2=y + 16, w2=before_width, vx2=LABEL_WIDTH + before_width + 4, vy2=y + 24,
            n2=number(row.before.held)))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
