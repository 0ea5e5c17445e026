"""schema.org JSON-LD for search engines: an `Event` on event pages, an
`Organization` on centre pages (spec/site.md; Google's Event guidelines)."""
from __future__ import annotations

import datetime as dt
import json
import re
from zoneinfo import ZoneInfo

from markupsafe import Markup

from dostyq import urls

from .sharing import description

STATUSES = {"scheduled": "EventScheduled", "cancelled": "EventCancelled", "postponed": "EventPostponed",
            "rescheduled": "EventRescheduled"}
CURRENCIES = (("₸", "KZT"), ("тг", "KZT"), ("тең", "KZT"), ("kzt", "KZT"), ("₽", "RUB"), ("руб", "RUB"),
              ("$", "USD"), ("usd", "USD"), ("€", "EUR"))
COUNTRY = "KZ"


def script_json(data: dict) -> Markup:
    """JSON for a <script> element: `<`, `>` and `&` escaped as \\u003c etc., so no
    text can close the element or open a comment, and the JSON stays the same."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                  .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def moment(value: dt.date | dt.datetime) -> str:
    """ISO 8601: a date for all-day events, a local time with its UTC offset otherwise."""
    return value.isoformat(timespec="minutes") if isinstance(value, dt.datetime) else value.isoformat()


def event_data(view, event, occurrence, share) -> dict:
    """One Event: the occurrence the page leads with (the next one of a repeating
    event, or its last)."""
    data = {"@context": "https://schema.org", "@type": "Event", "name": view.text(event.title).value}
    if occurrence is not None:
        data["startDate"] = moment(occurrence.start)
        data["endDate"] = moment(occurrence.end)
    data["eventStatus"] = f"https://schema.org/{STATUSES[event.status]}"
    if event.previous_start is not None and event.status in ("rescheduled", "postponed"):
        previous = event.previous_start
        if isinstance(previous, dt.datetime):
            previous = previous.replace(tzinfo=ZoneInfo(event.timezone))
        data["previousStartDate"] = moment(previous)
    location = _location(view, event)
    if location:
        data["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
        data["location"] = location
    elif event.url:  # no place: an event held online, at its own address
        data["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
        data["location"] = {"@type": "VirtualLocation", "url": event.url}
    data["image"] = [share.picture.url]
    data["description"] = share.description
    data["url"] = share.url
    organizers = [_organization(view, view.center(c)) for c in event.centers]
    organizer = view.text(event.organizer)
    if organizer:
        organizers.append({"@type": "Organization", "name": organizer.value})
    if organizers:
        data["organizer"] = organizers if len(organizers) > 1 else organizers[0]
    offer = _offer(view, event, share.url)
    if offer:
        data["offers"] = offer
    return data


def center_data(view, center) -> dict:
    return {"@context": "https://schema.org", **_organization(view, center, full=True)}


def _organization(view, center, full: bool = False) -> dict:
    data = {"@type": "Organization", "name": view.text(center.name).value,
            "url": view.absolute(urls.center(view.lang, center.id))}
    if not full:
        return data
    body = view.text(center.body_text)
    if body:
        data["description"] = description(body.value)
    if center.logo:
        data["logo"] = view.picture(center.logo.path).absolute
    if center.email:
        data["email"] = center.email
    if center.phone:
        data["telephone"] = center.phone
    same_as = [url for url in [center.website, *(address for _, address in center.social)] if url]
    if same_as:
        data["sameAs"] = same_as
    place = view.place(center.place)
    if place:
        data["location"] = _place(view, place)
    elif view.text(center.address):
        data["address"] = {"@type": "PostalAddress", "streetAddress": view.text(center.address).value,
                           "addressCountry": COUNTRY}
    if center.parent:
        data["parentOrganization"] = _organization(view, view.center(center.parent))
    if center.founded:
        data["foundingDate"] = str(center.founded)
    return data


def _location(view, event) -> dict | None:
    place = view.place(event.place)
    room = view.text(event.location)
    if place:
        data = _place(view, place)
        if room:
            data["name"] = f"{data['name']}, {room.value}"
        return data
    if room:
        return {"@type": "Place", "name": room.value, "address": {"@type": "PostalAddress",
                                                                  "streetAddress": room.value,
                                                                  "addressCountry": COUNTRY}}
    # no place given: where its centre meets (search engines show no event without a place)
    for center_id in event.centers:
        center = view.center(center_id)
        if view.place(center.place):
            return _place(view, view.place(center.place))
    return None


def _place(view, place) -> dict:
    address = {"@type": "PostalAddress", "addressCountry": COUNTRY}
    if place.address:
        address["streetAddress"] = view.text(place.address).value
    city = view.city_label(place.city)
    if city:
        address["addressLocality"] = city.value
    district = view.text(view.content.districts[place.district]) if place.district in view.content.districts else None
    if district:
        address["addressRegion"] = district.value
    data = {"@type": "Place", "name": view.text(place.name).value, "address": address}
    if place.geo is not None:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": place.geo[0], "longitude": place.geo[1]}
    return data


def _offer(view, event, url: str) -> dict | None:
    if event.free:
        return {"@type": "Offer", "price": 0, "priceCurrency": "KZT", "url": url,
                "availability": "https://schema.org/InStock"}
    price = view.text(event.price)
    if not price:
        return None
    offer = {"@type": "Offer", "url": url, "description": price.value}
    amount = re.search(r"\d[\d\s\u00a0\u202f]*(?:[.,]\d+)?", price.value)
    if amount:
        offer["price"] = float(re.sub(r"[\s\u00a0\u202f]", "", amount.group()).replace(",", "."))
        if offer["price"].is_integer():
            offer["price"] = int(offer["price"])
        lowered = price.value.lower()
        offer["priceCurrency"] = next((code for sign, code in CURRENCIES if sign in lowered), "KZT")
    return offer
