"""The HTML pages of one language (spec/site.md, "Pages").

Every page has a key: what it is made from (the entries it shows, by the hash
of their files, and their occurrences). A page whose key is the one of the last
build is not rendered again: the live file is kept (dostyq.output). The site's
own key (code, settings, theme, places, the build's day) is part of every key.
"""
from __future__ import annotations

from typing import Callable

from markupsafe import Markup

from dostyq import urls
from dostyq import build_cache
from dostyq.calendar import describe
from dostyq.build_cache import key as build_key
from dostyq.model import KINDS, Event
from dostyq.output import SiteOutput

from . import sharing, structured_data
from .calendar_pages import MonthPages
from .embeds import center_snippets, write_embeds
from .listings import Coming, Listings
from .posts import PostWriter
from .report_pages import ReportPages
from .search_page import search_values
from .views import LanguageView

EVENT_DATES_SHOWN = 12


class PageWriter:
    """Renders the templates of one language into the output."""

    def __init__(self, output: SiteOutput, render, view: LanguageView, listings: Listings,
                 language_names: dict[str, str], site_key: str, last_keys: dict[str, str],
                 last_cards, painter):
        self.output = output
        self.painter = painter  # social cards (card_images.CardPainter)
        self.render = render
        self.language_names = language_names
        self.view = view
        self.lang = view.lang
        self.listings = listings
        self.card_key = listings.card_key
        self.site_key = site_key
        self.last_keys = last_keys  # output path -> key, from the last build
        self.keys: dict[str, str] = {}  # this build's
        self.last_cards = last_cards  # card key -> HTML, from the last build (get())
        self.cards_made: dict[str, str] = {}  # those rendered by this build
        self._card_html: dict[int, Markup] = {}
        self.posts = PostWriter(output, view, listings, self.page, self.card, self.keys, last_keys, site_key)

    def page(self, path: str, template: str, key: tuple, values: Callable[[], dict]) -> bool:
        """Write the page at `path`, unless the last build made it from the same key;
        True when it was written."""
        save_as = urls.save_as(path)
        key = build_key(self.site_key, self.lang, template, key)
        self.keys[save_as] = key
        if self.last_keys.get(save_as) == key and self.output.keep(save_as):
            return False
        self.write(path, template, **values())
        return True

    def write(self, path: str, template: str, **values) -> None:
        alternates = [(code, self.language_names.get(code, code),
                       self.view.href(urls.other_language(path, self.lang, code)))
                      for code in self.view.config.languages]
        addresses = [(code, self.view.absolute(urls.other_language(path, self.lang, code)))
                     for code in self.view.config.languages]
        self.output.write(urls.save_as(path), self.render(
            template, lang=self.lang, view=self.view, page_path=path, page_url=self.view.href(path),
            alternates=alternates, alternate_addresses=addresses, sharing=sharing,
            feeds=values.pop("feeds", [self.view.site_feed()]), share=values.pop("share", None),
            atom_path=values.pop("atom_path", urls.site_atom(self.lang)),
            canonical=self.view.absolute(values.pop("canonical_path", path)), **values))

    def write_all(self) -> None:
        content, view = self.view.content, self.view
        self.write_home()
        self.write_weekend()
        for event in content.events:
            self.write_event(event)
        centers = view.sorted_centers(content.centers.values())
        self.page(urls.centers(self.lang), "centers", tuple(c.fingerprint for c in centers),
                  lambda: {"centers": centers, "kinds": KINDS})
        for center in centers:
            self.write_center(center)
        self.page(urls.categories(self.lang), "categories", (), lambda: {"categories": view.config.categories})
        for category in view.config.categories:
            self.write_listing(urls.category(self.lang, category), "category", self.listings.by_category.get(category),
                               (category,), lambda c=category: {
                                   "category": c, "feeds": [view.category_feed(c), view.site_feed()]})
        for place in content.places.values():
            self.write_listing(urls.place(self.lang, place.id), "place", self.listings.by_place.get(place.id),
                               (place.id,), lambda p=place: {"place": p})
        self.write_archives()
        MonthPages(self.view, self.listings, self.page).write_all()
        write_embeds(self)
        self.posts.write_digests()
        ReportPages(self.view, self.listings, self.page, self.output).write_all()
        self.page(urls.search(self.lang), "search", (), lambda: search_values(self.view))

    def cards(self, occurrences) -> list[Markup]:
        """Each occurrence as a list shows it: rendered once (card.html), however
        many lists (home, category, centres, place, archive) show it."""
        result = []
        for o in occurrences:
            html = self._card_html.get(id(o))  # occurrences live as long as the build
            if html is None:
                card_key = build_key(self.site_key, self.lang, self.card_key(o))
                made = self.last_cards.get(card_key)
                if made is None:
                    made = self.render("card", card=self.view.card(o), lang=self.lang, view=self.view).decode("utf-8")
                    self.cards_made[card_key] = made
                html = self._card_html[id(o)] = Markup(made)
            result.append(html)
        return result

    def write_listing(self, path: str, template: str, mine: Coming | None, key: tuple,
                      values: Callable[[], dict]) -> bool:
        coming, past = (mine.coming, mine.past) if mine else ([], [])
        return self.page(path, template, (*key, [self.card_key(o) for o in coming], [self.card_key(o) for o in past]),
                  lambda: {"coming": self.cards(coming), "past": self.cards(past), **values()})

    def write_home(self) -> None:
        self.card(urls.site_card(self.lang), True, self.painter.site)
        home = self.listings.home
        lists = (home.today, home.this_week, home.coming, home.reports)
        self.page(urls.home(self.lang), "home", tuple([self.card_key(o) for o in items] for items in lists),
                  lambda: {"today": self.cards(home.today), "this_week": self.cards(home.this_week),
                           "coming": self.cards(home.coming), "reports": self.cards(home.reports),
                           "today_label": self.view.dates.date(self.listings.today)})

    def write_weekend(self) -> None:
        home = self.listings.home
        saturday, sunday = home.weekend_days
        self.page(urls.weekend(self.lang), "weekend", ([self.card_key(o) for o in home.weekend],),
                  lambda: {"weekend": self.cards(home.weekend),
                           "days": self.view.dates.date_range(saturday, sunday)})

    def write_event(self, event: Event) -> None:
        key = (Listings.event_key(self.view.content, event),)
        written = self.page(urls.event(self.lang, event.slug), "event", key, lambda: self.event_values(event))
        self.card(urls.event_card(self.lang, event.slug), written,
                  lambda: self.painter.event(event, self.listings.main(event.slug)))
        self.posts.write_event(event, key[0], written)

    def card(self, path: str, page_written: bool, text: Callable[[], tuple], draw: Callable | None = None) -> None:
        """A page's social card: kept with its page; else drawn again only when what
        it shows changed. Its key is what it shows, not the site's key: the day's
        first build remakes every page, but most cards are the day before's.
        (`draw`: another drawing than the social card's, e.g. a post image.)"""
        last = self.last_keys.get(path)
        if not page_written and last and self.output.keep(path):
            self.keys[path] = last
            return
        shown, picture = text()
        key = self.keys[path] = build_key(build_cache.code_key(), shown, self.view.pictures_key([picture] if picture else []))
        if last == key and self.output.keep(path):
            return
        self.output.write(path, (draw or self.painter.draw)(shown, picture))

    def event_values(self, event: Event) -> dict:
        mine = self.listings.by_event.get(event.slug, [])
        upcoming = [o for o in mine if not self.view.is_past(o)]
        main = self.listings.main(event.slug)
        share = sharing.event_share(self.view, event, main)
        lang = self.lang
        how = describe.repetition(event.rrule, event.start, event.end, lang, event.timezone,
                                  event.except_dates) if event.rrule else None
        return {"event": event, "occurrence": main, "place": self.view.place(event.place),
                "repetition": how,
                "skipped": describe.skipped(event.except_dates, lang) if event.except_dates and not how else None,
                "dates": self.view.cards(upcoming[:EVENT_DATES_SHOWN] if event.repeats else []),
                "share": share, "share_links": sharing.share_links(share.url, share.title, self.view.gettext),
                "post_links": self.posts.links(event),
                "json_ld": structured_data.script_json(structured_data.event_data(self.view, event, main, share))}

    def write_center(self, center) -> None:
        centers = self.view.content.centers
        children = [c for c in centers.values() if c.parent == center.id]
        parent = centers.get(center.parent) if center.parent else None
        key = (center.fingerprint, parent.fingerprint if parent else None, tuple(c.fingerprint for c in children))
        written = self.write_listing(urls.center(self.lang, center.id), "center", self.listings.by_center.get(center.id),
                                     key, lambda: self.center_values(center, children, parent))
        self.card(urls.center_card(self.lang, center.id), written, lambda: self.painter.center(center))

    def center_values(self, center, children, parent) -> dict:
        share = sharing.center_share(self.view, center)
        return {"center": center, "children": children, "parent": parent,
                "feeds": [self.view.center_feed(center), self.view.site_feed()],
                "place": self.view.place(center.place), "atom_path": urls.center_atom(self.lang, center.id),
                "share": share, "share_links": sharing.share_links(share.url, share.title, self.view.gettext),
                "json_ld": structured_data.script_json(structured_data.center_data(self.view, center)),
                "embed_snippets": center_snippets(self.view, center)}

    def write_archives(self) -> None:
        years = self.listings.years
        self.page(urls.archive(self.lang), "archive_index", tuple(years), lambda: {"years": list(years)})
        for year, occurrences in years.items():
            self.page(urls.archive(self.lang, year), "archive", (year, [self.card_key(o) for o in occurrences]),
                      lambda y=year, items=occurrences: self.archive_values(y, items))

    def archive_values(self, year: int, occurrences: list) -> dict:
        months: dict[int, list] = {}
        for o in occurrences:
            months.setdefault(o.first_day(self.view.site_zone).month, []).extend(self.cards([o]))
        return {"year": year, "months": [(self.view.dates.month(year, m), cards) for m, cards in sorted(months.items())]}
