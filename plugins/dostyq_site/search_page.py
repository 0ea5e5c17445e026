"""`/<lang>/search/`: Pagefind's interface in the page's language. Pagefind has
no Kazakh interface, and its Russian one says "2 результатов": the site gives
every word of it from its own catalogues (`[SEARCH_TERM]`, `[COUNT]` and
`[DIFFERENT_TERM]` are filled in by Pagefind)."""
from __future__ import annotations

from dostyq import urls

from .structured_data import script_json
from .vocabulary import N_

PAGEFIND_WORDS = {
    "placeholder": N_("Event, centre, place…"),
    "clear_search": N_("Clear"),
    "load_more": N_("More results"),
    "search_label": N_("Search the site"),
    "filters_label": N_("Filters"),
    "zero_results": N_("Nothing found for “[SEARCH_TERM]”"),
    "many_results": N_("Results for “[SEARCH_TERM]”: [COUNT]"),
    "one_result": N_("Results for “[SEARCH_TERM]”: [COUNT]"),
    "total_zero_results": N_("Nothing found"),
    "total_one_result": N_("Results: [COUNT]"),
    "total_many_results": N_("Results: [COUNT]"),
    "alt_search": N_("Nothing found for “[SEARCH_TERM]”; results for “[DIFFERENT_TERM]”"),
    "search_suggestion": N_("Nothing found for “[SEARCH_TERM]”. Try one of these:"),
    "searching": N_("Searching for “[SEARCH_TERM]”…"),
    "results_label": N_("Search results"),
    "error_search": N_("The search failed"),
    "input_hint": N_("Results appear as you type"),
    "loading": N_("Loading…"),
}


def search_values(view) -> dict:
    words = {name: view.gettext(text) for name, text in PAGEFIND_WORDS.items()}
    return {"pagefind_words": script_json(words), "bundle": view.href(urls.search_bundle(view.lang)),
            "archive_url": view.href(urls.archive(view.lang)), "centers_url": view.href(urls.centers(view.lang))}
