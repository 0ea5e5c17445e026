"""Events: `content/events/**/<slug>.<lang>.md`."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..config import SiteConfig
from . import fields as f
from .entries import Field, Localized, Merged, localized
from .markdown import first_paragraph, to_html
from .problems import Problems

STATUSES = ("scheduled", "cancelled", "postponed", "rescheduled")
Moment = dt.date | dt.datetime

EVENT_FIELDS = {
    "title": Field(f.line_of_text, per_language=True, required=True),
    "start": Field(f.moment, required=True),
    "end": Field(f.moment),
    "timezone": Field(f.timezone),
    "category": Field(f.category, required=True),
    "centers": Field(f.identifier_list),
    "organizer": Field(f.line_of_text, per_language=True),
    "place": Field(f.identifier),
    "location": Field(f.line_of_text, per_language=True),
    "image": Field(f.image),
    "image_alt": Field(f.line_of_text, per_language=True),
    "summary": Field(f.text, per_language=True),
    "status": Field(f.choice(*STATUSES)),
    "status_note": Field(f.text, per_language=True),
    "rrule": Field(f.rrule),
    "dates": Field(f.list_of(f.moment)),
    "except": Field(f.list_of(f.date_only)),
    "tags": Field(f.text_list, per_language=True),
    "url": Field(f.url),
    "free": Field(f.boolean),
    "price": Field(f.line_of_text, per_language=True),
    "participants": Field(f.whole_number),
    "gallery": Field(f.gallery, per_language=True),
    "id": Field(f.identifier),
    "draft": Field(f.boolean),
}


@dataclass(frozen=True)
class Event:
    slug: str
    id: str
    files: dict[str, Path]  # language -> file
    title: Localized[str]
    body_html: Localized[str]
    summary: Localized[str]
    start: Moment  # naive, local to `timezone`; a date for all-day events
    end: Moment  # all-day: the last day, inclusive; timed: the end time
    timezone: str
    category: str
    centers: tuple[str, ...]
    organizer: Localized[str]
    place: str | None
    location: Localized[str]
    image: str | None
    image_alt: Localized[str]
    status: str
    status_note: Localized[str]
    rrule: str | None
    dates: tuple[Moment, ...]
    except_dates: tuple[dt.date, ...]
    tags: Localized[tuple[str, ...]]
    url: str | None
    free: bool | None
    price: Localized[str]
    participants: int | None
    gallery: Localized[tuple[f.Photo, ...]]
    draft: bool

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)

    @property
    def duration(self) -> dt.timedelta:
        """Length of one occurrence; for all-day events whole days, the last one included."""
        if self.all_day:
            return self.end - self.start + dt.timedelta(days=1)
        return self.end - self.start

    @property
    def repeats(self) -> bool:
        return bool(self.rrule or self.dates)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.files)


def _same_kind(a: Moment, b: Moment) -> bool:
    return isinstance(a, dt.datetime) == isinstance(b, dt.datetime)


def build_event(merged: Merged, config: SiteConfig, problems: Problems) -> Event | None:
    """The event, or None when a fact it cannot do without was missing or invalid
    (that problem is already reported)."""
    start, category = merged.fact("start"), merged.fact("category")
    if start is None or category is None:
        return None
    end = merged.fact("end")
    ok = True
    if end is not None and not _same_kind(start, end):
        problems.error(*merged.where("end"), "`end` must be of the same kind as `start`: "
                       "both dates (an all-day event) or both dates with a time")
        ok = False
    elif end is not None and (end < start or (end == start and isinstance(start, dt.datetime))):
        problems.error(*merged.where("end"), f"`end` ({end}) is not after `start` ({start})")
        ok = False
    for extra in merged.fact("dates", ()):
        if not _same_kind(start, extra):
            problems.error(*merged.where("dates"), f"`dates`: {extra} must be of the same kind as `start` ({start})")
            ok = False
    excluded = set(merged.fact("except", ()))
    if excluded and not merged.fact("rrule"):
        starts = {start, *merged.fact("dates", ())}
        if all((s.date() if isinstance(s, dt.datetime) else s) in excluded for s in starts):
            problems.error(*merged.where("except"), "`except` removes every date of the event")
            ok = False
    image = merged.fact("image")
    image_alt = localized(merged, "image_alt", config)
    if image and not image_alt:
        problems.error(*merged.where("image"), "`image` needs `image_alt`, a short description of the picture")
        ok = False
    elif image:
        for lang, src in merged.sources.items():
            if lang not in image_alt:
                problems.warn(src.path, 1, "`image_alt` is missing in this language")
    if not ok:
        return None
    if end is None:
        end = start if not isinstance(start, dt.datetime) else start + config.default_duration
    bodies = {lang: to_html(src.body) for lang, src in merged.sources.items() if src.body.strip()}
    summaries = {lang: first_paragraph(html) for lang, html in bodies.items()}
    summaries.update(merged.texts.get("summary", {}))
    slug = merged.key
    return Event(
        slug=slug,
        id=merged.fact("id", slug),
        files={lang: src.path.resolve() for lang, src in merged.sources.items()},
        title=localized(merged, "title", config),
        body_html=Localized(bodies, config),
        summary=Localized(summaries, config),
        start=start,
        end=end,
        timezone=merged.fact("timezone", config.timezone),
        category=category,
        centers=merged.fact("centers", ()),
        organizer=localized(merged, "organizer", config),
        place=merged.fact("place"),
        location=localized(merged, "location", config),
        image=image,
        image_alt=image_alt,
        status=merged.fact("status", "scheduled"),
        status_note=localized(merged, "status_note", config),
        rrule=merged.fact("rrule"),
        dates=tuple(d for d in merged.fact("dates", ()) if d != start),
        except_dates=merged.fact("except", ()),
        tags=localized(merged, "tags", config),
        url=merged.fact("url"),
        free=merged.fact("free"),
        price=localized(merged, "price", config),
        participants=merged.fact("participants"),
        gallery=localized(merged, "gallery", config),
        draft=merged.fact("draft", False),
    )
