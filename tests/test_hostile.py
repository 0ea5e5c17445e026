"""Content that is wrong, hostile or unusual: nothing may run script, break a page
or a feed, read outside the content folder, hang or crash the build, or cost the
last good site. One section per class of defect; the build itself is run as
users run it (`pelican CONTENT -s pelican.conf.py -o OUT`)."""
from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest

from conftest import FIXTURES, build_site, read, run_pelican
from dostyq.config import SiteConfig
from dostyq.history import content_stamp
from dostyq.model import check_content, load_content
from test_model import BASE, errors, event, make, png

CONFIG = SiteConfig(today=dt.date(2026, 11, 23))


def add(root: Path, path: str, text: str | bytes) -> Path:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return target


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# --- 1. Links are inert unless safe ------------------------------------------

URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "cite", "background"}
ALLOWED = {"", "http", "https", "mailto", "tel", "webcal"}


def scheme(url: str) -> str:
    """The scheme a browser sees (WHATWG URL parsing: outer controls and spaces
    dropped, tabs and newlines removed anywhere); "" for a relative URL."""
    url = re.sub(r"[\t\n\r]", "", url.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                              "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f \t\n\r"))
    match = re.match(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):", url)
    return match[1].lower() if match else ""


class Links(HTMLParser):
    """Every URL-carrying attribute and every event-handler attribute, decoded as a browser decodes them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []
        self.handlers: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "form", "style", "svg", "math", "base"):
            self.scripts.append(tag)
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value is not None:
                self.urls.append((tag, value))
            if name.startswith("on"):
                self.handlers.append(f"{tag} {name}")


def links_of(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    return parser


HOSTILE_BODIES = {
    "plain": "[a](javascript:alert(1))",
    "character reference": "[a](&#106;avascript:alert(1))",
    "hex reference": "[a](&#x6A;avascript:alert(1))",
    "named colon": "[a](javascript&colon;alert(1))",
    "tab inside": "[a](java&#x09;script:alert(1))",
    "newline inside": "[a](<java\nscript:alert(1)>)",
    "space before": "[a](< javascript:alert(1)>)",
    "upper case": "[a](JaVaScRiPt:alert(1))",
    "vbscript": "[a](vbscript:msgbox(1))",
    "data html": "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "image": "![a](javascript:alert(1))",
    "reference link": "[a][x]\n\n[x]: &#106;avascript:alert(1)",
    "autolink": "<javascript:alert(1)>",
    "raw anchor": '<a href="javascript:alert(1)">a</a>',
    "raw image handler": "<img src=x onerror=alert(1)>",
    "raw script": "<script>alert(1)</script>",
    "raw svg": "<svg><script>alert(1)</script></svg>",
    "raw iframe": '<iframe src="javascript:alert(1)"></iframe>',
    "html block": "<div>\n<a href=javascript:alert(1)>a</a>\n</div>",
}


@pytest.mark.parametrize("body", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES.keys())
def test_no_body_makes_a_live_unsafe_link_or_script(tmp_path, body):
    root = make(tmp_path, {"events/day.kk.md": event(BASE, body)})
    html = next(e for e in load_content(root, CONFIG).events if e.slug == "day").body_html["kk"]
    found = links_of(html)
    assert [(tag, url) for tag, url in found.urls if scheme(url) not in ALLOWED] == []
    assert found.handlers == [] and found.scripts == []


def test_safe_links_in_bodies_stay_links(tmp_path):
    body = ("[сайт](https://dostyq.kz/a?b=1&c=2) [хат](mailto:info@dostyq.kz) [телефон](tel:+77232123456) "
            "[бет](/ru/centers/) [бөлім](#bolim)")
    root = make(tmp_path, {"events/day.kk.md": event(BASE, body)})
    html = next(e for e in load_content(root, CONFIG).events if e.slug == "day").body_html["kk"]
    assert [url for _, url in links_of(html).urls] == [
        "https://dostyq.kz/a?b=1&c=2", "mailto:info@dostyq.kz", "tel:+77232123456", "/ru/centers/", "#bolim"]


BAD_URLS = {
    "javascript": "javascript:alert(1)",
    "javascript behind a comment": "javascript:alert(1)//https://dostyq.kz",
    "quote breaking out": 'https://dostyq.kz/" onmouseover="alert(1)',
    "angle brackets": "https://dostyq.kz/<script>",
    "data": "data:text/html,<script>alert(1)</script>",
    "no scheme": "dostyq.kz",
}


@pytest.mark.parametrize("value", BAD_URLS.values(), ids=BAD_URLS.keys())
@pytest.mark.parametrize("field", ["url", "website", "social"])
def test_every_url_field_refuses_unsafe_addresses(tmp_path, field, value):
    quoted = "'" + value.replace("'", "''") + "'"
    if field == "url":
        files = {"events/day.kk.md": event(BASE + f"\nurl: {quoted}")}
        where = "events/day.kk.md:5"
    elif field == "website":
        files = {"centers/choir.kk.md": f"---\nname: Хор\nwebsite: {quoted}\n---\n"}
        where = "centers/choir.kk.md:3"
    else:
        files = {"centers/choir.kk.md": f"---\nname: Хор\nsocial:\n  telegram: {quoted}\n---\n"}
        where = "centers/choir.kk.md:3"
    found = errors(tmp_path, files)
    assert found == [f"{where}: `{field}`: {value!r} is not a web address starting with https:// or http://"]


def test_no_page_of_a_hostile_site_carries_a_live_unsafe_link(tmp_path, content_copy):
    add(content_copy, "events/2026/hostile.kk.md", event(
        'title: "</title><script>alert(1)</script>"\nstart: 2026-12-01\ncategory: other\n'
        'url: "https://dostyq.kz/?q=a&lang=kk#x"', "\n\n".join(HOSTILE_BODIES.values())))
    result = run_pelican(content_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    pages = sorted((tmp_path / "out").rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        found = links_of(read(page))
        assert [(tag, url) for tag, url in found.urls if scheme(url) not in ALLOWED] == [], page
        assert found.handlers == [], page
        # only the theme's own scripts, the header's search field (a GET form; on the
        # 404 page one per language), a poster's QR code (made from the site's address,
        # never from an entry) and, on report pages, the charts drawn at build time
        poster = page.parent.name == "poster"
        allowed = {"script", "form"} | ({"svg"} if "reports" in page.parts or poster else set())
        assert set(found.scripts) <= allowed and found.scripts.count("form") <= 2, page
        if poster:
            assert found.scripts.count("svg") == 1, page
    html = read(tmp_path / "out" / "kk" / "events" / "hostile" / "index.html")
    assert links_of(html).scripts.count("form") == 1 and "svg" not in links_of(html).scripts  # nothing from the entry
    # past.js, share.js and the JSON-LD, nothing from the entry
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/theme/js/past.js" defer>',
                                                  '<script src="/theme/js/share.js" defer>',
                                                  '<script type="application/ld+json">']
    data = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "</" not in data and "<" not in data  # no text can close the element
    assert json.loads(data)["name"] == "</title><script>alert(1)</script>"
    assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html


# --- 2. Repetition is RFC 5545, bounded, and never hangs ---------------------

RULES = {
    "zero interval": ("FREQ=WEEKLY;INTERVAL=0", "INTERVAL=0 must be a whole number from 1 to 99999"),
    "negative interval": ("FREQ=WEEKLY;INTERVAL=-1", "INTERVAL=-1 must be a whole number from 1 to 99999"),
    "zero count": ("FREQ=WEEKLY;COUNT=0", "COUNT=0 must be a whole number from 1 to 99999"),
    "malformed until": ("FREQ=WEEKLY;UNTIL=2027-13-45", "UNTIL=2027-13-45 is not a real date or time"),
    "until of no shape": ("FREQ=WEEKLY;UNTIL=next-year", "UNTIL=NEXT-YEAR must be a date (20270531) or a date and time (20270531T000000Z)"),
    "until far away": ("FREQ=WEEKLY;UNTIL=22060101", "UNTIL=22060101: the year must be from 1900 to 2100"),
    "dateutil's byeaster": ("FREQ=YEARLY;BYEASTER=0", "`BYEASTER` is not a part of an RFC 5545 rule; parts: FREQ, UNTIL, COUNT, INTERVAL, BYSECOND, BYMINUTE, BYHOUR, BYDAY, BYMONTHDAY, BYYEARDAY, BYWEEKNO, BYMONTH, BYSETPOS, WKST"),
    "dateutil's byweekday": ("FREQ=WEEKLY;BYWEEKDAY=FR", "`BYWEEKDAY` is not a part of an RFC 5545 rule; parts: FREQ, UNTIL, COUNT, INTERVAL, BYSECOND, BYMINUTE, BYHOUR, BYDAY, BYMONTHDAY, BYYEARDAY, BYWEEKNO, BYMONTH, BYSETPOS, WKST"),
    "dtstart": ("FREQ=WEEKLY;DTSTART=20260501", "`DTSTART` is not a part of an RFC 5545 rule; the event's `start` is its first date; parts: FREQ, UNTIL, COUNT, INTERVAL, BYSECOND, BYMINUTE, BYHOUR, BYDAY, BYMONTHDAY, BYYEARDAY, BYWEEKNO, BYMONTH, BYSETPOS, WKST"),
    "given twice": ("FREQ=WEEKLY;FREQ=DAILY", "`FREQ` is given twice"),
    "no value": ("FREQ=WEEKLY;BYDAY", "`BYDAY` must be NAME=VALUE, e.g. FREQ=WEEKLY"),
    "numbered day weekly": ("FREQ=WEEKLY;BYDAY=1FR", "BYDAY=1FR: a numbered weekday needs FREQ=MONTHLY or FREQ=YEARLY without BYWEEKNO"),
    "not a weekday": ("FREQ=WEEKLY;BYDAY=XX", "BYDAY=XX is not a weekday; use MO, TU, WE, TH, FR, SA, SU, or e.g. 1SA, -1FR"),
    "month day weekly": ("FREQ=WEEKLY;BYMONTHDAY=1", "BYMONTHDAY cannot be used with FREQ=WEEKLY"),
    "month thirteen": ("FREQ=YEARLY;BYMONTH=13", "BYMONTH=13 is out of range: 1 to 12"),
    "month day zero": ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY=0 is out of range: 1 to 31, or -31 to -1 counting from the end"),
    "week number monthly": ("FREQ=MONTHLY;BYWEEKNO=20", "BYWEEKNO can only be used with FREQ=YEARLY"),
    "year day weekly": ("FREQ=WEEKLY;BYYEARDAY=100", "BYYEARDAY cannot be used with FREQ=WEEKLY"),
    "setpos alone": ("FREQ=MONTHLY;BYSETPOS=1", "BYSETPOS needs another BY… part to choose from"),
    "by the hour": ("FREQ=DAILY;BYHOUR=10,12", "`BYHOUR` is not used here: the time comes from `start` (add other times with `dates`)"),
    "bad week start": ("FREQ=WEEKLY;WKST=XX", "WKST=XX is not a weekday; use one of MO, TU, WE, TH, FR, SA, SU"),
}


@pytest.mark.parametrize("rule, message", RULES.values(), ids=RULES.keys())
def test_rules_outside_rfc_5545_are_located_errors(tmp_path, rule, message):
    found = errors(tmp_path, {"events/day.kk.md": event(BASE + f"\nrrule: {rule}")})
    assert found == [f"events/day.kk.md:5: `rrule`: {rule!r}: {message}"]


SETS = {
    # BASE starts on Friday 1 May 2026
    "start not on the rule": ("rrule: FREQ=WEEKLY;BYDAY=SA",
                              "events/day.kk.md:5: `start` (2026-05-01) is not a date of the rule FREQ=WEEKLY;BYDAY=SA; "
                              "its first date after it is 2026-05-02. Make `start` the first date"),
    "rule with no date at all": ("rrule: FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
                                 "events/day.kk.md:5: `start` (2026-05-01) is not a date of the rule "
                                 "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30; it gives no date at all. Make `start` the first date"),
    "too many dates": ("rrule: FREQ=DAILY;COUNT=5000",
                       "events/day.kk.md:5: the rule gives more than 3000 dates; end it sooner with UNTIL or COUNT"),
    "except removes every repetition": ("rrule: FREQ=WEEKLY;COUNT=2\nexcept: [2026-05-01, 2026-05-08]",
                                        "events/day.kk.md:6: `except` removes every date of the event; to call it off, "
                                        "set `status: cancelled` instead"),
    "except removes every extra date": ("dates: [2026-06-01]\nexcept: [2026-05-01, 2026-06-01]",
                                        "events/day.kk.md:6: `except` removes every date of the event; to call it off, "
                                        "set `status: cancelled` instead"),
}


@pytest.mark.parametrize("front, message", SETS.values(), ids=SETS.keys())
def test_sets_of_dates_clients_would_disagree_on_are_errors(tmp_path, front, message):
    assert errors(tmp_path, {"events/day.kk.md": event(BASE + "\n" + front)}) == [message]


def test_an_exception_that_matches_no_date_is_a_warning(tmp_path):
    root = make(tmp_path, {"events/day.kk.md": event(BASE + "\nrrule: FREQ=WEEKLY;COUNT=3\nexcept: [2026-05-02]")})
    _, problems = check_content(root, CONFIG, display_root=root)
    assert not problems
    assert "events/day.kk.md:6: warning: `except`: 2026-05-02 is not a date of this event" in map(str, problems.warnings)


def test_a_valid_rule_keeps_its_rfc_form(tmp_path):
    root = make(tmp_path, {"events/day.kk.md": event(
        "title: X\nstart: 2026-05-29\ncategory: meeting\nrrule: 'rrule: freq=monthly; byday=-1fr; until=2026-12-31'")})
    day = next(e for e in load_content(root, CONFIG).events if e.slug == "day")
    assert day.rrule.text() == "FREQ=MONTHLY;UNTIL=20261231;BYDAY=-1FR"


def test_rules_that_never_end_or_match_nothing_cannot_hang_the_build(tmp_path, content_copy):
    add(content_copy, "events/2026/forever.kk.md", event("title: Күн сайын\nstart: 2026-01-01\ncategory: other\nrrule: FREQ=DAILY"))
    add(content_copy, "events/2026/never.kk.md", event("title: Ешқашан\nstart: 2026-01-01\ncategory: other\n"
                                                        "rrule: FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=5"))
    result = run_pelican(content_copy, tmp_path / "out", timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == "1 error(s) in the content; nothing was written."
    assert "never.kk.md:5: `start` (2026-01-01) is not a date of the rule FREQ=DAILY;COUNT=5;BYMONTH=2;BYMONTHDAY=30; " \
           "it gives no date at all. Make `start` the first date" in result.stderr
    (content_copy / "events/2026/never.kk.md").unlink()
    result = run_pelican(content_copy, tmp_path / "out", timeout=60)
    assert result.returncode == 0, result.stderr
    months = sorted(p.parent.relative_to(tmp_path / "out/kk/calendar").as_posix()
                    for p in (tmp_path / "out/kk/calendar").glob("*/*/index.html"))
    assert months[-1] == "2028/05"  # the daily event stops at the horizon: 18 months after 2026-11-23


# --- 3. Nothing outside the content folder is read ---------------------------

@pytest.fixture
def outside(tmp_path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.kk.md").write_text(event(BASE), encoding="utf-8")
    (folder / "secret.png").write_bytes(png())
    (folder / "places.yml").write_text("house:\n  name: {kk: Үй}\n", encoding="utf-8")
    return folder


def test_links_leading_outside_the_content_folder_are_errors(tmp_path, content_copy, outside):
    (content_copy / "events" / "leak.kk.md").symlink_to(outside / "secret.kk.md")
    (content_copy / "images" / "leak.png").symlink_to(outside / "secret.png")
    (content_copy / "events" / "elsewhere").symlink_to(outside, target_is_directory=True)
    (content_copy / "events" / "2026" / "dangling.kk.md").symlink_to(tmp_path / "nothing.md")
    add(content_copy, "events/2026/photo.kk.md", event(BASE + "\nimage: /images/leak.png\nimage_alt: Сурет"))
    os.mkfifo(content_copy / "events" / "2026" / "pipe.kk.md")  # reading it would block for ever
    (content_copy / "places.yml").unlink()
    (content_copy / "places.yml").symlink_to(outside / "places.yml")
    result = run_pelican(content_copy, tmp_path / "out", timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = set(result.stderr.splitlines())
    shown = str(content_copy)
    assert {
        f"{shown}/events/leak.kk.md:1: this link leads outside the content folder (to {outside / 'secret.kk.md'}); "
        "put the file itself in the content folder",
        f"{shown}/images/leak.png:1: this link leads outside the content folder (to {outside / 'secret.png'}); "
        "put the file itself in the content folder",
        f"{shown}/events/elsewhere:1: this link leads outside the content folder (to {outside}); "
        "put the file itself in the content folder",
        f"{shown}/events/2026/dangling.kk.md:1: this link leads to nothing; remove it or put the real file here",
        f"{shown}/events/2026/pipe.kk.md:1: this is not a regular file (a device, a pipe or a socket); remove it",
        f"{shown}/places.yml:1: this link leads outside the content folder (to {outside / 'places.yml'}); "
        "put the file itself in the content folder",
        f"{shown}/events/2026/photo.kk.md:5: `image`: '/images/leak.png' points outside the content folder",
    } <= lines
    assert not (tmp_path / "out").exists()


def test_links_inside_the_content_folder_work(tmp_path, content_copy):
    (content_copy / "images" / "same.png").symlink_to("club.png")
    add(content_copy, "events/2026/photo.kk.md", event(BASE + "\nimage: /images/same.png\nimage_alt: Сурет"))
    result = run_pelican(content_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    # the link is followed to its file inside the folder, which is published once
    assert 'src="/media/images/club-64.jpg"' in read(tmp_path / "out/kk/events/photo/index.html")
    assert (tmp_path / "out/media/images/club-64.jpg").is_file()
    assert not (tmp_path / "out/media/images/same-64.jpg").exists()


# --- 4. Cities and districts are content -------------------------------------

def test_a_new_city_is_named_in_places_yml_and_a_nameless_one_still_builds(tmp_path, content_copy):
    places = content_copy / "places.yml"
    places.write_text(read(places) + '\nomsk-house:\n  name: {kk: "Омбы Достық үйі", ru: "Дом дружбы Омска"}\n'
                      '  address: {kk: "Ленин к-сі, 1", ru: "ул. Ленина, 1"}\n  city: omsk\n', encoding="utf-8")
    add(content_copy, "events/2026/omsk-day.ru.md", event("title: День в Омске\nstart: 2026-12-10\ncategory: meeting\nplace: omsk-house"))
    root = content_copy
    _, problems = check_content(root, CONFIG, display_root=root)
    assert not problems
    assert ("places.yml:11: warning: place `omsk-house`: `omsk` has no name yet; pages show the address without it "
            "until `cities:` in places.yml names it, e.g. omsk: {kk: ..., ru: ...}") in map(str, problems.warnings)
    out = build_site(content_copy, tmp_path / "out")
    assert "<dd>ул. Ленина, 1</dd>" in read(out / "ru/places/omsk-house/index.html")

    places.write_text(read(places).replace("cities:\n", 'cities:\n  omsk: {kk: "Омбы", ru: "Омск"}\n'), encoding="utf-8")
    out = build_site(content_copy, tmp_path / "out")
    assert "<dd>ул. Ленина, 1, Омск</dd>" in read(out / "ru/places/omsk-house/index.html")
    assert "<dd>Ленин к-сі, 1, Омбы</dd>" in read(out / "kk/places/omsk-house/index.html")


def test_an_error_in_a_place_is_not_followed_by_unknown_place(tmp_path):
    found = errors(tmp_path, {"places.yml": "house:\n  name: {kk: Үй}\n  geo: [1000, 0]\n"})
    assert found == ["places.yml:1: place `house`: `geo` [1000, 0] is outside the globe: latitude -90..90, longitude -180..180"]


def test_an_error_in_a_centre_is_not_followed_by_unknown_centre(tmp_path):
    found = errors(tmp_path, {"centers/tatar.kk.md": "---\nname: Татар\nemail: nowhere\n---\n"})
    assert found == ["centers/tatar.kk.md:3: `email`: 'nowhere' is not an e-mail address"]


# --- 5. The last good site survives every failure ----------------------------

@pytest.fixture
def good_site(tmp_path, content_copy) -> Path:
    out = build_site(content_copy, tmp_path / "out")
    (out / "CNAME").write_text("dostyq.kz\n")  # someone else's files
    (out / "kk" / "events" / "notes.txt").write_text("a partner's note\n")
    return out


def test_a_content_error_leaves_the_last_output_as_it_was(tmp_path, content_copy, good_site):
    before = digest(good_site)
    add(content_copy, "events/2026/broken.kk.md", "---\ntitle: [\n---\n")
    result = run_pelican(content_copy, good_site)
    assert result.returncode == 1
    assert digest(good_site) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # nothing left beside it


@pytest.mark.parametrize("failure", [RuntimeError("disk on fire"), KeyboardInterrupt()], ids=["exception", "interrupt"])
def test_a_failure_while_writing_leaves_the_last_output_as_it_was(tmp_path, content_copy, good_site, monkeypatch, failure):
    from dostyq.output import SiteOutput

    before = digest(good_site)
    for path in (content_copy / "events" / "2026").glob("omsk-forum.*.md"):
        path.unlink()  # the new build would remove its pages...
    path = content_copy / "events/2026/nauryz.kk.md"
    path.write_text(read(path) + "\nӨзгерді.\n", encoding="utf-8")  # ...and change others
    write = SiteOutput.write

    def fail_half_way(self, path, data):
        if len(self.written) >= 150:  # (a file and its .gz count two: the count may pass 150 without being it)
            raise failure  # ...but fails after 150 files are written
        write(self, path, data)

    monkeypatch.setattr(SiteOutput, "write", fail_half_way)
    with pytest.raises(type(failure)):  # a new cache: every page is made again
        build_site(content_copy, good_site, CACHE_PATH=str(tmp_path / "new-cache"))
    assert digest(good_site) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # the half-written folder is gone
    monkeypatch.undo()
    build_site(content_copy, good_site)
    fresh = build_site(content_copy, tmp_path / "fresh")
    assert digest(good_site) == digest(fresh) | {"CNAME": before["CNAME"], "kk/events/notes.txt": before["kk/events/notes.txt"]}


@pytest.mark.parametrize("swap_share", [1.0, 0.0], ids=["files moved in", "folders swapped"])
def test_a_rebuild_removes_only_what_earlier_builds_wrote(tmp_path, content_copy, good_site, monkeypatch, swap_share):
    monkeypatch.setattr("dostyq.output.SWAP_SHARE", swap_share)  # a few changes move files; many swap folders
    unchanged = good_site / "kk" / "events" / "nauryz" / "index.html"
    inode = unchanged.stat().st_ino
    for path in (content_copy / "events" / "2026").glob("omsk-forum.*.md"):
        path.unlink()
    build_site(content_copy, good_site)
    assert not (good_site / "kk" / "events" / "omsk-forum").exists()
    assert read(good_site / "CNAME") == "dostyq.kz\n"
    assert read(good_site / "kk" / "events" / "notes.txt") == "a partner's note\n"
    assert unchanged.stat().st_ino == inode  # same bytes: the file was not rewritten
    assert "omsk-forum" not in read(good_site / ".dostyq-manifest.json")
    fresh = build_site(content_copy, tmp_path / "fresh")
    assert digest(good_site) == digest(fresh) | {"CNAME": digest(good_site)["CNAME"],
                                                 "kk/events/notes.txt": digest(good_site)["kk/events/notes.txt"]}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_build_stopped_while_moving_files_in_is_mended_by_the_next(tmp_path, content_copy, good_site, monkeypatch):
    import dostyq.output

    new_event = content_copy / "events" / "2026" / "new-day.kk.md"
    new_event.write_text("---\ntitle: Жаңа күн\nstart: 2026-12-12\ncategory: meeting\ncenters: [tatar-center]\n"
                         "place: oskemen-house\n---\n\nМәтін.\n", encoding="utf-8")
    replace = os.replace

    def fail_at_russian(source, target):  # files move in sorted order: the Kazakh ones are in
        if "/ru/" in str(target):
            raise OSError(errno.EIO, "the disk went away")
        replace(source, target)

    monkeypatch.setattr(dostyq.output.os, "replace", fail_at_russian)
    with pytest.raises(OSError):
        build_site(content_copy, good_site)
    monkeypatch.undo()
    assert (good_site / "kk" / "events" / "new-day" / "index.html").exists()  # half of the build is live
    moving = json.loads(read(good_site / ".dostyq-moving.json"))["files"]
    assert "kk/events/new-day/index.html" in moving and "ru/events/new-day/index.html" in moving
    new_event.unlink()  # the editor takes the event back before the next build
    build_site(content_copy, good_site)
    assert not (good_site / "kk" / "events" / "new-day").exists()  # not left behind as someone else's file
    assert not (good_site / ".dostyq-moving.json").exists()
    fresh = build_site(content_copy, tmp_path / "fresh")
    assert digest(good_site) == digest(fresh) | {"CNAME": digest(good_site)["CNAME"],
                                                 "kk/events/notes.txt": digest(good_site)["kk/events/notes.txt"]}


# --- 6. Feed stamps do not lie in a shallow clone ----------------------------

def git(cwd: Path, *args: str, when: str | None = None) -> str:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(cwd), "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "e@dostyq.kz",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "e@dostyq.kz"}
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def stamp(site: Path, slug: str) -> dt.datetime:
    (vevent,) = icalendar.Calendar.from_ical((site / "kk/events" / slug / "event.ics").read_bytes()).walk("VEVENT")
    return vevent.decoded("DTSTAMP")


def test_a_full_clone_stamps_entries_with_their_commits_and_a_shallow_one_from_their_content(tmp_path):
    origin = tmp_path / "origin"
    shutil.copytree(FIXTURES / "site", origin)
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", ".")
    git(origin, "commit", "-q", "-m", "all", when="2026-01-10T10:00:00Z")
    (origin / "events/2026/nauryz.kk.md").write_text(read(origin / "events/2026/nauryz.kk.md") + "\nЖаңа.\n")
    git(origin, "commit", "-q", "-am", "nauryz", when="2026-03-01T09:00:00Z")

    full = tmp_path / "full"
    git(tmp_path, "clone", "-q", f"file://{origin}", str(full))
    result = run_pelican(full, tmp_path / "full-out")
    assert result.returncode == 0, result.stderr
    assert "feed stamps" not in result.stdout + result.stderr
    assert stamp(tmp_path / "full-out", "nauryz") == dt.datetime(2026, 3, 1, 9, tzinfo=dt.timezone.utc)
    assert stamp(tmp_path / "full-out", "omsk-forum") == dt.datetime(2026, 1, 10, 10, tzinfo=dt.timezone.utc)

    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(shallow))
    result = run_pelican(shallow, tmp_path / "shallow-out")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines().count(
        "warning: feed stamps: the git clone is shallow, so it does not know when each entry last changed; "
        "entries are stamped from their content instead. Build from a full clone for the real dates.") == 1
    events = {e.slug: e for e in load_content(shallow, SiteConfig()).events}
    for slug in ("nauryz", "omsk-forum"):
        assert stamp(tmp_path / "shallow-out", slug) == content_stamp(events[slug].fingerprint)
    assert stamp(tmp_path / "shallow-out", "nauryz") != stamp(tmp_path / "shallow-out", "omsk-forum")


def test_without_git_stamps_come_from_the_content_and_follow_its_changes(tmp_path, content_copy):
    first = build_site(content_copy, tmp_path / "a")
    again = build_site(content_copy, tmp_path / "b")
    assert stamp(first, "nauryz") == stamp(again, "nauryz")
    assert dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc) <= stamp(first, "nauryz") < dt.datetime(2001, 1, 2, tzinfo=dt.timezone.utc)
    path = content_copy / "events/2026/nauryz.ru.md"
    path.write_text(read(path) + "\nИзменено.\n", encoding="utf-8")
    changed = build_site(content_copy, tmp_path / "c")
    assert stamp(changed, "nauryz") != stamp(first, "nauryz")
    assert stamp(changed, "omsk-forum") == stamp(first, "omsk-forum")


# --- Front matter and bodies that attack the parsers -------------------------

PARSER_ATTACKS = {
    "yaml aliases (billion laughs)": (
        "---\ntitle: X\nstart: 2026-05-01\ncategory: meeting\ntags: &a [x, x, x, x, x, x, x, x, x]\n"
        "organizer: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n---\n",
        "events/day.kk.md:6: YAML anchors and aliases (`&name`, `*name`) are not allowed; write the value out"),
    "deep nesting": ("---\ntitle: X\ntags: " + "[" * 3000 + "]" * 3000 + "\n---\n",
                     "events/day.kk.md:3: the value is nested more than 8 levels deep"),
    "control character escape": ('---\ntitle: "A\\x01B"\nstart: 2026-05-01\ncategory: meeting\n---\n',
                                 "events/day.kk.md:2: `title`: contains an invisible control character (U+0001); remove it"),
    "lone surrogate escape": ('---\ntitle: "A\\ud800"\nstart: 2026-05-01\ncategory: meeting\n---\n',
                              "events/day.kk.md:2: YAML syntax: found invalid Unicode character escape code"),
    "control character in the body": (event(BASE, "Мәтін\x1b[31m қызыл"),
                                      "events/day.kk.md:7: the file contains an invisible control character (U+001B); delete it"),
    "10 MB body": (event(BASE, "а" * 5_000_000),
                   "events/day.kk.md:1: the file is 10000 kB; an entry may be at most 300 kB"),
    "not a number": (event(BASE.replace("meeting", "meeting\nparticipants: .inf")),
                     "events/day.kk.md:5: `participants`: must be a whole number, 0 or more"),
    "year of nowhere": (event(BASE.replace("2026-05-01", "0001-01-01")),
                        "events/day.kk.md:3: `start`: '0001-01-01': the year must be from 1900 to 2100"),
}


@pytest.mark.parametrize("text, message", PARSER_ATTACKS.values(), ids=PARSER_ATTACKS.keys())
def test_attacks_on_the_parsers_are_located_errors(tmp_path, text, message):
    assert message in errors(tmp_path, {"events/day.kk.md": text})


def test_a_body_that_takes_too_long_to_format_is_an_error(tmp_path, monkeypatch):
    import dostyq.model.markdown as markdown

    monkeypatch.setattr(markdown, "TIME_LIMIT_SECONDS", 0.05)
    found = errors(tmp_path, {"events/day.kk.md": event(BASE, "![" * 140_000)})
    assert found == ["events/day.kk.md:7: the text took more than 0.05 s to format: it is too complex "
                     "(deep nesting, thousands of brackets); simplify it"]


def test_hostile_bodies_build_within_seconds_and_deep_headings_do_not_skip_levels(tmp_path, content_copy):
    attacks = {"brackets": "[" * 140_000, "images": "![" * 70_000, "quotes": "\n".join(">" * i for i in range(1, 400)),
               "lists": "\n".join("  " * i + "- x" for i in range(300)), "headings": "### Үш\n\n##### Бес\n\n# Бір"}
    for name, body in attacks.items():
        add(content_copy, f"events/2026/{name}.kk.md", event(f"title: {name}\nstart: 2026-12-01\ncategory: other", body))
    result = run_pelican(content_copy, tmp_path / "out", timeout=90)
    assert result.returncode == 0, result.stderr
    html = read(tmp_path / "out/kk/events/headings/index.html")
    assert re.findall(r"<h(\d)>(Үш|Бес|Бір)</h\1>", html) == [("2", "Үш"), ("3", "Бес"), ("2", "Бір")]
