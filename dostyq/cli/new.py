"""`dostyq new event|center`: start an entry with the facts it needs, checked as
they are typed, in a file that passes `dostyq check`."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

import click

from ..authoring.entry_files import entry_text, taken_names, write_new
from ..authoring.slugs import slugify, unique
from ..config import SiteConfig
from ..messages import Message
from ..model import KINDS
from ..model import fields as f
from ..model.places import load_places
from ..model.problems import Problems
from . import content_option, load_config, settings_option, words


@click.group()
def new():
    """Start a new entry: `dostyq new event` or `dostyq new center`."""


class Asker:
    """Takes each value from its option or, on a terminal, asks for it; every value
    goes through the content model's own checker."""

    def __init__(self, lang: str, config: SiteConfig, content: Path, interactive: bool):
        self.translations = words(lang)
        self.context = f.Context(config, content, content)
        self.interactive = interactive

    def _(self, text: str) -> str:
        return self.translations.gettext(text)

    def value(self, option: str, given: Any, label: str, check: Callable, required: bool = True,
              choices: tuple[str, ...] | None = None):
        if given is not None:
            return self._checked(option, given, check)
        if not self.interactive:
            if required:
                raise click.UsageError(self._("{option} is needed (or run the command on a terminal to be asked)")
                                       .format(option=option))
            return None
        while True:
            shown = f"{label} ({', '.join(choices)})" if choices else label
            answer = click.prompt(shown, default="" if not required else None, show_default=False).strip()
            if not answer and not required:
                return None
            try:
                return check(answer, self.context)
            except f.Invalid as exc:
                click.echo(exc.message.render(self.translations.gettext), err=True)

    def _checked(self, option: str, given: Any, check: Callable):
        try:
            return check(given, self.context)
        except f.Invalid as exc:
            raise click.BadParameter(exc.message.render(self.translations.gettext), param_hint=option) from None


def _centres(ids: set[str]) -> Callable:
    """Centre ids, comma-separated when typed, each of an existing centre."""
    def check(value: Any, ctx: f.Context) -> tuple[str, ...]:
        listed = [v.strip() for v in value.split(",") if v.strip()] if isinstance(value, str) else value
        for item in f.identifier_list(listed, ctx):
            if item not in ids:
                raise f.Invalid(Message("unknown centre `{id}`: there is no centers/{id}.<lang>.md{hint}",
                                        id=item, hint=f.did_you_mean(item, ids)))
        return tuple(listed)
    return check


def _place(ids: set[str]) -> Callable:
    def check(value: Any, ctx: f.Context) -> str:
        place = f.identifier(value.strip() if isinstance(value, str) else value, ctx)
        if place not in ids:
            raise f.Invalid(Message("unknown place `{id}`: it is not in places.yml{hint}",
                                    id=place, hint=f.did_you_mean(place, ids)))
        return place
    return check


def _lang(lang: str | None, config: SiteConfig) -> str:
    lang = lang or config.default_language
    if lang not in config.languages:
        raise click.BadParameter(f"{lang!r} is not one of the site's languages: {', '.join(config.languages)}",
                                 param_hint="--lang")
    return lang


def _write(path: Path, text: str) -> None:
    write_new(path, text)
    click.echo(str(path))


@new.command("event")
@content_option
@click.option("--lang", help="The language of the file (default: the site's first language).")
@click.option("--title", help="The title, in that language.")
@click.option("--start", help='"2026-05-01" (all day) or "2026-05-01 18:00".')
@click.option("--end", help="The last day of an all-day event, or the end time.")
@click.option("--category", help="festival, holiday, forum, meeting, round-table, concert, ...")
@click.option("--center", "centers", multiple=True, help="A centre taking part (repeat for several).")
@click.option("--place", help="A place id from places.yml.")
@settings_option
def new_event(content: Path, lang, title, start, end, category, centers, place, settings_file):
    """Write a new event file, content/events/<year>/<slug>.<lang>.md.

    Asks for what is missing on a terminal; in scripts, give --title, --start and
    --category. The slug comes from the title (Kazakh and Russian letters become
    latin ones), never takes one already used, and the file gets its own `id`.

    \b
    Example:
      dostyq new event --lang ru --title "Праздник Наурыз" --start 2027-03-21 \\
          --category holiday --center tatar-tugan-tel --place oskemen-house-of-friendship
    """
    config = load_config(settings_file)
    lang = _lang(lang, config)
    asker = Asker(lang, config, content, sys.stdin.isatty())
    _ = asker._
    center_ids = {p.name.split(".", 1)[0] for p in (content / "centers").glob("*.md")}
    place_ids = set(load_places(content / "places.yml" if (content / "places.yml").is_file() else None,
                                config, Problems()).places)
    title = asker.value("--title", title, _("Title"), f.line_of_text)
    start = asker.value("--start", start, _("Start (2026-05-01 or 2026-05-01 18:00)"), f.moment)
    end = asker.value("--end", end, _("End (empty: one day, or two hours)"), f.moment, required=False)
    category = asker.value("--category", category, _("Category"), f.category, choices=config.categories)
    centers = asker.value("--center", list(centers) or None, _("Centres (ids, separated by commas)"),
                          _centres(center_ids), required=False)
    place = asker.value("--place", place, _("Place (an id from places.yml)"), _place(place_ids), required=False)
    slug = unique(slugify(title), taken_names(content / "events"))
    path = content / "events" / str(start.year) / f"{slug}.{lang}.md"
    fields = [("title", title), ("start", start), ("end", end), ("category", category), ("centers", centers),
              ("place", place), ("id", slug)]
    _write(path, entry_text(fields))
    others = [code for code in config.languages if code != lang]
    if others:
        click.echo(_("Write the text under the `---` line. A translation goes in {files}, with its own title and text.")
                   .format(files=", ".join(str(path.with_name(f"{slug}.{code}.md")) for code in others)), err=True)


@new.command("center")
@content_option
@click.option("--lang", help="The language of the file (default: the site's first language).")
@click.option("--name", help="The name, in that language.")
@click.option("--kind", type=click.Choice(KINDS), help="What it is (default: ethnocultural-center).")
@click.option("--parent", help="The centre a collective or branch belongs to.")
@settings_option
def new_center(content: Path, lang, name, kind, parent, settings_file):
    """Write a new centre file, content/centers/<id>.<lang>.md.

    \b
    Example:
      dostyq new center --lang kk --name "«Шаңырақ» ансамблі" --kind collective --parent kazakh-center
    """
    config = load_config(settings_file)
    lang = _lang(lang, config)
    asker = Asker(lang, config, content, sys.stdin.isatty())
    _ = asker._
    center_ids = {p.name.split(".", 1)[0] for p in (content / "centers").glob("*.md")}
    name = asker.value("--name", name, _("Name"), f.line_of_text)
    kind = asker.value("--kind", kind, _("Kind"), f.choice(*KINDS), required=False, choices=KINDS)
    parent = asker.value("--parent", parent, _("Part of (a centre id; empty if none)"),
                         lambda v, ctx: _centres(center_ids)(v, ctx)[0], required=False)
    center_id = unique(slugify(name), center_ids)
    path = content / "centers" / f"{center_id}.{lang}.md"
    _write(path, entry_text([("name", name), ("kind", kind), ("parent", parent)]))
