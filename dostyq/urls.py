"""Every published address, in one place: pages, feeds and tests build them here.
Paths are relative to the site root and end in `/` for pages (spec/site.md)."""
from __future__ import annotations

from urllib.parse import quote


def home(lang: str) -> str:
    return f"{lang}/"


def event(lang: str, slug: str) -> str:
    return f"{lang}/events/{slug}/"


def weekend(lang: str) -> str:
    """The coming weekend's events."""
    return f"{lang}/weekend/"


def centers(lang: str) -> str:
    return f"{lang}/centers/"


def center(lang: str, center_id: str) -> str:
    return f"{lang}/centers/{center_id}/"


def categories(lang: str) -> str:
    return f"{lang}/categories/"


def category(lang: str, category_id: str) -> str:
    return f"{lang}/categories/{category_id}/"


def place(lang: str, place_id: str) -> str:
    return f"{lang}/places/{place_id}/"


def archive(lang: str, year: int | None = None) -> str:
    return f"{lang}/archive/{year}/" if year else f"{lang}/archive/"


def calendar(lang: str, year: int | None = None, month: int | None = None) -> str:
    return f"{lang}/calendar/{year}/{month:02d}/" if year else f"{lang}/calendar/"


def embed(lang: str, kind: str | None = None, name: str | None = None) -> str:
    """A page for partner sites to frame: the coming events of the site, a centre
    (`kind` "centers") or a category ("categories"), without the site's header."""
    return f"{lang}/embed/{kind}/{name}/" if kind else f"{lang}/embed/"


def media_file(content_path: str) -> str:
    """The file an image from the content folder is published as."""
    return f"media/{content_path}"


def media_rendition(content_path: str, name: str) -> str:
    """A resized copy of that image (dostyq.images names them), beside where the
    original would be."""
    folder = content_path.rpartition("/")[0]
    return f"media/{folder}/{name}" if folder else f"media/{name}"


def media(content_path: str) -> str:
    """The address of that file (percent-encoded: a file name may hold spaces or Cyrillic)."""
    return quote(media_file(content_path))


def save_as(path: str) -> str:
    """The file a page address is written to."""
    return path + "index.html" if path.endswith("/") or not path else path


def other_language(path: str, lang: str, other: str) -> str:
    """The same page in another language."""
    return other + path[len(lang):] if path.startswith(lang + "/") else path


def site_feed(lang: str) -> str:
    return f"{lang}/calendar.ics"


def center_feed(lang: str, center_id: str) -> str:
    return f"{lang}/centers/{center_id}/calendar.ics"


def category_feed(lang: str, category_id: str) -> str:
    return f"{lang}/categories/{category_id}/calendar.ics"


def event_feed(lang: str, slug: str) -> str:
    return f"{lang}/events/{slug}/event.ics"


def event_card(lang: str, slug: str) -> str:
    """The event's social card: the picture a shared link shows."""
    return f"{lang}/events/{slug}/card.png"


def center_card(lang: str, center_id: str) -> str:
    return f"{lang}/centers/{center_id}/card.png"


def site_card(lang: str) -> str:
    """The card of every other page."""
    return f"{lang}/card.png"


def event_post_text(lang: str, slug: str) -> str:
    """The ready social-media post of an event (dostyq.posts)."""
    return f"{lang}/events/{slug}/post.txt"


def event_post_image(lang: str, slug: str) -> str:
    """Its picture, 1080x1350."""
    return f"{lang}/events/{slug}/post.png"


def poster(lang: str, slug: str) -> str:
    """The event's A4 poster, to print."""
    return f"{lang}/events/{slug}/poster/"


def digest(lang: str, year: int | None = None, week: int | None = None) -> str:
    """One ISO week's events; without a week, the coming one."""
    return f"{lang}/digest/{year}/w{week:02d}/" if year else f"{lang}/digest/"


def digest_post_text(lang: str, year: int, week: int) -> str:
    return digest(lang, year, week) + "post.txt"


def digest_post_image(lang: str, year: int, week: int) -> str:
    return digest(lang, year, week) + "post.png"


def site_atom(lang: str) -> str:
    return f"{lang}/feed.atom"


def center_atom(lang: str, center_id: str) -> str:
    return f"{lang}/centers/{center_id}/feed.atom"


EVENTS_JSON = "events.json"
NGINX_REDIRECTS = "nginx-redirects.map"  # old address -> new, for deploy/nginx/dostyq.conf
ADDRESSES = ".dostyq-addresses"  # each event's slug by id: the next build notices a renamed one
WIDGET_SCRIPT = "theme/js/dostyq-events.js"

# Folders of a language's pages: an old address (`aliases`) may not be made inside
# them, except the page of an event or a centre that no longer has that slug.
SECTIONS = ("events", "centers", "categories", "places", "archive", "calendar", "weekend", "embed",
            "reports", "search", "digest")


def alias_addresses(alias: str, section: str, languages: tuple[str, ...]) -> list[tuple[str, str]]:
    """The addresses an alias stands for, with the language of the page each leads
    to: a bare slug is the old page in every language (`section` is "events" or
    "centers"); a root-relative path is that one address, in its language (its
    first folder) or else the default language."""
    if not alias.startswith("/"):
        return [(lang, f"{lang}/{section}/{alias}/") for lang in languages]
    path = alias.lstrip("/")
    if path.endswith("/index.html"):
        path = path.removesuffix("index.html")
    first = path.split("/", 1)[0]
    return [(first if first in languages else languages[0], path)]


def made_by_the_site(path: str, languages: tuple[str, ...]) -> bool:
    """Whether the site itself writes pages or files at `path` (relative to the
    root): a language's home, its sections and the files of its pages, the theme,
    the images, the root files. An event's or a centre's own folder
    (`kk/events/<slug>/`) is not: a live page there is checked by name."""
    parts = path.split("/")
    if parts[0] in ("theme", "media", "index.html", "404.html"):
        return True
    if parts[0] not in languages:
        return False
    rest = [p for p in parts[1:] if p]
    if not rest:
        return True
    if rest[0] not in SECTIONS:
        return False
    return not (rest[0] in ("events", "centers") and len(rest) == 2 and path.endswith("/"))
EVENTS_SCHEMA = "events.schema.json"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"


# What urllib.parse.urlencode writes (quote_plus), one character at a time in C:
# quoting byte by byte in Python took a twentieth of a build of event pages.
_FORM = {byte: chr(byte) if chr(byte).isascii() and (chr(byte).isalnum() or chr(byte) in "_.-~") else f"%{byte:02X}"
         for byte in range(256)}
_FORM[ord(" ")] = "+"


def form_encode(query: dict[str, str]) -> str:
    """The query as an HTML form sends it (application/x-www-form-urlencoded)."""
    return "&".join(f"{_form_quote(key)}={_form_quote(value)}" for key, value in query.items())


def _form_quote(text: str) -> str:
    return text.encode("utf-8").decode("latin-1").translate(_FORM)


def reports(lang: str) -> str:
    """The quarterly reports' list."""
    return f"{lang}/reports/"


def report(lang: str, year: int, quarter: int) -> str:
    return f"{lang}/reports/{year}/q{quarter}/"


def report_csv(lang: str, year: int, quarter: int) -> str:
    return f"{lang}/reports/{year}/q{quarter}/report.csv"


def search(lang: str) -> str:
    return f"{lang}/search/"


def search_bundle(lang: str) -> str:
    """The folder of the language's Pagefind index and its interface's files (dostyq.search)."""
    return f"{lang}/pagefind/"
