"""The social cards of one language: what each card says (dostyq.social_cards
draws them). The pages decide when to draw one again (pages.PageWriter.card)."""
from __future__ import annotations

from dostyq.social_cards import CardText, draw_card


class CardPainter:
    def __init__(self, view):
        self.view = view

    def event(self, event, occurrence) -> tuple[CardText, str | None]:
        """What the event's card shows, and its picture (a content path)."""
        view = self.view
        lines = (view.when(occurrence) if occurrence else "", view.location_text(event) or "")
        picture = event.image.path if event.image else next(
            (view.center(c).logo.path for c in event.centers if view.center(c).logo), None)
        return CardText(title=view.text(event.title).value, lines=tuple(line for line in lines if line),
                        site_name=view.gettext("Houses of Friendship"), label=view.category_label(event.category),
                        lang=view.lang), picture

    def center(self, center) -> tuple[CardText, str | None]:
        view = self.view
        place = view.place(center.place)
        address = view.text(place.address) if place and place.address else view.text(center.address)
        return CardText(title=view.text(center.name).value, lines=(address.value,) if address else (),
                        site_name=view.gettext("Houses of Friendship"), label=view.kind_name(center.kind),
                        lang=view.lang), center.logo.path if center.logo else None

    def site(self) -> tuple[CardText, None]:
        view = self.view
        return CardText(title=view.gettext("Houses of Friendship: events"), lines=(view.gettext(
            "Events of the ethnocultural centres, collectives and councils of the Houses of Friendship."),),
            site_name=view.gettext("Houses of Friendship"), lang=view.lang), None

    def draw(self, text: CardText, picture: str | None) -> bytes:
        return draw_card(text, self.view.pictures[picture].preview if picture else None)
