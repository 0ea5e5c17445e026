"""The month calendar: which months the site shows, and one month as weeks of days.
Days are local days in the given zone; weeks start on Monday."""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Iterable
from zoneinfo import ZoneInfo

from .occurrences import Occurrence

Month = tuple[int, int]  # (year, month)


@dataclass(frozen=True)
class Day:
    date: dt.date
    in_month: bool
    occurrences: tuple[Occurrence, ...]  # always empty for the neighbouring months' days: they have their own page


def month_of(day: dt.date) -> Month:
    return day.year, day.month


def months_between(first: Month, last: Month) -> list[Month]:
    """Every month from first to last, both included."""
    months = []
    year, month = first
    while (year, month) <= last:
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def calendar_months(occurrences: Iterable[Occurrence], zone: ZoneInfo, today: dt.date) -> list[Month]:
    """From the month of the first occurrence to that of the last; the current month
    is always there, so that `calendar/` has its page."""
    first = last = month_of(today)
    for o in occurrences:
        first = min(first, month_of(o.first_day(zone)))
        last = max(last, month_of(o.last_day(zone)))
    return months_between(first, last)


def by_month(occurrences: Iterable[Occurrence], zone: ZoneInfo) -> dict[Month, list[Occurrence]]:
    """Occurrences under every month they touch, so that each grid scans only its own."""
    months: dict[Month, list[Occurrence]] = {}
    for o in occurrences:
        for month in months_between(month_of(o.first_day(zone)), month_of(o.last_day(zone))):
            months.setdefault(month, []).append(o)
    return months


def _order_in_day(o: Occurrence) -> tuple:
    """All-day ones first, then by start (one that began on an earlier day comes first)."""
    return not o.all_day, o.start_utc, o.event.slug


def month_grid(year: int, month: int, occurrences: Iterable[Occurrence], zone: ZoneInfo) -> list[list[Day]]:
    """The weeks (Monday to Sunday) that hold the month's days, each day with the
    occurrences on it; an occurrence over several days is on each of them."""
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    on_day: dict[dt.date, list[Occurrence]] = {}
    for o in occurrences:
        for day in o.days(zone):
            if first <= day <= last:
                on_day.setdefault(day, []).append(o)
    grid_start = first - dt.timedelta(days=first.weekday())
    grid_end = last + dt.timedelta(days=6 - last.weekday())
    days = []
    for n in range((grid_end - grid_start).days + 1):
        day = grid_start + dt.timedelta(days=n)
        days.append(Day(day, first <= day <= last, tuple(sorted(on_day.get(day, ()), key=_order_in_day))))
    return [days[i:i + 7] for i in range(0, len(days), 7)]
