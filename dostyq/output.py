"""The output folder, changed only by a build that succeeded.

A build writes the files whose bytes changed into a folder beside the output
(`.OUT.staging`); the live output (OUT) is not touched while pages are made, so
a content error, an exception or an interrupt leaves the last good site exactly
as it was. Then:

- a first build renames the staging folder to OUT: one atomic step;
- a build that changed few files moves each into place (rename: every file is
  whole at every moment), with interrupts held back for those milliseconds;
- a build that changed many (a new theme) fills the staging folder with links to
  the unchanged files and swaps the two folders in one rename (renameat2
  RENAME_EXCHANGE on Linux), so visitors never see half of each version.

Files whose bytes did not change are not written: they keep their inode and
time, so rsync and web caches see only real changes, and a rebuild after one
edit costs in proportion to what changed, not to the size of the site. The
manifest is trusted, not checked file by file (40 000 stats on a large site):
a file deleted from the output by hand comes back when its page changes, or
at once with a build into an empty folder.

A manifest in the output (`.dostyq-manifest.json`) lists the files the build
wrote, with their hashes. A build removes only files that an earlier build
wrote and this one did not (a deleted event's pages), never files someone else
put there (a CNAME, a verification file). While files are moved in, a second
list (`.dostyq-moving.json`) names them: if the machine stops half-way, the
next build rewrites exactly those.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import gzip
import hashlib
import json
import os
import shutil
import signal
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

MANIFEST = ".dostyq-manifest.json"
MOVING = ".dostyq-moving.json"  # the files a build is moving in, until they all are
# More changed files than this share of the site: swap whole folders rather than move files.
SWAP_SHARE = 0.25


# Text files a web server would compress: the build writes their gzip copies once.
COMPRESSIBLE = (".html", ".css", ".js", ".ics", ".atom", ".json", ".xml", ".txt", ".svg")
COMPRESS_FROM = 256  # bytes: below this, gzip's own header makes a copy no smaller
GZIP_LEVEL = 6  # zlib's default: 9 makes pages 1 % smaller in twice the time


def _gzip(data: bytes) -> bytes:
    """The same bytes every time: no time or name in the header."""
    return gzip.compress(data, GZIP_LEVEL, mtime=0)


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class SiteOutput:
    """One build's files: `write()` or `keep()` each, then `commit()` or `abort()`."""

    def __init__(self, target: Path):
        self.target = Path(os.path.realpath(target))  # a link to the web root: replace what it points to
        self.staging = self.target.parent / f".{self.target.name}.staging"
        self._staging = str(self.staging)  # strings: thousands of files (pathlib cost more)
        self.written: dict[str, str] = {}  # path relative to the output -> hash
        self.changed: set[str] = set()  # written with other bytes than the live output has (in staging)
        self.on_write: Callable[[], None] = lambda: None  # e.g. a progress bar
        self._live: dict[str, str] = {}  # the live output's files, by the manifest
        self._folders: set[str] = set()  # made in the staging folder by this process

    def begin(self) -> None:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        manifest = _read_manifest(self.target / MANIFEST) if self.target.is_dir() else None
        self._live = manifest["files"] if manifest else {}
        moving = _read_manifest(self.target / MOVING) if manifest else None
        if moving is not None:  # a build stopped while moving these in: their bytes are unknown
            self._live.update(moving["files"])
        for leftover in (self.staging, *(self.target.parent / f".{self.target.name}.{old}" for old in ("previous", "twin"))):
            if leftover.exists():  # a stopped build's, or an older version's spare folders
                shutil.rmtree(leftover)
        self.staging.mkdir()

    def write(self, path: str, data: bytes) -> None:
        """Write a file (path relative to the output, with `/`); unchanged bytes are not
        written. A text file also gets its gzip copy beside it (`path.gz`), which web
        servers send as it is (nginx's gzip_static) instead of compressing every request."""
        hashed = digest(data)
        self._add(path, hashed)
        compressed = path + ".gz" if path.endswith(COMPRESSIBLE) and len(data) > COMPRESS_FROM else None
        if hashed == self._live.get(path):
            if compressed and not self.keep(compressed):
                self._write_gzip(compressed, data)
            return
        self._create(path, data)
        if compressed:
            self._write_gzip(compressed, data)

    def _write_gzip(self, path: str, data: bytes) -> None:
        packed = _gzip(data)
        hashed = digest(packed)
        self._add(path, hashed)
        if hashed != self._live.get(path):
            self._create(path, packed)

    def _create(self, path: str, data: bytes) -> None:
        self.changed.add(path)
        folder = path.rpartition("/")[0]
        if folder not in self._folders:  # made once, rather than found missing by a failed open
            os.makedirs(f"{self._staging}/{folder}", exist_ok=True)
            self._folders.add(folder)
        _create(f"{self._staging}/{path}", data)

    def keep(self, path: str) -> bool:
        """Keep the live output's file as it is, when its inputs did not change; False
        when the live output has no such file (it must then be written)."""
        hashed = self._live.get(path)
        if not hashed:
            return False
        self._add(path, hashed)
        compressed = path + ".gz"
        if compressed in self._live:
            self._add(compressed, self._live[compressed])
        return True

    def _add(self, path: str, hashed: str) -> None:
        if path in self.written:
            raise ValueError(f"{path} is written twice in one build")
        self.written[path] = hashed
        self.on_write()

    def adopt(self, written: dict[str, str], changed: set[str]) -> None:
        """Files another process wrote into the same staging folder."""
        for path in written.keys() & self.written.keys():
            raise ValueError(f"{path} is written twice in one build")
        self.written.update(written)
        self.changed |= changed

    def live_files(self, prefix: str) -> list[str]:
        """The live output's files under `prefix` (by the manifest), sorted."""
        return sorted(p for p in self._live if p.startswith(prefix))

    def is_known(self, path: str) -> bool:
        """Whether the live output's file has known bytes (not one a stopped build was moving in)."""
        return bool(self._live.get(path))

    def expected_files(self) -> int:
        """How many files the last build wrote: the best guess of this one's."""
        return len(self._live)

    def commit(self) -> list[str]:
        """Put this build's files live. Returns the paths removed from the live output."""
        removed = sorted(self._live.keys() - self.written.keys())
        manifest = {"files": dict(sorted(self.written.items()))}
        if not self.target.is_dir():
            _write(self.staging / MANIFEST, manifest)
            os.rename(self.staging, self.target)
        elif len(self.changed) + len(removed) > SWAP_SHARE * max(len(self.written), 1):
            self._swap_folders(manifest)
        else:
            self._move_files(manifest, removed)
        return removed

    def _move_files(self, manifest: dict, removed: list[str]) -> None:
        with _signals_held():
            _write(self.target / MOVING, {"files": dict.fromkeys(sorted(self.changed | set(removed)), "")})
            for path in sorted(self.changed):
                try:
                    os.replace(self.staging / path, self.target / path)
                except FileNotFoundError:  # a new folder
                    os.makedirs((self.target / path).parent, exist_ok=True)
                    os.replace(self.staging / path, self.target / path)
            for path in removed:
                file = self.target / path
                if file.is_file() or file.is_symlink():
                    file.unlink()
                _remove_empty_parents(file.parent, self.target)
            _write(self.target / MANIFEST, manifest)
            os.unlink(self.target / MOVING)
        shutil.rmtree(self.staging)  # its empty folders

    def _swap_folders(self, manifest: dict) -> None:
        ours = self._live.keys() | self.written.keys() | {MANIFEST, MOVING}
        for path in [p for p in self.written if p not in self.changed] + _files_under(self.target, ours):
            _link(self.target / path, self.staging / path)  # unchanged, and someone else's files
        _write(self.staging / MANIFEST, manifest)
        _swap(self.staging, self.target)
        shutil.rmtree(self.staging)  # now the old site

    def abort(self) -> None:
        """The live output stays as it was."""
        shutil.rmtree(self.staging, ignore_errors=True)


def _create(path: str, data: bytes) -> None:
    """A new file with the data: three system calls (open() also asks whether the
    file is a terminal and where it stands, on each of thousands of files)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)  # as open(): the umask decides
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view):]
    finally:
        os.close(descriptor)


@contextmanager
def _signals_held():
    """Interrupts wait until the files are moved (a build's last milliseconds)."""
    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _write(path: Path, manifest: dict) -> None:
    """The manifest, replaced in one rename."""
    temporary = path.with_name(f".{path.name}.new")
    temporary.write_bytes((json.dumps(manifest, indent=0) + "\n").encode())  # its files come sorted
    os.replace(temporary, path)


def _files_under(root: Path, ours: set[str]) -> list[str]:
    """Files in the live output that no build of ours wrote."""
    found = []
    folders = [""]
    while folders:  # scandir knows each entry's kind without a stat
        folder = folders.pop()
        with os.scandir(os.path.join(root, folder)) as entries:
            for entry in entries:
                path = f"{folder}/{entry.name}" if folder else entry.name
                if entry.is_dir(follow_symlinks=False):
                    folders.append(path)
                elif path not in ours:
                    found.append(path)
    return sorted(found)


def _link(source: Path, target: Path) -> None:
    """target, which does not exist yet, becomes a hard link to source (a symbolic
    link is copied as one)."""
    try:
        _link_once(source, target)
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
        _link_once(source, target)


def _link_once(source: Path, target: Path) -> None:
    if source.is_symlink():
        os.symlink(os.readlink(source), target)
    else:
        os.link(source, target)


def _read_manifest(path: Path) -> dict | None:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(files, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
        return None
    return manifest


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
