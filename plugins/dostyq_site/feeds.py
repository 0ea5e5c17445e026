"""The calendar feeds of one language (spec/site.md, "Feeds and data"): the whole
site, each centre, each category, and one file per event.

Each event's VEVENT is made once per language (with its whole text for its own
file, then with a short one for the big feeds); the short one is kept for the
next build by a key of what it is made from. A feed whose events and ranks did
not change is not made again, and does not even look at their VEVENTs."""
from __future__ import annotations

import datetime as dt

from dostyq import urls
from dostyq.build_cache import key
from dostyq.calendar.ics import FeedEntry, FeedItem, feed, vevent, with_description
from dostyq.history import History
from dostyq.model import Event
from dostyq.output import SiteOutput

from .listings import Listings
from .views import LanguageView, short_text



class FeedWriter:
    def __init__(self, output: SiteOutput, view: LanguageView, listings: Listings, history: History,
                 site_key: str, last_keys: dict[str, str], last_vevents):
        self.output = output
        self.view = view
        self.lang = view.lang
        self.listings = listings
        self.history = history
        self.site_key = site_key
        self.last_keys = last_keys
        self.last_vevents = last_vevents  # the last build's short VEVENTs, by key (get())
        self.keys: dict[str, str] = {}  # this build's, by output path
        self.vevents: dict[str, bytes] = {}  # the short VEVENTs made by this build, for the cache

    def write_all(self) -> None:
        view, content, config = self.view, self.view.content, self.view.config
        cutoff = view.today - dt.timedelta(days=config.feed_past_days)
        recent: list[tuple[Event, str, tuple]] = []  # the big feeds' events: their VEVENT's key and rank
        for event in content.events:
            vevent_key = self.event_file(event)
            if self.listings.ends.get(event.slug, cutoff) >= cutoff:
                recent.append((event, vevent_key, self.rank(event)))
        by_center: dict[str, list[tuple]] = {}
        by_category: dict[str, list[tuple]] = {}
        for item in recent:
            for center_id in item[0].centers:
                by_center.setdefault(center_id, []).append(item)
            by_category.setdefault(item[0].category, []).append(item)
        site_name = view.gettext("Houses of Friendship: events")
        budget = config.feed_max_bytes
        self.write(urls.site_feed(self.lang), site_name, urls.home(self.lang), recent, budget)
        for center in content.centers.values():
            self.write(urls.center_feed(self.lang, center.id), f"{view.text(center.name).value} — {site_name}",
                       urls.center(self.lang, center.id), by_center.get(center.id, []), budget)
        for category in config.categories:
            self.write(urls.category_feed(self.lang, category), f"{view.category_label(category)} — {site_name}",
                       urls.category(self.lang, category), by_category.get(category, []), budget)

    def event_file(self, event: Event) -> str:
        """The event's own file; returns the key of its VEVENT."""
        path = urls.event_feed(self.lang, event.slug)
        modified = self.history.modified(event)
        vevent_key = key(self.site_key, self.lang, "vevent", event.fingerprint,
                         tuple(self.view.center(c).fingerprint for c in event.centers), modified)
        self.keys[path] = vevent_key
        if self.last_keys.get(path) == vevent_key and vevent_key in self.last_vevents and self.output.keep(path):
            return vevent_key
        entry = self.entry(event, modified)
        whole = vevent(entry, self.view.config)
        self.output.write(path, feed(entry.title, entry.url, [FeedItem(event, whole)], self.view.config, self.lang))
        self.vevents[vevent_key] = with_description(whole, entry.short_description)
        return vevent_key

    def write(self, path: str, name: str, page: str, items: list[tuple[Event, str, tuple]],
              max_bytes: int | None = None) -> None:
        feed_key = key(self.site_key, self.lang, "feed", name, page, [(k, rank) for _, k, rank in items])
        self.keys[path] = feed_key
        if self.last_keys.get(path) == feed_key and self.output.keep(path):
            return
        made = [FeedItem(event, self.vevents.get(k) or self.last_vevents.get(k), rank) for event, k, rank in items]
        self.output.write(path, feed(name, self.view.absolute(page), made, self.view.config, self.lang, max_bytes))

    def rank(self, event: Event) -> tuple:
        """Over the size budget a feed keeps what is on or coming soonest, then what
        ended most recently."""
        coming = self.listings.next_start.get(event.slug)
        if coming is not None:
            return 0, coming.timestamp(), event.slug
        return 1, -self.listings.ends.get(event.slug, dt.date.min).toordinal(), event.slug

    def entry(self, event: Event, modified: dt.datetime) -> FeedEntry:
        view = self.view
        title = view.text(event.title).value
        if event.status in ("cancelled", "postponed"):
            # many clients ignore STATUS in subscriptions: say it in the title too
            title = f"{view.status_label(event.status)}: {title}"
        url = view.absolute(urls.event(self.lang, event.slug))
        place = view.place(event.place)
        organizer = next(((view.text(c.name).value, c.email) for c in map(view.center, event.centers) if c.email), None)
        return FeedEntry(
            event=event,
            title=title,
            description=self.description(event, url, short=False),
            short_description=self.description(event, url, short=True),
            url=url,
            category=view.category_label(event.category),
            location=view.location_text(event),
            geo=place.geo if place else None,
            image_url=view.picture(event.image.path).absolute if event.image else None,
            organizer=organizer,
            modified=modified,
        )

    def description(self, event: Event, url: str, short: bool) -> str:
        view = self.view
        body = view.text(event.body_text)
        text = body.value if body else ""
        if short:  # the big feeds: Google Calendar stops reading subscriptions of about 1 MB
            summary = view.text(event.summary)
            text = short_text(summary.value) if summary else ""
        note = view.text(event.status_note)
        parts = [f"{view.status_label(event.status)}. {note.value if note else ''}".strip() if event.status != "scheduled" else "",
                 text, url]
        return "\n\n".join(p for p in parts if p)
