""""Add to calendar" links on event pages (dostyq/calendar/links.py), read back the
way the services read them (urllib.parse) and compared with the event's
occurrences as dostyq.calendar expands them:

- Google Calendar: `dates` and `ctz`, and the `recur` lines (RRULE, RDATE,
  EXDATE) put into a VEVENT and expanded by recurring-ical-events (an independent
  RFC 5545 implementation): the WHOLE set of dates must be the site's;
- Outlook.com and Microsoft 365: the one meeting's UTC instants, or its dates
  (the end the day after the last) for an all-day event; none for a repeating
  event, whose series these links cannot carry;
- a past, a cancelled or a postponed event offers none of them.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from conftest import FIXTURES, TODAY, run_pelican

UTC = dt.timezone.utc

# slug -> front matter: every kind of date an event can have
EVENTS = {
    "timed": 'start: "2026-12-10 18:00"\nend: "2026-12-10 20:30"\nplace: oskemen-house\nlocation: "Зал №2"',
    "all-day": "start: 2026-12-16",
    "multi-day": "start: 2026-12-20\nend: 2026-12-22",
    "overnight": 'start: "2026-12-24 18:00"\nend: "2026-12-26 12:00"',
    "other-zone": 'start: "2027-01-15 10:00"\nend: "2027-01-15 12:00"\ntimezone: Europe/Moscow',
    "weekly-with-exceptions": ('start: "2026-12-01 15:00"\nend: "2026-12-01 16:30"\n'
                               "rrule: FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=2027-03-31\n"
                               'except: [2026-12-31, 2027-01-05, 2027-01-07]\ndates: ["2027-04-07 15:00"]'),
    "monthly-all-day": ("start: 2027-01-01\nend: 2027-01-02\nrrule: FREQ=MONTHLY;BYMONTHDAY=1;COUNT=6\n"
                        "except: [2027-03-01]\ndates: [2027-08-15]"),
    "moveable-feast": "start: 2027-02-20\ndates: [2028-03-11, 2029-02-24]",
    # a weekly class in Berlin across the change to summer time: the same wall-clock hour, another UTC one
    "berlin-weekly": ('start: "2027-03-06 19:00"\nend: "2027-03-06 21:00"\ntimezone: Europe/Berlin\n'
                      "rrule: FREQ=WEEKLY;BYDAY=SA;COUNT=6"),
    # no end: the site expands it to its horizon, Google repeats it for ever
    "endless-omsk": ('start: "2026-12-02 18:00"\nend: "2026-12-02 19:00"\ntimezone: Asia/Omsk\n'
                     "rrule: FREQ=WEEKLY;INTERVAL=2;BYDAY=WE"),
}
NO_LINKS = {
    "cancelled": 'start: "2026-12-11 18:00"\nstatus: cancelled',
    "postponed": 'start: "2026-12-12 18:00"\nstatus: postponed',
    "past": 'start: "2026-10-01 18:00"\nparticipants: 12',
    "past-series": 'start: "2026-09-01 18:00"\nrrule: FREQ=DAILY;COUNT=3\nparticipants: 12',
}
TITLE = "Кездесу & «тест» <b>"
SERVICES = ("google", "outlook.com", "microsoft365")
HOSTS = {"outlook.com": "outlook.live.com", "microsoft365": "outlook.office.com"}


class CalendarLinks(HTMLParser):
    """The links in the page's "add to calendar" paragraph."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "p" and "add-to-calendar" in (attrs.get("class") or ""):
            self.inside = True
        elif tag == "a" and self.inside:
            self.hrefs.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "p":
            self.inside = False


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("links")
    content = root / "content"
    shutil.copytree(FIXTURES / "site", content)
    for slug, front in {**EVENTS, **NO_LINKS}.items():
        (content / "events" / f"{slug}.kk.md").write_text(
            f'---\ntitle: "{TITLE}"\ncategory: meeting\n{front}\n---\n\nҚысқа сипаттама.\n', encoding="utf-8")
    result = run_pelican(content, root / "out")
    assert result.returncode == 0, result.stderr
    from pelican.settings import read_settings

    from conftest import ROOT
    from dostyq.config import SiteConfig
    from dostyq.model import load_content

    config = dataclasses.replace(SiteConfig.from_settings(read_settings(str(ROOT / "pelican.conf.py"))), today=TODAY)
    model = load_content(content, config)
    return root / "out", {e.slug: e for e in model.events}, config


def links_of(out: Path, lang: str, slug: str) -> dict[str, dict[str, list[str]]]:
    parser = CalendarLinks()
    parser.feed((out / lang / "events" / slug / "index.html").read_text(encoding="utf-8"))
    found = {}
    for href in parser.hrefs:
        parts = urlsplit(href)
        if parts.netloc == "calendar.google.com":
            assert parts.path == "/calendar/render"
            found["google"] = parse_qs(parts.query, keep_blank_values=True)
        elif parts.netloc in HOSTS.values():
            assert parts.path == "/calendar/0/deeplink/compose"
            found[next(s for s, h in HOSTS.items() if h == parts.netloc)] = parse_qs(parts.query, keep_blank_values=True)
        else:
            assert href == f"/{lang}/events/{slug}/event.ics", href
            found["ics"] = {}
    return found


def one(query: dict[str, list[str]], name: str) -> str:
    values = query[name]
    assert len(values) == 1, (name, values)
    return values[0]


def site_occurrences(event, config) -> list[tuple]:
    """(start, exclusive end) of every occurrence: UTC instants, or dates."""
    from dostyq.calendar.occurrences import occurrences

    found = []
    for o in occurrences(event, config):
        if o.all_day:
            found.append((o.start, o.end + dt.timedelta(days=1)))
        else:
            found.append((o.start.astimezone(UTC), o.end.astimezone(UTC)))
    return found


def google_occurrences(query: dict[str, list[str]], until: dt.datetime | dt.date) -> list[tuple]:
    """What Google makes of the link: the first date in `ctz` and the recur lines,
    as one VEVENT, expanded up to `until` by recurring-ical-events."""
    start, end = one(query, "dates").split("/")
    zone = one(query, "ctz")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//links//EN", "BEGIN:VEVENT", "UID:link@test",
             "DTSTAMP:20260101T000000Z"]
    if "T" in start:
        local = [dt.datetime.strptime(m, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC).astimezone(ZoneInfo(zone))
                 for m in (start, end)]
        lines += [f"DTSTART;TZID={zone}:{local[0]:%Y%m%dT%H%M%S}", f"DTEND;TZID={zone}:{local[1]:%Y%m%dT%H%M%S}"]
    else:
        lines += [f"DTSTART;VALUE=DATE:{start}", f"DTEND;VALUE=DATE:{end}"]
    lines += one(query, "recur").split("\n") if "recur" in query else []
    lines += ["END:VEVENT", "END:VCALENDAR"]
    calendar = icalendar.Calendar.from_ical("\r\n".join(lines) + "\r\n")
    first = dt.date(2020, 1, 1)
    found = []
    for vevent in recurring_ical_events.of(calendar).between(first, until):
        a, b = vevent["DTSTART"].dt, vevent["DTEND"].dt
        found.append((a.astimezone(UTC), b.astimezone(UTC)) if isinstance(a, dt.datetime) else (a, b))
    return sorted(found)


@pytest.mark.parametrize("slug", EVENTS)
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_google_link_adds_every_date_of_the_event(built, lang, slug):
    out, events, config = built
    event = events[slug]
    query = links_of(out, lang, slug)["google"]
    assert one(query, "action") == "TEMPLATE" and one(query, "text") == TITLE
    assert one(query, "ctz") == event.timezone
    assert ("recur" in query) == event.repeats
    expected = site_occurrences(event, config)
    bounded = event.rrule is None or event.rrule.bounded
    if bounded:  # everything Google would ever add
        until = dt.date(2100, 1, 1)
    else:  # the same window as the site's: up to its last expanded date
        last = expected[-1][0]
        until = last + dt.timedelta(days=1) if isinstance(last, dt.date) and not isinstance(last, dt.datetime) \
            else last + dt.timedelta(seconds=1)
    assert google_occurrences(query, until) == expected
    details = one(query, "details")
    assert details.endswith(f"https://dostyq.kz/{lang}/events/{slug}/")


def test_the_repeating_cases_really_repeat_and_skip(built):
    """The cases above test what they claim: exceptions removed, extra dates added,
    Berlin's class keeping its wall-clock hour across summer time."""
    out, events, config = built
    weekly = [a for a, _ in site_occurrences(events["weekly-with-exceptions"], config)]
    assert dt.datetime(2027, 1, 5, 10, 0, tzinfo=UTC) not in weekly  # 15:00 in Almaty (UTC+5)
    assert weekly[-1] == dt.datetime(2027, 4, 7, 10, 0, tzinfo=UTC)  # the extra date
    assert "EXDATE:20261231T100000Z,20270105T100000Z,20270107T100000Z" in \
        one(links_of(out, "kk", "weekly-with-exceptions")["google"], "recur").split("\n")
    monthly = [a for a, _ in site_occurrences(events["monthly-all-day"], config)]
    assert dt.date(2027, 3, 1) not in monthly and monthly[-1] == dt.date(2027, 8, 15) and len(monthly) == 6
    berlin = [a for a, _ in site_occurrences(events["berlin-weekly"], config)]
    assert {a.hour for a in berlin} == {18, 17}  # 19:00 CET, then 19:00 CEST
    assert len(site_occurrences(events["endless-omsk"], config)) > 30


@pytest.mark.parametrize("slug", EVENTS)
def test_outlook_links_add_the_one_meeting_and_are_not_offered_for_a_series(built, slug):
    out, events, config = built
    event = events[slug]
    found = links_of(out, "ru", slug)
    if event.repeats:
        assert set(found) == {"ics", "google"}
        return
    assert set(found) == {"ics", *SERVICES}
    [(start, end)] = site_occurrences(event, config)
    for service in HOSTS:
        query = found[service]
        assert one(query, "path") == "/calendar/action/compose" and one(query, "rru") == "addevent"
        assert one(query, "subject") == TITLE
        assert one(query, "body").endswith(f"https://dostyq.kz/ru/events/{slug}/")
        if event.all_day:
            assert one(query, "allday") == "true"
            assert (one(query, "startdt"), one(query, "enddt")) == (start.isoformat(), end.isoformat())
        else:
            assert one(query, "allday") == "false"
            parsed = [dt.datetime.strptime(one(query, n), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
                      for n in ("startdt", "enddt")]
            assert parsed == [start, end]


def test_the_location_is_the_place_the_room_and_the_address(built):
    out, _, _ = built
    found = links_of(out, "ru", "timed")
    expected = "Дом дружбы, Зал №2, г. Усть-Каменогорск, ул. Мира, 11"
    assert {one(found[s], "location") for s in SERVICES} == {expected}
    raw = (out / "ru/events/timed/index.html").read_text(encoding="utf-8")
    assert "subject=%D0%9A" in raw and "+" not in raw.split("outlook.live.com", 1)[1].split('"', 1)[0]  # %20, never +


@pytest.mark.parametrize("slug", NO_LINKS)
def test_a_past_cancelled_or_postponed_event_offers_no_calendar_link(built, slug):
    out, _, _ = built
    for lang in ("kk", "ru"):
        assert links_of(out, lang, slug) == {}
        html = (out / lang / "events" / slug / "index.html").read_text(encoding="utf-8")
        assert "calendar.google.com" not in html and "outlook." not in html
