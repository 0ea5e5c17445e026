"""Templates rendered for one language.

Each language gets its own overlay of Pelican's Jinja environment, in which
every `_("constant text")` is translated once, when the template is compiled,
instead of on every page (a page of the site has some 25 of them: thousands of
pages spent a fifth of their time in gettext). Calls with values
(`_("%(city)s time", city=...)`) stay calls.
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from markupsafe import Markup, escape

from dostyq.model import Shown


class ConstantTranslations(Extension):
    """`_("text")` becomes `"translation"|safe` at compile time, which is what the
    i18n extension's new-style gettext returns at render time (a Markup string)."""

    def filter_stream(self, stream: TokenStream):
        gettext = getattr(self.environment, "constant_gettext", None)
        if gettext is None:
            yield from stream
            return
        window: list[Token] = []
        for token in stream:
            window.append(token)
            if len(window) < 4:
                continue
            name, open_, text, close = window[-4:]
            if (name.type == "name" and name.value == "_" and open_.type == "lparen"
                    and text.type == "string" and close.type == "rparen"):
                del window[-4:]
                yield from window
                window.clear()
                line = name.lineno
                yield Token(line, "string", gettext(text.value) % {})  # new-style gettext formats even without values
                yield Token(line, "pipe", "|")
                yield Token(line, "name", "safe")
            elif len(window) > 3:
                yield window.pop(0)
        yield from window


def language_environment(base: Environment, lang: str, translations, compiled: Path | None = None) -> Environment:
    """The environment that renders `lang`'s pages (templates compiled for it, and
    kept compiled in the folder `compiled`, which must be one for this language,
    catalogue and code: the translations are in the compiled code)."""
    env = base.overlay(bytecode_cache=FileSystemBytecodeCache(str(compiled)) if compiled else None)
    if compiled:
        compiled.mkdir(parents=True, exist_ok=True)
    env.constant_gettext = translations.gettext
    env.install_gettext_translations(translations, newstyle=True)
    env.filters["shown"] = _shown_in(lang)
    return env


def _shown_in(lang: str):
    def shown(value: Shown | None) -> Markup:
        """A per-language text, marked with its real language when it is not the page's."""
        if value is None:
            return Markup("")
        if value.lang == lang:
            return escape(value.value)
        return Markup('<span lang="{}">{}</span>').format(value.lang, value.value)
    return shown
