"""The Pelican generator: loads the content model once, then writes every language."""
from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

from pelican.generators import Generator

from dostyq import urls
from dostyq.calendar.occurrences import all_occurrences
from dostyq.config import SiteConfig
from dostyq.history import History
from dostyq.model import check_content

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
        self.context["dostyq_content"] = content
        logger.info("Dostyq: %d events, %d centres, %d places, %d occurrences",
                    len(content.events), len(content.centers), len(content.places), len(self.occurrences))

    def generate_output(self, writer):
        theme = Path(self.theme)
        siteurl = self.settings["SITEURL"]
        self.written: set[str] = set()  # every file of this build, relative to the output
        for lang in self.config.languages:
            translations = load_translations(theme, lang)
            # Sequential languages share one Jinja environment; each installs its catalogue.
            self.env.install_gettext_translations(translations, newstyle=True)
            view = LanguageView(lang, self.config, self.content, translations.gettext, siteurl, self.today)
            PageWriter(writer, self, view, self.occurrences).write_all()
            FeedWriter(Path(self.output_path), view, self.occurrences, self.history, self.written).write_all()
        self.env.install_gettext_translations(load_translations(theme, self.config.default_language), newstyle=True)
        self.write_root_pages(writer)
        self.copy_images()
        self.remove_stale_files()

    def remove_stale_files(self):
        """Pages and files of entries deleted since the last build into this folder go
        too: a deleted event must not stay online. Only the folders this plugin owns."""
        output = Path(self.output_path)
        for top in (*self.config.languages, "media"):
            for path in sorted((output / top).rglob("*"), reverse=True):  # files before their folders
                if path.is_file() and path.relative_to(output).as_posix() not in self.written:
                    path.unlink()
                elif path.is_dir() and not any(path.iterdir()):
                    path.rmdir()

    def write_root_pages(self, writer):
        """`/` (the language choice) and `/404.html` speak every language at once."""
        names = self.settings["LANGUAGE_NAMES"]
        languages = [(lang, names.get(lang, lang), f"{self.settings['SITEURL']}/{urls.home(lang)}")
                     for lang in self.config.languages]
        messages = {lang: load_translations(Path(self.theme), lang).gettext for lang in self.config.languages}
        for name, template in (("index.html", "languages.html"), ("404.html", "404.html")):
            writer.write_file(name, self.get_template(template.removesuffix(".html")), self.context,
                              languages=languages, messages=messages, lang=self.config.default_language)
            self.written.add(name)

    def copy_images(self):
        """Images that entries use, published under media/ (only those, none else)."""
        used = set()
        for event in self.content.events:
            if event.image:
                used.add(event.image)
            for photos in event.gallery.values():
                used.update(photo.image for photo in photos)
        used.update(c.logo for c in self.content.centers.values() if c.logo)
        for image in sorted(used):
            target = Path(self.output_path) / urls.media(image)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(self.path) / image, target)
            self.written.add(urls.media(image))
