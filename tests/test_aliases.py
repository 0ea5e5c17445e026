"""Old addresses keep working (spec/site.md): `aliases` on events and centres,
checked by the model (located errors in en/kk/ru), the redirect pages and the
nginx map the build writes, and the renames the build notices by an event's `id`."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURES, read, run_pelican
from test_model import BASE, errors, event

DOSTYQ = str(Path(sys.executable).parent / "dostyq")


# --- The model ------------------------------------------------------------------

BAD_ALIASES = {
    "not a list": ("aliases: {a: b}", "events/day.kk.md:5: `aliases`: must be a list of earlier slugs or "
                                      "addresses, e.g. [nauryz-2025, /ru/news/nauryz.html]"),
    "a slug with capitals": ("aliases: [Old-Day]", "events/day.kk.md:5: `aliases`: 'Old-Day' is neither a slug "
                                                   "(lower-case latin letters, digits and hyphens) nor an address starting with /"),
    "climbing out": ("aliases: [/ru/../secret/]", "events/day.kk.md:5: `aliases`: '/ru/../secret/' is not a page address "
                                                  "of this site: use latin letters, digits, `-`, `_`, `.` and `/`, e.g. /ru/news/nauryz.html"),
    "a script": ('aliases: ["/ru/<script>/"]', "events/day.kk.md:5: `aliases`: '/ru/<script>/' is not a page address "
                                               "of this site: use latin letters, digits, `-`, `_`, `.` and `/`, e.g. /ru/news/nauryz.html"),
    "not a page": ("aliases: [/old/feed.ics]", "events/day.kk.md:5: `aliases`: '/old/feed.ics' is not a page address: "
                                               "end it with / or .html"),
    "a page the site makes": ("aliases: [/kk/calendar/2026/05/]", "events/day.kk.md:5: `aliases`: '/kk/calendar/2026/05/' "
                                                                  "is an address the site makes itself"),
    "the theme": ("aliases: [/theme/old.html]", "events/day.kk.md:5: `aliases`: '/theme/old.html' is an address the "
                                                "site makes itself"),
    "twice": ("aliases: [old-day, old-day]", "events/day.kk.md:5: `aliases`: lists 'old-day' twice"),
    "a live event page": ("aliases: [nauryz]", "events/day.kk.md:5: `aliases`: /kk/events/nauryz/ is the address of a "
                                               "live page (events/nauryz.kk.md); an old address cannot lead to another page"),
    "its own page": ("aliases: [/ru/events/day/]", "events/day.kk.md:5: `aliases`: /ru/events/day/ is the address of "
                                                   "a live page (events/day.kk.md); an old address cannot lead to another page"),
}


@pytest.mark.parametrize("front, message", BAD_ALIASES.values(), ids=BAD_ALIASES.keys())
def test_a_bad_alias_is_a_located_error(tmp_path, front, message):
    assert errors(tmp_path, {"events/day.kk.md": event(f"{BASE}\n{front}")}) == [message]


def test_an_alias_used_twice_names_both_entries(tmp_path):
    """An event's and a centre's alias are one address: the second names the first's file and line."""
    found = errors(tmp_path, {
        "events/day.kk.md": event(f"{BASE}\naliases: [/ru/news/day.html, day-2025]"),
        "events/other.kk.md": event(f"{BASE}\naliases: [day-2025]"),
        "centers/polish.ru.md": "---\nname: Полония\naliases: [/ru/news/day.html]\n---\n\nЦентр.\n",
    })
    assert found == [  # centres are checked first
        "events/day.kk.md:5: `aliases`: /ru/news/day.html is already an old address of centers/polish.ru.md:3; "
        "it can lead to one page only",
        "events/other.kk.md:5: `aliases`: /kk/events/day-2025/ is already an old address of events/day.kk.md:5; "
        "it can lead to one page only",
    ]


def test_good_aliases_are_kept_in_the_model(tmp_path):
    from dostyq.config import SiteConfig
    from dostyq.model import check_content
    from test_model import make

    root = make(tmp_path, {"events/day.kk.md": event(f"{BASE}\naliases: [day-2025, /ru/news/day.html, /old/day, /old/x/index.html]"),
                           "centers/polish.ru.md": "---\nname: Полония\naliases: polonia\n---\n\nЦентр.\n"})
    content, problems = check_content(root, SiteConfig(), display_root=root)
    assert problems.errors == []
    day = next(e for e in content.events if e.slug == "day")
    assert day.aliases == ("day-2025", "/ru/news/day.html", "/old/day/", "/old/x/index.html")
    assert content.centers["polish"].aliases == ("polonia",)


def test_the_checker_says_alias_errors_in_kazakh_and_russian(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "site", content)
    page = content / "events/2026/maslenitsa.ru.md"
    page.write_text(read(page).replace("category: holiday\n", "category: holiday\naliases: [nauryz, /kk/weekend/]\n"),
                    encoding="utf-8")
    said = {}
    for lang in ("en", "kk", "ru"):
        result = subprocess.run([DOSTYQ, "check", str(content), "--lang", lang], capture_output=True, text=True,
                                cwd=tmp_path, timeout=120)
        assert result.returncode == 1
        said[lang] = [line for line in result.stdout.splitlines() if "aliases" in line]
    assert said["en"] == ["content/events/2026/maslenitsa.ru.md:6: `aliases`: '/kk/weekend/' is an address the site makes itself"]
    assert said["kk"] == ["content/events/2026/maslenitsa.ru.md:6: `aliases`: '/kk/weekend/' — сайттың өзі жасайтын мекенжай"]
    assert said["ru"] == ["content/events/2026/maslenitsa.ru.md:6: `aliases`: '/kk/weekend/' — адрес, который сайт создаёт сам"]
    page.write_text(read(page).replace("/kk/weekend/", "/ru/news/maslenitsa.html"), encoding="utf-8")
    result = subprocess.run([DOSTYQ, "check", str(content), "--lang", "ru"], capture_output=True, text=True,
                            cwd=tmp_path, timeout=120)
    assert [line for line in result.stdout.splitlines() if "aliases" in line] == [
        "content/events/2026/maslenitsa.ru.md:6: `aliases`: /kk/events/nauryz/ — адрес действующей страницы "
        "(content/events/2026/nauryz.kk.md); старый адрес не может вести на другую страницу"]


# --- Redirect pages and the nginx map ------------------------------------------------

class Moved(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.anchors: list[str] = []
        self.lang = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "meta" and ("name" in attrs or "http-equiv" in attrs):
            self.meta[attrs.get("name") or attrs["http-equiv"]] = attrs["content"]
        elif tag == "link":
            self.links[attrs["rel"]] = attrs["href"]
        elif tag == "a":
            self.anchors.append(attrs["href"])


def moved(page: Path) -> Moved:
    parsed = Moved()
    parsed.feed(read(page))
    return parsed


# (old address, the page it leads to) in the fixture site (nauryz and tatar-center have aliases)
FIXTURE_REDIRECTS = {
    "kk/events/nauryz-2026/": "kk/events/nauryz/",
    "ru/events/nauryz-2026/": "ru/events/nauryz/",
    "ru/news/nauryz.html": "ru/events/nauryz/",
    "kk/centers/tugan-tel/": "kk/centers/tatar-center/",
    "ru/centers/tugan-tel/": "ru/centers/tatar-center/",
    "ru/old-site/ethnocultural-associations/tatar-cultural-center-tugan-tel/": "ru/centers/tatar-center/",
}


def redirect_pages(site: Path) -> dict[str, str]:
    """Every page of the output that sends the reader on, and where."""
    found = {}
    for page in site.rglob("*.html"):
        parsed = moved(page)
        if "refresh" in parsed.meta:
            address = page.relative_to(site).as_posix().removesuffix("index.html")
            found[address] = parsed.meta["refresh"].split("url=", 1)[1].lstrip("/")
    return found


def test_each_old_address_has_a_page_that_sends_the_reader_on(site):
    assert redirect_pages(site) == FIXTURE_REDIRECTS
    for old, new in FIXTURE_REDIRECTS.items():
        parsed = moved(site / (old + "index.html" if old.endswith("/") else old))
        assert parsed.meta["refresh"] == f"0; url=/{new}"  # at once (axe's meta-refresh rule allows only 0)
        assert parsed.meta["robots"] == "noindex"
        assert parsed.links["canonical"] == f"https://dostyq.kz/{new}"
        assert parsed.anchors == [f"/{new}"]  # a visible link, for a browser that does not refresh
        assert parsed.lang == new.split("/")[0]
        assert (site / new / "index.html").is_file()
    assert "Эта страница переехала" in read(site / "ru/news/nauryz.html")
    assert "Бұл бет басқа мекенжайға көшті" in read(site / "kk/events/nauryz-2026/index.html")
    sitemap = read(site / "sitemap.xml")
    assert "nauryz-2026" not in sitemap and "/news/" not in sitemap and "tugan-tel" not in sitemap


def test_the_nginx_map_lists_every_old_address_with_and_without_its_slash(site):
    lines = read(site / "nginx-redirects.map").splitlines()
    assert lines[0].startswith("#")
    pairs = [re.fullmatch(r"(/\S+) (/\S+);", line).groups() for line in lines[1:]]
    expected = {}
    for old, new in FIXTURE_REDIRECTS.items():
        olds = [old, old.rstrip("/"), old + "index.html"] if old.endswith("/") else [old]
        expected.update({f"/{o}": f"/{new}" for o in olds})
    assert dict(pairs) == expected and len(pairs) == len(expected)
    assert pairs == sorted(pairs)


# --- A renamed event -------------------------------------------------------------------

def rename(content: Path, old: str, new: str) -> None:
    for path in (content / "events/2026").glob(f"{old}.*.md"):
        path.rename(path.with_name(path.name.replace(old, new, 1)))


def build(content: Path, output: Path) -> subprocess.CompletedProcess:
    result = run_pelican(content, output)
    assert result.returncode == 0, result.stderr
    return result


def test_a_renamed_event_with_an_id_keeps_its_old_address_until_the_alias_is_written(tmp_path, content_copy):
    club = content_copy / "events/2026/language-club.kk.md"
    club.write_text(read(club).replace("category: seminar\n", "category: seminar\nid: kazakh-club\n"), encoding="utf-8")
    out = tmp_path / "out"
    first = build(content_copy, out)
    assert "address of this event changed" not in first.stderr
    assert (out / ".dostyq-addresses").is_file()

    rename(content_copy, "language-club", "til-kluby")
    second = build(content_copy, out)
    warning = (f"{content_copy}/events/2026/til-kluby.kk.md:1: warning: the address of this event changed from "
               "/kk/events/language-club/ to /kk/events/til-kluby/; this build keeps a redirect from the old address, "
               "but a build from scratch will not: add `aliases: [language-club]` to the entry")
    assert warning in second.stderr.splitlines()
    renamed = {"kk/events/language-club/": "kk/events/til-kluby/", "ru/events/language-club/": "ru/events/til-kluby/"}
    assert redirect_pages(out) == {**FIXTURE_REDIRECTS, **renamed}
    assert "/kk/events/language-club/ /kk/events/til-kluby/;" in read(out / "nginx-redirects.map")
    assert not (out / "kk/events/language-club/event.ics").exists()  # only the page is left, as a redirect

    third = build(content_copy, out)  # a later build keeps it, and still says so
    assert warning in third.stderr.splitlines()
    assert redirect_pages(out) == {**FIXTURE_REDIRECTS, **renamed}

    cold = tmp_path / "cold"  # what the warning is about: a build from scratch has no such redirect
    build(content_copy, cold)
    assert redirect_pages(cold) == FIXTURE_REDIRECTS

    club = content_copy / "events/2026/til-kluby.kk.md"
    club.write_text(read(club).replace("id: kazakh-club\n", "id: kazakh-club\naliases: [language-club]\n"),
                    encoding="utf-8")
    fourth = build(content_copy, out)
    assert "address of this event changed" not in fourth.stderr
    assert redirect_pages(out) == {**FIXTURE_REDIRECTS, **renamed}
    fresh = tmp_path / "fresh"
    build(content_copy, fresh)
    from test_incremental import digest
    assert digest(out) == digest(fresh)  # now a build from scratch gives the same site, byte for byte


def test_an_old_slug_taken_by_a_new_event_is_no_longer_redirected(tmp_path, content_copy):
    club = content_copy / "events/2026/language-club.kk.md"
    club.write_text(read(club).replace("category: seminar\n", "category: seminar\nid: kazakh-club\n"), encoding="utf-8")
    out = tmp_path / "out"
    build(content_copy, out)
    rename(content_copy, "language-club", "til-kluby")
    build(content_copy, out)
    (content_copy / "events/2026/language-club.ru.md").write_text(
        "---\ntitle: Новый клуб\nstart: 2026-12-20\ncategory: meeting\n---\n\nДругое.\n", encoding="utf-8")
    later = build(content_copy, out)
    assert "address of this event changed" not in later.stderr
    assert "Новый клуб" in read(out / "ru/events/language-club/index.html")
    assert redirect_pages(out) == FIXTURE_REDIRECTS


def test_a_damaged_address_file_is_a_fresh_start(tmp_path, content_copy):
    out = tmp_path / "out"
    build(content_copy, out)
    (out / ".dostyq-addresses").write_text("{not json", encoding="utf-8")
    build(content_copy, out)
    assert redirect_pages(out) == FIXTURE_REDIRECTS
