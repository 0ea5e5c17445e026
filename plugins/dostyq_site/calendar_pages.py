"""The month calendar of one language: `<lang>/calendar/<yyyy>/<mm>/` for every
month from the first occurrence to the last, and `<lang>/calendar/` for the
build's month (spec/site.md)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dostyq import hyphenation, urls
from dostyq.calendar import month as months
from dostyq.calendar.occurrences import Occurrence
from dostyq.model import Shown

if TYPE_CHECKING:
    from .listings import Listings
    from .views import LanguageView

STRUCK_STATUSES = ("cancelled", "postponed")  # shown struck through, as in the lists


@dataclass(frozen=True)
class DayEntry:
    """One occurrence on one day of the grid."""

    url: str
    title: Shown[str]
    time: str | None  # the start in the site's time, on the day it starts
    own_time: str | None  # the start in the event's time, when that is another zone
    own_city: str | None
    until: str | None  # the end in the site's time, on the last of several days
    status: str
    status_label: str
    struck: bool
    centers: list[Shown[str]]
    past: bool
    ends_at: str
    bar_days: int = 0  # drawn as a bar over this many days of the week (0: in its day only)
    continued: bool = False  # a bar that began on an earlier day of the week: the bar shows it


@dataclass(frozen=True)
class GridDay:
    date: dt.date
    in_month: bool
    is_today: bool
    weekday: str  # the full name, shown when the month reads as a list
    entries: list[DayEntry | None]  # the week's bars by lane first (None: a lane free on this day)


@dataclass(frozen=True)
class MonthLink:
    url: str
    label: str


class MonthPages:
    """Takes what it needs from the page writer: the language's view, the site's
    listings (which months, which occurrences in each, their card keys) and the
    writer's `page()`."""

    def __init__(self, view: LanguageView, listings: Listings, page):
        self.view = view
        self.listings = listings
        self.page = page
        self.lang = view.lang
        self.zone = view.site_zone
        self.today = view.today

    def write_all(self) -> None:
        shown = self.listings.months
        current = months.month_of(self.today)
        card_key = self.listings.card_key
        for i, (year, month) in enumerate(shown):
            mine = self.listings.on_month.get((year, month), [])
            previous = shown[i - 1] if i > 0 else None
            following = shown[i + 1] if i + 1 < len(shown) else None
            key = (year, month, previous, following, [card_key(o) for o in mine])
            values = lambda y=year, m=month, items=mine, p=previous, f=following: self.month_values(y, m, items, p, f)  # noqa: E731
            path = urls.calendar(self.lang, year, month)
            self.page(path, "month", key, values)
            if (year, month) == current:
                self.page(urls.calendar(self.lang), "month", (*key, "current"),
                          lambda v=values, p=path: {**v(), "canonical_path": p})

    def month_values(self, year: int, month: int, occurrences: list[Occurrence],
                     previous: months.Month | None, following: months.Month | None) -> dict:
        dates = self.view.dates
        weeks = [[self.grid_day(day) for day in week]
                 for week in months.month_grid(year, month, occurrences, self.zone)]
        return {
            "heading": dates.month(year, month),
            "weekdays": list(zip(dates.weekday_names("abbreviated"), dates.weekday_names("wide"))),
            "weeks": weeks,
            "has_events": any(day.entries for week in weeks for day in week),
            "previous_month": self.link(previous),
            "next_month": self.link(following),
            "is_current": (year, month) == months.month_of(self.today),
            "current_url": self.view.href(urls.calendar(self.lang)),
        }

    def link(self, month: months.Month | None) -> MonthLink | None:
        if month is None:
            return None
        return MonthLink(self.view.href(urls.calendar(self.lang, *month)), self.view.dates.month(*month))

    def grid_day(self, day: months.Day) -> GridDay:
        bars = [span and self.entry(span.occurrence, day.date, span) for span in day.lanes]
        singles = [self.entry(o, day.date) for o in day.occurrences[sum(1 for span in day.lanes if span):]]
        return GridDay(day.date, day.in_month, day.date == self.today, self.view.dates.weekday(day.date),
                       bars + singles)

    def entry(self, occurrence: Occurrence, day: dt.date, span: months.Span | None = None) -> DayEntry:
        view, event = self.view, occurrence.event
        time = own_time = own_city = until = None
        if not occurrence.all_day:
            start, end = occurrence.in_zone(self.zone)
            if start.date() == day:
                time = view.dates.time(start)
                if view.dates.in_other_zone(occurrence):
                    own_time, own_city = view.dates.time(occurrence.start), view.zone_city(event.timezone)
            elif day == occurrence.last_day(self.zone):
                until = view.dates.time(end)
        return DayEntry(
            url=view.event_url(event),
            title=hyphenated(view.text(event.title)),
            time=time,
            own_time=own_time,
            own_city=own_city,
            until=until,
            status=event.status,
            status_label=view.status_label(event.status),
            struck=event.status in STRUCK_STATUSES,
            centers=[hyphenated(view.text(view.center(c).name)) for c in event.centers],
            past=view.is_past(occurrence),
            ends_at=view.ends_at(occurrence),
            bar_days=span.days if span else 0,
            continued=bool(span and not span.starts_here),
        )


def hyphenated(text: Shown[str] | None) -> Shown[str] | None:
    """Long words marked where they may break: the grid's cells are narrow."""
    return text and Shown(hyphenation.hyphenated(text.value, text.lang), text.lang)
