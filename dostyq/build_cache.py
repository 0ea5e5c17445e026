"""What a build keeps for the next one, in Pelican's cache folder (`--cache-path`,
CACHE_PATH): the entries already read (by the hash of their files), the key of
every page and feed written (what it was made from), and the events' VEVENTs.

Two keys say when a part is still good: the model key (this code, the settings
the model reads, the build's day, the content folder) for the entries, and the
site key (that, and the theme, the other settings, places.yml) for pages and
VEVENTs. A different key drops the part: a new day, a new theme or a code
change rebuilds everything, which is always right.
"""
from __future__ import annotations

import atexit
import hashlib
import importlib.metadata
import os
import pickle
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

FILE = "dostyq-build.pickle"
FORMAT = 1
LIBRARIES = ("pelican", "Jinja2", "MarkupSafe", "Babel", "icalendar", "markdown-it-py", "nh3", "PyYAML",
             "python-dateutil", "Pillow", "tzdata")
CODE = (Path(__file__).resolve().parent, Path(__file__).resolve().parent.parent / "plugins" / "dostyq_site")


@dataclass
class BuildCache:
    model_key: str = ""
    site_key: str = ""
    entries: dict = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # output path -> the key it was made from
    vevents: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)  # key -> (whole, short) VEVENT
    cards: dict[str, str] = field(default_factory=dict)  # key -> an occurrence's card, as lists show it


def key(*parts) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def files_key(*folders: Path) -> str:
    """The hash of every file under the folders (their paths and bytes)."""
    digest = hashlib.blake2b(digest_size=16)
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else [folder] if folder.is_file() else []:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(folder.parent)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=None)
def code_key() -> str:
    """This program: its own files and the versions of the libraries that shape its output."""
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name}={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(name)
    return key(FORMAT, files_key(*CODE), versions)


def load(folder: str | os.PathLike | None) -> BuildCache:
    if not folder:
        return BuildCache()
    kept = _SAVED.get(os.path.abspath(folder))
    if kept is not None and kept[0] == _stamp(Path(folder) / FILE):
        return kept[1]  # what this process saved there, as it still is
    try:
        with open(Path(folder) / FILE, "rb") as f:
            cache = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return BuildCache()  # none yet, or from another version: a cold build
    return cache if isinstance(cache, BuildCache) else BuildCache()


def save(folder: str | os.PathLike | None, cache: BuildCache, later: bool = False) -> None:
    """Write the cache; `later`: keep it in memory and write it at exit (`dostyq serve`
    builds again within a second of each save, in the same process)."""
    if not folder:
        return
    if later:
        if not _LATER:
            atexit.register(_write_later)
        _LATER[os.path.abspath(folder)] = cache
        _SAVED[os.path.abspath(folder)] = (_stamp(Path(folder) / FILE), cache)
        return
    path = Path(folder) / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.new")
    with open(temporary, "wb") as f:
        pickle.dump(cache, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)
    _SAVED[os.path.abspath(folder)] = (_stamp(path), cache)


_LATER: dict[str, BuildCache] = {}


def _write_later() -> None:
    for folder, cache in list(_LATER.items()):
        del _LATER[folder]
        save(folder, cache)


# The cache this process last saved in each folder (`dostyq serve` builds in one
# process), with the file's stamp, so that another process's save is noticed.
_SAVED: dict[str, tuple[tuple, BuildCache]] = {}


def _stamp(path: Path) -> tuple:
    try:
        stat = path.stat()
    except OSError:
        return ()
    return stat.st_size, stat.st_mtime_ns, stat.st_ino
