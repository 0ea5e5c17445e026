"""Events: `content/events/**/<slug>.<lang>.md`."""
from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo


from ..calendar.recurrence import Rule, expand, last_day
from ..config import SiteConfig
from . import fields as f
from .entries import Field, Localized, Merged, localized, render_bodies
from .markdown import first_paragraph
from ..messages import Message
from .problems import Problems

STATUSES = ("scheduled", "cancelled", "postponed", "rescheduled")
Moment = dt.date | dt.datetime
# An event repeats at most this often within what the site expands (recurrence.last_day):
# pages, feeds and reports list every date.
MAX_DATES = 3_000
SHARE_SIZE = (1200, 630)  # what Facebook, Telegram and VK show a shared link's picture at
# "тг", "тенге", "теңге", "tg", "KZT" in a price: the site writes ₸ in both languages
_OTHER_TENGE = re.compile(r"(?<![\w])(тг|тңг|тенге|теңге|tg|kzt)(?![\w])", re.IGNORECASE)

EVENT_FIELDS = {
    "title": Field(f.line_of_text, per_language=True, required=True),
    "start": Field(f.moment, required=True),
    "end": Field(f.moment),
    "timezone": Field(f.timezone),
    "category": Field(f.category, required=True, choices=lambda config: config.categories),
    "centers": Field(f.identifier_list),
    "organizer": Field(f.line_of_text, per_language=True),
    "place": Field(f.identifier),
    "location": Field(f.line_of_text, per_language=True),
    "image": Field(f.image),
    "image_alt": Field(f.line_of_text, per_language=True),
    "summary": Field(f.text, per_language=True),
    "status": Field(f.choice(*STATUSES)),
    "status_note": Field(f.text, per_language=True),
    "previous_start": Field(f.moment),  # a rescheduled or postponed event's first announced start
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
    "uid": Field(f.uid),  # the UID of an imported event, which its feeds keep
    "draft": Field(f.boolean),
    "aliases": Field(f.aliases),  # earlier addresses: the build leaves a redirect at each
}


@dataclass(frozen=True)
class Event:
    slug: str
    id: str
    files: dict[str, str]  # language -> file (its real path)
    title: Localized[str]
    body_html: Localized[str]
    body_text: Localized[str]
    summary: Localized[str]
    start: Moment  # naive, local to `timezone`; a date for all-day events
    end: Moment  # all-day: the last day, inclusive; timed: the end time
    timezone: str
    category: str
    centers: tuple[str, ...]
    organizer: Localized[str]
    place: str | None
    location: Localized[str]
    image: f.Picture | None
    image_alt: Localized[str]
    status: str
    status_note: Localized[str]
    rrule: Rule | None
    dates: tuple[Moment, ...]
    except_dates: tuple[dt.date, ...]
    tags: Localized[tuple[str, ...]]
    url: str | None
    free: bool | None
    price: Localized[str]
    participants: int | None
    gallery: Localized[tuple[f.Photo, ...]]
    draft: bool
    uid: str | None = None
    previous_start: Moment | None = None
    aliases: tuple[str, ...] = ()  # earlier slugs or root-relative addresses (fields.aliases)
    fingerprint: str = ""  # the hash of its files: what pages and feeds made from it depend on

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
        problems.error(*merged.where("end"), Message("`end` must be of the same kind as `start`: "
                                                     "both dates (an all-day event) or both dates with a time"))
        ok = False
    elif end is not None and (end < start or (end == start and isinstance(start, dt.datetime))):
        problems.error(*merged.where("end"), Message("`end` ({end}) is not after `start` ({start})", end=end, start=start))
        ok = False
    for extra in merged.fact("dates", ()):
        if not _same_kind(start, extra):
            problems.error(*merged.where("dates"), Message("`dates`: {extra} must be of the same kind as `start` ({start})",
                                                           extra=extra, start=start))
            ok = False
    last_day_held = _check_dates(merged, start, config, problems) if ok else None
    if ok and last_day_held is None:
        ok = False
    for lang, src in merged.sources.items():
        price = src.fields.get("price")
        if price is not None and isinstance(price.value, str) and _OTHER_TENGE.search(price.value):
            problems.warn(src.path, price.line, Message("write the tenge as ₸, the same sign in every language "
                                                        "(e.g. `1 500 ₸`)"))
    previous = merged.fact("previous_start")
    if previous is not None and not _same_kind(start, previous):
        problems.error(*merged.where("previous_start"), Message(
            "`previous_start` must be of the same kind as `start` ({start})", start=start))
        ok = False
    elif previous is not None and merged.fact("status", "scheduled") not in ("rescheduled", "postponed"):
        problems.warn(*merged.where("previous_start"), Message(
            "`previous_start` is for a rescheduled or postponed event: set `status` too"))
    image = merged.fact("image")
    image_alt = localized(merged, "image_alt", config)
    if image and not image_alt:
        problems.error(*merged.where("image"), Message("`image` needs `image_alt`, a short description of the picture"))
        ok = False
    elif image:
        for lang, src in merged.sources.items():
            if lang not in image_alt:
                problems.warn(src.path, 1, Message("`image_alt` is missing in this language"))
        if image.width < SHARE_SIZE[0] or image.height < SHARE_SIZE[1]:
            problems.warn(*merged.where("image"), Message(
                "image {path} is {width}×{height} px: too small for a shared link, which shows {good_width}×{good_height} px",
                path=image.path, width=image.width, height=image.height, good_width=SHARE_SIZE[0], good_height=SHARE_SIZE[1]))
    if not ok:
        return None
    rule = merged.fact("rrule")
    over = (rule is None or rule.bounded) and last_day_held + (end - start if end and not isinstance(start, dt.datetime)
                                                               else dt.timedelta()) < config.build_today()
    if (over and merged.fact("participants") is None and merged.fact("status", "scheduled") != "cancelled"
            and not merged.fact("draft", False)):
        problems.warn(*merged.where("start"), Message("the event is over: add `participants`, how many took part "
                                                      "(the quarterly reports count them)"))
    bodies = render_bodies(merged, problems)
    if bodies is None:
        return None
    if end is None:
        end = start if not isinstance(start, dt.datetime) else start + config.default_duration
    summaries = {lang: first_paragraph(body.text) for lang, body in bodies.items()}
    summaries.update(merged.texts.get("summary", {}))
    slug = merged.key
    return Event(
        slug=slug,
        id=merged.fact("id", slug),
        files={lang: str(src.path) for lang, src in merged.sources.items()},
        title=localized(merged, "title", config),
        body_html=Localized({lang: body.html for lang, body in bodies.items()}, config),
        body_text=Localized({lang: body.text for lang, body in bodies.items()}, config),
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
        uid=merged.fact("uid"),
        previous_start=merged.fact("previous_start"),
        aliases=merged.fact("aliases", ()),
    )


def _check_dates(merged: Merged, start: Moment, config: SiteConfig, problems: Problems) -> dt.date | None:
    """The rule must produce `start` itself (RFC 5545 leaves other sets undefined and
    clients disagree on them), give a bounded number of dates, and `except` must
    leave at least one. Returns the last day a date starts on (the horizon's for
    rules without an end), None after an error."""
    rule: Rule | None = merged.fact("rrule")
    all_day = not isinstance(start, dt.datetime)
    zone = merged.fact("timezone", config.timezone)
    first = dt.datetime.combine(start, dt.time()) if all_day else start.replace(tzinfo=ZoneInfo(zone))
    starts = [first]
    if rule is not None:
        stop = dt.datetime.combine(last_day(rule, config.build_today(), config.horizon_months), dt.time())
        stop = max(stop, first.replace(tzinfo=None))
        produced = list(itertools.islice(expand(rule, first, stop if all_day else stop.replace(tzinfo=ZoneInfo(zone)),
                                                all_day, zone), MAX_DATES + 1))
        if not produced or produced[0] != first:
            following = (Message("; its first date after it is {date}", date=_shown(produced[0])) if produced
                         else Message("; it gives no date at all"))
            problems.error(*merged.where("rrule"), Message("`start` ({start}) is not a date of the rule {rule}{following}. "
                                                           "Make `start` the first date", start=_shown(first),
                                                           rule=rule.text(), following=following))
            return None
        if len(produced) > MAX_DATES:
            problems.error(*merged.where("rrule"), Message("the rule gives more than {count} dates; end it sooner with "
                                                           "UNTIL or COUNT", count=MAX_DATES))
            return None
        starts = produced
    extra = merged.fact("dates", ())
    if len(extra) > MAX_DATES:
        problems.error(*merged.where("dates"), Message("`dates` lists more than {count} dates", count=MAX_DATES))
        return None
    days = {s.date() for s in starts} | {d.date() if isinstance(d, dt.datetime) else d for d in extra}
    excluded = set(merged.fact("except", ()))
    if excluded and days <= excluded:
        problems.error(*merged.where("except"), Message("`except` removes every date of the event; "
                                                        "to call it off, set `status: cancelled` instead"))
        return None
    for day in sorted(excluded - days):
        if rule is None or rule.bounded or day <= starts[-1].date():
            problems.warn(*merged.where("except"), Message("`except`: {date} is not a date of this event", date=day.isoformat()))
    return max(days - excluded)


def _shown(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment.time() != dt.time() else moment.strftime("%Y-%m-%d")
