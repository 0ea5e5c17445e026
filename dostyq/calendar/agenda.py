"""Choosing occurrences for lists: today, this week, coming up, past, by year.
Days are the site's local days."""
from __future__ import annotations

import datetime as dt
from typing import Iterable
from zoneinfo import ZoneInfo

from .occurrences import Occurrence


def touching(occurrences: Iterable[Occurrence], first: dt.date, last: dt.date, zone: ZoneInfo) -> list[Occurrence]:
    """Occurrences on any day from first to last, inclusive."""
    return [o for o in occurrences if o.first_day(zone) <= last and o.last_day(zone) >= first]


def week_end(day: dt.date) -> dt.date:
    """The Sunday of day's week (weeks start on Monday)."""
    return day + dt.timedelta(days=6 - day.weekday())


def next_per_event(occurrences: Iterable[Occurrence], today: dt.date, zone: ZoneInfo,
                   until: dt.date | None = None) -> list[Occurrence]:
    """Each event once, at its next occurrence not yet over (a repeating event shows
    its real next date, not its first)."""
    chosen: dict[str, Occurrence] = {}
    for o in occurrences:  # sorted by start
        if o.last_day(zone) >= today and (until is None or o.first_day(zone) <= until):
            chosen.setdefault(o.event.slug, o)
    return sorted(chosen.values(), key=lambda o: o.sort_key)


def last_past_per_event(occurrences: Iterable[Occurrence], today: dt.date, zone: ZoneInfo) -> list[Occurrence]:
    """Each event once, at its latest occurrence that is over; newest first."""
    chosen: dict[str, Occurrence] = {}
    for o in occurrences:
        if o.last_day(zone) < today:
            chosen[o.event.slug] = o
    return sorted(chosen.values(), key=lambda o: o.sort_key, reverse=True)


def past_by_year(occurrences: Iterable[Occurrence], today: dt.date, zone: ZoneInfo) -> dict[int, list[Occurrence]]:
    years: dict[int, list[Occurrence]] = {}
    for o in occurrences:
        if o.last_day(zone) < today:
            years.setdefault(o.first_day(zone).year, []).append(o)
    return dict(sorted(years.items(), reverse=True))


