"""The site's search index: Pagefind (pagefind.app), run on the complete set of
pages after the build wrote them and before the output is replaced, so the
index always matches the pages it is published with.

The pages of a build are partly in the staging folder (those that changed) and
partly in the live output (those kept): Pagefind reads a folder of hard links to
both, and its bundle goes through SiteOutput like every other file. Pagefind
indexes only pages marked `data-pagefind-body` (events and centres), into one
index per `<html lang>`: a search from a Russian page finds Russian pages only.

Pagefind's bundle is the same bytes for the same pages, except that
`pagefind-entry.json` lists the languages in a hash map's order, which changes
from run to run: it is rewritten with sorted keys. A build in which no page's
bytes changed keeps the last bundle without running Pagefind.
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
KEY_PATH = urls.SEARCH_BUNDLE + ENTRY  # the bundle's key, in the build cache's table of output keys


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


# The pages that carry `data-pagefind-body` (event.html, center.html): only they
# are handed to Pagefind, which then reads a fraction of the site's pages.
SEARCHED_SECTIONS = ("events", "centers")


def indexed_pages(output: SiteOutput, languages) -> list[str]:
    """`<lang>/events/<slug>/index.html` and `<lang>/centers/<id>/index.html`."""
    found = []
    for path in output.written:
        parts = path.split("/")
        if (len(parts) == 4 and parts[3] == "index.html" and parts[0] in languages
                and parts[1] in SEARCHED_SECTIONS):
            found.append(path)
    return sorted(found)


def write_search_index(output: SiteOutput, languages, last_keys: dict[str, str], keys: dict[str, str]) -> bool:
    """Write (or keep) the bundle under urls.SEARCH_BUNDLE; True when Pagefind ran."""
    pages = indexed_pages(output, languages)
    key = keys[KEY_PATH] = build_cache.key(_version(), [(p, output.written[p]) for p in pages])
    last_bundle = [p for p in output.live_files(urls.SEARCH_BUNDLE) if not p.endswith(".gz")]
    if last_keys.get(KEY_PATH) == key and ENTRY in {p[len(urls.SEARCH_BUNDLE):] for p in last_bundle}:
        for path in last_bundle:
            output.keep(path)
        return False
    for path, data in run_pagefind(output, pages):
        output.write(urls.SEARCH_BUNDLE + path, data)
    return True


def run_pagefind(output: SiteOutput, pages: list[str]) -> list[tuple[str, bytes]]:
    """Pagefind's bundle for these pages of the build: (path in the bundle, bytes), sorted."""
    work = output.staging.parent / f".{output.target.name}.search"
    if work.exists():
        shutil.rmtree(work)
    try:
        site = work / "site"
        for page in pages:
            source = output.staging / page if page in output.changed else output.target / page
            target = site / page
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, target)
            except OSError:  # another file system, or links not allowed
                shutil.copyfile(source, target)
        bundle = work / "bundle"
        done = subprocess.run([str(pagefind_binary()), "--site", str(site), "--output-path", str(bundle), "--silent"],
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise SearchIndexError(f"Pagefind failed: {done.stderr.strip() or done.stdout.strip()}")
        files = []
        for path in sorted(p for p in bundle.rglob("*") if p.is_file()):
            name = path.relative_to(bundle).as_posix()
            data = path.read_bytes()
            if name == ENTRY:
                data = json.dumps(json.loads(data), sort_keys=True, separators=(",", ":")).encode()
            files.append((name, data))
        return files
    finally:
        shutil.rmtree(work, ignore_errors=True)
