"""Words for people (editors at the terminal): an English template with named
fields, translated only when shown, so that the checker speaks English, Kazakh
or Russian (`dostyq check --lang kk`) from the same problems.

    Message("unknown centre `{id}`", id="polish")

`pybabel extract -k Message` collects the templates into dostyq/locale/."""
from __future__ import annotations

from typing import Any, Callable

Gettext = Callable[[str], str]


class Message:
    __slots__ = ("template", "params")

    def __init__(self, template: str, **params: Any):
        self.template = template
        self.params = params

    def render(self, gettext: Gettext | None = None) -> str:
        template = gettext(self.template) if gettext else self.template
        values = {k: v.render(gettext) if isinstance(v, Message) else v for k, v in self.params.items()}
        return template.format(**values)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Message({self.render()!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))


def listing(values) -> str:
    return ", ".join(str(v) for v in values)
