"""`dostyq import-ics FILE`: a house moves its calendar (an export of Google
Calendar, Outlook or Thunderbird) into entries, and can import it again later."""
from __future__ import annotations

from pathlib import Path

import click

from ..authoring.entry_files import entries_by_uid, entry_text, merged_entry_text, taken_names, write_new
from ..authoring.ics_import import NotACalendar, read_calendar
from ..authoring.slugs import slugify, unique
from ..model import fields as f
from . import content_option, load_config, settings_option, words
from ..progress import progress

# What an import writes, and so replaces in an entry it made before; everything
# else an editor added (place, photos, participants...) stays.
OWNED = {"title", "start", "end", "timezone", "rrule", "dates", "except", "location", "url", "tags", "status", "uid"}


@click.command("import-ics")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@content_option
@click.option("--lang", help="The language of the calendar's texts (default: the site's first language).")
@click.option("--category", help="The category of every imported event (default: other, or what an earlier import "
                                 "or an editor set).")
@click.option("--center", "centers", multiple=True, help="A centre the events belong to (repeat for several).")
@click.option("--quiet", is_flag=True, help="Print only problems.")
@settings_option
def import_ics(file: Path, content: Path, lang, category, centers, quiet, settings_file):
    """Turn the events of a calendar FILE (.ics) into entries of the content folder.

    Times, repetition (RRULE, EXDATE, RDATE), moved or cancelled instances,
    all-day and multi-day events come out as calendar apps show them. Each entry
    keeps its event's UID, so importing the same file again changes nothing and
    importing a newer export updates the entries it made.

    \b
    Example:
      dostyq import-ics google-export.ics --content content --lang ru --category meeting --center tatar-tugan-tel
    """
    config = load_config(settings_file)
    lang = lang or config.default_language
    if lang not in config.languages:
        raise click.BadParameter(f"{lang!r} is not one of the site's languages: {', '.join(config.languages)}",
                                 param_hint="--lang")
    translations = words(lang)
    _ = translations.gettext
    context = f.Context(config, content, content)
    try:
        chosen_category = f.category(category, context) if category else None
    except f.Invalid as exc:
        raise click.BadParameter(exc.message.render(_), param_hint="--category") from None
    known_centres = {p.name.split(".", 1)[0] for p in (content / "centers").glob("*.md")}
    for centre in centers:
        if centre not in known_centres:
            raise click.BadParameter(_("unknown centre `{id}`").format(id=centre), param_hint="--center")
    try:
        imported, skipped = read_calendar(file.read_bytes(), config.timezone)
    except NotACalendar as exc:
        raise click.ClickException(_("{file} is not a calendar file: {reason}").format(file=file, reason=exc)) from None

    owned = OWNED | ({"category"} if chosen_category else set()) | ({"centers"} if centers else set())
    existing = entries_by_uid(content / "events")
    taken = taken_names(content / "events")
    counts = {"new": 0, "updated": 0, "unchanged": 0}
    with progress(len(imported), _("Importing"), quiet) as advance:
        for event in imported:
            files = existing.get(event.uid)
            fields = list(event.fields)
            at = next(i for i, (name, _value) in enumerate(fields) if name in ("rrule", "dates", "except", "location",
                                                                               "url", "tags", "status", "uid"))
            fields[at:at] = [("category", chosen_category), ("centers", list(centers))]
            if files:
                some = next(iter(files.values()))
                path = files.get(lang) or some.with_name(f"{some.name.split('.', 1)[0]}.{lang}.md")
                old = path.read_text(encoding="utf-8") if path.exists() else ""
                text = merged_entry_text(fields, event.body, old, owned)
                if text == old:
                    counts["unchanged"] += 1
                else:
                    path.write_text(text, encoding="utf-8")
                    counts["updated" if old else "new"] += 1
                    if not quiet:
                        click.echo(str(path))
            else:
                slug = unique(slugify(event.title), taken)
                taken.add(slug)
                if not chosen_category:
                    fields = [(n, v if n != "category" else "other") for n, v in fields]
                path = content / "events" / str(event.start.year) / f"{slug}.{lang}.md"
                write_new(path, entry_text([*fields, ("id", slug)], event.body))
                counts["new"] += 1
                if not quiet:
                    click.echo(str(path))
            advance()
    for item in skipped:
        click.echo(_("not imported: {title} ({uid}): {reason}").format(
            title=item.title or "?", uid=item.uid, reason=item.reason.render(_)), err=True)
    click.echo(_("{new} new, {updated} updated, {unchanged} unchanged, {skipped} not imported.").format(
        skipped=len(skipped), **counts), err=True)
    raise SystemExit(1 if skipped else 0)
