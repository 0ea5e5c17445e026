"""`dostyq post SLUG`: the ready social-media post of an event, as the build
publishes it at /<lang>/events/<slug>/post.txt (dostyq.posts)."""
from __future__ import annotations

from pathlib import Path

import click

from ..calendar.occurrences import occurrences
from ..i18n import load_translations
from ..model import check_content
from ..posts import post_for_event
from ..settings import read_settings
from . import content_option, load_config, settings_option, words


@click.command()
@click.argument("slug")
@click.option("--lang", default=None, help="The post's language (kk, ru); default: the site's first language.")
@content_option
@settings_option
def post(slug: str, lang: str | None, content: Path, settings_file: Path):
    """Print the ready post of the event SLUG: title, date and time in words,
    place, a short summary, the event page's address and hashtags, within
    Telegram's 1 024 characters for a photo's caption. Paste it into Telegram,
    Instagram or Facebook.

    \b
    Examples:
      dostyq post nauryz-2026
      dostyq post nauryz-2026 --lang ru | xclip -selection clipboard
    """
    config = load_config(settings_file)
    lang = lang or config.default_language
    _ = words(lang if lang in ("kk", "ru") else None).gettext
    if lang not in config.languages:
        raise click.BadParameter(_("the site's languages are {languages}").format(
            languages=", ".join(config.languages)), param_hint="--lang")
    found, problems = check_content(content, config, display_root=Path.cwd())
    if problems.errors:
        for problem in problems.errors:
            click.echo(problem.text(words(lang).gettext, _("warning")), err=True)
        raise SystemExit(1)
    event = next((e for e in found.events if e.slug == slug), None)
    if event is None:
        raise click.ClickException(_("no published event has the slug {slug}").format(slug=slug))
    theme = settings_file.parent / str(read_settings(settings_file).get("THEME", "theme"))
    gettext = load_translations(theme / "translations", lang).gettext
    click.echo(post_for_event(event, occurrences(event, config), found, config, lang, config.build_today(), gettext),
               nl=False)
