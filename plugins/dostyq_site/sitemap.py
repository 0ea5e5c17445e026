"""`/sitemap.xml` (every page, with its other languages as `hreflang`
alternates) and `/robots.txt`, for search engines."""
from __future__ import annotations

from xml.sax.saxutils import quoteattr

from dostyq import urls

MAX_URLS = 50_000  # per sitemap file (sitemaps.org); more make an index of several files
HEADER = ('<?xml version="1.0" encoding="UTF-8"?>\n'
          '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n')


def pages(paths, languages: tuple[str, ...]) -> list[str]:
    """The addresses of the language pages among the output files, sorted (not the
    lists made for partner sites to frame: the pages they copy are listed)."""
    prefixes = tuple(f"{lang}/" for lang in languages)
    embeds = tuple(urls.embed(lang) for lang in languages)
    return sorted(path[:-len("index.html")] for path in paths
                  if path.endswith("index.html") and path.startswith(prefixes) and not path.startswith(embeds))


def write_sitemap(output, site_url: str, paths, languages: tuple[str, ...]) -> None:
    addresses = pages(paths, languages)
    entries = [_entry(site_url, path, languages) for path in addresses]
    chunks = [entries[i:i + MAX_URLS] for i in range(0, len(entries), MAX_URLS)] or [[]]
    if len(chunks) == 1:
        output.write(urls.SITEMAP, (HEADER + "".join(chunks[0]) + "</urlset>\n").encode("utf-8"))
        return
    index = ['<?xml version="1.0" encoding="UTF-8"?>\n',
             '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n']
    for number, chunk in enumerate(chunks, 1):
        name = f"sitemap-{number}.xml"
        output.write(name, (HEADER + "".join(chunk) + "</urlset>\n").encode("utf-8"))
        index.append(f"<sitemap><loc>{_text(f'{site_url}/{name}')}</loc></sitemap>\n")
    index.append("</sitemapindex>\n")
    output.write(urls.SITEMAP, "".join(index).encode("utf-8"))


def _entry(site_url: str, path: str, languages: tuple[str, ...]) -> str:
    lang = path.split("/", 1)[0]
    alternates = "".join(
        f'<xhtml:link rel="alternate" hreflang="{code}" href={quoteattr(f"{site_url}/{urls.other_language(path, lang, code)}")}/>'
        for code in languages)
    return f"<url><loc>{_text(f'{site_url}/{path}')}</loc>{alternates}</url>\n"


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_robots(output, site_url: str) -> None:
    output.write(urls.ROBOTS, f"User-agent: *\nAllow: /\n\nSitemap: {site_url}/{urls.SITEMAP}\n".encode("utf-8"))
