"""deploy/nginx/dostyq.conf, served by a real nginx from a real build of the fixture site.

The test writes a minimal nginx.conf into a temporary folder (pid, logs, temp
folders all there: it runs as root or as any user and touches nothing under
/var), includes the project's dostyq.conf with its `root` replaced by the build's
output and its `listen` lines by one free port on 127.0.0.1, runs nginx in the
foreground and asks it over HTTP (http.client: no redirects followed, no
decompression done for us).
"""
from __future__ import annotations

import base64
import gzip
import hashlib
import http.client
import os
import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, run_pelican
from web import chromium

CONF = ROOT / "deploy" / "nginx" / "dostyq.conf"
ROOT_LINE = re.compile(r"^(\s*)root\s+/srv/dostyq/output;", re.MULTILINE)
LISTEN_LINE = re.compile(r"^\s*listen\s[^;]*;[^\n]*\n", re.MULTILINE)
REDIRECTS_LINE = re.compile(r"^(\s*)include\s+/srv/dostyq/output/nginx-redirects\.map;", re.MULTILINE)

# Files served pre-compressed in these tests: the build writes FILE.gz beside
# them; where it does not (yet), the test makes the copy itself, as the build would.
GZIP_STATIC = ["kk/index.html", "kk/calendar.ics", "theme/css/site.css", "events.json", "sitemap.xml", "404.html"]
# A text file with no .gz beside it: nginx compresses it on the fly (`gzip on`).
GZIP_ON_THE_FLY = "ru/feed.atom"

PAGE = "public, max-age=300"
FEED = "public, max-age=900"
THEME = "public, max-age=3600"
IMAGE = "public, max-age=86400"
HTML = "text/html; charset=utf-8"
ICS = "text/calendar; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"
JSON = "application/json; charset=utf-8"
IMMUTABLE = "public, max-age=31536000, immutable"

# kind -> (path, or a glob under the output for files whose names the build chooses;
#          Content-Type; Cache-Control; Access-Control-Allow-Origin)
HEADERS = {
    "language chooser": ("/", HTML, PAGE, None),
    "home page": ("/kk/", HTML, PAGE, None),
    "event page": ("/ru/events/nauryz/", HTML, PAGE, None),
    "month page": ("/kk/calendar/2026/11/", HTML, PAGE, None),
    "page as index.html": ("/kk/centers/index.html", HTML, PAGE, None),
    "404 page itself": ("/404.html", HTML, "no-cache", None),
    "site calendar": ("/kk/calendar.ics", ICS, FEED, "*"),
    "centre calendar": ("/ru/centers/tatar-center/calendar.ics", ICS, FEED, "*"),
    "category calendar": ("/kk/categories/holiday/calendar.ics", ICS, FEED, "*"),
    "event .ics": ("/kk/events/nauryz/event.ics", ICS, FEED, "*"),
    "atom feed": ("/kk/feed.atom", ATOM, FEED, "*"),
    "centre atom feed": ("/ru/centers/tatar-center/feed.atom", ATOM, FEED, "*"),
    "events.json": ("/events.json", JSON, "no-cache", "*"),
    "events.schema.json": ("/events.schema.json", JSON, "public, max-age=3600", "*"),
    "sitemap": ("/sitemap.xml", "application/xml; charset=utf-8", "no-cache", None),
    "robots.txt": ("/robots.txt", "text/plain; charset=utf-8", "public, max-age=3600", None),
    "css": ("/theme/css/site.css", "text/css; charset=utf-8", THEME, None),
    "js": ("/theme/js/past.js", "text/javascript; charset=utf-8", THEME, None),
    "media webp": ("media/**/*.webp", "image/webp", IMAGE, None),
    "media jpeg": ("media/**/*.jpg", "image/jpeg", IMAGE, None),
    "social card": ("/kk/events/nauryz/card.png", "image/png", IMAGE, None),
    "centre card": ("/ru/centers/tatar-center/card.png", "image/png", IMAGE, None),
    "post text": ("/kk/events/nauryz/post.txt", "text/plain; charset=utf-8", PAGE, None),  # pastes in UTF-8
    "post image": ("/kk/events/language-club/post.png", "image/png", PAGE, None),
    # the search index: pieces named by their content are kept a year, the list of
    # the current ones is always revalidated
    "search entry": ("/ru/pagefind/pagefind-entry.json", JSON, "no-cache", "*"),
    "search fragment": ("ru/pagefind/fragment/*.pf_fragment", "application/octet-stream", IMMUTABLE, None),
    "search index piece": ("kk/pagefind/index/*.pf_index", "application/octet-stream", IMMUTABLE, None),
    "search metadata": ("kk/pagefind/pagefind.*.pf_meta", "application/octet-stream", IMMUTABLE, None),
    "search script": ("/kk/pagefind/pagefind-ui.js", "text/javascript; charset=utf-8", THEME, None),
}


def nginx_binary() -> str | None:
    found = shutil.which("nginx")
    if found:
        return found
    return "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def site_conf(output: Path, port: int) -> str:
    """dostyq.conf as deployed, but serving `output` on 127.0.0.1:port."""
    text = CONF.read_text(encoding="utf-8")
    assert len(ROOT_LINE.findall(text)) == 1, "dostyq.conf must have one `root /srv/dostyq/output;` line"
    assert len(LISTEN_LINE.findall(text)) >= 1, "dostyq.conf has no `listen` line"
    text = ROOT_LINE.sub(lambda m: f"{m[1]}root {output};", text)
    assert len(REDIRECTS_LINE.findall(text)) == 1, "dostyq.conf must include /srv/dostyq/output/nginx-redirects.map once"
    text = REDIRECTS_LINE.sub(lambda m: f"{m[1]}include {output}/nginx-redirects.map;", text)
    seen = 0

    def listen(_: re.Match) -> str:  # the first `listen` becomes ours, the others (IPv6, 443) go
        nonlocal seen
        seen += 1
        return f"    listen 127.0.0.1:{port};\n" if seen == 1 else ""

    return LISTEN_LINE.sub(listen, text)


def main_conf(folder: Path, port: int, output: Path) -> Path:
    """A minimal nginx.conf whose every file lives in `folder`, including the site's."""
    (folder / "dostyq.conf").write_text(site_conf(output, port), encoding="utf-8")
    temps = "\n".join(f"    {kind}_temp_path {folder / 'temp' / kind};"
                      for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # As root, workers would switch to `nobody`, who cannot read pytest's 0700 folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf = folder / "nginx.conf"
    conf.write_text(f"""{user}daemon off;
worker_processes 1;
pid {folder / 'nginx.pid'};
error_log {folder / 'error.log'} warn;
events {{ worker_connections 64; }}
http {{
    access_log {folder / 'access.log'};
{temps}
    include {folder / 'dostyq.conf'};
}}
""", encoding="utf-8")
    return conf


@dataclass
class Server:
    output: Path
    port: int
    conf: Path
    prefix: Path
    binary: str

    def get(self, path: str, **headers: str) -> tuple[int, Message, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("GET", path, headers={"Host": "dostyq.kz", **headers})
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Server:
    binary = nginx_binary()
    # tests/setup-tools.sh installs it (make test): a missing nginx is a broken set-up, not a pass
    assert binary is not None, "nginx is not installed: run `bash tests/setup-tools.sh` (apt-get install nginx)"
    work = tmp_path_factory.mktemp("nginx")
    output = work / "output"
    built = run_pelican(FIXTURES / "site", output)
    assert built.returncode == 0, built.stderr
    for name in GZIP_STATIC:  # the build writes them: nginx sends them as they are
        assert (output / (name + ".gz")).is_file(), name
    (output / (GZIP_ON_THE_FLY + ".gz")).unlink(missing_ok=True)

    prefix = work / "nginx"
    for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / "temp" / kind).mkdir(parents=True)
    port = free_port()
    conf = main_conf(prefix, port, output)
    checked = subprocess.run([binary, "-t", "-p", str(prefix), "-c", str(conf)],
                             capture_output=True, text=True, timeout=30, check=False)
    assert checked.returncode == 0, checked.stderr

    process = subprocess.Popen([binary, "-p", str(prefix), "-c", str(conf)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 15
        while True:
            if process.poll() is not None:
                pytest.fail(f"nginx stopped at start: {process.stderr.read().decode(errors='replace')}"
                            f"{(prefix / 'error.log').read_text(errors='replace') if (prefix / 'error.log').exists() else ''}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("nginx did not answer on its port within 15 s")
                time.sleep(0.05)
        yield Server(output, port, conf, prefix, binary)
    finally:
        process.terminate()  # SIGTERM: the master stops its worker and exits
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        process.stderr.close()


def resolve(server: Server, where: str) -> str:
    """A URL path: as given, or the first file matching a glob under the output."""
    if where.startswith("/"):
        return where
    found = sorted(server.output.glob(where))
    assert found, f"the fixture build has no {where}"
    return "/" + found[0].relative_to(server.output).as_posix()


def file_of(server: Server, path: str) -> Path:
    target = server.output / path.lstrip("/")
    return target / "index.html" if path.endswith("/") else target


def test_nginx_accepts_the_configuration_without_warnings(server):
    checked = subprocess.run([server.binary, "-t", "-p", str(server.prefix), "-c", str(server.conf)],
                             capture_output=True, text=True, timeout=30, check=False)
    assert checked.returncode == 0, checked.stderr
    assert "test is successful" in checked.stderr
    assert "[warn]" not in checked.stderr and "[emerg]" not in checked.stderr, checked.stderr


@pytest.mark.parametrize("kind", list(HEADERS))
def test_each_kind_of_file_has_its_type_and_cache_policy(server, kind):
    where, content_type, cache_control, cors = HEADERS[kind]
    path = resolve(server, where)
    status, headers, body = server.get(path)
    assert status == 200, path
    assert headers["Content-Type"] == content_type, path
    assert headers["Cache-Control"] == cache_control, path
    assert headers.get("Access-Control-Allow-Origin") == cors, path
    assert "Content-Encoding" not in headers
    assert body == file_of(server, path).read_bytes()
    assert headers["ETag"] and headers["Last-Modified"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    # only Pagefind names its files by their content
    assert ("immutable" in headers["Cache-Control"]) == (cache_control == IMMUTABLE), path


def inline_scripts(html: str) -> list[str]:
    """The bodies of the scripts a browser runs that are written in the page itself."""
    found = []
    for attributes, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.DOTALL | re.IGNORECASE):
        kind = re.search(r"""\btype\s*=\s*["']?([^"'\s>]+)""", attributes, re.IGNORECASE)
        if "src=" in attributes.lower() or (kind and kind[1].lower() not in ("text/javascript", "module")):
            continue  # a file (allowed by 'self') or a data block such as JSON-LD (never run)
        found.append(body)
    return found


def test_the_content_security_policy_allows_what_the_site_runs(server):
    status, headers, _ = server.get("/kk/")
    assert status == 200
    policy = headers["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives["default-src"] == ["'self'"]
    assert "'self'" in directives["script-src"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    allowed = set(directives["script-src"])
    pages = sorted(server.output.rglob("*.html"))
    assert len(pages) > 50
    seen = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for body in inline_scripts(html):
            seen += 1
            digest = "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
            assert digest in allowed, (f"{page.relative_to(server.output)} has an inline script the "
                                       f"Content-Security-Policy blocks: add {digest} to script-src in {CONF}")
        # What 'self' and no 'unsafe-inline' would block: inline styles and handlers, other hosts' files.
        assert not re.search(r"<style\b|\sstyle=|\son[a-z]+=", html, re.IGNORECASE), page
        assert not re.search(r"""<(?:script|img|source|link[^>]*stylesheet|iframe)\b[^>]*\s(?:src|srcset|href)=["']?(?:https?:)?//""",
                             html, re.IGNORECASE), page
    assert seen >= 1  # the language chooser's script
    # Every response carries it, the language chooser and the 404 page included.
    assert server.get("/")[1]["Content-Security-Policy"] == policy
    assert server.get("/no/such/page/")[1]["Content-Security-Policy"] == policy


@pytest.mark.parametrize("path", ["/no/such/page/", "/kk/events/no-such-event/", "/kk/feed.rss",
                                  "/kk/events/", "/.dostyq-manifest.json", "/theme/", "/nginx-redirects.map",
                                  "/.dostyq-addresses"])
def test_a_missing_address_gets_the_sites_404_page(server, path):
    """Anything missing, a folder without a page (/kk/events/, which nginx would
    answer 403) and the build's hidden bookkeeping files: 404 with /404.html."""
    status, headers, body = server.get(path)
    assert status == 404
    assert body == (server.output / "404.html").read_bytes()
    assert headers["Content-Type"] == HTML
    assert headers["Cache-Control"] == "no-cache"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_a_folder_without_its_slash_is_redirected_to_it(server):
    """Documented behaviour: /kk/events/nauryz -> 301 to /kk/events/nauryz/ (relative
    Location, query kept), the one address pages link and name as canonical."""
    status, headers, _ = server.get("/kk/events/nauryz")
    assert status == 301
    assert headers["Location"] == "/kk/events/nauryz/"
    assert server.get("/ru?from=qr")[1]["Location"] == "/ru/?from=qr"
    status, _, body = server.get(headers["Location"])
    assert status == 200 and body == (server.output / "kk/events/nauryz/index.html").read_bytes()
    assert server.get("/kk/events/nauryz/card.png")[0] == 200  # files are not redirected


@pytest.mark.parametrize("path", ["/kk/events/nauryz/", "/kk/calendar.ics", "/events.json", "/theme/css/site.css",
                                  "/kk/events/nauryz/card.png"])
@pytest.mark.parametrize("encoding", ["", "gzip"])
def test_conditional_requests_get_304(server, path, encoding):
    asked = {"Accept-Encoding": encoding} if encoding else {}
    status, headers, _ = server.get(path, **asked)
    assert status == 200
    etag, modified = headers["ETag"], headers["Last-Modified"]
    for condition in ({"If-None-Match": etag}, {"If-Modified-Since": modified}):
        status, again, body = server.get(path, **asked, **condition)
        assert (status, body) == (304, b""), condition
        # (Weak comparison: for a file compressed on the fly the 200 says W/"…", the 304 "…".)
        assert again["ETag"].removeprefix("W/") == etag.removeprefix("W/")
        assert again["Cache-Control"] == headers["Cache-Control"]  # a 304 renews the cached copy's lifetime
    assert server.get(path, **asked, **{"If-None-Match": '"0-0"'})[0] == 200
    assert server.get(path, **asked, **{"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})[0] == 200


@pytest.mark.parametrize("name", GZIP_STATIC)
def test_with_gzip_the_prebuilt_copy_is_sent_as_it_is(server, name):
    packed = (server.output / (name + ".gz")).read_bytes()
    path = "/" + name.removesuffix("index.html")
    status, headers, body = server.get(path, **{"Accept-Encoding": "gzip, deflate, br"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Vary"] == "Accept-Encoding"
    assert body == packed and int(headers["Content-Length"]) == len(packed)  # the file on disk, not a new compression
    assert gzip.decompress(body) == (server.output / name).read_bytes()
    assert not headers["ETag"].startswith("W/")


def test_a_missing_page_with_gzip_gets_the_compressed_404_page(server):
    status, headers, body = server.get("/no/such/page/", **{"Accept-Encoding": "gzip"})
    assert status == 404 and headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == (server.output / "404.html").read_bytes()


def test_a_text_file_without_a_gz_copy_is_compressed_on_the_fly(server):
    plain = (server.output / GZIP_ON_THE_FLY).read_bytes()
    assert len(plain) > 256 and not (server.output / (GZIP_ON_THE_FLY + ".gz")).exists()
    status, headers, body = server.get("/" + GZIP_ON_THE_FLY, **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert headers["Vary"] == "Accept-Encoding"
    assert headers["Content-Type"] == ATOM
    assert gzip.decompress(body) == plain and len(body) < len(plain)
    assert headers["ETag"].startswith("W/")  # nginx weakens the file's ETag when it compresses


@pytest.mark.parametrize("asked", [{}, {"Accept-Encoding": "identity"}, {"Accept-Encoding": "gzip;q=0"}])
@pytest.mark.parametrize("path", ["/kk/", "/events.json", "/" + GZIP_ON_THE_FLY])
def test_without_gzip_the_plain_bytes_are_sent(server, path, asked):
    status, headers, body = server.get(path, **asked)
    assert status == 200
    assert "Content-Encoding" not in headers
    assert headers["Vary"] == "Accept-Encoding"  # the same address has a gzip variant
    assert body == file_of(server, path).read_bytes()
    assert int(headers["Content-Length"]) == len(body)


def test_images_are_not_compressed_again(server):
    status, headers, body = server.get("/kk/events/nauryz/card.png", **{"Accept-Encoding": "gzip"})
    assert status == 200 and "Content-Encoding" not in headers
    assert body == (server.output / "kk/events/nauryz/card.png").read_bytes()


def redirect_map(server: Server) -> dict[str, str]:
    lines = (server.output / "nginx-redirects.map").read_text(encoding="utf-8").splitlines()
    return dict(re.fullmatch(r"(/\S+) (/\S+);", line).groups() for line in lines if not line.startswith("#"))


def test_every_old_address_in_the_map_is_a_real_301_to_a_live_page(server):
    """The build's map (tests/test_aliases.py checks what it lists), turned into 301s:
    the page left at the old address is not what nginx sends."""
    found = redirect_map(server)
    assert "/ru/news/nauryz.html" in found and "/kk/centers/tugan-tel/" in found
    assert any(len(old) > 64 for old in found)  # longer than nginx's default map bucket
    for old, new in found.items():
        status, headers, body = server.get(old)
        assert (status, headers["Location"]) == (301, new), old
        assert headers["Cache-Control"] == PAGE and headers["X-Content-Type-Options"] == "nosniff"
        status, _, page = server.get(new)
        assert status == 200 and page == file_of(server, new).read_bytes(), new
    assert server.get("/kk/events/nauryz-2026/?from=qr")[1]["Location"] == "/kk/events/nauryz/?from=qr"
    assert server.get("/kk/events/nauryz-2026", **{"Accept-Encoding": "gzip"})[0] == 301
    assert server.get("/kk/events/nauryz/")[0] == 200  # the new address itself is served


@pytest.mark.oracle
def test_search_works_under_the_content_security_policy(server):
    """Pagefind compiles WebAssembly and runs a worker: the policy must allow that
    (and nothing more) for the search page to find anything (Chromium, through nginx)."""
    with chromium() as browser:
        page = browser.new_page()
        blocked = []
        page.on("console", lambda message: blocked.append(message.text)
                if "Content Security Policy" in message.text else None)
        page.goto(f"http://127.0.0.1:{server.port}/ru/search/?q=Масленица")
        page.wait_for_selector(".pagefind-ui__result-link", timeout=20_000)
        links = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.getAttribute('href'))")
        assert "/ru/events/maslenitsa/" in links
        assert blocked == []
