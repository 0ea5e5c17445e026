"""ISO weeks, for the weekly digest: which weeks it covers and what happens in
each (the site's local days, Monday first)."""
from __future__ import annotations

import datetime as dt
from typing import Iterable
from zoneinfo import ZoneInfo

from .agenda import touching
from .occurrences import Occurrence

Week = tuple[int, int]  # ISO year, ISO week number

WEEKS_AHEAD = 1  # the build's week and the next one


def week_of(day: dt.date) -> Week:
    year, week, _ = day.isocalendar()
    return year, week


def monday(week: Week) -> dt.date:
    return dt.date.fromisocalendar(week[0], week[1], 1)


def digest_weeks(today: dt.date) -> list[Week]:
    """The week of `today` and the ones after it that the digest covers."""
    return [week_of(today + dt.timedelta(weeks=n)) for n in range(WEEKS_AHEAD + 1)]


def in_week(occurrences: Iterable[Occurrence], week: Week, zone: ZoneInfo) -> list[Occurrence]:
    """Every occurrence on any day of the week (repeating events' too: the
    occurrences are the one expansion), in order of start."""
    first = monday(week)
    return touching(occurrences, first, first + dt.timedelta(days=6), zone)
