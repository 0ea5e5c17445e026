"""How an event repeats, in words: "каждую субботу, 11:00–12:30, до 29 мая 2027 г.",
"сенбі сайын, 11:00–12:30, 2027 ж. 29 мамырға дейін".

Only rules that can be put into one plain, correct phrase are described; for any
other rule (BYSETPOS, BYWEEKNO, BYYEARDAY, several month days, intervals on months
and years, days that some months lack, …) `repetition` returns None and the page
only lists the dates: a wrong or clumsy sentence is worse than none.

Month and weekday names, dates and times come from Babel with the patterns of
`dostyq.dates.DateFormat` ("long" dates, "HH:mm" times, U+202F before "г."/"ж."),
so that these phrases read like every other date on the site. That module is
not imported: it imports the content model (through `calendar.occurrences`),
and this one is kept below the model, beside `recurrence`, so that the model
itself may use it. Babel has only nominative names; the Russian case forms of
weekdays are listed here, and Kazakh case endings are computed (`_kk_case`).

Grammar decisions (product owner's examples, improved):
- ru, one weekday: "каждую субботу" (каждый/каждую/каждое by gender); several:
  "по вторникам и четвергам" rather than "каждый вторник и четверг", which
  breaks down as soon as genders mix ("каждый вторник и пятницу" is wrong);
  three or more days in a row: "с понедельника по пятницу".
- kk, one weekday: "сенбі сайын" (as the site's own texts write it); several:
  "сейсенбі мен бейсенбі күндері", the usual schedule phrase; "әр сейсенбі мен
  бейсенбі" would need a locative ("…бейсенбіде") and "әр … сайын" repeats itself.
  In a row: "дүйсенбіден жұмаға дейін".
- Intervals: ru "раз в две недели по субботам" (numbers up to ten in words,
  with the noun in the form the number needs: "раз в 21 день", "раз в 5 дней");
  kk "екі аптада бір рет, сенбі күндері" ("әр 2 күн сайын" says "every" twice).
- A date as a time: kk locative, "жыл сайын 1 мамырда" (not "1 мамыр");
  a numbered weekday: "әр айдың бірінші сенбісінде", "жыл сайын мамыр айының
  соңғы жексенбісінде", as Kazakh calendars of holidays write them.
- The end: UNTIL is shown as the date of the last time the event is held
  ("до 29 мая 2027 г." for UNTIL=20270531T000000Z on Saturdays): "до" and
  "дейін" then read right whether the reader takes them as inclusive or not.
  kk dative: "2027 ж. 29 мамырға дейін". COUNT: "10 раз" / "10 рет" (Kazakh
  nouns do not agree with numerals), counting the times actually held.
- Skipped dates: "кроме 26 декабря и 2 января" / "26 желтоқсан мен 2 қаңтардан
  басқа" (the case ending goes on the last date only, as Kazakh does for a
  list); days of one month are grouped: "кроме 2 и 9 января".
"""
from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import DateTimeFormat, format_time, get_day_names, get_month_names, tokenize_pattern
from dateutil.relativedelta import relativedelta

from .recurrence import LAST_YEAR, WEEKDAYS, Rule, expand

LANGUAGES = ("kk", "ru")
# A rule with more dates than this is not described (the model allows 3000 in its
# horizon; this bounds the work of finding the last date of a long rule).
MAX_EXPANDED = 20_000
# Numbered weekdays that can be said simply; a fifth Saturday exists only in some
# months, and "the second to last" has no short Kazakh form.
ORDINALS = (1, 2, 3, 4, -1)

Day = dt.date | dt.datetime


def repetition(rule: Rule, start: Day, end: Day | None, lang: str, zone: str,
               except_dates: Iterable[dt.date] = ()) -> str | None:
    """How an event with this `start`/`end` (an event's own: dates for all-day
    events, naive local times in `zone` otherwise) repeats by `rule`, in `lang`,
    as one phrase; None when that cannot be said simply and correctly, or in a
    language other than kk and ru.

    Given the event's `except_dates`, those the rule really produces are named at
    the end ("…, кроме 26 декабря") and are not counted in "10 раз"; dates added
    with the event's `dates` are not part of the rule and are not mentioned."""
    if lang not in LANGUAGES:
        return None
    all_day = not isinstance(start, dt.datetime)
    first_day = start if all_day else start.date()
    pattern = _pattern(rule, first_day, lang)
    if pattern is None:
        return None
    parts = [pattern]
    if all_day:
        if end is not None and end != start:
            return None  # several days each time: "каждую субботу" would be wrong
    else:
        times = _time_range(start, end, lang)
        if times is None:
            return None
        parts.append(times)

    run = _run(rule, start, zone, frozenset(except_dates))
    if run is None:
        return None
    held, skipped_days = run
    if held is not None:  # a bounded rule
        if len(held) < 2:
            return None  # held once at most: nothing repeats
        if rule.count is not None:
            parts.append(_times_count(len(held), lang))
        else:
            until = _until(held[-1], lang)
            if until is None:
                return None
            parts.append(until)
    if skipped_days:
        within_year = held is not None and held[-1] < first_day + relativedelta(years=1)
        words = skipped(skipped_days, lang, years=not within_year)
        if words is None:
            return None
        parts.append(words)
    return ", ".join(parts)


def skipped(dates: Iterable[dt.date], lang: str, years: bool = True) -> str | None:
    """The dates an event is not held on: "кроме 28 ноября и 5 декабря 2026 г.",
    "2026 ж. 28 қараша мен 5 желтоқсаннан басқа" (without the year when `years`
    is false: "кроме 28 ноября"). None for no dates or another language."""
    days = sorted(set(dates))
    if not days or lang not in LANGUAGES:
        return None
    # consecutive dates of one month share its name: "2 и 9 января"
    groups = [list(g) for _, g in itertools.groupby(days, key=lambda d: (d.year, d.month))]
    # and the dates of one year its year, written once where the language puts it:
    # after the last date in Russian, before the first in Kazakh
    neighbour = -1 if _year_first(lang) else 1
    texts = []
    for i, group in enumerate(groups):
        numbers = _join([str(d.day) for d in group], lang, attributes=True)
        beside = i + neighbour
        year = years and not (0 <= beside < len(groups) and groups[beside][0].year == group[0].year)
        text = _date(group[-1], lang, year, day_text=numbers)
        if text is None:
            return None
        texts.append(text)
    several = any(len(g) > 1 for g in groups)
    if lang == "ru":
        joined = ", ".join(texts) if several else _join(texts, "ru")
        return f"кроме {joined}"
    month = _month(groups[-1][-1].month, "kk")
    # commas between months when a month has several days, lest "және" nest
    joined = ", ".join(texts) if several else _join(texts, "kk")
    return f"{_kk_case(joined, 'ablative', month)} басқа"


# --- what repeats --------------------------------------------------------------------

def _pattern(rule: Rule, first: dt.date, lang: str) -> str | None:
    if rule.bysetpos or rule.byweekno or rule.byyearday:
        return None
    if rule.freq == "DAILY":
        if rule.bymonth or rule.bymonthday:
            return None
        if rule.byday:  # FREQ=DAILY;BYDAY=MO,WE is a weekly rule in disguise
            return _weekly(_weekdays(rule), 1, lang) if rule.interval == 1 else None
        return _daily(rule.interval, lang)
    if rule.freq == "WEEKLY":
        if rule.bymonth:
            return None
        return _weekly(_weekdays(rule) or (WEEKDAYS[first.weekday()],), rule.interval, lang)
    if rule.interval != 1:
        return None  # "раз в два месяца 15-го числа" has no equally safe Kazakh form
    if rule.freq == "MONTHLY":
        if rule.bymonth or (rule.byday and rule.bymonthday):
            return None
        if rule.byday:
            numbered = _numbered(rule)
            return _monthly_weekday(*numbered, lang) if numbered else None
        if len(rule.bymonthday) > 1:
            return None
        day = rule.bymonthday[0] if rule.bymonthday else first.day
        if day == -1:
            return {"ru": "в последний день каждого месяца", "kk": "әр айдың соңғы күні"}[lang]
        if not 1 <= day <= 28:
            return None  # months without that day are skipped: "ежемесячно 31-го" would mislead
        return {"ru": f"ежемесячно {day}-го числа", "kk": f"әр айдың {day}-күні"}[lang]
    # YEARLY
    if len(rule.bymonth) > 1:
        return None
    if rule.byday:
        numbered = _numbered(rule)
        if not rule.bymonth or rule.bymonthday or not numbered:
            return None  # "the 20th Monday of the year" or "every Saturday in May"
        return _yearly_weekday(*numbered, rule.bymonth[0], lang)
    if rule.bymonthday and (len(rule.bymonthday) > 1 or rule.bymonthday[0] < 0 or not rule.bymonth):
        return None  # without BYMONTH the month days repeat every month
    month = rule.bymonth[0] if rule.bymonth else first.month
    day = rule.bymonthday[0] if rule.bymonthday else first.day
    if (month, day) == (2, 29):
        return None  # once in four years
    try:
        date = dt.date(2000, month, day)  # a leap year: only the month and day are shown
    except ValueError:
        return None
    text = _date(date, lang, years=False)
    if text is None:
        return None
    if lang == "ru":
        return f"ежегодно {text}"
    return f"жыл сайын {_kk_case(text, 'locative', _month(month, 'kk'))}"


def _weekdays(rule: Rule) -> tuple[str, ...]:
    return tuple(sorted({day for _, day in rule.byday}, key=WEEKDAYS.index))


def _numbered(rule: Rule) -> tuple[tuple[int, ...], str] | None:
    """(ordinals, weekday) when BYDAY is one weekday with simple ordinals: 1SA,3SA."""
    days = {day for _, day in rule.byday}
    ordinals = {n for n, _ in rule.byday}
    if len(days) != 1 or not ordinals <= set(ORDINALS):
        return None
    return tuple(n for n in ORDINALS if n in ordinals), days.pop()


def _daily(interval: int, lang: str) -> str:
    if interval == 1:
        return {"ru": "каждый день", "kk": "күн сайын"}[lang]
    return _every(interval, "day", lang)


def _weekly(days: tuple[str, ...], interval: int, lang: str) -> str | None:
    if len(days) == 7:
        return _daily(1, lang) if interval == 1 else None
    indexes = [WEEKDAYS.index(d) for d in days]
    in_a_row = len(days) >= 3 and indexes == list(range(indexes[0], indexes[0] + len(days)))
    if lang == "ru":
        if in_a_row:
            first, last = _RU_DAYS[days[0]], _RU_DAYS[days[-1]]
            text = f"{'со' if first.genitive[:2] in ('вт', 'ср') else 'с'} {first.genitive} по {last.accusative}"
        elif len(days) == 1 and interval == 1:
            day = _RU_DAYS[days[0]]
            text = f"{_RU_EVERY[day.gender]} {day.accusative}"
        else:
            text = "по " + _join([_RU_DAYS[d].dative_plural for d in days], "ru")
        return text if interval == 1 else f"{_every(interval, 'week', 'ru')} {text}"
    names = [_weekday(d, "kk") for d in days]
    if in_a_row:
        text = f"{_kk_case(names[0], 'ablative')} {_kk_case(names[-1], 'dative')} дейін"
    elif len(days) == 1 and interval == 1:
        return f"{names[0]} сайын"
    else:
        text = f"{_join(names, 'kk')} күндері"
    return text if interval == 1 else f"{_every(interval, 'week', 'kk')}, {text}"


def _monthly_weekday(ordinals: tuple[int, ...], day: str, lang: str) -> str:
    if lang == "ru":
        weekday = _RU_DAYS[day]
        return f"{_RU_EVERY[weekday.gender]} {_ru_ordinals(ordinals, weekday)} {weekday.accusative} месяца"
    return f"әр айдың {_kk_ordinals(ordinals)} {_kk_possessive_locative(_weekday(day, 'kk'))}"


def _yearly_weekday(ordinals: tuple[int, ...], day: str, month: int, lang: str) -> str:
    if lang == "ru":
        weekday = _RU_DAYS[day]
        words = _ru_ordinals(ordinals, weekday)
        preposition = "во" if words.startswith("вт") else "в"
        return f"ежегодно {preposition} {words} {weekday.accusative} {_month(month, 'ru')}"
    return (f"жыл сайын {_month(month, 'kk')} айының {_kk_ordinals(ordinals)} "
            f"{_kk_possessive_locative(_weekday(day, 'kk'))}")


# --- when it ends, and at what time -----------------------------------------------------

@lru_cache(maxsize=1024)
def _run(rule: Rule, start: Day, zone: str, excepted: frozenset[dt.date]
         ) -> tuple[tuple[dt.date, ...] | None, tuple[dt.date, ...]] | None:
    """(the dates held, or None for a rule without an end; the excepted dates the
    rule produces, up to the last date held). None if too long to expand."""
    all_day = not isinstance(start, dt.datetime)
    first = dt.datetime.combine(start, dt.time()) if all_day else start.replace(tzinfo=ZoneInfo(zone))
    if rule.bounded:
        stop = dt.datetime(LAST_YEAR, 12, 31, 23, 59, 59)
    elif excepted:
        stop = dt.datetime.combine(max(excepted), dt.time(23, 59, 59))
    else:
        return None, ()
    if not all_day:
        stop = stop.replace(tzinfo=ZoneInfo(zone))
    if stop < first:
        return (None, ()) if not rule.bounded else None
    produced = list(itertools.islice(expand(rule, first, stop, all_day, zone), MAX_EXPANDED + 1))
    if len(produced) > MAX_EXPANDED or (rule.count is not None and len(produced) < rule.count):
        return None
    days = [moment.date() for moment in produced]
    if not rule.bounded:
        return None, tuple(sorted(set(days) & excepted))
    held = tuple(d for d in days if d not in excepted)
    if not held:
        return (), ()
    return held, tuple(sorted(d for d in set(days) & excepted if d < held[-1]))


def _time_range(start: dt.datetime, end: dt.datetime | None, lang: str) -> str | None:
    """"15:00–17:00" as `DateFormat.when` writes a time range; None for events that
    run into another day (but "18:00–00:00" is fine)."""
    locale = _locale(lang)
    first = format_time(start, "HH:mm", locale=locale)
    if end is None:
        return first
    if end.date() != start.date() and not (end - start <= dt.timedelta(hours=12) and end.time() == dt.time()):
        return None
    return f"{first}–{format_time(end, 'HH:mm', locale=locale)}"


def _until(last: dt.date, lang: str) -> str | None:
    text = _date(last, lang, years=True)
    if text is None:
        return None
    if lang == "ru":
        return f"до {text}"
    return f"{_kk_case(text, 'dative', _month(last.month, 'kk'))} дейін"


def _times_count(count: int, lang: str) -> str:
    """"10 раз", "2 раза", "21 раз"; Kazakh nouns keep their form after numbers: "10 рет"."""
    if lang == "kk":
        return f"{count} рет"
    return f"{count} {_ru_plural(count, ('раз', 'раза', 'раз'))}"


# --- words ------------------------------------------------------------------------------

@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def _month(month: int, lang: str) -> str:
    """As in a date: ru genitive "мая", kk nominative "мамыр"."""
    return get_month_names("wide", "format", locale=_locale(lang))[month]


def _weekday(day: str, lang: str) -> str:
    return get_day_names("wide", "format", locale=_locale(lang))[WEEKDAYS.index(day)]


def _date(day: dt.date, lang: str, years: bool, day_text: str | None = None) -> str | None:
    """The date as `DateFormat.date` writes it ("30 июня 2027 г.", "2027 ж. 30 маусым"),
    or without the year ("30 июня", "30 маусым"); `day_text` in place of the day
    number ("2 и 9"). None if Babel's pattern does not end in a Kazakh month name,
    the place the case endings go."""
    locale = _locale(lang)
    pattern = locale.date_formats["long"].pattern if years else locale.datetime_skeletons["MMMMd"].pattern
    fields = DateTimeFormat(day, locale)
    text = "".join(value if kind == "chars"
                   else (day_text or str(day.day)) if value[0] == "d"
                   else fields[value[0] * value[1]]
                   for kind, value in tokenize_pattern(pattern))
    if lang == "kk" and not text.endswith(_month(day.month, "kk")):
        return None
    return text


def _year_first(lang: str) -> bool:
    """Whether the year comes before the day in a long date ("2027 ж. 30 маусым")."""
    fields = [value[0] for kind, value in tokenize_pattern(_locale(lang).date_formats["long"].pattern)
              if kind == "field"]
    return fields.index("y") < fields.index("d")


def _join(items: list[str], lang: str, attributes: bool = False) -> str:
    """"А и Б", "А, Б и В"; kk "А мен Б" ("бен"/"пен" by the sound before), "А, Б және В".
    Kazakh joins `attributes` (numbers, ordinals before one noun) with "және" only."""
    if len(items) == 1:
        return items[0]
    if lang == "ru":
        return f"{', '.join(items[:-1])} и {items[-1]}"
    if len(items) == 2 and not attributes:
        return f"{items[0]} {_kk_with(items[0])} {items[1]}"
    return f"{', '.join(items[:-1])} және {items[-1]}"


def _every(interval: int, unit: str, lang: str) -> str:
    """"раз в две недели", "раз в 21 день"; "екі аптада бір рет"."""
    if lang == "kk":
        number = _KK_NUMBERS.get(interval, str(interval))
        return f"{number} {'күнде' if unit == 'day' else 'аптада'} бір рет"
    forms = {"day": ("день", "дня", "дней"), "week": ("неделю", "недели", "недель")}[unit]
    words = _RU_NUMBERS_FEMININE if unit == "week" else _RU_NUMBERS
    return f"раз в {words.get(interval, str(interval))} {_ru_plural(interval, forms)}"


def _ru_plural(number: int, forms: tuple[str, str, str]) -> str:
    """The noun after a number: forms for 1 (21, 31…), 2–4 (22…), 5–20 (25…)."""
    category = _locale("ru").plural_form(number)
    return {"one": forms[0], "few": forms[1]}.get(category, forms[2])


class _RuDay(NamedTuple):
    nominative: str
    gender: str  # m, f, n
    accusative: str
    genitive: str
    dative_plural: str


# Babel gives only the nominative; tests check these against it.
_RU_DAYS = {
    "MO": _RuDay("понедельник", "m", "понедельник", "понедельника", "понедельникам"),
    "TU": _RuDay("вторник", "m", "вторник", "вторника", "вторникам"),
    "WE": _RuDay("среда", "f", "среду", "среды", "средам"),
    "TH": _RuDay("четверг", "m", "четверг", "четверга", "четвергам"),
    "FR": _RuDay("пятница", "f", "пятницу", "пятницы", "пятницам"),
    "SA": _RuDay("суббота", "f", "субботу", "субботы", "субботам"),
    "SU": _RuDay("воскресенье", "n", "воскресенье", "воскресенья", "воскресеньям"),
}
_RU_EVERY = {"m": "каждый", "f": "каждую", "n": "каждое"}
# accusative, by gender
_RU_ORDINALS = {
    1: {"m": "первый", "f": "первую", "n": "первое"},
    2: {"m": "второй", "f": "вторую", "n": "второе"},
    3: {"m": "третий", "f": "третью", "n": "третье"},
    4: {"m": "четвёртый", "f": "четвёртую", "n": "четвёртое"},
    -1: {"m": "последний", "f": "последнюю", "n": "последнее"},
}
_RU_NUMBERS = {2: "два", 3: "три", 4: "четыре", 5: "пять", 6: "шесть", 7: "семь", 8: "восемь", 9: "девять", 10: "десять"}
_RU_NUMBERS_FEMININE = {**_RU_NUMBERS, 2: "две"}
_KK_NUMBERS = {2: "екі", 3: "үш", 4: "төрт", 5: "бес", 6: "алты", 7: "жеті", 8: "сегіз", 9: "тоғыз", 10: "он"}
_KK_ORDINALS = {1: "бірінші", 2: "екінші", 3: "үшінші", 4: "төртінші", -1: "соңғы"}


def _ru_ordinals(ordinals: tuple[int, ...], day: _RuDay) -> str:
    return _join([_RU_ORDINALS[n][day.gender] for n in ordinals], "ru")


def _kk_ordinals(ordinals: tuple[int, ...]) -> str:
    return _join([_KK_ORDINALS[n] for n in ordinals], "kk", attributes=True)


# --- Kazakh endings ----------------------------------------------------------------------
# The ending follows the last vowel (back а о ұ ы, front ә е ө ү і; у and и are
# skipped, being half consonants) and the last sound:
#                      vowel, р л й у   м н ң      з ж        voiceless, б в г д
#   locative           -да/-де          -да/-де    -да/-де    -та/-те
#   dative             -ға/-ге          -ға/-ге    -ға/-ге    -қа/-ке
#   ablative           -дан/-ден        -нан/-нен  -дан/-ден  -тан/-тен
#   "and" (мен)        мен              мен        бен        пен
# e.g. маусымға, шілдеге, қыркүйекке; маусымнан, қыркүйектен; наурыз бен.

_BACK, _FRONT = set("аоұыя"), set("әеөүіэ")
_VOICELESS = set("кқпстфхһцчшщбвгд")
_NASAL = set("мнң")
_ENDINGS = {  # case: (after vowels and voiced sounds, after м н ң, after voiceless), back/front
    "locative": (("да", "де"), ("да", "де"), ("та", "те")),
    "dative": (("ға", "ге"), ("ға", "ге"), ("қа", "ке")),
    "ablative": (("дан", "ден"), ("нан", "нен"), ("тан", "тен")),
}


def _kk_front(word: str) -> bool:
    for letter in reversed(word.lower()):
        if letter in _BACK:
            return False
        if letter in _FRONT:
            return True
    raise ValueError(f"no Kazakh vowel to follow in {word!r}")


def _kk_case(text: str, case: str, word: str | None = None) -> str:
    """`text` with the case ending on its last word (`word`, e.g. the month name
    that ends a date): "2027 ж. 30 маусым" → "2027 ж. 30 маусымға"."""
    word = word or text.rsplit(" ", 1)[-1]
    last = word[-1].lower()
    kind = 2 if last in _VOICELESS else 1 if last in _NASAL else 0
    return text + _ENDINGS[case][kind][_kk_front(word)]


def _kk_with(word: str) -> str:
    """The "and" between two nouns: мен, бен after з ж, пен after voiceless sounds."""
    last = word[-1].lower()
    return "пен" if last in _VOICELESS else "бен" if last in "зж" else "мен"


def _kk_possessive_locative(word: str) -> str:
    """"сенбі" → "сенбісінде", "жұма" → "жұмасында" (its … , on it)."""
    front = _kk_front(word)
    vowel_final = word[-1].lower() in _BACK | _FRONT | set("иу")
    possessive = ("сі" if front else "сы") if vowel_final else ("і" if front else "ы")
    return word + possessive + ("нде" if front else "нда")
