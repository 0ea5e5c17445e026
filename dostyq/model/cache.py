"""Entries already read, kept between builds by the hash of their files.

A rebuild reads every file (cheap) but parses and checks only the entries whose
files or images changed: the others come back as they were, problems included.
The build's cache (dostyq/build_cache.py) keeps this between processes and
drops it when the settings, the code or the day change.
"""
from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass
from pathlib import Path

from .fields import file_state


@dataclass
class CachedEntry:
    built: object | None  # the Event or Center; None when the entry had errors
    where: dict[str, tuple[str, int]]  # where each fact was written, for the checks across entries
    first: str
    problems: list[tuple]  # as Problems.recording() keeps them
    dependencies: tuple[tuple[str, int, int], ...]  # other files read: (path, size, mtime)


class EntryCache:
    """Entries by key, each kept pickled on its own: saving the cache after one edit
    then writes the other entries' bytes as they are instead of pickling thousands
    of objects again."""

    def __init__(self, entries: dict[str, bytes] | None = None):
        self.entries = entries or {}
        self.used: dict[str, bytes] = {}  # what this build used or made: what the next one keeps

    @staticmethod
    def key(kind: str, name: str, files: dict[str, tuple[Path, bytes]]) -> str:
        digest = hashlib.blake2b(f"{kind}\0{name}".encode(), digest_size=16)
        for lang in sorted(files):
            path, raw = files[lang]
            digest.update(f"\0{lang}\0{path.name}\0{len(raw)}\0".encode())
            digest.update(raw)
        return digest.hexdigest()

    def get(self, key: str) -> CachedEntry | None:
        kept = self.entries.get(key)
        if kept is None:
            return None
        entry = _READ.get(key)
        if entry is None:
            entry = _READ[key] = pickle.loads(kept)
        if any(file_state(Path(path)) != (path, size, mtime) for path, size, mtime in entry.dependencies):
            return None
        self.used[key] = kept
        return entry

    def put(self, key: str, entry: CachedEntry) -> None:
        self.used[key] = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
        _READ[key] = entry

    def forget_unused(self) -> None:
        """After a build: this process keeps in memory only the entries it used."""
        for key in set(_READ) - set(self.used):
            del _READ[key]


# Entries this process has read or parsed, by key: `dostyq serve` builds again and
# again in one process, and need not unpickle thousands of entries each time.
_READ: dict[str, CachedEntry] = {}
