"""The site's search index: Pagefind (pagefind.app), one index per language at
`/<lang>/pagefind/`, run on the complete set of pages after the build wrote them
and before the output is replaced, so an index always matches the pages it is
published with.

The pages of a build are partly in the staging folder (those that changed) and
partly in the live output (those kept): Pagefind reads a folder of hard links to
both (kept in the cache folder between builds), and its bundle goes through
SiteOutput like every other file. It is given
the language's event and centre pages, the ones marked `data-pagefind-body`.

Pagefind reads some 1 000 pages a second: an index is made again only when one
of its language's pages changed (an edit to a Russian text leaves the Kazakh
index as it was), and the languages' indexes are made at the same time.
Pagefind's bundle is the same bytes for the same pages, except that
`pagefind-entry.json` lists languages in a hash map's order, which may change
from run to run: it is rewritten with sorted keys.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from . import build_cache, urls
from .output import SiteOutput

ENTRY = "pagefind-entry.json"
# The pages that carry `data-pagefind-body` (event.html, center.html): only they
# are handed to Pagefind.
SEARCHED_SECTIONS = ("events", "centers")


class SearchIndexError(RuntimeError):
    pass


def pagefind_binary() -> Path:
    """The binary that PyPI's `pagefind[bin]` installs."""
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise SearchIndexError("the Pagefind binary is missing: reinstall the packages (make setup)")
    return binary


def _version() -> str:
    from importlib.metadata import version

    return version("pagefind")


def indexed_pages(output: SiteOutput, lang: str) -> list[str]:
    """`<lang>/events/<slug>/index.html` and `<lang>/centers/<id>/index.html`."""
    found = []
    for path in output.written:
        parts = path.split("/")
        if len(parts) == 4 and parts[0] == lang and parts[1] in SEARCHED_SECTIONS and parts[3] == "index.html":
            found.append(path)
    return sorted(found)


def key_path(lang: str) -> str:
    """Where the bundle's key is kept in the build cache's table of output keys."""
    return urls.search_bundle(lang) + ENTRY


# The languages whose index the last build of this process left behind its pages
# (`deferred`): `dostyq serve` makes them in a second pass, after showing the pages.
left_behind: list[str] = []


def write_search_index(output: SiteOutput, languages, last_keys: dict[str, str], keys: dict[str, str],
                       cache_folder: Path | None = None, deferred: bool = False) -> list[str]:
    """Write (or keep) each language's bundle; returns the languages Pagefind ran for.
    With a cache folder, the links Pagefind reads are kept there between builds.
    `deferred` keeps a language's last bundle even when its pages changed (and its
    last key, so that the next build makes it): a preview shows an edit at once and
    its search catches up a moment later."""
    stale: dict[str, list[str]] = {}
    left_behind.clear()
    for lang in languages:
        pages = indexed_pages(output, lang)
        key = keys[key_path(lang)] = build_cache.key(_version(), [(p, output.written[p]) for p in pages])
        bundle = urls.search_bundle(lang)
        last = [p for p in output.live_files(bundle) if not p.endswith(".gz")]
        if not pages:  # nothing to search yet (Pagefind refuses an empty site): no bundle
            continue
        # (a build stopped while moving files in leaves some of unknown bytes: make it again)
        if last_keys.get(key_path(lang)) == key and key_path(lang) in last and all(map(output.is_known, last)):
            for path in last:
                output.keep(path)
        elif deferred and key_path(lang) in last and all(map(output.is_known, last)):
            keys[key_path(lang)] = last_keys.get(key_path(lang), "")
            for path in last:
                output.keep(path)
            left_behind.append(lang)
        else:
            stale[lang] = pages
    for lang, files in run_pagefind(output, stale, cache_folder).items():
        for path, data in files:
            output.write(urls.search_bundle(lang) + path, data)
    return sorted(stale)


def pages_folder(output: SiteOutput, cache_folder: Path | None) -> tuple[Path, bool]:
    """Where the hard links to the pages Pagefind reads go, and whether they stay
    after the build. In the cache folder they are kept from build to build: making
    and removing thousands of folders each time cost seconds on a busy disk, and a
    rebuild links again only the pages that changed. Without a cache folder, a
    folder beside the output, removed after the build."""
    if cache_folder is not None:
        return cache_folder / "search-pages", True
    return output.target.parent / f".{output.target.name}.search", False


def _link_pages(output: SiteOutput, site: Path, pages: list[str]) -> None:
    """Make `site` hold exactly `pages`, each the same file as in this build."""
    wanted = set(pages)
    if site.is_dir():
        for path in [p for p in site.rglob("*.html") if p.relative_to(site).as_posix() not in wanted]:
            path.unlink()  # a page no longer built (its folder stays: it is empty and Pagefind ignores it)
    for page in pages:
        source = output.staging / page if page in output.changed else output.target / page
        target = site / page
        try:
            if os.stat(target).st_ino == os.stat(source).st_ino:
                continue  # the link is the page itself (a file moved live keeps its inode)
            target.unlink()
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:  # another file system, or links not allowed
            shutil.copyfile(source, target)


def run_pagefind(output: SiteOutput, jobs: dict[str, list[str]],
                 cache_folder: Path | None = None) -> dict[str, list[tuple[str, bytes]]]:
    """Pagefind's bundle for each language's pages of the build: {lang: [(path in the
    bundle, bytes), ...]}; the languages' Pagefind processes run side by side."""
    if not jobs:
        return {}
    work, kept = pages_folder(output, cache_folder)
    running: dict[str, subprocess.Popen] = {}
    try:
        for lang, pages in jobs.items():
            site, bundle = work / lang, work / f"{lang}.bundle"
            if bundle.exists():
                shutil.rmtree(bundle)
            _link_pages(output, site, pages)
            site.mkdir(parents=True, exist_ok=True)
            running[lang] = subprocess.Popen(
                [str(pagefind_binary()), "--site", str(site), "--output-path", str(bundle), "--silent"],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        results = {}
        for lang, process in running.items():
            said, _ = process.communicate()
            if process.returncode != 0:
                raise SearchIndexError(f"Pagefind failed on the {lang} pages: {said.strip()}")
            results[lang] = _bundle_files(work / f"{lang}.bundle")
        return results
    finally:
        for lang, process in running.items():
            if process.poll() is None:
                process.kill()
                process.wait()
            shutil.rmtree(work / f"{lang}.bundle", ignore_errors=True)
        if not kept:
            shutil.rmtree(work, ignore_errors=True)


def _bundle_files(bundle: Path) -> list[tuple[str, bytes]]:
    files = []
    for path in sorted(p for p in bundle.rglob("*") if p.is_file()):
        name = path.relative_to(bundle).as_posix()
        data = path.read_bytes()
        if name == ENTRY:
            data = json.dumps(json.loads(data), sort_keys=True, separators=(",", ":")).encode()
        files.append((name, data))
    return files
