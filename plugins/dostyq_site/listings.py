"""What each list of the site shows, worked out once per build for every language
(and before the languages' workers fork): the occurrences of each event, centre,
category, place, month and year, the home page's lists, each event's last day
and next start for the feeds, and each occurrence's card key.

The choices are dostyq.calendar.agenda's; this module only makes them once
instead of once per language and page.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dostyq.calendar import agenda, month as months
from dostyq.calendar.occurrences import Occurrence
from dostyq.config import SiteConfig
from dostyq.model import Content, Event

LATEST_REPORTS = 6


@dataclass
class Coming:
    """A list page's occurrences: each event at its next date, and at its last past one."""

    coming: list[Occurrence]
    past: list[Occurrence]


@dataclass
class Home:
    today: list[Occurrence]
    this_week: list[Occurrence]
    coming: list[Occurrence]
    reports: list[Occurrence]
    weekend_days: tuple[dt.date, dt.date]  # the Saturday and Sunday of this week
    weekend: list[Occurrence]  # each event once, on or after today, by Sunday


@dataclass
class Listings:
    content: Content
    occurrences: list[Occurrence]  # sorted by start
    today: dt.date
    config: SiteConfig
    by_event: dict[str, list[Occurrence]] = field(default_factory=dict)
    by_center: dict[str, Coming] = field(default_factory=dict)
    by_category: dict[str, Coming] = field(default_factory=dict)
    by_place: dict[str, Coming] = field(default_factory=dict)
    years: dict[int, list[Occurrence]] = field(default_factory=dict)  # past occurrences, newest year first
    months: list[months.Month] = field(default_factory=list)  # every month the calendar has a page for
    on_month: dict[months.Month, list[Occurrence]] = field(default_factory=dict)
    ends: dict[str, dt.date] = field(default_factory=dict)  # each event's last day
    next_start: dict[str, dt.datetime] = field(default_factory=dict)  # its next occurrence not over yet
    card_keys: dict[int, str] = field(default_factory=dict)  # by id() of the occurrence
    home: Home | None = None

    @classmethod
    def of(cls, content: Content, occurrences: list[Occurrence], config: SiteConfig, today: dt.date) -> Listings:
        lists = cls(content, occurrences, today, config)
        zone = config.zone
        by_center: dict[str, list[Occurrence]] = {}
        by_category: dict[str, list[Occurrence]] = {}
        by_place: dict[str, list[Occurrence]] = {}
        event_keys: dict[str, str] = {}
        for o in occurrences:
            slug = o.event.slug
            mine = lists.by_event.setdefault(slug, [])
            mine.append(o)
            by_category.setdefault(o.event.category, []).append(o)
            for center_id in o.event.centers:
                by_center.setdefault(center_id, []).append(o)
            if o.event.place:
                by_place.setdefault(o.event.place, []).append(o)
            last = o.last_day(zone)
            lists.ends[slug] = max(lists.ends.get(slug, last), last)
            if last >= today:
                lists.next_start.setdefault(slug, o.start_utc)
            event_key = event_keys.get(slug)
            if event_key is None:
                event_key = event_keys[slug] = cls.event_key(content, o.event)
            # the event's n-th occurrence: with the same event, day and settings, the same dates
            lists.card_keys[id(o)] = f"{event_key}#{len(mine)}"
        for index, grouped in ((lists.by_center, by_center), (lists.by_category, by_category),
                               (lists.by_place, by_place)):
            for name, mine in grouped.items():
                index[name] = Coming(agenda.next_per_event(mine, today, zone),
                                     agenda.last_past_per_event(mine, today, zone))
        lists.years = agenda.past_by_year(occurrences, today, zone)
        lists.months = months.calendar_months(occurrences, zone, today)
        lists.on_month = months.by_month(occurrences, zone)
        lists.home = lists._home()
        return lists

    @staticmethod
    def event_key(content: Content, event: Event) -> str:
        """What an event's page and cards are made from: its files and its centres' names."""
        return ":".join([event.fingerprint, *(content.centers[c].fingerprint for c in event.centers)])

    def main(self, slug: str) -> Occurrence | None:
        """The occurrence an event's page leads with: the next one, or else the last."""
        mine = self.by_event.get(slug, [])
        return next((o for o in mine if o.last_day(self.config.zone) >= self.today), mine[-1] if mine else None)

    def card_key(self, o: Occurrence) -> str:
        return self.card_keys[id(o)]

    def _home(self) -> Home:
        today, zone = self.today, self.config.zone
        sunday = agenda.week_end(today)
        coming_end = today + dt.timedelta(days=self.config.coming_up_days)
        on_today = agenda.touching(self.occurrences, today, today, zone)
        # each event once, at its next date: a daily exhibition is not listed every day of the week
        on_today_slugs = {o.event.slug for o in on_today}
        this_week = [o for o in agenda.next_per_event(self.occurrences, today + dt.timedelta(days=1), zone, sunday)
                     if o.event.slug not in on_today_slugs]
        shown = on_today_slugs | {o.event.slug for o in this_week}
        coming = [o for o in agenda.next_per_event(self.occurrences, sunday + dt.timedelta(days=1), zone, coming_end)
                  if o.event.slug not in shown]
        reports = [o for o in agenda.last_past_per_event(self.occurrences, today, zone)
                   if o.event.participants is not None or o.event.gallery][:LATEST_REPORTS]
        # the weekend: this one while it lasts, else the next; each event once
        saturday = sunday - dt.timedelta(days=1)
        weekend = agenda.next_per_event(self.occurrences, max(today, saturday), zone, sunday)
        return Home(on_today, this_week, coming, reports, (saturday, sunday), weekend)
