""""Add to calendar" links that fill in a calendar service's new-event form.

- Google Calendar (`calendar/render?action=TEMPLATE`): the first date of the
  event and, when it repeats, its `recur` lines (RRULE, RDATE, EXDATE, as the
  event's .ics has them), so that the whole series is added; `ctz` makes Google
  repeat it in the event's own time zone.
- Outlook.com and Microsoft 365 (`outlook.live.com` / `outlook.office.com`
  compose deep links): one meeting only, since these links take no repetition;
  a repeating event offers them not at all (its .ics file adds the series).

Times are UTC instants (`...Z`); all-day events give dates, the end being the
day after the last one, as both services (and RFC 5545) count it. Yandex
Calendar has no documented link of this kind, so none is made.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

from ..config import SiteConfig
from ..model import Event
from ..urls import form_encode
from .occurrences import Occurrence, excluded_starts, feed_rule

GOOGLE = "https://calendar.google.com/calendar/render"
OUTLOOK = {"outlook.com": "https://outlook.live.com/calendar/0/deeplink/compose",
           "microsoft365": "https://outlook.office.com/calendar/0/deeplink/compose"}


@dataclass(frozen=True)
class EventText:
    """What the form shows, in the page's language."""

    title: str
    details: str  # plain text: the summary's start and the page's address
    location: str | None


def google(event: Event, text: EventText, config: SiteConfig) -> str:
    """The whole event: its first date, and the rules that give the others."""
    first = _first(event)
    query = {"action": "TEMPLATE", "text": text.title, "dates": f"{_google_moment(first.start)}/"
                                                               f"{_google_moment(_exclusive_end(first))}",
             "details": text.details, "ctz": event.timezone}
    recurrence = recur_lines(event, config)
    if recurrence:
        query["recur"] = "\n".join(recurrence)
    if text.location:
        query["location"] = text.location
    return f"{GOOGLE}?{form_encode(query)}"


def recur_lines(event: Event, config: SiteConfig) -> list[str]:
    """RRULE, RDATE and EXDATE as the event's feed states them (UTC times for a
    timed event, dates for an all-day one)."""
    lines = []
    rule = feed_rule(event)
    if rule:
        lines.append(f"RRULE:{rule}")
    zone = ZoneInfo(event.timezone)
    for name, moments in (("RDATE", event.dates), ("EXDATE", excluded_starts(event, config))):
        if not moments:
            continue
        if event.all_day:
            lines.append(f"{name};VALUE=DATE:" + ",".join(f"{m:%Y%m%d}" for m in moments))
        else:
            aware = [m if m.tzinfo else m.replace(tzinfo=zone) for m in moments]
            lines.append(f"{name}:" + ",".join(_utc(m) for m in aware))
    return lines


def outlook(event: Event, occurrence: Occurrence, text: EventText, service: str) -> str | None:
    """Outlook.com's (`service` "outlook.com") or Microsoft 365's ("microsoft365")
    form for the one meeting; None for a repeating event."""
    if event.repeats:
        return None
    if occurrence.all_day:
        start, end = occurrence.start.isoformat(), _exclusive_end(occurrence).isoformat()
    else:
        start, end = (_utc(m, iso=True) for m in (occurrence.start, occurrence.end))
    query = {"path": "/calendar/action/compose", "rru": "addevent", "subject": text.title,
             "startdt": start, "enddt": end, "allday": "true" if occurrence.all_day else "false",
             "body": text.details}
    if text.location:
        query["location"] = text.location
    # %20 for spaces: Outlook's form reads `+` as a plus sign
    return f"{OUTLOOK[service]}?{urlencode(query, quote_via=quote)}"


def _first(event: Event) -> Occurrence:
    """The series' first start (DTSTART), even when `except` removes it (EXDATE says so)."""
    if event.all_day:
        return Occurrence(event, event.start, event.end)
    zone = ZoneInfo(event.timezone)
    return Occurrence(event, event.start.replace(tzinfo=zone), event.end.replace(tzinfo=zone))


def _exclusive_end(occurrence: Occurrence) -> dt.date | dt.datetime:
    return occurrence.end + dt.timedelta(days=1) if occurrence.all_day else occurrence.end


def _google_moment(moment: dt.date | dt.datetime) -> str:
    return _utc(moment) if isinstance(moment, dt.datetime) else f"{moment:%Y%m%d}"


def _utc(moment: dt.datetime, iso: bool = False) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ" if iso else "%Y%m%dT%H%M%SZ")
