"""iCalendar feeds (RFC 5545), built as icalendar components.

What a feed says in words (titles, labels, addresses, links) is prepared by the
caller for one language as FeedEntry values; this module decides how an event is
told to calendar clients: UIDs, zones, all-day ranges, repetition, status.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import (Calendar, Event as VEvent, Parameters, Timezone, vCalAddress, vCategory, vDDDTypes, vGeo,
                       vRecur, vText, vUri)

from ..config import SiteConfig
from ..model import Event
from .occurrences import excluded_starts, feed_rule

REFRESH = dt.timedelta(hours=12)
YEARS_SPAN = 5
STATUS = {"scheduled": "CONFIRMED", "rescheduled": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE"}


@dataclass(frozen=True)
class FeedEntry:
    """One event as a feed in one language tells it."""

    event: Event
    title: str
    description: str  # the whole text, for the event's own file
    short_description: str  # for the big feeds, which must stay small
    url: str
    category: str
    location: str | None
    geo: tuple[float, float] | None
    image_url: str | None
    organizer: tuple[str, str] | None  # (name, e-mail)
    modified: dt.datetime  # the last change of the entry's files


def uid(event: Event, config: SiteConfig) -> str:
    """The same in every language and every build; follows the entry through renames
    via `id`; an imported event keeps the UID it had in its calendar."""
    return event.uid or f"{event.id}@{config.domain}"


def _moment(value: dt.date | dt.datetime, zone: str) -> dt.date | dt.datetime:
    return value.replace(tzinfo=ZoneInfo(zone)) if isinstance(value, dt.datetime) else value


def vevent(entry: FeedEntry, config: SiteConfig) -> bytes:
    """The event's VEVENT, serialised: the lines icalendar writes for the component
    (tests/test_feeds.py builds that component and compares every byte), each
    value made by icalendar's own types, but without building a Component:
    that took a fifth of a large site's build."""
    event = entry.event
    lines = ["BEGIN:VEVENT", "SUMMARY:" + _text(entry.title),
             _moment_line("DTSTART", _moment(event.start, event.timezone))]
    # all-day: DTEND is the day after the last one (exclusive), as RFC 5545 counts
    end = event.end + dt.timedelta(days=1) if event.all_day else event.end
    lines.append(_moment_line("DTEND", _moment(end, event.timezone)))
    stamp = _utc(entry.modified)
    lines += ["DTSTAMP:" + stamp, "UID:" + _text(uid(event, config))]
    rule = feed_rule(event)
    if rule:
        lines.append("RRULE:" + _ical(vRecur.from_ical(rule)))
    excluded = excluded_starts(event, config)
    for name, moments in (("rdate", event.dates), ("exdate", excluded)):
        if moments:  # rare: icalendar's own component writes these lists
            lines += _component_lines(name, [_moment(m, event.timezone) for m in moments])
    lines.append("CATEGORIES:" + _ical(vCategory([entry.category])))
    if entry.description:
        lines.append("DESCRIPTION:" + _text(entry.description))
    if entry.geo:
        lines.append("GEO:" + _ical(vGeo(entry.geo)))
    if entry.image_url:
        lines.append("IMAGE;DISPLAY=BADGE;VALUE=URI:" + _ical(vUri(entry.image_url)))
    lines.append("LAST-MODIFIED:" + stamp)
    if entry.location:
        lines.append("LOCATION:" + _text(entry.location))
    if entry.organizer:
        name, email = entry.organizer
        lines.append(f"ORGANIZER;{_ical(Parameters({'CN': name}))}:"
                     + _ical(vCalAddress(f"mailto:{email}")))
    lines += ["STATUS:" + STATUS[event.status], "TRANSP:TRANSPARENT",  # a public programme: nobody is made busy
              "URL;VALUE=URI:" + _ical(vUri(entry.url)), "END:VEVENT"]
    return b"\r\n".join(_fold(line) for line in lines) + b"\r\n"


def _ical(value) -> str:
    """A value (or parameters) as icalendar writes it; some types give bytes, some text."""
    made = value.to_ical()
    return made.decode() if isinstance(made, bytes) else made


def _text(value: str) -> str:
    return _ical(vText(value))


def _utc(moment: dt.datetime) -> str:
    return _ical(vDDDTypes(moment.astimezone(dt.timezone.utc)))


def _moment_line(name: str, moment: dt.date | dt.datetime) -> str:
    value = vDDDTypes(moment)
    params = _ical(value.params)
    return f"{name};{params}:{_ical(value)}" if params else f"{name}:{_ical(value)}"


def _component_lines(name: str, value) -> list[str]:
    component = VEvent()
    component.add(name, value)
    return [str(line) for line in component.content_lines() if line][1:-1]


@dataclass(frozen=True)
class FeedItem:
    """An event as the feeds it is in take it: its VEVENT, made once for all of them."""

    event: Event
    vevent: bytes
    rank: tuple = ()  # which events a feed over its size budget keeps first (lowest)

END_CALENDAR = b"END:VCALENDAR\r\n"


def serialize(component) -> bytes:
    """The component as icalendar writes it (`to_ical()`), byte for byte, but
    folding only the lines that need it: icalendar folds every line character by
    character, which took a sixth of a large build."""
    return b"\r\n".join(_fold(line) for line in component.content_lines() if line) + b"\r\n"


def _fold(line: str) -> bytes:
    """icalendar's folding (`_foldline`), computed on bytes: pieces of at most 74
    octets cut between characters, each after the first led by a space; a piece
    does not end with a lone `\\` or `^` that escapes the next character (icalendar
    issue #1501)."""
    data = line.encode("utf-8")
    if len(data) < 75:
        return data
    pieces = []
    start = 0
    while len(data) - start >= 75:
        cut = start + 74
        while data[cut] & 0xC0 == 0x80:  # inside a UTF-8 character: cut before it
            cut -= 1
        if cut - start > 1 and data[cut - 1] in b"\\^":
            cut -= 1
        pieces.append(data[start:cut])
        start = cut
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)


def with_description(vevent_bytes: bytes, description: str) -> bytes:
    """The serialised VEVENT with another DESCRIPTION: the big feeds' short variant of
    an event made from its long one without building the component again. The
    property keeps its place, and its line is the one icalendar writes."""
    start = vevent_bytes.find(b"\r\nDESCRIPTION:")
    if start < 0:
        raise ValueError("the VEVENT has no DESCRIPTION to replace")
    end = start + 2
    while True:  # the property's folded lines continue with a space
        end = vevent_bytes.index(b"\r\n", end) + 2
        if vevent_bytes[end:end + 1] != b" ":
            break
    line = _fold(VEvent().content_line("DESCRIPTION", vText(description)))
    return vevent_bytes[:start + 2] + line + b"\r\n" + vevent_bytes[end:]


def feed(name: str, url: str, items: list[FeedItem], config: SiteConfig, lang: str,
         max_bytes: int | None = None) -> bytes:
    """The feed as a file: CRLF lines folded at 75 octets (never inside a UTF-8
    character). Over max_bytes, only the best-ranked events that fit."""
    data = _calendar(name, url, items, config, lang)
    if max_bytes is None or len(data) <= max_bytes:
        return data
    budget = max_bytes - (len(data) - sum(len(item.vevent) for item in items))  # what the header leaves
    return _calendar(name, url, _within(items, budget), config, lang)


def _calendar(name: str, url: str, items: list[FeedItem], config: SiteConfig, lang: str) -> bytes:
    """A whole calendar, with one VTIMEZONE for each zone its events use, true for
    every year they span (Almaty was UTC+6 until 2024-03-01, UTC+5 since): what
    icalendar writes for a Calendar holding these components, assembled from the
    parts made once."""
    years = [y for item in items for y in _years(item.event)]
    zones = sorted({item.event.timezone for item in items if not item.event.all_day})
    return (_header(name, url, config.timezone, lang).removesuffix(END_CALENDAR)
            + b"".join(_vtimezone_bytes(tzid, min(years), max(years)) for tzid in zones)  # before the events
            + b"".join(item.vevent for item in items) + END_CALENDAR)


def _header(name: str, url: str, timezone: str, lang: str) -> bytes:
    """The calendar's properties, as icalendar writes them for the Calendar built by
    _header_calendar: the lines of the fixed ones made once per language, those of
    the name and address (one pair per event file) put in their places."""
    varying = {b"NAME": _fold("NAME:" + _text(name)), b"X-WR-CALNAME": _fold("X-WR-CALNAME:" + _text(name)),
               b"URL": _fold("URL;VALUE=URI:" + _ical(vUri(url)))}
    return b"\r\n".join(varying.get(line, line) for line in _fixed_header(timezone, lang)) + b"\r\n"


@lru_cache(maxsize=None)
def _fixed_header(timezone: str, lang: str) -> tuple[bytes, ...]:
    """The header's lines, with the name and address lines as placeholders (their property names)."""
    placeholder = serialize(_header_calendar("x", "https://x", timezone, lang)).split(b"\r\n")[:-1]
    return tuple(line.split(b":", 1)[0].split(b";", 1)[0] if line.startswith((b"NAME:", b"X-WR-CALNAME:", b"URL;"))
                 else line for line in placeholder)


def _header_calendar(name: str, url: str, timezone: str, lang: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", f"-//Dostyq//Houses of Friendship events//{lang.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # TEXT (RFC 7986), escaped: icalendar writes both raw by default, and a centre
    # named "A; B, C" would otherwise read as three values
    cal.add("name", vText(name))
    cal.add("x-wr-calname", vText(name))
    cal.add("x-wr-timezone", timezone)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")
    cal.add("url", vUri(url), parameters={"VALUE": "URI"})
    return cal


def _within(items: list[FeedItem], budget: int) -> list[FeedItem]:
    """The best-ranked events whose sizes add up to the budget, in their first order."""
    kept = set()
    for index in sorted(range(len(items)), key=lambda i: items[i].rank):
        size = len(items[index].vevent)
        if size > budget:
            break
        budget -= size
        kept.add(index)
    return [item for index, item in enumerate(items) if index in kept]


@lru_cache(maxsize=None)
def _vtimezone_bytes(tzid: str, first_year: int, last_year: int) -> bytes:
    return serialize(vtimezone(tzid, first_year, last_year))


@lru_cache(maxsize=None)
def vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """The zone's rules from the tz database for those years (both included)."""
    return Timezone.from_tzinfo(ZoneInfo(tzid), first_date=dt.date(first_year, 1, 1), last_date=dt.date(last_year, 12, 31))


def _years(event: Event) -> tuple[int, ...]:
    """The years an event's VTIMEZONE must be true for, widened to whole spans of
    YEARS_SPAN years: computing a zone's rules takes about 20 ms, and a site's
    thousands of event files then share a handful of them."""
    last = max([event.end, *event.dates], key=lambda m: (m.year, m.month, m.day))
    first, last = event.start.year, last.year + (3 if event.rrule else 0)
    return first - first % YEARS_SPAN, last - last % YEARS_SPAN + YEARS_SPAN - 1


def prepare_zones(events, config: SiteConfig) -> None:
    """Compute every VTIMEZONE the events need, before the build forks its workers
    (they inherit them instead of each computing its own)."""
    spans: dict[str, list[int]] = {}
    for event in events:
        if not event.all_day:
            first, last = _years(event)
            _vtimezone_bytes(event.timezone, first, last)
            span = spans.setdefault(event.timezone, [first, last])
            span[:] = min(span[0], first), max(span[1], last)
    for tzid, (first, last) in spans.items():  # the whole site's feed
        _vtimezone_bytes(tzid, first, last)
