"""Reading one entry file: YAML front matter (with line numbers) and a Markdown body."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..messages import Message
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


def _shape_problem(root: yaml.Node, first_line: int) -> tuple[int | None, Message] | None:
    """Anchors and aliases (`&a`, `*a`), deep nesting and huge trees are refused
    before any value is built: walking them would take exponential time."""
    seen: set[int] = set()
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            return None, Message("YAML anchors and aliases (`&name`, `*name`) are not allowed; write the value out")
        seen.add(id(node))
        if depth > MAX_DEPTH:
            return _line_of(node, first_line), Message("the value is nested more than {depth} levels deep", depth=MAX_DEPTH)
        if len(seen) > MAX_NODES:
            return _line_of(node, first_line), Message("the front matter has more than {count} values", count=MAX_NODES)
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


_FIELD_LINE = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*:\s*(.*)$")


def _syntax_message(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, Message]:
    """A YAML syntax error in plain words, at the line where the editor should look
    (0-based, within `text`): what YAML's own message means for front matter."""
    problem = exc.problem or exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line if mark else 0
    lines = text.split("\n")
    here = lines[line] if line < len(lines) else ""
    opened = exc.context_mark.line if exc.context_mark else line
    field = _FIELD_LINE.match(here)
    if "\t" in here and ("tab" in problem or "cannot start any token" in problem):
        return line, Message("this line is indented with a tab; indent with spaces")
    if problem.startswith("mapping values are not allowed"):
        if field and ": " in field[2] + " ":
            return line, Message("put the {field} in quotes: it contains a colon, e.g. {field}: \"{example}\"",
                                 field=field[1], example=field[2].strip("\"'"))
        return line, Message("this line is indented more than the field above it; fields start at the left edge")
    if problem.startswith("found character that cannot start any token") and field and field[2][:1]:
        return line, Message("a value cannot start with `{char}`; put it in quotes, e.g. {field}: \"{example}\"",
                             char=field[2][0], field=field[1], example=field[2])
    if "end of stream" in problem and "quoted" in (exc.context or ""):
        return opened, Message("a quote opened on this line is never closed")
    if problem == "did not find expected key":
        return line, Message("text follows a closing quote: quote the whole value, and write an apostrophe inside "
                             "'single quotes' twice ('') or use \"double quotes\"")
    if problem in ("did not find expected ',' or ']'", "did not find expected ',' or '}'"):
        bracket = "[" if problem.endswith("']'") else "{"
        return opened, Message("a `{bracket}` opened on this line is never closed, or an item in it needs quotes",
                               bracket=bracket)
    if problem == "did not find expected node content":
        return line, Message("a value is cut off here: is a `[`, `{{` or a quote left open?")
    if problem == "did not find expected '-' indicator":
        return line, Message("the items of a list must line up, each starting with `-` at the same indentation")
    if problem == "found unknown escape character":
        return line, Message("a backslash (\\) in \"double quotes\" starts an escape; use 'single quotes' or write \\\\")
    if problem == "could not find expected ':'":
        return opened, Message("a field needs a colon and a space after its name, e.g. `start: 2026-05-01`")
    if problem == "found undefined alias" or "anchor" in (exc.context or ""):
        return line, Message("`*` and `&` have a meaning in YAML; put the value in quotes")
    if problem.startswith("could not determine a constructor for the tag"):
        return line, Message("`!` starts a YAML tag, and tags are not allowed; put the value in quotes")
    if "block scalar" in (exc.context or ""):
        return line, Message("`|` and `>` start a block of text in YAML; put the value in quotes")
    return line, Message("YAML syntax: {problem}", problem=problem)


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
            problems.error(path, _line_of(node, first_line), Message("front matter must be a list of `field: value` lines"))
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
                problems.error(path, line, Message("field name {key!r} is not text", key=key))
                continue
            if key in result:
                problems.error(path, line, Message("`{key}` is given twice (first on line {first})", key=key, first=result[key].line))
                continue
            try:
                value = loader.construct_object(value_node, deep=True)
            except (ValueError, TypeError, OverflowError) as exc:
                problems.error(path, line, Message("`{key}`: {problem}", key=key, problem=str(exc)))
                continue
            forbidden = _forbidden_character(value)
            if forbidden:
                problems.error(path, line, Message("`{key}`: contains an invisible control character (U+{code:04X}); "
                                                   "remove it", key=key, code=ord(forbidden)))
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
        line, message = _syntax_message(exc, text)
        problems.error(path, line + first_line, message)
        return None
    except yaml.reader.ReaderError as exc:  # a character YAML refuses
        problems.error(path, first_line + text[: exc.position].count("\n"),
                       Message("the file contains an invisible control character (U+{code:04X}); delete it",
                               code=exc.character if isinstance(exc.character, int) else 0))
        return None
    except yaml.YAMLError as exc:
        problems.error(path, first_line, Message("YAML syntax: {problem}", problem=str(exc)))
        return None
    finally:
        loader.dispose()


# Files this process has read, with their size, times and inode: in one process
# (`dostyq serve`), a file whose stat did not change is not read again.
_READ: dict[Path, tuple[tuple, bytes]] = {}


def read_bytes(path: Path, problems: Problems) -> bytes | None:
    """The file's bytes, unless it is too large to be an entry (refused before
    reading: it could be gigabytes) or cannot be read."""
    try:
        stat = os.stat(path)
        state = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
        known = _READ.get(path)
        if known is not None and known[0] == state:  # `dostyq serve` reads the same files again and again
            return known[1]
        if stat.st_size > MAX_FILE_BYTES:
            problems.error(path, 1, Message("the file is {size} kB; an entry may be at most {limit} kB",
                                            size=stat.st_size // 1000, limit=MAX_FILE_BYTES // 1000))
            return None
        with open(path, "rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
        if len(raw) <= MAX_FILE_BYTES:
            _READ[path] = (state, raw)
        return raw
    except OSError as exc:
        problems.error(path, 1, Message("cannot read the file: {reason}", reason=exc.strerror))
        return None


def read_source(path: Path, raw: bytes, problems: Problems) -> SourceFile | None:
    """Read a Markdown entry from its bytes; report (and return None) when it cannot be read."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(path, line, Message("the file is not UTF-8 text; save it as UTF-8"))
        return None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    forbidden = FORBIDDEN_CHARACTER.search(text)
    if forbidden:
        problems.error(path, text[: forbidden.start()].count("\n") + 1,
                       Message("the file contains an invisible control character (U+{code:04X}); delete it",
                               code=ord(forbidden[0])))
        return None
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.error(path, 1, Message("the file must start with a `---` line opening the front matter"))
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        problems.error(path, 1, Message("the front matter opened on line 1 is never closed with a `---` line"))
        return None
    fields = load_yaml_mapping("\n".join(lines[1:end]), path, 2, problems)
    if fields is None:
        return None
    body = lines[end + 1 :]
    blank = next((i for i, line in enumerate(body) if line.strip()), len(body))
    return SourceFile(path, fields, "\n".join(body).strip("\n") + "\n", end + 2 + blank)
