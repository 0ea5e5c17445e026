"""The content model: entry files -> checked, plain objects.

    content = load_content(Path("content"), SiteConfig())

raises ContentError with every problem found; `check_content` returns the
problems (errors and warnings) without raising, for the editors' checker.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config import SiteConfig
from .centers import CENTER_FIELDS, KINDS, Center, build_center
from .entries import Localized, Merged, Shown, find_entry_files, merge_entry
from .events import EVENT_FIELDS, STATUSES, Event, build_event
from .places import Place, load_places
from .problems import ContentError, Problem, Problems

__all__ = ["Center", "Content", "ContentError", "Event", "KINDS", "Localized", "Place", "Problem",
           "STATUSES", "Shown", "check_content", "load_content"]


@dataclass(frozen=True)
class Content:
    events: tuple[Event, ...]  # published, by start then slug
    drafts: tuple[Event, ...]
    centers: dict[str, Center]  # by id, in list order (`order`, then name)
    places: dict[str, Place]
    root: Path


def check_content(root: Path, config: SiteConfig, display_root: Path | None = None) -> tuple[Content, Problems]:
    problems = Problems(display_root if display_root is not None else Path.cwd())
    if not root.is_dir():
        problems.error(root, 1, "the content folder does not exist")
        return Content((), (), {}, {}, root), problems
    places = load_places(root / "places.yml", config, problems)
    _check_stray_files(root, problems)

    centers: dict[str, Center] = {}
    written: dict[str, Merged] = {}
    for key, files in find_entry_files(root / "centers", config, problems).items():
        if key.parent != root / "centers":
            problems.error(next(iter(files.values())), 1, "centre files belong directly in centers/, not in a sub-folder")
            continue
        merged = merge_entry(key.name, files, CENTER_FIELDS, config, root, problems)
        if merged is not None:
            centers[key.name] = build_center(merged, config)
            written[key.name] = merged
    for center in centers.values():
        _check_center_links(center, written[center.id], centers, places, problems)

    events: list[Event] = []
    seen_slugs: dict[str, str] = {}
    seen_ids: dict[str, str] = {}
    for key, files in find_entry_files(root / "events", config, problems).items():
        first = problems.show(next(iter(files.values())))
        if key.name in seen_slugs:
            problems.error(first, 1, f"the slug `{key.name}` is already used by {seen_slugs[key.name]}; slugs must be unique")
            continue
        seen_slugs[key.name] = first
        merged = merge_entry(key.name, files, EVENT_FIELDS, config, root, problems)
        if merged is None:
            continue
        event = build_event(merged, config, problems)
        if event is None:
            continue
        if event.id in seen_ids:
            problems.error(*merged.where("id"), f"the id `{event.id}` is already used by {seen_ids[event.id]}; ids must be unique")
            continue
        seen_ids[event.id] = first
        for center_id in event.centers:
            if center_id not in centers:
                problems.error(*merged.where("centers"), f"unknown centre `{center_id}`: there is no centers/{center_id}.<lang>.md")
        if event.place and event.place not in places:
            problems.error(*merged.where("place"), f"unknown place `{event.place}`: it is not in places.yml")
        events.append(event)

    for entry in [*centers.values(), *events]:
        for lang in config.languages:
            if lang not in entry.files:
                first = next(iter(entry.files.values()))
                stem = problems.show(first).rsplit(".", 2)[0]
                problems.warn(first, 1, f"no {lang} translation ({stem}.{lang}.md)")

    events.sort(key=lambda e: (_sort_key(e.start), e.slug))
    ordered = sorted(centers.values(), key=lambda c: (c.order is None, c.order or 0, _name_key(c, config), c.id))
    content = Content(tuple(e for e in events if not e.draft), tuple(e for e in events if e.draft),
                      {c.id: c for c in ordered}, places, root)
    return content, problems


def load_content(root: Path, config: SiteConfig, display_root: Path | None = None) -> Content:
    content, problems = check_content(root, config, display_root)
    if problems:
        raise ContentError(problems.errors)
    return content


ENTRY_FOLDERS = ("events", "centers")


def _check_stray_files(root: Path, problems: Problems) -> None:
    """Markdown or YAML outside the folders the site reads would silently be left out."""
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if not path.is_file() or relative.parts[0] in ENTRY_FOLDERS or path.name.startswith("."):
            continue
        if path.suffix.lower() in (".md", ".markdown", ".yml", ".yaml") and relative != Path("places.yml"):
            problems.error(path, 1, "the site does not read this file: events go in events/, centres in "
                                    "centers/, places in places.yml")


def _name_key(center: Center, config: SiteConfig) -> str:
    name = center.name.shown(config.default_language)
    return name.value.casefold() if name else center.id


def _sort_key(moment):
    import datetime as dt

    return moment if isinstance(moment, dt.datetime) else dt.datetime.combine(moment, dt.time())


def _check_center_links(center: Center, merged: Merged, centers: dict[str, Center], places: dict[str, Place],
                        problems: Problems) -> None:
    if center.place and center.place not in places:
        problems.error(*merged.where("place"), f"unknown place `{center.place}`: it is not in places.yml")
    if center.parent is None:
        return
    if center.parent not in centers:
        problems.error(*merged.where("parent"), f"unknown parent centre `{center.parent}`: there is no centers/{center.parent}.<lang>.md")
        return
    seen = {center.id}
    parent = center.parent
    while parent is not None and parent in centers:
        if parent in seen:
            problems.error(*merged.where("parent"), f"`parent` makes a loop: {center.id} is inside itself")
            return
        seen.add(parent)
        parent = centers[parent].parent
