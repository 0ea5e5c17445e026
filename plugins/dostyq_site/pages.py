"""The HTML pages of one language (spec/site.md, "Pages")."""
from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from dostyq import urls
from dostyq.calendar import agenda
from dostyq.calendar.occurrences import Occurrence
from dostyq.model import KINDS
from dostyq.output import SiteOutput

from .calendar_pages import MonthPages
from .views import LanguageView

LATEST_REPORTS = 6
EVENT_DATES_SHOWN = 12


class PageWriter:
    """Renders the templates of one language into the output."""

    def __init__(self, output: SiteOutput, render, view: LanguageView, occurrences: list[Occurrence],
                 language_names: dict[str, str]):
        self.output = output
        self.render = render
        self.language_names = language_names
        self.view = view
        self.lang = view.lang
        self.occurrences = occurrences
        self.zone = view.site_zone
        self.today = view.today
        self._card_html: dict[int, Markup] = {}
        self.by_event: dict[str, list[Occurrence]] = {}
        for o in occurrences:
            self.by_event.setdefault(o.event.slug, []).append(o)

    def write(self, path: str, template: str, **values) -> None:
        alternates = [(code, self.language_names.get(code, code),
                       self.view.href(urls.other_language(path, self.lang, code)))
                      for code in self.view.config.languages]
        self.output.write(urls.save_as(path), self.render(
            template, lang=self.lang, view=self.view, page_path=path, page_url=self.view.href(path),
            alternates=alternates, feeds=values.pop("feeds", [self.view.site_feed()]), **values))

    def write_all(self) -> None:
        content = self.view.content
        self.write_home()
        for event in content.events:
            self.write_event(event)
        self.write(urls.centers(self.lang), "centers", centers=list(content.centers.values()), kinds=KINDS)
        for center in content.centers.values():
            self.write_center(center)
        self.write(urls.categories(self.lang), "categories", categories=self.view.config.categories)
        for category in self.view.config.categories:
            self.write_listing(urls.category(self.lang, category), "category",
                               lambda o, c=category: o.event.category == c, category=category,
                               feeds=[self.view.category_feed(category), self.view.site_feed()])
        for place in content.places.values():
            self.write_listing(urls.place(self.lang, place.id), "place",
                               lambda o, p=place.id: o.event.place == p, place=place)
        self.write_archives()
        MonthPages(self).write_all()

    def cards(self, occurrences) -> list[Markup]:
        """Each occurrence as a list shows it: rendered once (card.html), however
        many lists (home, category, centres, place, archive) show it."""
        result = []
        for o in occurrences:
            html = self._card_html.get(id(o))  # occurrences live as long as the build
            if html is None:
                html = self._card_html[id(o)] = Markup(self.render("card", card=self.view.card(o), lang=self.lang,
                                                               view=self.view).decode("utf-8"))
            result.append(html)
        return result

    def lists(self, keep) -> dict:
        mine = [o for o in self.occurrences if keep(o)]
        return {
            "coming": self.cards(agenda.next_per_event(mine, self.today, self.zone)),
            "past": self.cards(agenda.last_past_per_event(mine, self.today, self.zone)),
        }

    def write_listing(self, path: str, template: str, keep, **values) -> None:
        self.write(path, template, **self.lists(keep), **values)

    def write_home(self) -> None:
        today, zone = self.today, self.zone
        sunday = agenda.week_end(today)
        coming_end = today + dt.timedelta(days=self.view.config.coming_up_days)
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
        self.write(urls.home(self.lang), "home", today=self.cards(on_today),
                   this_week=self.cards(this_week), coming=self.cards(coming),
                   reports=self.cards(reports), today_label=self.view.dates.date(today))

    def write_event(self, event) -> None:
        mine = self.by_event.get(event.slug, [])
        upcoming = [o for o in mine if not self.view.is_past(o)]
        main = upcoming[0] if upcoming else (mine[-1] if mine else None)
        self.write(urls.event(self.lang, event.slug), "event", event=event, occurrence=main,
                   dates=self.view.cards(upcoming[:EVENT_DATES_SHOWN] if event.repeats else []),
                   place=self.view.place(event.place))

    def write_center(self, center) -> None:
        children = [c for c in self.view.content.centers.values() if c.parent == center.id]
        self.write_listing(urls.center(self.lang, center.id), "center",
                           lambda o: center.id in o.event.centers, center=center, children=children,
                           feeds=[self.view.center_feed(center), self.view.site_feed()],
                           parent=self.view.content.centers.get(center.parent) if center.parent else None,
                           place=self.view.place(center.place))

    def write_archives(self) -> None:
        years = agenda.past_by_year(self.occurrences, self.today, self.zone)
        self.write(urls.archive(self.lang), "archive_index", years=list(years))
        for year, occurrences in years.items():
            months: dict[int, list] = {}
            for o in occurrences:
                months.setdefault(o.first_day(self.zone).month, []).extend(self.cards([o]))
            self.write(urls.archive(self.lang, year), "archive", year=year,
                       months=[(self.view.dates.month(year, m), cards) for m, cards in sorted(months.items())])
