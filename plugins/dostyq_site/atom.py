"""Atom feeds of new and changed events, for feed readers (spec/site.md):
`/<lang>/feed.atom` for the whole network and `/<lang>/centers/<id>/feed.atom`.
Written by feedgenerator (which Pelican brings). An entry's `updated` is the
last commit that touched it, so an unchanged entry keeps its place and its id."""
from __future__ import annotations

import datetime as dt

from feedgenerator import Atom1Feed
from markupsafe import escape

from dostyq import urls
from dostyq.build_cache import key

from .listings import Listings

ENTRIES = 50  # the most recently changed events
ID_YEAR = 2026  # tag: URIs name a date on which the domain was held; never change it


class _Feed(Atom1Feed):
    """An empty feed's `updated` is the build's day, not the clock's (reproducible output)."""

    def __init__(self, *args, empty_updated: dt.datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_updated = empty_updated

    def latest_post_date(self):
        return super().latest_post_date() if self.items else self.empty_updated


class AtomWriter:
    """The Atom feeds of one language. A feed whose entries are those of the last
    build (same events, same changes) is kept as it is."""

    def __init__(self, output, view, listings, history, site_key: str, last_keys: dict[str, str]):
        self.output = output
        self.view = view
        self.listings = listings
        self.history = history
        self.site_key = site_key
        self.last_keys = last_keys
        self.keys: dict[str, str] = {}

    def write_all(self) -> None:
        view = self.view
        modified = {event.slug: self.history.modified(event) for event in view.content.events}
        events = sorted(view.content.events, key=lambda e: (modified[e.slug], e.slug), reverse=True)
        by_center: dict[str, list] = {}
        for event in events:
            for center_id in event.centers:
                by_center.setdefault(center_id, []).append(event)
        site_name = view.gettext("Houses of Friendship: events")
        self.write(urls.site_atom(view.lang), site_name, urls.home(view.lang), events[:ENTRIES], modified)
        for center in view.content.centers.values():
            self.write(urls.center_atom(view.lang, center.id), f"{view.text(center.name).value} — {site_name}",
                       urls.center(view.lang, center.id), by_center.get(center.id, [])[:ENTRIES], modified)

    def write(self, path: str, title: str, page: str, events: list, modified: dict) -> None:
        view = self.view
        feed_key = key(self.site_key, view.lang, "atom", title, page,
                       [(Listings.event_key(view.content, e), modified[e.slug]) for e in events])
        self.keys[path] = feed_key
        if self.last_keys.get(path) == feed_key and self.output.keep(path):
            return
        today = dt.datetime.combine(view.today, dt.time(), dt.timezone.utc)
        feed = _Feed(title=title, link=view.absolute(page), description="", language=view.lang,
                     feed_url=view.absolute(path), feed_guid=self.tag(path), empty_updated=today)
        for event in events:
            url = view.absolute(urls.event(view.lang, event.slug))
            feed.add_item(title=self.title(event), link=url, description=self.summary(event),
                          unique_id=self.tag(f"{view.lang}/events/{event.id}"),
                          updateddate=modified[event.slug].astimezone(dt.timezone.utc),
                          categories=[view.category_label(event.category)])
        self.output.write(path, feed.writeString("utf-8").encode("utf-8"))

    def tag(self, specific: str) -> str:
        """A stable id (RFC 4151): the same event has the same id in every build."""
        return f"tag:{self.view.config.domain},{ID_YEAR}:{specific}"

    def title(self, event) -> str:
        title = self.view.text(event.title).value
        if event.status != "scheduled":
            return f"{title} ({self.view.status_label(event.status)})"
        return title

    def summary(self, event) -> str:
        """When and where, then the summary: HTML, as Atom's summary type="html" takes it."""
        view = self.view
        occurrence = self.listings.main(event.slug)
        lead = " · ".join(filter(None, [view.when(occurrence) if occurrence else "", view.location_text(event)]))
        summary = view.text(event.summary)
        parts = [f"<p>{escape(lead)}</p>" if lead else "", f"<p>{escape(summary.value)}</p>" if summary else ""]
        return "".join(parts)
