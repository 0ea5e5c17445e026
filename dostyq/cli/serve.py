"""`dostyq serve`: build, serve on http://127.0.0.1:8000/, and rebuild on every
save of the content, the theme or the settings.

The build runs in this process (the same Pelican build as the `pelican` command),
so what it keeps in memory between builds makes a rebuild fast. The server
always serves the last good site; while an edit is broken, the errors are shown
on the terminal and over every page in the browser, until the next good save.
Pages reload themselves after each build (a small script that only `serve` adds).
"""
from __future__ import annotations

import http.server
import json
import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path

import click

from ..cms.config import repository_root, with_local_backend
from ..cms.local import NotInstalled, start_decap_server
from ..model.problems import ContentRejected
from .. import search
from ..settings import read_settings
from . import content_option, settings_option

# Added to every HTML page served (never to the built files): reload after a new
# build, and show the errors of a broken one over the page.
LIVE_SCRIPT = """
(function () {
  var seen = null;
  function show(errors) {
    var box = document.getElementById("dostyq-errors");
    if (!errors.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("section");
      box.id = "dostyq-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0 0 auto 0;max-height:60vh;overflow:auto;z-index:9999;" +
        "background:#fff4f4;color:#5c0000;border-bottom:3px solid #b00020;padding:1rem 1.5rem;" +
        "font:15px/1.5 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.25)";
      document.body.prepend(box);
    }
    box.innerHTML = "";
    var h = document.createElement("h2");
    h.textContent = "The last edit has errors: this is the last good version of the page";
    h.style.cssText = "margin:0 0 .5rem;font-size:1.1rem";
    box.appendChild(h);
    var list = document.createElement("ul");
    list.style.cssText = "margin:0;padding-left:1.2rem;font-family:ui-monospace,monospace";
    errors.forEach(function (e) { var li = document.createElement("li"); li.textContent = e; list.appendChild(li); });
    box.appendChild(list);
  }
  function poll() {
    fetch("/_dostyq/state", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      if (seen !== null && s.build !== seen) { location.reload(); return; }
      seen = s.build;
      show(s.errors);
    }).catch(function () {}).finally(function () { setTimeout(poll, 700); });
  }
  poll();
})();
"""


class State:
    """What the server tells pages: the number of the last good build and the errors of the last one."""

    def __init__(self):
        self.build = 0
        self.errors: list[str] = []
        self.lock = threading.Lock()

    def as_json(self) -> bytes:
        with self.lock:
            return json.dumps({"build": self.build, "errors": self.errors}, ensure_ascii=False).encode()


def handler_for(output: Path, state: State, cms_port: int | None = None):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(output), **kwargs)

        def do_GET(self):
            if self.path.startswith("/_dostyq/state"):
                return self._send(200, "application/json", state.as_json())
            if self.path.startswith("/_dostyq/live.js"):
                return self._send(200, "text/javascript", LIVE_SCRIPT.encode())
            if cms_port is not None and self.path.startswith("/admin/") and self.path.endswith("/config.yml"):
                target = Path(self.translate_path(self.path))
                if target.is_file():  # the form, switched to the local backend of `--cms`
                    return self._send(200, "text/yaml; charset=utf-8", with_local_backend(target.read_bytes(), cms_port))
            page = self._html_file()
            if page is None:
                return super().do_GET()
            data = page.read_bytes().replace(b"</body>", b'<script src="/_dostyq/live.js"></script></body>', 1)
            return self._send(200, "text/html; charset=utf-8", data)

        def _html_file(self) -> Path | None:
            target = Path(self.translate_path(self.path))
            if target.is_dir():
                target = target / "index.html"
            return target if target.suffix == ".html" and target.is_file() else None

        def _send(self, status: int, kind: str, data: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format, *args):  # the terminal is for build messages
            pass

    return Handler


@click.command()
@content_option
@click.option("--output", default="output", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Where the site is built.")
@click.option("--port", default=8000, show_default=True, help="The port to serve on.")
@click.option("--bind", default="127.0.0.1", show_default=True, help="The address to serve on.")
@click.option("--cms", is_flag=True, help="Also run the web form at /admin/ against this repository's files "
              "(Decap CMS's local backend, on 127.0.0.1 only).")
@click.option("--cms-port", default=8081, show_default=True, help="The port of the web form's local backend.")
@settings_option
def serve(content: Path, output: Path, port: int, bind: str, settings_file: Path, cms: bool, cms_port: int):
    """Build the site, serve it, and rebuild it on every save.

    Open http://127.0.0.1:8000/ and edit: pages reload themselves after each
    build. A broken edit does not take the site away: its errors are printed here
    and shown over the page, and the last good version stays until you fix it.

    \b
    Example:
      dostyq serve                       content/ on http://127.0.0.1:8000/
      dostyq serve --port 8080 --content ../other-site/content
      dostyq serve --cms                 and the web form on http://127.0.0.1:8000/admin/
    """
    from watchfiles import watch

    state = State()
    build = Builder(content, output, settings_file, state)
    build()
    output.mkdir(parents=True, exist_ok=True)
    backend = None
    # `kill` (SIGTERM) ends the command as Ctrl-C does: through the `finally` below
    signal.signal(signal.SIGTERM, _interrupt)
    if cms:
        try:
            backend = start_decap_server(content, cms_port)
        except NotInstalled as missing:
            raise click.ClickException(str(missing)) from None
    server = http.server.ThreadingHTTPServer((bind, port), handler_for(output.resolve(), state,
                                                                       cms_port if cms else None))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    click.echo(f"Serving {output} on http://{bind}:{server.server_address[1]}/ — edit {content}/, Ctrl-C to stop.",
               err=True)
    if cms:
        click.echo(f"The web form: http://{bind}:{server.server_address[1]}/admin/ (Russian: /admin/ru/); "
                   f"it saves into {repository_root(content)}", err=True)
    theme = settings_file.parent / str(read_settings(settings_file).get("THEME", "theme"))
    watched = [p for p in (content, theme, settings_file) if p.exists()]
    try:
        for changes in watch(*watched, debounce=50, step=20, raise_interrupt=False):
            names = sorted({os.path.relpath(path) for _, path in changes})
            click.echo(f"changed: {', '.join(names[:3])}{' …' if len(names) > 3 else ''}", err=True)
            build(saved_at=_last_saved([path for _, path in changes]))
    finally:
        server.shutdown()
        if backend is not None:
            backend.terminate()
            backend.wait(timeout=10)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _last_saved(paths: list[str]) -> float | None:
    """When the newest of the changed files was saved (None if they are all gone)."""
    times = []
    for path in paths:
        try:
            times.append(os.stat(path).st_mtime)
        except OSError:
            pass
    return max(times, default=None)


class Builder:
    def __init__(self, content: Path, output: Path, settings_file: Path, state: State):
        self.content, self.output, self.settings_file, self.state = content, output, settings_file, state

    def __call__(self, saved_at: float | None = None) -> None:
        started = time.perf_counter()
        try:
            # After the first build the search index follows the pages in a second pass
            # (Pagefind re-reads a whole language: seconds, where the pages take a blink).
            self.run(search_later=self.state.build > 0)
        except ContentRejected as rejected:
            with self.state.lock:
                self.state.errors = [str(p) for p in rejected.problems]
            click.echo("The last good site is still served; fix the errors above and save.", err=True)
            return
        except Exception as exc:  # a broken template or settings file: keep serving the last good site
            with self.state.lock:
                self.state.errors = [f"{type(exc).__name__}: {exc}"]
            click.echo(f"The build failed: {exc}", err=True)
            return
        with self.state.lock:
            self.state.build += 1
            self.state.errors = []
        since_save = f", {time.time() - saved_at:.2f} s after the save" if saved_at else ""
        click.echo(f"rebuilt in {time.perf_counter() - started:.2f} s{since_save}; the browser reloads by itself",
                   err=True)
        sys.stderr.flush()
        if search.left_behind:
            started = time.perf_counter()
            try:
                self.run(search_later=False, quiet=True)
            except Exception as exc:  # the pages are served; the next save tries again
                click.echo(f"The search index was not updated: {exc}", err=True)
                return
            click.echo(f"search index updated in {time.perf_counter() - started:.2f} s", err=True)

    def run(self, search_later: bool, quiet: bool = False) -> None:
        from pelican import Pelican
        from pelican.settings import read_settings as pelican_settings

        settings = pelican_settings(str(self.settings_file), override={
            "PATH": str(self.content.resolve()), "OUTPUT_PATH": str(self.output.resolve()),
            "DOSTYQ_SHOW_WARNINGS": self.state.build == 0 and not quiet,  # once is enough while editing
            "DOSTYQ_PARALLEL": False, "DOSTYQ_SEARCH_LATER": search_later})
        log = logging.getLogger("pelican")
        level = log.level
        if quiet:  # the second pass's summary would repeat the first's
            log.setLevel(logging.ERROR)
        try:
            Pelican(settings).run()
        finally:
            log.setLevel(level)
