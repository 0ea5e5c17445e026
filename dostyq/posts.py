"""Ready social-media posts: the text a house pastes into Telegram, Instagram or
Facebook for an event or a week, written once from the entry, in each language,
leading back to the page that stays (spec/site.md: post.txt).

No Pelican here: the build (plugins/dostyq_site/posts.py) and `dostyq post`
make the same text from the same model. Words are looked up in the theme's
catalogue (`gettext`); N_ only marks them for `pybabel extract`.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from babel.dates import format_skeleton

from . import urls
from .calendar import describe
from .calendar.occurrences import Occurrence
from .config import SiteConfig
from .dates import DateFormat
from .i18n import N_
from .model import Content, Event

# Telegram's limit for a photo's caption (the strictest of the three networks),
# counted as Telegram counts: UTF-16 code units (an emoji is two).
POST_LIMIT = 1024
MAX_HASHTAGS = 30  # Instagram ignores a caption's hashtags past 30
HASHTAG_LENGTH = 40  # characters after "#": longer ones read as noise
TITLE_LENGTH = 200
LINE_LENGTH = 200
SUMMARY_LENGTH = 300
SUMMARY_SENTENCES = 2

# Each category's hashtag word (the translator picks the word people search for);
# "other" has none.
CATEGORY_HASHTAGS = {
    "festival": N_("festival"),
    "holiday": N_("holiday"),
    "forum": N_("forum"),
    "meeting": N_("meeting"),
    "round-table": N_("round table"),
    "concert": N_("concert"),
    "exhibition": N_("exhibition"),
    "seminar": N_("seminar"),
    "competition": N_("competition"),
    "charity": N_("charity"),
    "mediation": N_("mediation"),
}
SITE_HASHTAG = N_("Houses of Friendship")
STATUS_WORDS = {
    "cancelled": N_("Cancelled"),
    "postponed": N_("Postponed"),
    "rescheduled": N_("Rescheduled"),
}

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_KEPT_FORMAT = frozenset("\u200d")  # the zero-width joiner holds emoji sequences together


def utf16_length(text: str) -> int:
    """The length as Telegram counts it."""
    return len(text.encode("utf-16-le")) // 2


def plain_line(text: str | None, limit: int = LINE_LENGTH) -> str:
    """Untrusted text as one clean line: whitespace (newlines too) collapsed,
    control and direction-changing characters dropped (a stray U+202E would
    turn the rest of a pasted post around), cut between words."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text[:4 * limit])  # far more than is kept
    if not text.isprintable():  # (most lines are: no character to look at one by one)
        text = "".join(c for c in text if c in _KEPT_FORMAT or unicodedata.category(c) not in ("Cc", "Cf", "Co", "Cs"))
    return shorten(" ".join(text.split()), limit)


def shorten(text: str, limit: int) -> str:
    """The text's start, at most `limit` characters, cut between words with "…"."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:—–-") + "…"


def hashtag(text: str) -> str | None:
    """`text` as a hashtag Telegram and Instagram link: letters (Kazakh and
    Cyrillic ones too), digits and underscores only. Several words are joined,
    each starting with a capital ("#ДомДружбы"); None when no letter is left."""
    words = re.split(r"[^\w]+|_+", unicodedata.normalize("NFC", text))
    kept = []
    for word in words:
        word = "".join(c for c in word if unicodedata.category(c)[0] == "L" or unicodedata.category(c) == "Nd")
        if word:
            kept.append(word if len(words) == 1 or not kept else word[:1].upper() + word[1:])
    tag = "".join(kept)[:HASHTAG_LENGTH]
    if not any(unicodedata.category(c)[0] == "L" for c in tag):
        return None
    return "#" + tag


def hashtags(candidates: Iterable[str]) -> list[str]:
    """Each usable one once (letter case aside), at most MAX_HASHTAGS."""
    seen, result = set(), []
    for text in candidates:
        tag = hashtag(text)
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            result.append(tag)
    return result[:MAX_HASHTAGS]


def summary_sentences(text: str | None, limit: int = SUMMARY_LENGTH) -> str:
    """The first one or two sentences of a text, as one line."""
    line = plain_line(text, 3 * limit)
    if not line:
        return ""
    sentences = _SENTENCE_END.split(line)
    kept = sentences[0]
    if len(sentences) > 1 and len(kept) + 1 + len(sentences[1]) <= limit:
        kept += " " + sentences[1]
    return shorten(kept, limit)


def leading_occurrence(mine: Sequence[Occurrence], today: dt.date, config: SiteConfig) -> Occurrence | None:
    """The occurrence a post announces: the next one not over, or else the last
    (as the event's page leads with)."""
    zone = config.zone
    return next((o for o in mine if o.last_day(zone) >= today), mine[-1] if mine else None)


def upcoming(mine: Sequence[Occurrence], today: dt.date, config: SiteConfig) -> bool:
    """Whether the event has an occurrence not over yet."""
    zone = config.zone
    return any(o.last_day(zone) >= today for o in mine)


@dataclass(frozen=True)
class EventFacts:
    """What a post (text or image) says about an event, as clean lines."""

    title: str
    when: str  # "сенбі, 2026 ж. 5 желтоқсан, 11:00–12:30"
    repetition: str  # "сенбі күндері, …", or ""
    place: str  # place, room and address, or ""
    status: str  # "Cancelled: …", or ""
    summary: str
    url: str  # the event page's absolute address
    tags: tuple[str, ...]


def when_in_words(occurrence: Occurrence, dates: DateFormat) -> str:
    """The date with its weekday and the time, in the event's own time (its
    city named when that is not the site's: "15:00–18:00 (Омск)")."""
    when = dates.when(occurrence) + zone_note(occurrence, dates)
    start = occurrence.start
    single_day = occurrence.all_day and occurrence.start == occurrence.end or \
        not occurrence.all_day and start.date() == occurrence.end.date()
    if single_day:
        day = start if occurrence.all_day else start.date()
        return f"{dates.weekday(day)}, {when}"
    return when


def zone_note(occurrence: Occurrence, dates: DateFormat) -> str:
    """" (Омск)" after a time in another zone than the site's, else ""."""
    return f" ({dates.zone_city(occurrence.event.timezone)})" if dates.in_other_zone(occurrence) else ""


def location_line(event: Event, content: Content, lang: str) -> str:
    """Place, room and address in one line (as calendars show a location)."""
    place = content.places.get(event.place) if event.place else None
    room = event.location.shown(lang)
    parts = [place.name.shown(lang).value if place else None, room.value if room else None]
    if place and place.address:
        address = place.address.shown(lang)
        parts.append(address.value if address else None)
    return ", ".join(p for p in parts if p)


def event_facts(event: Event, occurrence: Occurrence | None, content: Content, config: SiteConfig, lang: str,
                gettext: Callable[[str], str]) -> EventFacts:
    dates = DateFormat(lang, config.timezone)
    title = event.title.shown(lang)
    summary = event.summary.shown(lang) or event.body_text.shown(lang)
    repetition = describe.repetition(event.rrule, event.start, event.end, lang, event.timezone,
                                     event.except_dates) if event.rrule else None
    status = ""
    if event.status in STATUS_WORDS:
        note = event.status_note.shown(lang)
        status = gettext(STATUS_WORDS[event.status]) + (f": {plain_line(note.value)}" if note else "")
    tags = event.tags.shown(lang)
    words = [gettext(CATEGORY_HASHTAGS[event.category])] if event.category in CATEGORY_HASHTAGS else []
    for center_id in event.centers:
        name = content.centers[center_id].name.shown(lang)
        if name:
            words.append(name.value)
    words.extend(tags.value if tags else ())
    words.append(gettext(SITE_HASHTAG))
    return EventFacts(
        title=plain_line(title.value if title else event.slug, TITLE_LENGTH),
        when=when_in_words(occurrence, dates) if occurrence else "",
        repetition=plain_line(repetition),
        place=plain_line(location_line(event, content, lang)),
        status=status,
        summary=summary_sentences(summary.value if summary else ""),
        url=f"{config.site_url}/{urls.event(lang, event.slug)}",
        tags=tuple(hashtags(words)),
    )


def event_post(facts: EventFacts, limit: int = POST_LIMIT) -> str:
    """The post: title; status; when, how it repeats, where; one or two
    sentences; the link; hashtags. Kept within `limit` by giving up first
    hashtags, then the summary, then the length of the other lines."""
    tags = list(facts.tags)
    summary = facts.summary
    title, repetition, place, status = facts.title, facts.repetition, facts.place, facts.status

    def compose() -> str:
        blocks = [title, status, "\n".join(filter(None, [facts.when, repetition, place])), summary, facts.url,
                  " ".join(tags)]
        return "\n\n".join(b for b in blocks if b) + "\n"

    text = compose()
    while utf16_length(text) > limit and len(tags) > 3:
        tags.pop(-2)  # the site's own tag, last, stays longest
        text = compose()
    for length in (200, 120, 0):
        if utf16_length(text) <= limit:
            break
        summary = shorten(summary, length) if length else ""
        text = compose()
    for length in (120, 80, 40):
        if utf16_length(text) <= limit:
            break
        tags = []
        title, repetition, place, status = (shorten(t, length) for t in (title, repetition, place, status))
        text = compose()
    return text


def post_for_event(event: Event, mine: Sequence[Occurrence], content: Content, config: SiteConfig, lang: str,
                   today: dt.date, gettext: Callable[[str], str]) -> str:
    """What `dostyq post` prints and the build publishes as post.txt."""
    facts = event_facts(event, leading_occurrence(mine, today, config), content, config, lang, gettext)
    return event_post(facts)


# --- the week's digest --------------------------------------------------------

@dataclass(frozen=True)
class DigestItem:
    day: dt.date  # the site's local day it starts on (or the week's Monday, if earlier)
    day_label: str  # "дүйсенбі, 23 қараша"
    time: str  # "15:00", or "" for an all-day occurrence
    title: str
    url: str  # absolute
    status: str  # "Cancelled", or ""
    occurrence: Occurrence


def digest_items(week: Sequence[Occurrence], monday: dt.date, config: SiteConfig, lang: str,
                 gettext: Callable[[str], str]) -> list[DigestItem]:
    """The week's occurrences (already chosen), each under its day."""
    dates = DateFormat(lang, config.timezone)
    zone = config.zone
    items = []
    for o in week:
        day = max(o.first_day(zone), monday)
        time = ""
        if not o.all_day:
            start, _ = o.in_zone(zone)
            if start.date() == day:
                time = dates.time(start)
        title = o.event.title.shown(lang)
        label = f"{dates.weekday(day)}, {format_skeleton('MMMMd', day, locale=dates.locale)}"
        label = label[:1].upper() + label[1:]  # a heading
        items.append(DigestItem(day, label, time, plain_line(title.value if title else o.event.slug, TITLE_LENGTH),
                                f"{config.site_url}/{urls.event(lang, o.event.slug)}",
                                gettext(STATUS_WORDS[o.event.status]) if o.event.status in ("cancelled", "postponed")
                                else "", o))
    return sorted(items, key=lambda i: (i.day, i.time != "", i.time, i.occurrence.sort_key))


def digest_heading(monday: dt.date, config: SiteConfig, lang: str, gettext: Callable[[str], str]) -> str:
    dates = DateFormat(lang, config.timezone)
    return gettext("Events of the week: %(days)s") % {"days": dates.date_range(monday, monday + dt.timedelta(days=6))}


def digest_post(heading: str, items: Sequence[DigestItem], url: str, gettext: Callable[[str], str],
                limit: int = POST_LIMIT) -> str:
    """The week in one post: each day and its events (time and title), then the
    digest page's link. What does not fit is counted ("and 12 more")."""
    tail = [url, " ".join(hashtags([gettext(SITE_HASHTAG)]))]

    def compose(shown: int) -> str:
        lines, day = [heading], None
        for item in items[:shown]:
            if item.day != day:
                lines.append("")
                lines.append(item.day_label)
                day = item.day
            status = f" ({item.status})" if item.status else ""
            lines.append(f"• {item.time + ' ' if item.time else ''}{shorten(item.title, 90)}{status}")
        if shown < len(items):
            lines.append("")
            lines.append(gettext("More on the site: %(count)d") % {"count": len(items) - shown})
        if not items:
            lines.append("")
            lines.append(gettext("No events this week."))
        return "\n".join(lines) + "\n\n" + "\n\n".join(tail) + "\n"

    shown = len(items)
    text = compose(shown)
    while utf16_length(text) > limit and shown > 0:
        shown -= 1
        text = compose(shown)
    return text
