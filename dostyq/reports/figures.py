"""What a quarter (or a year) of the calendar adds up to.

The rules (README, "Quarterly reports"):

- an occurrence belongs to the period its first local day (site time zone) is in;
- only occurrences held count: started on or before the build's day, and of an
  event neither cancelled nor postponed (those are listed apart, not counted);
- a repeating event counts once per occurrence held in the period;
- an event shared by several centres counts once in the totals and once for
  each of its centres (so the centres' rows may add up to more than the total);
- `participants` is a figure for the event: it is summed once per event held in
  the period (not once per occurrence), and events held without it are counted,
  so a reader knows how complete the sum is;
- the area is the event's place's city and district, else its first centre's
  place's, else "not given".
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable

from ..calendar.occurrences import Occurrence
from ..model import Content, Event

NOT_HELD = ("cancelled", "postponed")
NO_CENTER = ""  # the key of events no centre organised
NO_AREA = ""  # the key of events whose place (and centre's place) is not known


@dataclass(frozen=True, order=True)
class Period:
    year: int
    quarter: int | None = None  # None: the whole year

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 1 + 3 * (self.quarter - 1) if self.quarter else 1, 1)

    @property
    def last_day(self) -> dt.date:
        if self.quarter is None or self.quarter == 4:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, 1 + 3 * self.quarter, 1) - dt.timedelta(days=1)

    def year_earlier(self) -> Period:
        return Period(self.year - 1, self.quarter)

    def __contains__(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day


def quarter_of(day: dt.date) -> Period:
    return Period(day.year, (day.month - 1) // 3 + 1)


@dataclass(frozen=True)
class Count:
    """One row's figures: occurrences held, participants summed over the events
    held, and how many of those events lack the figure."""

    held: int = 0
    events: int = 0
    participants: int = 0
    without_participants: int = 0


@dataclass(frozen=True)
class NotHeld:
    """A cancelled or postponed occurrence, listed apart."""

    event: Event
    day: dt.date
    status: str


@dataclass(frozen=True)
class Figures:
    period: Period
    up_to: dt.date  # the last day counted: the period's last, or the build's day within it
    total: Count
    by_category: dict[str, Count]
    by_center: dict[str, Count]  # NO_CENTER: events without a centre
    by_area: dict[tuple[str, str], Count]  # (city, district); (NO_AREA, NO_AREA) when unknown
    not_held: tuple[NotHeld, ...]

    @property
    def complete(self) -> bool:
        return self.up_to == self.period.last_day


@dataclass
class _Tally:
    held: int = 0
    events: dict[str, Event] = field(default_factory=dict)

    def add(self, event: Event) -> None:
        self.held += 1
        self.events.setdefault(event.slug, event)

    def count(self) -> Count:
        known = [e.participants for e in self.events.values() if e.participants is not None]
        return Count(self.held, len(self.events), sum(known), len(self.events) - len(known))


def area_of(event: Event, content: Content) -> tuple[str, str]:
    """(city, district) of where the event took place, as far as the content says."""
    place_id = event.place
    if place_id is None:
        place_id = next((content.centers[c].place for c in event.centers
                         if c in content.centers and content.centers[c].place), None)
    place = content.places.get(place_id) if place_id else None
    if place is None or (place.city is None and place.district is None):
        return NO_AREA, NO_AREA
    return place.city or NO_AREA, place.district or NO_AREA


def figures(occurrences: Iterable[Occurrence], content: Content, period: Period, today: dt.date,
            zone) -> Figures:
    """The period's figures from the occurrences (all of the site's, or only the period's)."""
    up_to = min(period.last_day, today)
    total, categories, centers, areas = _Tally(), {}, {}, {}
    not_held = []
    for o in occurrences:
        day = o.first_day(zone)
        if not period.first_day <= day <= up_to:
            continue
        event = o.event
        if event.status in NOT_HELD:
            not_held.append(NotHeld(event, day, event.status))
            continue
        total.add(event)
        categories.setdefault(event.category, _Tally()).add(event)
        for center in event.centers or (NO_CENTER,):
            centers.setdefault(center, _Tally()).add(event)
        areas.setdefault(area_of(event, content), _Tally()).add(event)
    return Figures(period, up_to, total.count(),
                   {k: t.count() for k, t in categories.items()},
                   {k: t.count() for k, t in centers.items()},
                   {k: t.count() for k, t in areas.items()},
                   tuple(sorted(not_held, key=lambda n: (n.day, n.event.slug))))


def quarters(occurrences: Iterable[Occurrence], today: dt.date, zone) -> list[Period]:
    """Every quarter with an event on or before the build's day, newest first."""
    found = {quarter_of(o.first_day(zone)) for o in occurrences if o.first_day(zone) <= today}
    return sorted(found, reverse=True)


def by_quarter(occurrences: Iterable[Occurrence], zone) -> dict[Period, list[Occurrence]]:
    """The occurrences of each quarter: the pages of many quarters look only at theirs."""
    result: dict[Period, list[Occurrence]] = {}
    for o in occurrences:
        result.setdefault(quarter_of(o.first_day(zone)), []).append(o)
    return result
