"""Checking a whole content folder: every file, every rule, every reference.

    content, problems = check_content(Path("content"), SiteConfig())

collects every problem before it reports, so an editor sees all of them at once;
the build, the editors' checker and the tests all call it.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from dataclasses import dataclass, replace
from pathlib import Path

from ..config import SiteConfig
from .cache import CachedEntry, EntryCache, dumps
from .centers import CENTER_FIELDS, Center, build_center
from .entries import EntryKey, Localized, find_entry_files, merge_entry
from .events import EVENT_FIELDS, Event, build_event
from ..messages import Message
from .fields import did_you_mean
from .files import content_files
from .places import Place, Places, load_places
from .problems import ContentError, Problems
from .source import read_bytes

ENTRY_FOLDERS = ("events", "centers")
PLACES_FILE = "places.yml"


@dataclass(frozen=True)
class Content:
    events: tuple[Event, ...]  # published, by start then slug
    drafts: tuple[Event, ...]
    centers: dict[str, Center]  # by id, in list order (`order`, then name)
    places: dict[str, Place]
    cities: dict[str, Localized[str]]
    districts: dict[str, Localized[str]]
    root: Path


def check_content(root: Path, config: SiteConfig, display_root: Path | None = None,
                  cache: EntryCache | None = None) -> tuple[Content, Problems]:
    """The content and every problem in it. With a cache, entries whose files did
    not change since it was filled are taken from it instead of parsed again."""
    problems = Problems(display_root if display_root is not None else Path.cwd())
    if not root.is_dir():
        problems.error(root, 1, Message("the content folder does not exist"))
        return Content((), (), {}, {}, {}, {}, root), problems
    files = content_files(root, problems)
    root = root.resolve()
    places_file = root / PLACES_FILE
    book = load_places(places_file if places_file in files else None, config, problems)
    _check_stray_files(root, files, problems)

    cache = cache if cache is not None else EntryCache(config)
    center_groups = find_entry_files(root / "centers", files, config, problems)
    centers_folder = str(root / "centers")
    event_groups = find_entry_files(root / "events", files, config, problems)
    tasks: dict[EntryKey, tuple | None] = {}  # group -> (kind, key, cache key, files)
    for kind, groups in (("center", center_groups), ("event", event_groups)):
        for key, group in groups.items():
            if kind == "center" and key.folder != centers_folder:
                continue
            cache_key = _key(kind, key, group, root, problems, cache)
            tasks[key] = (kind, key, cache_key, group) if cache_key else None
    _parse_in_parallel([t for t in tasks.values() if t and not cache.has(t[2])], root, config, cache)

    centers: dict[str, Center] = {}
    center_where: dict[str, CachedEntry] = {}
    broken: set[str] = set()  # centres with errors of their own: no "unknown centre" for them too
    for key, group in center_groups.items():
        if key.folder != centers_folder:
            problems.error(next(iter(group.values())), 1, Message("centre files belong directly in centers/, not in a sub-folder"))
            continue
        entry = _entry(tasks[key], root, config, problems, cache)
        if entry is not None and entry.built is not None:
            centers[key.name] = entry.built
            center_where[key.name] = entry
        else:
            broken.add(key.name)
    for center in centers.values():
        _check_center_links(center, center_where[center.id], centers, broken, book, problems)
    alias_owners: list[tuple[Center | Event, object]] = [(c, _where(center_where[c.id])) for c in centers.values()]

    events: list[Event] = []
    seen_slugs: dict[str, str] = {}
    seen_ids: dict[str, str] = {}
    seen_uids: dict[str, str] = {}
    for key, group in event_groups.items():
        first = problems.show(next(iter(group.values())))
        if key.name in seen_slugs:
            problems.error(first, 1, Message("the slug `{slug}` is already used by {other}; slugs must be unique",
                                             slug=key.name, other=seen_slugs[key.name]))
            continue
        seen_slugs[key.name] = first
        entry = _entry(tasks[key], root, config, problems, cache)
        if entry is None or entry.built is None:
            continue
        event: Event = entry.built
        where = _where(entry)
        if event.id in seen_ids:
            problems.error(*where("id"), Message("the id `{id}` is already used by {other}; ids must be unique",
                                                 id=event.id, other=seen_ids[event.id]))
            continue
        seen_ids[event.id] = first
        if event.uid is not None:
            if event.uid in seen_uids:
                problems.error(*where("uid"), Message("the uid {uid!r} is already used by {other}; uids must be "
                                                      "unique", uid=event.uid, other=seen_uids[event.uid]))
                continue
            seen_uids[event.uid] = first
        for center_id in event.centers:
            if center_id not in centers and center_id not in broken:
                problems.error(*where("centers"), Message(
                    "unknown centre `{id}`: there is no centers/{id}.<lang>.md{hint}", id=center_id,
                    hint=did_you_mean(center_id, [*centers, *broken])))
        _check_place(event.place, where, book, problems)
        events.append(event)
        if not event.draft:
            alias_owners.append((event, where))
    _check_aliases(alias_owners, config, problems)

    for entry in [*centers.values(), *events]:
        for lang in config.languages:
            if lang not in entry.files:
                first = next(iter(entry.files.values()))
                stem = problems.show(first).rsplit(".", 2)[0]
                problems.warn(first, 1, Message("no {lang} translation ({stem}.{lang}.md)", lang=lang, stem=stem))

    events.sort(key=lambda e: (_sort_key(e.start), e.slug))
    ordered = sorted(centers.values(), key=lambda c: (c.order is None, c.order or 0, _name_key(c, config), c.id))
    content = Content(tuple(e for e in events if not e.draft), tuple(e for e in events if e.draft),
                      {c.id: c for c in ordered}, book.places, book.cities, book.districts, root)
    return content, problems


def load_content(root: Path, config: SiteConfig, display_root: Path | None = None) -> Content:
    content, problems = check_content(root, config, display_root)
    if problems:
        raise ContentError(problems.errors)
    return content


def _check_stray_files(root: Path, files: list[Path], problems: Problems) -> None:
    """Markdown or YAML outside the folders the site reads would silently be left out."""
    prefix = os.path.join(root, "")
    for path in files:
        relative = str(path)[len(prefix):]
        if relative.split(os.sep, 1)[0] in ENTRY_FOLDERS or relative == PLACES_FILE:
            continue
        if path.suffix.lower() in (".md", ".markdown", ".yml", ".yaml"):
            problems.error(path, 1, Message("the site does not read this file: events go in events/, centres in "
                                            "centers/, places in places.yml"))


def _key(kind: str, key: EntryKey, group: dict[str, Path], root: Path, problems: Problems,
         cache: EntryCache) -> str | None:
    """The entry's cache key; None when one of its files cannot be read."""
    files = {}
    for lang, path in group.items():
        hashed = cache.file_hash(path, problems)
        if hashed is None:
            return None
        files[lang] = (path, hashed)
    return EntryCache.key(kind, os.path.relpath(key.folder, root) + "/" + key.name, files)


def _parse(task: tuple, root: Path, config: SiteConfig, problems: Problems) -> CachedEntry:
    """An entry read from its files, with the problems found in them."""
    kind, key, fingerprint, group = task
    dependencies: list = []
    built = merged = None
    with problems.recording() as recorded:
        files = {lang: (path, read_bytes(path, problems)) for lang, path in group.items()}
        if all(raw is not None for _, raw in files.values()):
            fields = CENTER_FIELDS if kind == "center" else EVENT_FIELDS
            merged = merge_entry(key.name, files, fields, config, root, problems, dependencies)
        if merged is not None:
            built = (build_center if kind == "center" else build_event)(merged, config, problems)
    if built is not None:
        built = replace(built, fingerprint=fingerprint)
    where = {name: (str(fact.path), fact.line) for name, fact in merged.facts.items()} if merged else {}
    first = str(next(iter(group.values())))
    return CachedEntry(built, where, first, recorded, tuple(dependencies))


def _entry(task: tuple | None, root: Path, config: SiteConfig, problems: Problems,
           cache: EntryCache) -> CachedEntry | None:
    """One entry, from the cache (its problems replayed) or from its files."""
    if task is None:
        return None
    cached = cache.get(task[2])
    if cached is not None:
        problems.replay(cached.problems)
        return cached
    entry = _parse(task, root, config, problems)
    cache.put(task[2], entry)
    return entry


def _parse_in_parallel(tasks: list[tuple], root: Path, config: SiteConfig, cache: EntryCache) -> None:
    """Entries not in the cache, parsed by forked workers on every core when there
    are many (a cold build of a large site), and put in the cache for the loops."""
    workers = min(os.cpu_count() or 1, 8)
    if workers < 2 or len(tasks) < PARALLEL_FROM:
        return
    global _TASKS
    _TASKS = (tasks, root, config)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for results in pool.map(_parse_chunk, range(workers)):
                cache.new.update(results)
    finally:
        _TASKS = None


PARALLEL_FROM = 300
_TASKS: tuple | None = None


def _parse_chunk(part: int) -> dict[str, bytes]:
    tasks, root, config = _TASKS
    workers = min(os.cpu_count() or 1, 8)
    return {task[2]: dumps(_parse(task, root, config, Problems())) for task in tasks[part::workers]}


def _where(entry: CachedEntry):
    """Where a fact of the entry was written (or the top of its first file)."""
    return lambda name: entry.where.get(name, (entry.first, 1))


def _check_aliases(owners: list[tuple[Center | Event, object]], config: SiteConfig, problems: Problems) -> None:
    """An old address (`aliases`) may lead to one page only, and never be a live one:
    the page of a published event or centre, in any language."""
    from .. import urls

    languages = config.languages
    live: dict[str, str] = {}
    for entry, where in owners:
        section = "events" if isinstance(entry, Event) else "centers"
        name = entry.slug if isinstance(entry, Event) else entry.id
        for lang in languages:
            live[f"{lang}/{section}/{name}/"] = problems.show(next(iter(entry.files.values())))
    taken: dict[str, tuple[str, int]] = {}
    for entry, where in owners:
        section = "events" if isinstance(entry, Event) else "centers"
        path, line = where("aliases")
        for alias in entry.aliases:
            for _, address in urls.alias_addresses(alias, section, languages):
                if address in live:
                    problems.error(path, line, Message(
                        "`aliases`: /{address} is the address of a live page ({other}); an old address cannot "
                        "lead to another page", address=address, other=live[address]))
                    break
                if address in taken:
                    other_path, other_line = taken[address]
                    problems.error(path, line, Message(
                        "`aliases`: /{address} is already an old address of {other}:{other_line}; it can lead to "
                        "one page only", address=address, other=problems.show(other_path), other_line=other_line))
                    break
                taken[address] = (path, line)


def _check_place(place_id: str | None, where, book: Places, problems: Problems) -> None:
    if place_id and place_id not in book.places and place_id not in book.broken:
        problems.error(*where("place"), Message("unknown place `{id}`: it is not in places.yml{hint}", id=place_id,
                                                       hint=did_you_mean(place_id, [*book.places, *book.broken])))


def _name_key(center: Center, config: SiteConfig) -> str:
    name = center.name.shown(config.default_language)
    return name.value.casefold() if name else center.id


def _sort_key(moment: dt.date | dt.datetime) -> dt.datetime:
    return moment if isinstance(moment, dt.datetime) else dt.datetime.combine(moment, dt.time())


def _check_center_links(center: Center, entry: CachedEntry, centers: dict[str, Center], broken: set[str],
                        book: Places, problems: Problems) -> None:
    where = _where(entry)
    _check_place(center.place, where, book, problems)
    if center.parent is None:
        return
    if center.parent not in centers:
        if center.parent in broken:
            return
        problems.error(*where("parent"), Message(
            "unknown parent centre `{id}`: there is no centers/{id}.<lang>.md{hint}", id=center.parent,
            hint=did_you_mean(center.parent, centers)))
        return
    seen = {center.id}
    parent = center.parent
    while parent is not None and parent in centers:
        if parent in seen:
            problems.error(*where("parent"), Message("`parent` makes a loop: {id} is inside itself", id=center.id))
            return
        seen.add(parent)
        parent = centers[parent].parent
