"""Checkers for front-matter values: each returns the clean value or raises Invalid."""
from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from ..calendar.recurrence import FIRST_YEAR, LAST_YEAR, InvalidRule, Rule, parse_rule
from ..config import SiteConfig
from ..messages import Message, listing
from .safe_html import safe_url

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2})$")
EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")
PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()\-]{4,20}[0-9]$")
URL_RE = re.compile(r"^https?://[^\s/$.?#\"'<>][^\s\"'<>]*$", re.IGNORECASE)
MAX_IMAGE_BYTES = 30_000_000
# A root-relative page address: folders and a last name of URL-safe characters, none
# starting with a dot (no `..`, no hidden files), ending in `/` or `.html`.
ALIAS_PATH_RE = re.compile(r"^/(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*/)*(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*)?$")
MAX_ALIASES = 50


class Invalid(ValueError):
    """A value that breaks a rule of the content format; the message is for editors."""

    def __init__(self, message: Message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class Context:
    config: SiteConfig
    content_root: Path
    entry_dir: Path
    dependencies: list | None = None  # files read to check a value: (path, size, mtime) each


Checker = Callable[[Any, Context], Any]


def did_you_mean(value: Any, known) -> Message | str:
    """"; did you mean `x`?" for a near miss, else nothing."""
    if not isinstance(value, str) or not value:
        return ""
    known = sorted(known)
    # a part of a longer id (`tatar` for `tatar-tugan-tel`), else a near spelling
    close = [k for k in known if value in k.split("-")] or difflib.get_close_matches(value, known, n=1, cutoff=0.75)
    return Message("; did you mean `{close}`?", close=close[0]) if close else ""


def _scalar_text(value: Any) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        raise Invalid(Message("must be text"))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def text(value: Any, ctx: Context) -> str:
    result = _scalar_text(value).strip()
    if not result:
        raise Invalid(Message("must not be empty"))
    return result


def line_of_text(value: Any, ctx: Context) -> str:
    """Single-line text (titles, names): newlines and runs of spaces become one space."""
    return " ".join(text(value, ctx).split())


def text_list(value: Any, ctx: Context) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise Invalid(Message("must be a list, e.g. [one, two]"))
    return tuple(line_of_text(v, ctx) for v in value)


def boolean(value: Any, ctx: Context) -> bool:
    if not isinstance(value, bool):
        raise Invalid(Message("must be true or false"))
    return value


def whole_number(value: Any, ctx: Context) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise Invalid(Message("must be a whole number, 0 or more"))
    return value


def number(value: Any, ctx: Context) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise Invalid(Message("must be a number"))
    return value


def identifier(value: Any, ctx: Context) -> str:
    if not isinstance(value, str) or not ID_RE.match(value):
        raise Invalid(Message("must be lower-case latin letters, digits and hyphens, e.g. `tatar-center`"))
    return value


def identifier_list(value: Any, ctx: Context) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise Invalid(Message("must be a list of ids, e.g. [tatar-center, polish-center]"))
    ids = tuple(identifier(v, ctx) for v in value)
    if len(set(ids)) != len(ids):
        raise Invalid(Message("lists the same id twice"))
    return ids


def moment(value: Any, ctx: Context) -> dt.date | dt.datetime:
    """`YYYY-MM-DD` (a date) or `YYYY-MM-DD HH:MM` (a local time), as a naive value."""
    result = None
    if isinstance(value, str):
        value = value.strip()
        try:
            if DATE_RE.match(value):
                result = dt.date.fromisoformat(value)
            elif match := DATETIME_RE.match(value):
                hour, minute = match[2].split(":")
                result = dt.datetime.fromisoformat(f"{match[1]} {int(hour):02d}:{minute}")
        except ValueError:
            raise Invalid(Message("{value!r} is not a real date or time", value=value)) from None
    if result is None:
        raise Invalid(Message("{value!r} must be a date `YYYY-MM-DD` or a date and time `YYYY-MM-DD HH:MM`", value=value))
    if not FIRST_YEAR <= result.year <= LAST_YEAR:
        raise Invalid(Message("{value!r}: the year must be from {first} to {last}", value=value, first=FIRST_YEAR, last=LAST_YEAR))
    return result


def date_only(value: Any, ctx: Context) -> dt.date:
    result = moment(value, ctx)
    if isinstance(result, dt.datetime):
        raise Invalid(Message("{value!r} must be a date `YYYY-MM-DD`, without a time", value=value))
    return result


def list_of(item: Checker) -> Checker:
    def check(value: Any, ctx: Context) -> tuple:
        if not isinstance(value, list):
            value = [value]
        return tuple(item(v, ctx) for v in value)

    return check


_ZONES: set[str] = set()


def timezone(value: Any, ctx: Context) -> str:
    if not _ZONES:
        _ZONES.update(available_timezones())
    if not isinstance(value, str) or value not in _ZONES:
        raise Invalid(Message("{value!r} is not a known time zone; use an IANA name such as Asia/Almaty or Asia/Omsk{hint}", value=value, hint=did_you_mean(value, _ZONES)))
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise Invalid(Message("{value!r} is not a known time zone", value=value)) from None
    return value


def choice(*options: str) -> Checker:
    def check(value: Any, ctx: Context) -> str:
        if value not in options:
            raise Invalid(Message("{value!r} is not one of: {options}{hint}", value=value, options=listing(options), hint=did_you_mean(value, options)))
        return value

    return check


def category(value: Any, ctx: Context) -> str:
    return choice(*ctx.config.categories)(value, ctx)


def url(value: Any, ctx: Context) -> str:
    """A web address; the same allow-list that cleans bodies must keep it."""
    if not isinstance(value, str) or not URL_RE.match(value.strip()) or safe_url(value.strip()) is None:
        raise Invalid(Message("{value!r} is not a web address starting with https:// or http://", value=value))
    return value.strip()


def email(value: Any, ctx: Context) -> str:
    if not isinstance(value, str) or not EMAIL_RE.match(value.strip()):
        raise Invalid(Message("{value!r} is not an e-mail address", value=value))
    return value.strip()


def phone(value: Any, ctx: Context) -> str:
    if not isinstance(value, str) or not PHONE_RE.match(value.strip()):
        raise Invalid(Message("{value!r} is not a phone number; write it in quotes, e.g. \"+7 7232 123456\"", value=value))
    return value.strip()


SOCIAL_NETWORKS = ("instagram", "facebook", "telegram", "vk", "youtube", "tiktok", "whatsapp", "ok")


def social(value: Any, ctx: Context) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise Invalid(Message("must be a map of network: address, e.g. `instagram: https://instagram.com/...`"))
    links = []
    for network, address in value.items():
        if network not in SOCIAL_NETWORKS:
            raise Invalid(Message("unknown network {network!r}; use one of: {networks}", network=network, networks=listing(SOCIAL_NETWORKS)))
        links.append((network, url(address, ctx)))
    return tuple(sorted(links))


def year_or_date(value: Any, ctx: Context) -> int | dt.date:
    if isinstance(value, bool):
        raise Invalid(Message("must be a year or a date"))
    if isinstance(value, int):
        if not 1000 <= value <= 9999:
            raise Invalid(Message("{value} is not a year", value=value))
        return value
    return date_only(value, ctx)


IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")


def file_state(path: Path) -> tuple[str, int, int]:
    """What says that a file changed: its size and time (-1 when it is missing)."""
    try:
        stat = path.stat()
    except OSError:
        return str(path), -1, -1
    return str(path), stat.st_size, stat.st_mtime_ns


@dataclass(frozen=True)
class Picture:
    """An image file of the content folder, checked to open."""

    path: str  # relative to the content folder, POSIX form
    width: int
    height: int


def image(value: Any, ctx: Context) -> Picture:
    """A path relative to the entry, or to the content root when it starts with `/`."""
    if not isinstance(value, str) or not value.strip():
        raise Invalid(Message("must be the path of an image file"))
    value = value.strip()
    if "://" in value:
        raise Invalid(Message("must be a file inside the content folder, not a web address"))
    base = ctx.content_root if value.startswith("/") else ctx.entry_dir
    root = ctx.content_root.resolve()
    target = (base / value.lstrip("/")).resolve()
    if not target.is_relative_to(root):
        raise Invalid(Message("{value!r} points outside the content folder", value=value))
    if ctx.dependencies is not None:  # checked again when the entry is taken from the cache
        ctx.dependencies.append(file_state(target))
    if target.suffix.lower() not in IMAGE_SUFFIXES:
        raise Invalid(Message("{value!r} is not an image; use one of {suffixes}", value=value, suffixes=listing(IMAGE_SUFFIXES)))
    if not target.is_file():
        raise Invalid(Message("image {value!r} does not exist", value=value))
    if target.stat().st_size > MAX_IMAGE_BYTES:
        raise Invalid(Message("image {value!r} is larger than {megabytes} MB; save a smaller copy", value=value, megabytes=MAX_IMAGE_BYTES // 1_000_000))
    width, height = _check_readable_image(target, value)
    return Picture(target.relative_to(root).as_posix(), width, height)


def _check_readable_image(path: Path, shown: str) -> tuple[int, int]:
    """The image's size, after checking its data without decoding a possible
    decompression bomb (Pillow's pixel limit, its warning made an error)."""
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as picture:
                size = picture.size
                picture.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise Invalid(Message("image {value!r} has too many pixels to be a photo; resize it", value=shown)) from None
    except (OSError, SyntaxError, ValueError):
        raise Invalid(Message("image {value!r} is damaged or not an image", value=shown)) from None
    return size


@dataclass(frozen=True)
class Photo:
    image: Picture
    alt: str


def gallery(value: Any, ctx: Context) -> tuple[Photo, ...]:
    if not isinstance(value, list):
        raise Invalid(Message("must be a list of `{{image: ..., alt: ...}}`"))
    photos = []
    for item in value:
        if not isinstance(item, dict) or set(item) - {"image", "alt"} or "image" not in item:
            raise Invalid(Message("each photo must be `{{image: path, alt: text}}`"))
        if "alt" not in item:
            raise Invalid(Message("photo {value!r} needs `alt`, a short description for people who cannot see it", value=item["image"]))
        photos.append(Photo(image(item["image"], ctx), line_of_text(item["alt"], ctx)))
    return tuple(photos)


def uid(value: Any, ctx: Context) -> str:
    """A calendar UID kept from an import: any one line of text, as RFC 5545 allows."""
    result = line_of_text(value, ctx)
    if len(result) > 255:
        raise Invalid(Message("must be at most 255 characters"))
    return result


def aliases(value: Any, ctx: Context) -> tuple[str, ...]:
    """Earlier addresses of the entry (as Hugo's `aliases`): old slugs, or root-relative
    page addresses such as `/ru/news/nauryz.html`; a folder gets its final `/`."""
    from .. import urls

    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise Invalid(Message("must be a list of earlier slugs or addresses, e.g. [nauryz-2025, /ru/news/nauryz.html]"))
    if len(value) > MAX_ALIASES:
        raise Invalid(Message("lists more than {count} addresses", count=MAX_ALIASES))
    found = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise Invalid(Message("each alias must be an earlier slug or an address starting with /"))
        item = item.strip()
        if not item.startswith("/"):
            if not ID_RE.match(item):
                raise Invalid(Message("{value!r} is neither a slug (lower-case latin letters, digits and hyphens) "
                                      "nor an address starting with /", value=item))
        else:
            if not ALIAS_PATH_RE.match(item) or item == "/":
                raise Invalid(Message("{value!r} is not a page address of this site: use latin letters, digits, "
                                      "`-`, `_`, `.` and `/`, e.g. /ru/news/nauryz.html", value=item))
            last = item.rsplit("/", 1)[1]
            if last and "." in last and not last.endswith(".html"):
                raise Invalid(Message("{value!r} is not a page address: end it with / or .html", value=item))
            if last and "." not in last:
                item += "/"
            if urls.made_by_the_site(item.lstrip("/"), ctx.config.languages):
                raise Invalid(Message("{value!r} is an address the site makes itself", value=item))
        if item in found:
            raise Invalid(Message("lists {value!r} twice", value=item))
        found.append(item)
    return tuple(found)


def rrule(value: Any, ctx: Context) -> Rule:
    """An RFC 5545 RRULE (`RRULE:` and spaces are dropped), read into its parts."""
    if not isinstance(value, str) or not value.strip():
        raise Invalid(Message("must be an RFC 5545 rule such as FREQ=WEEKLY;BYDAY=SA"))
    try:
        return parse_rule(value)
    except InvalidRule as exc:
        raise Invalid(Message("{value!r}: {problem}", value=value, problem=exc.message)) from None
