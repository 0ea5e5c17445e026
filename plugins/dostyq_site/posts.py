"""From the site to the feed and the wall, for one language (spec/site.md):
each event's ready post (post.txt, post.png) and A4 poster with a QR code,
and the weekly digest (`<lang>/digest/<yyyy>/w<ww>/`: page, post.txt, post.png).

The words are dostyq.posts' (shared with `dostyq post`), the drawing
dostyq.social_cards' second layout. Post images and posters are made only for
events not over yet: a post or a poster for an event that has ended has no use,
and they are the costly part (drawing, the QR code).
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Callable

import segno
from markupsafe import Markup

from dostyq import posts, urls
from dostyq.build_cache import key as build_key
from dostyq.calendar import weeks
from dostyq.model import Event
from dostyq.social_cards import CardText, draw_post

# The categories' colours (site.css: --cat, --cat-bg): a post image's background and accent.
CATEGORY_COLOURS = {
    "festival": ((0x8A, 0x15, 0x50), (0xFD, 0xE2, 0xEF)),
    "holiday": ((0x9A, 0x34, 0x12), (0xFF, 0xE4, 0xD4)),
    "forum": ((0x1E, 0x4F, 0x9C), (0xDB, 0xEA, 0xFE)),
    "meeting": ((0x0F, 0x5E, 0x56), (0xD3, 0xF1, 0xEC)),
    "round-table": ((0x3C, 0x35, 0x96), (0xE5, 0xE4, 0xFB)),
    "concert": ((0x6B, 0x2A, 0x97), (0xF0, 0xE0, 0xFC)),
    "exhibition": ((0x77, 0x48, 0x0A), (0xF6, 0xE9, 0xD0)),
    "seminar": ((0x2C, 0x64, 0x24), (0xDD, 0xF2, 0xDA)),
    "competition": ((0x74, 0x50, 0x00), (0xFD, 0xEF, 0xC0)),
    "charity": ((0x9F, 0x12, 0x39), (0xFD, 0xE0, 0xE7)),
    "mediation": ((0x0B, 0x57, 0x70), (0xD8, 0xEF, 0xF7)),
    "other": ((0x3E, 0x47, 0x56), (0xE7, 0xEA, 0xEF)),
}
DIGEST_LINES = 9  # events a digest's image lists; the page and the text have them all
QR_MASK = 2  # a fixed mask: choosing the best of eight took four fifths of a QR code's time


@dataclass(frozen=True)
class PostLinks:
    """The event page's links for editors and partners."""

    text: str
    image: str | None  # None for an event that is over
    poster: str | None


@dataclass(frozen=True)
class PostImage:
    """What a post image shows: its words, its picture (a content path), its colours."""

    text: CardText
    picture: str | None
    colours: tuple


def qr_svg(address: str, label: str) -> Markup:
    """The QR code of `address` as an inline SVG element that scales (a viewBox,
    no size), black on white, named for screen readers."""
    code = segno.make_qr(address, error="m", mask=QR_MASK)
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", xmldecl=False, svgns=True, nl=False, border=4, omitsize=True,
              svgclass="qr", lineclass=None, dark="#000", light="#fff")
    svg = buffer.getvalue().decode("ascii")
    return Markup(svg.replace("<svg ", Markup('<svg role="img" aria-label="{}" ').format(label), 1))


class PostWriter:
    """Takes what it needs from the page writer: the output, the language's view,
    the listings, and the writer's `page()` and `card()` (which keep what is unchanged)."""

    def __init__(self, output, view, listings, page: Callable, card: Callable, keys: dict, last_keys: dict,
                 site_key: str):
        self.output = output
        self.view = view
        self.lang = view.lang
        self.listings = listings
        self.page = page
        self.card = card
        self.keys = keys
        self.last_keys = last_keys
        self.site_key = site_key
        self._facts: dict[str, posts.EventFacts] = {}  # by slug: the text, the image and the poster share them

    def text_file(self, path: str, key: tuple, make: Callable[[], str]) -> None:
        """A text file, made again only when its key changed."""
        key = self.keys[path] = build_key(self.site_key, self.lang, path, key)
        if self.last_keys.get(path) == key and self.output.keep(path):
            return
        self.output.write(path, make().encode("utf-8"))

    # --- events ---------------------------------------------------------------

    def is_upcoming(self, event: Event) -> bool:
        return posts.upcoming(self.listings.by_event.get(event.slug, []), self.view.today, self.view.config)

    def links(self, event: Event) -> PostLinks:
        view, slug = self.view, event.slug
        upcoming = self.is_upcoming(event)
        return PostLinks(view.href(urls.event_post_text(self.lang, slug)),
                         view.href(urls.event_post_image(self.lang, slug)) if upcoming else None,
                         view.href(urls.poster(self.lang, slug)) if upcoming else None)

    def facts(self, event: Event) -> posts.EventFacts:
        facts = self._facts.get(event.slug)
        if facts is None:
            view = self.view
            facts = self._facts[event.slug] = posts.event_facts(event, self.listings.main(event.slug), view.content,
                                                                view.config, self.lang, view.gettext)
        return facts

    def write_event(self, event: Event, event_key: str, page_written: bool) -> None:
        self.text_file(urls.event_post_text(self.lang, event.slug), (event_key,),
                       lambda: posts.event_post(self.facts(event)))
        if not self.is_upcoming(event):
            self._facts.pop(event.slug, None)
            return
        self.card(urls.event_post_image(self.lang, event.slug), page_written, lambda: self.event_image(event),
                  self.draw)
        self.page(urls.poster(self.lang, event.slug), "poster", (event_key,), lambda: self.poster_values(event))
        self._facts.pop(event.slug, None)

    def event_image(self, event: Event) -> tuple[PostImage, str | None]:
        view = self.view
        occurrence = self.listings.main(event.slug)
        day, time = self.day_and_time(occurrence) if occurrence else ("", "")
        facts = self.facts(event)
        text = CardText(title=facts.title, lines=tuple(filter(None, (day, time, facts.place))),
                        site_name=view.gettext("Houses of Friendship"), label=view.category_label(event.category),
                        lang=self.lang)
        picture = event.image.path if event.image else None
        return PostImage(text, picture, CATEGORY_COLOURS.get(event.category, CATEGORY_COLOURS["other"])), picture

    def day_and_time(self, occurrence) -> tuple[str, str]:
        """The date (with its weekday) and the time, as two lines; an occurrence
        over several days is one line."""
        dates = self.view.dates
        if not occurrence.all_day and occurrence.start.date() == occurrence.end.date():
            start, end = occurrence.start, occurrence.end
            return f"{dates.weekday(start.date())}, {dates.date(start.date())}", \
                f"{dates.time(start)}–{dates.time(end)}{posts.zone_note(occurrence, dates)}"
        return posts.when_in_words(occurrence, dates), ""

    def draw(self, shown: PostImage, picture: str | None) -> bytes:
        background, accent = shown.colours
        return draw_post(shown.text, self.view.pictures[picture].preview if picture else None, accent=accent,
                         background=background)

    def poster_values(self, event: Event) -> dict:
        view = self.view
        address = view.absolute(urls.event(self.lang, event.slug))
        occurrence = self.listings.main(event.slug)
        day, time = self.day_and_time(occurrence) if occurrence else ("", "")
        # the other language's title beneath, when it has its own
        title = view.text(event.title)
        other_lang = next((code for code in view.config.languages
                           if code != self.lang and event.title.get(code) not in (None, title.value)), None)
        other = event.title[other_lang] if other_lang else None
        return {"event": event, "occurrence": occurrence, "day": day, "time": time, "address": address,
                "place": view.place(event.place), "other_title": other, "other_lang": other_lang,
                "qr": qr_svg(address, view.gettext("QR code: %(address)s") % {"address": address})}

    # --- the weekly digest -------------------------------------------------------

    def write_digests(self) -> None:
        view = self.view
        config = view.config
        card_key = self.listings.card_key
        coming = weeks.week_of(view.today + dt.timedelta(days=2))  # from Saturday on, the next week
        for week in weeks.digest_weeks(view.today):
            year, number = week
            monday = weeks.monday(week)
            mine = weeks.in_week(self.listings.occurrences, week, config.zone)
            key = (week, [card_key(o) for o in mine])
            heading = posts.digest_heading(monday, config, self.lang, view.gettext)
            items = lambda m=mine, d=monday: posts.digest_items(m, d, config, self.lang, view.gettext)  # noqa: E731
            path = urls.digest(self.lang, year, number)
            values = lambda h=heading, i=items, w=week: self.digest_values(h, i(), w)  # noqa: E731
            written = self.page(path, "digest", key, values)
            if week == coming:
                self.page(urls.digest(self.lang), "digest", (*key, "coming"),
                          lambda v=values, p=path: {**v(), "canonical_path": p})
            address = view.absolute(path)
            self.text_file(urls.digest_post_text(self.lang, year, number), key,
                           lambda h=heading, i=items, a=address: posts.digest_post(h, i(), a, view.gettext))
            self.card(urls.digest_post_image(self.lang, year, number), written,
                      lambda h=heading, i=items: self.digest_image(h, i()), self.draw)

    def digest_values(self, heading: str, items: list, week) -> dict:
        days: dict = {}
        for item in items:
            days.setdefault((item.day, item.day_label), []).append(item)
        year, number = week
        return {"heading": heading, "days": [(day, label, shown) for (day, label), shown in days.items()],
                "text_url": self.view.href(urls.digest_post_text(self.lang, year, number)),
                "image_url": self.view.href(urls.digest_post_image(self.lang, year, number))}

    def digest_image(self, heading: str, items: list) -> tuple[PostImage, None]:
        view = self.view
        weekdays = view.dates.weekday_names("abbreviated")
        lines = [" ".join(filter(None, [weekdays[item.day.weekday()], item.time, item.title,
                                        f"({item.status})" if item.status else ""]))
                 for item in items[:DIGEST_LINES]]
        if len(items) > DIGEST_LINES:
            lines.append(view.gettext("More on the site: %(count)d") % {"count": len(items) - DIGEST_LINES})
        if not items:
            lines.append(view.gettext("No events this week."))
        text = CardText(title=heading, lines=tuple(lines), site_name=view.gettext("Houses of Friendship"),
                        lang=self.lang)
        return PostImage(text, None, CATEGORY_COLOURS["other"]), None
