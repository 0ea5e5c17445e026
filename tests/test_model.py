"""The content model: every rule of spec/content.md, on good and bad entries."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from dostyq.config import SiteConfig
from dostyq.model import ContentError, check_content, load_content

CONFIG = SiteConfig()

PLACES = """\
cities:
  oskemen: {kk: "Өскемен", ru: "Усть-Каменогорск"}
house:
  name: {kk: "Достық үйі", ru: "Дом дружбы"}
  address: {kk: "Өскемен қ., Бейбітшілік к-сі, 11", ru: "г. Усть-Каменогорск, ул. Мира, 11"}
  city: oskemen
  geo: [49.948, 82.628]
"""
CENTER = "---\nname: Татар орталығы\nemail: tatar@example.kz\n---\n\nОрталық.\n"
EVENT_KK = "---\ntitle: Наурыз\nstart: 2026-03-21\nend: 2026-03-23\ncategory: holiday\ncenters: [tatar]\nplace: house\n---\n\nМереке.\n"
EVENT_RU = "---\ntitle: Наурыз\n---\n\nПраздник.\n"


def png(width: int = 8, height: int = 8) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def make(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    root = tmp_path / "content"
    base = {"places.yml": PLACES, "centers/tatar.kk.md": CENTER,
            "events/nauryz.kk.md": EVENT_KK, "events/nauryz.ru.md": EVENT_RU}
    for name, text in {**base, **files}.items():
        if text is None:
            continue
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return root


def errors(tmp_path: Path, files: dict[str, str | bytes]) -> list[str]:
    root = make(tmp_path, files)
    _, problems = check_content(root, CONFIG, display_root=root)
    return [str(p) for p in problems.errors]


def event(front: str, body: str = "Текст.") -> str:
    return f"---\n{front}\n---\n\n{body}\n"


BASE = "title: Кездесу\nstart: 2026-05-01\ncategory: meeting"


def test_good_content_gives_plain_objects(tmp_path):
    content = load_content(make(tmp_path, {}), CONFIG)
    (nauryz,) = content.events
    assert nauryz.slug == nauryz.id == "nauryz"
    assert (nauryz.start, nauryz.end, nauryz.all_day) == (dt.date(2026, 3, 21), dt.date(2026, 3, 23), True)
    assert nauryz.duration == dt.timedelta(days=3)
    assert nauryz.title["kk"] == "Наурыз" and nauryz.languages == ("kk", "ru")
    assert nauryz.body_html["ru"] == "<p>Праздник.</p>" and nauryz.summary["kk"] == "Мереке."
    assert nauryz.timezone == "Asia/Almaty" and nauryz.status == "scheduled"
    assert content.centers["tatar"].email == "tatar@example.kz"
    assert content.places["house"].geo == (49.948, 82.628)


def test_timed_event_defaults_to_two_hours_in_the_site_zone(tmp_path):
    content = load_content(make(tmp_path, {"events/x.kk.md": event('title: X\nstart: "2026-05-01 18:30"\ncategory: concert')}), CONFIG)
    x = next(e for e in content.events if e.slug == "x")
    assert x.start == dt.datetime(2026, 5, 1, 18, 30) and x.end == dt.datetime(2026, 5, 1, 20, 30)
    assert not x.all_day


def test_facts_may_be_in_either_file_and_texts_stay_per_language(tmp_path):
    files = {"events/nauryz.kk.md": event("title: Наурыз"),
             "events/nauryz.ru.md": event("title: Наурыз-мейрам\nstart: 2026-03-21\ncategory: holiday\nlocation: Зал")}
    content = load_content(make(tmp_path, files), CONFIG)
    (nauryz,) = content.events
    assert nauryz.start == dt.date(2026, 3, 21)
    assert nauryz.location.shown("kk").lang == "ru"  # the fallback knows its real language
    assert nauryz.title.shown("kk").value == "Наурыз"


def test_drafts_are_checked_but_not_published(tmp_path):
    root = make(tmp_path, {"events/secret.kk.md": event(BASE + "\ndraft: true")})
    content = load_content(root, CONFIG)
    assert [e.slug for e in content.events] == ["nauryz"]
    assert [e.slug for e in content.drafts] == ["secret"]
    assert errors(tmp_path, {"events/secret.kk.md": event(BASE + "\ndraft: true\nplace: nowhere")}) == [
        "events/secret.kk.md:6: unknown place `nowhere`: it is not in places.yml"]


def test_subfolders_do_not_change_slugs(tmp_path):
    content = load_content(make(tmp_path, {"events/2026/may/day.kk.md": event(BASE)}), CONFIG)
    assert {e.slug for e in content.events} == {"nauryz", "day"}


def test_a_list_of_errors_comes_all_at_once(tmp_path):
    found = errors(tmp_path, {"events/a.kk.md": event("title: A\nstart: 2026-13-01\ncategory: meeting"),
                              "events/b.kk.md": event("title: B\nstart: 2026-01-01\ncategory: party")})
    assert len(found) == 2
    with pytest.raises(ContentError) as caught:
        load_content(make(tmp_path, {"events/a.kk.md": event("start: x")}), CONFIG)
    assert "events/a.kk.md" in str(caught.value)


# One case per rule: (files to add or replace, the exact message expected).
BAD = {
    "file name": ({"events/Nauryz Day.kk.md": event(BASE)},
                  "events/Nauryz Day.kk.md:1: the name 'Nauryz Day' must be lower-case latin letters, digits and hyphens, e.g. nauryz-2026"),
    "language": ({"events/day.en.md": event(BASE)},
                 "events/day.en.md:1: unknown language 'en' in the file name; languages: kk, ru"),
    "not an entry": ({"events/notes.txt": "notes"},
                     "events/notes.txt:1: not an entry: a file here must be named <slug>.<language>.md, with a language among kk, ru"),
    "entry outside the entry folders": ({"nauryz-2027.kk.md": event(BASE)},
                                        "nauryz-2027.kk.md:1: the site does not read this file: events go in events/, centres in centers/, places in places.yml"),
    "misnamed places file": ({"place.yml": PLACES},
                             "place.yml:1: the site does not read this file: events go in events/, centres in centers/, places in places.yml"),
    "no front matter": ({"events/day.kk.md": "title: x\n"},
                        "events/day.kk.md:1: the file must start with a `---` line opening the front matter"),
    "unclosed": ({"events/day.kk.md": "---\ntitle: x\n"},
                 "events/day.kk.md:1: the front matter opened on line 1 is never closed with a `---` line"),
    "yaml syntax": ({"events/day.kk.md": "---\ntitle: x\nstart: [2026-01-01\ncategory: meeting\n---\n"},
                    "events/day.kk.md:3: a `[` opened on this line is never closed, or an item in it needs quotes"),
    "unsafe yaml": ({"events/day.kk.md": "---\ntitle: !!python/object/apply:os.system [ls]\n---\n"},
                    "events/day.kk.md:2: `!` starts a YAML tag, and tags are not allowed; put the value in quotes"),
    "not a mapping": ({"events/day.kk.md": "---\n- a\n- b\n---\n"},
                      "events/day.kk.md:2: front matter must be a list of `field: value` lines"),
    "unknown field": ({"events/day.kk.md": event(BASE + "\nstrat: 2026-05-01")},
                      "events/day.kk.md:5: unknown field `strat`; did you mean `start`?"),
    "duplicate field": ({"events/day.kk.md": event(BASE + "\ntitle: Екі")},
                        "events/day.kk.md:5: `title` is given twice (first on line 2)"),
    "missing title": ({"events/day.kk.md": event("start: 2026-05-01\ncategory: meeting")},
                      "events/day.kk.md:1: `title` is missing"),
    "missing title in translation": ({"events/nauryz.ru.md": event("location: Зал")},
                                     "events/nauryz.ru.md:1: `title` is missing"),
    "missing start": ({"events/day.kk.md": event("title: X\ncategory: meeting")},
                      "events/day.kk.md:1: `start` is missing (give it in one of the language files)"),
    "missing category": ({"events/day.kk.md": event("title: X\nstart: 2026-05-01")},
                         "events/day.kk.md:1: `category` is missing (give it in one of the language files); it is one of: festival, holiday, forum, meeting, round-table, concert, exhibition, seminar, competition, charity, mediation, other"),
    "empty title": ({"events/day.kk.md": event('title: ""\nstart: 2026-05-01\ncategory: meeting')},
                    "events/day.kk.md:2: `title`: must not be empty"),
    "bad date": ({"events/day.kk.md": event("title: X\nstart: 2026-02-30\ncategory: meeting")},
                 "events/day.kk.md:3: `start`: '2026-02-30' is not a real date or time"),
    "bad time": ({"events/day.kk.md": event('title: X\nstart: "2026-05-01 25:00"\ncategory: meeting')},
                 "events/day.kk.md:3: `start`: '2026-05-01 25:00' is not a real date or time"),
    "date shape": ({"events/day.kk.md": event("title: X\nstart: 1 May 2026\ncategory: meeting")},
                   "events/day.kk.md:3: `start`: '1 May 2026' must be a date `YYYY-MM-DD` or a date and time `YYYY-MM-DD HH:MM`"),
    "end before start": ({"events/day.kk.md": event(BASE + "\nend: 2026-04-30")},
                         "events/day.kk.md:5: `end` (2026-04-30) is not after `start` (2026-05-01)"),
    "end of another kind": ({"events/day.kk.md": event(BASE + '\nend: "2026-05-01 18:00"')},
                            "events/day.kk.md:5: `end` must be of the same kind as `start`: both dates (an all-day event) or both dates with a time"),
    "timed end not after start": ({"events/day.kk.md": event('title: X\nstart: "2026-05-01 18:00"\nend: "2026-05-01 18:00"\ncategory: meeting')},
                                  "events/day.kk.md:4: `end` (2026-05-01 18:00:00) is not after `start` (2026-05-01 18:00:00)"),
    "time zone": ({"events/day.kk.md": event(BASE + "\ntimezone: Asia/Oskemen")},
                  "events/day.kk.md:5: `timezone`: 'Asia/Oskemen' is not a known time zone; use an IANA name such as Asia/Almaty or Asia/Omsk; did you mean `Asia/Omsk`?"),
    "category": ({"events/day.kk.md": event("title: X\nstart: 2026-05-01\ncategory: party")},
                 "events/day.kk.md:4: `category`: 'party' is not one of: festival, holiday, forum, meeting, round-table, concert, exhibition, seminar, competition, charity, mediation, other"),
    "unknown centre": ({"events/day.kk.md": event(BASE + "\ncenters: [tatar, polish]")},
                       "events/day.kk.md:5: unknown centre `polish`: there is no centers/polish.<lang>.md"),
    "centre id shape": ({"events/day.kk.md": event(BASE + "\ncenters: [Tatar Centre]")},
                        "events/day.kk.md:5: `centers`: must be lower-case latin letters, digits and hyphens, e.g. `tatar-center`"),
    "unknown place": ({"events/day.kk.md": event(BASE + "\nplace: park")},
                      "events/day.kk.md:5: unknown place `park`: it is not in places.yml"),
    "status": ({"events/day.kk.md": event(BASE + "\nstatus: moved")},
               "events/day.kk.md:5: `status`: 'moved' is not one of: scheduled, cancelled, postponed, rescheduled"),
    "rrule": ({"events/day.kk.md": event(BASE + "\nrrule: FREQ=SOMETIMES")},
              "events/day.kk.md:5: `rrule`: 'FREQ=SOMETIMES': FREQ=SOMETIMES is not a frequency; use DAILY, WEEKLY, MONTHLY or YEARLY"),
    "rrule without freq": ({"events/day.kk.md": event(BASE + "\nrrule: BYDAY=SA")},
                           "events/day.kk.md:5: `rrule`: 'BYDAY=SA': the rule has no FREQ, e.g. FREQ=WEEKLY;BYDAY=SA"),
    "rrule by the hour": ({"events/day.kk.md": event(BASE + "\nrrule: FREQ=MINUTELY")},
                          "events/day.kk.md:5: `rrule`: 'FREQ=MINUTELY': FREQ=MINUTELY is not for events; use DAILY, WEEKLY, MONTHLY or YEARLY"),
    "rrule until and count": ({"events/day.kk.md": event(BASE + "\nrrule: FREQ=WEEKLY;COUNT=3;UNTIL=20270101")},
                              "events/day.kk.md:5: `rrule`: 'FREQ=WEEKLY;COUNT=3;UNTIL=20270101': a rule may have UNTIL or COUNT, not both"),
    "dates of another kind": ({"events/day.kk.md": event(BASE + '\ndates: ["2027-05-01 10:00"]')},
                              "events/day.kk.md:5: `dates`: 2027-05-01 10:00:00 must be of the same kind as `start` (2026-05-01)"),
    "except with a time": ({"events/day.kk.md": event(BASE + '\nexcept: ["2026-05-01 10:00"]')},
                           "events/day.kk.md:5: `except`: '2026-05-01 10:00' must be a date `YYYY-MM-DD`, without a time"),
    "tags": ({"events/day.kk.md": event(BASE + "\ntags: мереке")},
             "events/day.kk.md:5: `tags`: must be a list, e.g. [one, two]"),
    "url": ({"events/day.kk.md": event(BASE + "\nurl: dostyq.kz/register")},
            "events/day.kk.md:5: `url`: 'dostyq.kz/register' is not a web address starting with https:// or http://"),
    "free": ({"events/day.kk.md": event(BASE + "\nfree: тегін")},
             "events/day.kk.md:5: `free`: must be true or false"),
    "participants": ({"events/day.kk.md": event(BASE + "\nparticipants: -5")},
                     "events/day.kk.md:5: `participants`: must be a whole number, 0 or more"),
    "draft": ({"events/day.kk.md": event(BASE + "\ndraft: maybe")},
              "events/day.kk.md:5: `draft`: must be true or false"),
    "id shape": ({"events/day.kk.md": event(BASE + "\nid: Day One")},
                 "events/day.kk.md:5: `id`: must be lower-case latin letters, digits and hyphens, e.g. `tatar-center`"),
    "duplicate id": ({"events/day.kk.md": event(BASE + "\nid: nauryz")},
                     "events/nauryz.kk.md:1: the id `nauryz` is already used by events/day.kk.md; ids must be unique"),
    "duplicate slug": ({"events/2026/nauryz.kk.md": event(BASE)},
                       "events/nauryz.kk.md:1: the slug `nauryz` is already used by events/2026/nauryz.kk.md; slugs must be unique"),
    "facts disagree": ({"events/nauryz.ru.md": event("title: Наурыз\nstart: 2026-03-22")},
                       "events/nauryz.ru.md:3: `start` is '2026-03-22' here but '2026-03-21' in events/nauryz.kk.md:3; the files must agree"),
    "missing image": ({"events/day.kk.md": event(BASE + "\nimage: nauryz.jpg\nimage_alt: Би")},
                      "events/day.kk.md:5: `image`: image 'nauryz.jpg' does not exist"),
    "image outside content": ({"events/day.kk.md": event(BASE + "\nimage: ../../secret.jpg\nimage_alt: Би")},
                              "events/day.kk.md:5: `image`: '../../secret.jpg' points outside the content folder"),
    "image without alt": ({"events/day.kk.md": event(BASE + "\nimage: /images/a.png"), "images/a.png": png()},
                          "events/day.kk.md:5: `image` needs `image_alt`, a short description of the picture"),
    "gallery without alt": ({"events/day.kk.md": event(BASE + "\ngallery:\n  - image: /images/a.png"), "images/a.png": png()},
                            "events/day.kk.md:5: `gallery`: photo '/images/a.png' needs `alt`, a short description for people who cannot see it"),
    "corrupt image": ({"events/day.kk.md": event(BASE + "\nimage: /images/a.jpg\nimage_alt: Би"), "images/a.jpg": b"\xff\xd8 not a jpeg"},
                      "events/day.kk.md:5: `image`: image '/images/a.jpg' is damaged or not an image"),
    "image that is not an image": ({"events/day.kk.md": event(BASE + "\nimage: notes.txt\nimage_alt: Би"), "events/notes.txt": "x"},
                                   "events/day.kk.md:5: `image`: 'notes.txt' is not an image; use one of .jpg, .jpeg, .png, .webp, .gif"),
    "every date excluded": ({"events/day.kk.md": event(BASE + "\nexcept: [2026-05-01]")},
                            "events/day.kk.md:5: `except` removes every date of the event; to call it off, set `status: cancelled` instead"),
    "not utf-8": ({"events/day.kk.md": "---\ntitle: Кездесу\n---\n".encode("cp1251")},
                  "events/day.kk.md:2: the file is not UTF-8 text; save it as UTF-8"),
    "too large": ({"events/day.kk.md": event(BASE, "а" * 5_000_000)},
                  "events/day.kk.md:1: the file is 10000 kB; an entry may be at most 300 kB"),
    # centres
    "centre kind": ({"centers/choir.kk.md": "---\nname: Хор\nkind: choir\n---\n"},
                    "centers/choir.kk.md:3: `kind`: 'choir' is not one of: ethnocultural-center, collective, council, club"),
    "centre name": ({"centers/choir.kk.md": "---\nkind: collective\n---\n"},
                    "centers/choir.kk.md:1: `name` is missing"),
    "centre parent": ({"centers/choir.kk.md": "---\nname: Хор\nparent: polish\n---\n"},
                      "centers/choir.kk.md:3: unknown parent centre `polish`: there is no centers/polish.<lang>.md"),
    "centre parent loop": ({"centers/a.kk.md": "---\nname: A\nparent: b\n---\n", "centers/b.kk.md": "---\nname: B\nparent: a\n---\n"},
                           "centers/a.kk.md:3: `parent` makes a loop: a is inside itself"),
    "centre phone": ({"centers/choir.kk.md": "---\nname: Хор\nphone: call us\n---\n"},
                     "centers/choir.kk.md:3: `phone`: 'call us' is not a phone number; write it in quotes, e.g. \"+7 7232 123456\""),
    "centre email": ({"centers/choir.kk.md": "---\nname: Хор\nemail: choir.example.kz\n---\n"},
                     "centers/choir.kk.md:3: `email`: 'choir.example.kz' is not an e-mail address"),
    "centre website": ({"centers/choir.kk.md": "---\nname: Хор\nwebsite: www\n---\n"},
                       "centers/choir.kk.md:3: `website`: 'www' is not a web address starting with https:// or http://"),
    "centre social": ({"centers/choir.kk.md": "---\nname: Хор\nsocial:\n  myspace: https://myspace.com/x\n---\n"},
                      "centers/choir.kk.md:3: `social`: unknown network 'myspace'; use one of: instagram, facebook, telegram, vk, youtube, tiktok, whatsapp, ok"),
    "centre founded": ({"centers/choir.kk.md": "---\nname: Хор\nfounded: long ago\n---\n"},
                       "centers/choir.kk.md:3: `founded`: 'long ago' must be a date `YYYY-MM-DD` or a date and time `YYYY-MM-DD HH:MM`"),
    "centre order": ({"centers/choir.kk.md": "---\nname: Хор\norder: first\n---\n"},
                     "centers/choir.kk.md:3: `order`: must be a number"),
    "centre in a sub-folder": ({"centers/east/choir.kk.md": "---\nname: Хор\n---\n"},
                               "centers/east/choir.kk.md:1: centre files belong directly in centers/, not in a sub-folder"),
    # places
    "place geo": ({"places.yml": PLACES.replace("[49.948, 82.628]", "[149.9, 82.6]")},
                  "places.yml:3: place `house`: `geo` [149.9, 82.6] is outside the globe: latitude -90..90, longitude -180..180"),
    "place city": ({"places.yml": PLACES.replace("city: oskemen", "city: Atlantis")},
                   "places.yml:3: place `house`: `city` 'Atlantis' must be an id such as oskemen, or null"),
    "place field": ({"places.yml": PLACES + "  phone: 1\n"},
                    "places.yml:3: place `house`: unknown field `phone`; fields: name, address, city, district, geo"),
    "place name": ({"places.yml": "house:\n  city: oskemen\n"},
                   "places.yml:1: place `house`: `name` is missing"),
    "place language": ({"places.yml": PLACES.replace("ru: \"Дом дружбы\"", "en: \"House\"")},
                       "places.yml:3: place `house`: `name` has an unknown language 'en'; languages: kk, ru"),
}


@pytest.mark.parametrize("files, message", BAD.values(), ids=BAD.keys())
def test_each_rule_gives_a_located_error(tmp_path, files, message):
    assert message in errors(tmp_path, files)


def test_missing_translation_is_a_warning_not_an_error(tmp_path):
    root = make(tmp_path, {"events/day.ru.md": event(BASE)})
    _, problems = check_content(root, CONFIG, display_root=root)
    assert not problems
    assert "events/day.ru.md:1: warning: no kk translation (events/day.kk.md)" in map(str, problems.warnings)


def test_titles_are_one_line_and_markup_stays_text(tmp_path):
    root = make(tmp_path, {"events/day.kk.md": event('title: "A;\\nB, C: END:VEVENT <script>x</script>"\nstart: 2026-05-01\ncategory: meeting',
                                                     "<script>alert(1)</script>\n\n[x](javascript:alert(1))")})
    day = next(e for e in load_content(root, CONFIG).events if e.slug == "day")
    assert day.title["kk"] == "A; B, C: END:VEVENT <script>x</script>"  # escaped by the templates
    assert "<script>" not in day.body_html["kk"] and "&lt;script&gt;" in day.body_html["kk"]
    assert "<a" not in day.body_html["kk"]  # the link is left as text: no live javascript: link


def test_rrule_until_given_as_a_date_is_accepted(tmp_path):
    root = make(tmp_path, {"events/club.kk.md": event('title: Клуб\nstart: "2026-01-03 11:00"\ncategory: seminar\n'
                                                      "rrule: FREQ=WEEKLY;BYDAY=SA;UNTIL=2026-01-31")})
    from dostyq.calendar.occurrences import occurrences

    club = next(e for e in load_content(root, CONFIG).events if e.slug == "club")
    starts = [o.start for o in occurrences(club, CONFIG)]
    assert starts[0] == dt.datetime(2026, 1, 3, 11, tzinfo=ZoneInfo("Asia/Almaty"))
    assert len(starts) == 5  # 3, 10, 17, 24 and 31 January


def test_a_good_image_is_accepted_relative_to_the_entry_or_the_root(tmp_path):
    root = make(tmp_path, {"events/2026/day.kk.md": event(BASE + "\nimage: day.png\nimage_alt: Би\ngallery:\n  - {image: /images/a.png, alt: Зал}"),
                           "events/2026/day.png": png(), "images/a.png": png()})
    day = next(e for e in load_content(root, CONFIG).events if e.slug == "day")
    assert (day.image.path, day.image.width, day.image.height) == ("events/2026/day.png", 8, 8)
    assert [(p.image.path, p.alt) for p in day.gallery["kk"]] == [("images/a.png", "Зал")]


def test_repetition_without_an_end_stops_at_the_horizon(tmp_path):
    from dostyq.calendar.occurrences import occurrences

    root = make(tmp_path, {"events/yoga.kk.md": event('title: Йога\nstart: "2026-01-03 09:00"\ncategory: other\nrrule: FREQ=DAILY')})
    config = SiteConfig(today=dt.date(2026, 11, 23), horizon_months=18)
    yoga = next(e for e in load_content(root, config).events if e.slug == "yoga")
    starts = [o.start.date() for o in occurrences(yoga, config)]
    assert starts[0] == dt.date(2026, 1, 3) and starts[-1] == dt.date(2028, 5, 22)


def test_a_decompression_bomb_is_refused_before_it_is_decoded(tmp_path, monkeypatch):
    from PIL import Image

    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)  # Pillow's own limit, scaled down
    found = errors(tmp_path, {"events/day.kk.md": event(BASE + "\nimage: /images/a.png\nimage_alt: Би"),
                              "images/a.png": png(20, 20)})
    assert found == ["events/day.kk.md:5: `image`: image '/images/a.png' has too many pixels to be a photo; resize it"]


@pytest.mark.parametrize("price, warned", [("1 500 тг", True), ("500 тенге", True), ("2 000 теңге", True),
                                           ("1000 KZT", True), ("1 500 ₸", False), ("тегін", False),
                                           ("вход свободный", False)])
def test_a_price_in_tenge_is_written_with_its_sign(tmp_path, price, warned):
    root = make(tmp_path, {"events/day.ru.md": event(BASE + f'\nprice: "{price}"')})
    _, problems = check_content(root, CONFIG, display_root=root)
    expected = "events/day.ru.md:5: warning: write the tenge as ₸, the same sign in every language (e.g. `1 500 ₸`)"
    assert (expected in map(str, problems.warnings)) is warned
    assert not problems


def test_previous_start_needs_the_same_kind_and_a_new_status(tmp_path):
    assert ("events/day.kk.md:5: `previous_start` must be of the same kind as `start` (2026-05-01)"
            in errors(tmp_path, {"events/day.kk.md": event(BASE + '\nprevious_start: "2026-04-20 10:00"')}))
    root = make(tmp_path, {"events/day.kk.md": event(BASE + "\nprevious_start: 2026-04-20")})
    _, problems = check_content(root, CONFIG, display_root=root)
    assert ("events/day.kk.md:5: warning: `previous_start` is for a rescheduled or postponed event: set `status` too"
            in map(str, problems.warnings))
    root = make(tmp_path / "again", {"events/day.kk.md": event(BASE + "\nstatus: rescheduled\nprevious_start: 2026-04-20")})
    day = next(e for e in load_content(root, CONFIG).events if e.slug == "day")
    assert day.previous_start == dt.date(2026, 4, 20)
