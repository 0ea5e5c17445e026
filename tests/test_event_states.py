"""What an event page and a card say about the event's state, in the fixture site
(today = 2026-11-23): over, cancelled, postponed, or still to come."""
from __future__ import annotations

import re

from conftest import read


def page(site, path: str) -> str:
    """A page's HTML; Babel's no-break spaces ("2026\u00a0ж.") read as spaces here."""
    return read(site / path / "index.html").replace("\u00a0", " ").replace("\u202f", " ")


def test_a_past_event_says_so_with_its_date_and_offers_no_calendar_links(site):
    for lang, notice in (("kk", "Бұл іс-шара өтіп кетті: 2026 ж. 21–23 наурыз"),
                         ("ru", "Это мероприятие уже прошло: 21–23 марта 2026 г.")):
        html = page(site, f"{lang}/events/nauryz")
        assert f'<p class="ended-notice">{notice}' in html
        assert 'class="event category-holiday status-scheduled is-past"' in html
        assert "event.ics" not in html and "calendar.google.com" not in html and "data-end" not in html


def test_a_cancelled_event_will_not_take_place_and_offers_no_calendar_links(site):
    html = page(site, "ru/events/omsk-forum")
    assert '<p class="status-banner status-cancelled"><strong>Это мероприятие не состоится.</strong> Из-за погоды</p>' in html
    assert "ended-notice" not in html and "event.ics" not in html and "calendar.google.com" not in html


def test_an_event_still_to_come_carries_its_end_for_the_script(site):
    """Read after it ends (past.js marks the article), the page shows the notice it
    already has, hidden, and the stylesheet hides the calendar links."""
    html = page(site, "ru/events/today-meeting")
    assert '<article class="event category-meeting status-scheduled" data-end="2026-11-23T12:00:00Z">' in html
    assert '<p class="ended-notice" hidden>Это мероприятие уже прошло: 23 ноября 2026 г., 15:00–17:00' in html
    assert 'href="/ru/events/today-meeting/event.ics"' in html
    # a repeating event is not over when its next date is
    club = page(site, "ru/events/language-club")
    assert "ended-notice" not in club and "<article class=\"event category-seminar status-scheduled\">" in club


def test_cards_show_the_date_category_and_status(site):
    html = page(site, "ru/categories/forum")
    [card] = re.findall(r'<li class="event-card[^"]*"[^>]*>.*?</li>', html, re.S)[:1]
    assert card.startswith('<li class="event-card category-forum status-cancelled is-off"')
    assert '<span class="chip category-forum">Форум</span> <strong class="status status-cancelled">Отменено</strong>' in card
    assert ('<p class="card-date" aria-hidden="true"><span class="card-weekday">сб</span> <span class="card-day">5</span> '
            '<span class="card-month">дек.</span></p>') in card
    assert '<img src="/theme/icons/forum.svg" alt="" width="32" height="32">' in card  # no picture: the category's icon
    club = page(site, "kk/categories/seminar")
    assert '<picture class="card-thumb">' in club and 'sizes="6rem"' in club  # the club's picture, small


def test_every_page_has_the_sites_icon(site):
    for path in ("kk/index.html", "ru/events/nauryz/index.html", "index.html", "404.html"):
        html = read(site / path)
        assert '<link rel="icon" href="/theme/favicon.ico" sizes="32x32">' in html
        assert '<link rel="icon" href="/theme/icon.svg" type="image/svg+xml">' in html
    assert (site / "theme" / "favicon.ico").is_file() and (site / "theme" / "icon.svg").is_file()
