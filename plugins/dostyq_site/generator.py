"""The Pelican generator: loads the content model once, then writes every language.

It keeps what the next build can reuse in the cache folder (dostyq.build_cache):
entries whose files did not change are not read again, pages and feeds whose
inputs did not change are not made again."""
from __future__ import annotations

import gc
import sys
from pathlib import Path

from pelican.generators import Generator

from dostyq import build_cache, urls
from dostyq.calendar.ics import prepare_zones
from dostyq.calendar.occurrences import all_occurrences
from dostyq.config import SettingsError, SiteConfig
from dostyq.history import History
from dostyq.i18n import load_translations
from dostyq.model import Event, check_content
from dostyq.model.cache import EntryCache
from dostyq.model.safe_html import safe_url
from dostyq.output import SiteOutput
from dostyq.progress import progress
from dostyq.search import write_search_index

from .assets import write_images, write_theme_files
from .atom import AtomWriter
from .card_images import CardPainter
from .cms import write_cms
from .events_json import EVENTS_SCHEMA, events_json
from .feeds import FeedWriter
from .listings import Listings
from .pages import PageWriter
from .redirects import Redirect, write_redirects
from .sitemap import write_robots, write_sitemap
from .rendering import ConstantTranslations, language_environment
from .summary import Summary, asked_to_be_quiet, reject_if_errors
from .views import LanguageView
from .workers import worth_forking, write_languages
from .vocabulary import N_


class DostyqGenerator(Generator):
    def generate_context(self):
        self.summary = Summary()
        try:
            self.config = SiteConfig.from_settings(self.settings)
        except SettingsError as bad:  # a line to act on, not a traceback
            print(f"error: {bad}", file=sys.stderr)
            raise SystemExit(1) from None
        self.env.globals["N_"] = N_  # marks strings that pages show in several languages at once
        # every link taken from an entry passes the same allow-list as entry texts
        self.env.filters["safe_url"] = lambda url: safe_url(url) or ""
        self.env.add_extension(ConstantTranslations)  # translates only in a language's own overlay
        self.today = self.config.build_today()
        self.cache = build_cache.load(self.settings.get("CACHE_PATH"))
        self.model_key = build_cache.key(build_cache.code_key(), repr(self.config), self.today,
                                         str(Path(self.path).resolve()))
        self.entries = EntryCache(self.config, self.cache.entries(self.model_key), self.model_key,
                                  self.cache.files())
        # The model lives as long as the build: the garbage collector need not walk it
        # again and again while it grows (which made loading 10 000 entries take
        # twice as long), nor the forked workers copy its pages by touching it.
        gc.disable()
        try:
            content, problems = check_content(Path(self.path), self.config, cache=self.entries)
            # plain `path:line: message` lines and exit status 1, not a traceback
            reject_if_errors(problems, show_warnings=self.settings.get("DOSTYQ_SHOW_WARNINGS", True))
            self.cache.save_entries(self.model_key, self.entries.new, self.entries.new_hashes, self.entries.used,
                                    self.entries.files)
            self.entries.new.clear()
            self.content = content
            # what each list shows, made once for every language (and before their workers fork)
            self.listings = Listings.of(content, all_occurrences(content.events, self.config), self.config,
                                        self.today)
        finally:
            gc.enable()
        gc.freeze()
        self.history = History(Path(self.path))
        if self.history.warning and self.settings.get("DOSTYQ_SHOW_WARNINGS", True):
            print(f"warning: {self.history.warning}", file=sys.stderr)
        self.context["dostyq_content"] = content

    def generate_output(self, writer):
        """Everything goes into a fresh folder that replaces the output only when
        complete (dostyq.output); Pelican's own writer is not used."""
        output = SiteOutput(Path(self.output_path))
        output.begin()
        try:
            # a first build guesses: each event and centre has a page and a feed per language
            guess = len(self.config.languages) * (2 * len(self.content.events) + 2 * len(self.content.centers) + 50)
            with progress(output.expected_files() or guess, "Building", quiet=asked_to_be_quiet()) as advance:
                output.on_write = advance
                self.write_site(output)
            removed = output.commit()
        except BaseException:
            output.abort()
            raise
        self.cache.save(self.site_key, self.keys, new={"cards": self.cards, "vevents": self.vevents})
        self.entries.forget_unused()
        self.summary.print(len(self.content.events), len(self.content.centers), len(output.written),
                           len(output.changed), len(removed))

    def write_site(self, output: SiteOutput) -> None:
        languages = self.config.languages
        theme = Path(self.theme)
        # before the languages: their pages give each image's sizes
        cache_path = self.settings.get("CACHE_PATH")
        self.pictures = write_images(self.content, output, Path(cache_path) if cache_path else None)
        # An image's sizes and thumbnails are in every list that shows its event: a
        # changed image makes the site a new one (images change far less than texts).
        self.site_key = build_cache.key(self.model_key, build_cache.files_key(theme),
                                        build_cache.files_key(Path(self.path) / "places.yml"), _plain(self.settings),
                                        self.history.warning, sorted((p, i.digest) for p, i in self.pictures.items()))
        same_site = self.cache.site_key == self.site_key
        self.last_keys = self.cache.pages()
        self.last_vevents = self.cache.vevents(self.site_key)
        self.last_cards = self.cache.cards(self.site_key)
        self.keys: dict[str, str] = {}
        self.vevents: dict[str, bytes] = {}  # short VEVENTs made by this build
        self.cards: dict[str, str] = {}
        # A build that remakes most pages uses every core. A rebuild does not fork: it
        # keeps most pages, and forking cost more than it saved (measured at 2 000 and
        # 10 000 events). Nor does `dostyq serve`: its web server runs in a thread, and
        # a fork copies only the calling thread (and any lock another one holds).
        parallel = self.settings.get("DOSTYQ_PARALLEL", True) and worth_forking(len(languages)) and not same_site
        if parallel:  # the workers inherit them instead of each computing its own
            prepare_zones(self.content.events, self.config)
        for keys, vevents, cards in write_languages(self.write_language, output, languages, parallel=parallel):
            self.keys.update(keys)
            self.vevents.update(vevents)
            self.cards.update(cards)
        self.env.install_gettext_translations(self.translations(self.config.default_language),
                                              newstyle=True)
        self.write_root_pages(output)
        write_redirects(output, self.content, languages, self.render_redirect)
        output.write(urls.EVENTS_JSON, events_json(self.content, self.listings, self.pictures, self.config, self.today,
                                                   self.last_cards, self.cards,
                                                   lambda event: Listings.event_key(self.content, event)))
        output.write(urls.EVENTS_SCHEMA, EVENTS_SCHEMA.read_bytes())
        write_sitemap(output, self.config.site_url, self.keys, languages)
        write_robots(output, self.config.site_url)
        write_theme_files(theme, output)
        write_cms(output, self.config, self.settings, lambda lang: self.translations(lang).gettext, self.content)
        # last: Pagefind reads the pages just written (and those kept)
        write_search_index(output, languages, self.last_keys, self.keys, Path(cache_path) if cache_path else None,
                           deferred=self.settings.get("DOSTYQ_SEARCH_LATER", False))

    def write_language(self, output: SiteOutput, lang: str) -> tuple[dict, dict, dict]:
        """The language's pages and feeds; returns their keys, its VEVENTs and its
        cards, for the cache."""
        catalogues = Path(self.theme) / "translations"
        translations = self.translations(lang)
        cache_path = self.settings.get("CACHE_PATH")
        compiled = (Path(cache_path) / "templates" / build_cache.key(build_cache.code_key(), lang,
                                                                      build_cache.files_key(catalogues / lang))
                    if cache_path else None)
        env = language_environment(self.env, lang, translations, compiled)
        # what templates use of the settings: copying all of Pelican's context into each
        # page's render context cost more than some pages
        env.globals["SITEURL"] = self.settings["SITEURL"]

        def render(template: str, **values) -> bytes:
            return env.get_template(f"{template}.html").render(values).encode("utf-8")

        view = LanguageView(lang, self.config, self.content, translations.gettext, self.settings["SITEURL"], self.today,
                            self.pictures)
        painter = CardPainter(view)
        pages = PageWriter(output, render, view, self.listings, self.settings["LANGUAGE_NAMES"], self.site_key,
                           self.last_keys, self.last_cards, painter)
        pages.write_all()
        feeds = FeedWriter(output, view, self.listings, self.history, self.site_key, self.last_keys, self.last_vevents)
        feeds.write_all()
        atom = AtomWriter(output, view, self.listings, self.history, self.site_key, self.last_keys)
        atom.write_all()
        return {**pages.keys, **feeds.keys, **atom.keys}, feeds.vevents, pages.cards_made

    def translations(self, lang: str):
        """The theme's catalogue for `lang`, compiled once and kept in the cache folder."""
        cache_path = self.settings.get("CACHE_PATH")
        return load_translations(Path(self.theme) / "translations", lang,
                                 compiled=Path(cache_path) / "translations" if cache_path else None)

    def render(self, template: str, **values) -> bytes:
        return self.get_template(template).render({**self.context, **values}).encode("utf-8")

    def write_root_pages(self, output: SiteOutput) -> None:
        """`/` (the language choice) and `/404.html` speak every language at once."""
        names = self.settings["LANGUAGE_NAMES"]
        languages = [(lang, names.get(lang, lang), f"{self.settings['SITEURL']}/{urls.home(lang)}")
                     for lang in self.config.languages]
        messages = {lang: self.translations(lang).gettext for lang in self.config.languages}
        for name, template in (("index.html", "languages"), ("404.html", "404")):
            output.write(name, self.render(template, languages=languages, messages=messages,
                                           lang=self.config.default_language))

    def render_redirect(self, redirect: Redirect) -> bytes:
        """The page left at an old address, in the language of the page it leads to."""
        entry = redirect.entry
        title = (entry.title if isinstance(entry, Event) else entry.name).shown(redirect.lang)
        return self.render("redirect", lang=redirect.lang, title=title, target=f"{self.settings['SITEURL']}/{redirect.new}",
                           canonical=f"{self.config.site_url}/{redirect.new}",
                           message=self.translations(redirect.lang).gettext)


def _plain(settings: dict) -> list:
    """The settings that are plain values (functions and classes print differently in every process)."""
    def plain(value) -> bool:
        if isinstance(value, (str, int, float, bool, type(None))):
            return True
        if isinstance(value, (list, tuple)):
            return all(map(plain, value))
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        return False
    return sorted((name, repr(value)) for name, value in settings.items()  # DOSTYQ_*: how to build, not what
                  if name.isupper() and name not in ("OUTPUT_PATH", "CACHE_PATH") and not name.startswith("DOSTYQ_")
                  and plain(value))
