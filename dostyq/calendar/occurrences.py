"""Occurrences: the one expansion of `start`, `rrule`, `dates` and `except` into
dated happenings, used by pages, calendar feeds and reports alike."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrule, rrulestr

from ..config import SiteConfig
from ..model import Event

# Bounded rules are expanded in full, but never past this many years: a typo in
# UNTIL (2206 for 2026) must not make a build run for ever.
MAX_YEARS_AHEAD = 10


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
        if self.all_day:
            first, last = self.start, self.end
        else:
            first = self.start.astimezone(zone).date()
            last = (self.end - dt.timedelta(microseconds=1)).astimezone(zone).date()
            last = max(first, last)
        return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]

    def first_day(self, zone: ZoneInfo) -> dt.date:
        return self.start if self.all_day else self.start.astimezone(zone).date()

    def last_day(self, zone: ZoneInfo) -> dt.date:
        return self.days(zone)[-1]


def horizon(config: SiteConfig) -> dt.date:
    """How far repetition without an end is expanded."""
    return config.build_today() + relativedelta(months=config.horizon_months)


def _first_start(event: Event) -> dt.datetime:
    """The first start as a datetime: aware for timed events, naive midnight for all-day."""
    if event.all_day:
        return dt.datetime.combine(event.start, dt.time())
    return event.start.replace(tzinfo=ZoneInfo(event.timezone))


def _until(rule: str, event: Event) -> tuple[str, dt.datetime | dt.date] | None:
    """The rule's UNTIL text and its moment: for timed events an aware datetime
    (a local value is in the event's zone), for all-day events the last date.
    A date alone means the whole of that day."""
    match = re.search(r"UNTIL=([0-9TZ:\-]+)", rule)
    if not match:
        return None
    raw = match[1].replace("-", "").replace(":", "")
    if len(raw) == 8:
        day = dt.datetime.strptime(raw, "%Y%m%d")
        if event.all_day:
            return match[0], day.date()
        return match[0], (day + dt.timedelta(days=1, seconds=-1)).replace(tzinfo=ZoneInfo(event.timezone))
    moment = dt.datetime.strptime(raw.rstrip("Z"), "%Y%m%dT%H%M%S")
    zone = dt.timezone.utc if raw.endswith("Z") else ZoneInfo(event.timezone)
    if event.all_day:
        return match[0], moment.replace(tzinfo=zone).astimezone(ZoneInfo(event.timezone)).date()
    return match[0], moment.replace(tzinfo=zone)


def _normalise_until(rule: str, event: Event) -> str:
    """UNTIL as dateutil wants it: UTC with an aware start, local with a floating one."""
    until = _until(rule, event)
    if until is None:
        return rule
    text, moment = until
    if event.all_day:
        value = dt.datetime.combine(moment, dt.time(23, 59, 59)).strftime("%Y%m%dT%H%M%S")
    else:
        value = moment.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return rule.replace(text, f"UNTIL={value}")


def feed_rule(event: Event) -> str | None:
    """The rule as RFC 5545 wants it in a feed: UNTIL a DATE for all-day events,
    a UTC time for timed ones (section 3.3.10)."""
    if not event.rrule:
        return None
    until = _until(event.rrule, event)
    if until is None:
        return event.rrule
    text, moment = until
    value = moment.strftime("%Y%m%d") if event.all_day else moment.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return event.rrule.replace(text, f"UNTIL={value}")


def recurrence_rule(event: Event) -> rrule | None:
    """The event's rule as dateutil builds it, anchored at its first start."""
    if not event.rrule:
        return None
    return rrulestr(_normalise_until(event.rrule, event), dtstart=_first_start(event))


def _starts(event: Event, until: dt.datetime) -> list[dt.datetime]:
    first = _first_start(event)
    starts = {first}
    rule = recurrence_rule(event)
    if rule is not None:
        starts.update(rule.between(first, until, inc=True))
    for extra in event.dates:
        starts.add(_first_start_of(extra, event))
    excluded = set(event.except_dates)
    return sorted(s for s in starts if s.date() not in excluded)


def _first_start_of(moment: dt.date | dt.datetime, event: Event) -> dt.datetime:
    if isinstance(moment, dt.datetime):
        return moment.replace(tzinfo=ZoneInfo(event.timezone))
    return dt.datetime.combine(moment, dt.time())


def excluded_starts(event: Event, config: SiteConfig) -> list[dt.date | dt.datetime]:
    """Starts that `except` removes, as the feed's EXDATE lists them."""
    if not event.except_dates:
        return []
    limit = _limit(event, config)
    first = _first_start(event)
    candidates = {first, *(_first_start_of(d, event) for d in event.dates)}
    rule = recurrence_rule(event)
    if rule is not None:
        candidates.update(rule.between(first, limit, inc=True))
    excluded = set(event.except_dates)
    return [_as_start(s, event) for s in sorted(candidates) if s.date() in excluded]


def _as_start(start: dt.datetime, event: Event) -> dt.date | dt.datetime:
    return start.date() if event.all_day else start


def _limit(event: Event, config: SiteConfig) -> dt.datetime:
    years = dt.datetime.combine(config.build_today() + relativedelta(years=MAX_YEARS_AHEAD), dt.time())
    bounded = event.rrule is None or "UNTIL=" in event.rrule or "COUNT=" in event.rrule
    limit = years if bounded else dt.datetime.combine(horizon(config), dt.time())
    return limit if event.all_day else limit.replace(tzinfo=ZoneInfo(event.timezone))


def occurrences(event: Event, config: SiteConfig) -> list[Occurrence]:
    """Every occurrence of the event, up to the horizon for repetition without an end."""
    result = []
    for start in _starts(event, _limit(event, config)):
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
