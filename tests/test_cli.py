"""The editors' command, `dostyq`, run as editors run it: `new`, `check`, `serve`,
`import-ics`, and what the build itself says on the terminal."""
from __future__ import annotations

import gzip
import json
import os
import pty
import re
import select
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zlib
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, TODAY, epoch_of, read, run_pelican
from test_model import event

DOSTYQ = str(Path(sys.executable).parent / "dostyq")
ORACLES = ROOT / "tests" / "oracles"


def dostyq(*args: str, cwd: Path = ROOT, input: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "SOURCE_DATE_EPOCH": epoch_of(TODAY), "HOME": str(cwd)}
    return subprocess.run([DOSTYQ, *args], cwd=cwd, capture_output=True, text=True, input=input, timeout=timeout, env=env)


def add(root: Path, path: str, text: str | bytes) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


def bomb_png(width: int = 30_000, height: int = 30_000) -> bytes:
    """A PNG whose header claims 900 million pixels: a decompression bomb, a few bytes long."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00")) + chunk(b"IEND", b"")


# --- Bad input, through `check` and through the build --------------------------

BASE = "title: Кездесу\nstart: 2026-12-01\ncategory: meeting"
# tooling.md, "Bad input": each case's file, then the line both commands print for it.
BAD_INPUT = {
    "broken yaml": ("events/2026/a.kk.md", "---\ntitle: Наурыз: көктем\nstart: 2026-12-01\ncategory: meeting\n---\n",
                    'content/events/2026/a.kk.md:2: put the title in quotes: it contains a colon, e.g. title: "Наурыз: көктем"'),
    "missing field": ("events/2026/b.kk.md", event("title: X\nstart: 2026-12-01"),
                      "content/events/2026/b.kk.md:1: `category` is missing (give it in one of the language files); it is one "
                      "of: festival, holiday, forum, meeting, round-table, concert, exhibition, seminar, competition, "
                      "charity, mediation, other"),
    "unknown field": ("events/2026/c.kk.md", event(BASE + "\nlocaton: Зал"),
                      "content/events/2026/c.kk.md:5: unknown field `locaton`; did you mean `location`?"),
    "bad date": ("events/2026/d.kk.md", event("title: X\nstart: 2026-11-31\ncategory: meeting"),
                 "content/events/2026/d.kk.md:3: `start`: '2026-11-31' is not a real date or time"),
    "bad time zone": ("events/2026/e.kk.md", event(BASE + "\ntimezone: Asia/Ustkamenogorsk"),
                      "content/events/2026/e.kk.md:5: `timezone`: 'Asia/Ustkamenogorsk' is not a known time zone; use an IANA "
                      "name such as Asia/Almaty or Asia/Omsk"),
    "end before start": ("events/2026/f.kk.md", event(BASE + "\nend: 2026-11-30"),
                         "content/events/2026/f.kk.md:5: `end` (2026-11-30) is not after `start` (2026-12-01)"),
    "unknown centre": ("events/2026/g.kk.md", event(BASE + "\ncenters: [tatar]"),
                       "content/events/2026/g.kk.md:5: unknown centre `tatar`: there is no centers/tatar.<lang>.md; did you "
                       "mean `tatar-center`?"),
    "unknown place": ("events/2026/h.kk.md", event(BASE + "\nplace: oskemen-hous"),
                      "content/events/2026/h.kk.md:5: unknown place `oskemen-hous`: it is not in places.yml; did you mean "
                      "`oskemen-house`?"),
    "unknown category": ("events/2026/i.kk.md", event("title: X\nstart: 2026-12-01\ncategory: concerts"),
                         "content/events/2026/i.kk.md:4: `category`: 'concerts' is not one of: festival, holiday, forum, "
                         "meeting, round-table, concert, exhibition, seminar, competition, charity, mediation, other; "
                         "did you mean `concert`?"),
    "duplicate slug": ("events/2027/nauryz.kk.md", event(BASE),
                       "content/events/2027/nauryz.kk.md:1: the slug `nauryz` is already used by content/events/2026/nauryz.kk.md; "
                       "slugs must be unique"),
    "duplicate id": ("events/2026/j.kk.md", event(BASE + "\nid: omsk-forum"),
                     "content/events/2026/omsk-forum.kk.md:1: the id `omsk-forum` is already used by content/events/2026/j.kk.md; "
                     "ids must be unique"),
    "facts disagree": ("events/2026/maslenitsa.kk.md", event("title: Масленица мерекесі\nstart: 2026-02-23"),
                       "content/events/2026/maslenitsa.ru.md:3: `start` is '2026-02-22' here but '2026-02-23' in "
                       "content/events/2026/maslenitsa.kk.md:3; the files must agree"),
    "missing image": ("events/2026/k.kk.md", event(BASE + "\nimage: /images/none.jpg\nimage_alt: Сурет"),
                      "content/events/2026/k.kk.md:5: `image`: image '/images/none.jpg' does not exist"),
    "corrupt image": ("events/2026/l.kk.md", event(BASE + "\nimage: /images/broken.jpg\nimage_alt: Сурет"),
                      "content/events/2026/l.kk.md:5: `image`: image '/images/broken.jpg' is damaged or not an image"),
    "decompression bomb": ("events/2026/m.kk.md", event(BASE + "\nimage: /images/bomb.png\nimage_alt: Сурет"),
                           "content/events/2026/m.kk.md:5: `image`: image '/images/bomb.png' has too many pixels to be a "
                           "photo; resize it"),
    "image path climbing out": ("events/2026/n.kk.md", event(BASE + "\nimage: ../../../../etc/passwd.png\nimage_alt: X"),
                                "content/events/2026/n.kk.md:5: `image`: '../../../../etc/passwd.png' points outside the "
                                "content folder"),
    "slug climbing out": ("events/2026/p.kk.md", event(BASE + '\nid: "../../../etc/cron.d/x"'),
                          "content/events/2026/p.kk.md:5: `id`: must be lower-case latin letters, digits and hyphens, "
                          "e.g. `tatar-center`"),
    "10 MB body": ("events/2026/o.kk.md", event(BASE, "слово " * 950_000),
                   f"content/events/2026/o.kk.md:1: the file is {len(event(BASE, 'слово ' * 950_000).encode()) // 1000} "
                   "kB; an entry may be at most 300 kB"),
}


@pytest.fixture(scope="module")
def bad_content(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bad") / "content"
    shutil.copytree(FIXTURES / "site", root)
    add(root, "images/broken.jpg", b"\xff\xd8\xff\xe0 not really a jpeg")
    add(root, "images/bomb.png", bomb_png())
    for path, text, _ in BAD_INPUT.values():
        add(root, path, text)
    return root


@pytest.fixture(scope="module")
def checked(bad_content) -> subprocess.CompletedProcess:
    return dostyq("check", "content", cwd=bad_content.parent)


@pytest.fixture(scope="module")
def built(bad_content) -> subprocess.CompletedProcess:
    return run_pelican(Path("content"), bad_content.parent / "out", cwd=bad_content.parent, timeout=60)


@pytest.mark.parametrize("case", BAD_INPUT, ids=BAD_INPUT.keys())
def test_each_bad_input_gets_its_line_from_check_and_from_the_build(checked, built, case):
    line = BAD_INPUT[case][2]
    assert line in checked.stdout.splitlines()
    assert line in built.stderr.splitlines()


def test_bad_input_fails_both_commands_with_a_count_and_no_traceback(checked, built, bad_content):
    assert checked.returncode == 1 and built.returncode == 1
    assert "Traceback" not in checked.stdout + checked.stderr + built.stdout + built.stderr
    lines = checked.stdout.splitlines()
    warnings = sum(": warning: " in line for line in lines)
    assert re.fullmatch(rf"{len(BAD_INPUT)} errors and {warnings} warnings in \d+ events and 2 centres\.", lines[-1])
    assert len(lines) == len(BAD_INPUT) + warnings + 1
    assert built.stderr.splitlines()[-1] == f"{len(BAD_INPUT)} error(s) in the content; nothing was written."
    assert not (bad_content.parent / "out").exists()


def test_unusual_but_valid_input_builds(tmp_path, content_copy):
    add(content_copy, "events/2026/script.kk.md", event(
        'title: "<script>alert(1)</script> A;\\nB, C: D"\nstart: 2026-12-01\ncategory: other\nrrule: FREQ=WEEKLY',
        "<script>alert(1)</script>"))
    checked = dostyq("check", str(content_copy))
    assert checked.returncode == 0 and "0 errors" in checked.stdout
    result = run_pelican(content_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    page = read(tmp_path / "out/kk/events/script/index.html")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; A; B, C: D" in page
    feed = (tmp_path / "out/kk/events/script/event.ics").read_bytes()
    assert b"SUMMARY:<script>alert(1)</script> A\\; B\\, C: D\r\n" in feed and b"RRULE:FREQ=WEEKLY\r\n" in feed


def test_check_speaks_kazakh_and_russian_and_writes_json(bad_content):
    from babel import Locale

    report = json.loads(dostyq("check", "content", "--format", "json", cwd=bad_content.parent).stdout)
    assert report["ok"] is False and len(report["errors"]) == len(BAD_INPUT)
    assert {"path": "content/events/2026/d.kk.md", "line": 3, "severity": "error",
            "message": "`start`: '2026-11-31' is not a real date or time"} in report["errors"]
    events, warnings = report["events"], len(report["warnings"])

    kk = dostyq("check", "content", "--lang", "kk", cwd=bad_content.parent)
    assert ('content/events/2026/a.kk.md:2: title мәнін тырнақшаға алыңыз: онда қос нүкте бар, мысалы '
            'title: "Наурыз: көктем"') in kk.stdout.splitlines()
    assert kk.stdout.splitlines()[-1] == f"{events} іс-шара мен 2 орталық: {len(BAD_INPUT)} қате, {warnings} ескерту."

    ru = dostyq("check", "content", "--lang", "ru", cwd=bad_content.parent)
    assert "content/events/2026/f.kk.md:5: `end` (2026-11-30) не позже `start` (2026-12-01)" in ru.stdout.splitlines()
    forms = {"event": {"one": "событие", "few": "события", "many": "событий"},
             "error": {"one": "ошибка", "few": "ошибки", "many": "ошибок"},
             "warning": {"one": "предупреждение", "few": "предупреждения", "many": "предупреждений"}}
    word = lambda n, what: f"{n} {forms[what][Locale('ru').plural_form(n)]}"  # noqa: E731
    assert ru.stdout.splitlines()[-1] == (f"{word(events, 'event')} и 2 центра: {word(len(BAD_INPUT), 'error')}, "
                                          f"{word(warnings, 'warning')}.")


def test_warnings_fail_only_with_strict(tmp_path, content_copy):
    ok = dostyq("check", str(content_copy))
    assert ok.returncode == 0
    assert f"{content_copy}/events/2026/tricky-title.kk.md:1: warning: no ru translation " \
           f"({content_copy}/events/2026/tricky-title.ru.md)" in ok.stdout.splitlines()
    assert dostyq("check", str(content_copy), "--strict").returncode == 1


YAML_MISTAKES = {
    "tab": ("title: X\n\tstart: 2026-12-01", 3, "this line is indented with a tab; indent with spaces"),
    "open quote": ('title: "Наурыз\nstart: 2026-12-01', 2, "a quote opened on this line is never closed"),
    "apostrophe": ("title: 'Наурыз'дың кеші'\nstart: 2026-12-01", 2,
                   "text follows a closing quote: quote the whole value, and write an apostrophe inside 'single "
                   "quotes' twice ('') or use \"double quotes\""),
    "open bracket": ("centers: [tatar-center\nstart: 2026-12-01", 2,
                     "a `[` opened on this line is never closed, or an item in it needs quotes"),
    "no colon": ("title: X\nstart 2026-12-01\ncategory: meeting", 3,
                 "a field needs a colon and a space after its name, e.g. `start: 2026-05-01`"),
    "at sign": ("title: @dostyq_kz кеші", 2, 'a value cannot start with `@`; put it in quotes, e.g. title: "@dostyq_kz кеші"'),
    "indented field": ("title: X\n  start: 2026-12-01", 3,
                       "this line is indented more than the field above it; fields start at the left edge"),
}


@pytest.mark.parametrize("front, line, message", YAML_MISTAKES.values(), ids=YAML_MISTAKES.keys())
def test_yaml_mistakes_are_explained_in_plain_words(tmp_path, front, line, message):
    add(tmp_path / "content", "events/x.kk.md", f"---\n{front}\n---\n")
    result = dostyq("check", "content", cwd=tmp_path)
    assert result.returncode == 1
    assert f"content/events/x.kk.md:{line}: {message}" in result.stdout.splitlines()


# --- new --------------------------------------------------------------------------

def test_new_event_and_centre_from_options_pass_check(tmp_path, content_copy):
    result = dostyq("new", "event", "--content", str(content_copy), "--lang", "kk", "--title",
                    "Әнші қыздар: Ұлттық үміт, Һ-і!", "--start", "2027-03-21 18:00", "--category", "concert",
                    "--center", "tatar-center", "--center", "tatar-choir", "--place", "oskemen-house")
    assert result.returncode == 0, result.stderr
    path = content_copy / "events/2027/anshi-qyzdar-ulttyq-umit-h-i.kk.md"
    assert result.stdout.splitlines() == [str(path)]
    assert read(path) == ('---\ntitle: "Әнші қыздар: Ұлттық үміт, Һ-і!"\nstart: "2027-03-21 18:00"\ncategory: concert\n'
                          "centers: [tatar-center, tatar-choir]\nplace: oskemen-house\nid: anshi-qyzdar-ulttyq-umit-h-i\n---\n")
    again = dostyq("new", "event", "--content", str(content_copy), "--lang", "ru", "--title", "Әнші қыздар: ұлттық үміт, һ-і",
                   "--start", "2027-03-22", "--category", "concert")
    assert again.stdout.splitlines() == [str(content_copy / "events/2027/anshi-qyzdar-ulttyq-umit-h-i-2.ru.md")]
    assert read(path).startswith('---\ntitle: "Әнші қыздар: Ұлттық үміт')  # never overwritten
    centre = dostyq("new", "center", "--content", str(content_copy), "--lang", "ru", "--name", "Польский центр «Полония»",
                    "--kind", "ethnocultural-center", "--parent", "tatar-center")
    assert centre.stdout.splitlines() == [str(content_copy / "centers/polskii-tsentr-poloniia.ru.md")]
    checked = dostyq("check", str(content_copy))
    assert checked.returncode == 0 and "0 errors" in checked.stdout.splitlines()[-1]


def test_new_refuses_what_check_would_refuse(tmp_path, content_copy):
    result = dostyq("new", "event", "--content", str(content_copy), "--title", "X", "--start", "2027-02-30",
                    "--category", "meeting")
    # in the entry's language: Kazakh, the site's first
    assert result.returncode == 2 and "Invalid value for --start: '2027-02-30' — мұндай күн не уақыт жоқ" in result.stderr
    missing = dostyq("new", "event", "--content", str(content_copy), "--lang", "ru", "--title", "X")
    assert missing.returncode == 2 and "нужен --start (или запустите команду в терминале, чтобы она спросила)" in missing.stderr
    assert not list((content_copy / "events").glob("*/x.*.md"))


def test_new_asks_on_a_terminal_in_the_entrys_language(tmp_path, content_copy):
    answers = iter(["Наурыз кеші", "2027-03-32", "2027-03-21 19:00", "", "concert", "tatar", "tatar-center", ""])
    pid, fd = pty.fork()
    if pid == 0:  # the child: dostyq on a terminal
        os.chdir(ROOT)
        os.execv(DOSTYQ, [DOSTYQ, "new", "event", "--content", str(content_copy), "--lang", "kk"])
    said = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 5)
        if not ready:
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        said += chunk
        if chunk.rstrip().endswith(b":"):
            os.write(fd, (next(answers) + "\n").encode())
    _, status = os.waitpid(pid, 0)
    text = said.decode("utf-8", "replace")
    assert os.waitstatus_to_exitcode(status) == 0, text
    assert "Тақырыбы:" in text and "Басталуы (2026-05-01 не 2026-05-01 18:00):" in text
    assert "'2027-03-32' — мұндай күн не уақыт жоқ" in text  # asked again, in Kazakh
    assert "белгісіз орталық `tatar`: centers/tatar.<тіл>.md файлы жоқ; `tatar-center` болуы мүмкін бе?" in text
    assert read(content_copy / "events/2027/nauryz-keshi.kk.md") == (
        '---\ntitle: "Наурыз кеші"\nstart: "2027-03-21 19:00"\ncategory: concert\ncenters: [tatar-center]\n'
        "id: nauryz-keshi\n---\n")


# --- the build's own words -------------------------------------------------------

def on_a_terminal(command: list[str], env: dict) -> str:
    """What a command prints when it runs on a terminal (a pseudo-terminal)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(ROOT)
        os.execve(command[0], command, env)
    said = b""
    while True:
        try:
            ready, _, _ = select.select([fd], [], [], 60)
            chunk = os.read(fd, 65536) if ready else b""
        except OSError:
            break
        if not chunk:
            break
        said += chunk
    os.waitpid(pid, 0)
    return said.decode("utf-8", "replace")


def test_a_build_on_a_terminal_shows_progress(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": epoch_of(TODAY), "TERM": "xterm", "COLUMNS": "100"}
    pelican = str(Path(sys.executable).parent / "pelican")
    command = [pelican, str(FIXTURES / "site"), "-s", str(ROOT / "pelican.conf.py"), "-o", str(tmp_path / "out")]
    first = on_a_terminal(command, env)
    assert "Building" in first and "events, 2 centres:" in first
    quiet = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    assert "Building" not in quiet.stdout + quiet.stderr  # not on a terminal: no bar
    asked = on_a_terminal(command[:-1] + [str(tmp_path / "quiet"), "-q"], env)  # a first build too
    assert "Building" not in asked and "events, 2 centres:" not in asked  # `-q`: problems only
    assert "warning: no ru translation" in asked


def test_the_build_says_what_it_did_instead_of_pelicans_article_count(tmp_path):
    result = run_pelican(FIXTURES / "site", tmp_path / "out")
    assert result.returncode == 0
    assert "Processed 0 articles" not in result.stdout + result.stderr
    from dostyq.config import SiteConfig
    from dostyq.model import load_content

    published = len(load_content(FIXTURES / "site", SiteConfig()).events)  # a draft is not counted
    summary = [line for line in result.stdout.splitlines() if " files (" in line]
    number = r"\d{1,3}(?: \d{3})*"  # thousands grouped by a space, as the build prints them
    assert len(summary) == 1 and re.fullmatch(rf"{published} events, 2 centres: ({number}) files \(({number}) changed, "
                                              r"0 removed\) in \d+\.\d s", summary[0]), result.stdout
    files = int(re.search(rf"({number}) files", summary[0])[1].replace(" ", ""))
    assert files == len([p for p in (tmp_path / "out").rglob("*") if p.is_file()]) - 1  # all but the manifest
    assert "warning: no ru translation" in result.stderr  # warnings are shown
    assert "\x1b[" not in result.stdout + result.stderr  # no progress bar or colour off a terminal


# --- serve ----------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError):  # not listening yet
        return 0, ""


def wait_for(condition, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("waited in vain")


def test_serve_rebuilds_after_an_edit_and_survives_a_broken_one(tmp_path, content_copy):
    port = free_port()
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "SOURCE_DATE_EPOCH": epoch_of(TODAY),
           "HOME": str(tmp_path)}
    server = subprocess.Popen([DOSTYQ, "serve", "--content", str(content_copy), "--output", str(tmp_path / "out"),
                               "--port", str(port)], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        page = f"{base}/ru/events/nauryz/"
        wait_for(lambda: fetch(page)[0] == 200)
        status, html = fetch(page)
        assert "<h1>Праздник Наурыз</h1>" in html and '<script src="/_dostyq/live.js"></script></body>' in html
        assert "live.js" not in read(tmp_path / "out/ru/events/nauryz/index.html")  # only the server adds it

        source = content_copy / "events/2026/nauryz.ru.md"
        source.write_text(read(source).replace("title: \"Праздник Наурыз\"", "title: \"Праздник весны Наурыз\""), encoding="utf-8")
        wait_for(lambda: "<h1>Праздник весны Наурыз</h1>" in fetch(page)[1])
        # the search index follows in a second pass: the edited page, not the old one
        wait_for(lambda: any("Праздник весны Наурыз" in text for text in search_fragments(tmp_path / "out", "ru")))
        assert not any("Праздник Наурыз" in text for text in search_fragments(tmp_path / "out", "ru"))

        (content_copy / "events/2026/broken.ru.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
        state = wait_for(lambda: (s := json.loads(fetch(f"{base}/_dostyq/state")[1]))["errors"] and s)
        assert state["errors"] == [f"{content_copy}/events/2026/broken.ru.md:3: a value is cut off here: is a `[`, "
                                   "`{` or a quote left open?"]
        assert "<h1>Праздник весны Наурыз</h1>" in fetch(page)[1]  # the last good site is still served

        (content_copy / "events/2026/broken.ru.md").unlink()
        wait_for(lambda: json.loads(fetch(f"{base}/_dostyq/state")[1])["build"] > state["build"])
        assert json.loads(fetch(f"{base}/_dostyq/state")[1])["errors"] == []
    finally:
        server.terminate()
        log = server.communicate(timeout=30)[0]
    assert "The last good site is still served; fix the errors above and save." in log
    assert re.search(r"rebuilt in \d+\.\d\d s, \d+\.\d\d s after the save; the browser reloads by itself\n"
                     r"search index updated in \d+\.\d\d s\n", log), log


def search_fragments(output: Path, lang: str) -> list[str]:
    """The texts Pagefind keeps of each page (its fragments are gzipped JSON)."""
    texts = []
    for fragment in (output / lang / "pagefind" / "fragment").glob("*.pf_fragment"):
        try:
            texts.append(gzip.decompress(fragment.read_bytes()).decode("utf-8", "replace"))
        except (OSError, EOFError):  # being replaced right now
            pass
    return texts


# --- import-ics --------------------------------------------------------------------

ICS = FIXTURES / "ics"
UNTIL_DAY = "2028-01-01"


def client_view(files: list[Path]) -> dict[str, list]:
    """What ical.js (Thunderbird) shows: every occurrence of every event, by UID, for
    a reader in Almaty (a floating time is read in the reader's own zone)."""
    result = subprocess.run(["node", "icaljs_series.js", UNTIL_DAY, *map(str, files)], cwd=ORACLES,
                            capture_output=True, text=True, check=True,
                            env={"PATH": os.environ["PATH"], "TZ": "Asia/Almaty"})
    report = json.loads(result.stdout)
    events: dict[str, list] = {}
    for path, calendar in report.items():
        assert "error" not in calendar, (path, calendar)
        for uid, occurrences in calendar.items():
            events.setdefault(uid, []).extend(occurrences)
    return events


def shown(occurrences: list, cancelled_labels=("Отменено: ",)) -> list[tuple]:
    """Occurrences as a reader sees them: a cancelled single instance of a series is
    not shown; a cancelled event is, marked; titles without the site's status label."""
    result = []
    for start, end, summary, status in occurrences:
        for label in cancelled_labels:
            summary = summary.removeprefix(label)
        result.append((start, end, summary, "cancelled" if status == "CANCELLED" else "on"))
    return sorted(result)


@pytest.mark.oracle
@pytest.mark.parametrize("export", ["google.ics", "outlook.ics", "thunderbird.ics"])
def test_imported_events_show_in_a_calendar_client_as_the_source_does(tmp_path, content_copy, export):
    result = dostyq("import-ics", str(ICS / export), "--content", str(content_copy), "--lang", "ru",
                    "--center", "tatar-center")
    assert result.returncode == 0, result.stderr
    written = [Path(line) for line in result.stdout.splitlines()]
    assert written and all(p.is_file() for p in written)
    built = run_pelican(content_copy, tmp_path / "out")
    assert built.returncode == 0, built.stderr

    source = client_view([ICS / export])
    ours = client_view(sorted((tmp_path / "out/ru/events").glob("*/event.ics")))
    for uid, occurrences in source.items():
        series = [o for o in occurrences if not (o[3] == "CANCELLED" and any(x[3] != "CANCELLED" for x in occurrences))]
        mine = [o for our_uid, items in ours.items() if our_uid == uid or our_uid.startswith(uid + "/") for o in items]
        assert shown(mine) == shown(series) and mine, uid

    again = dostyq("import-ics", str(ICS / export), "--content", str(content_copy), "--lang", "ru",
                   "--center", "tatar-center", "--quiet")
    assert again.returncode == 0 and again.stdout == ""
    assert again.stderr.splitlines()[-1] == f"новых: 0, обновлено: 0, без изменений: {len(written)}, не импортировано: 0."


@pytest.mark.oracle
def test_reimporting_an_updated_export_updates_the_entries_it_made(tmp_path, content_copy):
    first = dostyq("import-ics", str(ICS / "google.ics"), "--content", str(content_copy), "--lang", "ru")
    course = next(Path(p) for p in first.stdout.splitlines() if "kursy-kazakhskogo-iazyka.ru.md" in p)
    course.write_text(read(course).replace("category: other", "category: seminar\nplace: oskemen-house"), encoding="utf-8")
    updated = tmp_path / "google.ics"
    updated.write_bytes((ICS / "google.ics").read_bytes()
                        .replace(b"EXDATE;TZID=Asia/Almaty:20261231T150000", b"EXDATE;TZID=Asia/Almaty:20261231T150000,20261229T150000")
                        .replace(b"SUMMARY:\xd0\x9d\xd0\xb0\xd1\x83\xd1\x80\xd1\x8b\xd0\xb7", b"SUMMARY:\xd0\x9d\xd0\xb0\xd1\x83\xd1\x80\xd1\x8b\xd0\xb7-2027:"))
    again = dostyq("import-ics", str(updated), "--content", str(content_copy), "--lang", "ru")
    assert again.returncode == 0, again.stderr
    made = len(first.stdout.splitlines())
    assert again.stderr.splitlines()[-1] == f"новых: 0, обновлено: 2, без изменений: {made - 2}, не импортировано: 0."
    text = read(course)
    assert "except: [2026-11-12, 2026-11-19, 2026-12-29, 2026-12-31]" in text
    assert "category: seminar\nplace: oskemen-house" in text  # what the editor added stays
    built = run_pelican(content_copy, tmp_path / "out")
    assert built.returncode == 0, built.stderr
    source = client_view([updated])
    ours = client_view(sorted((tmp_path / "out/ru/events").glob("*/event.ics")))
    nauryz = "0a9s8d7f6g5h4j3k2l1@google.com"
    assert shown(ours[nauryz]) == shown(source[nauryz]) == [("2027-03-21", "2027-03-24", "Наурыз-2027: мейрамы", "on")]


def test_import_refuses_what_it_cannot_read(tmp_path, content_copy):
    (tmp_path / "notes.ics").write_text("hello", encoding="utf-8")
    result = dostyq("import-ics", str(tmp_path / "notes.ics"), "--content", str(content_copy))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"Error: {tmp_path / 'notes.ics'} күнтізбе файлы емес:" in result.stderr
    (tmp_path / "odd.ics").write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:odd-1\r\nSUMMARY:Odd\r\nDTSTART:20261201T100000\r\n"
        b"RRULE:FREQ=HOURLY;COUNT=3\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:ok-1\r\nSUMMARY:Fine\r\n"
        b"DTSTART;VALUE=DATE:20261202\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    result = dostyq("import-ics", str(tmp_path / "odd.ics"), "--content", str(content_copy), "--lang", "ru")
    assert result.returncode == 1
    assert ("не импортировано: Odd (odd-1): его RRULE нельзя сохранить: FREQ=HOURLY не подходит для событий; "
            "пишите DAILY, WEEKLY, MONTHLY или YEARLY") in result.stderr.splitlines()  # in the calendar's language
    assert result.stderr.splitlines()[-1] == "новых: 1, обновлено: 0, без изменений: 0, не импортировано: 1."
    assert dostyq("check", str(content_copy)).returncode == 0
