"""Dates, times and ranges in the reader's language, through Babel (the OS has no
`kk` locale, and `locale.setlocale` is process-global)."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import (format_date, format_skeleton, format_time, get_day_names,
                         get_month_names, get_timezone_location)
from babel.dates import parse_pattern

from .calendar.occurrences import Occurrence


@lru_cache(maxsize=None)
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


@lru_cache(maxsize=None)
def _day_range_patterns(lang: str) -> dict[str, tuple[str, str]]:
    """CLDR's interval patterns for day ranges with the month written out:
    ru "21–23 марта 2026 г.", kk "2026 ж. 21–23 наурыз"."""
    formats = _locale(lang).interval_formats["yMMMd"]
    return {field: tuple(p.replace("MMM", "MMMM") for p in formats[field]) for field in ("y", "M", "d")}


class DateFormat:
    """All the date formatting of one language."""

    def __init__(self, lang: str, site_zone: str):
        self.lang = lang
        self.locale = _locale(lang)
        self.site_zone = ZoneInfo(site_zone)

    def date(self, day: dt.date) -> str:
        return format_date(day, "long", locale=self.locale)

    def short_date(self, day: dt.date) -> str:
        return format_skeleton("MMMd", day, locale=self.locale)

    def time(self, moment: dt.datetime | dt.time) -> str:
        return format_time(moment, "HH:mm", locale=self.locale)

    def date_range(self, first: dt.date, last: dt.date) -> str:
        if first == last:
            return self.date(first)
        patterns = _day_range_patterns(self.lang)
        field = "y" if first.year != last.year else "M" if first.month != last.month else "d"
        return "".join(parse_pattern(p).apply(d, self.locale) for p, d in zip(patterns[field], (first, last)))

    def month(self, year: int, month: int) -> str:
        """A month as a heading or a title: "Март 2026 г.", "Наурыз 2026 ж."
        (Babel's "март 2026 г." and "2026 ж. наурыз" are for running text)."""
        name = self.month_name(month)
        if self.locale.language == "kk":
            return f"{name[:1].upper()}{name[1:]} {year} ж."
        text = format_skeleton("yMMMM", dt.date(year, month, 1), locale=self.locale)
        return text[:1].upper() + text[1:]

    def month_name(self, month: int) -> str:
        return get_month_names("wide", "stand-alone", locale=self.locale)[month]

    def weekday_names(self, width: str = "abbreviated") -> list[str]:
        """Monday first."""
        names = get_day_names(width, "stand-alone", locale=self.locale)
        return [names[i] for i in range(7)]

    def weekday(self, day: dt.date) -> str:
        return get_day_names("wide", "format", locale=self.locale)[day.weekday()]

    def zone_city(self, zone: str) -> str:
        return get_timezone_location(zone, locale=self.locale, return_city=True)

    def when(self, occurrence: Occurrence, zone: ZoneInfo | None = None) -> str:
        """The occurrence's dates and times in `zone` (default: the event's own)."""
        if occurrence.all_day:
            return self.date_range(occurrence.start, occurrence.end)
        start, end = occurrence.start, occurrence.end
        if zone is not None:
            start, end = start.astimezone(zone), end.astimezone(zone)
        if start.date() == end.date() or (end - start <= dt.timedelta(hours=12) and end.time() == dt.time()):
            return f"{self.date(start.date())}, {self.time(start)}–{self.time(end)}"
        return f"{self.date(start.date())}, {self.time(start)} – {self.date(end.date())}, {self.time(end)}"

    def in_other_zone(self, occurrence: Occurrence) -> bool:
        return not occurrence.all_day and occurrence.event.timezone != self.site_zone.key
