"""Shared links (spec/site.md): the site address, resized images without their
metadata, social cards, OpenGraph/Twitter tags, canonical and hreflang links,
the sitemap, the share row, JSON-LD, Atom feeds and events.json; all through the
real `pelican` command, read back with the parsers others use (extruct,
feedparser, jsonschema, Pillow)."""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import extruct
import feedparser
import jsonschema
import pytest
from PIL import ExifTags, Image

from conftest import ROOT, read, run_pelican

SITE = "https://dostyq.kz"
FESTIVAL = """---
title: "Этнофестиваль «Достық шаңырағы»"
start: "2027-06-12 18:00"
end: "2027-06-12 21:00"
category: festival
centers: [tatar-center]
place: oskemen-house
status: rescheduled
previous_start: "2027-06-05 18:00"
price: "1 500 ₸"
image: photo.jpg
image_alt: "Фестиваль сахнасы"
gallery:
  - {image: gallery.png, alt: "Би тобы"}
---

Облыстың этномәдени бірлестіктері бір сахнада.
"""
FESTIVAL_RU = """---
title: "Этнофестиваль «Шанырак дружбы»"
price: "1 500 ₸"
image_alt: "Сцена фестиваля"
gallery:
  - {image: gallery.png, alt: "Танцевальный коллектив"}
---

Этнокультурные объединения области на одной сцене.
"""
GPS = (43.0, 15.0, 30.5)  # where the photo was taken: it must not be published


def photo_with_gps(width: int, height: int) -> bytes:
    """A JPEG as phones write them: EXIF with the camera's orientation (6: turn
    it clockwise to show it) and the GPS position."""
    picture = Image.new("RGB", (width, height), (200, 60, 40))
    picture.paste((30, 90, 200), (0, 0, width // 2, height))  # a left half in another colour, to see the turn
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "PhoneMaker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = GPS
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", exif=exif, quality=90)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> Path:
    """The fixture site and a festival with a phone photo, a gallery, a price and a new date."""
    import shutil

    from conftest import FIXTURES

    root = tmp_path_factory.mktemp("shared")
    content = root / "content"
    shutil.copytree(FIXTURES / "site", content)
    folder = content / "events" / "2027"
    folder.mkdir()
    (folder / "festival.kk.md").write_text(FESTIVAL, encoding="utf-8")
    (folder / "festival.ru.md").write_text(FESTIVAL_RU, encoding="utf-8")
    (folder / "photo.jpg").write_bytes(photo_with_gps(2000, 1200))
    gallery = Image.new("RGBA", (700, 500), (20, 160, 90, 255))
    gallery.paste((0, 0, 0, 0), (0, 0, 100, 100))  # transparent in a corner: it stays a PNG
    gallery.save(folder / "gallery.png", pnginfo=_png_text("Comment", "secret note"))
    result = run_pelican(content, root / "output")
    assert result.returncode == 0, result.stderr
    return root / "output"


def _png_text(key: str, value: str):
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text(key, value)
    return info


class Head(HTMLParser):
    """The <meta> and <link> tags of a page, and its links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict] = []
        self.anchors: list[dict] = []
        self.buttons: list[dict] = []
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta.setdefault(attrs.get("property") or attrs["name"], []).append(attrs.get("content"))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "a":
            self.anchors.append(attrs)
        elif tag == "button":
            self.buttons.append(attrs)


def head(path: Path) -> Head:
    parser = Head()
    parser.feed(read(path))
    return parser


def one(parsed: Head, name: str) -> str:
    values = parsed.meta.get(name, [])
    assert len(values) == 1, (name, values)
    return values[0]


def output_file(out: Path, address: str) -> Path:
    assert address.startswith(SITE + "/"), address
    return out / unquote(address[len(SITE) + 1:])


def language_pages(out: Path) -> list[Path]:
    """The pages people share: not the lists made for partners' frames nor the pages
    left at old addresses, which search engines are told to skip (noindex)."""
    return sorted(p for lang in ("kk", "ru") for p in (out / lang).rglob("index.html")
                  if '<meta name="robots" content="noindex">' not in p.read_text(encoding="utf-8"))


# --- 1 and 4: the address, OpenGraph, Twitter, canonical, hreflang -----------

def test_every_page_says_what_a_shared_link_shows(shared):
    pages = language_pages(shared)
    assert len(pages) > 100
    for page in pages:
        address = f"{SITE}/{page.parent.relative_to(shared).as_posix()}/"
        parsed = head(page)
        canonical = [link["href"] for link in parsed.links if link.get("rel") == "canonical"]
        if "/calendar/" in address and address.rstrip("/").endswith("calendar"):
            assert len(canonical) == 1 and re.fullmatch(rf"{SITE}/(kk|ru)/calendar/\d{{4}}/\d\d/", canonical[0])
        elif address.endswith("/digest/"):  # the coming week's page under a lasting address
            assert len(canonical) == 1 and re.fullmatch(rf"{SITE}/(kk|ru)/digest/\d{{4}}/w\d\d/", canonical[0])
        else:
            assert canonical == [address], page
        assert one(parsed, "og:url") == canonical[0]
        lang = address.split("/")[3]
        other = "ru" if lang == "kk" else "kk"
        alternates = {link["hreflang"]: link["href"] for link in parsed.links
                      if link.get("rel") == "alternate" and "hreflang" in link}
        assert alternates == {lang: address, other: address.replace(f"/{lang}/", f"/{other}/", 1),
                              "x-default": f"{SITE}/"}, page
        assert one(parsed, "og:locale") == {"kk": "kk_KZ", "ru": "ru_RU"}[lang]
        assert one(parsed, "og:title") and one(parsed, "twitter:title") == one(parsed, "og:title")
        description = one(parsed, "description")
        assert description and description == one(parsed, "og:description") == one(parsed, "twitter:description")
        assert len(description) <= 200
        assert one(parsed, "twitter:card") == "summary_large_image"
        image = one(parsed, "og:image")
        assert one(parsed, "twitter:image") == image
        with Image.open(output_file(shared, image)) as picture:  # the picture is published, at the size stated
            assert picture.size == (int(one(parsed, "og:image:width")), int(one(parsed, "og:image:height")))
        assert one(parsed, "og:image:alt")
        # the page's own links stay root-relative: any host serves the output
        assert all(a["href"].startswith(("/", "https://", "http://", "mailto:", "tel:", "webcal://", "#"))
                   for a in parsed.anchors)
        assert not [a for a in parsed.anchors if a["href"].startswith(SITE + "/")], page


def test_an_event_without_a_picture_shares_its_card_and_one_with_a_picture_shares_that(shared):
    nauryz = head(shared / "kk/events/nauryz/index.html")
    assert one(nauryz, "og:image") == f"{SITE}/kk/events/nauryz/card.png"
    assert one(nauryz, "og:image:type") == "image/png"
    assert one(nauryz, "og:title") == "Наурыз мейрамы"
    assert one(nauryz, "og:description").startswith("2026 ж. 21–23 наурыз")
    festival = head(shared / "ru/events/festival/index.html")
    image = one(festival, "og:image")
    assert image == f"{SITE}/media/events/2027/photo-1200.jpg"
    assert (one(festival, "og:image:width"), one(festival, "og:image:height")) == ("1200", "2000")  # turned upright
    assert one(festival, "og:image:alt") == "Сцена фестиваля"


def test_every_event_and_centre_has_a_card_in_each_language(shared):
    from dostyq.social_cards import has_real_glyph

    events = {p.name.split(".")[0] for p in (ROOT / "tests/fixtures/site/events").rglob("*.md")} - {"secret"}
    events.add("festival")
    for lang in ("kk", "ru"):
        for slug in events:
            with Image.open(shared / lang / "events" / slug / "card.png") as card:
                assert card.format == "PNG" and card.size == (1200, 630)
        for center in ("tatar-center", "tatar-choir"):
            with Image.open(shared / lang / "centers" / center / "card.png") as card:
                assert card.size == (1200, 630)
        with Image.open(shared / lang / "card.png") as card:
            assert card.size == (1200, 630)
    assert all(has_real_glyph(c) for c in "әғқңөұүһіӘҒҚҢӨҰҮҺІ")
    # the cards differ by language: each has its title
    assert (shared / "kk/events/nauryz/card.png").read_bytes() != (shared / "ru/events/nauryz/card.png").read_bytes()


# --- 2: images ------------------------------------------------------------------

def test_images_are_published_resized_upright_and_without_metadata(shared):
    media = sorted(p for p in (shared / "media").rglob("*") if p.is_file())
    names = {p.relative_to(shared / "media").as_posix() for p in media}
    assert {"events/2027/photo-480.webp", "events/2027/photo-960.webp", "events/2027/photo-1200.webp",
            "events/2027/photo-480.jpg", "events/2027/photo-960.jpg", "events/2027/photo-1200.jpg",
            "events/2027/gallery-480.webp", "events/2027/gallery-700.webp",
            "events/2027/gallery-480.png", "events/2027/gallery-700.png"} <= names
    assert "events/2027/photo.jpg" not in names and "events/2027/gallery.png" not in names  # no original
    for path in media:
        data = path.read_bytes()
        assert b"Exif" not in data and b"PhoneMaker" not in data and b"secret note" not in data, path
        with Image.open(path) as picture:
            assert not picture.getexif(), path
            assert not set(picture.info) & {"exif", "xmp", "icc_profile", "comment", "Comment", "XML:com.adobe.xmp"}
            width = int(re.search(r"-(\d+)\.\w+$", path.name).group(1))
            assert picture.width == width
            if path.name.startswith("photo-"):
                # upright: the camera's 2000x1200 turned a quarter, and the left half is now on top
                assert picture.height == round(width * 2000 / 1200)
                top = picture.convert("RGB").getpixel((width // 2, 2))
                assert top[2] > top[0], (path, top)


def test_pages_show_images_as_picture_elements_with_sizes(shared):
    html = read(shared / "kk/events/festival/index.html")
    main = re.search(r'<picture class="event-image">(.*?)</picture>', html, re.S).group(1)
    assert ('<source type="image/webp" srcset="/media/events/2027/photo-480.webp 480w, '
            '/media/events/2027/photo-960.webp 960w, /media/events/2027/photo-1200.webp 1200w"') in main
    assert 'src="/media/events/2027/photo-1200.jpg"' in main and 'width="1200" height="2000"' in main
    assert 'loading="lazy"' not in main  # the first picture is seen at once
    gallery = re.search(r'<ul class="gallery">(.*?)</ul>', html, re.S).group(1)
    assert '<a href="/media/events/2027/gallery-700.png">' in gallery  # opens large
    assert 'loading="lazy"' in gallery and 'width="700" height="500"' in gallery and 'alt="Би тобы"' in gallery


def test_a_rebuild_takes_images_from_the_cache(shared):
    cache = shared.parent / "cache" / "images"
    kept = {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}
    assert len(kept) > 10
    again = shared.parent / "output-again"
    result = run_pelican(shared.parent / "content", again)
    assert result.returncode == 0, result.stderr
    assert {p: p.stat().st_mtime_ns for p in kept} == kept  # nothing encoded again
    for path in (shared / "media").rglob("*.*"):
        assert (again / path.relative_to(shared)).read_bytes() == path.read_bytes()


def test_the_next_days_build_draws_only_the_cards_that_changed(tmp_path):
    from conftest import FIXTURES, TODAY

    out = tmp_path / "output"
    assert run_pelican(FIXTURES / "site", out).returncode == 0
    inodes = {p: p.stat().st_ino for p in out.rglob("card.png")}
    before = {p: p.read_bytes() for p in inodes}
    # two weeks later every page is made again (they say what is coming), but a
    # card changes only when what it shows does: the club's next meeting
    assert run_pelican(FIXTURES / "site", out, today=TODAY + dt.timedelta(days=14)).returncode == 0
    changed = {p.relative_to(out).as_posix() for p in inodes if p.read_bytes() != before[p]}
    assert changed == {"kk/events/language-club/card.png", "ru/events/language-club/card.png"}
    kept = [p for p in inodes if p.relative_to(out).as_posix() not in changed]
    assert len(kept) > 15 and all(p.stat().st_ino == inodes[p] for p in kept)  # not even written
    cold = tmp_path / "cold" / "output"  # its own cache folder beside it
    assert run_pelican(FIXTURES / "site", cold, today=TODAY + dt.timedelta(days=14)).returncode == 0
    assert all((cold / p.relative_to(out)).read_bytes() == p.read_bytes() for p in inodes)


# --- 4: sitemap, robots, share row --------------------------------------------

def test_the_sitemap_lists_every_page_with_its_other_language(shared):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ET.parse(shared / "sitemap.xml")
    listed = {}
    for url in tree.getroot().findall("s:url", ns):
        listed[url.find("s:loc", ns).text] = {link.get("hreflang"): link.get("href")
                                              for link in url.findall("x:link", ns)}
    pages = {f"{SITE}/{p.parent.relative_to(shared).as_posix()}/" for p in language_pages(shared)}
    assert set(listed) == pages
    for address, alternates in listed.items():
        lang = address.split("/")[3]
        assert alternates == {"kk": address.replace(f"/{lang}/", "/kk/", 1),
                              "ru": address.replace(f"/{lang}/", "/ru/", 1)}
    assert read(shared / "robots.txt") == f"User-agent: *\nAllow: /\n\nSitemap: {SITE}/sitemap.xml\n"


def test_the_share_row_leads_to_each_networks_share_form(shared):
    page = head(shared / "ru/events/festival/index.html")
    address = f"{SITE}/ru/events/festival/"
    title = "Этнофестиваль «Шанырак дружбы»"
    shares = {a["class"].removeprefix("share-"): a["href"] for a in page.anchors if a.get("class", "").startswith("share-")}
    assert set(shares) == {"telegram", "whatsapp", "vk", "facebook", "email"}

    def query(href):
        parts = urlsplit(href)
        return f"{parts.scheme}://{parts.netloc}{parts.path}", {k: v[0] for k, v in parse_qs(parts.query).items()}

    assert query(shares["telegram"]) == ("https://t.me/share/url", {"url": address, "text": title})
    assert query(shares["whatsapp"]) == ("https://wa.me/", {"text": f"{title} {address}"})
    assert query(shares["vk"]) == ("https://vk.com/share.php", {"url": address, "title": title})
    assert query(shares["facebook"]) == ("https://www.facebook.com/sharer/sharer.php", {"u": address})
    mail = urlsplit(shares["email"])
    assert mail.scheme == "mailto" and mail.path == ""
    assert {k: v[0] for k, v in parse_qs(mail.query).items()} == {"subject": title, "body": f"{title}\n{address}"}
    assert "+" not in mail.query  # mailto: spaces are %20
    # besides the header's search field (a form's submit button)
    assert [b for b in page.buttons if b.get("type") != "submit"] == [{
        "type": "button", "class": "copy-link", "data-url": address, "data-done": "Ссылка скопирована", "hidden": None}]
    assert [a for a in head(shared / "kk/centers/tatar-center/index.html").anchors
            if a.get("class") == "share-telegram"]


# --- 5: JSON-LD -------------------------------------------------------------------

def json_ld(path: Path) -> list[dict]:
    return extruct.extract(read(path), base_url=SITE, syntaxes=["json-ld"], uniform=True)["json-ld"]


# Google's Event structured data: required, then recommended properties
REQUIRED = {"name", "startDate", "location"}
RECOMMENDED = {"description", "endDate", "eventStatus", "image", "offers", "organizer", "eventAttendanceMode"}


def test_event_pages_describe_the_event_for_search_engines(shared):
    (festival,) = json_ld(shared / "kk/events/festival/index.html")
    assert festival["@type"] == "Event"
    assert REQUIRED | RECOMMENDED <= set(festival)
    assert festival["name"] == "Этнофестиваль «Достық шаңырағы»"
    assert (festival["startDate"], festival["endDate"]) == ("2027-06-12T18:00+05:00", "2027-06-12T21:00+05:00")
    assert festival["previousStartDate"] == "2027-06-05T18:00+05:00"
    assert festival["eventStatus"] == "https://schema.org/EventRescheduled"
    assert festival["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    location = festival["location"]
    assert location["@type"] == "Place" and location["name"] == "Достық үйі"
    assert location["address"] == {"@type": "PostalAddress", "addressCountry": "KZ",
                                   "streetAddress": "Өскемен қ., Бейбітшілік к-сі, 11", "addressLocality": "Өскемен"}
    assert location["geo"] == {"@type": "GeoCoordinates", "latitude": 49.948, "longitude": 82.628}
    assert festival["offers"] == {"@type": "Offer", "url": f"{SITE}/kk/events/festival/", "description": "1 500 ₸",
                                  "price": 1500, "priceCurrency": "KZT"}
    assert festival["organizer"] == {"@type": "Organization", "name": "«Туган тел» татар орталығы",
                                     "url": f"{SITE}/kk/centers/tatar-center/"}
    assert festival["image"] == [f"{SITE}/media/events/2027/photo-1200.jpg"]
    assert festival["description"].startswith("2027 ж. 12 маусым")
    # a weekly club: one Event, at its next meeting after the build's day (2026-11-23)
    (club,) = json_ld(shared / "ru/events/language-club/index.html")
    assert club["startDate"] == "2026-12-05T11:00+05:00"
    assert club["image"] == [f"{SITE}/ru/events/language-club/card.png"]  # its own picture is too small to share
    assert club["location"]["name"] == "Дом дружбы"  # no place of its own: where its centre meets
    (cancelled,) = json_ld(shared / "ru/events/omsk-forum/index.html")
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"


def test_centre_pages_describe_the_organisation(shared):
    (center,) = json_ld(shared / "ru/centers/tatar-center/index.html")
    assert center["@type"] == "Organization"
    assert center["name"] == "Татарский центр «Туган тел»" and center["url"] == f"{SITE}/ru/centers/tatar-center/"
    assert center["email"] == "tatar@example.kz"
    (choir,) = json_ld(shared / "kk/centers/tatar-choir/index.html")
    assert choir["parentOrganization"]["url"] == f"{SITE}/kk/centers/tatar-center/"


# --- 6: Atom --------------------------------------------------------------------------

def test_atom_feeds_are_read_by_a_feed_reader(shared):
    feeds = [shared / lang / "feed.atom" for lang in ("kk", "ru")]
    feeds += sorted(shared.glob("*/centers/*/feed.atom"))
    assert len(feeds) == 6
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10"
        ids = [entry.id for entry in parsed.entries]
        assert len(ids) == len(set(ids))
        for entry in parsed.entries:
            assert re.fullmatch(r"tag:dostyq\.kz,2026:(kk|ru)/events/[a-z0-9-]+", entry.id)
            assert entry.link.startswith(f"{SITE}/") and entry.updated_parsed
    site = feedparser.parse((shared / "ru" / "feed.atom").read_bytes())
    assert site.feed.title == "Дома дружбы: события" and site.feed.link == f"{SITE}/ru/"
    titles = {entry.title for entry in site.entries}
    assert "Этнофестиваль «Шанырак дружбы» (Время изменено)" in titles
    assert len(site.entries) == 9  # every published event, drafts left out
    center = feedparser.parse((shared / "kk/centers/tatar-center/feed.atom").read_bytes())
    assert {e.link for e in center.entries} == {f"{SITE}/kk/events/{slug}/" for slug in ("language-club", "festival", "maslenitsa", "nauryz")}
    # stable ids: the same event has the same id in the other language's feed but for the language
    kk = {e.link.split("/")[-2]: e.id for e in feedparser.parse((shared / "kk/feed.atom").read_bytes()).entries}
    ru = {e.link.split("/")[-2]: e.id for e in site.entries}
    assert {slug: i.replace("kk/", "ru/") for slug, i in kk.items()} == ru


# --- 7: events.json ---------------------------------------------------------------------

def test_events_json_follows_its_schema(shared):
    schema = json.loads((ROOT / "schema" / "events.schema.json").read_text(encoding="utf-8"))
    data = json.loads((shared / "events.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    assert (shared / "events.schema.json").read_bytes() == (ROOT / "schema" / "events.schema.json").read_bytes()
    events = {e["slug"]: e for e in data["events"]}
    assert "secret" not in events and len(events) == 9
    festival = events["festival"]
    assert festival["title"] == {"kk": "Этнофестиваль «Достық шаңырағы»", "ru": "Этнофестиваль «Шанырак дружбы»"}
    assert festival["occurrences"] == [{"start": "2027-06-12T18:00+05:00", "end": "2027-06-12T21:00+05:00",
                                        "start_utc": "2027-06-12T13:00:00Z", "end_utc": "2027-06-12T16:00:00Z"}]
    assert festival["links"]["page"] == {"kk": f"{SITE}/kk/events/festival/", "ru": f"{SITE}/ru/events/festival/"}
    assert festival["image"]["alt"] == {"kk": "Фестиваль сахнасы", "ru": "Сцена фестиваля"}
    assert festival["place"]["geo"] == [49.948, 82.628]
    nauryz = events["nauryz"]
    assert nauryz["all_day"] and nauryz["occurrences"][0] == {"start": "2026-03-21", "end": "2026-03-23"}
    club = events["language-club"]
    assert len(club["occurrences"]) == 9  # ten Saturdays, one skipped
    # a broken document is refused: the schema checks what it says it checks
    broken = json.loads(json.dumps(data))
    broken["events"][0]["occurrences"][0]["start"] = "21.03.2026"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)


# --- 1: a staging address, and a wrong one ------------------------------------------

def test_the_site_address_can_be_set_for_a_staging_host(shared, tmp_path):
    content = shared.parent / "content"
    out = tmp_path / "staging"
    result = run_pelican(content, out, env={"DOSTYQ_SITE_URL": "https://staging.example.org/"})
    assert result.returncode == 0, result.stderr
    page = head(out / "kk/events/nauryz/index.html")
    assert one(page, "og:url") == "https://staging.example.org/kk/events/nauryz/"
    assert one(page, "og:image") == "https://staging.example.org/kk/events/nauryz/card.png"
    assert '<a href="/ru/events/nauryz/"' in read(out / "kk/events/nauryz/index.html")
    assert "Sitemap: https://staging.example.org/sitemap.xml" in read(out / "robots.txt")
    feed = read(out / "kk/events/nauryz/event.ics")
    assert "URL;VALUE=URI:https://staging.example.org/kk/events/nauryz/" in feed


@pytest.mark.parametrize("address", ["dostyq.kz", "ftp://dostyq.kz", "https://", "https://dostyq.kz/?a=1",
                                     'https://dostyq.kz/"><script>'])
def test_a_wrong_site_address_stops_the_build_with_a_plain_message(tmp_path, address):
    content = ROOT / "tests/fixtures/site"
    result = run_pelican(content, tmp_path / "out", env={"DOSTYQ_SITE_URL": address})
    assert result.returncode == 1
    assert "SITE_URL (or DOSTYQ_SITE_URL) must be the site's address, such as https://dostyq.kz" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
