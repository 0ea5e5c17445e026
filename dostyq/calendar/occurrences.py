"""Occurrences: the one expansion of `start`, `rrule`, `dates` and `except` into
dated happenings, used by pages, calendar feeds and reports alike."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from zoneinfo import ZoneInfo

from ..config import SiteConfig
from ..model import Event
from .recurrence import expand, last_day


@dataclass(frozen=True)
class Occurrence:
    event: Event
    start: dt.date | dt.datetime  # a date (all-day) or an aware datetime in the event's zone
    end: dt.date | dt.datetime  # all-day: the last day, inclusive; timed: the end, aware

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)

    @cached_property
    def sort_key(self) -> tuple[dt.datetime, str]:
        return self.start_utc, self.event.slug

    @property
    def start_utc(self) -> dt.datetime:
        if self.all_day:  # an all-day event starts at the site's midnight, near enough for order
            return dt.datetime.combine(self.start, dt.time(), dt.timezone.utc)
        return self.start.astimezone(dt.timezone.utc)

    def in_zone(self, zone: ZoneInfo) -> tuple[dt.date | dt.datetime, dt.date | dt.datetime]:
        if self.all_day:
            return self.start, self.end
        return self.start.astimezone(zone), self.end.astimezone(zone)

    def days(self, zone: ZoneInfo) -> list[dt.date]:
        """Every local day (in `zone`) the occurrence touches."""
        first, last = self._span(zone)
        return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]

    def first_day(self, zone: ZoneInfo) -> dt.date:
        return self._span(zone)[0]

    def last_day(self, zone: ZoneInfo) -> dt.date:
        return self._span(zone)[1]

    @cached_property
    def _spans(self) -> dict[ZoneInfo, tuple[dt.date, dt.date]]:
        return {}

    def _span(self, zone: ZoneInfo) -> tuple[dt.date, dt.date]:
        """The first and last local day; asked for thousands of times by the lists."""
        span = self._spans.get(zone)
        if span is None:
            if self.all_day:
                span = self.start, self.end
            else:
                first = self.start.astimezone(zone).date()
                span = first, max(first, (self.end - dt.timedelta(microseconds=1)).astimezone(zone).date())
            self._spans[zone] = span
        return span


def _first_start(event: Event) -> dt.datetime:
    """The first start as a datetime: aware for timed events, naive midnight for all-day."""
    return _start_of(event.start, event)


def _start_of(moment: dt.date | dt.datetime, event: Event) -> dt.datetime:
    if isinstance(moment, dt.datetime):
        return moment.replace(tzinfo=ZoneInfo(event.timezone))
    return dt.datetime.combine(moment, dt.time())


def feed_rule(event: Event) -> str | None:
    """The rule as RFC 5545 wants it in a feed: UNTIL a DATE for all-day events,
    a UTC time for timed ones (section 3.3.10)."""
    rule = event.rrule
    if rule is None:
        return None
    until = rule.until_moment(event.all_day, event.timezone)
    if until is None:
        return rule.text()
    value = until.strftime("%Y%m%d") if event.all_day else until.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return rule.text(until=value)


def _candidate_starts(event: Event, config: SiteConfig) -> list[dt.datetime]:
    """Every start before `except` is applied: `start`, the rule's, `dates`."""
    first = _first_start(event)
    starts = {first, *(_start_of(d, event) for d in event.dates)}
    if event.rrule is not None:
        starts.update(expand(event.rrule, first, _limit(event, config), event.all_day, event.timezone))
    return sorted(starts)


def excluded_starts(event: Event, config: SiteConfig) -> list[dt.date | dt.datetime]:
    """Starts that `except` removes, as the feed's EXDATE lists them."""
    if not event.except_dates:
        return []
    excluded = set(event.except_dates)
    return [s.date() if event.all_day else s for s in _candidate_starts(event, config) if s.date() in excluded]


def _limit(event: Event, config: SiteConfig) -> dt.datetime:
    limit = dt.datetime.combine(last_day(event.rrule, config.build_today(), config.horizon_months), dt.time())
    return limit if event.all_day else limit.replace(tzinfo=ZoneInfo(event.timezone))


def occurrences(event: Event, config: SiteConfig) -> list[Occurrence]:
    """Every occurrence of the event, up to the horizon for repetition without an end."""
    result = []
    excluded = set(event.except_dates)
    for start in _candidate_starts(event, config):
        if start.date() in excluded:
            continue
        if event.all_day:
            day = start.date()
            result.append(Occurrence(event, day, day + (event.end - event.start)))
        else:
            # wall-clock duration: a 2-hour concert stays 2 hours across an offset change
            end = (start.replace(tzinfo=None) + event.duration).replace(tzinfo=start.tzinfo)
            result.append(Occurrence(event, start, end))
    return result


def all_occurrences(events, config: SiteConfig) -> list[Occurrence]:
    return sorted((o for event in events for o in occurrences(event, config)), key=lambda o: o.sort_key)
