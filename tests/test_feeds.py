"""Calendar feeds of the fixture site, read back with icalendar, recurring-ical-events
and vobject (parsers we did not write)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
import vobject

from conftest import FIXTURES, build_site, read
from dostyq.history import History

UTC = dt.timezone.utc


def feed(site: Path, path: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((site / path).read_bytes())


def events_of(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def all_feeds(site: Path) -> list[Path]:
    return sorted(site.rglob("*.ics"))


def test_every_feed_is_where_the_spec_puts_it(site):
    for lang in ("kk", "ru"):
        for path in ("calendar.ics", "centers/tatar-center/calendar.ics", "categories/holiday/calendar.ics",
                     "events/nauryz/event.ics", "events/omsk-forum/event.ics", "events/debates-2018/event.ics"):
            assert (site / lang / path).is_file(), f"{lang}/{path}"
    assert not list(site.glob("*/events/secret/event.ics"))  # drafts stay out


def test_lines_are_crlf_and_folded_at_75_octets_without_splitting_characters(site):
    for path in all_feeds(site):
        data = path.read_bytes()
        assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
        for line in data.split(b"\r\n")[:-1]:
            assert len(line) <= 75, (path, line)
            line.decode("utf-8")  # a character cut in two at a fold would fail here


def test_every_feed_reads_in_vobject_and_names_itself(site):
    for path in all_feeds(site):
        text = read(path)
        parsed = vobject.readOne(text)
        assert parsed.name == "VCALENDAR"
        cal = icalendar.Calendar.from_ical(text)
        for prop in ("NAME", "X-WR-CALNAME", "REFRESH-INTERVAL", "X-PUBLISHED-TTL", "URL", "PRODID", "VERSION"):
            assert prop in cal, (path, prop)
    cal = feed(site, "ru/calendar.ics")
    assert str(cal["X-WR-CALNAME"]) == "Дома дружбы: события" and str(cal["URL"]) == "https://dostyq.kz/ru/"
    assert str(feed(site, "kk/centers/tatar-center/calendar.ics")["NAME"]).startswith("«Туган тел» татар орталығы — ")


def test_uids_are_the_same_in_every_language_and_every_feed(site):
    kk, ru = events_of(feed(site, "kk/calendar.ics")), events_of(feed(site, "ru/calendar.ics"))
    assert set(kk) == set(ru) and "language-club@dostyq.kz" in kk
    assert set(events_of(feed(site, "kk/events/nauryz/event.ics"))) == {"nauryz@dostyq.kz"}


def test_timed_events_give_the_right_instant_in_every_zone(site):
    debates = events_of(feed(site, "kk/events/debates-2018/event.ics"))["debates-2018@dostyq.kz"]
    start = debates.decoded("DTSTART")
    assert start.tzinfo is not None and debates["DTSTART"].params["TZID"] == "Asia/Almaty"
    assert start.astimezone(UTC) == dt.datetime(2018, 3, 15, 4, tzinfo=UTC)  # Almaty was UTC+6 in 2018
    omsk = events_of(feed(site, "ru/events/omsk-forum/event.ics"))["omsk-forum@dostyq.kz"]
    assert omsk.decoded("DTSTART").astimezone(UTC) == dt.datetime(2026, 12, 5, 9, tzinfo=UTC)
    assert omsk.decoded("DTEND").astimezone(UTC) == dt.datetime(2026, 12, 5, 12, tzinfo=UTC)


def test_the_feed_carries_one_vtimezone_per_zone_true_for_its_years(site):
    cal = feed(site, "kk/events/debates-2018/event.ics")
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Almaty"]
    site_cal = feed(site, "kk/calendar.ics")
    tzids = [str(tz["TZID"]) for tz in site_cal.walk("VTIMEZONE")]
    assert sorted(tzids) == ["Asia/Almaty", "Asia/Omsk"] and len(tzids) == len(set(tzids))
    # the VTIMEZONE itself (not Python's tz database) says +06 in 2018 and +05 since 2024-03-01
    def offsets(cal):
        almaty = next(tz for tz in cal.walk("VTIMEZONE") if str(tz["TZID"]) == "Asia/Almaty")
        return {rule.decoded("TZOFFSETTO") for rule in almaty.walk("STANDARD")}

    assert offsets(cal) == {dt.timedelta(hours=6)}
    assert offsets(site_cal) == {dt.timedelta(hours=5)}


def test_all_day_events_use_dates_with_an_exclusive_end(site):
    nauryz = events_of(feed(site, "ru/events/nauryz/event.ics"))["nauryz@dostyq.kz"]
    assert nauryz["DTSTART"].to_ical() == b"20260321" and nauryz["DTSTART"].params.get("VALUE") == "DATE"
    assert nauryz["DTEND"].to_ical() == b"20260324"


def test_repetition_is_rrule_rdate_and_exdate_not_copies(site):
    cal = feed(site, "kk/calendar.ics")
    club = events_of(cal)["language-club@dostyq.kz"]
    assert club["RRULE"].to_ical() == b"FREQ=WEEKLY;COUNT=10;BYDAY=SA"
    assert [d.dt for d in club["EXDATE"].dts] == [dt.datetime(2026, 11, 28, 11, tzinfo=ZoneInfo("Asia/Almaty"))]
    starts = [e.decoded("DTSTART") for e in recurring_ical_events.of(cal).between((2026, 11, 1), (2027, 2, 1))
              if str(e["UID"]) == "language-club@dostyq.kz"]
    assert len(starts) == 9 and dt.date(2026, 11, 28) not in [s.date() for s in starts]
    assert starts[-1] == dt.datetime(2027, 1, 9, 11, tzinfo=ZoneInfo("Asia/Almaty"))
    maslenitsa = events_of(cal)["maslenitsa@dostyq.kz"]
    assert [d.dt for d in maslenitsa["RDATE"].dts] == [dt.date(2027, 3, 14), dt.date(2028, 2, 27)]
    unity = events_of(cal)["unity-day@dostyq.kz"]
    assert dict(unity["RRULE"]) == {"FREQ": ["YEARLY"], "BYMONTH": [5], "BYMONTHDAY": [1]}
    days = [e.decoded("DTSTART") for e in recurring_ical_events.of(cal).between((2027, 1, 1), (2029, 1, 1))
            if str(e["UID"]) == "unity-day@dostyq.kz"]
    assert days == [dt.date(2027, 5, 1), dt.date(2028, 5, 1)]


def test_cancelled_events_stay_with_their_status(site):
    omsk = events_of(feed(site, "kk/calendar.ics"))["omsk-forum@dostyq.kz"]
    assert omsk["STATUS"] == "CANCELLED" and str(omsk["SUMMARY"]).startswith("Өтпейді: ")
    assert "Ауа райына байланысты" in str(omsk["DESCRIPTION"])


def test_the_big_feeds_keep_a_window_and_event_files_keep_everything(site):
    uids = set(events_of(feed(site, "kk/calendar.ics")))
    assert "nauryz@dostyq.kz" not in uids and "debates-2018@dostyq.kz" not in uids  # ended long ago
    assert "maslenitsa@dostyq.kz" in uids  # its first date is old, its next ones are not
    assert "nauryz@dostyq.kz" not in set(events_of(feed(site, "kk/categories/holiday/calendar.ics")))
    assert (site / "kk/events/nauryz/event.ics").is_file()


def test_a_title_with_newlines_separators_and_end_vevent_leaves_the_feed_valid(site):
    for path in ("kk/calendar.ics", "kk/events/tricky-title/event.ics", "ru/categories/other/calendar.ics"):
        text = read(site / path)
        cal = icalendar.Calendar.from_ical(text)
        tricky = events_of(cal)["tricky-title@dostyq.kz"]
        assert str(tricky["SUMMARY"]) == "Бірінші жол A; B, C: END:VEVENT"
        assert "END:VCALENDAR" in str(tricky["DESCRIPTION"])  # the body's text, escaped
        assert text.splitlines().count("BEGIN:VEVENT") == len(cal.walk("VEVENT"))
        assert vobject.readOne(text).vevent_list  # another parser agrees it is whole


def test_event_details_location_geo_categories_organizer_image(site):
    club = events_of(feed(site, "ru/events/language-club/event.ics"))["language-club@dostyq.kz"]
    assert str(club["URL"]) == "https://dostyq.kz/ru/events/language-club/"
    assert club["CATEGORIES"].cats == ["Семинар"]
    assert str(club["ORGANIZER"]) == "mailto:tatar@example.kz" and club["ORGANIZER"].params["CN"] == "Татарский центр «Туган тел»"
    # the largest resized copy (the original, with its metadata, is not published)
    assert str(club["IMAGE"]) == "https://dostyq.kz/media/images/club-64.jpg"
    nauryz = events_of(feed(site, "ru/events/nauryz/event.ics"))["nauryz@dostyq.kz"]
    assert str(nauryz["LOCATION"]) == "Дом дружбы, г. Усть-Каменогорск, ул. Мира, 11"
    assert nauryz["GEO"].latitude == pytest.approx(49.948) and nauryz["GEO"].longitude == pytest.approx(82.628)
    assert "Праздник весны." in str(nauryz["DESCRIPTION"]) and "<p>" not in str(nauryz["DESCRIPTION"])


def test_centre_and_category_feeds_hold_their_own_events(site):
    assert set(events_of(feed(site, "kk/centers/tatar-center/calendar.ics"))) == {
        "language-club@dostyq.kz", "maslenitsa@dostyq.kz"}
    assert set(events_of(feed(site, "ru/categories/forum/calendar.ics"))) == {"omsk-forum@dostyq.kz"}


def test_stamps_come_from_the_entry_history_not_the_clock(site, tmp_path):
    from dostyq.config import SiteConfig
    from dostyq.model import load_content

    omsk_forum = next(e for e in load_content(FIXTURES / "site", SiteConfig()).events if e.slug == "omsk-forum")
    expected = History(FIXTURES / "site").modified(omsk_forum)
    omsk = events_of(feed(site, "kk/events/omsk-forum/event.ics"))["omsk-forum@dostyq.kz"]
    assert omsk.decoded("DTSTAMP") == omsk.decoded("LAST-MODIFIED") == expected
    later = build_site(FIXTURES / "site", tmp_path / "later", today=dt.date(2026, 11, 30))
    assert (later / "kk/events/omsk-forum/event.ics").read_bytes() == (site / "kk/events/omsk-forum/event.ics").read_bytes()


def test_pages_offer_subscriptions_and_add_to_calendar(site):
    home = read(site / "kk" / "index.html")
    assert 'href="webcal://dostyq.kz/kk/calendar.ics"' in home and 'href="/kk/calendar.ics"' in home
    centre = read(site / "ru" / "centers" / "tatar-center" / "index.html")
    assert 'href="webcal://dostyq.kz/ru/centers/tatar-center/calendar.ics"' in centre
    assert 'href="webcal://dostyq.kz/ru/categories/holiday/calendar.ics"' in read(site / "ru/categories/holiday/index.html")
    event = read(site / "ru" / "events" / "language-club" / "index.html")
    assert 'href="/ru/events/language-club/event.ics"' in event
    # a cancelled event and a past one offer nothing to add to a calendar
    for past_or_off in ("omsk-forum", "nauryz"):
        assert "event.ics" not in read(site / "ru" / "events" / past_or_off / "index.html")


def google_link(html: str) -> dict[str, list[str]]:
    href = html.split('href="https://calendar.google.com/calendar/render?', 1)[1].split('"', 1)[0]
    return parse_qs(urlparse("?" + href.replace("&amp;", "&")).query)


def test_google_calendar_links_carry_the_right_dates(tmp_path, content_copy):
    # pages of cancelled and past events offer no link: here the forum goes ahead and Nauryz is to come
    forum = content_copy / "events" / "2026" / "omsk-forum.kk.md"
    forum.write_text(read(forum).replace("status: cancelled\n", ""), encoding="utf-8")
    site = build_site(content_copy, tmp_path / "out", today=dt.date(2026, 3, 1))
    timed = google_link(read(site / "ru" / "events" / "omsk-forum" / "index.html"))
    assert timed["dates"] == ["20261205T090000Z/20261205T120000Z"] and timed["ctz"] == ["Asia/Omsk"]
    assert timed["text"] == ["Молодёжный форум в Омске"] and timed["action"] == ["TEMPLATE"]
    all_day = google_link(read(site / "kk" / "events" / "nauryz" / "index.html"))
    assert all_day["dates"] == ["20260321/20260324"]
    assert all_day["location"] == ["Достық үйі, Өскемен қ., Бейбітшілік к-сі, 11"]
    for page in site.glob("*/events/*/index.html"):  # the summary's start and the page: a link of sane length
        if "calendar.google.com" not in read(page):
            continue  # past by 1 March
        details = google_link(read(page))["details"][0]
        url = f"https://dostyq.kz/{page.relative_to(site).parent.as_posix()}/"
        assert details.endswith(url) and len(details) <= 100 + len("…\n\n") + len(url), details


def test_big_feeds_stay_within_their_size_budget_keeping_what_comes_soonest(site, tmp_path):
    budget = len((site / "kk" / "calendar.ics").read_bytes()) * 2 // 3
    out = build_site(FIXTURES / "site", tmp_path / "out", FEED_MAX_BYTES=budget)
    data = (out / "kk" / "calendar.ics").read_bytes()
    assert len(data) <= budget
    kept = set(events_of(icalendar.Calendar.from_ical(data)))
    # on 23 November, by next occurrence: today's meeting, the club (5 Dec, 11:00 Almaty),
    # the Omsk forum (5 Dec, 15:00 Omsk), the tricky title (10 Dec), Maslenitsa (2027), Unity Day (2027)
    soonest = ["today-meeting", "language-club", "omsk-forum", "tricky-title", "maslenitsa", "unity-day"]
    assert 1 <= len(kept) < len(soonest)
    assert kept == {f"{slug}@dostyq.kz" for slug in soonest[:len(kept)]}
    everything = events_of(feed(out, "kk/events/omsk-forum/event.ics"))  # event files are never cut
    assert list(everything) == ["omsk-forum@dostyq.kz"]


# --- the VEVENT is the one icalendar writes -----------------------------------

def icalendar_vevent(entry, config) -> icalendar.Event:
    """The reference: the event built as an icalendar component."""
    from dostyq.calendar.ics import STATUS, _moment, excluded_starts, feed_rule, uid

    event = entry.event
    component = icalendar.Event()
    component.add("uid", uid(event, config))
    component.add("dtstamp", entry.modified)
    component.add("last-modified", entry.modified)
    component.add("summary", entry.title)
    component.add("dtstart", _moment(event.start, event.timezone))
    end = event.end + dt.timedelta(days=1) if event.all_day else event.end
    component.add("dtend", _moment(end, event.timezone))
    rule = feed_rule(event)
    if rule:
        component.add("rrule", icalendar.vRecur.from_ical(rule))
    if event.dates:
        component.add("rdate", [_moment(d, event.timezone) for d in event.dates])
    excluded = excluded_starts(event, config)
    if excluded:
        component.add("exdate", [_moment(d, event.timezone) for d in excluded])
    component.add("status", STATUS[event.status])
    component.add("transp", "TRANSPARENT")
    component.add("categories", [entry.category])
    if entry.description:
        component.add("description", entry.description)
    component.add("url", icalendar.vUri(entry.url), parameters={"VALUE": "URI"})
    if entry.location:
        component.add("location", entry.location)
    if entry.geo:
        component.add("geo", entry.geo)
    if entry.image_url:
        component.add("image", icalendar.vUri(entry.image_url), parameters={"VALUE": "URI", "DISPLAY": "BADGE"})
    if entry.organizer:
        name, email = entry.organizer
        component.add("organizer", f"mailto:{email}", parameters={"CN": name})
    return component


AWKWARD_TEXTS = [
    "Наурыз мейрамы",
    "A; B, C: END:VEVENT\nBEGIN:VCALENDAR",
    'Back\\slash, "quotes", ^caret^ and\r\nwindows lines',
    "Ақсақалдар кеңесі 🎉 " * 12,  # long: folded between characters
    "x" * 73 + "\\" + "n",  # a backslash at the fold
    "",
]


def awkward_entries(text: str):
    from dostyq.calendar.ics import FeedEntry
    from dostyq.config import SiteConfig
    from dostyq.model import load_content

    config = SiteConfig(today=dt.date(2026, 11, 20))
    events = load_content(FIXTURES / "site", config).events
    assert len(events) > 5 and any(e.rrule for e in events) and any(e.dates for e in events)
    assert any(e.except_dates for e in events) and any(e.all_day for e in events)
    entries = []
    for n, event in enumerate(events):
        full = n % 2 == 0  # every other event without the optional properties
        entries.append(FeedEntry(
            event=event, title=text or "—", description=text, short_description=text[:10],
            url=f"https://dostyq.kz/kk/events/{event.slug}/", category=text or "other",
            location=text if full else None, geo=(49.948, 82.628) if full else None,
            image_url="https://dostyq.kz/media/images/club.png" if full else None,
            organizer=(text or "Орталық", "info@dostyq.kz") if full else None,
            modified=dt.datetime(2026, 3, 1, 9, 30, tzinfo=ZoneInfo("Asia/Almaty"))))
    return config, entries


@pytest.mark.parametrize("text", AWKWARD_TEXTS, ids=range(len(AWKWARD_TEXTS)))
def test_the_vevent_is_byte_for_byte_the_one_icalendar_writes(text):
    from dostyq.calendar.ics import vevent

    config, entries = awkward_entries(text)
    for entry in entries:
        assert vevent(entry, config) == icalendar_vevent(entry, config).to_ical(), entry.event.slug


@pytest.mark.parametrize("text", AWKWARD_TEXTS, ids=range(len(AWKWARD_TEXTS)))
def test_a_whole_feed_is_byte_for_byte_the_calendar_icalendar_writes(text):
    """Header, VTIMEZONEs and VEVENTs, spliced from parts made once, give what
    icalendar writes for the Calendar holding them all."""
    from dostyq.calendar.ics import FeedItem, _years, feed, vevent, vtimezone

    config, entries = awkward_entries(text)
    name, url = (text or "Барлық іс-шаралар") + " — Достық үйлері", "https://dostyq.kz/kk/"
    made = feed(name, url, [FeedItem(e.event, vevent(e, config)) for e in entries], config, "kk")
    cal = icalendar.Calendar()
    for key, value in (("prodid", "-//Dostyq//Houses of Friendship events//KK"), ("version", "2.0"),
                       ("calscale", "GREGORIAN"), ("name", icalendar.vText(name)),
                       ("x-wr-calname", icalendar.vText(name)),
                       ("x-wr-timezone", config.timezone)):
        cal.add(key, value)
    cal.add("refresh-interval", dt.timedelta(hours=12), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")
    cal.add("url", icalendar.vUri(url), parameters={"VALUE": "URI"})
    years = [y for e in entries for y in _years(e.event)]
    for tzid in sorted({e.event.timezone for e in entries if not e.event.all_day}):
        cal.add_component(vtimezone(tzid, min(years), max(years)))
    for entry in entries:
        cal.add_component(icalendar_vevent(entry, config))
    assert made == cal.to_ical()


def test_google_calendar_links_are_encoded_as_urlencode_does():
    import random
    from urllib.parse import urlencode

    from dostyq.urls import form_encode

    random.seed(5545)
    queries = [{"text": "Наурыз — A&B=C?d/e#f+g%h ~_.-", "details": "Жол\n\nhttps://dostyq.kz/kk/", "e": "🎉\x00\x7f"}]
    for _ in range(300):  # ASCII, Cyrillic and emoji, mixed
        queries.append({"q": "".join(chr(random.choice([random.randrange(0, 0x80), random.randrange(0x400, 0x500),
                                                         random.randrange(0x1F300, 0x1F400)])) for _ in range(40))})
    for query in queries:
        assert form_encode(query) == urlencode(query)


def test_a_long_summary_is_cut_between_words_in_the_google_link_and_the_big_feeds(tmp_path, content_copy):
    words = " ".join(["Достық үйінде мерекелік концерт өтеді"] * 12)  # about 450 characters
    (content_copy / "events" / "2026" / "long-summary.kk.md").write_text(
        f"---\ntitle: Ұзақ мәтін\nstart: 2026-12-20 18:00\ncategory: concert\nsummary: {words}\n---\n\nМәтін.\n",
        encoding="utf-8")
    out = build_site(content_copy, tmp_path / "out")
    details = google_link(read(out / "kk" / "events" / "long-summary" / "index.html"))["details"][0]
    start, url = details.split("\n\n")
    assert url == "https://dostyq.kz/kk/events/long-summary/"
    assert start.endswith("…") and words.startswith(start[:-1]) and len(start) <= 101
    assert words.startswith(start[:-1] + " ")  # cut between words
    big = events_of(feed(out, "kk/calendar.ics"))["long-summary@dostyq.kz"]
    assert str(big["DESCRIPTION"]) == f"{start}\n\n{url}"
    whole = events_of(feed(out, "kk/events/long-summary/event.ics"))["long-summary@dostyq.kz"]
    assert str(whole["DESCRIPTION"]) == f"Мәтін.\n\n{url}"  # the event's own file: the whole body
