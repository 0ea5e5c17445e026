"""RFC 5545 recurrence rules (section 3.3.10): read strictly into their parts, and
expanded with a hard bound.

Only what the RFC defines is accepted, with the values it allows, so that every
calendar client reads a rule as the site does: dateutil alone would also take
BYEASTER, a zero INTERVAL or an ordinal BYDAY in a weekly rule, which clients
read differently or refuse. Nothing here imports the content model: the model
checks rules with it and occurrences.py expands them with it.
"""
from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from typing import Iterator
from zoneinfo import ZoneInfo

from dateutil import rrule as du
from dateutil.relativedelta import relativedelta

from ..messages import Message, listing

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
SUB_DAILY = ("HOURLY", "MINUTELY", "SECONDLY")
RFC_PARTS = ("FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY",
             "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST")
# Bounded rules are expanded in full, but never past this many years from today:
# a typo in UNTIL (2206 for 2026) must not make a build run for ever.
MAX_YEARS_AHEAD = 10
# Years a date may have anywhere in an entry: outside them a value is a typo, and
# expanding or describing such spans costs without end.
FIRST_YEAR, LAST_YEAR = 1900, 2100

_BYDAY = re.compile(r"^([+-]?)(\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")
_INTEGER = re.compile(r"^[+-]?\d{1,4}$")
_UNTIL = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})(?:T(\d{2}):?(\d{2}):?(\d{2})(Z?))?$")


class InvalidRule(ValueError):
    """The rule breaks RFC 5545 or this site's limits; the message is for editors."""

    def __init__(self, template: str, **params):
        self.message = Message(template, **params)
        super().__init__(str(self.message))


@dataclass(frozen=True)
class Rule:
    freq: str
    interval: int = 1
    count: int | None = None
    # a date; a naive date-time (local to the event); or an aware one in UTC
    until: dt.date | dt.datetime | None = None
    byday: tuple[tuple[int, str], ...] = ()  # (ordinal or 0, weekday)
    bymonthday: tuple[int, ...] = ()
    byyearday: tuple[int, ...] = ()
    byweekno: tuple[int, ...] = ()
    bymonth: tuple[int, ...] = ()
    bysetpos: tuple[int, ...] = ()
    wkst: str | None = None

    @property
    def bounded(self) -> bool:
        return self.count is not None or self.until is not None

    def text(self, until: str | None = None) -> str:
        """The rule in RFC 5545 notation; `until` replaces UNTIL's value (feeds write it
        as the RFC wants it for the event's kind of start)."""
        parts = [f"FREQ={self.freq}"]
        if self.until is not None:
            parts.append(f"UNTIL={until or _until_text(self.until)}")
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        for name, values in (("BYMONTH", self.bymonth), ("BYWEEKNO", self.byweekno),
                             ("BYYEARDAY", self.byyearday), ("BYMONTHDAY", self.bymonthday)):
            if values:
                parts.append(f"{name}={','.join(map(str, values))}")
        if self.byday:
            parts.append("BYDAY=" + ",".join(f"{n if n else ''}{day}" for n, day in self.byday))
        if self.bysetpos:
            parts.append(f"BYSETPOS={','.join(map(str, self.bysetpos))}")
        if self.wkst:
            parts.append(f"WKST={self.wkst}")
        return ";".join(parts)

    def until_moment(self, all_day: bool, zone: str) -> dt.date | dt.datetime | None:
        """UNTIL for an event with this kind of start: the last date for all-day
        events; for timed ones an aware instant (a date alone means that whole day)."""
        until = self.until
        if until is None:
            return None
        if all_day:
            if isinstance(until, dt.datetime):
                return (until.astimezone(ZoneInfo(zone)) if until.tzinfo else until).date()
            return until
        if not isinstance(until, dt.datetime):
            return dt.datetime.combine(until, dt.time(23, 59, 59), ZoneInfo(zone))
        return until if until.tzinfo else until.replace(tzinfo=ZoneInfo(zone))


def _until_text(until: dt.date | dt.datetime) -> str:
    if not isinstance(until, dt.datetime):
        return until.strftime("%Y%m%d")
    return until.strftime("%Y%m%dT%H%M%S") + ("Z" if until.tzinfo else "")


def parse_rule(text: str) -> Rule:
    """The rule's parts, checked against RFC 5545; raises InvalidRule."""
    rule = text.replace(" ", "").upper().removeprefix("RRULE:")
    parts: dict[str, str] = {}
    for item in rule.split(";"):
        if not item:
            continue
        name, equals, value = item.partition("=")
        if not equals or not value:
            raise InvalidRule("`{item}` must be NAME=VALUE, e.g. FREQ=WEEKLY", item=item)
        if name not in RFC_PARTS:
            hint = Message("; the event's `start` is its first date") if name == "DTSTART" else ""
            raise InvalidRule("`{name}` is not a part of an RFC 5545 rule{hint}; parts: {parts}", name=name, hint=hint, parts=listing(RFC_PARTS))
        if name in parts:
            raise InvalidRule("`{name}` is given twice", name=name)
        parts[name] = value
    if "FREQ" not in parts:
        raise InvalidRule("the rule has no FREQ, e.g. FREQ=WEEKLY;BYDAY=SA")
    freq = parts["FREQ"]
    if freq in SUB_DAILY:
        # events repeat by days at most; a rule by seconds would expand to millions
        raise InvalidRule("FREQ={freq} is not for events; use DAILY, WEEKLY, MONTHLY or YEARLY", freq=freq)
    if freq not in FREQUENCIES:
        raise InvalidRule("FREQ={freq} is not a frequency; use DAILY, WEEKLY, MONTHLY or YEARLY", freq=freq)
    for name in ("BYHOUR", "BYMINUTE", "BYSECOND"):
        if name in parts:
            raise InvalidRule("`{name}` is not used here: the time comes from `start` (add other times with `dates`)", name=name)
    if "UNTIL" in parts and "COUNT" in parts:
        raise InvalidRule("a rule may have UNTIL or COUNT, not both")

    byday = tuple(_weekday_with_ordinal(v, freq, "BYWEEKNO" in parts) for v in _list(parts, "BYDAY"))
    bymonthday = _numbers(parts, "BYMONTHDAY", 31)
    byyearday = _numbers(parts, "BYYEARDAY", 366)
    byweekno = _numbers(parts, "BYWEEKNO", 53)
    bymonth = _numbers(parts, "BYMONTH", 12, signed=False)
    bysetpos = _numbers(parts, "BYSETPOS", 366)
    if bymonthday and freq == "WEEKLY":
        raise InvalidRule("BYMONTHDAY cannot be used with FREQ=WEEKLY")
    if byyearday and freq in ("DAILY", "WEEKLY", "MONTHLY"):
        raise InvalidRule("BYYEARDAY cannot be used with FREQ={freq}", freq=freq)
    if byweekno and freq != "YEARLY":
        raise InvalidRule("BYWEEKNO can only be used with FREQ=YEARLY")
    if bysetpos and not (byday or bymonthday or byyearday or byweekno or bymonth):
        raise InvalidRule("BYSETPOS needs another BY… part to choose from")
    wkst = parts.get("WKST")
    if wkst is not None and wkst not in WEEKDAYS:
        raise InvalidRule("WKST={wkst} is not a weekday; use one of {days}", wkst=wkst, days=listing(WEEKDAYS))
    return Rule(freq=freq, interval=_positive(parts, "INTERVAL", 1), count=_positive(parts, "COUNT", None),
                until=_until(parts["UNTIL"]) if "UNTIL" in parts else None, byday=byday, bymonthday=bymonthday,
                byyearday=byyearday, byweekno=byweekno, bymonth=bymonth, bysetpos=bysetpos, wkst=wkst)


def _list(parts: dict[str, str], name: str) -> list[str]:
    if name not in parts:
        return []
    values = parts[name].split(",")
    if not all(values):
        raise InvalidRule("{name}={value} has an empty value", name=name, value=parts[name])
    return values


def _positive(parts: dict[str, str], name: str, default: int | None) -> int | None:
    if name not in parts:
        return default
    value = parts[name]
    if not value.isdigit() or int(value) < 1 or len(value) > 5:
        raise InvalidRule("{name}={value} must be a whole number from 1 to 99999", name=name, value=value)
    return int(value)


def _numbers(parts: dict[str, str], name: str, largest: int, signed: bool = True) -> tuple[int, ...]:
    numbers = []
    for value in _list(parts, name):
        number = int(value) if _INTEGER.match(value) else None
        if number is None or not 1 <= abs(number) <= largest or (number < 0 and not signed) or value.startswith("+") and not signed:
            allowed = (Message("1 to {largest}, or -{largest} to -1 counting from the end", largest=largest) if signed
                       else Message("1 to {largest}", largest=largest))
            raise InvalidRule("{name}={value} is out of range: {allowed}", name=name, value=value, allowed=allowed)
        numbers.append(number)
    return tuple(numbers)


def _weekday_with_ordinal(value: str, freq: str, has_weekno: bool) -> tuple[int, str]:
    match = _BYDAY.match(value)
    if not match:
        raise InvalidRule("BYDAY={value} is not a weekday; use MO, TU, WE, TH, FR, SA, SU, or e.g. 1SA, -1FR", value=value)
    sign, ordinal, day = match.groups()
    if ordinal is None:
        if sign:
            raise InvalidRule("BYDAY={value} has a sign but no number", value=value)
        return 0, day
    number = int(ordinal) * (-1 if sign == "-" else 1)
    if not 1 <= abs(number) <= 53:
        raise InvalidRule("BYDAY={value}: the number must be 1 to 53 or -53 to -1", value=value)
    if freq not in ("MONTHLY", "YEARLY") or has_weekno:
        raise InvalidRule("BYDAY={value}: a numbered weekday needs FREQ=MONTHLY or FREQ=YEARLY without BYWEEKNO", value=value)
    return number, day


def _until(value: str) -> dt.date | dt.datetime:
    match = _UNTIL.match(value)
    if not match:
        raise InvalidRule("UNTIL={value} must be a date (20270531) or a date and time (20270531T000000Z)", value=value)
    year, month, day, hour, minute, second, utc = match.groups()
    try:
        if hour is None:
            moment = dt.date(int(year), int(month), int(day))
        else:
            moment = dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second),
                                 tzinfo=dt.timezone.utc if utc else None)
    except ValueError:
        raise InvalidRule("UNTIL={value} is not a real date or time", value=value) from None
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise InvalidRule("UNTIL={value}: the year must be from {first} to {last}", value=value, first=FIRST_YEAR, last=LAST_YEAR)
    return moment


def last_day(rule: Rule | None, today: dt.date, horizon_months: int) -> dt.date:
    """How far an event's repetition is expanded: a bounded rule (or none) up to its
    end but at most MAX_YEARS_AHEAD; one without an end up to the horizon."""
    if rule is None or rule.bounded:
        return today + relativedelta(years=MAX_YEARS_AHEAD)
    return today + relativedelta(months=horizon_months)


_FREQ = {"DAILY": du.DAILY, "WEEKLY": du.WEEKLY, "MONTHLY": du.MONTHLY, "YEARLY": du.YEARLY}
_DAY = dict(zip(WEEKDAYS, (du.MO, du.TU, du.WE, du.TH, du.FR, du.SA, du.SU)))


def expand(rule: Rule, first: dt.datetime, stop: dt.datetime, all_day: bool, zone: str) -> Iterator[dt.datetime]:
    """The rule's starts from `first` (naive midnight for all-day events, aware for
    timed ones) up to `stop` at the latest, lazily. UNTIL and `stop` bound the
    search itself, so even a rule that matches nothing (BYMONTHDAY=31;BYMONTH=2)
    ends; COUNT only takes the first ones."""
    until = rule.until_moment(all_day, zone)
    if all_day and until is not None:
        until = dt.datetime.combine(until, dt.time(23, 59, 59))
    end = stop if until is None else min(until, stop)
    iterator = du.rrule(
        _FREQ[rule.freq], dtstart=first, interval=rule.interval, until=end,
        wkst=_DAY[rule.wkst] if rule.wkst else None,
        bysetpos=rule.bysetpos or None, bymonth=rule.bymonth or None, bymonthday=rule.bymonthday or None,
        byyearday=rule.byyearday or None, byweekno=rule.byweekno or None,
        byweekday=[_DAY[day](n) if n else _DAY[day] for n, day in rule.byday] or None,
        cache=False)
    return itertools.islice(iterator, rule.count) if rule.count is not None else iter(iterator)
