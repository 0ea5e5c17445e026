"""The month calendar and the lists, in a real build of tests/fixtures/calendar
(today = 2026-03-18), and in the shared fixture site (today = 2026-11-23)."""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, build_site, read

TODAY = dt.date(2026, 3, 18)
SOFT_HYPHEN = "\u00ad"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@pytest.fixture(scope="module")
def calendar_site(tmp_path_factory) -> Path:
    return build_site(FIXTURES / "calendar", tmp_path_factory.mktemp("calendar") / "output", today=TODAY)


def page(site: Path, path: str) -> str:
    """A page's HTML; Babel's no-break spaces read as spaces here."""
    return read(site / path / "index.html").replace("\u00a0", " ").replace("\u202f", " ")


def main(html: str) -> str:
    return html.split('<main id="main" class="wrap"', 1)[1].split(">", 1)[1].split("</main>", 1)[0]


def day(html: str, date: str) -> str:
    """The grid cell of one day."""
    match = re.search(r'<td class="day[^"]*"[^>]*>\s*<p class="day-date"><time datetime="' + date + '">.*?</td>',
                      html, re.S)
    assert match, date
    return match[0]


def items(cell: str) -> list[str]:
    """A cell's entries, their words without the soft hyphens (tested on their own)."""
    return [item.replace(SOFT_HYPHEN, "") for item in re.findall(r'<li class="day-event[^"]*".*?</li>', cell, re.S)]


def section(html: str, heading_id: str) -> str:
    return html.split(f'id="{heading_id}"', 1)[1].split("</section>", 1)[0]


# Month pages: which exist, and how they link

def test_a_page_for_every_month_from_the_first_occurrence_to_the_last(calendar_site):
    for lang in ("kk", "ru"):
        pages = sorted(p.parent.relative_to(calendar_site / lang / "calendar").as_posix()
                       for p in (calendar_site / lang / "calendar").glob("*/*/index.html"))
        assert pages[0] == "2024/02" and pages[-1] == "2027/05" and len(pages) == 40  # with the empty months between


def test_calendar_root_is_the_builds_month(calendar_site):
    for lang, heading in (("kk", "Наурыз 2026 ж."), ("ru", "Март 2026 г.")):
        html = page(calendar_site, f"{lang}/calendar")
        assert f'<h1 id="month-heading">{heading}</h1>' in html
        assert f'<link rel="canonical" href="https://dostyq.kz/{lang}/calendar/2026/03/">' in html
        assert html.count('rel="canonical"') == 1
        assert main(html) == main(page(calendar_site, f"{lang}/calendar/2026/03"))
        assert f'<a href="/{lang}/calendar/" lang="{lang}" hreflang="{lang}" aria-current="page">' in html


def test_previous_and_next_month_links_stop_at_the_first_and_last_month(calendar_site):
    march = page(calendar_site, "kk/calendar/2026/03")
    assert '<a href="/kk/calendar/2026/02/" rel="prev">' in march and "Ақпан 2026 ж.</a>" in march
    assert '<a href="/kk/calendar/2026/04/" rel="next">' in march and "Сәуір 2026 ж. <span" in march
    assert "Февраль 2026 г.</a>" in page(calendar_site, "ru/calendar/2026/03")
    first, last = page(calendar_site, "ru/calendar/2024/02"), page(calendar_site, "ru/calendar/2027/05")
    assert 'rel="prev"' not in first and '<a href="/ru/calendar/2024/03/" rel="next">' in first
    assert 'rel="next"' not in last and '<a href="/ru/calendar/2027/04/" rel="prev">' in last
    assert '<a href="/ru/calendar/">Текущий месяц</a>' in last and "Текущий месяц" not in march


def test_every_page_links_the_calendar_in_the_main_navigation(calendar_site):
    for path in ("kk", "kk/events/nauryz", "kk/calendar/2025/01"):
        assert '<li><a href="/kk/calendar/">Күнтізбе</a></li>' in page(calendar_site, path)
    assert '<li><a href="/ru/calendar/">Календарь</a></li>' in page(calendar_site, "ru/centers")


# The grid

def test_month_and_weekday_names_are_localised_and_weeks_start_on_monday(calendar_site):
    for lang, short, full in (("kk", ["дс", "сс", "ср", "бс", "жм", "сб", "жс"], "дүйсенбі"),
                              ("ru", ["пн", "вт", "ср", "чт", "пт", "сб", "вс"], "понедельник")):
        html = page(calendar_site, f"{lang}/calendar/2026/03")
        headers = re.findall(r'<th scope="col"><span aria-hidden="true">([^<]+)</span>'
                             r'<span class="visually-hidden">([^<]+)</span></th>', html)
        assert [h[0] for h in headers] == short and headers[0][1] == full
        first_row = html.split("<tbody>")[1].split("</tr>")[0]
        assert first_row.count('<td class="day is-empty is-outside">') == 6  # 1 March 2026 is a Sunday
        assert f'<span class="day-number">2</span> <span class="day-name">{full}</span>' in html
    assert "<h1 id=\"month-heading\">Мамыр 2025 ж.</h1>" in page(calendar_site, "kk/calendar/2025/05")
    assert "<h1 id=\"month-heading\">Май 2025 г.</h1>" in page(calendar_site, "ru/calendar/2025/05")


def test_today_is_marked_for_screen_readers_and_visibly(calendar_site):
    for lang, mark in (("kk", "Бүгін"), ("ru", "Сегодня")):
        html = page(calendar_site, f"{lang}/calendar/2026/03")
        assert html.count('aria-current="date"') == 1 and html.count('class="today-mark"') == 1
        today = day(html, "2026-03-18")
        assert '<td class="day is-today" aria-current="date">' in today
        assert f'<strong class="today-mark">{mark}</strong>' in today
        assert 'aria-current="date"' not in page(calendar_site, f"{lang}/calendar/2026/04")


def test_a_day_lists_time_title_link_and_centre(calendar_site):
    cell = day(page(calendar_site, "kk/calendar/2026/03"), "2026-03-18")
    [course] = items(cell)
    assert '<span class="time">18:00</span>' in course
    assert '<a href="/kk/events/kazakh-course/">Қазақ тілі курсы</a>' in course
    assert '<span class="meta">Корей этномәдени орталығы</span>' in course
    ru = items(day(page(calendar_site, "ru/calendar/2026/03"), "2026-03-18"))[0]
    assert "Курс казахского языка" in ru and "Корейский этнокультурный центр" in ru


def test_repeating_events_are_on_each_of_their_dates_and_not_on_exceptions(calendar_site):
    html = page(calendar_site, "ru/calendar/2026/03")
    course_days = [int(d) for d in re.findall(r'datetime="2026-03-(\d\d)">(?:(?!</td>).)*?/ru/events/kazakh-course/',
                                               html, re.S)]
    assert course_days == [2, 4, 9, 11, 16, 18, 25, 30]
    assert "/ru/events/unity-day/" in day(page(calendar_site, "ru/calendar/2027/05"), "2027-05-01")
    assert "/ru/events/maslenitsa/" in day(page(calendar_site, "ru/calendar/2027/03"), "2027-03-14")
    assert "/ru/events/chinese-new-year/" in day(page(calendar_site, "ru/calendar/2026/02"), "2026-02-17")
    assert "/ru/events/kurban-ait/" in day(page(calendar_site, "ru/calendar/2026/05"), "2026-05-27")


def test_an_event_over_several_days_is_on_every_day(calendar_site):
    for lang, until in (("kk", "17:00 дейін"), ("ru", "до 17:00")):
        html = page(calendar_site, f"{lang}/calendar/2026/03")
        for date in ("2026-03-21", "2026-03-22", "2026-03-23"):
            assert f"/{lang}/events/nauryz/" in day(html, date)
        first, last = day(html, "2026-03-26"), day(html, "2026-03-27")
        assert re.search(r'<span class="time">10:00</span>\s*<a href="/\w\w/events/youth-forum/"', first)
        assert re.search(f'<span class="time">{until}</span>\\s*<a href="/\\w\\w/events/youth-forum/"', last)
        assert f"/{lang}/events/youth-forum/" not in day(html, "2026-03-28")


def test_cancelled_and_postponed_are_struck_through_with_their_status(calendar_site):
    for lang, cancelled, postponed in (("kk", "Өтпейді", "Кейінге қалдырылды"), ("ru", "Отменено", "Перенесено")):
        html = page(calendar_site, f"{lang}/calendar/2026/03")
        [concert] = [i for i in items(day(html, "2026-03-27")) if "spring-concert" in i]
        [exhibition] = items(day(html, "2026-03-10"))
        for item, label in ((concert, cancelled), (exhibition, postponed)):
            assert item.startswith('<li class="day-event is-off') and f'<strong class="status">{label}</strong>' in item
        assert all("is-off" not in i for i in items(day(html, "2026-03-18")))
    css = read(ROOT / "theme" / "static" / "css" / "site.css")
    assert ".day-event.is-off a { text-decoration: line-through; }" in css


def test_an_event_in_another_zone_shows_the_sites_time_and_its_own(calendar_site):
    kk = day(page(calendar_site, "kk/calendar/2026/03"), "2026-03-12")
    ru = day(page(calendar_site, "ru/calendar/2026/03"), "2026-03-12")
    assert '<span class="time">15:00 (Омбы 16:00)</span>' in kk
    assert '<span class="time">15:00 (Омск 16:00)</span>' in ru


def test_almatys_offset_change_keeps_the_wall_clock_and_moves_the_instant(calendar_site):
    """A weekly rehearsal at 19:00-21:00 across 2024-03-01, when Almaty went from UTC+6 to UTC+5."""
    february, march = page(calendar_site, "ru/calendar/2024/02"), page(calendar_site, "ru/calendar/2024/03")
    before, after = items(day(february, "2024-02-24"))[0], items(day(march, "2024-03-02"))[0]
    assert '<span class="time">19:00</span>' in before and '<span class="time">19:00</span>' in after
    assert 'data-end="2024-02-24T15:00:00Z"' in before and 'data-end="2024-03-02T16:00:00Z"' in after


def test_the_shared_site_month(site):
    kk = page(site, "kk/calendar")
    assert '<h1 id="month-heading">Қараша 2026 ж.</h1>' in kk
    today = day(kk, "2026-11-23").replace(SOFT_HYPHEN, "")
    assert 'aria-current="date"' in today and '<span lang="ru">Встреча в клубе журналистов</span>' in today
    assert "language-club" not in day(kk, "2026-11-28")  # except
    december = page(site, "ru/calendar/2026/12")
    [forum] = [i for i in items(day(december, "2026-12-05")) if "omsk-forum" in i]
    assert "is-off" in forum and "14:00 (Омск 15:00)" in forum and "Отменено" in forum
    months = sorted(p.parent.relative_to(site / "ru" / "calendar").as_posix()
                    for p in (site / "ru" / "calendar").glob("*/*/index.html"))
    # the yearly Unity Day has no end: it runs to the horizon, 18 months after today
    assert months[0] == "2018/03" and months[-1] == "2028/05"


# Small screens, structure

def test_the_month_reads_as_a_list_on_small_screens_by_css_alone():
    css = read(ROOT / "theme" / "static" / "css" / "site.css").split("/* ===== Month calendar", 1)[1]
    small, wide = css.split("@media (min-width: 48rem)", 1)
    assert ".month-grid, .month-grid tbody, .month-grid tr, .month-grid td { display: block; }" in small
    assert ".month-grid thead, .month-grid .is-empty { display: none; }" in small
    assert ".month-grid { display: table;" in wide and ".month-grid td, .month-grid .is-empty { display: table-cell; }" in wide
    assert "left" not in css and "right" not in css  # logical properties only


class Nesting(HTMLParser):
    """Fails on a closing tag that does not close the innermost open element, and on repeated ids."""

    def __init__(self):
        super().__init__()
        self.open: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids += [value for name, value in attrs if name == "id"]
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1] if self.open else None}>"
        self.open.pop()


@pytest.mark.parametrize("path", ["kk/calendar", "ru/calendar/2024/02", "ru/calendar/2027/05"])
def test_month_pages_are_well_nested_with_unique_ids(calendar_site, path):
    checker = Nesting()
    checker.feed(read(calendar_site / path / "index.html"))
    assert checker.open == [] and len(checker.ids) == len(set(checker.ids))


# The lists (language root, centre, category, place, archive)

def test_language_root_lists_each_event_once_at_its_real_next_date(calendar_site):
    ru = page(calendar_site, "ru")
    today, week, coming = section(ru, "today"), section(ru, "week"), section(ru, "coming")
    assert "/ru/events/kazakh-course/" in today and "18 марта 2026 г., 18:00–19:30" in today
    # a daily fair from tomorrow is in this week once, at its next date
    assert week.count("/ru/events/craft-fair/") == 1 and "19 марта 2026 г., 10:00–18:00" in week
    assert "21–23 марта 2026 г." in week  # Nauryz, a yearly rule from 2025
    assert "/ru/events/youth-forum/" in coming and "/ru/events/spring-concert/" in coming
    assert "kazakh-course" not in week + coming and "craft-fair" not in coming
    assert "/ru/events/unity-day/" not in ru  # 1 May is more than 30 days ahead
    assert "Қолөнер жәрмеңкесі" in section(page(calendar_site, "kk"), "week")


def test_centre_category_and_place_list_next_and_last_occurrences(calendar_site):
    centre = page(calendar_site, "ru/centers/korean-center")
    coming, past = section(centre, "coming"), section(centre, "past")
    assert "18 марта 2026 г., 18:00–19:30" in coming and "21–23 марта 2026 г." in coming
    assert "16 марта 2026 г., 18:00–19:30" in past and "21–23 марта 2025 г." in past
    assert "2 марта 2026 г." not in centre  # the course's first date is neither next nor last
    holiday = page(calendar_site, "kk/categories/holiday")
    assert "2026 ж. 1 мамыр" in section(holiday, "coming") and "2025 ж. 1 мамыр" in section(holiday, "past")
    assert "2027 ж. 14 наурыз, 12:00–15:00" in section(holiday, "coming")  # Maslenitsa's next date
    assert "2026 ж. 22 ақпан, 12:00–15:00" in section(holiday, "past")
    place = page(calendar_site, "ru/places/taldykorgan-house")
    assert "1 мая 2026 г." in section(place, "coming") and "1 мая 2025 г." in section(place, "past")


def test_yearly_archive_lists_past_occurrences(calendar_site):
    archive = page(calendar_site, "ru/archive/2026")
    for date in ("2", "4", "9", "11", "16"):
        assert f"{date} марта 2026 г., 18:00–19:30" in archive
    assert "18 марта 2026 г." not in archive  # today is not past
    assert "22 февраля 2026 г., 12:00–15:00" in archive and "17 февраля 2026 г." in archive
    assert "1 мая 2025 г." in page(calendar_site, "ru/archive/2025")
    assert page(calendar_site, "kk/archive/2024").count("/kk/events/choir-rehearsal/") == 4


# The optional script

def test_cards_and_days_carry_their_end_for_the_script(calendar_site):
    html = page(calendar_site, "ru")
    assert '<script src="/theme/js/past.js" defer></script>' in html
    assert 'data-end="2026-03-18T14:30:00Z"' in section(html, "today")  # 19:30 in Almaty
    assert 'data-end="2026-03-23T19:00:00Z"' in section(html, "week")  # Nauryz: midnight after its last day
    month = page(calendar_site, "ru/calendar/2026/03")
    assert month.count("<li class=\"day-event") == month.count("data-end=")


def test_the_script_marks_what_ended_since_the_build(tmp_path):
    node = shutil.which("node")
    assert node, "node is needed (it runs ical.js in the feed tests too)"
    script = read(ROOT / "theme" / "static" / "js" / "past.js")
    harness = """
    const items = [%s].map(end => ({end, classes: new Set(),
      getAttribute() { return this.end; }, classList: {add(c) { this.owner.classes.add(c); }}}));
    items.forEach(i => i.classList.owner = i);
    globalThis.document = {querySelectorAll: () => items};
    %s
    console.log(JSON.stringify(items.map(i => i.classes.has("is-past"))));
    """ % (", ".join(json.dumps(e) for e in ("2000-01-01T00:00:00Z", "2999-01-01T00:00:00Z")), script)
    result = subprocess.run([node, "-e", harness], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == [True, False]
    assert len(script.encode()) < 600


# Long words in the grid's narrow cells

def test_long_words_in_the_grid_break_only_between_syllables_of_their_own_language(calendar_site, site):
    """Soft hyphens (which every browser honours: Debian's Chromium has no hyphenation
    dictionary, and no browser one for Kazakh) only in words of 8 letters or more,
    never leaving a single letter, and by the text's own language: a Russian
    fallback title on a Kazakh page is hyphenated as Russian."""
    kk, ru = page(calendar_site, "kk/calendar/2026/03"), page(calendar_site, "ru/calendar/2026/03")
    assert "эт\u00adно\u00adмә\u00adде\u00adни ор\u00adта\u00adлы\u00adғы" in kk  # этномәдени орталығы
    assert "Ко\u00adрей\u00adский эт\u00adно\u00adкуль\u00adтур\u00adный центр" in ru  # Pyphen's Russian patterns
    fallback = day(page(site, "kk/calendar"), "2026-11-23")
    assert '<span lang="ru">Встреча в клубе жур\u00adна\u00adли\u00adстов</span>' in fallback
    for html in (kk, ru):
        for word in re.findall(r"[^\W\d_]+(?:\u00ad[^\W\d_]+)+", main(html)):
            pieces = word.split(SOFT_HYPHEN)
            assert len(word) - len(pieces) + 1 >= 8, word
            assert len(pieces[0]) >= 2 and len(pieces[-1]) >= 2, word
    assert SOFT_HYPHEN not in html.split("<main", 1)[0]  # the header and the page title stay as written
