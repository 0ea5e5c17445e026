"""`dostyq report YEAR [QUARTER]`: the figures of a quarter (or a year) as a table
in the terminal, and as CSV with `--csv FILE`: the numbers of the site's report
pages (dostyq.reports), from the same content and settings."""
from __future__ import annotations

import runpy
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table as RichTable

from ..calendar.occurrences import all_occurrences
from ..i18n import load_translations
from ..model import check_content
from ..reports.csv_file import report_csv
from ..reports.figures import Period, figures
from ..reports.table import Table, table, words
from ..settings import read_settings
from . import content_option, load_config, settings_option


def _theme_words(settings_file: Path, lang: str):
    """The theme's catalogue (the report pages' words) and the category labels."""
    settings = read_settings(settings_file)
    root = settings_file.resolve().parent
    catalogue = load_translations(root / settings.get("THEME", "theme") / "translations", lang)
    labels = {}
    for folder in settings.get("PLUGIN_PATHS", ["plugins"]):
        vocabulary = root / folder / "dostyq_site" / "vocabulary.py"
        if vocabulary.is_file():  # plain dictionaries: read without importing the Pelican plugin
            labels = runpy.run_path(str(vocabulary)).get("CATEGORY_LABELS", {})
            break
    return catalogue, labels


@click.command()
@click.argument("year", type=click.IntRange(1900, 2999))
@click.argument("quarter", type=click.IntRange(1, 4), required=False)
@click.option("--csv", "csv_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the figures to this CSV file (UTF-8, a header row).")
@click.option("--lang", default=None, help="Language of the names and words (default: the site's first).")
@content_option
@settings_option
def report(year: int, quarter: int | None, csv_file: Path | None, lang: str | None, content: Path,
           settings_file: Path):
    """The figures of QUARTER (1-4) of YEAR, or of the whole YEAR: events held by
    category, centre and city or district, participants, and the same period a
    year earlier; as the site's report pages count them.

    \b
    Examples:
      dostyq report 2026 1
      dostyq report 2026 --lang ru --csv 2026.csv
    """
    config = load_config(settings_file)
    lang = lang or config.default_language
    if lang not in config.languages:
        raise click.BadParameter(f"{lang!r} is not one of the site's languages ({', '.join(config.languages)})",
                                 param_hint="--lang")
    found, problems = check_content(content, config, display_root=Path.cwd())
    if problems.errors:
        for problem in problems.errors:
            click.echo(str(problem), err=True)
        raise click.ClickException(f"{len(problems.errors)} error(s) in the content: `dostyq check` explains them")
    catalogue, labels = _theme_words(settings_file, lang)
    occurrences = all_occurrences(found.events, config)
    period = Period(year, quarter)
    today = config.build_today()
    now = figures(occurrences, found, period, today, config.zone)
    before = figures(occurrences, found, period.year_earlier(), today, config.zone)
    result = table(now, before, found, lang, catalogue.gettext, labels)
    _print(result, catalogue.gettext)
    if csv_file is not None:
        csv_file.write_bytes(report_csv(result, catalogue.gettext))
        click.echo(str(csv_file))


def _print(result: Table, gettext) -> None:
    names = words(gettext)
    console = Console(highlight=False, width=None if click.get_text_stream("stdout").isatty() else 160)
    rows = [(names["total"], [result.total])] + [(s.title, list(s.rows)) for s in result.sections]
    for title, section_rows in rows:
        shown = RichTable(title=f"{result.title}: {title}", title_justify="left")
        shown.add_column(names["name"])
        for column in ("held", "participants", "without_participants", "held_before", "participants_before"):
            shown.add_column(names[column], justify="right")
        for row in section_rows:
            shown.add_row(row.label, *(result.number(n) for n in (row.now.held, row.now.participants,
                                                                   row.now.without_participants, row.before.held,
                                                                   row.before.participants)))
        console.print(shown)
    for item in result.figures.not_held:
        title = item.event.title.shown(result.lang)
        console.print(f"{item.day.isoformat()} {title.value if title else item.event.slug}: {item.status}")
