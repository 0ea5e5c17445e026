"""The content model: entry files -> checked, plain objects (no Pelican import).

    content = load_content(Path("content"), SiteConfig())

raises ContentError with every problem found; `check_content` (check.py) returns
the problems (errors and warnings) without raising, for the editors' checker.
"""
from .centers import KINDS, Center
from .check import Content, check_content, load_content
from .entries import Localized, Shown
from .events import STATUSES, Event
from .places import Place
from .problems import ContentError, Problem

__all__ = ["Center", "Content", "ContentError", "Event", "KINDS", "Localized", "Place", "Problem",
           "STATUSES", "Shown", "check_content", "load_content"]
