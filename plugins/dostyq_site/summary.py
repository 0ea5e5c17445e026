"""What a build says on the terminal: the content's problems as `path:line:
message` lines, a progress bar on a terminal, and a one-line summary in place of
Pelican's "Processed 0 articles"."""
from __future__ import annotations

import logging
import sys
import time

from dostyq.model.problems import ContentRejected, Problems

MAX_WARNINGS_SHOWN = 20


def reject_if_errors(problems: Problems, show_warnings: bool = True) -> None:
    """Print the warnings (a few) and the errors (all); stop the build on an error."""
    warnings = problems.warnings if show_warnings else []
    for warning in warnings[:MAX_WARNINGS_SHOWN]:
        print(warning, file=sys.stderr)
    if len(warnings) > MAX_WARNINGS_SHOWN:
        print(f"... and {len(warnings) - MAX_WARNINGS_SHOWN} more warnings (`dostyq check` lists them all)",
              file=sys.stderr)
    if problems:
        for error in problems.errors:
            print(error, file=sys.stderr)
        print(f"{len(problems.errors)} error(s) in the content; nothing was written.", file=sys.stderr)
        raise ContentRejected(problems.errors)


def number(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def asked_to_be_quiet() -> bool:
    """`pelican -q`: only problems are printed."""
    return logging.getLogger("pelican").getEffectiveLevel() > logging.WARNING


class Summary:
    def __init__(self):
        self.started = time.perf_counter()
        import pelican

        pelican.console.quiet = False  # a build before this one, in the same process, silenced it

    def print(self, events: int, centers: int, files: int, changed: int, removed: int) -> None:
        seconds = time.perf_counter() - self.started
        if not asked_to_be_quiet():
            print(f"{number(events)} events, {number(centers)} centres: {number(files)} files "
              f"({number(changed)} changed, {number(removed)} removed) in {seconds:.1f} s")
        _quiet_pelican_done_line()


def _quiet_pelican_done_line() -> None:
    """Pelican then prints "Done: Processed 0 articles, 0 drafts…", which counts
    only its own readers: silence its console for the rest of this build."""
    import pelican

    pelican.console.quiet = True
