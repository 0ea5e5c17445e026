"""The calendar feeds of one language (spec/site.md, "Feeds and data"): the whole
site, each centre, each category, and one file per event.

Each event's VEVENT is made once per language (with its whole text for its own
file, then with a short one for the big feeds) and kept for the next build by
a key of what it is made from; a feed whose events and ranks did not change is
not made again."""
from __future__ import annotations

import datetime as dt

from dostyq import urls
from dostyq.build_cache import dumps, key, loads
from dostyq.calendar.ics import FeedEntry, FeedItem, feed, serialize, vevent, with_description
from dostyq.calendar.occurrences import Occurrence
from dostyq.history import History
from dostyq.model import Event
from dostyq.output import SiteOutput

from .views import LanguageView

# The big feeds carry a short description (the page has the rest): Google Calendar
# stops reading subscriptions of about 1 MB.
SHORT_DESCRIPTION = 100


class FeedWriter:
    def __init__(self, output: SiteOutput, view: LanguageView, occurrences: list[Occurrence], history: History,
                 site_key: str, last_keys: dict[str, str], last_vevents):
        self.output = output
        self.view = view
        self.lang = view.lang
        self.history = history
        self.site_key = site_key
        self.last_keys = last_keys
        self.last_vevents = last_vevents  # the last build's, pickled, by key (get())
        self.keys: dict[str, str] = {}  # this build's, by output path
        self.vevents: dict[str, bytes] = {}  # those made by this build, pickled, for the cache
        self.vevent_keys: dict[str, str] = {}  # by event slug
        # each event's last day, and its next occurrence not yet over (None: all are over)
        self.ends: dict[str, dt.date] = {}
        self.next_start: dict[str, dt.datetime] = {}
        for o in occurrences:  # sorted by start
            last = o.last_day(view.site_zone)
            self.ends[o.event.slug] = max(self.ends.get(o.event.slug, last), last)
            if last >= view.today:
                self.next_start.setdefault(o.event.slug, o.start_utc)

    def write_all(self) -> None:
        view, content, config = self.view, self.view.content, self.view.config
        cutoff = view.today - dt.timedelta(days=config.feed_past_days)
        recent: list[FeedItem] = []  # the big feeds' events, with the short description
        for event in content.events:
            _, short = self.event_file(event)
            if self.ends.get(event.slug, cutoff) >= cutoff:
                recent.append(FeedItem(event, short, self.rank(event)))
        site_name = view.gettext("Houses of Friendship: events")
        budget = config.feed_max_bytes
        self.write(urls.site_feed(self.lang), site_name, urls.home(self.lang), recent, budget)
        for center in content.centers.values():
            self.write(urls.center_feed(self.lang, center.id), f"{view.text(center.name).value} — {site_name}",
                       urls.center(self.lang, center.id), [i for i in recent if center.id in i.event.centers], budget)
        for category in config.categories:
            self.write(urls.category_feed(self.lang, category), f"{view.category_label(category)} — {site_name}",
                       urls.category(self.lang, category), [i for i in recent if i.event.category == category], budget)

    def event_file(self, event: Event) -> tuple[bytes, bytes]:
        """The event's own file; its VEVENT whole and with the short description."""
        path = urls.event_feed(self.lang, event.slug)
        modified = self.history.modified(event)
        vevent_key = key(self.site_key, self.lang, "vevent", event.fingerprint,
                         tuple(self.view.center(c).fingerprint for c in event.centers), modified)
        self.keys[path] = vevent_key
        self.vevent_keys[event.slug] = vevent_key
        if self.last_keys.get(path) == vevent_key:
            kept = self.last_vevents.get(vevent_key)
            if kept is not None and self.output.keep(path):
                return loads(kept)
        entry = self.entry(event, modified)
        whole = serialize(vevent(entry, self.view.config))
        self.output.write(path, feed(entry.title, entry.url, [FeedItem(event, whole)], self.view.config, self.lang))
        made = whole, with_description(whole, entry.short_description)
        self.vevents[vevent_key] = dumps(made)
        return made

    def write(self, path: str, name: str, page: str, items: list[FeedItem], max_bytes: int | None = None) -> None:
        feed_key = key(self.site_key, self.lang, "feed", name, page, [(self.vevent_keys[i.event.slug], i.rank) for i in items])
        self.keys[path] = feed_key
        if self.last_keys.get(path) == feed_key and self.output.keep(path):
            return
        self.output.write(path, feed(name, self.view.absolute(page), items, self.view.config, self.lang, max_bytes))

    def rank(self, event: Event) -> tuple:
        """Over the size budget a feed keeps what is on or coming soonest, then what
        ended most recently."""
        coming = self.next_start.get(event.slug)
        if coming is not None:
            return 0, coming.timestamp(), event.slug
        return 1, -self.ends.get(event.slug, dt.date.min).toordinal(), event.slug

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
            image_url=view.absolute(urls.media(event.image.path)) if event.image else None,
            organizer=organizer,
            modified=modified,
        )

    def description(self, event: Event, url: str, short: bool) -> str:
        view = self.view
        body = view.text(event.body_text)
        text = body.value if body else ""
        if short:
            summary = view.text(event.summary)
            text = summary.value if summary else ""
            if len(text) > SHORT_DESCRIPTION:
                text = text[:SHORT_DESCRIPTION].rsplit(" ", 1)[0] + "…"
        note = view.text(event.status_note)
        parts = [f"{view.status_label(event.status)}. {note.value if note else ''}".strip() if event.status != "scheduled" else "",
                 text, url]
        return "\n\n".join(p for p in parts if p)
