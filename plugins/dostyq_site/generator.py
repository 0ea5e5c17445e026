"""The Pelican generator: loads the content model once, then writes every language."""
from __future__ import annotations

import sys
from pathlib import Path

from pelican.generators import Generator

from dostyq import urls
from dostyq.calendar.occurrences import all_occurrences
from dostyq.config import SiteConfig
from dostyq.history import History
from dostyq.i18n import load_translations
from dostyq.model import check_content
from dostyq.model.safe_html import safe_url
from dostyq.output import SiteOutput
from dostyq.progress import progress

from .assets import write_images, write_theme_files
from .feeds import FeedWriter
from .pages import PageWriter
from .rendering import ConstantTranslations, language_environment
from .report import Summary, reject_if_errors
from .views import LanguageView
from .workers import worth_forking, write_languages
from .vocabulary import N_


class DostyqGenerator(Generator):
    def generate_context(self):
        self.summary = Summary()
        self.config = SiteConfig.from_settings(self.settings)
        self.env.globals["N_"] = N_  # marks strings that pages show in several languages at once
        # every link taken from an entry passes the same allow-list as entry texts
        self.env.filters["safe_url"] = lambda url: safe_url(url) or ""
        self.env.add_extension(ConstantTranslations)  # translates only in a language's own overlay
        content, problems = check_content(Path(self.path), self.config)
        # plain `path:line: message` lines and exit status 1, not a traceback
        reject_if_errors(problems, show_warnings=self.settings.get("DOSTYQ_SHOW_WARNINGS", True))
        self.content = content
        self.today = self.config.build_today()
        self.occurrences = all_occurrences(content.events, self.config)
        self.history = History(Path(self.path))
        if self.history.warning:
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
            with progress(output.expected_files() or guess, "Building") as advance:
                output.on_write = advance
                self.write_site(output)
            removed = output.commit()
        except BaseException:
            output.abort()
            raise
        self.summary.print(len(self.content.events), len(self.content.centers), len(output.written), output.changed,
                           len(removed))

    def write_site(self, output: SiteOutput) -> None:
        languages = self.config.languages
        # `dostyq serve` builds without forking: its web server runs in a thread, and
        # a fork copies only the calling thread (and any lock another one holds)
        parallel = self.settings.get("DOSTYQ_PARALLEL", True) and worth_forking(len(languages))
        write_languages(self.write_language, output, languages, parallel=parallel)
        theme = Path(self.theme)
        self.env.install_gettext_translations(load_translations(theme / "translations", self.config.default_language),
                                              newstyle=True)
        self.write_root_pages(output)
        write_images(self.content, output)
        write_theme_files(theme, output)

    def write_language(self, output: SiteOutput, lang: str) -> None:
        translations = load_translations(Path(self.theme) / "translations", lang)
        env = language_environment(self.env, lang, translations)
        env.globals.update(self.context)  # the settings, as Pelican passes them to templates

        def render(template: str, **values) -> bytes:
            return env.get_template(f"{template}.html").render(values).encode("utf-8")

        view = LanguageView(lang, self.config, self.content, translations.gettext, self.settings["SITEURL"], self.today)
        PageWriter(output, render, view, self.occurrences, self.settings["LANGUAGE_NAMES"]).write_all()
        FeedWriter(output, view, self.occurrences, self.history).write_all()

    def render(self, template: str, **values) -> bytes:
        return self.get_template(template).render({**self.context, **values}).encode("utf-8")

    def write_root_pages(self, output: SiteOutput) -> None:
        """`/` (the language choice) and `/404.html` speak every language at once."""
        names = self.settings["LANGUAGE_NAMES"]
        languages = [(lang, names.get(lang, lang), f"{self.settings['SITEURL']}/{urls.home(lang)}")
                     for lang in self.config.languages]
        messages = {lang: load_translations(Path(self.theme) / "translations", lang).gettext for lang in self.config.languages}
        for name, template in (("index.html", "languages"), ("404.html", "404")):
            output.write(name, self.render(template, languages=languages, messages=messages,
                                           lang=self.config.default_language))
