"""When each entry last changed: calendar feeds stamp events with their own history
(DTSTAMP, LAST-MODIFIED), never the build clock, so an unchanged entry gives
byte-identical feeds.

The times come from one `git log` of the content folder. Where git cannot tell
(no repository, a file not committed yet, or a shallow clone, whose oldest commit
seems to add every file at once), an entry is stamped from its content instead:
a fixed date plus an offset taken from the hash of its files. That stamp is
stable while the entry stays the same and changes when it changes, and never
claims that everything changed at HEAD's time.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
from pathlib import Path

# Content stamps fall within the year after this date, far enough in the past
# that no client takes them for news.
CONTENT_STAMP_BASE = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
CONTENT_STAMP_SPAN = 366 * 24 * 3600


def _git(folder: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, check=True).stdout


def last_commit_times(folder: Path) -> tuple[dict[str, dt.datetime], str | None]:
    """Every file under folder that git has full history for -> the time of the last
    commit touching it, and why git could not be used (or None). One `git log`
    for the whole folder: per-file calls would take minutes on 10 000 events."""
    try:
        top = _git(folder, "rev-parse", "--show-toplevel").decode().strip()
        shallow = _git(folder, "rev-parse", "--is-shallow-repository").decode().strip() == "true"
    except (OSError, subprocess.CalledProcessError):
        return {}, "the content is not in a git repository"
    if shallow:
        return {}, "the git clone is shallow, so it does not know when each entry last changed"
    try:
        log = _git(folder, "log", "--format=%x00%x01%ct", "--name-only", "--no-renames", "-z", "--", ".")
    except (OSError, subprocess.CalledProcessError):  # e.g. a repository with no commit yet
        return {}, "the git repository has no history for the content yet"
    times: dict[str, dt.datetime] = {}
    when = CONTENT_STAMP_BASE
    for field in log.decode("utf-8", "replace").split("\0"):
        field = field.strip("\n")
        if not field:
            continue
        if field.startswith("\x01"):  # a commit's time, then the files it touched
            when = dt.datetime.fromtimestamp(int(field[1:]), dt.timezone.utc)
            continue
        times.setdefault(str((Path(top) / field).resolve()), when)  # the newest commit comes first
    return times, None


def content_stamp(fingerprint: str) -> dt.datetime:
    """A stable time for an entry git cannot date, from the hash of its files
    (its fingerprint in the model)."""
    digest = hashlib.sha256(fingerprint.encode()).digest()
    return CONTENT_STAMP_BASE + dt.timedelta(seconds=int.from_bytes(digest[:8], "big") % CONTENT_STAMP_SPAN)


class History:
    """Last-change times of entries (an entry is its language files)."""

    def __init__(self, folder: Path):
        self._times, reason = last_commit_times(folder)
        # for the build to say once
        self.warning = (f"feed stamps: {reason}; entries are stamped from their content instead. "
                        "Build from a full clone for the real dates.") if reason else None
        self._known: dict[str, dt.datetime] = {}  # by fingerprint: the feeds of every language ask

    def modified(self, entry) -> dt.datetime:
        """The last commit that touched the entry's files (an Event or a Center),
        or a stamp from its content where git cannot tell."""
        stamp = self._known.get(entry.fingerprint)
        if stamp is None:
            known = [self._times.get(f) for f in entry.files.values()] if self._times else [None]
            stamp = self._known[entry.fingerprint] = max(known) if all(known) else content_stamp(entry.fingerprint)
        return stamp
