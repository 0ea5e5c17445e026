"""`/events.json`: every published event in every language, for partner sites
(its shape: README, "Data for partners"; `schema/events.schema.json` describes
it and a test validates the output against it)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from urllib.parse import quote

from dostyq import urls

VERSION = 1
EVENTS_SCHEMA = Path(__file__).resolve().parents[2] / "schema" / "events.schema.json"  # published beside it


def event_data(event, content, listings, pictures: dict, config) -> dict:
    """One event as events.json gives it."""
    site = config.site_url
    languages = config.languages

    def per_language(values) -> dict[str, str]:
        return dict(values.values_by_language) if values else {}

    def by_language(path_of) -> dict[str, str]:
        return {lang: f"{site}/{path_of(lang)}" for lang in languages}

    def image(path: str, alt) -> dict:
        responsive = pictures[path].responsive
        sources = [{"url": f"{site}/{quote(urls.media_rendition(path, r.name))}", "width": r.width,
                    "height": r.height, "type": r.mime} for r in (*responsive.webp, *responsive.fallback)]
        return {"alt": per_language(alt), "width": responsive.width, "height": responsive.height, "sources": sources}

    place = content.places.get(event.place) if event.place else None
    return {
        "id": event.id,
        "slug": event.slug,
        "status": event.status,
        "category": event.category,
        "all_day": event.all_day,
        "timezone": event.timezone,
        "title": per_language(event.title),
        "summary": per_language(event.summary),
        "status_note": per_language(event.status_note),
        "occurrences": [_occurrence(o) for o in listings.by_event.get(event.slug, [])],
        "repeats": bool(event.rrule or event.dates),
        "place": {
            "id": place.id, "name": per_language(place.name), "address": per_language(place.address),
            "city": per_language(content.cities.get(place.city)) if place.city else {},
            "geo": list(place.geo) if place.geo else None,
        } if place else None,
        "location": per_language(event.location),
        "centers": [{"id": c, "name": per_language(content.centers[c].name),
                     "url": by_language(lambda lang, c=c: urls.center(lang, c))} for c in event.centers],
        "organizer": per_language(event.organizer),
        "free": event.free,
        "price": per_language(event.price),
        "tags": {lang: list(tags) for lang, tags in per_language(event.tags).items()},
        "links": {
            "page": by_language(lambda lang: urls.event(lang, event.slug)),
            "ics": by_language(lambda lang: urls.event_feed(lang, event.slug)),
            "card": by_language(lambda lang: urls.event_card(lang, event.slug)),
            "external": event.url,
        },
        "image": image(event.image.path, event.image_alt) if event.image else None,
    }


def _occurrence(o) -> dict:
    if o.all_day:  # dates, the last one included, as the content states them
        return {"start": o.start.isoformat(), "end": o.end.isoformat()}
    return {"start": o.start.isoformat(timespec="minutes"), "end": o.end.isoformat(timespec="minutes"),
            "start_utc": _utc(o.start), "end_utc": _utc(o.end)}


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def events_json(content, listings, pictures: dict, config, today: dt.date, kept, made: dict[str, str],
                event_key) -> bytes:
    """The document, each event's part taken from the last build when the event
    is the same (`kept`: get(key) -> JSON text; the parts this build makes go into
    `made`; `event_key(event)`: what its part is made from)."""
    parts = []
    for event in content.events:
        part_key = f"json:{event_key(event)}"
        part = kept.get(part_key)
        if part is None:
            part = made[part_key] = _dumps(event_data(event, content, listings, pictures, config))
        parts.append(part)
    head = _dumps({"version": VERSION, "site": config.site_url, "generated": today.isoformat(),
                   "languages": list(config.languages), "timezone": config.timezone})
    return f'{head[:-1]},"events":[{",".join(parts)}]}}'.encode("utf-8")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
