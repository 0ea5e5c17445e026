"""Screenshots for people to look at while working on the theme (not a test).

Builds the test fixture (tests/fixtures/site) and the sample content (content/)
the way the tests do (the build's "today" is tests/conftest.py's TODAY), serves
each on 127.0.0.1 and saves full-page screenshots of the pages that show the
design, at 360 and 1280 CSS px, in Kazakh and Russian, with Debian's Chromium:

    .venv/bin/python tools/design_shots.py [OUT]      # default /tmp/design-shots

Names are <lang>-<page>-<width>.png. The browser test saves every page type of
the fixture too: DOSTYQ_SCREENSHOTS=/some/dir .venv/bin/pytest tests/test_browser.py -k screenshots
"""
from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import FIXTURES, TODAY, run_pelican  # noqa: E402
from web import chromium, serving  # noqa: E402

LANGS = ("kk", "ru")
WIDTHS = (360, 1280)
NOW = dt.datetime.combine(TODAY, dt.time(12), ZoneInfo("Asia/Almaty"))

# name -> (site, path under the language, or an absolute path)
PAGES = {
    "home": ("sample", ""),
    "event-picture": ("sample", "events/nauryz-2026/"),
    "event-repeating": ("fixture", "events/language-club/"),
    "event-cancelled": ("sample", "events/ornek-concert-2026/"),
    "event-postponed": ("sample", "events/ethnodemography-conference-2026/"),
    "event-past": ("sample", "events/ethnodemography-conference-2025/"),
    "centre": ("sample", "centers/tatar-tugan-tel/"),
    "calendar": ("sample", "calendar/"),
    "category": ("sample", "categories/concert/"),
    "categories": ("sample", "categories/"),
    "languages": ("sample", "/"),
    "404": ("sample", "/404.html"),
}


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/design-shots")
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="design-build-"))
    for name, content in (("fixture", FIXTURES / "site"), ("sample", ROOT / "content")):
        result = run_pelican(content, work / name / "output")
        if result.returncode:
            sys.exit(result.stderr)
    with serving(work / "fixture" / "output") as fixture, serving(work / "sample" / "output") as sample, \
            chromium() as browser:
        sites = {"fixture": fixture, "sample": sample}
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 800}, timezone_id="Asia/Almaty")
            context.clock.set_fixed_time(NOW)
            page = context.new_page()
            for name, (site, path) in PAGES.items():
                both = path.startswith("/")
                for lang in ("kk-ru",) if both else LANGS:
                    page.goto(sites[site] + (path if both else f"/{lang}/{path}"))
                    page.evaluate("document.fonts.ready.then(() => true)")
                    # lazy images load as they come near the window: scroll through the page first
                    page.evaluate("""async () => {
                      for (let y = 0; y < document.body.scrollHeight; y += 600) {
                        window.scrollTo(0, y); await new Promise(done => setTimeout(done, 30));
                      }
                      window.scrollTo(0, 0);
                      await Promise.all([...document.images].map(i => i.complete ? null : new Promise(done => i.onload = i.onerror = done)));
                    }""")
                    target = out / f"{lang}-{name}-{width}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(target)
            context.close()


if __name__ == "__main__":
    main()
