"""Languages built side by side: each language's pages and feeds are written by
a forked copy of the build (the content model is shared, copy-on-write), so a
large cold build uses every core. Each copy reports the files it wrote; the
parent keeps the one manifest."""
from __future__ import annotations

import multiprocessing
import os
from typing import Callable

from dostyq.output import SiteOutput

_JOB: tuple[Callable[[SiteOutput, str], object], SiteOutput, object] | None = None


def worth_forking(languages: int) -> bool:
    return languages > 1 and (os.cpu_count() or 1) > 1


def write_languages(write_language: Callable[[SiteOutput, str], object], output: SiteOutput,
                    languages: tuple[str, ...], parallel: bool) -> list:
    """What write_language returns for each language."""
    if not parallel:
        return [write_language(output, lang) for lang in languages]
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
            results = []
            for failure, written, changed, result in pending.get():
                if failure is not None:
                    raise failure
                output.adopt(written, changed)
                results.append(result)
            return results
    finally:
        _JOB = None


def _in_worker(lang: str) -> tuple[BaseException | None, dict[str, str], set[str], object]:
    """A failure of any kind, an interrupt included, goes back to the parent: a
    pool worker that dies of one leaves its task waiting for ever."""
    write_language, output, counter = _JOB
    output.written, output.changed = {}, set()

    def count() -> None:
        with counter.get_lock():
            counter.value += 1

    output.on_write = count
    try:
        result = write_language(output, lang)
    except BaseException as failure:  # noqa: BLE001 - handed to the parent, which raises it
        return failure, {}, set(), None
    return None, output.written, output.changed, result
