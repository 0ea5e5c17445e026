"""Old addresses that keep working (spec/site.md: "a renamed entry leaves a redirect").

- Every `aliases` entry of an event or a centre gets a small page at the old
  address (an immediate refresh, `rel=canonical` to the new page, a visible link,
  `noindex`) for any static host, and a line in `nginx-redirects.map`, which
  deploy/nginx/dostyq.conf turns into real 301 redirects.
- The build remembers each event's slug by its `id` in the output folder
  (`.dostyq-addresses`). When an event keeps its `id` and changes its slug, the
  next build into that folder keeps a redirect from the old address and warns:
  a build from scratch knows nothing of the old slug, so the editor should add
  it to `aliases`. The redirect is kept by every later build into the folder
  until the alias is there (then the alias makes it), or the event is gone.

Cheap: made again by every build (there are few).
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from dostyq import urls
from dostyq.messages import Message
from dostyq.model import Content, Event
from dostyq.model.problems import Problems
from dostyq.output import SiteOutput


@dataclass(frozen=True)
class Redirect:
    old: str  # the old address, relative to the site's root: `kk/events/old-slug/`, `ru/news/x.html`
    new: str  # the page it leads to: `kk/events/new-slug/`
    lang: str  # that page's language
    entry: object  # the event or centre


@dataclass(frozen=True)
class Plan:
    redirects: list[Redirect]
    kept: dict[str, str]  # old slug -> event id: redirects no alias makes (renames this folder has seen)
    slugs: dict[str, str]  # event id -> slug, for the next build


def read_state(output: Path) -> dict:
    """What the last build into `output` remembered; nothing when it is missing or damaged."""
    try:
        state = json.loads((output / urls.ADDRESSES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(state, dict):
        return {}
    return {name: {k: v for k, v in part.items() if isinstance(k, str) and isinstance(v, str)}
            for name in ("slugs", "kept") if isinstance(part := state.get(name), dict)}


def plan(content: Content, languages: tuple[str, ...], state: dict) -> Plan:
    """The redirects this build makes: from `aliases`, and from the renames of
    events with an `id` seen by the builds into this folder."""
    events = {e.id: e for e in content.events}
    live = {e.slug for e in content.events}
    redirects: list[Redirect] = []
    from_aliases: set[str] = set()
    for section, entries, page in (("events", content.events, urls.event),
                                   ("centers", content.centers.values(), urls.center)):
        for entry in entries:
            name = entry.slug if section == "events" else entry.id
            for alias in entry.aliases:
                for lang, old in urls.alias_addresses(alias, section, languages):
                    redirects.append(Redirect(old, page(lang, name), lang, entry))
                    from_aliases.add(old)
    candidates = dict(state.get("kept", {}))
    for event_id, old_slug in state.get("slugs", {}).items():
        if event_id in events and events[event_id].slug != old_slug:
            candidates[old_slug] = event_id
    kept = {}
    for old_slug, event_id in sorted(candidates.items()):
        event = events.get(event_id)
        olds = [urls.event(lang, old_slug) for lang in languages]
        if event is None or old_slug in live or any(old in from_aliases for old in olds):
            continue  # the event is gone, the slug is taken again, or an alias now makes the redirect
        kept[old_slug] = event_id
        redirects += [Redirect(old, urls.event(lang, event.slug), lang, event) for lang, old in zip(languages, olds)]
    return Plan(sorted(redirects, key=lambda r: r.old), kept, {e.id: e.slug for e in content.events})


def warnings(found: Plan, languages: tuple[str, ...], problems: Problems) -> None:
    """One warning per kept rename, at the event's first file."""
    events = {r.entry.id: r.entry for r in found.redirects if isinstance(r.entry, Event)}
    lang = languages[0]
    for old_slug, event_id in found.kept.items():
        event = events[event_id]
        problems.warn(next(iter(event.files.values())), 1, Message(
            "the address of this event changed from /{old} to /{new}; this build keeps a redirect from the old "
            "address, but a build from scratch will not: add `aliases: [{slug}]` to the entry",
            old=urls.event(lang, old_slug), new=urls.event(lang, event.slug), slug=old_slug))


def nginx_map(redirects: list[Redirect]) -> bytes:
    """`map` lines for deploy/nginx/dostyq.conf: the old address, also without its
    final slash and as its index.html, -> the new one. Addresses hold only URL-safe
    characters (model.fields.aliases), so nothing needs quoting."""
    lines = {}
    for r in redirects:
        olds = [r.old, r.old.rstrip("/"), r.old + "index.html"] if r.old.endswith("/") else [r.old]
        for old in olds:
            lines[f"/{old}"] = f"/{r.new}"
    header = "# Old addresses -> new, written by the build (plugins/dostyq_site/redirects.py) for nginx's `map`\n"
    return (header + "".join(f"{old} {new};\n" for old, new in sorted(lines.items()))).encode("utf-8")


def write_redirects(output: SiteOutput, content: Content, languages: tuple[str, ...], render) -> None:
    """The redirect pages, the nginx map and what the next build needs to know;
    `render(redirect)` makes a page."""
    found = plan(content, languages, read_state(output.target))
    problems = Problems(Path.cwd())
    warnings(found, languages, problems)
    for warning in problems.warnings:
        print(warning, file=sys.stderr)
    for redirect in found.redirects:
        output.write(urls.save_as(redirect.old), render(redirect))
    output.write(urls.NGINX_REDIRECTS, nginx_map(found.redirects))
    state = {"slugs": dict(sorted(found.slugs.items())), "kept": found.kept}
    output.write(urls.ADDRESSES, (json.dumps(state, ensure_ascii=False, indent=0) + "\n").encode("utf-8"))
