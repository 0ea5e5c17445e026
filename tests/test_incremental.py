"""A rebuild reuses what did not change (entries, pages, feeds) and must give
exactly the bytes of a cold build: for each kind of edit, the fixture is built
cold, edited, rebuilt warm into the same output and cache, and compared file by
file with a cold build of the edited content."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, TODAY, build_site, read
from test_model import png


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def edit(path: Path, old: str, new: str) -> None:
    text = read(path)
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


EDITS = {
    "an event's text": lambda c: edit(c / "events/2026/nauryz.kk.md", "Наурыз", "Наурыз — көктем"),
    "an event's title": lambda c: edit(c / "events/2026/omsk-forum.ru.md", "Молодёжный форум", "Форум молодёжи"),
    "a repeating event's exceptions": lambda c: edit(c / "events/2026/language-club.kk.md", "except: [2026-11-28]",
                                                     "except: [2026-11-28, 2026-12-05]"),
    "an event's date": lambda c: edit(c / "events/2026/omsk-forum.kk.md", "2026-12-05", "2027-01-16"),
    "a centre's name": lambda c: edit(c / "centers/tatar-center.ru.md", "«Туган тел»", "«Туган тел» (Усть-Каменогорск)"),
    "a place's address": lambda c: edit(c / "places.yml", "ул. Мира, 11", "ул. Мира, 13"),
    "a new event": lambda c: (c / "events/2026/new-day.kk.md").write_text(
        "---\ntitle: Жаңа күн\nstart: 2026-12-12\ncategory: meeting\ncenters: [tatar-center]\nplace: oskemen-house\n---\n\nМәтін.\n",
        encoding="utf-8"),
    "a deleted event": lambda c: [p.unlink() for p in (c / "events/2026").glob("maslenitsa.*.md")],
    "a new translation": lambda c: (c / "events/2026/tricky-title.ru.md").write_text(
        "---\ntitle: Сложный заголовок\n---\n\nПеревод.\n", encoding="utf-8"),
    "an image": lambda c: (c / "images/club.png").write_bytes(png(80, 50)),  # another size: every page showing it changes
    "same size, time put back": lambda c: same_size_and_time(c / "events/2026/nauryz.kk.md", "Наурыз", "Науруз"),
}


def same_size_and_time(path: Path, old: str, new: str) -> None:
    """An edit that keeps the file's size and, by os.utime, its time: only the
    inode's change time tells (a build that trusted size and time would miss it)."""
    before = path.stat()
    edit(path, old, new)
    assert path.stat().st_size == before.st_size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


@pytest.mark.parametrize("change", EDITS.values(), ids=EDITS.keys())
def test_a_warm_rebuild_gives_the_bytes_of_a_cold_one(tmp_path, content_copy, change):
    out, cache = tmp_path / "out", tmp_path / "cache"
    build_site(content_copy, out, CACHE_PATH=str(cache))
    assert (cache / "dostyq-build.sqlite").is_file()
    change(content_copy)
    build_site(content_copy, out, CACHE_PATH=str(cache))
    cold = build_site(content_copy, tmp_path / "cold", CACHE_PATH=str(tmp_path / "cold-cache"))
    assert digest(out) == digest(cold)
    if change is EDITS["same size, time put back"]:
        assert "Науруз" in read(out / "kk" / "events" / "nauryz" / "index.html")


def test_a_new_day_and_a_new_theme_rebuild_everything_that_depends_on_them(tmp_path, content_copy):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    out, cache = tmp_path / "out", tmp_path / "cache"
    build_site(content_copy, out, CACHE_PATH=str(cache), THEME=str(theme))
    later = TODAY + dt.timedelta(days=9)
    build_site(content_copy, out, later, CACHE_PATH=str(cache), THEME=str(theme))
    assert digest(out) == digest(build_site(content_copy, tmp_path / "a", later, THEME=str(theme),
                                            CACHE_PATH=str(tmp_path / "a-cache")))
    edit(theme / "templates/base.html", "<footer class=\"site-footer\">", "<footer class=\"site-footer\" id=\"footer\">")
    build_site(content_copy, out, later, CACHE_PATH=str(cache), THEME=str(theme))
    fresh = build_site(content_copy, tmp_path / "b", later, THEME=str(theme), CACHE_PATH=str(tmp_path / "b-cache"))
    assert digest(out) == digest(fresh)
    assert 'id="footer"' in read(out / "kk/events/nauryz/index.html")


def test_a_warm_rebuild_remakes_only_what_the_edit_touches(tmp_path, content_copy):
    out, cache = tmp_path / "out", tmp_path / "cache"
    build_site(content_copy, out, CACHE_PATH=str(cache))
    untouched = out / "ru" / "events" / "omsk-forum" / "index.html"
    before = untouched.stat()
    edit(content_copy / "events/2026/nauryz.kk.md", "Наурыз", "Наурыз — көктем")
    build_site(content_copy, out, CACHE_PATH=str(cache))
    after = untouched.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # not written again
    assert "көктем" in read(out / "kk" / "events" / "nauryz" / "index.html")


def test_a_broken_or_foreign_cache_file_means_a_cold_build(tmp_path, content_copy):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "dostyq-build.sqlite").write_bytes(b"not a database" * 100)
    out = build_site(content_copy, tmp_path / "out", CACHE_PATH=str(cache))
    assert digest(out) == digest(build_site(content_copy, tmp_path / "cold", CACHE_PATH=str(tmp_path / "c2")))


def test_a_cache_damaged_after_a_build_means_a_cold_build(tmp_path, content_copy):
    cache = tmp_path / "cache"
    build_site(content_copy, tmp_path / "out", CACHE_PATH=str(cache))
    database = cache / "dostyq-build.sqlite"
    damaged = bytearray(database.read_bytes())
    damaged[100:4096] = b"\xff" * (4096 - 100)  # the header's end and the schema page
    database.write_bytes(bytes(damaged))
    edit(content_copy / "events" / "2026" / "nauryz.kk.md", "Көктем", "Жаз")
    out = build_site(content_copy, tmp_path / "out", CACHE_PATH=str(cache))
    assert digest(out) == digest(build_site(content_copy, tmp_path / "cold", CACHE_PATH=str(tmp_path / "c2")))
