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
class Span:
    """An occurrence over several days of one week, drawn as one bar from its first
    day there. Bars keep one lane (a row inside the days) the whole week, so that
    the days it crosses leave its place free."""

    occurrence: Occurrence
    lane: int
    days: int  # how many days of this week (and month) it covers
    starts_here: bool


@dataclass(frozen=True)
class Day:
    date: dt.date
    in_month: bool
    occurrences: tuple[Occurrence, ...]  # always empty for the neighbouring months' days: they have their own page
    lanes: tuple[Span | None, ...] = ()  # the week's bars on this day by lane (None: a lane free here)


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
    occurrences on it; an occurrence over several days is on each of them, and in
    the week's lanes (first on each day, in lane order) as a bar."""
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    on_day: dict[dt.date, list[Occurrence]] = {}
    for o in occurrences:
        for day in o.days(zone):
            if first <= day <= last:
                on_day.setdefault(day, []).append(o)
    grid_start = first - dt.timedelta(days=first.weekday())
    grid_end = last + dt.timedelta(days=6 - last.weekday())
    weeks = []
    for monday in range(0, (grid_end - grid_start).days + 1, 7):
        week = [grid_start + dt.timedelta(days=monday + n) for n in range(7)]
        weeks.append(_week(week, {day: sorted(on_day.get(day, ()), key=_order_in_day) for day in week}, first, last))
    return weeks


def _week(week: list[dt.date], on_day: dict[dt.date, list[Occurrence]], first: dt.date,
          last: dt.date) -> list[Day]:
    """The days of one week, with its bars given lanes: longest-running first, each
    in the lowest lane free on all its days."""
    column = {day: n for n, day in enumerate(week)}
    stretches: dict[int, list[int]] = {}  # by id(): occurrences are compared by value, not kept as keys
    occurrence: dict[int, Occurrence] = {}
    for day in week:
        for o in on_day[day]:
            stretches.setdefault(id(o), []).append(column[day])
            occurrence[id(o)] = o
    bars = sorted(((cols[0], -len(cols), _order_in_day(occurrence[o]), o) for o, cols in stretches.items()
                   if len(cols) > 1), key=lambda bar: bar[:3])
    taken: list[set[int]] = []  # by lane, the columns it holds
    lane_of: dict[int, int] = {}
    for start, length, _, o in bars:
        held = set(range(start, start - length))
        lane = next((n for n, cols in enumerate(taken) if not cols & held), len(taken))
        if lane == len(taken):
            taken.append(set())
        taken[lane] |= held
        lane_of[o] = lane
    days = []
    for n, day in enumerate(week):
        lanes: list[Span | None] = [None] * len(taken)
        for o in on_day[day]:
            if id(o) in lane_of:
                cols = stretches[id(o)]
                lanes[lane_of[id(o)]] = Span(o, lane_of[id(o)], len(cols), n == cols[0])
        while lanes and lanes[-1] is None:
            lanes.pop()
        singles = [o for o in on_day[day] if id(o) not in lane_of]
        occurrences = tuple(span.occurrence for span in lanes if span) + tuple(singles)
        days.append(Day(day, first <= day <= last, occurrences, tuple(lanes)))
    return days
