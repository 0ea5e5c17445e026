"""The Pelican generator: loads the content model once, then writes every language."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from pelican.generators import Generator

from dostyq import urls
from dostyq.calendar.occurrences import all_occurrences
from dostyq.config import SiteConfig
from dostyq.history import History
from dostyq.model import check_content
from dostyq.model.safe_html import safe_url
from dostyq.output import SiteOutput

from .assets import write_images, write_theme_files
from .feeds import FeedWriter
from .pages import PageWriter
from .translations import load_translations
from .views import LanguageView
from .vocabulary import N_

logger = logging.getLogger(__name__)


class DostyqGenerator(Generator):
    def generate_context(self):
        self.config = SiteConfig.from_settings(self.settings)
        self.env.globals["N_"] = N_  # marks strings that pages show in several languages at once
        # every link taken from an entry passes the same allow-list as entry texts
        self.env.filters["safe_url"] = lambda url: safe_url(url) or ""
        content, problems = check_content(Path(self.path), self.config)
        for warning in problems.warnings:
            logger.debug("%s", warning)
        if problems:
            # Plain `path:line: message` lines for editors, then a clean exit: Pelican
            # would print a traceback for an exception.
            for error in problems.errors:
                print(error, file=sys.stderr)
            print(f"{len(problems.errors)} error(s) in the content; nothing was written.", file=sys.stderr)
            raise SystemExit(1)
        self.content = content
        self.today = self.config.build_today()
        self.occurrences = all_occurrences(content.events, self.config)
        self.history = History(Path(self.path))
        if self.history.warning:
            print(f"warning: {self.history.warning}", file=sys.stderr)
        self.context["dostyq_content"] = content
        logger.info("Dostyq: %d events, %d centres, %d places, %d occurrences",
                    len(content.events), len(content.centers), len(content.places), len(self.occurrences))

    def generate_output(self, writer):
        """Everything goes into a fresh folder that replaces the output only when
        complete (dostyq.output); Pelican's own writer is not used."""
        output = SiteOutput(Path(self.output_path))
        output.begin()
        try:
            self.write_site(output)
            removed = output.commit()
        except BaseException:
            output.abort()
            raise
        logger.info("Dostyq: %d files, %d changed, %d removed", len(output.written), output.changed, len(removed))

    def write_site(self, output: SiteOutput) -> None:
        theme = Path(self.theme)
        siteurl = self.settings["SITEURL"]
        for lang in self.config.languages:
            translations = load_translations(theme, lang)
            # Sequential languages share one Jinja environment; each installs its catalogue.
            self.env.install_gettext_translations(translations, newstyle=True)
            view = LanguageView(lang, self.config, self.content, translations.gettext, siteurl, self.today)
            PageWriter(output, self, view, self.occurrences).write_all()
            FeedWriter(output, view, self.occurrences, self.history).write_all()
        self.env.install_gettext_translations(load_translations(theme, self.config.default_language), newstyle=True)
        self.write_root_pages(output)
        write_images(self.content, output)
        write_theme_files(theme, output)

    def render(self, template: str, **values) -> bytes:
        return self.get_template(template).render({**self.context, **values}).encode("utf-8")

    def write_root_pages(self, output: SiteOutput) -> None:
        """`/` (the language choice) and `/404.html` speak every language at once."""
        names = self.settings["LANGUAGE_NAMES"]
        languages = [(lang, names.get(lang, lang), f"{self.settings['SITEURL']}/{urls.home(lang)}")
                     for lang in self.config.languages]
        messages = {lang: load_translations(Path(self.theme), lang).gettext for lang in self.config.languages}
        for name, template in (("index.html", "languages"), ("404.html", "404")):
            output.write(name, self.render(template, languages=languages, messages=messages,
                                           lang=self.config.default_language))
