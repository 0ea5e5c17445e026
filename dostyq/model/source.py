"""Reading one entry file: YAML front matter (with line numbers) and a Markdown body."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import re

import yaml

from .problems import Problems

# A file this large is a mistake (a pasted document, an image as text), not an
# article; the limit also bounds the time any one file can cost a build.
MAX_FILE_BYTES = 300_000
# Front matter is a flat list of fields with small lists and maps: anything far
# deeper or larger is an attack on the parser (a "billion laughs"), not an entry.
MAX_DEPTH = 8
MAX_NODES = 5_000
# Control characters (but tab and line ends) and Unicode non-characters: invisible,
# invalid in HTML, and a way to break the feeds and JSON that carry the text.
FORBIDDEN_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")


@dataclass
class Value:
    """A front-matter value and the line it was written on."""

    value: Any
    line: int
    item_lines: list[int] = field(default_factory=list)  # for lists and maps: each item's line


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


def _shape_problem(root: yaml.Node, first_line: int) -> tuple[int | None, str] | None:
    """Anchors and aliases (`&a`, `*a`), deep nesting and huge trees are refused
    before any value is built: walking them would take exponential time."""
    seen: set[int] = set()
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            return None, "YAML anchors and aliases (`&name`, `*name`) are not allowed; write the value out"
        seen.add(id(node))
        if depth > MAX_DEPTH:
            return _line_of(node, first_line), f"the value is nested more than {MAX_DEPTH} levels deep"
        if len(seen) > MAX_NODES:
            return _line_of(node, first_line), f"the front matter has more than {MAX_NODES} values"
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend((child, depth + 1) for pair in node.value for child in pair)
    return None


def _forbidden_character(value) -> str | None:
    """A control character in any text of the value (YAML escapes such as "\\x01" make them)."""
    if isinstance(value, str):
        found = FORBIDDEN_CHARACTER.search(value)
        return found[0] if found else None
    items = value.items() if isinstance(value, dict) else value if isinstance(value, list) else ()
    for item in items:
        for part in item if isinstance(value, dict) else (item,):
            found = _forbidden_character(part)
            if found:
                return found
    return None


def _first_alias_line(text: str, first_line: int) -> int:
    """Where the first alias is used (the composed tree only knows where its anchor was)."""
    for token in yaml.scan(text, Loader=_SafeLoader):
        if isinstance(token, yaml.AliasToken):
            return token.start_mark.line + first_line
    return first_line


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
        shape = _shape_problem(node, first_line)
        if shape is not None:
            line, message = shape
            problems.error(path, line if line is not None else _first_alias_line(text, first_line), message)
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
            forbidden = _forbidden_character(value)
            if forbidden:
                problems.error(path, line, f"`{key}`: contains an invisible control character "
                                           f"(U+{ord(forbidden):04X}); remove it")
                continue
            if isinstance(value_node, yaml.SequenceNode):
                items = [_line_of(n, first_line) for n in value_node.value]
            elif isinstance(value_node, yaml.MappingNode):
                items = [_line_of(k, first_line) for k, _ in value_node.value]
            else:
                items = []
            result[key] = Value(value, line, items)
        return result
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else first_line
        problems.error(path, line, f"YAML syntax: {exc.problem or exc.context}")
        return None
    except yaml.reader.ReaderError as exc:  # a character YAML refuses, e.g. from an escape
        problems.error(path, first_line + text[: exc.position].count("\n"),
                       f"YAML: {exc.reason} (character U+{exc.character:04X})" if isinstance(exc.character, int)
                       else f"YAML: {exc.reason}")
        return None
    except yaml.YAMLError as exc:
        problems.error(path, first_line, f"YAML: {exc}")
        return None
    finally:
        loader.dispose()


def read_source(path: Path, problems: Problems) -> SourceFile | None:
    """Read a Markdown entry; report (and return None) when it cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:  # refused before reading: it could be gigabytes
            problems.error(path, 1, f"the file is {size // 1000} kB; an entry may be at most {MAX_FILE_BYTES // 1000} kB")
            return None
        raw = path.read_bytes()
    except OSError as exc:
        problems.error(path, 1, f"cannot read the file: {exc.strerror}")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(path, line, "the file is not UTF-8 text")
        return None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    forbidden = FORBIDDEN_CHARACTER.search(text)
    if forbidden:
        problems.error(path, text[: forbidden.start()].count("\n") + 1,
                       f"the file contains an invisible control character (U+{ord(forbidden[0]):04X}); delete it")
        return None
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
    body = lines[end + 1 :]
    blank = next((i for i, line in enumerate(body) if line.strip()), len(body))
    return SourceFile(path, fields, "\n".join(body).strip("\n") + "\n", end + 2 + blank)
