"""The files of a content folder: walked once, and only what is really inside it.

A symbolic link that leads outside the folder (to /etc, to another site), a
link to a folder, or something that is not a regular file (a pipe would block
the build for ever) is an error, never read."""
from __future__ import annotations

import os
from pathlib import Path

from ..messages import Message
from .problems import Problems


def content_files(root: Path, problems: Problems) -> list[Path]:
    """Every regular file under root (as paths under root's real path), sorted;
    hidden files and folders (`.git`) are skipped."""
    inside = root.resolve()
    found: list[str] = []
    # walked from its real path: entries' paths are then real too, without a resolve() each;
    # scandir's entries know their kind without a stat each
    folders = [str(inside)]
    while folders:
        folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_symlink():
                    path = Path(entry.path)
                    if _check_link(path, inside, problems, folder_link=path.is_dir()) and path.is_file():
                        found.append(entry.path)
                elif entry.is_dir():
                    folders.append(entry.path)
                elif entry.is_file():
                    found.append(entry.path)
                else:
                    problems.error(entry.path, 1, Message("this is not a regular file (a device, a pipe or a socket); "
                                                          "remove it"))
    return [Path(path) for path in sorted(found)]


def _check_link(path: Path, inside: Path, problems: Problems, folder_link: bool = False) -> bool:
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # missing target, or a loop of links
        problems.error(path, 1, Message("this link leads to nothing; remove it or put the real file here"))
        return False
    if not target.is_relative_to(inside):
        problems.error(path, 1, Message("this link leads outside the content folder (to {target}); "
                                        "put the file itself in the content folder", target=target))
        return False
    if folder_link:
        problems.error(path, 1, Message("links to folders are not followed; move the folder here instead"))
        return False
    return True

