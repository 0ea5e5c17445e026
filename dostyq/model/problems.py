"""Problems found in content, collected so an editor sees all of them at once."""
from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

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
        self._recording: list[tuple] | None = None
        self._shown: dict[Path | str, str] = {}
        self._root_prefix: str | None = None

    def show(self, path: Path | str) -> str:
        shown = self._shown.get(path)
        if shown is None:
            shown = self._shown[path] = self._relative(path)
        return shown

    def _relative(self, path: Path | str) -> str:
        text = os.fspath(path)
        if self._display_root is not None:
            if self._root_prefix is None:
                self._root_prefix = os.path.join(os.path.abspath(self._display_root), "")
            # abspath, not resolve: a link is shown where the editor put it
            absolute = text if os.path.isabs(text) and "/." not in text else os.path.abspath(text)
            if absolute.startswith(self._root_prefix):
                return absolute[len(self._root_prefix):]
        return text

    def error(self, path: Path | str, line: int, message: Message) -> None:
        self._add(path, line, message, False)

    def warn(self, path: Path | str, line: int, message: Message) -> None:
        self._add(path, line, message, True)

    def _add(self, path: Path | str, line: int, message: Message, warning: bool) -> None:
        self._items.append(Problem(self.show(path), line, message, warning))
        if self._recording is not None:
            self._recording.append((str(path), line, message, warning))

    @contextmanager
    def recording(self) -> Iterator[list[tuple]]:
        """The problems found inside the block, as `replay()` takes them back (a
        cached entry brings back the problems it had)."""
        outer, self._recording = self._recording, []
        try:
            yield self._recording
        finally:
            recorded, self._recording = self._recording, outer
            if outer is not None:
                outer.extend(recorded)

    def replay(self, recorded: list[tuple]) -> None:
        for path, line, message, warning in recorded:
            self._add(path, line, message, warning)

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
