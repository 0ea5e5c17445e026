"""The output folder, replaced whole or not at all.

Two folders take turns: the live output (OUT), and beside it the one before it
(`.OUT.previous`). A build brings the previous one up to date (only the files
whose bytes changed are written; the others become hard links to the live
files), then swaps the two in one rename (renameat2 RENAME_EXCHANGE on Linux).
Nothing touches the live folder before that, so a content error, an exception
or an interrupt leaves the last good site exactly as it was; and a rebuild after
one edit costs in proportion to what changed, not to the size of the site.
Files whose bytes did not change keep their inode and time, so rsync and web
caches see only real changes.

A manifest in each folder (`.dostyq-manifest.json`) lists the files the build
wrote, with their hashes. A build removes only files that an earlier build
wrote and this one did not (a deleted event's pages), never files someone else
put there (a CNAME, a verification file), which are carried over.
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
    """One build's files: `write()` or `keep()` each, then `commit()` or `abort()`."""

    def __init__(self, target: Path):
        self.target = Path(os.path.realpath(target))  # a link to the web root: replace what it points to
        self.spare = self.target.parent / f".{self.target.name}.previous"
        self.written: dict[str, str] = {}  # path relative to the output -> hash
        self.changed: set[str] = set()  # written with other bytes than the live output has
        self.on_write: Callable[[], None] = lambda: None  # e.g. a progress bar
        self._live: dict[str, str] = {}
        # What the spare folder holds. Where its hash equals the live one, the two
        # files are one inode: a build links unchanged files, writes only new bytes.
        self._spare: dict[str, str] = {}
        # On a first build, every file is also linked into this folder, which then
        # becomes the spare: the next build need not copy the whole site.
        self._twin: Path | None = None
        self._folders: set[str] = set()  # made in the spare (and twin) by this build

    def begin(self) -> None:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        live = _read_manifest(self.target / MANIFEST) if self.target.is_dir() else None
        self._live = live["files"] if live else {}
        spare = _read_manifest(self.spare / MANIFEST) if self.spare.is_dir() else None
        if spare is None or live is None:
            # unknown, or a build was stopped while writing it: start from a copy of the live output
            shutil.rmtree(self.spare, ignore_errors=True)
            if self.target.is_dir():
                _link_tree(self.target, self.spare)
                self._spare = dict(self._live)
            else:
                self.spare.mkdir()
                self._spare = {}
                self._twin = self.target.parent / f".{self.target.name}.twin"
                shutil.rmtree(self._twin, ignore_errors=True)
                self._twin.mkdir()
        else:
            self._spare = spare["files"]
        (self.spare / MANIFEST).unlink(missing_ok=True)  # from here on the spare is being changed

    def write(self, path: str, data: bytes) -> None:
        """Write a file (path relative to the output, with `/`); unchanged bytes are not written."""
        self._add(path, digest(data), data)

    def keep(self, path: str) -> bool:
        """Keep the live output's file as it is, when its inputs did not change; False
        when the live output has no such file (it must then be written)."""
        hashed = self._live.get(path)
        if hashed is None:
            return False
        try:
            self._add(path, hashed, None)
        except FileNotFoundError:  # someone removed it from the live output: make it again
            del self.written[path]
            return False
        return True

    def _add(self, path: str, hashed: str, data: bytes | None) -> None:
        if path in self.written:
            raise ValueError(f"{path} is written twice in one build")
        self.written[path] = hashed
        self.on_write()
        if hashed == self._live.get(path):
            if self._spare.get(path) != hashed:  # else it is the live file itself, linked
                _link(self.target / path, self.spare / path)
        else:
            target = self.spare / path
            self.changed.add(path)
            if self._spare.get(path) != hashed:
                folder = path.rpartition("/")[0]
                if folder not in self._folders:  # made once, rather than found missing by a failed open
                    (self.spare / folder).mkdir(parents=True, exist_ok=True)
                    if self._twin is not None:
                        (self._twin / folder).mkdir(parents=True, exist_ok=True)
                    self._folders.add(folder)
                _replace(target, data)
                if self._twin is not None:
                    os.link(target, self._twin / path)
        self._spare[path] = hashed

    def adopt(self, written: dict[str, str], changed: set[str]) -> None:
        """Files another process wrote into the same spare folder."""
        for path in written.keys() & self.written.keys():
            raise ValueError(f"{path} is written twice in one build")
        self.written.update(written)
        self.changed |= changed
        self._spare.update(written)

    def expected_files(self) -> int:
        """How many files the last build wrote: the best guess of this one's."""
        return len(self._live)

    def commit(self) -> list[str]:
        """Bring the spare folder to exactly this build's files (and the files others
        put in the live folder), then swap it in. Returns the paths removed from
        the live output."""
        for path in sorted(set(self._spare) - set(self.written)):
            file = self.spare / path
            if file.is_file() or file.is_symlink():
                file.unlink()
            _remove_empty_parents(file.parent, self.spare)
        foreign = self._foreign_files()
        for path in foreign:  # someone else's files live on in every build
            _link(self.target / path, self.spare / path)
        manifest = {"files": dict(sorted(self.written.items()))}
        _replace(self.spare / MANIFEST, (json.dumps(manifest, indent=0, sort_keys=True) + "\n").encode())
        _swap(self.spare, self.target)
        if self._twin is not None:  # the first build's copy becomes the spare
            _link_new(self.target / MANIFEST, self._twin / MANIFEST)
            os.replace(self._twin, self.spare)
        return sorted(set(self._live) - set(self.written))

    def _foreign_files(self) -> list[str]:
        """Files in the live output that no build of ours wrote."""
        if not self.target.is_dir():
            return []
        ours = self._live.keys() | self.written.keys() | {MANIFEST}
        found = []
        folders = [""]
        while folders:  # scandir knows each entry's kind without a stat
            folder = folders.pop()
            with os.scandir(os.path.join(self.target, folder)) as entries:
                for entry in entries:
                    path = f"{folder}/{entry.name}" if folder else entry.name
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(path)
                    elif path not in ours:
                        found.append(path)
        return sorted(found)

    def abort(self) -> None:
        """The live output stays; the spare is left without a manifest, so the next
        build starts it again from a copy of the live one."""
        (self.spare / MANIFEST).unlink(missing_ok=True)
        if self._twin is not None:
            shutil.rmtree(self._twin, ignore_errors=True)


def _replace(path: Path, data: bytes) -> None:
    """A new file renamed over the old one: the old one may be a hard link that the
    live output shares, and must not change. Where there is none, just the file."""
    try:
        with open(path, "xb") as f:
            f.write(data)
        return
    except FileExistsError:
        temporary = path.with_name(f".{path.name}.new")
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except FileNotFoundError:  # a new folder
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _link_new(source: Path, target: Path) -> None:
    """target, which does not exist yet, becomes a hard link to source."""
    try:
        os.link(source, target)
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(source, target)


def _link(source: Path, target: Path) -> None:
    """target becomes a hard link to source (replacing what was there)."""
    temporary = target.with_name(f".{target.name}.link")
    try:
        os.link(source, temporary)
    except FileNotFoundError:
        if not source.exists():
            raise
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(source, temporary)
    except FileExistsError:
        temporary.unlink()
        os.link(source, temporary)
    os.replace(temporary, target)
    if temporary.exists():  # rename() does nothing when both names are one file already
        temporary.unlink()


def _read_manifest(path: Path) -> dict | None:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(files, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
        return None
    return manifest


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
