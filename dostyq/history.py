"""When each content file last changed, from git: calendar feeds stamp events with
their own history (DTSTAMP, LAST-MODIFIED), never the build clock, so an
unchanged entry gives byte-identical feeds."""
from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

# For files git does not know (no repository, not committed yet): fixed, so that
# builds stay reproducible.
FALLBACK = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


def last_commit_times(folder: Path) -> dict[Path, dt.datetime]:
    """Every file under folder that git has history for -> the time of the last
    commit touching it. One `git log` for the whole folder: per-file calls would
    take minutes on a site of 10 000 events."""
    try:
        top = subprocess.run(["git", "-C", str(folder), "rev-parse", "--show-toplevel"],
                             capture_output=True, text=True, check=True).stdout.strip()
        log = subprocess.run(["git", "-C", str(folder), "log", "--format=%x00%x01%ct", "--name-only",
                              "--no-renames", "-z", "--", "."],
                             capture_output=True, check=True).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.CalledProcessError):
        return {}
    times: dict[Path, dt.datetime] = {}
    when = FALLBACK
    for field in log.split("\0"):
        field = field.strip("\n")
        if not field:
            continue
        if field.startswith("\x01"):  # a commit's time, then the files it touched
            when = dt.datetime.fromtimestamp(int(field[1:]), dt.timezone.utc)
            continue
        times.setdefault((Path(top) / field).resolve(), when)  # the newest commit comes first
    return times


class History:
    """Last-change times of entries (an entry is its language files)."""

    def __init__(self, folder: Path):
        self._times = last_commit_times(folder)

    def modified(self, files) -> dt.datetime:
        known = [self._times[p] for p in (Path(f).resolve() for f in files) if p in self._times]
        return max(known, default=FALLBACK)
