"""No broken internal link anywhere in the output: every root-relative address in
every page (links, images, srcset candidates, stylesheets, scripts) leads to a
file the build wrote, and every in-page `#fragment` to an element that has that id."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class Addresses(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            elif name in ("href", "src"):
                self.found.append(value)
            elif name == "srcset":
                self.found += [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


def target(output: Path, page: Path, address: str) -> tuple[Path | None, str]:
    """The file an address leads to (None for another site), and its fragment."""
    parts = urlsplit(address)
    if parts.scheme or parts.netloc:
        return None, ""
    if not parts.path:  # "#fragment": this page
        return page, parts.fragment
    path = unquote(parts.path)
    base = output if path.startswith("/") else page.parent
    resolved = (base / path.lstrip("/")).resolve()
    return (resolved / "index.html" if path.endswith("/") else resolved), parts.fragment


def broken_links(output: Path) -> list[tuple[str, str]]:
    broken = []
    pages = sorted(output.rglob("*.html"))
    ids = {}
    for page in pages:
        parser = Addresses()
        parser.feed(page.read_text(encoding="utf-8"))
        ids[page.resolve()] = (parser.ids, parser.found)
    for page in pages:
        for address in ids[page.resolve()][1]:
            file, fragment = target(output, page, address)
            if file is None:
                continue
            if not file.is_file() or output.resolve() not in file.parents:
                broken.append((page.relative_to(output).as_posix(), address))
            elif fragment and file.suffix == ".html" and fragment not in ids.get(file, (set(), []))[0]:
                broken.append((page.relative_to(output).as_posix(), address))
    return broken


def test_no_internal_link_is_broken(sample_site, site):
    assert len(list(sample_site.rglob("*.html"))) > 200
    assert broken_links(sample_site) == []
    assert broken_links(site) == []


def test_an_event_page_with_its_css_weighs_under_50_kb(sample_site):
    """spec/site.md: small pages. Every event page of the sample site, in bytes,
    with the stylesheet it loads (images aside)."""
    css = (sample_site / "theme/css/site.css").stat().st_size
    pages = sorted(sample_site.glob("*/events/*/index.html"))
    assert len(pages) > 60
    heavy = {p.relative_to(sample_site).as_posix(): p.stat().st_size + css for p in pages
             if p.stat().st_size + css >= 50_000}
    assert heavy == {}


def test_the_crawl_finds_a_broken_link(tmp_path):
    """The crawler itself: a missing page, a missing image in a srcset and a missing
    fragment are found; a link to another site is not followed."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="here"><a href="#here">ok</a> <a href="/a/">ok</a>', "utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="/missing/">x</a><img srcset="/a/index.html 1w, /nope.webp 2w" src="/a/index.html">'
        '<a href="/a/#there">y</a><a href="https://example.org/nothing">z</a>', "utf-8")
    assert broken_links(tmp_path) == [("index.html", "/missing/"), ("index.html", "/nope.webp"),
                                      ("index.html", "/a/#there")]
