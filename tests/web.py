"""The browser and the local web server that the end-to-end tests share: Debian's
Chromium driven by Playwright (never a downloaded browser), and a folder served
on a free loopback port."""
from __future__ import annotations

import functools
import os
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

CHROMIUM = Path(os.environ.get("DOSTYQ_CHROMIUM", "/usr/bin/chromium"))


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # no line per request in the test output
        pass


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """`folder` on http://127.0.0.1:<free port> (the address, without a final slash)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def chromium():
    """The system's Chromium, launched by Playwright."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is needed: .venv/bin/pip install -e '.[test]'")
    assert CHROMIUM.exists(), f"Chromium is needed at {CHROMIUM} (apt-get install chromium, or set DOSTYQ_CHROMIUM)"
    with sync_playwright() as playwright:
        args = ["--no-sandbox"] if os.geteuid() == 0 else []  # root (CI containers) cannot use the sandbox
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=args)
        try:
            yield browser
        finally:
            browser.close()
