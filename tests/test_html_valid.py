"""Every page of the fixture site passes the Nu HTML Checker (vnu-jar from npm,
run with the system's Java; installed by tests/setup-tools.sh)."""
from __future__ import annotations

import json
import subprocess

import pytest

from conftest import ROOT

VNU = ROOT / "tests" / "oracles" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.mark.oracle
def test_every_page_is_valid_html(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [(m.get("url", "").split("output/")[-1], m.get("message")) for m in messages] == []
    assert result.returncode == 0


@pytest.mark.oracle
def test_the_whole_sample_site_is_valid_html(sample_site):
    """One run of the checker over the whole output folder (it finds the pages itself)."""
    pages = list(sample_site.rglob("*.html"))
    assert len(pages) > 200
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
                             str(sample_site)], capture_output=True, text=True)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [(m.get("url", "").split("output/")[-1], m.get("message")) for m in messages] == []
    assert result.returncode == 0


def test_headings_in_entry_texts_continue_the_pages_outline(sample_site, tmp_path, content_copy):
    """A body's `###` under the page's h1 becomes h2: no level is skipped, on any page."""
    import re

    from conftest import run_pelican

    (content_copy / "events/2026/outline.kk.md").write_text(
        '---\ntitle: "Құрылым"\nstart: 2026-12-01\ncategory: other\n---\n\n### Бағдарлама\n\nМәтін.\n\n'
        '##### Кеш\n\nМәтін.\n\n#### Таңертең\n\nМәтін.\n', encoding="utf-8")
    result = run_pelican(content_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out/kk/events/outline/index.html").read_text(encoding="utf-8")
    body = re.search(r'<div class="body">(.*?)</div>', html, re.S).group(1)
    assert re.findall(r"<h(\d)>(.*?)</h\1>", body) == [("2", "Бағдарлама"), ("3", "Кеш"), ("3", "Таңертең")]
    for site in (sample_site, tmp_path / "out"):
        for page in site.rglob("*.html"):
            levels = [int(n) for n in re.findall(r"<h([1-6])[\s>]", page.read_text(encoding="utf-8"))]
            assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), (page, levels)
