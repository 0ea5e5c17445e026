"""The built fixture site in a real browser: headless Chromium (Debian's, driven by
Playwright) over the output served on 127.0.0.1.

- axe-core (npm, tests/oracles) finds no WCAG 2.1 A/AA violation on any page type,
  in both languages, at 1280 and 360 CSS px;
- the keyboard reaches the skip link, the language switch, the sections and the
  calendar links, in that order, each with a visible focus indicator;
- the language switch and the calendar links work;
- nothing scrolls sideways at 360 px (long words and addresses included) nor at
  200 % zoom; text keeps its size there;
- full-page screenshots of every page type are saved for people to look at
  (folder: $DOSTYQ_SCREENSHOTS, else pytest's temporary folder).

The tools come from tests/setup-tools.sh (axe-core) and the test extra (playwright);
the browser is the system's Chromium (no browser is downloaded). A missing one
fails these tests rather than skipping them."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import struct
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import FIXTURES, ROOT, TODAY, run_pelican
from web import chromium, serving

pytestmark = pytest.mark.oracle

AXE = ROOT / "tests" / "oracles" / "node_modules" / "axe-core" / "axe.min.js"
LANGS = ("kk", "ru")
WIDTHS = (1280, 360)
HEIGHT = 800
SITE_ADDRESS = "dostyq.kz"  # SITE_URL's host in pelican.conf.py: webcal:// links point there
# The pages' clock: the build's day, noon in Almaty (past.js marks what ended before "now").
NOW = dt.datetime.combine(TODAY, dt.time(12), ZoneInfo("Asia/Almaty"))

# Every page type, as <lang>-<type> -> path. The language chooser and the 404 page
# carry both languages ("kk-ru").
PAGE_TYPES = {
    "home": "",
    "event": "events/language-club/",  # with an image, repeating
    "event-cancelled": "events/omsk-forum/",
    "event-all-day": "events/nauryz/",
    "event-long-word": "events/long-word/",  # added below: a 60-letter word and a long address
    "centres": "centers/",
    "centre": "centers/tatar-center/",
    "categories": "categories/",
    "category": "categories/seminar/",
    "place": "places/oskemen-house/",
    "archive": "archive/",
    "archive-year": "archive/2026/",
    "calendar": "calendar/",  # this month
    "month": "calendar/2026/12/",
    "embed": "embed/",  # for partner sites to frame: no header
    "embed-centre": "embed/centers/tatar-center/",
    "embed-category": "embed/categories/seminar/",
    "embed-empty": "embed/categories/charity/",
    "poster": "events/language-club/poster/",  # an A4 poster with a picture and a QR code
    "digest": "digest/",  # the coming week
    "digest-week": "digest/2026/w49/",
    "reports": "reports/",
    "report": "reports/2026/q1/",  # a quarter with a repeating event and one a year earlier
    "search": "search/",
}
PAGES = {f"{lang}-{kind}": f"/{lang}/{path}" for lang in LANGS for kind, path in PAGE_TYPES.items()}
PAGES |= {"kk-ru-languages": "/", "kk-ru-404": "/404.html"}

# A word and an address that do not fit a phone's width unless the page lets them break.
LONG_WORD = {"kk": "этномәдениет" * 5, "ru": "дружба" * 10}
LONG_URL = "https://example.kz/" + "/".join(["ethnocultural-associations-of-kazakhstan"] * 4) + "?utm_source=dostyq"
assert all(len(word) == 60 and word.isalpha() for word in LONG_WORD.values())
LONG_EVENT = {
    "kk": f"""---
title: "{LONG_WORD['kk']} кеші"
start: "2026-12-15 18:00"
end: "2026-12-15 20:00"
category: seminar
centers: [tatar-center]
place: oskemen-house
location: "{LONG_WORD['kk']} залы"
organizer: "{LONG_WORD['kk']}"
url: "{LONG_URL}"
tags: [{LONG_WORD['kk']}, {LONG_URL}]
---

Кеш туралы: {LONG_WORD['kk']}. Толығырақ: <{LONG_URL}>, немесе [{LONG_URL}]({LONG_URL}).

`{LONG_WORD['kk']}{LONG_WORD['kk']}`

```
{LONG_URL} {LONG_WORD['kk']}
```

| {LONG_WORD['kk']} | Сілтеме |
| --- | --- |
| {LONG_WORD['kk']} | {LONG_URL} |
""",
    "ru": f"""---
title: "Вечер «{LONG_WORD['ru']}»"
location: "Зал «{LONG_WORD['ru']}»"
organizer: "{LONG_WORD['ru']}"
tags: [{LONG_WORD['ru']}]
---

О вечере: {LONG_WORD['ru']}. Подробнее: <{LONG_URL}>.
""",
}

# Two events over several days in the month page's grid (December 2026: the 1st is
# a Tuesday): a fair from Wednesday to Saturday, and a week of crafts from Friday to
# the next Tuesday, which runs beside the fair and then on into the next week.
MULTI_DAY = {
    "winter-fair": ("2026-12-09", "2026-12-12", "Қысқы жәрмеңке", "Зимняя ярмарка"),
    "crafts-week": ('"2026-12-11 10:00"', '"2026-12-15 18:00"', "Қолөнер апталығы", "Неделя ремёсел"),
}


def multi_day_entry(slug: str) -> dict[str, str]:
    start, end, kk, ru = MULTI_DAY[slug]
    return {"kk": f"---\ntitle: \"{kk}\"\nstart: {start}\nend: {end}\ncategory: festival\n"
                  f"centers: [tatar-center]\nplace: oskemen-house\n---\n\n{kk}.\n",
            "ru": f"---\ntitle: \"{ru}\"\n---\n\n{ru}.\n"}


AXE_RUN = """async () => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}});
  return {
    passes: result.passes.length,
    violations: result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary}))})),
  };
}"""

# What sticks out past the right edge of the window (for the failure message).
OVERFLOW = """() => {
  const width = window.innerWidth;
  const wide = [...document.body.querySelectorAll("*")].filter(e => e.getBoundingClientRect().right > width + 0.5);
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width,
          wide: wide.slice(-5).map(e => e.tagName.toLowerCase() + (e.getAttribute("class") ? "." + e.getAttribute("class") : "")
                                       + " " + e.textContent.trim().slice(0, 40))};
}"""

# The focused element: where it is, and whether it shows that it is focused.
FOCUSED = """() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  const box = e.getBoundingClientRect();
  const region = e.closest(".skip-link") ? "skip" : e.closest(".language-switch") ? "languages"
    : e.closest(".main-nav") ? "sections" : e.closest("main") ? "main" : e.closest(".subscribe") ? "subscribe"
    : e.closest(".site-search") ? "search" : e.closest(".site-header") ? "header"
    : e.closest(".site-footer") ? "footer" : e === document.body ? "body" : "other";
  return {region, tag: e.tagName.toLowerCase(), id: e.id, href: e.getAttribute("href"),
          text: e.textContent.trim().slice(0, 40),
          outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
          shadow: style.boxShadow !== "none",
          box: [box.left, box.top, box.right, box.bottom]};
}"""


# --- The site, its server and the browser ------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The fixture site, with one more event made of a long word and a long address."""
    work = tmp_path_factory.mktemp("browser")
    content = work / "content"
    shutil.copytree(FIXTURES / "site", content)
    for lang, text in LONG_EVENT.items():
        (content / "events" / "2026" / f"long-word.{lang}.md").write_text(text, encoding="utf-8")
    for slug in MULTI_DAY:
        for lang, text in multi_day_entry(slug).items():
            (content / "events" / "2026" / f"{slug}.{lang}.md").write_text(text, encoding="utf-8")
    result = run_pelican(content, work / "output")
    assert result.returncode == 0, result.stderr
    return work / "output"


@pytest.fixture(scope="module")
def base_url(built):
    with serving(built) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def new_page(browser, width: int, scale: float = 1):
    context = browser.new_context(viewport={"width": width, "height": HEIGHT}, device_scale_factor=scale,
                                  timezone_id="Asia/Almaty")
    context.clock.set_fixed_time(NOW)
    return context.new_page()


@pytest.fixture(scope="module")
def pages(browser):
    """One tab per width, reused by the tests that only load and look."""
    made = {}

    def get(width: int, scale: float = 1):
        if (width, scale) not in made:
            made[width, scale] = new_page(browser, width, scale)
        return made[width, scale]

    yield get
    for page in made.values():
        page.context.close()


@pytest.fixture
def fresh(browser):
    """A new tab at 1280 px, for the tests that press keys and click."""
    page = new_page(browser, 1280)
    yield page
    page.context.close()


def visit(page, base_url: str, path: str):
    response = page.goto(base_url + path)
    assert response is not None and response.status == 200, path
    return page


def screenshots_folder(tmp_path_factory) -> Path:
    folder = os.environ.get("DOSTYQ_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.getbasetemp() / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


# --- axe-core ------------------------------------------------------------------

@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_wcag_violation(pages, base_url, name, width):
    assert AXE.exists(), "axe-core is needed: tests/setup-tools.sh (npm ci in tests/oracles)"
    page = visit(pages(width), base_url, PAGES[name])
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(AXE_RUN)
    assert result["passes"] > 5  # axe ran its rules on the page
    assert result["violations"] == [], json.dumps(result["violations"], ensure_ascii=False, indent=1)


# --- Keyboard ------------------------------------------------------------------

EVENT = "/{lang}/events/language-club/"
EVENT_TITLE = {"kk": "Қазақ тілі клубы", "ru": "Клуб казахского языка"}


def tab_through(page, limit: int = 60) -> list[dict]:
    """Every element Tab reaches from the top of the page, once round."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop["region"] == "body" or (stops and stop["href"] == stops[0]["href"]):
            break
        stops.append(stop)
    return stops


@pytest.mark.parametrize("lang", LANGS)
def test_tab_reaches_skip_link_languages_sections_and_calendar_links_in_order(fresh, base_url, lang):
    visit(fresh, base_url, EVENT.format(lang=lang))
    stops = tab_through(fresh)
    assert stops and stops[0]["region"] == "skip" and stops[0]["href"] == "#main"
    regions = [stop["region"] for stop in stops]
    # the page's parts, each reached whole before the next
    order = ["skip", "header", "languages", "sections", "search", "main", "subscribe", "footer"]
    assert "other" not in regions, stops
    assert regions == sorted(regions, key=order.index), regions
    hrefs = [stop["href"] for stop in stops]
    for other in LANGS:
        assert EVENT.format(lang=other) in [s["href"] for s in stops if s["region"] == "languages"]
    assert [s["href"] for s in stops if s["region"] == "sections"] == [
        f"/{lang}/", f"/{lang}/calendar/", f"/{lang}/centers/", f"/{lang}/categories/", f"/{lang}/archive/"]
    assert f"/{lang}/events/language-club/event.ics" in hrefs  # the event's own file, in the page
    assert [s["href"] for s in stops if s["region"] == "subscribe"] == [
        f"webcal://{SITE_ADDRESS}/{lang}/calendar.ics", f"/{lang}/calendar.ics"]
    assert [s["tag"] for s in stops if s["region"] == "search"] == ["input", "button"]  # the site's search field
    assert [s["href"] for s in stops if s["region"] == "footer"] == [f"/{lang}/reports/"]
    assert [stop for stop in stops if not (stop["outline"] or stop["shadow"])] == []  # each shows its focus
    # and is on screen when focused (the browser scrolls to it; nothing hidden takes the focus)
    # (half a pixel of slack: Chrome scrolls an element to the edge with sub-pixel rounding, 800.03 of 800)
    assert [stop for stop in stops if not (0 <= stop["box"][1] and stop["box"][3] <= HEIGHT + 0.5
                                           and stop["box"][2] - stop["box"][0] > 1)] == []


@pytest.mark.parametrize("lang", LANGS)
def test_skip_link_shows_when_focused_and_leads_into_main(fresh, base_url, lang):
    visit(fresh, base_url, EVENT.format(lang=lang))
    skip = fresh.locator(".skip-link")
    hidden = skip.bounding_box()
    assert hidden["x"] + hidden["width"] <= 0  # out of sight until focused
    fresh.keyboard.press("Tab")
    shown = fresh.evaluate(FOCUSED)
    assert shown["region"] == "skip"
    left, top, right, bottom = shown["box"]
    assert 0 <= left and right <= 1280 and 0 <= top and bottom <= HEIGHT and right - left > 20
    # on top of what it overlaps, not under it
    assert fresh.evaluate("""([x, y]) => document.elementFromPoint(x, y).closest('.skip-link') !== null""",
                          [(left + right) / 2, (top + bottom) / 2])
    fresh.keyboard.press("Enter")
    fresh.wait_for_function("location.hash === '#main'")
    # <main tabindex="-1"> takes the focus (screen readers start reading there); the page
    # scrolls to it and the next Tab is its first link.
    assert fresh.evaluate("document.activeElement.id") == "main"
    assert 0 <= fresh.evaluate("document.getElementById('main').getBoundingClientRect().top") < HEIGHT / 4
    fresh.keyboard.press("Tab")
    first = fresh.evaluate("""() => [...document.querySelectorAll('#main a[href], #main button:not([hidden])')][0]
                                    === document.activeElement""")
    assert first, fresh.evaluate(FOCUSED)


# --- Links that leave the page ---------------------------------------------------

@pytest.mark.parametrize("lang, other", [("kk", "ru"), ("ru", "kk")])
def test_language_switch_opens_the_same_event_in_the_other_language(fresh, base_url, lang, other):
    visit(fresh, base_url, EVENT.format(lang=lang))
    assert fresh.locator("h1").inner_text() == EVENT_TITLE[lang]
    fresh.locator(f'.language-switch a[hreflang="{other}"]').click()
    fresh.wait_for_url(base_url + EVENT.format(lang=other))
    assert fresh.locator("html").get_attribute("lang") == other
    assert fresh.locator(f'.language-switch a[hreflang="{other}"]').get_attribute("aria-current") == "page"
    assert fresh.locator("h1").inner_text() == EVENT_TITLE[other]


@pytest.mark.parametrize("lang", LANGS)
def test_calendar_links_subscribe_and_download(fresh, base_url, lang):
    visit(fresh, base_url, EVENT.format(lang=lang))
    links = fresh.locator(".subscribe a")
    webcal, download = links.nth(0).get_attribute("href"), links.nth(1).get_attribute("href")
    assert download == f"/{lang}/calendar.ics"
    assert webcal == f"webcal://{SITE_ADDRESS}{download}"
    event_file = fresh.locator('main a[type="text/calendar"]').get_attribute("href")
    assert event_file == f"/{lang}/events/language-club/event.ics"
    for href in (download, event_file):
        response = fresh.request.get(base_url + href)
        assert response.status == 200, href
        text = response.text()
        assert text.startswith("BEGIN:VCALENDAR\r\n") and text.rstrip().endswith("END:VCALENDAR"), href
    assert "UID:language-club@dostyq.kz" in fresh.request.get(base_url + event_file).text()


# --- Pages read after the build ----------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_an_event_page_read_after_the_event_ended_says_so_without_calendar_links(browser, base_url, lang):
    """today-meeting ends at 17:00 in Almaty on the build's day: read at noon it offers
    the calendar links; read in the evening past.js marks it over, and the stylesheet
    shows the notice (with its date) and hides the links."""
    path = f"/{lang}/events/today-meeting/"
    for hour, over in ((12, False), (18, True)):
        page = new_page(browser, 1280)
        page.context.clock.set_fixed_time(NOW.replace(hour=hour))
        visit(page, base_url, path)
        assert page.locator(".ended-notice").is_visible() is over
        if over:
            assert "2026" in page.locator(".ended-notice").inner_text()
        assert page.locator(".add-to-calendar").is_visible() is not over
        assert page.locator('main a[type="text/calendar"]').is_visible() is not over
        page.context.close()


# --- Reflow ----------------------------------------------------------------------

@pytest.mark.parametrize("name", PAGES)
def test_nothing_scrolls_sideways_at_360_px(pages, base_url, name):
    page = visit(pages(360), base_url, PAGES[name])
    found = page.evaluate(OVERFLOW)
    assert found["scrollWidth"] <= found["innerWidth"], found


TEXT_SIZES = """() => [...document.querySelectorAll("main, main *")]
  .filter(e => [...e.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim()))
  .map(e => parseFloat(getComputedStyle(e).fontSize))"""


@pytest.mark.parametrize("name", PAGES)
def test_text_reflows_and_keeps_its_size_at_200_percent_zoom(pages, base_url, name):
    """Browser zoom at 200 % in a 1280 px window lays the page out in 640 CSS px at two
    device pixels each (that is what Chrome's zoom does: media queries see 640 px), so
    a 640 px viewport with device_scale_factor 2 is that zoom, media queries included;
    CSS `zoom` on <html> would not change the width media queries see. There, nothing
    may scroll sideways (WCAG 1.4.10), and text must be no smaller in CSS px than at
    1280 px, so that the zoom doubles it on screen (1.4.4): sizes tied to the viewport
    width (vw) would shrink back. Running text (event descriptions, facts) stays at
    16 px or more, small print at 12 px or more."""
    wide = visit(pages(1280), base_url, PAGES[name]).evaluate(TEXT_SIZES)
    page = visit(pages(640, 2), base_url, PAGES[name])
    found = page.evaluate(OVERFLOW)
    assert found["scrollWidth"] <= found["innerWidth"], found
    zoomed = page.evaluate(TEXT_SIZES)
    assert len(zoomed) == len(wide) > 0
    assert [(a, b) for a, b in zip(zoomed, wide) if a < b] == []
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('main')).fontSize)") >= 16
    running = page.evaluate("""() => [...document.querySelectorAll("main .body p, main .facts dd, .language-list span")]
                                     .map(e => parseFloat(getComputedStyle(e).fontSize))""")
    assert [size for size in running if size < 16] == []  # the running text, where the page has some
    assert min(zoomed) >= 12  # and the small print stays legible


# --- Screenshots -------------------------------------------------------------------

def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_full_page_screenshots(pages, base_url, tmp_path_factory, name, width):
    """Saved for people to look at; here only checked to be whole PNGs of the window's width."""
    page = visit(pages(width), base_url, PAGES[name])
    page.evaluate("document.fonts.ready.then(() => true)")
    path = screenshots_folder(tmp_path_factory) / f"{name}-{width}.png"
    path.unlink(missing_ok=True)
    page.screenshot(path=str(path), full_page=True)
    data = path.read_bytes()
    shot_width, shot_height = png_size(data)
    assert shot_width == width and shot_height >= HEIGHT
    assert len(data) > 5_000


# --- Events over several days in the month grid ---------------------------------

BARS = """() => [...document.querySelectorAll(".month-grid .day-event")].map(e => {
  const cell = e.closest("td"), box = e.getBoundingClientRect(), style = getComputedStyle(cell);
  const cellBox = cell.getBoundingClientRect();
  return {href: e.querySelector("a").getAttribute("href"), date: cell.querySelector("time").getAttribute("datetime"),
          bar: e.classList.contains("is-bar"), continued: e.classList.contains("is-continued"),
          visible: e.querySelector("a").getBoundingClientRect().width > 1,
          box: [box.left, box.top, box.right, box.bottom],
          cell: [cellBox.left + parseFloat(style.paddingLeft), cellBox.right - parseFloat(style.paddingRight)]};
})"""


def cells_by_date(entries: list[dict]) -> dict[str, list[float]]:
    return {e["date"]: e["cell"] for e in entries}


@pytest.mark.parametrize("lang", LANGS)
def test_an_event_over_several_days_is_one_bar_across_its_days_of_each_week(fresh, base_url, lang):
    """At 1280 px a bar starts in its first day's cell and ends in its last day's of
    the week; the days it crosses hold its lane (their entries are read, not seen),
    and nothing else is drawn over it. At 360 px each day lists it, readable."""
    entries = visit(fresh, base_url, f"/{lang}/calendar/2026/12/").evaluate(BARS)
    cells = cells_by_date(entries)
    weeks = {"winter-fair": [("2026-12-09", "2026-12-12")],
             "crafts-week": [("2026-12-11", "2026-12-13"), ("2026-12-14", "2026-12-15")]}
    for slug, stretches in weeks.items():
        mine = [e for e in entries if e["href"] == f"/{lang}/events/{slug}/"]
        starts = [e for e in mine if e["bar"] and not e["continued"]]
        assert [e["date"] for e in starts] == [first for first, _ in stretches], slug
        for bar, (first, last) in zip(starts, stretches):
            assert bar["visible"]
            assert abs(bar["box"][0] - cells[first][0]) <= 1 and abs(bar["box"][2] - cells[last][1]) <= 2, (bar, cells)
            crossed = [e for e in mine if first < e["date"] <= last]
            assert crossed and all(e["continued"] and not e["visible"] for e in crossed)
            assert all(abs(e["box"][1] - bar["box"][1]) <= 1 for e in crossed), str((bar, crossed))  # the same lane
        visible_others = [e for e in entries if e["visible"] and e not in starts and e["href"] not in
                          (f"/{lang}/events/{s}/" for s in weeks)]
        for bar in starts:
            for other in visible_others:
                overlaps = (other["box"][0] < bar["box"][2] and bar["box"][0] < other["box"][2]
                            and other["box"][1] < bar["box"][3] and bar["box"][1] < other["box"][3])
                assert not overlaps, (bar, other)
    fair, crafts = (next(e for e in entries if e["href"].endswith(f"/{s}/") and e["date"] == "2026-12-11")
                    for s in ("winter-fair", "crafts-week"))
    assert crafts["box"][1] > fair["box"][1]  # beside the fair: the lane below it

    fresh.set_viewport_size({"width": 360, "height": HEIGHT})
    listed = [e for e in fresh.evaluate(BARS) if e["href"] == f"/{lang}/events/crafts-week/"]
    assert [e["date"] for e in listed] == ["2026-12-11", "2026-12-12", "2026-12-13", "2026-12-14", "2026-12-15"]
    assert all(e["visible"] for e in listed)
