"""A period's figures as labelled rows in one language, beside the same period a
year earlier: what the report page, its CSV and `dostyq report` all show."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Mapping

from babel.numbers import format_decimal

from ..alphabet import sort_key
from ..i18n import N_
from ..model import Content
from .figures import NO_AREA, NO_CENTER, Count, Figures, Period

WORDS = {
    "category": N_("By category"),
    "center": N_("By centre"),
    "area": N_("By city or district"),
    "total": N_("All events"),
    "name": N_("Name"),
    "held": N_("Events held"),
    "participants": N_("Took part"),
    "without_participants": N_("Held without a participant count"),
    "held_before": N_("Events held a year earlier"),
    "participants_before": N_("Took part a year earlier"),
    "no_center": N_("No centre"),
    "no_area": N_("Not given"),
    "section": N_("Section"),
    "id": N_("Id"),
}
QUARTER = N_("Q%(quarter)s %(year)s")  # "2026 ж. I тоқсан", "I квартал 2026 г."
YEAR = N_("Year %(year)s")
ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Row:
    key: str  # the category, centre or area id; "" for "none"
    label: str
    label_lang: str  # the language the label is written in (a name may lack a translation)
    now: Count
    before: Count


@dataclass(frozen=True)
class Section:
    id: str  # category, center, area
    title: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Table:
    lang: str
    period: Period
    title: str  # "I квартал 2026 г."
    earlier_title: str
    total: Row
    sections: tuple[Section, ...]
    figures: Figures
    earlier: Figures

    def number(self, n: int) -> str:
        return format_decimal(n, locale=self.lang)


def period_title(period: Period, translate) -> str:
    if period.quarter is None:
        return translate(YEAR) % {"year": period.year}
    return translate(QUARTER) % {"quarter": ROMAN[period.quarter - 1], "year": period.year}


def table(now: Figures, before: Figures, content: Content, lang: str, translate: Callable[[str], str],
          category_labels: Mapping[str, str]) -> Table:
    """The rows of each section: every key of either period, the most events held first."""

    def center_label(key: str) -> tuple[str, str]:
        center = content.centers.get(key)
        if center is None:
            return translate(WORDS["no_center"]), lang
        shown = center.name.shown(lang)
        return shown.value, shown.lang

    def area_label(key: tuple[str, str]) -> tuple[str, str]:
        city, district = key
        parts, langs = [], []
        for names, id_ in ((content.cities, city), (content.districts, district)):
            if id_ == NO_AREA:
                continue
            shown = names[id_].shown(lang) if id_ in names else None
            parts.append(shown.value if shown else id_)  # a city without a name yet: its id (the checker warns)
            langs.append(shown.lang if shown else lang)
        if not parts:
            return translate(WORDS["no_area"]), lang
        return ", ".join(parts), langs[0] if len(set(langs)) == 1 else lang

    def category_label(key: str) -> tuple[str, str]:
        return translate(category_labels[key]) if key in category_labels else key, lang

    def rows(ours: dict, theirs: dict, label) -> tuple[Row, ...]:
        made = []
        for key in ours.keys() | theirs.keys():
            text, text_lang = label(key)
            made.append(Row("/".join(k for k in key if k) if isinstance(key, tuple) else key, text, text_lang,
                            ours.get(key, Count()), theirs.get(key, Count())))
        missing = ("", NO_CENTER)  # "no centre", "not given": last
        return tuple(sorted(made, key=lambda r: (r.key in missing, -r.now.held, -r.before.held,
                                                 sort_key(r.label, lang), r.key)))

    sections = (
        Section("category", translate(WORDS["category"]), rows(now.by_category, before.by_category, category_label)),
        Section("center", translate(WORDS["center"]), rows(now.by_center, before.by_center, center_label)),
        Section("area", translate(WORDS["area"]), rows(now.by_area, before.by_area, area_label)),
    )
    total = Row("", translate(WORDS["total"]), lang, now.total, before.total)
    return Table(lang, now.period, period_title(now.period, translate), period_title(before.period, translate),
                 total, sections, now, before)


def words(translate) -> dict[str, str]:
    """The column and section names in the language."""
    return {name: translate(text) for name, text in WORDS.items()}


def up_to_note(figures: Figures) -> dt.date | None:
    """The day figures stop at, while the period is not over yet."""
    return None if figures.complete else figures.up_to
