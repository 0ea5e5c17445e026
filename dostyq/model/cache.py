"""Entries already read, kept between builds by the hash of their files.

A rebuild reads every file (cheap) but parses and checks only the entries whose
files or images changed: the others come back as they were, problems included.
The build's cache (dostyq/build_cache.py) stores them; in one process
(`dostyq serve`) they also stay in memory, unpickled.
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
    """`stored`: the entries of earlier builds (any object with get(key) -> bytes),
    made with the same code, settings, day and content folder (`model_key`).
    Without a model key the cache lasts one check."""

    def __init__(self, stored=None, model_key: str = ""):
        self.stored = stored
        self.new: dict[str, bytes] = {}  # entries parsed by this build, pickled: the rows to store
        self.used: set[str] = set()  # every entry this build has
        if not model_key:
            self._read: dict = {}
        else:
            if _READ.get("model") != model_key:
                _READ.clear()
                _READ["model"] = model_key
            self._read = _READ

    @staticmethod
    def key(kind: str, name: str, files: dict[str, tuple[Path, bytes]]) -> str:
        digest = hashlib.blake2b(f"{kind}\0{name}".encode(), digest_size=16)
        for lang in sorted(files):
            path, raw = files[lang]
            digest.update(f"\0{lang}\0{path.name}\0{len(raw)}\0".encode())
            digest.update(raw)
        return digest.hexdigest()

    def has(self, key: str) -> bool:
        return key in self._read or key in self.new or (self.stored is not None and self.stored.get(key) is not None)

    def get(self, key: str) -> CachedEntry | None:
        entry = self._read.get(key)
        if entry is None:
            kept = self.new.get(key) or (self.stored.get(key) if self.stored is not None else None)
            if kept is None:
                return None
            entry = self._read[key] = pickle.loads(kept)
        if any(file_state(Path(path)) != (path, size, mtime) for path, size, mtime in entry.dependencies):
            return None
        self.used.add(key)
        return entry

    def put(self, key: str, entry: CachedEntry) -> None:
        self.new[key] = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
        self._read[key] = entry
        self.used.add(key)

    def forget_unused(self) -> None:
        """After a build: this process keeps in memory only the entries it used."""
        for key in set(self._read) - self.used - {"model"}:
            del self._read[key]


# Entries this process has read or parsed, by key (and the model key they are
# good for): `dostyq serve` builds again and again in one process.
_READ: dict = {}
