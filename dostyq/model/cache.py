"""Entries already read, kept between builds by the hash of their files.

A rebuild parses and checks only the entries whose files or images changed: the
others come back as they were, problems included. It does not even read a file
whose size, times and inode are those it had when it was hashed (as git's index
does; a write always changes the ctime). The build's cache (dostyq/build_cache.py)
stores entries and hashes; in one process (`dostyq serve`) the entries also stay
in memory, unpickled.
"""
from __future__ import annotations

import hashlib
import io
import os
import pickle
from dataclasses import dataclass, fields
from pathlib import Path

from ..config import SiteConfig
from ..messages import Message
from .entries import Localized
from .events import Event
from .fields import file_state
from .problems import Problems
from .source import read_bytes


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

    def __init__(self, config: SiteConfig, stored=None, model_key: str = "", hashes=None):
        self.config = config
        self.stored = stored
        self.new: dict[str, bytes] = {}  # entries parsed by this build, pickled: the rows to store
        self.used: set[str] = set()  # every entry this build has
        self.hashes = hashes  # file path -> "state hash", from earlier builds (get())
        self.new_hashes: dict[str, str] = {}  # the files this build hashed: the rows to store
        self.files: set[str] = set()  # every file this build has
        if not model_key:
            self._read: dict = {}
        else:
            if _READ.get("model") != model_key:
                _READ.clear()
                _READ["model"] = model_key
            self._read = _READ

    @staticmethod
    def key(kind: str, name: str, files: dict[str, tuple[Path, str]]) -> str:
        """The entry's key: its kind, name, and its files' names and hashes."""
        parts = [kind, name] + [f"{lang}:{path.name}:{hashed}" for lang, (path, hashed) in sorted(files.items())]
        return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()

    def file_hash(self, path: Path, problems: Problems) -> str | None:
        """The hash of the file's bytes; None (and a problem) when it cannot be read."""
        name = str(path)
        self.files.add(name)
        try:
            stat = os.stat(name)
        except OSError as exc:
            problems.error(path, 1, Message("cannot read the file: {reason}", reason=exc.strerror))
            return None
        state = f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}:{stat.st_ino} "
        known = self.new_hashes.get(name) or (self.hashes.get(name) if self.hashes is not None else None)
        if known is not None and known.startswith(state):
            return known[len(state):]
        raw = read_bytes(path, problems)
        if raw is None:
            return None
        hashed = hashlib.blake2b(raw, digest_size=16).hexdigest()
        self.new_hashes[name] = state + hashed
        return hashed

    def has(self, key: str) -> bool:
        return key in self._read or key in self.new or (self.stored is not None and self.stored.get(key) is not None)

    def get(self, key: str) -> CachedEntry | None:
        entry = self._read.get(key)
        if entry is None:
            kept = self.new.get(key) or (self.stored.get(key) if self.stored is not None else None)
            if kept is None:
                return None
            entry = self._read[key] = loads(kept, self.config)
        if any(file_state(Path(path)) != (path, size, mtime) for path, size, mtime in entry.dependencies):
            return None
        self.used.add(key)
        return entry

    def put(self, key: str, entry: CachedEntry) -> None:
        self.new[key] = dumps(entry)
        self._read[key] = entry
        self.used.add(key)

    def forget_unused(self) -> None:
        """After a build: this process keeps in memory only the entries it used."""
        for key in set(self._read) - self.used - {"model"}:
            del self._read[key]


def dumps(entry) -> bytes:
    """The entry as bytes, without the site's settings: each value in several
    languages refers to them, and a copy in every entry made loading 10 000
    entries take twice as long (loads() gets them; the cache's key says they
    are the same)."""
    buffer = io.BytesIO()
    _Pickler(buffer).dump(entry)
    return buffer.getvalue()


def loads(data: bytes, config: SiteConfig):
    """An entry from dumps(); its values in several languages get `config`."""
    _LOADING.append(config)
    try:
        return pickle.loads(data)
    finally:
        _LOADING.pop()


_LOADING: list[SiteConfig] = []  # the settings of the loads() under way


def _localized(values: dict) -> Localized:
    return Localized.with_config(values, _LOADING[-1])


# An event's texts: a rebuild after one edit reads none of them for the other
# events (their pages, cards and VEVENTs are kept), so they stay pickled until
# asked for. Unpickling them took most of the time of loading a large site.
DEFERRED = ("title", "body_html", "body_text", "summary", "organizer", "location", "image_alt", "status_note",
            "tags", "price")


class _Deferred:
    """An event's text field, unpickled (with the others) when first read."""

    def __init__(self, name: str):
        self.name = name

    def __get__(self, event, owner=None):
        if event is None:
            return self
        texts, config = event.__dict__.pop("_deferred")
        event.__dict__.update(loads(texts, config))  # from now on read like any attribute
        return event.__dict__[self.name]


class LoadedEvent(Event):
    """An event from the cache, its texts deferred (DEFERRED)."""


for _name in DEFERRED:
    setattr(LoadedEvent, _name, _Deferred(_name))


def _loaded_event(facts: dict, texts: bytes) -> LoadedEvent:
    event = LoadedEvent.__new__(LoadedEvent)
    event.__dict__.update(facts)
    event.__dict__["_deferred"] = (texts, _LOADING[-1])
    return event


class _Pickler(pickle.Pickler):
    """Values in several languages without their settings; events with their texts
    apart. (reducer_override, unlike persistent_id, is not asked about every string.)"""

    def __init__(self, file):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)

    def reducer_override(self, obj):
        kind = type(obj)
        if kind is Localized:
            return _localized, (obj.values_by_language,)
        if kind is Event or kind is LoadedEvent:
            facts = {f.name: getattr(obj, f.name) for f in fields(Event)}
            texts = {name: facts.pop(name) for name in DEFERRED}
            buffer = io.BytesIO()
            _Pickler(buffer).dump(texts)
            return _loaded_event, (facts, buffer.getvalue())
        return NotImplemented


# Entries this process has read or parsed, by key (and the model key they are
# good for): `dostyq serve` builds again and again in one process.
_READ: dict = {}
