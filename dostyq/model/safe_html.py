"""The one allow-list for what an entry may put on a page: tags, attributes and
URL schemes, enforced by nh3 (the Ammonia sanitiser). It parses HTML as a
browser does, so `&#106;avascript:`, `java&#x09;script:` or a control character
before the scheme cannot slip past it the way they slip past a regex."""
from __future__ import annotations

import html
import re

import nh3

# http, https, mailto, tel, and relative links (nh3 keeps those by default)
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

TAGS = frozenset({
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
})
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"style"},
    "td": {"style"},
}

_cleaner = nh3.Cleaner(tags=set(TAGS), attributes={k: set(v) for k, v in ATTRIBUTES.items()},
                       url_schemes=set(URL_SCHEMES), link_rel=None, strip_comments=True,
                       filter_style_properties={"text-align"})
_HREF = re.compile(r'^<a href="([^"]*)"></a>$')


def clean_html(fragment: str) -> str:
    """The fragment with everything outside the allow-list removed."""
    return _cleaner.clean(fragment)


def safe_url(url: str) -> str | None:
    """The URL itself when a page may link to it, else None: the same sanitiser
    decides, on the URL as an `href` would carry it."""
    probe = _HREF.match(_cleaner.clean(f'<a href="{html.escape(url, quote=True)}"></a>'))
    if probe is None or html.unescape(probe[1]) != url:
        return None
    return url
