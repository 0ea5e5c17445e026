"""`dostyq`: the editors' command, on top of the content model.

    dostyq new event          start an event (asks what it needs)
    dostyq check              check every entry, as the build does
    dostyq serve              build, serve and rebuild on every save
    dostyq import-ics FILE    turn a calendar export into entries
    dostyq post SLUG          print an event's ready social-media post
    dostyq report YEAR [Q]    a quarter's figures, as the report pages count them
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..config import SettingsError, SiteConfig
from ..i18n import editor_messages
from ..settings import SETTINGS_FILE, site_config

LANGUAGES = ("en", "kk", "ru")


def settings_option(command):
    return click.option("--settings", "settings_file", default=SETTINGS_FILE, show_default=True,
                        type=click.Path(dir_okay=False, path_type=Path),
                        help="The site's settings file (languages, categories, time zone).")(command)


def content_option(command):
    return click.option("--content", default="content", show_default=True,
                        type=click.Path(file_okay=False, path_type=Path),
                        help="The content folder.")(command)


def load_config(settings_file: Path) -> SiteConfig:
    try:
        return site_config(settings_file)
    except SettingsError as bad:
        raise click.ClickException(str(bad)) from None


def colour(text: str, **style) -> str:
    """Colour only on a terminal, and never with NO_COLOR (no-color.org)."""
    if os.environ.get("NO_COLOR") or not sys.stdout.isatty():
        return text
    return click.style(text, **style)


def words(lang: str | None):
    """gettext for the command's own words in lang (en: as written)."""
    return editor_messages(None if lang in (None, "en") else lang)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="dostyq")
def main():
    """The editors' command of the Dostyq site: start entries, check them, see the
    site while you write, bring in events from a calendar, and count a quarter's work.

    \b
    Examples:
      dostyq new event                  asks for the title, date, category...
      dostyq check                      checks content/ as the build would
      dostyq serve                      http://127.0.0.1:8000/, rebuilt on every save
      dostyq import-ics old.ics --content content --lang ru
      dostyq report 2026 1 --csv q1.csv the first quarter's figures, and as CSV

    Run `dostyq COMMAND --help` for a command's options.
    """


def register() -> None:
    from .check import check
    from .import_ics import import_ics
    from .new import new
    from .post import post
    from .report import report
    from .serve import serve

    for command in (new, check, serve, import_ics, post, report):
        main.add_command(command)


register()
