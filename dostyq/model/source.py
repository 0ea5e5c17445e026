"""Reading one entry file: YAML front matter (with line numbers) and a Markdown body."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problems

# A body this large is a mistake (a pasted file, an image as text), not an article.
MAX_FILE_BYTES = 1_000_000


@dataclass
class Value:
    """A front-matter value and the line it was written on."""

    value: Any
    line: int
    item_lines: list[int] = field(default_factory=list)  # for lists: each item's line


@dataclass
class SourceFile:
    path: Path
    fields: dict[str, Value]
    body: str
    body_line: int


# libyaml's parser when PyYAML was built with it: several times faster on big sites.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class EntryLoader(_SafeLoader):
    """The safe loader, except that dates stay text: the model parses them itself,
    so `2026-02-30` is a located error rather than a crash in the YAML library."""


EntryLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _line_of(node: yaml.Node, first_line: int) -> int:
    return node.start_mark.line + first_line


def load_yaml_mapping(text: str, path: Path, first_line: int, problems: Problems) -> dict[str, Value] | None:
    """Parse YAML safely, keeping the line of every top-level key (1-based, in the file)."""
    loader = EntryLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}
        if not isinstance(node, yaml.MappingNode):
            problems.error(path, _line_of(node, first_line), "front matter must be a list of `field: value` lines")
            return None
        result: dict[str, Value] = {}
        for key_node, value_node in node.value:
            line = _line_of(key_node, first_line)
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                problems.error(path, line, f"field name {key!r} is not text")
                continue
            if key in result:
                problems.error(path, line, f"`{key}` is given twice (first on line {result[key].line})")
                continue
            try:
                value = loader.construct_object(value_node, deep=True)
            except (ValueError, TypeError, OverflowError) as exc:
                problems.error(path, line, f"`{key}`: {exc}")
                continue
            items = [_line_of(n, first_line) for n in value_node.value] if isinstance(value_node, yaml.SequenceNode) else []
            result[key] = Value(value, line, items)
        return result
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else first_line
        problems.error(path, line, f"YAML syntax: {exc.problem or exc.context}")
        return None
    except yaml.YAMLError as exc:  # e.g. an unsafe tag such as !!python/object
        problems.error(path, first_line, f"YAML: {exc}")
        return None
    finally:
        loader.dispose()


def read_source(path: Path, problems: Problems) -> SourceFile | None:
    """Read a Markdown entry; report (and return None) when it cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.error(path, 1, f"cannot read the file: {exc.strerror}")
        return None
    if len(raw) > MAX_FILE_BYTES:
        problems.error(path, 1, f"the file is {len(raw) // 1000} kB; an entry may be at most {MAX_FILE_BYTES // 1000} kB")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(path, line, "the file is not UTF-8 text")
        return None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.error(path, 1, "the file must start with a `---` line opening the front matter")
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        problems.error(path, 1, "the front matter opened on line 1 is never closed with a `---` line")
        return None
    fields = load_yaml_mapping("\n".join(lines[1:end]), path, 2, problems)
    if fields is None:
        return None
    return SourceFile(path, fields, "\n".join(lines[end + 1 :]).strip("\n") + "\n", end + 2)
