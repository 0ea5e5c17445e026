"""Bar charts as inline SVG, drawn when the site is built (no script): each row
of a report section with two bars, the period's events held and the same period
a year earlier's. The chart is an image with a title and a description; the
table beside it holds the same figures for every reader."""
from __future__ import annotations

from markupsafe import Markup

from .table import Section

WIDTH = 360  # drawn at about a phone's width: its text stays legible there, and it grows no wider than 24rem
BAR_SPACE = 300  # the longest bar; its figure follows it
ROW_HEIGHT = 46  # a row: the name on its own line, then the two bars
TOP = 44  # the legend's two lines
LABEL_CHARS = 44  # longer names are shortened here (the table beside has them whole)


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1].rstrip() + "…"


def bar_chart(section: Section, chart_id: str, title: str, description: str, now_label: str,
              before_label: str, number, lang: str) -> Markup:
    rows = section.rows
    height = TOP + ROW_HEIGHT * max(len(rows), 1)
    largest = max([r.now.held for r in rows] + [r.before.held for r in rows] + [1])
    scale = BAR_SPACE / largest
    parts = [
        Markup('<svg class="chart" id="{id}" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
               'aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg">').format(
            id=chart_id, w=WIDTH, h=height),
        Markup('<title id="{}-title">{}</title>').format(chart_id, title),
        Markup('<desc id="{}-desc">{}</desc>').format(chart_id, description),
        Markup('<rect class="bar-now" x="0" y="4" width="14" height="12"/>'
               '<text class="legend" x="20" y="15">{now}</text>'
               '<rect class="bar-before" x="0" y="24" width="14" height="8"/>'
               '<text class="legend" x="20" y="33">{before}</text>').format(now=now_label, before=before_label),
    ]
    for index, row in enumerate(rows):
        y = TOP + index * ROW_HEIGHT
        now_width = round(row.now.held * scale, 1)
        before_width = round(row.before.held * scale, 1)
        parts.append(Markup(
            '<g><text class="label" x="0" y="{ty}"{lang}>{label}</text>'
            '<rect class="bar-now" x="0" y="{y1}" width="{w1}" height="12"/>'
            '<text class="value" x="{vx1}" y="{vy1}">{n1}</text>'
            '<rect class="bar-before" x="0" y="{y2}" width="{w2}" height="8"/>'
            '<text class="value value-before" x="{vx2}" y="{vy2}">{n2}</text></g>').format(
            ty=y + 12, label=_short(row.label),
            lang=Markup(' lang="{}"').format(row.label_lang) if row.label_lang != lang else "",
            y1=y + 17, w1=now_width, vx1=now_width + 5, vy1=y + 28,
            n1=number(row.now.held), y2=y + 31, w2=before_width, vx2=before_width + 5, vy2=y + 39,
            n2=number(row.before.held)))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
