"""Problems found in content, collected so an editor sees all of them at once."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..messages import Gettext, Message


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: Message
    warning: bool = False
    key: tuple = field(init=False, repr=False, compare=False)  # order: by file, line, then words

    def __post_init__(self):
        object.__setattr__(self, "key", (self.path, self.line, str(self.message)))

    def text(self, gettext: Gettext | None = None, warning_word: str = "warning") -> str:
        kind = f"{warning_word}: " if self.warning else ""
        return f"{self.path}:{self.line}: {kind}{self.message.render(gettext)}"

    def __str__(self) -> str:
        return self.text()


class Problems:
    """Collects located errors and warnings; paths are shown as the editor typed them."""

    def __init__(self, display_root: Path | None = None):
        self._items: list[Problem] = []
        self._display_root = display_root

    def show(self, path: Path | str) -> str:
        path = Path(path)
        if self._display_root is not None:
            try:  # abspath, not resolve: a link is shown where the editor put it
                return str(Path(os.path.abspath(path)).relative_to(os.path.abspath(self._display_root)))
            except ValueError:
                pass
        return str(path)

    def error(self, path: Path | str, line: int, message: Message) -> None:
        self._items.append(Problem(self.show(path), line, message))

    def warn(self, path: Path | str, line: int, message: Message) -> None:
        self._items.append(Problem(self.show(path), line, message, warning=True))

    @property
    def errors(self) -> list[Problem]:
        return sorted((p for p in self._items if not p.warning), key=lambda p: p.key)

    @property
    def warnings(self) -> list[Problem]:
        return sorted((p for p in self._items if p.warning), key=lambda p: p.key)

    def __bool__(self) -> bool:
        return any(not p.warning for p in self._items)


class ContentError(Exception):
    """Raised when content has errors; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


class ContentRejected(SystemExit):
    """A build stopped by errors in the content (exit status 1, no traceback);
    `dostyq serve` shows the problems in the browser."""

    def __init__(self, problems: list[Problem]):
        super().__init__(1)
        self.problems = problems
