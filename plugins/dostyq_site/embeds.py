"""Pages for partner sites to frame (`<iframe>`): the coming events of the whole
site, of each centre and of each category, without the site's header, links
opening the site in a new tab. The iframe snippet is on each centre's page; the
README has the others and the web component (theme/static/js/dostyq-events.js)."""
from __future__ import annotations

from markupsafe import escape

from dostyq import urls
from dostyq.calendar import agenda
from dostyq.model import Shown

EMBED_LIMIT = 10  # events a framed list shows; the last link leads to the rest
FRAME_HEIGHT = 480  # px: about five events, then the frame scrolls


def write_embeds(pages) -> None:
    """Through the page writer (pages.PageWriter): each page is kept while the
    events it lists are the same."""
    view, listings, lang = pages.view, pages.listings, pages.lang
    everything = agenda.next_per_event(listings.occurrences, listings.today, view.config.zone)
    lists = [(urls.embed(lang), everything, Shown(view.gettext("Events of the Houses of Friendship"), lang), urls.home(lang))]
    for center in view.content.centers.values():
        mine = listings.by_center.get(center.id)
        lists.append((urls.embed(lang, "centers", center.id), mine.coming if mine else [],
                      view.text(center.name), urls.center(lang, center.id)))
    for category in view.config.categories:
        mine = listings.by_category.get(category)
        lists.append((urls.embed(lang, "categories", category), mine.coming if mine else [],
                      Shown(view.category_label(category), lang), urls.category(lang, category)))
    for path, coming, heading, full_page in lists:
        shown = coming[:EMBED_LIMIT]
        pages.page(path, "embed", ([listings.card_key(o) for o in shown], heading),
                   lambda shown=shown, heading=heading, full_page=full_page: {
                       "items": view.cards(shown), "heading": heading, "full_page": view.href(full_page),
                       "canonical_path": full_page})


def center_snippets(view, center) -> list[tuple[str, str]]:
    """What a centre's page offers partners to paste: the framed list, and the web
    component with a plain link inside for browsers without script."""
    lang, name = view.lang, view.text(center.name).value
    frame = (f'<iframe src="{view.absolute(urls.embed(lang, "centers", center.id))}" title="{escape(name)}" '
             f'width="100%" height="{FRAME_HEIGHT}" loading="lazy"></iframe>')
    component = (f'<script src="{view.absolute(urls.WIDGET_SCRIPT)}" defer></script>\n'
                 f'<dostyq-events center="{center.id}" lang="{lang}" limit="5">\n'
                 f'  <a href="{view.absolute(urls.center(lang, center.id))}">{escape(name)}</a>\n'
                 f'</dostyq-events>')
    return [("frame", frame), ("component", component)]
