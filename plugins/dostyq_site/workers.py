"""Languages built side by side: each language's pages and feeds are written by
a forked copy of the build (the content model is shared, copy-on-write), so a
large cold build uses every core. Each copy reports the files it wrote; the
parent keeps the one manifest."""
from __future__ import annotations

import multiprocessing
import os
from typing import Callable

from dostyq.output import SiteOutput

_JOB: tuple[Callable[[SiteOutput, str], None], SiteOutput, object] | None = None


def worth_forking(languages: int) -> bool:
    return languages > 1 and (os.cpu_count() or 1) > 1


def write_languages(write_language: Callable[[SiteOutput, str], None], output: SiteOutput,
                    languages: tuple[str, ...], parallel: bool) -> None:
    if not parallel:
        for lang in languages:
            write_language(output, lang)
        return
    global _JOB
    context = multiprocessing.get_context("fork")
    counter = context.Value("i", 0)
    _JOB = (write_language, output, counter)
    try:
        with context.Pool(min(len(languages), os.cpu_count() or 1)) as pool:
            pending = pool.map_async(_in_worker, languages)
            seen = 0
            while not pending.ready():  # the workers count their files for the progress bar
                pending.wait(0.1)
                now = counter.value
                for _ in range(now - seen):
                    output.on_write()
                seen = now
            for failure, written, changed in pending.get():
                if failure is not None:
                    raise failure
                output.adopt(written, changed)
    finally:
        _JOB = None


def _in_worker(lang: str) -> tuple[BaseException | None, dict[str, str], int]:
    """A failure of any kind, an interrupt included, goes back to the parent: a
    pool worker that dies of one leaves its task waiting for ever."""
    write_language, output, counter = _JOB
    output.written, output.changed = {}, 0

    def count() -> None:
        with counter.get_lock():
            counter.value += 1

    output.on_write = count
    try:
        write_language(output, lang)
    except BaseException as failure:  # noqa: BLE001 - handed to the parent, which raises it
        return failure, {}, 0
    return None, output.written, output.changed
