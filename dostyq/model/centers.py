"""Centres: `content/centers/<id>.<lang>.md` — ethnocultural centres, collectives, councils, clubs."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import fields as f
from .entries import Field, Localized, Merged, localized, render_bodies
from .markdown import first_paragraph
from .problems import Problems

KINDS = ("ethnocultural-center", "collective", "council", "club")

CENTER_FIELDS = {
    "name": Field(f.line_of_text, per_language=True, required=True),
    "kind": Field(f.choice(*KINDS)),
    "ethnos": Field(f.line_of_text, per_language=True),
    "parent": Field(f.identifier),
    "founded": Field(f.year_or_date),
    "leader": Field(f.line_of_text),
    "phone": Field(f.phone),
    "email": Field(f.email),
    "website": Field(f.url),
    "social": Field(f.social),
    "place": Field(f.identifier),
    "address": Field(f.line_of_text, per_language=True),
    "logo": Field(f.image),
    "order": Field(f.number),
    "aliases": Field(f.aliases),  # earlier addresses: the build leaves a redirect at each
}


@dataclass(frozen=True)
class Center:
    id: str
    files: dict[str, str]  # language -> file (its real path)
    name: Localized[str]
    kind: str
    ethnos: Localized[str]
    parent: str | None
    founded: int | dt.date | None
    leader: str | None
    phone: str | None
    email: str | None
    website: str | None
    social: tuple[tuple[str, str], ...]
    place: str | None
    address: Localized[str]
    logo: f.Picture | None
    order: float | None
    body_html: Localized[str]
    body_text: Localized[str]
    summary: Localized[str]
    aliases: tuple[str, ...] = ()  # earlier ids or root-relative addresses (fields.aliases)
    fingerprint: str = ""  # the hash of its files: what pages made from it depend on

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.files)


def build_center(merged: Merged, config, problems: Problems) -> Center | None:
    bodies = render_bodies(merged, problems)
    if bodies is None:
        return None
    return Center(
        id=merged.key,
        files={lang: str(src.path) for lang, src in merged.sources.items()},
        name=localized(merged, "name", config),
        kind=merged.fact("kind", "ethnocultural-center"),
        ethnos=localized(merged, "ethnos", config),
        parent=merged.fact("parent"),
        founded=merged.fact("founded"),
        leader=merged.fact("leader"),
        phone=merged.fact("phone"),
        email=merged.fact("email"),
        website=merged.fact("website"),
        social=merged.fact("social", ()),
        place=merged.fact("place"),
        address=localized(merged, "address", config),
        logo=merged.fact("logo"),
        order=merged.fact("order"),
        body_html=Localized({lang: body.html for lang, body in bodies.items()}, config),
        body_text=Localized({lang: body.text for lang, body in bodies.items()}, config),
        summary=Localized({lang: first_paragraph(body.text) for lang, body in bodies.items()}, config),
        aliases=merged.fact("aliases", ()),
    )
