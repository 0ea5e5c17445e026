"""Entry files as editors would write them by hand: front matter in plain YAML,
then the text. Nothing is ever overwritten by `new`."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any, Iterable

_PLAIN = re.compile(r"^[a-z0-9][a-z0-9\-]*$")  # ids and keywords read the same unquoted


def yaml_value(value: Any) -> str:
    """One value in YAML that reads back as the same value: text in double quotes
    (JSON strings are YAML), dates bare, lists of ids in brackets."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        return f'"{value:%Y-%m-%d %H:%M}"'
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    text = str(value)
    return text if _PLAIN.match(text) and text not in ("true", "false", "null", "yes", "no", "on", "off") \
        else json.dumps(text, ensure_ascii=False)


def entry_text(fields: Iterable[tuple[str, Any]], body: str = "") -> str:
    lines = ["---", *(f"{name}: {yaml_value(value)}" for name, value in fields if value not in (None, "", [], ())), "---"]
    return "\n".join(lines) + "\n" + (f"\n{body.strip()}\n" if body.strip() else "")


def write_new(path: Path, text: str) -> None:
    """Create the file; an existing one is never replaced (FileExistsError)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as f:
        f.write(text)


_ID_LINE = re.compile(r"^id:\s*[\"']?([a-z0-9\-]+)", re.MULTILINE)


def taken_names(folder: Path) -> set[str]:
    """Every slug (file name) and `id` used under folder: a new entry takes neither."""
    taken = set()
    if folder.is_dir():
        for path in folder.rglob("*.md"):
            taken.add(path.name.split(".", 1)[0])
            head = path.read_text(encoding="utf-8", errors="replace")[:4000]
            taken.update(_ID_LINE.findall(head.split("\n---", 1)[0]))
    return taken


_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


def split_entry(text: str) -> tuple[list[tuple[str, str]], str]:
    """An entry's front matter as (field, its lines as written) in order, and its
    body; a field's lines include its indented or list continuation lines."""
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        return [], text
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        return [], text
    chunks: list[tuple[str, str]] = []
    for line in lines[1:end]:
        match = _TOP_KEY.match(line)
        if match:
            chunks.append((match[1], line))
        elif chunks:
            chunks[-1] = (chunks[-1][0], chunks[-1][1] + "\n" + line)
    return chunks, "\n".join(lines[end + 1:]).strip("\n")


def merged_entry_text(fields: list[tuple[str, Any]], body: str, old_text: str, owned: set[str]) -> str:
    """The new fields and text over an old file: fields it owns take their new
    value in their old place (or at the end when new), every other field of the old
    file stays exactly as it was written, and so does the old text when there is
    no new one. The same input gives the same file, byte for byte."""
    chunks, old_body = split_entry(old_text)
    new = {name: f"{name}: {yaml_value(value)}" for name, value in fields if value not in (None, "", [], ())}
    lines = ["---"]
    for name, raw in chunks:
        if name not in owned:
            lines.append(raw)
        elif name in new:
            lines.append(new.pop(name))
    lines.extend(line for name, line in new.items() if name in owned or name not in dict(chunks))
    lines.append("---")
    body = body.strip() or old_body.strip()
    return "\n".join(lines) + "\n" + (f"\n{body}\n" if body else "")


_UID_LINE = re.compile(r"^uid:\s*(.+?)\s*$", re.MULTILINE)


def entries_by_uid(folder: Path) -> dict[str, dict[str, Path]]:
    """uid -> {language: file} for every event that has one (imported events)."""
    import yaml

    found: dict[str, dict[str, Path]] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.rglob("*.md")):
        head = path.read_text(encoding="utf-8", errors="replace").split("\n---", 1)[0]
        match = _UID_LINE.search(head)
        if not match:
            continue
        try:
            uid = yaml.safe_load(match[1])
        except yaml.YAMLError:
            continue
        stem, _, rest = path.name.partition(".")
        found.setdefault(str(uid), {})[rest.removesuffix(".md")] = path
    return found
