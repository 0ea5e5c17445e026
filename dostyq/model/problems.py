"""Problems found in content, collected so an editor sees all of them at once."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    warning: bool = False

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        return f"{self.path}:{self.line}: {kind}{self.message}"


class Problems:
    """Collects located errors and warnings; paths are shown as the editor typed them."""

    def __init__(self, display_root: Path | None = None):
        self._items: list[Problem] = []
        self._display_root = display_root

    def show(self, path: Path | str) -> str:
        path = Path(path)
        if self._display_root is not None:
            try:
                return str(path.resolve().relative_to(self._display_root.resolve()))
            except ValueError:
                pass
        return str(path)

    def error(self, path: Path | str, line: int, message: str) -> None:
        self._items.append(Problem(self.show(path), line, message))

    def warn(self, path: Path | str, line: int, message: str) -> None:
        self._items.append(Problem(self.show(path), line, message, warning=True))

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self._items if not p.warning)

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self._items if p.warning)

    def __bool__(self) -> bool:
        return any(not p.warning for p in self._items)


class ContentError(Exception):
    """Raised when content has errors; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))
