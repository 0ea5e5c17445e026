"""What templates show, prepared in Python for one language: texts with their
real language, labels, addresses and formatted dates. Templates only loop,
branch and format."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable
from urllib.parse import quote

from dostyq import urls
from dostyq.alphabet import sort_key
from dostyq.calendar import links
from dostyq.calendar.occurrences import Occurrence
from dostyq.config import SiteConfig
from dostyq.dates import DateFormat
from dostyq.model import Center, Content, Event, Localized, Place, Shown

from .vocabulary import CATEGORY_LABELS, IN_LANGUAGE, KIND_LABELS, KIND_NAMES, SOCIAL_LABELS, STATUS_LABELS


@dataclass(frozen=True)
class Card:
    """One occurrence in a list."""

    occurrence: Occurrence
    url: str
    title: Shown[str]
    when: str  # in the event's own time
    zone_city: str | None  # the event's zone, when it is not the site's
    status: str  # scheduled, cancelled, ...
    status_label: str
    centers: list[tuple[str, Shown[str]]]
    place: Shown[str] | None
    past: bool
    ends_at: str  # ISO UTC instant, for theme/static/js/past.js
    title_language: str | None = None  # "in Kazakh", when the title is not in the page's language


@dataclass(frozen=True)
class Picture:
    """An image's resized copies, for <picture>: srcset strings, the largest copy."""

    webp: str
    fallback: str
    src: str
    width: int
    height: int
    absolute: str  # the largest fallback copy's full address (OpenGraph, feeds)
    mime: str


@dataclass(frozen=True)
class FeedLink:
    """A calendar feed as a page offers it: subscribe (webcal://) or download."""

    label: str
    webcal: str
    href: str


@dataclass(frozen=True)
class CalendarLink:
    """An "add to calendar" link to a calendar service."""

    service: str
    label: str
    url: str


class LanguageView:
    def __init__(self, lang: str, config: SiteConfig, content: Content, gettext, siteurl: str,
                 today: dt.date, pictures: dict | None = None):
        self.lang = lang
        self.pictures = pictures or {}  # content path -> assets.Published
        self.config = config
        self.content = content
        self.gettext = gettext
        self.siteurl = siteurl
        self.today = today
        self.dates = DateFormat(lang, config.timezone)
        self.site_zone = config.zone

    # addresses
    def href(self, path: str) -> str:
        return f"{self.siteurl}/{path}"

    def event_url(self, event: Event) -> str:
        return self.href(urls.event(self.lang, event.slug))

    def center_url(self, center_id: str) -> str:
        return self.href(urls.center(self.lang, center_id))

    def place_url(self, place_id: str) -> str:
        return self.href(urls.place(self.lang, place_id))

    def category_url(self, category: str) -> str:
        return self.href(urls.category(self.lang, category))

    def media_url(self, content_path: str) -> str:
        return self.href(urls.media(content_path))

    def picture(self, content_path: str) -> Picture:
        """An image of the content as pages show it: its resized copies."""
        responsive = self.pictures[content_path].responsive
        base = self.href(quote(urls.media_rendition(content_path, "")))

        def srcset(renditions) -> str:  # names quoted: a space would split a srcset entry
            return ", ".join(f"{base}{quote(r.name)} {r.width}w" for r in renditions)

        largest = responsive.fallback[-1]
        return Picture(webp=srcset(responsive.webp), fallback=srcset(responsive.fallback),
                       src=base + quote(largest.name), width=responsive.width, height=responsive.height,
                       absolute=self.absolute(quote(urls.media_rendition(content_path, largest.name))),
                       mime=largest.mime)

    def pictures_key(self, paths) -> tuple[str, ...]:
        """The bytes of these images, for keys that leave out the site's key (social
        cards); every other key has them through the site's key."""
        return tuple(self.pictures[p].digest for p in paths if p in self.pictures)

    def absolute(self, path: str) -> str:
        """A full address, for feeds and links that leave the site."""
        return f"{self.config.site_url}/{path}"

    def feed_link(self, label: str, path: str) -> FeedLink:
        # webcal:// makes a browser hand the feed to the calendar app, which then keeps it up to date
        return FeedLink(label, "webcal://" + self.absolute(path).split("://", 1)[1], self.href(path))

    def site_feed(self) -> FeedLink:
        return self.feed_link(self.gettext("All events"), urls.site_feed(self.lang))

    def center_feed(self, center: Center) -> FeedLink:
        return self.feed_link(self.text(center.name).value, urls.center_feed(self.lang, center.id))

    def category_feed(self, category: str) -> FeedLink:
        return self.feed_link(self.category_label(category), urls.category_feed(self.lang, category))

    def event_file(self, event: Event) -> str:
        return self.href(urls.event_feed(self.lang, event.slug))

    def calendar_text(self, event: Event) -> links.EventText:
        """What an "add to calendar" form is filled in with: the title, the summary's
        start and the page (the whole text made links of thousands of characters,
        which browsers and Google cut), the place."""
        summary = self.text(event.summary)
        details = "\n\n".join(filter(None, [short_text(summary.value) if summary else "",
                                            self.absolute(urls.event(self.lang, event.slug))]))
        return links.EventText(self.text(event.title).value, details, self.location_text(event))

    def calendar_links(self, event: Event, occurrence: Occurrence) -> list[CalendarLink]:
        """The services an event page offers beside its .ics file: Google Calendar
        (the whole series), Outlook.com and Microsoft 365 (events that do not repeat)."""
        text = self.calendar_text(event)
        found = [CalendarLink("google", self.gettext("Google Calendar"), links.google(event, text, self.config))]
        for service, label in (("outlook.com", "Outlook.com"), ("microsoft365", "Microsoft 365")):
            url = links.outlook(event, occurrence, text, service)
            if url:
                found.append(CalendarLink(service, label, url))
        return found

    def location_text(self, event: Event) -> str | None:
        """Place, room and address in one line, as calendars show a location."""
        place = self.place(event.place)
        room = self.text(event.location)
        parts = [self.text(place.name).value if place else None, room.value if room else None]
        if place and place.address:
            parts.append(self.text(place.address).value)
        return ", ".join(p for p in parts if p) or None

    # texts
    def text(self, values: Localized) -> Shown | None:
        return values.shown(self.lang)

    def category_label(self, category: str) -> str:
        return self.gettext(CATEGORY_LABELS[category]) if category in CATEGORY_LABELS else category

    def status_label(self, status: str) -> str:
        return self.gettext(STATUS_LABELS[status])

    def kind_label(self, kind: str) -> str:
        """The kind as a heading of a list: "Ethnocultural centres"."""
        return self.gettext(KIND_LABELS[kind])

    def kind_name(self, kind: str) -> str:
        """One centre's kind: "Ethnocultural centre"."""
        return self.gettext(KIND_NAMES[kind])

    def in_language(self, lang: str) -> str:
        """"in Kazakh", for a text shown in another language than the page's."""
        return self.gettext(IN_LANGUAGE[lang]) if lang in IN_LANGUAGE else lang

    def sorted_centers(self, centers) -> list:
        """Centres in the order of their `order`, then by name in this language's alphabet."""
        return sorted(centers, key=lambda c: (c.order is None, c.order or 0,
                                              sort_key(self.text(c.name).value, self.lang), c.id))

    def social_label(self, network: str) -> str:
        return self.gettext(SOCIAL_LABELS.get(network, network))

    def city_label(self, city: str | None) -> Shown[str] | None:
        """The city's name from places.yml; None while it has none (the checker warns)."""
        names = self.content.cities.get(city) if city else None
        return self.text(names) if names else None

    def center(self, center_id: str) -> Center:
        return self.content.centers[center_id]

    def place(self, place_id: str | None) -> Place | None:
        return self.content.places.get(place_id) if place_id else None

    def map_url(self, place: Place) -> str | None:
        if place.geo is None:
            return None
        lat, lon = place.geo
        return f"https://www.openstreetmap.org/?mlat={lat:.5f}&mlon={lon:.5f}#map=17/{lat:.5f}/{lon:.5f}"

    # dates
    def when(self, occurrence: Occurrence) -> str:
        return self.dates.when(occurrence)

    def when_here(self, occurrence: Occurrence) -> str | None:
        """The same occurrence in the site's time, for events in another zone."""
        if not self.dates.in_other_zone(occurrence):
            return None
        return self.dates.when(occurrence, self.site_zone)

    def zone_city(self, zone: str) -> str:
        return self.dates.zone_city(zone)

    def is_past(self, occurrence: Occurrence) -> bool:
        return occurrence.last_day(self.site_zone) < self.today

    def ends_at(self, occurrence: Occurrence) -> str:
        """When the occurrence is over, as a UTC instant; an all-day one at the site's
        midnight after its last day."""
        if occurrence.all_day:
            end = dt.datetime.combine(occurrence.end + dt.timedelta(days=1), dt.time(), self.site_zone)
        else:
            end = occurrence.end
        return end.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    def card(self, occurrence: Occurrence) -> Card:
        event = occurrence.event
        place = self.place(event.place)
        title = self.text(event.title)
        return Card(
            occurrence=occurrence,
            url=self.event_url(event),
            title=title,
            when=self.when(occurrence),
            zone_city=self.zone_city(event.timezone) if self.dates.in_other_zone(occurrence) else None,
            status=event.status,
            status_label=self.status_label(event.status),
            centers=[(self.center_url(c), self.text(self.center(c).name)) for c in event.centers],
            place=self.text(place.name) if place else None,
            past=self.is_past(occurrence),
            ends_at=self.ends_at(occurrence),
            title_language=self.in_language(title.lang) if title and title.lang != self.lang else None,
        )

    def cards(self, occurrences: Iterable[Occurrence]) -> list[Card]:
        return [self.card(o) for o in occurrences]


SHORT_TEXT = 100  # characters


def short_text(text: str, limit: int = SHORT_TEXT) -> str:
    """The text's start, cut between words, with an ellipsis when it was longer."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"
