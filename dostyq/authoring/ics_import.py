"""A calendar file (an export of Google Calendar, Outlook, Thunderbird...) as
entries in the content format, faithful to what calendar clients show for it:
the same instants, repetition, exceptions and titles.

How a client reads the file decides each value:
- a time with a TZID is read with the file's own VTIMEZONE, as clients do (Google
  exports Asia/Almaty as a single UTC+5 rule even for 2018, when Almaty was UTC+6),
  then written in the first zone that gives every occurrence the same instant:
  the TZID itself when it is an IANA name, the IANA zone of a Windows name
  (Outlook's "Central Asia Standard Time"), X-WR-TIMEZONE or the site's zone, or
  else a fixed offset (Etc/GMT-5 is UTC+5);
- UTC and floating times are shown in X-WR-TIMEZONE (else the site's zone);
- all-day events (VALUE=DATE) end the day before DTEND (RFC 5545 counts DTEND
  out); DURATION works as DTEND;
- RRULE is kept (read as the content model reads rules), EXDATE becomes
  `except`, RDATE `dates`, STATUS:CANCELLED `status: cancelled`;
- an instance that a RECURRENCE-ID override moves or changes leaves the series
  (`except`) and becomes an entry of its own; a cancelled instance only leaves it.
The source UID is kept (`uid`): a second import of the file finds the entries it
made and updates them.
"""
from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

import icalendar
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from ..calendar.recurrence import InvalidRule, Rule, expand, parse_rule
from ..messages import Message

MAX_TITLE = 300
CHECKED_OCCURRENCES = 400  # a zone must give these occurrences of a series the source's instants


class NotACalendar(ValueError):
    pass


@dataclass
class Imported:
    """One entry: its facts in the content format, in order, and its text."""

    uid: str
    title: str
    start: dt.date | dt.datetime
    fields: list[tuple[str, Any]] = field(default_factory=list)
    body: str = ""


@dataclass
class Skipped:
    uid: str
    title: str
    reason: Message


class _Skip(Exception):
    def __init__(self, reason: Message):
        self.reason = reason


def read_calendar(data: bytes, site_zone: str) -> tuple[list[Imported], list[Skipped]]:
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError as exc:
        raise NotACalendar(str(exc)) from None
    if calendar.name != "VCALENDAR":
        raise NotACalendar("the file does not start with BEGIN:VCALENDAR")
    reader = _Reader(calendar, site_zone)
    masters: dict[str, icalendar.Event] = {}
    overrides: dict[str, list[icalendar.Event]] = {}
    for vevent in calendar.walk("VEVENT"):
        uid = str(vevent.get("UID", "")).strip()
        if "RECURRENCE-ID" in vevent:
            overrides.setdefault(uid, []).append(vevent)
        else:
            masters.setdefault(uid, vevent)
    imported: list[Imported] = []
    skipped: list[Skipped] = []
    for uid, vevent in masters.items():
        try:
            imported.extend(reader.series(uid, vevent, overrides.get(uid, [])))
        except _Skip as exc:
            skipped.append(Skipped(uid, _text(vevent, "SUMMARY"), exc.reason))
    for uid in sorted(overrides.keys() - masters.keys()):  # instances of a series the file does not hold
        for vevent in overrides[uid]:
            try:
                imported.append(reader.single(f"{uid}/{_stamp(vevent.decoded('RECURRENCE-ID'))}", vevent))
            except _Skip as exc:
                skipped.append(Skipped(uid, _text(vevent, "SUMMARY"), exc.reason))
    imported.sort(key=lambda e: (_sortable(e.start), e.uid))
    return imported, skipped


_IANA: set[str] = set()


def _iana() -> set[str]:
    if not _IANA:
        _IANA.update(available_timezones())
    return _IANA


class _Reader:
    def __init__(self, calendar: icalendar.Calendar, site_zone: str):
        zone = str(calendar.get("X-WR-TIMEZONE", "") or "").strip()
        self.default_zone = zone if zone in _iana() else site_zone
        self.site_zone = site_zone
        # the file's own zone definitions, as clients use them
        self.zones = {str(vtz["TZID"]): vtz.to_tz(lookup_tzid=False) for vtz in calendar.walk("VTIMEZONE")}

    def series(self, uid: str, vevent, overrides: list) -> list[Imported]:
        title = _title(vevent)
        rule = self._rule(vevent)
        start, end, zone = self._times(vevent, rule)
        all_day = not isinstance(start, dt.datetime)
        fields: list[tuple[str, Any]] = [("title", title), *self._when(start, end, zone)]
        if rule is not None:
            first = _sortable(start) if all_day else start.replace(tzinfo=ZoneInfo(zone))
            if next(iter(expand(rule, first, first + dt.timedelta(days=3700), all_day, zone)), None) != first:
                raise _Skip(Message("its DTSTART is not a date of its RRULE, which clients read in different ways"))
            fields.append(("rrule", rule.text()))
        extra = [d for d in self._moments(vevent, "RDATE", zone, all_day) if d != start]
        if extra:
            fields.append(("dates", sorted(set(extra), key=_sortable)))
        excluded = {_day(d) for d in self._moments(vevent, "EXDATE", zone, all_day)}
        separate = []
        for override in overrides:
            original = self._moment(override, "RECURRENCE-ID", zone)
            excluded.add(_day(original))
            if _text(override, "STATUS").upper() != "CANCELLED":
                separate.append(self.single(f"{uid}/{_stamp(override.decoded('RECURRENCE-ID'))}", override))
        if excluded:
            fields.append(("except", sorted(excluded)))
        texts, body = _texts(vevent)
        return [Imported(uid, title, start, [*fields, *texts, ("uid", uid)], body), *separate]

    def single(self, uid: str, vevent) -> Imported:
        title = _title(vevent)
        start, end, zone = self._times(vevent, None)
        texts, body = _texts(vevent)
        return Imported(uid, title, start, [("title", title), *self._when(start, end, zone), *texts, ("uid", uid)], body)

    def _when(self, start, end, zone: str) -> list[tuple[str, Any]]:
        fields: list[tuple[str, Any]] = [("start", start), ("end", end)]
        if isinstance(start, dt.datetime) and zone != self.site_zone:
            fields.append(("timezone", zone))
        return fields

    def _rule(self, vevent) -> Rule | None:
        rules = vevent.get("RRULE")
        if rules is None:
            return None
        if isinstance(rules, list):
            raise _Skip(Message("it has more than one RRULE"))
        try:
            return parse_rule(rules.to_ical().decode())
        except InvalidRule as exc:
            raise _Skip(Message("its RRULE cannot be kept: {problem}", problem=exc.message)) from None

    def _source_moment(self, vevent, name: str):
        """The value as a client reads it: a date, a naive floating time, or an
        aware time in the file's own definition of its TZID."""
        prop = vevent[name]
        if isinstance(prop, list):
            prop = prop[0]
        value = vevent.decoded(name)
        tzid = prop.params.get("TZID") if hasattr(prop, "params") else None
        if isinstance(value, dt.datetime) and tzid and tzid in self.zones:
            value = value.replace(tzinfo=self.zones[tzid])
        return value, tzid

    def _times(self, vevent, rule: Rule | None):
        if "DTSTART" not in vevent:
            raise _Skip(Message("it has no DTSTART"))
        start, tzid = self._source_moment(vevent, "DTSTART")
        if "DTEND" in vevent:
            end, _ = self._source_moment(vevent, "DTEND")
        elif "DURATION" in vevent:
            end = start + vevent.decoded("DURATION")
        else:
            end = None
        if not isinstance(start, dt.datetime):
            if end is not None and isinstance(end, dt.datetime):
                raise _Skip(Message("DTSTART is a date but DTEND a time"))
            last = end - dt.timedelta(days=1) if end is not None else start
            return start, (last if last > start else None), self.default_zone
        if end is not None and not isinstance(end, dt.datetime):
            raise _Skip(Message("DTSTART is a time but DTEND a date"))
        zone = self._zone(start, tzid, rule)
        local_start = _local(start, zone)
        local_end = _local(end, zone) if end is not None else None
        # no end, or none after the start: the site's default length, as it shows such events
        return local_start, (local_end if local_end is not None and local_end > local_start else None), zone

    def _zone(self, start: dt.datetime, tzid: str | None, rule: Rule | None) -> str:
        if start.tzinfo is None or tzid is None:  # floating, or UTC: shown in the calendar's zone
            return self.default_zone
        # the TZID when it names an IANA zone; else the calendar's own zone before the
        # Windows name's (Outlook in Taldykorgan says "West Asia Standard Time": Almaty, not Tashkent)
        candidates = [tzid] if tzid in _iana() else [self.default_zone, WINDOWS_TO_OLSON.get(tzid)]
        occurrences = [start]
        if rule is not None:
            named = tzid if tzid in _iana() else self.default_zone  # only reads a local UNTIL
            occurrences = list(itertools.islice(expand(rule, start, start + dt.timedelta(days=3700), False, named),
                                                CHECKED_OCCURRENCES)) or [start]
        for zone in filter(None, candidates):
            if all(o.replace(tzinfo=ZoneInfo(zone)).utcoffset() == o.utcoffset() for o in occurrences):
                return zone
        hours, rest = divmod(int(start.utcoffset().total_seconds()), 3600)
        if rest == 0 and -12 <= hours <= 14:
            return f"Etc/GMT{-hours:+d}" if hours else "Etc/UTC"  # the sign is reversed in Etc/ names
        return self.default_zone

    def _moment(self, vevent, name: str, zone: str):
        value, _ = self._source_moment(vevent, name)
        return _local(value, zone)

    def _moments(self, vevent, name: str, zone: str, all_day: bool) -> list:
        values = vevent.get(name)
        moments = []
        for item in values if isinstance(values, list) else [values] if values is not None else []:
            tzid = item.params.get("TZID")
            for value in item.dts:
                moment = value.dt
                if isinstance(moment, dt.datetime) and tzid in self.zones:
                    moment = moment.replace(tzinfo=self.zones[tzid])
                moment = _local(moment, zone)
                moments.append(moment.date() if all_day and isinstance(moment, dt.datetime) else moment)
        return moments


def _local(moment, zone: str):
    """A date, or a naive local time in `zone` that is the same instant."""
    if not isinstance(moment, dt.datetime):
        return moment
    if moment.tzinfo is not None:
        moment = moment.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
    return moment.replace(second=0, microsecond=0)


def _day(moment) -> dt.date:
    return moment.date() if isinstance(moment, dt.datetime) else moment


def _sortable(moment) -> dt.datetime:
    return moment if isinstance(moment, dt.datetime) else dt.datetime.combine(moment, dt.time())


def _text(vevent, name: str) -> str:
    value = vevent.get(name)
    return str(value).strip() if value is not None else ""


def _stamp(moment) -> str:
    if isinstance(moment, dt.datetime):
        if moment.tzinfo is not None:
            return moment.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        return moment.strftime("%Y%m%dT%H%M%S")
    return moment.strftime("%Y%m%d")


def _title(vevent) -> str:
    title = " ".join(_text(vevent, "SUMMARY").split())[:MAX_TITLE]
    if not title:
        raise _Skip(Message("it has no SUMMARY (title)"))
    return title


def _texts(vevent) -> tuple[list[tuple[str, Any]], str]:
    fields: list[tuple[str, Any]] = []
    location = " ".join(_text(vevent, "LOCATION").split())
    if location:
        fields.append(("location", location))
    url = _text(vevent, "URL")
    if re.fullmatch(r"https?://[^\s\"'<>]+", url):
        fields.append(("url", url))
    tags = []
    categories = vevent.get("CATEGORIES")
    for item in categories if isinstance(categories, list) else [categories] if categories is not None else []:
        tags.extend(" ".join(str(c).split()) for c in item.cats if str(c).strip())
    if tags:
        fields.append(("tags", list(dict.fromkeys(tags))))
    if _text(vevent, "STATUS").upper() == "CANCELLED":
        fields.append(("status", "cancelled"))
    return fields, markdown_text(_text(vevent, "DESCRIPTION"))


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_BLOCK_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])", re.MULTILINE)


def markdown_text(text: str) -> str:
    """Plain text from a calendar as Markdown that shows the same text: characters
    Markdown would read as markup are escaped, and line breaks kept."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text.replace("\r\n", "\n").strip())
    text = _BLOCK_START.sub(lambda m: m[1] + (f"{m[2][:-1]}\\{m[2][-1]}" if m[2][0].isdigit() else f"\\{m[2]}"), text)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "\n\n".join(re.sub(r"[ \t]*\n", lambda m: "\\\n", p) for p in paragraphs)
