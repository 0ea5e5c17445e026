"""The widget for partner sites: `<dostyq-events>` (theme/static/js/dostyq-events.js)
in a partner's page on another origin, in Chromium. The site is served by the
real nginx with deploy/nginx/dostyq.conf (its CORS header lets the partner's page
read /events.json); the partner's page by Python's http.server on another port.

The events it must show are worked out here from the content model and
dostyq.calendar's occurrences, not from events.json: each matching event once, at
its next occurrence not over at the browser's "now", soonest first, `limit` of them."""
from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import socket
import subprocess
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import FIXTURES, ROOT, TODAY, run_pelican
from test_browser import NOW
from test_nginx import free_port, main_conf, nginx_binary
from web import chromium, serving

pytestmark = pytest.mark.oracle

SCRIPT = ROOT / "theme" / "static" / "js" / "dostyq-events.js"
HOSTILE = '<img src=x onerror="document.title=1">Кеш</b>'
UTC = dt.timezone.utc

# id -> attributes of each element in the partner's page
WIDGETS = {
    "centre-ru": {"center": "tatar-center", "lang": "ru", "limit": "5"},
    "centre-kk-two": {"center": "tatar-center", "lang": "kk", "limit": "2"},
    "seminars": {"category": "seminar", "lang": "kk"},
    "everything": {"lang": "ru", "limit": "50"},
    "nothing": {"center": "tatar-choir", "lang": "ru"},
}
FALLBACK = "События центра на dostyq.kz"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The fixture site with a hostile title, served by nginx."""
    work = tmp_path_factory.mktemp("widget")
    content = work / "content"
    shutil.copytree(FIXTURES / "site", content)
    (content / "events/2026/hostile.kk.md").write_text(
        f"---\ntitle: '{HOSTILE}'\nstart: \"2026-12-03 18:00\"\ncategory: seminar\ncenters: [tatar-center]\n---\n\nМәтін.\n",
        encoding="utf-8")
    output = work / "output"
    built = run_pelican(content, output)
    assert built.returncode == 0, built.stderr
    binary = nginx_binary()
    assert binary is not None, "nginx is not installed: run `bash tests/setup-tools.sh` (apt-get install nginx)"
    prefix = work / "nginx"
    for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / "temp" / kind).mkdir(parents=True)
    port = free_port()
    conf = main_conf(prefix, port, output)
    process = subprocess.Popen([binary, "-p", str(prefix), "-c", str(conf)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 15
        while True:
            assert process.poll() is None, process.stderr.read().decode(errors="replace")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                assert time.monotonic() < deadline, "nginx did not answer within 15 s"
                time.sleep(0.05)
        yield content, f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stderr.close()


def partner_page(site_url: str) -> str:
    elements = "\n".join(
        f'<section><h2>{name}</h2><dostyq-events id="{name}" '
        + " ".join(f'{k}="{v}"' for k, v in attributes.items())
        + f'><a class="fallback" href="{site_url}/ru/centers/tatar-center/">{FALLBACK}</a></dostyq-events></section>'
        for name, attributes in WIDGETS.items())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Partner</title>
<style>.dostyq-events-list {{ color: rgb(1, 2, 3); }} .dostyq-events-list a {{ color: rgb(4, 5, 6); }}</style>
</head><body><h1>A partner's news</h1>
{elements}
<script src="{site_url}/theme/js/dostyq-events.js" defer></script>
</body></html>
"""


@pytest.fixture(scope="module")
def partner(site, tmp_path_factory):
    """The partner's page, on another port (another origin)."""
    _, site_url = site
    folder = tmp_path_factory.mktemp("partner")
    (folder / "index.html").write_text(partner_page(site_url), encoding="utf-8")
    with serving(folder) as url:
        yield url + "/"


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def expected(content: Path, attributes: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(link, title, language of the title, when) of what the element must list,
    its date written as the site's pages write it (dostyq.dates)."""
    from pelican.settings import read_settings

    from dostyq.calendar.occurrences import all_occurrences
    from dostyq.config import SiteConfig
    from dostyq.dates import DateFormat
    from dostyq.model import load_content

    config = dataclasses.replace(SiteConfig.from_settings(read_settings(str(ROOT / "pelican.conf.py"))), today=TODAY)
    model = load_content(content, config)
    lang = attributes["lang"]

    def instant(day: dt.date, zone: str) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(), ZoneInfo(zone)).astimezone(UTC)

    nexts = {}
    for o in all_occurrences(model.events, config):
        event = o.event
        if "center" in attributes and attributes["center"] not in event.centers:
            continue
        if "category" in attributes and event.category != attributes["category"]:
            continue
        if o.all_day:
            start, end = instant(o.start, event.timezone), instant(o.end + dt.timedelta(days=1), event.timezone)
        else:
            start, end = o.start, o.end
        if end > NOW and event.slug not in nexts:
            nexts[event.slug] = (start.astimezone(UTC), o)
    chosen = sorted(nexts.items(), key=lambda item: (item[1][0], item[0]))[:int(attributes.get("limit", 5))]
    dates = DateFormat(lang, config.timezone)
    return [(f"https://dostyq.kz/{lang}/events/{slug}/", o.event.title.shown(lang).value,
             o.event.title.shown(lang).lang, dates.when(o)) for slug, (_, o) in chosen]


READ = """(id) => {
  const element = document.getElementById(id);
  const list = element.querySelector("ul.dostyq-events-list");
  return {
    items: list ? [...list.children].map(li => {
      const a = li.querySelector("a");
      return [a.href, a.textContent, a.lang || null, li.querySelector("time").dateTime, li.querySelector("time").textContent];
    }) : null,
    none: element.querySelector(".dostyq-events-none")?.textContent ?? null,
    more: element.querySelector(".dostyq-events-more a")?.href ?? null,
    fallback: element.querySelector("a.fallback") !== null,
    images: element.querySelectorAll("img, script, b").length,
    color: list ? getComputedStyle(list).color : null,
    linkColor: list ? getComputedStyle(list.querySelector("a")).color : null,
  };
}"""


def open_partner(browser, partner: str, script: bool = True):
    context = browser.new_context(timezone_id="Asia/Almaty", java_script_enabled=script)
    context.clock.set_fixed_time(NOW)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(partner)
    assert response.status == 200
    return page, errors


def test_the_widget_is_small_and_has_no_dependencies():
    source = SCRIPT.read_text(encoding="utf-8")
    assert len(SCRIPT.read_bytes()) < 10 * 1024
    assert "import " not in source and "innerHTML" not in source and "insertAdjacentHTML" not in source


def test_each_element_lists_the_coming_events_it_asks_for(browser, site, partner):
    content, site_url = site
    page, errors = open_partner(browser, partner)
    page.wait_for_function("""() => [...document.querySelectorAll('dostyq-events')]
                                 .every(e => e.querySelector('.dostyq-events-more'))""")
    for name, attributes in WIDGETS.items():
        shown = page.evaluate(READ, name)
        want = expected(content, attributes)
        lang = attributes["lang"]
        assert shown["fallback"] is False, name
        if not want:
            assert shown["items"] is None and shown["none"] == {"kk": "Әзірге іс-шара жоспарланбаған.",
                                                                 "ru": "Пока ничего не запланировано."}[lang]
            continue
        got = [(href, text, title_lang or lang, when) for href, text, title_lang, _, when in shown["items"]]
        assert got == want, name
        assert shown["images"] == 0  # the hostile title stays text
        assert shown["color"] == "rgb(1, 2, 3)" and shown["linkColor"] == "rgb(4, 5, 6)"  # the host page's style
        place = attributes.get("center")
        assert shown["more"] == (f"https://dostyq.kz/{lang}/centers/{place}/" if place
                                 else f"https://dostyq.kz/{lang}/categories/{attributes['category']}/"
                                 if "category" in attributes else f"https://dostyq.kz/{lang}/")
    everything = page.evaluate(READ, "everything")["items"]
    assert HOSTILE in [text for _, text, *_ in everything]
    assert len(everything) >= 5  # the cases above compare real lists
    assert errors == []
    assert page.title() == "Partner"  # nothing from the data ran
    page.context.close()


def test_each_date_is_marked_up_as_its_instant_or_day(browser, site, partner):
    page, _ = open_partner(browser, partner)
    page.wait_for_function("document.querySelector('#everything .dostyq-events-more')")
    found = {href.split("/")[-2]: (datetime, when) for href, _, _, datetime, when in page.evaluate(READ, "everything")["items"]}
    assert found["language-club"] == ("2026-12-05T06:00:00Z", "5 декабря 2026\u202fг., 11:00–12:30")  # 11:00 in Almaty
    assert found["maslenitsa"] == ("2027-03-14", "14 марта 2027\u202fг.")
    page.context.close()


def test_without_script_the_link_written_inside_stays(browser, site, partner):
    page, _ = open_partner(browser, partner, script=False)
    for name in WIDGETS:
        link = page.locator(f"#{name} a.fallback")
        assert link.is_visible() and link.inner_text() == FALLBACK
    page.context.close()


def test_the_site_lets_other_origins_read_its_data(site):
    import http.client

    _, site_url = site
    host, port = site_url.removeprefix("http://").split(":")
    for path in ("/events.json", "/theme/js/dostyq-events.js"):
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        connection.request("GET", path, headers={"Origin": "http://partner.example"})
        response = connection.getresponse()
        response.read()
        connection.close()
        assert response.status == 200
        if path.endswith(".json"):
            assert response.headers["Access-Control-Allow-Origin"] == "*"
        else:
            assert response.headers["Content-Type"] == "text/javascript; charset=utf-8"
