"""The output folder, replaced whole or not at all.

A build writes into a fresh folder beside the output (`.<name>.building`),
which starts as a copy of the last output made of hard links (cheap, and files
whose bytes do not change keep their inode and time, so rsync and web caches see
only real changes). Only when every file is written is it swapped in, in one
rename; a content error, an exception or an interrupt before that leaves the
last good site exactly as it was.

A manifest in the output (`.dostyq-manifest.json`) lists the files the build
wrote with their hashes. The next build removes only files that an earlier build
wrote and this one did not (a deleted event's pages), never files someone else
put there (a CNAME, a verification file).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Callable

MANIFEST = ".dostyq-manifest.json"


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class SiteOutput:
    """One build's writes into `target`: `write()` files, then `commit()` or `abort()`."""

    def __init__(self, target: Path):
        self.target = Path(os.path.realpath(target))  # a link to the web root: replace what it points to
        self.staging = self.target.parent / f".{self.target.name}.building"
        self.written: dict[str, str] = {}  # path relative to the output -> hash
        self.changed = 0
        self._previous: dict[str, str] = {}
        self.on_write: Callable[[], None] = lambda: None  # e.g. a progress bar

    def begin(self) -> None:
        if self.staging.exists():  # left by a build that was killed
            shutil.rmtree(self.staging)
        self.target.parent.mkdir(parents=True, exist_ok=True)
        if self.target.is_dir():
            _link_tree(self.target, self.staging)
            self._previous = _read_manifest(self.target / MANIFEST)
        else:
            self.staging.mkdir()

    def write(self, path: str, data: bytes) -> None:
        """Write a file (path relative to the output, with `/`); unchanged bytes are left alone."""
        if path in self.written:
            raise ValueError(f"{path} is written twice in one build")
        hashed = digest(data)
        self.written[path] = hashed
        self.on_write()
        target = self.staging / path
        if self._previous.get(path) == hashed and target.is_file() and target.stat().st_size == len(data):
            return
        self.changed += 1
        try:
            _replace(target, data)
        except FileNotFoundError:  # a new folder
            target.parent.mkdir(parents=True)
            target.write_bytes(data)

    def adopt(self, written: dict[str, str], changed: int) -> None:
        """Files another process wrote into the same staging folder."""
        for path in written.keys() & self.written.keys():
            raise ValueError(f"{path} is written twice in one build")
        self.written.update(written)
        self.changed += changed

    def expected_files(self) -> int:
        """How many files the last build wrote: the best guess of this one's."""
        return len(self._previous)

    def commit(self) -> list[str]:
        """Remove what earlier builds wrote and this one did not, then swap the new
        folder in. Returns the removed paths."""
        removed = sorted(set(self._previous) - set(self.written))
        for path in removed:
            file = self.staging / path
            if file.is_file() or file.is_symlink():
                file.unlink()
            _remove_empty_parents(file.parent, self.staging)
        manifest = {"files": dict(sorted(self.written.items()))}
        _replace(self.staging / MANIFEST, (json.dumps(manifest, indent=0, sort_keys=True) + "\n").encode())
        _swap(self.staging, self.target)
        if self.staging.exists():  # now the previous output
            shutil.rmtree(self.staging)
        return removed

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def _replace(path: Path, data: bytes) -> None:
    """A new file renamed over the old one: the old one may be a hard link that the
    live output shares, and must not change. Where there is none, just the file."""
    try:
        with open(path, "xb") as f:
            f.write(data)
        return
    except FileExistsError:
        pass
    temporary = path.with_name(f".{path.name}.new")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def _read_manifest(path: Path) -> dict[str, str]:
    try:
        files = json.loads(path.read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return {k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(files, dict) else {}


def _link_tree(source: Path, target: Path) -> None:
    """A copy of source in which every file is a hard link (symbolic links are copied as links)."""
    for folder, dirs, names in os.walk(source):
        here = target / os.path.relpath(folder, source)
        here.mkdir(parents=True, exist_ok=True)
        for name in names:
            original = os.path.join(folder, name)
            if os.path.islink(original):
                os.symlink(os.readlink(original), here / name)
            else:
                os.link(original, here / name)
        for name in dirs:
            if os.path.islink(os.path.join(folder, name)):
                os.symlink(os.readlink(os.path.join(folder, name)), here / name)


def _remove_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _swap(new: Path, live: Path) -> None:
    """Put `new` where `live` is, and `live` (if any) where `new` was: one atomic
    renameat2(RENAME_EXCHANGE) on Linux, else two renames."""
    if live.exists():
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = getattr(libc, "renameat2", None)
        if renameat2 is not None:
            if renameat2(_AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(live), _RENAME_EXCHANGE) == 0:
                return
            if ctypes.get_errno() not in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
                raise OSError(ctypes.get_errno(), f"cannot swap {new} and {live}")
        old = live.with_name(f".{live.name}.old")
        if old.exists():
            shutil.rmtree(old)
        os.rename(live, old)
        try:
            os.rename(new, live)
        except OSError:
            os.rename(old, live)
            raise
        os.rename(old, new)
    else:
        os.rename(new, live)
