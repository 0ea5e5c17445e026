"""Entry bodies: Markdown to safe HTML, and the same text as plain text.

markdown-it-py (CommonMark with tables) rather than Python-Markdown: its parser
stays linear on hostile input, where Python-Markdown took 10 s on 10 000 `[`
and grows with the square. Raw HTML in a body is shown as text; the rendered
HTML then passes the sanitiser's allow-list (safe_html), and rendering has a
hard time limit, so no body can hang a build.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .safe_html import clean_html

# Deeper quotes and lists are shown flat: deep nesting is how hostile input
# makes parsers slow.
MAX_NESTING = 20
TIME_LIMIT_SECONDS = 5

_parser = MarkdownIt("commonmark", {"html": False, "maxNesting": MAX_NESTING}).enable(["table", "strikethrough"])


class TooSlow(Exception):
    """The text took longer than the time limit to format."""

    def __init__(self, seconds: float):
        super().__init__(f"formatting took more than {seconds:g} s")
        self.seconds = seconds


@dataclass(frozen=True)
class Body:
    html: str  # sanitised
    text: str  # plain text, paragraphs separated by blank lines


def render(markdown: str) -> Body:
    """The body as HTML and as text; raises TooSlow past the time limit."""
    with _time_limit(TIME_LIMIT_SECONDS):
        tokens = _parser.parse(markdown)
        _nest_headings(tokens)
        html = _parser.renderer.render(tokens, _parser.options, {})
        return Body(clean_html(html).strip(), _text(tokens))


def _nest_headings(tokens: list[Token]) -> None:
    """The page's title is its only <h1>; a body's headings start at <h2> and never
    skip a level (`#` then `###` gives h2 then h3), as the HTML outline wants."""
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    if not levels:
        return
    top, previous, opened = min(levels), 1, []
    for token in tokens:
        if token.type == "heading_open":
            level = min(int(token.tag[1]) - top + 2, previous + 1, 6)
            token.tag = f"h{level}"
            opened.append(token)
            previous = level
        elif token.type == "heading_close":
            token.tag = opened.pop().tag


_BLOCK_ENDS = {"paragraph_close", "heading_close", "code_block", "fence", "tr_close", "hr"}


def _text(tokens: list[Token]) -> str:
    paragraphs: list[str] = []
    current: list[str] = []
    for token in tokens:
        if token.type == "inline":
            current.append(_inline_text(token.children or []))
        elif token.type in ("code_block", "fence"):
            current.append(token.content)
        elif token.type in ("th_close", "td_close"):
            current.append(" ")
        if token.type in _BLOCK_ENDS:
            paragraph = " ".join("".join(current).split())
            if paragraph:
                paragraphs.append(paragraph)
            current = []
    return "\n\n".join(paragraphs)


def _inline_text(children: list[Token]) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(_inline_text(child.children or []))
    return "".join(parts)


def first_paragraph(text: str) -> str:
    return text.split("\n\n", 1)[0] if text else ""


@contextmanager
def _time_limit(seconds: float):
    """SIGALRM interrupts pure-Python parsing; only the main thread receives it,
    which is where builds and the checker run."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise TooSlow(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
