"""Search (issue 12): Pagefind's index, built by the real `pelican` command after
the pages, queried in Chromium (Debian's, through Playwright) over the output
served on 127.0.0.1; byte-identical cold and warm; the page without script.

tests/fixtures/reports has an event whose Kazakh title is "Домбыра кеші" and a
centre named «Полония» in both languages."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from conftest import FIXTURES, build_site, run_pelican
from web import chromium, serving

pytestmark = pytest.mark.oracle

CONTENT = FIXTURES / "reports"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("search") / "output"
    result = run_pelican(CONTENT, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def base_url(built):
    with serving(built) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def search(browser, base_url: str, lang: str, query: str) -> tuple[list[str], str]:
    """The result addresses Pagefind's interface shows, and its message line."""
    context = browser.new_context()
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(f"{base_url}/{lang}/search/?q={quote(query)}")
    # done: the message no longer says "searching…", and every result it counts is shown
    # (each result's link appears when its fragment has loaded: up to a page of 5 at first)
    page.wait_for_function("""() => {
        const message = document.querySelector('.pagefind-ui__message');
        if (!message || message.textContent.includes('…')) return false;
        const counted = message.textContent.match(/\\d+/);
        const shown = document.querySelectorAll('.pagefind-ui__result-link').length;
        return counted ? shown >= Math.min(Number(counted[0]), 5) : true;
    }""")
    links = [urlsplit(a).path for a in page.eval_on_selector_all(".pagefind-ui__result-link",
                                                                  "els => els.map(e => e.href)")]
    message = page.inner_text(".pagefind-ui__message")
    assert page.locator(".search-needs-script").is_hidden()
    context.close()
    assert all(url.startswith(base_url) for url in requests)  # Pagefind's files come from the site itself
    return links, message


def test_a_kazakh_query_finds_the_kazakh_event_page_only(browser, base_url):
    links, message = search(browser, base_url, "kk", "домбыра")
    assert "/kk/events/dombyra-evening/" in links
    assert links and all(link.startswith("/kk/") for link in links)
    assert "домбыра" in message and "нәтижелер" in message  # Pagefind's words, in Kazakh


def test_a_russian_query_finds_the_russian_event_page_only(browser, base_url):
    links, message = search(browser, base_url, "ru", "балалайки")
    assert "/ru/events/dombyra-evening/" in links
    assert links and all(link.startswith("/ru/") for link in links)
    assert message.startswith("Результаты по запросу «балалайки»")


def test_a_name_in_both_languages_is_found_in_the_pages_language_only(browser, base_url):
    for lang in ("kk", "ru"):
        links, _ = search(browser, base_url, lang, "Полония")
        assert f"/{lang}/centers/polish-center/" in links
        assert all(link.startswith(f"/{lang}/") for link in links), links


def test_nothing_found_is_said_in_the_pages_language(browser, base_url):
    assert search(browser, base_url, "kk", "qwxzqwxz") == ([], "«qwxzqwxz» бойынша ештеңе табылмады")
    assert search(browser, base_url, "ru", "qwxzqwxz") == ([], "По запросу «qwxzqwxz» ничего не найдено")


def test_the_header_field_of_any_page_leads_to_the_search(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base_url}/ru/centers/")
    page.fill("#site-search-q", "балалайки")
    page.press("#site-search-q", "Enter")
    page.wait_for_selector(".pagefind-ui__result-link")
    assert urlsplit(page.url).path == "/ru/search/"
    assert "/ru/events/dombyra-evening/" in [urlsplit(h).path for h in page.eval_on_selector_all(
        ".pagefind-ui__result-link", "els => els.map(e => e.href)")]
    context.close()


def test_without_script_the_search_page_says_so_and_links_the_archive_and_centres(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for lang, words in (("kk", "JavaScript керек"), ("ru", "нужен JavaScript")):
        page.goto(f"{base_url}/{lang}/search/?q=test")
        note = page.locator(".search-needs-script")
        assert note.is_visible() and words in note.inner_text()
        assert set(note.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")) == {
            f"/{lang}/archive/", f"/{lang}/centers/"}
    context.close()


def test_each_language_index_holds_its_event_and_centre_pages(built):
    for lang in ("kk", "ru"):
        entry = json.loads((built / lang / "pagefind" / "pagefind-entry.json").read_text())
        assert set(entry["languages"]) == {lang}
        pages = {p for p in (built / lang).rglob("index.html") if "data-pagefind-body" in p.read_text()}
        expected = ({built / lang / "events" / e.name / "index.html" for e in (built / lang / "events").iterdir()}
                    | {built / lang / "centers" / c.name / "index.html" for c in (built / lang / "centers").iterdir()
                       if c.is_dir()})
        assert pages == expected
        assert entry["languages"][lang]["page_count"] == len(expected)


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*") if p.is_file() and p.name != ".dostyq-manifest.json"}


def test_the_index_is_byte_identical_cold_and_warm_and_pagefind_runs_only_when_a_page_changed(tmp_path, monkeypatch):
    import dostyq.search

    runs = []  # the languages each build ran Pagefind for
    real = dostyq.search.run_pagefind
    monkeypatch.setattr(dostyq.search, "run_pagefind",
                        lambda output, jobs, *rest: runs.append(sorted(jobs)) or real(output, jobs, *rest))
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    cache = {"CACHE_PATH": str(tmp_path / "cache")}
    warm = build_site(content, tmp_path / "warm", **cache)
    first = digest(warm)
    assert runs == [["kk", "ru"]] and {"kk/pagefind/pagefind-entry.json", "ru/pagefind/pagefind-entry.json"} <= set(first)
    build_site(content, tmp_path / "warm", **cache)  # nothing changed: the bundles are kept
    assert runs[1:] == [[]] and digest(warm) == first
    event = content / "events" / "dombyra-evening.kk.md"
    event.write_text(event.read_text(encoding="utf-8").replace("Домбыра кеші", "Домбыра мен қобыз кеші"),
                     encoding="utf-8")
    build_site(content, tmp_path / "warm", **cache)
    assert runs[2:] == [["kk"]]  # a Kazakh text changed: the Russian index is kept
    cold = build_site(content, tmp_path / "cold")  # without a cache, in another folder
    after = digest(cold)
    assert digest(warm) == after
    changed = {p for p in set(after) | set(first) if after.get(p) != first.get(p)}
    assert any(p.startswith("kk/pagefind/") for p in changed)
    assert not any(p.startswith("ru/pagefind/") for p in changed)
