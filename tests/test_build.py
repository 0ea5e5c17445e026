"""A real Pelican build of tests/fixtures/site: pages, languages, dates, fallbacks."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, build_site, read, run_pelican


def page(site: Path, path: str) -> str:
    """A page's HTML; Babel's no-break spaces ("2026\u00a0ж.") read as spaces here."""
    return read(site / path / "index.html").replace("\u00a0", " ").replace("\u202f", " ")


def test_every_page_exists_in_both_languages(site):
    for lang in ("kk", "ru"):
        for path in ("", "events/nauryz/", "events/today-meeting/", "events/omsk-forum/", "centers/",
                     "centers/tatar-center/", "centers/tatar-choir/", "categories/", "categories/holiday/",
                     "categories/charity/", "places/oskemen-house/", "archive/", "archive/2018/", "archive/2026/"):
            assert (site / lang / path / "index.html").is_file(), f"{lang}/{path}"
    assert (site / "index.html").is_file() and (site / "404.html").is_file()
    assert (site / "theme" / "css" / "site.css").is_file()


def test_the_stylesheet_is_published_without_comments_and_spaces_and_keeps_every_rule(site):
    source = read(ROOT / "theme" / "static" / "css" / "site.css")
    published = read(site / "theme" / "css" / "site.css")
    assert "/*" in source and "/*" not in published and "\n" not in published.strip()
    assert len(published.encode()) < 0.8 * len(source.encode())

    def rules(css: str) -> list[str]:  # every selector and at-rule, spaces aside
        css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
        return [re.sub(r"\s+", "", head) for head in re.findall(r"([^{};]+)\{", css)]
    assert rules(published) == rules(source)


def test_drafts_are_not_published(site):
    assert not list(site.glob("*/events/secret/*"))
    assert "secret" not in page(site, "kk")


def test_pages_carry_their_language_and_link_the_same_page_in_the_other(site):
    kk = page(site, "kk/events/nauryz")
    ru = page(site, "ru/events/nauryz")
    assert '<html lang="kk">' in kk and '<html lang="ru">' in ru
    for html in (kk, ru):
        assert '<a href="/kk/events/nauryz/" lang="kk" hreflang="kk"' in html
        assert '<a href="/ru/events/nauryz/" lang="ru" hreflang="ru"' in html
        assert '<link rel="alternate" hreflang="ru" href="https://dostyq.kz/ru/events/nauryz/">' in html
    assert "<h1>Наурыз мейрамы</h1>" in kk and "<h1>Праздник Наурыз</h1>" in ru
    assert 'aria-current="page">Қазақша</a>' in kk


def test_interface_strings_are_translated(site):
    kk, ru = page(site, "kk"), page(site, "ru")
    assert "Бүгін" in kk and "Осы аптада" in kk and "Алдағы іс-шаралар" in kk
    assert "Сегодня" in ru and "На этой неделе" in ru
    assert "Today" not in kk and "Today" not in ru


def test_dates_are_localised_with_babel(site):
    assert "2026 ж. 21–23 наурыз" in page(site, "kk/events/nauryz")
    assert "21–23 марта 2026 г." in page(site, "ru/events/nauryz")
    assert "2018 ж. 15 наурыз, 10:00–12:00" in page(site, "kk/events/debates-2018")
    assert "15 марта 2018 г., 10:00–12:00" in page(site, "ru/events/debates-2018")
    assert "<h2 id=\"month-1\">Март 2018 г.</h2>" in page(site, "ru/archive/2018")
    assert "<h2 id=\"month-1\">Наурыз 2018 ж.</h2>" in page(site, "kk/archive/2018")


def test_another_time_zone_is_named_and_shown_in_the_site_time(site):
    ru = page(site, "ru/events/omsk-forum")
    assert "5 декабря 2026 г., 15:00–18:00" in ru
    assert "Часовой пояс: Омск" in ru and "По времени Алматы: 5 декабря 2026 г., 14:00–17:00" in ru
    assert "Часовой пояс" not in page(site, "ru/events/nauryz")
    # lists say so too
    assert "5 декабря 2026 г., 15:00–18:00 (Часовой пояс: Омск)" in page(site, "ru/categories/forum")


def test_a_missing_translation_shows_the_text_in_its_own_language_with_a_notice(site):
    kk = page(site, "kk/events/today-meeting")
    assert '<h1><span lang="ru">Встреча в клубе журналистов</span></h1>' in kk
    assert "Бұл мәтін әлі аударылмаған, түпнұсқасы көрсетілген (орыс тілі)." in kk
    assert '<div class="body" lang="ru">' in kk
    ru = page(site, "ru/events/today-meeting")
    assert "не переведён" not in ru and 'lang="kk"' not in ru.split("<main", 1)[1]
    # lists of the other language include it, marked
    assert '<span lang="ru">Встреча в клубе журналистов</span>' in page(site, "kk")
    assert '<span lang="ru">Хор «Сандугач»</span>' in page(site, "kk/centers")


def test_cancelled_events_stay_and_say_so(site):
    kk = page(site, "kk/events/omsk-forum")
    assert 'class="status-banner status-cancelled"><strong>Бұл іс-шара өтпейді.</strong> Ауа райына байланысты' in kk
    assert '<strong class="status status-cancelled">Өтпейді</strong>' in kk
    assert "Отменено" in page(site, "ru/categories/forum")


def test_language_root_lists_today_this_week_and_coming_up(site):
    kk = page(site, "kk")
    today = kk.split('id="today"')[1].split("</section>")[0]
    coming = kk.split('id="coming"')[1].split("</section>")[0]
    assert "today-meeting" in today and "language-club" not in today
    # the weekly club skips 28 November (except): its next real date is 5 December
    assert "2026 ж. 5 желтоқсан, 11:00–12:30" in coming and "omsk-forum" in coming


def test_centre_page_has_contacts_children_and_events(site):
    kk = page(site, "kk/centers/tatar-center")
    assert '<a href="tel:+77232123456">+7 7232 123456</a>' in kk
    assert '<a href="mailto:tatar@example.kz">' in kk and 'href="https://instagram.com/tugan_tel">Instagram</a>' in kk
    assert 'href="/kk/centers/tatar-choir/"' in kk  # a collective of the centre
    assert "/kk/events/nauryz/" in kk.split('id="past"')[1] and "/kk/events/language-club/" in kk.split('id="coming"')[1]
    assert 'href="/kk/centers/tatar-center/"' in page(site, "kk/centers/tatar-choir")


def test_root_offers_the_languages_and_404_speaks_both(site):
    root = read(site / "index.html")
    assert '<li lang="kk"><a href="/kk/" hreflang="kk">Қазақша</a>' in root
    assert '<li lang="ru"><a href="/ru/" hreflang="ru">Русский</a>' in root
    not_found = read(site / "404.html")
    assert "Бет табылмады" in not_found and "Страница не найдена" in not_found
    assert '<section lang="ru"' in not_found


def test_raw_html_in_titles_and_bodies_is_escaped(tmp_path, content_copy):
    (content_copy / "events" / "2026" / "xss.kk.md").write_text(
        '---\ntitle: "<script>alert(1)</script>"\nstart: 2026-12-01\ncategory: other\n---\n\n<img src=x onerror=alert(1)>\n',
        encoding="utf-8")
    out = build_site(content_copy, tmp_path / "out")
    html = page(out, "kk/events/xss")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path):
    first = digest(build_site(FIXTURES / "site", tmp_path / "a"))
    second = digest(build_site(FIXTURES / "site", tmp_path / "b"))
    assert first == second and len(first) > 50


def test_source_date_epoch_sets_today(tmp_path):
    import datetime as dt

    out = build_site(FIXTURES / "site", tmp_path / "out", today=dt.date(2026, 3, 22))
    today = page(out, "ru").split('id="today"')[1].split("</section>")[0]
    assert "/ru/events/nauryz/" in today and "22 марта 2026 г." in today


def test_the_pelican_command_builds_any_content_folder(tmp_path):
    result = run_pelican(FIXTURES / "site", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "ru" / "events" / "nauryz" / "index.html").is_file()


def test_bad_content_gives_located_errors_a_failing_exit_and_no_output(tmp_path, content_copy):
    (content_copy / "events" / "2026" / "broken.kk.md").write_text(
        "---\ntitle: Broken\nstart: 2026-02-30\ncategory: party\n---\n", encoding="utf-8")
    (content_copy / "events" / "2026" / "yaml.ru.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    result = run_pelican(content_copy, tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert any(re.fullmatch(r".*events/2026/broken\.kk\.md:3: `start`: '2026-02-30' is not a real date or time", line) for line in lines)
    assert any(re.fullmatch(r".*events/2026/broken\.kk\.md:4: `category`: 'party' is not one of: .*", line) for line in lines)
    assert f"{content_copy}/events/2026/yaml.ru.md:3: a value is cut off here: is a `[`, `{{` or a quote left open?" in lines
    assert "3 error(s) in the content; nothing was written." in lines
    assert not (tmp_path / "out").exists()


CATALOGUES = {"theme": (ROOT / "theme" / "translations", "messages"), "checker": (ROOT / "dostyq" / "locale", "dostyq")}


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("catalogue", CATALOGUES, ids=CATALOGUES.keys())
def test_catalogues_translate_every_string_with_the_same_placeholders(catalogue, lang):
    from babel.messages.pofile import read_po

    folder, domain = CATALOGUES[catalogue]
    with open(folder / lang / "LC_MESSAGES" / f"{domain}.po", "rb") as f:
        catalog = read_po(f)
    with open(folder / f"{domain}.pot", "rb") as f:
        template = read_po(f)
    untranslated = [m.id for m in catalog if m.id and (not m.string or m.fuzzy or not all(m.string))]
    assert untranslated == []
    assert {m.id for m in template if m.id} <= {m.id for m in catalog if m.id}
    fields = lambda text: sorted(re.findall(r"(?<!{){[^{}]*}(?!})|%\(\w+\)s", text))  # noqa: E731
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            assert fields(string) == fields(ids[-1]), (message.id, string)


def test_a_rebuild_into_the_same_folder_removes_what_was_deleted(tmp_path, content_copy):
    out = build_site(content_copy, tmp_path / "out")
    assert (out / "kk" / "events" / "omsk-forum" / "index.html").is_file()
    stray = out / "theme" / "keep.txt"  # Pelican's theme files are not ours to clean
    stray.write_text("x")
    for path in (content_copy / "events" / "2026").glob("omsk-forum.*.md"):
        path.unlink()
    build_site(content_copy, out)
    assert not (out / "kk" / "events" / "omsk-forum").exists()
    assert not (out / "ru" / "events" / "omsk-forum" / "event.ics").exists()
    assert (out / "kk" / "events" / "nauryz" / "index.html").is_file() and stray.is_file()
    assert digest(out) == digest(build_site(content_copy, tmp_path / "fresh")) | {"theme/keep.txt": digest(out)["theme/keep.txt"]}


def test_text_files_have_their_gzip_copies_and_only_they(site):
    """For web servers that send a file's .gz as it is (nginx gzip_static): every
    text file over 256 bytes has one, with exactly its bytes, and no other file."""
    import gzip

    from dostyq.output import COMPRESSIBLE

    files = {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}
    copies = {name for name in files if name.endswith(".gz")}
    wanted = {f"{name}.gz" for name, p in files.items()
              if name.endswith(COMPRESSIBLE) and p.stat().st_size > 256 and not name.startswith(".")}
    assert copies == wanted
    assert {"kk/index.html.gz", "kk/calendar.ics.gz", "events.json.gz", "theme/css/site.css.gz",
            "sitemap.xml.gz", "kk/feed.atom.gz"} <= copies
    assert not any(name.endswith((".png.gz", ".jpg.gz", ".webp.gz")) for name in copies)
    for name in copies:
        packed = files[name].read_bytes()
        assert packed[4:8] == b"\0\0\0\0"  # no time in the header: the same bytes every build
        assert gzip.decompress(packed) == files[name[:-3]].read_bytes(), name


def test_names_sort_by_each_languages_alphabet():
    from dostyq.alphabet import sort_key

    kazakh = ["Ағаш", "Айгүл", "Әсем", "Бақыт", "Өнер", "Оқу", "Үміт", "Ұлан", "Уақыт", "Іңкәр", "Ырыс", "Жібек"]
    assert sorted(kazakh, key=lambda n: sort_key(n, "kk")) == [
        "Ағаш", "Айгүл", "Әсем", "Бақыт", "Жібек", "Оқу", "Өнер", "Уақыт", "Ұлан", "Үміт", "Ырыс", "Іңкәр"]
    assert sorted(["Ёлка", "Ель", "Жук", "Еда"], key=lambda n: sort_key(n, "ru")) == ["Еда", "Ёлка", "Ель", "Жук"]
    # quotes do not count; Latin and digits come first
    assert sorted(["«Туган тел»", "Әлем", "Abai"], key=lambda n: sort_key(n, "kk")) == ["Abai", "Әлем", "«Туган тел»"]


def test_centre_pages_name_one_kind_and_lists_say_coming_events(site):
    assert "<dd>Этномәдени орталық</dd>" in page(site, "kk/centers/tatar-center")
    assert "<dd>Этнокультурный центр</dd>" in page(site, "ru/centers/tatar-center")
    assert "Предстоящие события" in page(site, "ru") and "Скоро" not in page(site, "ru")


def test_the_weekend_page_lists_the_coming_saturday_and_sunday(tmp_path):
    out = tmp_path / "output"
    result = run_pelican(FIXTURES / "site", out, today=dt.date(2026, 12, 1))  # a Tuesday
    assert result.returncode == 0, result.stderr
    kk, ru = (read(out / f"{lang}/weekend/index.html").replace("\u202f", " ") for lang in ("kk", "ru"))
    assert "Осы демалыс күндері: 2026 ж. 5–6 желтоқсан" in kk and "В эти выходные: 5–6 декабря 2026 г." in ru
    assert "Қазақ тілі клубы" in kk and "Клуб казахского языка" in ru  # Saturday 5 December
    assert "Наурыз" not in kk
    # on the Sunday itself, the weekend is that day only: Saturday is over
    result = run_pelican(FIXTURES / "site", out, today=dt.date(2026, 12, 6))
    assert "Клуб казахского языка" not in read(out / "ru/weekend/index.html")
    # the filters are links to the filtered lists
    assert '<a href="/ru/categories/festival/" class="chip category-festival">' in ru
    # the home page leads to it; the page itself does not link to itself
    assert '<a href="/kk/weekend/">' in read(out / "kk/index.html") and '<a href="/kk/weekend/">' not in kk
