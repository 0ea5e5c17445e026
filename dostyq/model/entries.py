"""What events and centres share: one file per language, merged into one entry.

Per-language fields are kept per language; facts may be written in any of the
files, and where two files state a fact they must agree.
"""
from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Generic, Iterator, Mapping, NamedTuple, TypeVar

from ..config import SiteConfig
from ..messages import Message, listing
from .fields import ID_RE, Checker, Context, Invalid
from .markdown import Body, TooSlow, render
from .problems import Problems
from .source import SourceFile, read_source

T = TypeVar("T")
ENTRY_NAME = re.compile(r"^(?P<slug>[^.]+)\.(?P<lang>[^.]+)\.md$")
IGNORED_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg")


@dataclass(frozen=True)
class Shown(Generic[T]):
    """A per-language value as shown on a page: the value and the language it is in."""

    value: T
    lang: str


class Localized(Mapping[str, T]):
    """Values by language, with the fallback order of spec/content.md."""

    def __init__(self, values: Mapping[str, T], config: SiteConfig):
        self._values = {lang: values[lang] for lang in config.languages if lang in values}
        self._config = config

    @classmethod
    def with_config(cls, values: dict[str, T], config: SiteConfig) -> Localized[T]:
        """Values already in the languages' order (as `values` gives them)."""
        made = cls.__new__(cls)
        made._values, made._config = values, config
        return made

    @property
    def values_by_language(self) -> dict[str, T]:
        return self._values

    def __getitem__(self, lang: str) -> T:
        return self._values[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Localized({self._values!r})"

    def shown(self, lang: str) -> Shown[T] | None:
        for candidate in self._config.ordered_languages(lang):
            if candidate in self._values:
                return Shown(self._values[candidate], candidate)
        return None


@dataclass(frozen=True)
class Field:
    check: Checker
    per_language: bool = False
    required: bool = False  # per-language: in every file; a fact: in one of the files
    choices: Callable[[SiteConfig], tuple[str, ...]] | None = None  # named when the field is missing


@dataclass(frozen=True)
class Fact:
    value: Any
    path: Path
    line: int
    written: Any  # as the file wrote it


@dataclass
class Merged:
    """An entry's files after each value was checked; `None` values were invalid."""

    key: str
    sources: dict[str, SourceFile]  # by language, in the configured order
    facts: dict[str, Fact]
    texts: dict[str, dict[str, Any]]  # field -> language -> value

    @property
    def first(self) -> SourceFile:
        return next(iter(self.sources.values()))

    def fact(self, name: str, default: Any = None) -> Any:
        return self.facts[name].value if name in self.facts else default

    def where(self, name: str) -> tuple[Path, int]:
        """The file and line where a fact was written (or the first file's top)."""
        if name in self.facts:
            return self.facts[name].path, self.facts[name].line
        return self.first.path, 1


class EntryKey(NamedTuple):
    """An entry: its files' folder and its name (slug or id), as strings (pathlib's
    objects cost more than the rest of a large site's check)."""

    folder: str
    name: str


def find_entry_files(folder: Path, files: list[Path], config: SiteConfig,
                     problems: Problems) -> dict[EntryKey, dict[str, Path]]:
    """The language files among `files` under folder, grouped by their path without `.<lang>.md`."""
    groups: dict[EntryKey, dict[str, Path]] = {}
    prefix = f"{folder}{os.sep}"  # string tests: pathlib's would cost more than the rest on a large site
    for path in files:
        text = str(path)
        if not text.startswith(prefix) or text.lower().endswith(IGNORED_SUFFIXES):
            continue
        match = ENTRY_NAME.match(path.name)
        if not match:
            problems.error(path, 1, Message("not an entry: a file here must be named <slug>.<language>.md, "
                                            "with a language among {languages}", languages=listing(config.languages)))
            continue
        if match["lang"] not in config.languages:
            problems.error(path, 1, Message("unknown language {lang!r} in the file name; languages: {languages}",
                                            lang=match["lang"], languages=listing(config.languages)))
            continue
        if not ID_RE.match(match["slug"]):
            problems.error(path, 1, Message("the name {name!r} must be lower-case latin letters, digits and "
                                            "hyphens, e.g. nauryz-2026", name=match["slug"]))
            continue
        groups.setdefault(EntryKey(os.path.dirname(text), match["slug"]), {})[match["lang"]] = path
    return groups


def merge_entry(key: str, files: dict[str, tuple[Path, bytes]], fields: Mapping[str, Field], config: SiteConfig,
                content_root: Path, problems: Problems, dependencies: list | None = None) -> Merged | None:
    """The entry from its language files (path and bytes each); `dependencies`
    collects the other files its values were checked against (images)."""
    sources = {lang: src for lang in config.languages if lang in files
               if (src := read_source(*files[lang], problems)) is not None}
    if len(sources) != len(files):
        return None
    merged = Merged(key, sources, {}, {})
    for lang, src in sources.items():
        ctx = Context(config, content_root, src.path.parent, dependencies)
        for name, written in src.fields.items():
            spec = fields.get(name)
            if spec is None:
                close = difflib.get_close_matches(name, list(fields), n=1)
                hint = Message("; did you mean `{close}`?", close=close[0]) if close else ""
                problems.error(src.path, written.line, Message("unknown field `{name}`{hint}", name=name, hint=hint))
                continue
            try:
                value = spec.check(written.value, ctx)
            except Invalid as exc:
                problems.error(src.path, written.line, Message("`{name}`: {problem}", name=name, problem=exc.message))
                continue
            if spec.per_language:
                merged.texts.setdefault(name, {})[lang] = value
            elif name in merged.facts and merged.facts[name].value != value:
                other = merged.facts[name]
                problems.error(src.path, written.line, Message(
                    "`{name}` is {here} here but {there} in {path}:{line}; the files must agree", name=name,
                    here=_shown(written.value), there=_shown(other.written), path=problems.show(other.path), line=other.line))
            else:
                merged.facts.setdefault(name, Fact(value, src.path, written.line, written.value))
        for name, spec in fields.items():
            if spec.per_language and spec.required and name not in src.fields:
                problems.error(src.path, 1, Message("`{name}` is missing", name=name))
    for name, spec in fields.items():
        if not spec.per_language and spec.required and name not in merged.facts:
            if not any(name in src.fields for src in sources.values()):  # not merely invalid
                choices = Message("; it is one of: {options}", options=listing(spec.choices(config))) if spec.choices else ""
                problems.error(merged.first.path, 1, Message("`{name}` is missing (give it in one of the language "
                                                             "files){choices}", name=name, choices=choices))
    return merged


def _shown(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(map(str, value)) + "]"
    return repr(str(value))


def localized(merged: Merged, name: str, config: SiteConfig) -> Localized:
    return Localized(merged.texts.get(name, {}), config)


def render_bodies(merged: Merged, problems: Problems) -> dict[str, Body] | None:
    """Each language's body as HTML and text; None when one could not be formatted."""
    bodies = {}
    for lang, src in merged.sources.items():
        if not src.body.strip():
            continue
        try:
            bodies[lang] = render(src.body)
        except TooSlow as exc:
            problems.error(src.path, src.body_line, Message("the text took more than {seconds:g} s to format: it is "
                                                            "too complex (deep nesting, thousands of brackets); "
                                                            "simplify it", seconds=exc.seconds))
            return None
    return bodies
