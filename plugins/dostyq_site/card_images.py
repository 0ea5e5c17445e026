"""The social cards of one language (dostyq.social_cards draws them): what each
card says, and a cache of drawn cards by what they say, so that a rebuild, or
the next day's build, draws only the cards whose words or picture changed."""
from __future__ import annotations

import os
from pathlib import Path

from dostyq import build_cache
from dostyq.social_cards import CardText, draw_card


class CardPainter:
    def __init__(self, view, cache_dir: Path | None):
        self.view = view
        self.folder = cache_dir / "cards" if cache_dir else None

    def event(self, event, occurrence) -> bytes:
        view = self.view
        lines = (view.when(occurrence) if occurrence else "", view.location_text(event) or "")
        picture = event.image.path if event.image else next(
            (view.center(c).logo.path for c in event.centers if view.center(c).logo), None)
        return self.draw(CardText(title=view.text(event.title).value, lines=tuple(line for line in lines if line),
                                  site_name=view.gettext("Houses of Friendship"),
                                  label=view.category_label(event.category), lang=view.lang), picture)

    def center(self, center) -> bytes:
        view = self.view
        place = view.place(center.place)
        address = view.text(place.address) if place and place.address else view.text(center.address)
        return self.draw(CardText(title=view.text(center.name).value, lines=(address.value,) if address else (),
                                  site_name=view.gettext("Houses of Friendship"),
                                  label=view.kind_label(center.kind), lang=view.lang),
                         center.logo.path if center.logo else None)

    def site(self) -> bytes:
        view = self.view
        return self.draw(CardText(title=view.gettext("Houses of Friendship: events"), lines=(view.gettext(
            "Events of the ethnocultural centres, collectives and councils of the Houses of Friendship."),),
            site_name=view.gettext("Houses of Friendship"), lang=view.lang), None)

    def draw(self, text: CardText, picture: str | None) -> bytes:
        source = self.view.pictures[picture].preview if picture else None
        if self.folder is None:
            return draw_card(text, source)
        kept = self.folder / f"{build_cache.key(build_cache.code_key(), text, self.view.pictures_key([picture] if picture else []))}.png"
        try:
            return kept.read_bytes()
        except OSError:
            pass
        png = draw_card(text, source)
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = kept.with_suffix(f".{os.getpid()}")
        temporary.write_bytes(png)
        os.replace(temporary, kept)  # a card is read whole or not at all
        return png
