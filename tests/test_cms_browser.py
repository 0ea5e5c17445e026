"""The editors' web form end to end (issue 15, point 5): `dostyq serve --cms` on a
copy of the fixture site, Decap CMS driven in Debian's Chromium against its local
backend on loopback; then the files it wrote are read back, checked with
`dostyq check` and built with `pelican`.

Screenshots of the editor (kk and ru, 1280 px) go where DOSTYQ_SCREENSHOTS points."""
from __future__ import annotations

import html
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from PIL import Image

from conftest import FIXTURES, ROOT, TODAY, epoch_of, read, run_pelican
from test_nginx import server  # noqa: F401  (nginx with deploy/nginx/dostyq.conf, serving the fixture build)
from dostyq.authoring.slugs import slugify
from dostyq.cms.labels import EVENT_LABELS, CENTER_LABELS, WORDS
from web import chromium

BIN = Path(sys.executable).parent
DECAP = ROOT / "admin" / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"
NAURYZ_TITLE = "Наурыз мейрамы: «Көктем шуағы» & <достар>"
NAURYZ = slugify(NAURYZ_TITLE)
RU_TITLE = 'Праздник Наурыз: «Весенний свет» "</script><b>'  # hostile text stays text, in YAML and on the page  # the form names files as `dostyq new` does
OPTIONAL = {"kk": " (міндетті емес)", "ru": " (необязательный)"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def cms(tmp_path_factory):
    """A repository with the fixture content, served with the web form; yields
    (its folder, the site's address)."""
    assert DECAP.is_file(), "the web form is not installed: run `make setup` (npm ci in admin/)"
    repo = tmp_path_factory.mktemp("repo")
    shutil.copytree(FIXTURES / "site", repo / "content")
    port, cms_port = free_port(), free_port()
    process = subprocess.Popen(
        [str(BIN / "dostyq"), "serve", "--cms", "--content", "content", "--output", "output", "--settings",
         str(ROOT / "pelican.conf.py"), "--port", str(port), "--cms-port", str(cms_port)],
        cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": epoch_of(TODAY), "NO_COLOR": "1"})
    for line in process.stderr:  # the server says where it serves once it does
        if line.startswith("The web form:"):
            break
    else:
        pytest.fail("dostyq serve --cms did not start")
    yield repo, f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=20)
    with socket.socket() as probe:  # the local backend ended with it: nothing writes into the repository now
        assert probe.connect_ex(("127.0.0.1", cms_port)) != 0


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


class Form:
    """The Decap editor, found by the labels our configuration gives its fields."""

    def __init__(self, page, ui: str):
        self.page, self.ui = page, ui

    def field_id(self, label: str, pane: int = 0) -> str:
        wanted = {label, label + OPTIONAL[self.ui]}
        ids = self.page.eval_on_selector_all("label[for]", "ls => ls.map(l => [l.getAttribute('for'), l.textContent])")
        found = [for_id for for_id, text in ids if text in wanted and self.page.locator(f"#{for_id}").is_visible()]
        assert len(found) > pane, (label, ids)
        return found[pane]

    def label(self, labels: dict, name: str) -> str:
        return labels[name][self.ui][0]

    def fill(self, labels: dict, name: str, value: str, pane: int = 0) -> None:
        self.page.fill(f"#{self.field_id(self.label(labels, name), pane)}", value)

    def moment(self, labels: dict, name: str, date: str, time: str | None = None) -> None:
        date_input = self.page.locator(f"#{self.field_id(self.label(labels, name))}")
        date_input.fill(date)
        if time:
            date_input.locator("xpath=following-sibling::input[@type='time']").fill(time)

    def choose(self, labels: dict, name: str, option: str) -> None:
        field = self.page.locator(f"#{self.field_id(self.label(labels, name))}")
        field.fill(option)
        self.page.get_by_role("option", name=option, exact=True).click()

    def publish(self) -> None:
        words = {"kk": ("Жариялау", "Қазір жариялау"), "ru": ("Опубликовать", "Опубликовать сейчас")}[self.ui]
        self.page.get_by_role("button", name=words[0], exact=True).click()
        self.page.get_by_role("menuitem", name=words[1]).click()


def open_editor(browser, base: str, ui: str, collection: str):
    # the browser's own language, as an editor's would be: dates in its inputs are written its way
    page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale={"kk": "kk-KZ", "ru": "ru-RU"}[ui])
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # everything the form loads comes from the site and its local backend, none from another host
    page.on("request", lambda request: urlsplit(request.url).hostname not in ("127.0.0.1", None)
            and urlsplit(request.url).scheme in ("http", "https") and errors.append(f"fetched {request.url}"))
    admin = "/admin/" if ui == "kk" else f"/admin/{ui}/"
    page.goto(base + admin)
    page.get_by_role("button", name={"kk": "Кіру", "ru": "Войти"}[ui]).click()
    page.goto(f"{base}{admin}#/collections/{collection}/new")
    page.wait_for_selector("label[for]")
    return page, errors


def wait_for_file(page, path: Path) -> None:
    """After a save, Decap opens the saved entry (its address leaves `/new`) once
    the backend has written the files."""
    page.wait_for_url(re.compile(r"#/collections/[a-z]+/entries/"))
    assert path.is_file(), path


def category_label(repo: Path, ui: str, category: str) -> str:
    """The category's name in the form, as the built configuration gives it."""
    config = yaml.safe_load(read(repo / "output" / "admin" / ("" if ui == "kk" else ui) / "config.yml"))
    events = next(c for c in config["collections"] if c["name"] == "events")
    options = next(f for f in events["fields"] if f["name"] == "category")["options"]
    return next(o["label"] for o in options if o["value"] == category)


def front_matter(path: Path) -> dict:
    text = read(path)
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n")[1])


def screenshot(page, tmp_path_factory, name: str) -> None:
    folder = os.environ.get("DOSTYQ_SCREENSHOTS")
    target = Path(folder) if folder else tmp_path_factory.getbasetemp() / "screenshots"
    target.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target / name))


def test_event_in_kazakh_with_russian_translation(cms, browser, tmp_path_factory):
    repo, base = cms
    page, errors = open_editor(browser, base, "kk", "events")
    form = Form(page, "kk")
    form.fill(EVENT_LABELS, "title", NAURYZ_TITLE)
    form.moment(EVENT_LABELS, "start", "2027-03-21", "18:00")
    form.moment(EVENT_LABELS, "end", "2027-03-21", "21:00")
    form.choose(EVENT_LABELS, "category", category_label(repo, "kk", "festival"))
    form.fill(EVENT_LABELS, "location", "Үлкен зал")
    # centres and places are picked by name from their own files
    form.choose(EVENT_LABELS, "centers", "«Туган тел» татар орталығы")
    form.choose(EVENT_LABELS, "place", "Достық үйі")
    form.fill(EVENT_LABELS, "tags", "жастар, yes")  # `yes` stays text: YAML 1.1 would read it as true
    photo = tmp_path_factory.mktemp("upload") / "nauryz-photo.jpg"
    Image.new("RGB", (1400, 800), (30, 120, 200)).save(photo, quality=85)
    page.get_by_role("button", name="Сурет таңдау").first.click()
    page.locator("input[type=file]").set_input_files(photo)
    page.get_by_role("button", name="Таңдалғанды алу").click()
    form.fill(EVENT_LABELS, "image_alt", "Көктемгі сахна")
    form.fill(EVENT_LABELS, "image_alt", "Весенняя сцена", pane=1)
    form.fill(EVENT_LABELS, "title", RU_TITLE, pane=1)
    form.fill(EVENT_LABELS, "location", "Большой зал", pane=1)
    screenshot(page, tmp_path_factory, "cms-event-kk-1280.png")
    form.publish()
    kk = repo / "content" / "events" / "2027" / f"{NAURYZ}.kk.md"
    ru = kk.with_name(kk.name.replace(".kk.", ".ru."))
    wait_for_file(page, ru)
    wait_for_file(page, kk)
    assert front_matter(kk) == {"title": NAURYZ_TITLE, "start": "2027-03-21 18:00",
                                "end": "2027-03-21 21:00", "category": "festival", "location": "Үлкен зал",
                                "centers": ["tatar-center"], "place": "oskemen-house", "tags": ["жастар", "yes"],
                                "image": "nauryz-photo.jpg", "image_alt": "Көктемгі сахна"}
    # facts are written once, in the default language's file
    assert front_matter(ru) == {"title": RU_TITLE, "location": "Большой зал",
                                "image_alt": "Весенняя сцена"}
    # the picture is saved beside the entry, byte for byte
    assert (kk.parent / "nauryz-photo.jpg").read_bytes() == photo.read_bytes()
    assert not errors
    page.close()


def test_repeating_event_and_centre_in_russian_form(cms, browser, tmp_path_factory):
    repo, base = cms
    page, errors = open_editor(browser, base, "ru", "events")
    form = Form(page, "ru")
    form.fill(EVENT_LABELS, "slug", "russian-club")
    form.fill(EVENT_LABELS, "title", "Қазақ тілі клубы")
    form.fill(EVENT_LABELS, "title", "Клуб казахского языка", pane=1)
    form.moment(EVENT_LABELS, "start", "2027-01-05", "15:00")
    form.moment(EVENT_LABELS, "end", "2027-01-05", "17:00")
    form.choose(EVENT_LABELS, "category", category_label(repo, "ru", "meeting"))
    form.fill(EVENT_LABELS, "rrule", "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=2027-05-31")
    form.choose(EVENT_LABELS, "timezone", "Asia/Omsk")
    screenshot(page, tmp_path_factory, "cms-event-ru-1280.png")
    form.publish()
    event = repo / "content" / "events" / "2027" / "russian-club.kk.md"
    wait_for_file(page, event.with_name("russian-club.ru.md"))
    wait_for_file(page, event)
    assert front_matter(event) == {"title": "Қазақ тілі клубы", "start": "2027-01-05 15:00", "end": "2027-01-05 17:00",
                                   "timezone": "Asia/Omsk", "category": "meeting",
                                   "rrule": "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=2027-05-31"}
    page.close()

    page, errors2 = open_editor(browser, base, "ru", "centers")
    form = Form(page, "ru")
    form.fill(CENTER_LABELS, "name", "Өзбек этномәдени орталығы")
    form.fill(CENTER_LABELS, "name", "Узбекский этнокультурный центр", pane=1)
    form.fill(CENTER_LABELS, "founded", "1995")
    form.fill(CENTER_LABELS, "phone", "+7 7232 123456")
    form.publish()
    center = repo / "content" / "centers" / "ozbek-etnomadeni-ortalygy.kk.md"
    wait_for_file(page, center.with_name("ozbek-etnomadeni-ortalygy.ru.md"))
    wait_for_file(page, center)
    assert front_matter(center) == {"name": "Өзбек этномәдени орталығы", "founded": 1995, "phone": "+7 7232 123456"}
    assert not errors and not errors2
    page.close()


def site_date(lang: str, day: int) -> str:
    """A day of March 2026 as the site's pages write it."""
    import datetime as dt

    from dostyq.dates import DateFormat

    return DateFormat(lang, "Asia/Almaty").date(dt.date(2026, 3, day))


def preview_frame(page):
    """The preview pane's document, once it shows a page heading."""
    page.wait_for_selector("iframe")
    frame = page.frame_locator("iframe").first
    frame.locator("h1").wait_for()
    return frame


@pytest.mark.parametrize("ui", ["kk", "ru"])
def test_the_preview_looks_like_the_event_page_in_the_language_edited(cms, browser, tmp_path_factory, ui):
    repo, base = cms
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    admin = "/admin/" if ui == "kk" else f"/admin/{ui}/"
    page.goto(base + admin)
    page.get_by_role("button", name={"kk": "Кіру", "ru": "Войти"}[ui]).click()
    page.goto(f"{base}{admin}#/collections/events/entries/2026/nauryz")
    page.wait_for_selector("label[for]")
    toggle = {"kk": "Алдын ала көру", "ru": "Переключиться на предварительный просмотр"}[ui]
    page.get_by_role("button", name=toggle).click()
    frame = preview_frame(page)
    # the site's markup and stylesheet: the category chip is the site's rounded label
    assert frame.locator("article.event.category-holiday h1").inner_text() == "Наурыз мейрамы"
    assert frame.locator("main").get_attribute("lang") == "kk"
    assert frame.locator(".chip").evaluate("e => getComputedStyle(e).borderRadius") == "999px"
    assert frame.locator(".chip").inner_text() == category_label(repo, ui, "holiday")
    assert frame.locator(".when-text").inner_text() == f"{site_date('kk', 21)} – {site_date('kk', 23)}"
    place = yaml.safe_load(read(repo / "content" / "places.yml"))["oskemen-house"]["name"]
    assert place["kk"] in frame.locator(".facts").inner_text()  # names, not ids
    screenshot(page, tmp_path_factory, f"cms-preview-kk-{ui}-1280.png")
    # the Russian file: its title and body, with the facts from the Kazakh one
    page.get_by_role("button", name={"kk": "KK тілінде жазу", "ru": "Пишем на KK"}[ui]).click()
    page.get_by_role("menuitem", name="ru", exact=True).click()
    frame.locator("main[lang=ru]").wait_for()
    assert frame.locator("h1").inner_text() == "Праздник Наурыз"
    assert frame.locator(".when-text").inner_text() == f"{site_date('ru', 21)} – {site_date('ru', 23)}"
    assert place["ru"] in frame.locator(".facts").inner_text()
    screenshot(page, tmp_path_factory, f"cms-preview-ru-{ui}-1280.png")
    page.close()


def test_the_preview_looks_like_the_centre_page(cms, browser, tmp_path_factory):
    repo, base = cms
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(base + "/admin/")
    page.get_by_role("button", name="Кіру").click()
    page.goto(f"{base}/admin/#/collections/centers/entries/tatar-center")
    page.wait_for_selector("label[for]")
    page.get_by_role("button", name="Алдын ала көру").click()
    frame = preview_frame(page)
    name = front_matter(repo / "content" / "centers" / "tatar-center.kk.md")["name"]
    assert frame.locator("article.center h1").inner_text() == name
    facts = frame.locator("article.center .facts").inner_text()
    place = yaml.safe_load(read(repo / "content" / "places.yml"))["oskemen-house"]["name"]["kk"]
    assert "1992" in facts and place in facts and "+7 7232 123456" in facts
    # the site's stylesheet: its fact list is a grid of terms and descriptions
    assert frame.locator(".facts dt").first.evaluate("e => getComputedStyle(e).textTransform") == "uppercase"
    screenshot(page, tmp_path_factory, "cms-preview-centre-kk-1280.png")
    page.close()


@pytest.mark.parametrize("problem", ["end_before_start", "missing_category"])
def test_the_form_refuses_bad_input(cms, browser, problem):
    repo, base = cms
    page, errors = open_editor(browser, base, "kk", "events")
    form = Form(page, "kk")
    form.fill(EVENT_LABELS, "slug", f"bad-{problem.replace('_', '-')}")
    form.fill(EVENT_LABELS, "title", "Қате")
    form.moment(EVENT_LABELS, "start", "2027-04-10", "18:00")
    if problem == "end_before_start":
        form.moment(EVENT_LABELS, "end", "2027-04-10", "16:00")
        form.choose(EVENT_LABELS, "category", category_label(repo, "kk", "concert"))
        message = WORDS["end_before_start"]["kk"]
    else:
        message = "«Санаты» өрісін толтыру керек."
    form.publish()
    page.get_by_text(message).first.wait_for()
    assert not list((repo / "content" / "events").rglob(f"bad-{problem.replace('_', '-')}*"))
    page.close()


def test_facts_written_only_in_a_translation_move_into_the_default_file(cms, browser):
    """maslenitsa.ru.md holds the facts, maslenitsa.kk.md only its title: the form
    asks for the required ones, and keeps the others (dates, centres) by moving
    them into the Kazakh file, so the two files never disagree."""
    repo, base = cms
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(base + "/admin/")
    page.get_by_role("button", name="Кіру").click()
    page.goto(f"{base}/admin/#/collections/events/entries/2026/maslenitsa")
    page.wait_for_selector("label[for]")
    form = Form(page, "kk")
    form.moment(EVENT_LABELS, "start", "2026-02-22")
    form.choose(EVENT_LABELS, "category", category_label(repo, "kk", "holiday"))
    form.publish()
    page.get_by_text(re.compile("^Жазба (сақталды|жарияланды)$")).first.wait_for()
    folder = repo / "content" / "events" / "2026"
    assert front_matter(folder / "maslenitsa.kk.md") == {
        "title": "Масленица мерекесі", "start": "2026-02-22", "category": "holiday",
        "centers": ["tatar-center"], "dates": ["2027-03-14", "2028-02-27"]}
    assert front_matter(folder / "maslenitsa.ru.md") == {"title": "Масленица"}
    assert read(folder / "maslenitsa.ru.md").endswith("Проводы зимы.\n")
    page.close()


def test_places_yml_round_trips_through_its_form(cms, browser):
    """A city added in the places form: places.yml keeps every place and name it had."""
    repo, base = cms
    before = yaml.safe_load(read(repo / "content" / "places.yml"))
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(base + "/admin/")
    page.get_by_role("button", name="Кіру").click()
    page.goto(f"{base}/admin/#/collections/places/entries/places")
    page.wait_for_selector("label[for]")
    page.get_by_role("button", name="қалалар қосу").click()
    form = Form(page, "kk")
    # the new city is the one open item (the others are folded)
    page.fill(f"#{form.field_id('Идентификатор')}", "kazan")
    page.fill(f"#{form.field_id('Атауы (kk)')}", "Қазан")
    page.fill(f"#{form.field_id('Атауы (ru)')}", "Казань")
    form.publish()
    page.get_by_text(re.compile("^Жазба (сақталды|жарияланды)$")).first.wait_for()
    after = yaml.safe_load(read(repo / "content" / "places.yml"))
    assert after == {**before, "cities": {**before["cities"], "kazan": {"kk": "Қазан", "ru": "Казань"}}}
    page.close()


def test_what_the_form_wrote_passes_check_and_builds(cms, browser, tmp_path_factory):
    """Runs after the tests above (file order): the repository now holds their entries."""
    repo, _ = cms
    written = sorted(p.relative_to(repo / "content").as_posix() for p in (repo / "content").rglob("*.md")
                     if not (FIXTURES / "site" / p.relative_to(repo / "content")).exists())
    assert written == ["centers/ozbek-etnomadeni-ortalygy.kk.md", "centers/ozbek-etnomadeni-ortalygy.ru.md",
                       f"events/2027/{NAURYZ}.kk.md",
                       f"events/2027/{NAURYZ}.ru.md",
                       "events/2027/russian-club.kk.md", "events/2027/russian-club.ru.md"]
    check = subprocess.run([str(BIN / "dostyq"), "check", "content", "--settings", str(ROOT / "pelican.conf.py")],
                           cwd=repo, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert NAURYZ not in check.stdout and "russian-club" not in check.stdout and "ozbek" not in check.stdout
    out = tmp_path_factory.mktemp("built") / "output"
    result = run_pelican(repo / "content", out)
    assert result.returncode == 0, result.stderr
    kk = read(out / "kk" / "events" / NAURYZ / "index.html")
    assert "Наурыз мейрамы: «Көктем шуағы» &amp; &lt;достар&gt;" in kk and "Үлкен зал" in kk
    assert 'alt="Көктемгі сахна"' in kk and re.search(r'src="/media/[^"]*nauryz-photo-\d+\.jpg"', kk), kk
    ru = read(out / "ru" / "events" / NAURYZ / "index.html")
    assert html.unescape(re.search(r"<h1[^>]*>(.*?)</h1>", ru, re.DOTALL)[1]) == RU_TITLE
    assert "</script><b>" not in ru and "Большой зал" in ru
    club = read(out / "ru" / "events" / "russian-club" / "index.html")
    assert re.search(r"по вторникам и четвергам", club), club
    center = read(out / "ru" / "centers" / "ozbek-etnomadeni-ortalygy" / "index.html")
    assert "Узбекский этнокультурный центр" in center and "1995" in center


def test_the_form_runs_under_the_published_content_security_policy(server, browser):
    """Served by nginx with deploy/nginx/dostyq.conf (its /admin/ policy), the form
    starts and shows its login, and Chromium reports no blocked script or style."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    blocked, errors = [], []
    page.on("console", lambda message: "Content Security Policy" in message.text and blocked.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(f"http://127.0.0.1:{server.port}/admin/")
    policy = {part.split()[0]: part.split()[1:] for part in response.headers["content-security-policy"].split(";")
              if part.strip()}
    # only our own files; Decap checks its configuration with Ajv, which compiles code (hence 'unsafe-eval')
    assert policy["script-src"] == ["'self'", "'unsafe-eval'"]
    page.get_by_role("button", name="Кіру", exact=True).wait_for()  # the default git-gateway backend's login
    assert not blocked and not errors, blocked + errors
    page.close()
