"""Entry bodies: Markdown to safe HTML, and plain text for summaries and feeds."""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import markdown
from markdown.treeprocessors import Treeprocessor

SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")


class _SafeLinks(Treeprocessor):
    """Drop links to javascript: and other schemes, and move headings one level
    down: the page's own title is the only <h1>."""

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None:
                    scheme = re.match(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*:)", value)
                    if scheme and scheme[1].lower() not in SAFE_SCHEMES:
                        del element.attrib[attribute]
            if re.fullmatch(r"h[1-5]", element.tag):
                element.tag = f"h{int(element.tag[1]) + 1}"


class _EscapeHtml(markdown.Extension):
    """Raw HTML in a body is shown as text, never executed."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeLinks(md), "safe_links", 0)


_renderer = markdown.Markdown(extensions=["sane_lists", "tables", _EscapeHtml()], output_format="html")


def to_html(body: str) -> str:
    return _renderer.reset().convert(body)


_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|li|h\d|tr|blockquote|pre)>|<br\s*/?>")


def to_text(body_html: str) -> str:
    """Plain text of rendered HTML: paragraphs separated by blank lines."""
    text = _BLOCK_END.sub("\n\n", body_html)
    text = html.unescape(_TAG.sub("", text))
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def first_paragraph(body_html: str) -> str:
    text = to_text(body_html)
    return text.split("\n\n", 1)[0] if text else ""
