"""`dostyq check [PATH]`: every rule of the content format, as the build applies them."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..model import check_content
from . import LANGUAGES, colour, load_config, settings_option, words


@click.command()
@click.argument("path", default="content", type=click.Path(file_okay=False, path_type=Path))
@click.option("--strict", is_flag=True, help="Fail on warnings too (a missing translation, alt text, participants...).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: one object with every problem, for CI annotations.")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True,
              help="Language of the messages: English, Kazakh or Russian.")
@settings_option
def check(path: Path, strict: bool, output_format: str, lang: str, settings_file: Path):
    """Check every entry under PATH (default: content/) without building.

    Prints one `file:line: message` line per problem, then a count. Exits with 1
    when there is an error (or, with --strict, a warning), else 0.

    \b
    Examples:
      dostyq check
      dostyq check content --lang kk
      dostyq check --strict --format json > problems.json
    """
    config = load_config(settings_file)
    content, problems = check_content(path, config, display_root=Path.cwd())
    translations = words(lang)
    _ = translations.gettext
    errors, warnings = problems.errors, problems.warnings
    failed = bool(errors) or (strict and bool(warnings))
    if output_format == "json":
        json.dump({
            "ok": not failed,
            "errors": [_as_json(p, translations) for p in errors],
            "warnings": [_as_json(p, translations) for p in warnings],
            "events": len(content.events) + len(content.drafts),
            "centers": len(content.centers),
        }, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        raise SystemExit(1 if failed else 0)
    warning_word = _("warning")
    for problem in sorted([*errors, *warnings], key=lambda p: p.key):
        line = problem.text(translations.gettext, warning_word)
        click.echo(colour(line, fg="yellow") if problem.warning else colour(line, fg="red"))
    summary = _("{errors} and {warnings} in {events} and {centers}.").format(
        errors=translations.ngettext("{n} error", "{n} errors", len(errors)).format(n=len(errors)),
        warnings=translations.ngettext("{n} warning", "{n} warnings", len(warnings)).format(n=len(warnings)),
        events=translations.ngettext("{n} event", "{n} events", len(content.events) + len(content.drafts)).format(
            n=len(content.events) + len(content.drafts)),
        centers=translations.ngettext("{n} centre", "{n} centres", len(content.centers)).format(n=len(content.centers)))
    click.echo(colour(summary, bold=True))
    raise SystemExit(1 if failed else 0)


def _as_json(problem, translations) -> dict:
    return {"path": problem.path, "line": problem.line, "message": problem.message.render(translations.gettext),
            "severity": "warning" if problem.warning else "error"}
