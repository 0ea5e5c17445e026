"""What a shared link shows and where it can be shared: the page's OpenGraph and
Twitter card values, and the share row of event and centre pages (plain links
to each network's own share form, which work without script)."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from dostyq import urls

from .views import short_text

OG_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_US"}  # OpenGraph's language_TERRITORY
DESCRIPTION_LENGTH = 200  # what search engines and link previews show of a description
CARD_SIZE = (1200, 630)
# an entry's own picture smaller than this is shown blurred or not at all in link
# previews (Facebook asks for 600x315 for a large one): the card is shared instead
SMALLEST_SHARED = (600, 315)


@dataclass(frozen=True)
class Picture:
    url: str  # absolute
    width: int
    height: int
    alt: str
    type: str = "image/png"


@dataclass(frozen=True)
class Share:
    """The page as a shared link shows it."""

    title: str
    description: str
    url: str  # the canonical, absolute address
    picture: Picture


@dataclass(frozen=True)
class ShareLink:
    network: str  # telegram, whatsapp, vk, facebook, email
    label: str
    href: str


def share_links(url: str, title: str, gettext) -> list[ShareLink]:
    """Links that open each network's share form with the page's address (and
    title where the network takes one)."""
    return [
        ShareLink("telegram", "Telegram", "https://t.me/share/url?" + urls.form_encode({"url": url, "text": title})),
        ShareLink("whatsapp", "WhatsApp", "https://wa.me/?" + urls.form_encode({"text": f"{title} {url}"})),
        ShareLink("vk", gettext("VK"), "https://vk.com/share.php?" + urls.form_encode({"url": url, "title": title})),
        ShareLink("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?" + urls.form_encode({"u": url})),
        # mailto: takes percent-encoding (RFC 6068), where a `+` would stay a plus
        ShareLink("email", gettext("E-mail"),
                  f"mailto:?subject={quote(title, safe='')}&body={quote(f'{title}{chr(10)}{url}', safe='')}"),
    ]


def og_locale(lang: str) -> str:
    return OG_LOCALES.get(lang, f"{lang}_KZ")


def description(text: str) -> str:
    """One line of at most DESCRIPTION_LENGTH characters (the ellipsis included), cut between words."""
    return short_text(" ".join(text.split()), DESCRIPTION_LENGTH - 1)


# --- what pages share ---------------------------------------------------------

def event_share(view, event, occurrence) -> Share:
    title = view.text(event.title).value
    summary = view.text(event.summary)
    text = summary.value if summary else (view.text(event.body_text).value if view.text(event.body_text) else "")
    when = view.when(occurrence) if occurrence else ""
    where = view.location_text(event) or ""
    lead = " · ".join(filter(None, [when, where]))
    own = view.picture(event.image.path) if event.image else None
    if own and own.width >= SMALLEST_SHARED[0] and own.height >= SMALLEST_SHARED[1]:
        alt = view.text(event.image_alt)
        picture = Picture(own.absolute, own.width, own.height, alt.value if alt else title, own.mime)
    else:
        picture = card_picture(view, urls.event_card(view.lang, event.slug), title)
    return Share(title, description(". ".join(filter(None, [lead, text]))), view.absolute(urls.event(view.lang, event.slug)),
                 picture)


def center_share(view, center) -> Share:
    name = view.text(center.name).value
    body = view.text(center.body_text)
    return Share(name, description(body.value if body else name), view.absolute(urls.center(view.lang, center.id)),
                 card_picture(view, urls.center_card(view.lang, center.id), name))


def card_picture(view, path: str, title: str) -> Picture:
    return Picture(view.absolute(path), *CARD_SIZE, title)


def site_picture(view) -> Picture:
    return card_picture(view, urls.site_card(view.lang), view.gettext("Houses of Friendship: events"))
