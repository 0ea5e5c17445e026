"""What a build keeps for the next one, in Pelican's cache folder (`--cache-path`,
CACHE_PATH): the entries already read (by the hash of their files), the key of
every page and feed written (what it was made from), the events' VEVENTs and
the lists' cards.

It is an SQLite file, so that a build after one edit reads only the rows it
needs and writes only the rows that changed: on a site of 10 000 events a
pickle of everything took longer to write than the rest of such a build.

Two keys say when a part is still good: the model key (this code, the settings
the model reads, the build's day, the content folder) for the entries, and the
site key (that, and the theme, the other settings, places.yml) for the rest. A
different key drops the part: a new day, a new theme or a code change rebuilds
everything, which is always right. A damaged file is a cold build, never an error.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import sys
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

FILE = "dostyq-build.sqlite"
FORMAT = 2
CODE = (Path(__file__).resolve().parent, Path(__file__).resolve().parent.parent / "plugins" / "dostyq_site")
TABLES = {"files": "key TEXT PRIMARY KEY, value TEXT", "entries": "key TEXT PRIMARY KEY, value BLOB",
          "pages": "key TEXT PRIMARY KEY, value TEXT",
          "cards": "key TEXT PRIMARY KEY, value TEXT", "vevents": "key TEXT PRIMARY KEY, value BLOB",
          "meta": "key TEXT PRIMARY KEY, value TEXT"}


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
    """This program: its own files and the libraries installed with it (their
    .dist-info folders name them and their versions; reading the folder costs
    less than asking importlib.metadata about each)."""
    installed = []
    for folder in sys.path:
        try:
            installed += [name for name in os.listdir(folder or ".") if name.endswith((".dist-info", ".egg-info"))]
        except OSError:
            continue
    return key(FORMAT, files_key(*CODE), sorted(installed))


class Table:
    """One table of the cache, read whole at the first look (one query costs less
    than a query per row on every build that uses most of them)."""

    def __init__(self, cache: BuildCache, name: str, valid: bool):
        self._cache, self._name, self._valid = cache, name, valid
        self._rows: dict | None = None

    def get(self, row_key: str):
        if not self._valid:
            return None
        if self._rows is None:
            self._rows = dict(self._cache._all(self._name))
        return self._rows.get(row_key)

    def __contains__(self, row_key: str) -> bool:
        return self.get(row_key) is not None


class BuildCache:
    def __init__(self, folder: str | os.PathLike | None):
        self.folder = Path(folder) if folder else None
        self._db = _open(self.folder / FILE) if self.folder else None
        self._pid = os.getpid()
        meta = dict(self._all("meta"))
        self.model_key, self.site_key = meta.get("model_key", ""), meta.get("site_key", "")

    def query(self, sql: str, args: tuple = ()) -> tuple | None:
        db = self._connection()
        try:
            return db.execute(sql, args).fetchone() if db else None
        except sqlite3.DatabaseError:
            self._broken()
            return None

    def _all(self, table: str) -> list[tuple]:
        db = self._connection()
        try:
            return db.execute(f"SELECT key, value FROM {table}").fetchall() if db else []
        except sqlite3.DatabaseError:
            self._broken()
            return []

    def _connection(self) -> sqlite3.Connection | None:
        if self._db is not None and self._pid != os.getpid():
            # a forked worker: SQLite connections must not cross a fork
            self._db, self._pid = _open(self.folder / FILE), os.getpid()
        return self._db

    def _broken(self) -> None:
        """A damaged file: forget it; this build is a cold one."""
        self._db = None
        self.model_key = self.site_key = ""

    def files(self) -> Table:
        """The content files' hashes, by path (with their size, times and inode)."""
        return Table(self, "files", True)

    def entries(self, model_key: str) -> Table:
        return Table(self, "entries", model_key == self.model_key)

    def pages(self) -> dict[str, str]:
        """Every output file's key in the last build. Most include the site's key
        (and so match only in a build of the same site); a social card's is only
        what it shows."""
        return dict(self._all("pages"))

    def cards(self, site_key: str) -> Table:
        return Table(self, "cards", site_key == self.site_key)

    def vevents(self, site_key: str) -> Table:
        return Table(self, "vevents", site_key == self.site_key)

    def save_entries(self, model_key: str, entries: dict[str, bytes], files: dict[str, str],
                     used_entries: set[str], used_files: set[str]) -> None:
        """The parsed entries and the files' hashes, stored as soon as the content is
        read: the build need not hold both the entries and their pickled copies
        while it writes (at 20 000 events the copies are over 200 MB)."""
        if not self._writable():
            return
        try:
            with _transaction(self._db):
                if model_key != self.model_key:
                    self._db.execute("DELETE FROM entries")
                self._db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?)", entries.items())
                self._db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?)", files.items())
                self._db.execute("INSERT OR REPLACE INTO meta VALUES ('model_key', ?)", (model_key,))
            self.model_key = model_key
            self._prune("entries", used_entries)
            self._prune("files", used_files)
        except sqlite3.DatabaseError:
            self._broken()

    def save(self, site_key: str, pages: dict[str, str], new: dict[str, dict]) -> None:
        """This build's output keys and new rows (`new`: table -> rows), and the end
        of the rows of another site key."""
        if not self._writable():
            return
        try:
            with _transaction(self._db):
                if site_key != self.site_key:
                    for table in ("cards", "vevents"):
                        self._db.execute(f"DELETE FROM {table}")
                for table, rows in new.items():
                    self._db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", rows.items())
                old = dict(self._all("pages"))
                self._db.executemany("DELETE FROM pages WHERE key = ?", [(p,) for p in old.keys() - pages.keys()])
                self._db.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?)",
                                     [(p, k) for p, k in pages.items() if old.get(p) != k])
                self._db.execute("INSERT OR REPLACE INTO meta VALUES ('site_key', ?)", (site_key,))
            self.site_key = site_key
        except sqlite3.DatabaseError:
            self._broken()

    def _writable(self) -> bool:
        """A connection to write with; a damaged file is replaced by an empty one."""
        if self._db is None:
            if self.folder is None:
                return False
            (self.folder / FILE).unlink(missing_ok=True)
            self._db = _open(self.folder / FILE)
        return self._db is not None

    def _prune(self, table: str, used: set[str]) -> None:
        """Rows of files that no longer exist, once they are half the table."""
        (count,) = self.query(f"SELECT count(*) FROM {table}") or (0,)
        if count > 2 * len(used) + 100:
            with _transaction(self._db):
                self._db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
                self._db.executemany("INSERT INTO used VALUES (?)", [(k,) for k in used])
                self._db.execute(f"DELETE FROM {table} WHERE key NOT IN (SELECT key FROM used)")
                self._db.execute("DROP TABLE used")


@contextmanager
def _transaction(db: sqlite3.Connection):
    """One transaction (the connection is in autocommit mode, where `with db`
    alone would make each statement its own, with its own journal)."""
    db.execute("BEGIN")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _open(path: Path) -> sqlite3.Connection | None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        # a cache: losing it to a crash costs one cold build, so no waiting for the disk
        db.execute("PRAGMA journal_mode = TRUNCATE")
        db.execute("PRAGMA synchronous = OFF")
        for table, columns in TABLES.items():
            db.execute(f"CREATE TABLE IF NOT EXISTS {table} ({columns})")
        if db.execute("PRAGMA user_version").fetchone()[0] != FORMAT:
            for table in TABLES:
                db.execute(f"DELETE FROM {table}")
            db.execute(f"PRAGMA user_version = {FORMAT}")
        return db
    except (sqlite3.DatabaseError, OSError):
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass
        return None


def load(folder: str | os.PathLike | None) -> BuildCache:
    """The cache in folder; one per folder and process (`dostyq serve` builds again
    and again in one process, with the connection open)."""
    if not folder:
        return BuildCache(None)
    folder = os.path.abspath(folder)
    cache = _OPEN.get(folder)
    if cache is None or cache._db is None:
        cache = _OPEN[folder] = BuildCache(folder)
    return cache


_OPEN: dict[str, BuildCache] = {}


def loads(value: bytes):
    return pickle.loads(value)


def dumps(value) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
