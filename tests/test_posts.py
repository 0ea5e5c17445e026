"""From the site to the feed and the wall (issue 13): each event's ready post
(post.txt, post.png), its A4 poster with a QR code, and the weekly digest; all
through the real `pelican` command, read back as users' tools read them
(Pillow, a QR decoder on Chromium's rendering, an independent iCalendar
expansion for the digest)."""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from conftest import FIXTURES, ROOT, TODAY, epoch_of, read, run_pelican
from web import chromium, serving

SITE = "https://dostyq.kz"
LANGS = ("kk", "ru")
ZONE = ZoneInfo("Asia/Almaty")
KAZAKH_LETTERS = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"

# A daily exhibition across two weeks, an all-day fair over the weeks' boundary,
# a Kazakh title with every Kazakh letter and a hostile entry.
EXTRA = {
    "events/2026/crafts.kk.md": """---
title: "Қолөнер көрмесі"
start: "2026-11-27 10:00"
end: "2026-11-27 18:00"
rrule: FREQ=DAILY;COUNT=6
category: exhibition
place: oskemen-house
tags: [қолөнер, "шебер-класс", "2026"]
---

Шеберлердің жұмыстары. Кіру тегін! Үшінші сөйлем постқа кірмейді.
""",
    "events/2026/crafts.ru.md": """---
title: "Выставка ремёсел"
tags: [ремёсла, мастер класс]
---

Работы мастеров. Вход свободный! Третье предложение в пост не входит.
""",
    "events/2026/fair.kk.md": """---
title: "Әңгіме, ғибрат, қуаныш: өнер һәм ұлттық үйлесім іңкәр жәрмеңкесі"
start: 2026-11-29
end: 2026-11-30
category: festival
centers: [tatar-center]
---

Жәрмеңке.
""",
    "events/2026/hostile-post.ru.md": """---
title: "</script><b>«Вечер» & \\"кавычки\\"</b> \\u202eобратно \\U0001F389 Сверхдлинноесловобезпробеловкотороенепомещаетсявстроку"
start: "2026-12-03 19:00"
category: concert
location: "Зал <№1> & фойе"
tags: [%s]
summary: "%s"
---

Текст.
""" % (", ".join(f"тег{n}" for n in range(60)), "Очень длинное описание без точки " * 60),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    import shutil

    work = tmp_path_factory.mktemp("posts")
    content = work / "content"
    shutil.copytree(FIXTURES / "site", content)
    for path, text in EXTRA.items():
        (content / path).write_text(text, encoding="utf-8")
    result = run_pelican(content, work / "output")
    assert result.returncode == 0, result.stderr
    return work / "output"


def events_data(out: Path) -> list[dict]:
    return json.loads(read(out / "events.json"))["events"]


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def is_upcoming(event: dict) -> bool:
    """Has an occurrence ending today or later (events.json: inclusive last days, or local end times)."""
    def last_day(o: dict) -> dt.date:
        return dt.date.fromisoformat(o["end"][:10]) if len(o["end"]) == 10 else \
            dt.datetime.fromisoformat(o["end"]).astimezone(ZONE).date()
    return any(last_day(o) >= TODAY for o in event["occurrences"])


# --- 1. post.txt ----------------------------------------------------------------

HASHTAG = re.compile(r"#\w+")


def test_every_published_event_has_a_post_text_within_the_limits_with_its_link(built):
    events = events_data(built)
    slugs = {e["slug"] for e in events}
    assert {p.parent.name for lang in LANGS for p in (built / lang / "events").glob("*/post.txt")} == slugs
    for lang in LANGS:
        for slug in slugs:
            raw = (built / lang / "events" / slug / "post.txt").read_bytes()
            text = raw.decode("utf-8")  # plain UTF-8...
            assert not raw.startswith(b"\xef\xbb\xbf")
            assert utf16(text) <= 1024, (lang, slug, utf16(text))  # ...within Telegram's caption limit
            assert f"{SITE}/{lang}/events/{slug}/" in text.split()
            # nothing that pastes badly: no control or direction-changing characters, no tabs
            assert [c for c in text if c != "\n" and unicodedata.category(c) in ("Cc", "Cf") and c != "\u200d"] == []
            tag_line = text.rstrip("\n").rsplit("\n", 1)[-1]
            for tag in tag_line.split(" "):
                assert HASHTAG.fullmatch(tag) and any(c.isalpha() for c in tag) and "_" not in tag.strip("_"), tag


def test_a_post_says_title_date_in_words_place_summary_and_hashtags(built):
    kk = read(built / "kk/events/crafts/post.txt")
    ru = read(built / "ru/events/crafts/post.txt")
    # today (Monday 23 November) the daily exhibition's next day is Friday 27 November
    assert kk.split("\n\n") == [
        "Қолөнер көрмесі",
        "жұма, 2026\u202fж. 27 қараша, 10:00–18:00\n" + kk.split("\n\n")[1].split("\n")[1] +
        "\nДостық үйі, Өскемен қ., Бейбітшілік к-сі, 11",
        "Шеберлердің жұмыстары. Кіру тегін!",
        f"{SITE}/kk/events/crafts/",
        "#көрме #қолөнер #шеберКласс #ДостықҮйлері\n",
    ]
    assert "күн сайын" in kk.split("\n\n")[1]  # how it repeats, in words
    paragraphs = ru.split("\n\n")
    assert paragraphs[0] == "Выставка ремёсел"
    assert paragraphs[1].startswith("пятница, 27 ноября 2026\u202fг., 10:00–18:00\n")
    assert paragraphs[1].endswith("\nДом дружбы, г. Усть-Каменогорск, ул. Мира, 11")
    assert paragraphs[2] == "Работы мастеров. Вход свободный!"
    assert paragraphs[-1] == "#выставка #ремёсла #мастерКласс #ДомаДружбы\n"


def test_a_time_in_another_zone_names_its_city(built):
    """The Omsk forum at 15:00 Omsk time (14:00 in Almaty): the post says whose 15:00."""
    assert "суббота, 5 декабря 2026\u202fг., 15:00–18:00 (Омск)\n" in read(built / "ru/events/omsk-forum/post.txt")
    assert "сенбі, 2026\u202fж. 5 желтоқсан, 15:00–18:00 (Омбы)\n" in read(built / "kk/events/omsk-forum/post.txt")
    assert "<span class=\"poster-time\">15:00–18:00 (Омск)</span>" in read(built / "ru/events/omsk-forum/poster/index.html")


def test_a_hostile_entry_gives_a_clean_post_within_the_limit(built):
    text = read(built / "ru/events/hostile-post/post.txt")
    assert utf16(text) <= 1024
    assert "\u202e" not in text and "\n\n\n" not in text
    title = text.split("\n\n")[0]
    assert title.startswith("</script><b>«Вечер» & \"кавычки\"</b> обратно")  # plain text, as written
    assert f"{SITE}/ru/events/hostile-post/" in text.split()
    tags = text.rstrip("\n").rsplit("\n", 1)[-1].split(" ")
    assert tags[0] == "#концерт" and len(tags) <= 30


def test_dostyq_post_prints_what_the_build_publishes(built):
    for lang in LANGS:
        result = subprocess.run([str(Path(sys.executable).parent / "dostyq"), "post", "crafts", "--lang", lang,
                                 "--content", str(built.parent / "content")], cwd=ROOT, capture_output=True,
                                text=True, env={**os.environ, "SOURCE_DATE_EPOCH": epoch_of(TODAY)})
        assert result.returncode == 0, result.stderr
        assert result.stdout == read(built / lang / "events/crafts/post.txt")


def test_dostyq_post_says_when_there_is_no_such_event(built):
    result = subprocess.run([str(Path(sys.executable).parent / "dostyq"), "post", "no-such", "--lang", "ru",
                             "--content", str(built.parent / "content")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.strip() == "Error: опубликованного события с адресом no-such нет"


def test_hashtags_keep_letters_digits_and_underscores_only():
    from dostyq.posts import hashtag, hashtags

    assert hashtag("Дом дружбы") == "#ДомДружбы"
    assert hashtag("қолөнер") == "#қолөнер"
    assert hashtag("мастер-класс, 2026!") == "#мастерКласс2026"
    assert hashtag("2026") is None and hashtag("🎉 !!") is None and hashtag("") is None
    assert hashtags(["Концерт", "концерт", "КОНЦЕРТ", "Той"]) == ["#Концерт", "#Той"]
    assert len(hashtags([f"тег{n}" for n in range(100)])) == 30


# --- 2. post.png ----------------------------------------------------------------

def test_post_images_are_1080_by_1350_for_events_not_over(built):
    events = events_data(built)
    upcoming = {e["slug"] for e in events if is_upcoming(e)}
    assert upcoming and upcoming != {e["slug"] for e in events}  # the fixture has both kinds
    for lang in LANGS:
        drawn = {p.parent.name for p in (built / lang / "events").glob("*/post.png")}
        assert drawn == upcoming
        for slug in drawn:
            with Image.open(built / lang / "events" / slug / "post.png") as image:
                assert image.format == "PNG" and image.size == (1080, 1350)
        # the poster likewise: printing one for an event that ended has no use
        assert {p.parent.parent.name for p in (built / lang / "events").glob("*/poster/index.html")} == upcoming


def test_the_fonts_draw_every_letter_of_the_kazakh_posts_with_a_glyph_of_its_own(built):
    from dostyq.social_cards import has_real_glyph

    letters = set()
    for path in (built / "kk" / "events").glob("*/post.png"):
        post = read(path.with_name("post.txt")).split("\n\n")
        letters |= set(post[0]) | set(post[1])  # the title and the when/where lines the image shows
    assert set("әғқңөұүһі") <= {c.lower() for c in letters}
    assert [c for c in sorted(letters) if c.isalpha() and not (has_real_glyph(c) and has_real_glyph(c, False))] == []


def test_kazakh_letters_in_a_post_image_are_drawn_not_boxes_nor_their_russian_look_alikes():
    from dostyq.social_cards import CardText, draw_post

    def pixels(title: str) -> bytes:
        return Image.open(io.BytesIO(draw_post(CardText(title, ("сенбі",), "Достық үйлері", "Мереке")))).tobytes()

    kazakh = pixels(KAZAKH_LETTERS)
    assert kazakh != pixels("\uffff" * len(KAZAKH_LETTERS))  # the missing-glyph box
    assert kazakh != pixels("агкноуyhiАГКНОУYHI")  # the letters they are built on


def test_a_long_title_is_wrapped_between_words_in_a_post_image():
    from dostyq.social_cards import POST_TEXT_WIDTH, POST_TITLE_SIZES, fit_title

    title = "Облыстық этномәдени бірлестіктердің дәстүрлі мерекелік концерті және шығармашылық ұжымдардың байқауы"
    fit = fit_title(title, POST_TEXT_WIDTH, 600, POST_TITLE_SIZES, 5)
    assert " ".join(fit.lines) == title  # whole, every line ends at a space of the title
    assert 1 < len(fit.lines) <= 5


def test_post_images_are_redrawn_only_when_what_they_show_changed(built, tmp_path):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(built.parent / "content", content)
    out = tmp_path / "output"
    assert run_pelican(content, out).returncode == 0
    before = {p: p.stat().st_ino for p in out.rglob("post.png")}
    edited = content / "events/2026/crafts.kk.md"
    edited.write_text(read(edited).replace("Қолөнер көрмесі", "Қолөнер жәрмеңкесі"), encoding="utf-8")
    # the next day: a new site key, every page is made again; only the edited image is drawn again
    assert run_pelican(content, out, today=TODAY + dt.timedelta(days=1)).returncode == 0
    changed = {p.relative_to(out).as_posix() for p, inode in before.items() if p.exists() and p.stat().st_ino != inode}
    # and the Kazakh digests that list it
    assert changed == {"kk/events/crafts/post.png", "kk/digest/2026/w48/post.png", "kk/digest/2026/w49/post.png"}
    # the meeting of 23 November is over: its image is gone
    assert not (out / "ru/events/today-meeting/post.png").exists()


# --- 3. posters and their QR codes ---------------------------------------------

@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def served(built):
    with serving(built) as url:
        yield url


def decoded(png: bytes) -> list[str]:
    import zxingcpp

    return [found.text for found in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


@pytest.mark.oracle
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", ["language-club", "hostile-post", "fair"])
def test_a_posters_qr_code_read_by_a_decoder_gives_the_event_page(browser, served, built, lang, slug):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{served}/{lang}/events/{slug}/poster/")
        assert page.locator("svg.qr").count() == 1
        assert decoded(page.screenshot(full_page=True)) == [f"{SITE}/{lang}/events/{slug}/"]
        # as printed: black on white, on one A4 sheet
        page.emulate_media(media="print")
        page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
        assert decoded(page.screenshot(full_page=True)) == [f"{SITE}/{lang}/events/{slug}/"]
        pdf = page.pdf(prefer_css_page_size=True)
        assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
        box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
        assert abs(float(box[1]) - 595.28) < 1 and abs(float(box[2]) - 841.89) < 1  # A4, in points
    finally:
        page.close()


class PosterText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.texts: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        for tag, attrs in reversed(self.stack):
            name = "h1" if tag == "h1" else attrs.get("class", "").split(" ")[0]
            if name in ("h1", "poster-other"):
                self.texts[name] = self.texts.get(name, "") + data
                return


def test_a_poster_has_the_title_and_the_other_languages_title_beneath(built):
    parsed = PosterText()
    parsed.feed(read(built / "ru/events/crafts/poster/index.html"))
    assert parsed.texts == {"h1": "Выставка ремёсел", "poster-other": "Қолөнер көрмесі"}
    html = read(built / "ru/events/crafts/poster/index.html")
    assert '<p class="poster-other" lang="kk">' in html
    assert "@page{size:A4" in read(built / "theme/css/site.css")  # as published: without spaces


# --- 4. the event page's links ----------------------------------------------------

def test_the_event_page_links_its_poster_and_post(built):
    html = read(built / "kk/events/crafts/index.html")
    section = re.search(r'<section class="post-links".*?</section>', html, re.S).group(0)
    assert re.findall(r'href="([^"]+)"', section) == ["/kk/events/crafts/poster/", "/kk/events/crafts/post.txt",
                                                      "/kk/events/crafts/post.png", "/kk/digest/"]
    past = read(built / "kk/events/nauryz/index.html")  # over: only the text
    section = re.search(r'<section class="post-links".*?</section>', past, re.S).group(0)
    assert re.findall(r'href="([^"]+)"', section) == ["/kk/events/nauryz/post.txt", "/kk/digest/"]


# --- 5. the weekly digest -----------------------------------------------------------

class DigestItems(HTMLParser):
    """(day, time, event address) of every item of a digest page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.day = None
        self.items: list[tuple[str, str, str]] = []
        self.in_time = False
        self.time = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "time" and "datetime" in attrs:
            self.day = attrs["datetime"]
        elif tag == "li":
            self.time = ""
        elif tag == "span" and attrs.get("class") == "digest-time":
            self.in_time = True
        elif tag == "a" and "/events/" in attrs.get("href", "") and self.day:
            self.items.append((self.day, self.time, attrs["href"]))

    def handle_endtag(self, tag):
        if tag == "span":
            self.in_time = False
        if tag == "main":
            self.day = None

    def handle_data(self, data):
        if self.in_time:
            self.time += data


def expected_week(out: Path, lang: str, monday: dt.date) -> list[tuple[str, str, str]]:
    """The week's occurrences as an independent reader expands the events' own
    calendar files (recurring-ical-events): (first day in the week, local start
    time on that day or "", event page)."""
    import icalendar
    import recurring_ical_events

    first = dt.datetime.combine(monday, dt.time(), ZONE)
    found = []
    for ics in (out / lang / "events").glob("*/event.ics"):
        calendar = icalendar.Calendar.from_ical(ics.read_bytes())
        for component in recurring_ical_events.of(calendar).between(first, first + dt.timedelta(days=7)):
            start = component["DTSTART"].dt
            if isinstance(start, dt.datetime):
                local = start.astimezone(ZONE)
                day = max(local.date(), monday)
                time = local.strftime("%H:%M") if local.date() == day else ""
            else:
                day, time = max(start, monday), ""
            found.append((day.isoformat(), time, f"/{lang}/events/{ics.parent.name}/"))
    return sorted(found)


@pytest.mark.parametrize("lang", LANGS)
def test_the_digest_lists_exactly_the_weeks_occurrences(built, lang):
    weeks = {(2026, 48): dt.date(2026, 11, 23), (2026, 49): dt.date(2026, 11, 30)}
    assert {p.parent.name for p in (built / lang / "digest" / "2026").glob("w*/index.html")} == {"w48", "w49"}
    for (year, week), monday in weeks.items():
        parsed = DigestItems()
        parsed.feed(read(built / lang / "digest" / str(year) / f"w{week}" / "index.html"))
        expected = expected_week(built, lang, monday)
        assert sorted(parsed.items) == expected
        # what the fixture holds, as its files say: the crafts fair daily (a rule), the fair across
        # the weeks, the meeting today; the club's 28 November is excepted, the cancelled forum stays
        slugs = sorted(url.split("/")[3] for _, _, url in expected)
        assert slugs == {48: ["crafts", "crafts", "crafts", "fair", "today-meeting"],
                         49: ["crafts", "crafts", "crafts", "fair", "hostile-post", "language-club",
                              "omsk-forum"]}[week]
    # /<lang>/digest/ is the coming week (today is a Monday: this one)
    html = read(built / lang / "digest" / "index.html")
    assert f'<link rel="canonical" href="{SITE}/{lang}/digest/2026/w48/">' in html


@pytest.mark.parametrize("lang", LANGS)
def test_the_digests_post_and_image(built, lang):
    folder = built / lang / "digest" / "2026" / "w49"
    text = read(folder / "post.txt")
    assert utf16(text) <= 1024
    assert f"{SITE}/{lang}/digest/2026/w49/" in text.split()
    for title in ({"kk": "Қазақ тілі клубы", "ru": "Клуб казахского языка"}[lang],
                  {"kk": "Қолөнер көрмесі", "ru": "Выставка ремёсел"}[lang]):
        assert title in text
    with Image.open(folder / "post.png") as image:
        assert image.size == (1080, 1350)


def test_a_long_week_is_cut_to_the_limit_and_counts_what_is_left():
    from dostyq.posts import DigestItem, digest_post

    items = [DigestItem(dt.date(2026, 11, 23 + n % 7), f"День {n % 7}", "10:00", f"Событие номер {n} " * 5,
                        f"{SITE}/ru/events/e{n}/", "", None) for n in range(80)]
    items.sort(key=lambda i: i.day)
    text = digest_post("Неделя", items, f"{SITE}/ru/digest/2026/w48/", lambda s: s)
    assert utf16(text) <= 1024
    shown = text.count("• ")
    assert 0 < shown < 80 and f"More on the site: {80 - shown}" in text
