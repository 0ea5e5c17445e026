"""How an event repeats, in words (dostyq/calendar/describe.py): exact Kazakh and
Russian phrases for rules read by the project's own parser.

In expected phrases "~" stands for U+202F, the narrow no-break space Babel (and so
every date on the site) puts before "г." and "ж.": "30 июня 2027~г."."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from conftest import ROOT
from dostyq.calendar import describe
from dostyq.calendar.describe import repetition, skipped
from dostyq.calendar.recurrence import parse_rule

ZONE = "Asia/Almaty"
# weekdays of September 2026, for starts
MON, TUE, WED, THU, FRI, SAT, SUN = (f"2026-09-{d:02d}" for d in range(7, 14))


def moment(text: str) -> dt.date | dt.datetime:
    return dt.datetime.fromisoformat(text) if " " in text else dt.date.fromisoformat(text)


def words(rule: str, start: str, lang: str, end: str | None = None, skip: tuple[str, ...] = (),
          zone: str = ZONE) -> str | None:
    """The phrase for an event starting (and ending) then; a timed event without
    `end` lasts two hours."""
    first = moment(start)
    if end is not None:
        last = moment(end)
    else:
        last = first + dt.timedelta(hours=2) if isinstance(first, dt.datetime) else first
    return repetition(parse_rule(rule), first, last, lang, zone, tuple(dt.date.fromisoformat(d) for d in skip))


def nb(text: str | None) -> str | None:
    return None if text is None else text.replace("~", "\u202f")


# (rule, start, end or None, except dates) → Russian, Kazakh
CASES = [
    # --- every day, every n days
    ("FREQ=DAILY", SAT, None, (), "каждый день", "күн сайын"),
    ("FREQ=DAILY", "2026-09-12 10:00", "2026-09-12 18:00", (), "каждый день, 10:00–18:00", "күн сайын, 10:00–18:00"),
    ("FREQ=DAILY;INTERVAL=2", "2026-09-12 10:00", "2026-09-12 12:00", (),
     "раз в два дня, 10:00–12:00", "екі күнде бір рет, 10:00–12:00"),
    ("FREQ=DAILY;INTERVAL=3", SAT, None, (), "раз в три дня", "үш күнде бір рет"),
    ("FREQ=DAILY;INTERVAL=5", SAT, None, (), "раз в пять дней", "бес күнде бір рет"),
    ("FREQ=DAILY;INTERVAL=14", SAT, None, (), "раз в 14 дней", "14 күнде бір рет"),
    ("FREQ=DAILY;INTERVAL=21", SAT, None, (), "раз в 21 день", "21 күнде бір рет"),
    ("FREQ=DAILY;INTERVAL=22", SAT, None, (), "раз в 22 дня", "22 күнде бір рет"),
    ("FREQ=DAILY;BYDAY=MO,WE", MON, None, (), "по понедельникам и средам", "дүйсенбі мен сәрсенбі күндері"),
    ("FREQ=DAILY;UNTIL=20260920", SAT, None, (), "каждый день, до 20 сентября 2026~г.", "күн сайын, 2026~ж. 20 қыркүйекке дейін"),
    # --- one weekday: Russian gender (каждый/каждую/каждое); Kazakh "… сайын"
    ("FREQ=WEEKLY;BYDAY=MO", MON, None, (), "каждый понедельник", "дүйсенбі сайын"),
    ("FREQ=WEEKLY;BYDAY=TU", TUE, None, (), "каждый вторник", "сейсенбі сайын"),
    ("FREQ=WEEKLY;BYDAY=WE", WED, None, (), "каждую среду", "сәрсенбі сайын"),
    ("FREQ=WEEKLY;BYDAY=TH", THU, None, (), "каждый четверг", "бейсенбі сайын"),
    ("FREQ=WEEKLY;BYDAY=FR", FRI, None, (), "каждую пятницу", "жұма сайын"),
    ("FREQ=WEEKLY;BYDAY=SA", SAT, None, (), "каждую субботу", "сенбі сайын"),
    ("FREQ=WEEKLY;BYDAY=SU", SUN, None, (), "каждое воскресенье", "жексенбі сайын"),
    # without BYDAY: the start's weekday
    ("FREQ=WEEKLY", "2026-09-12 11:00", "2026-09-12 12:30", (), "каждую субботу, 11:00–12:30", "сенбі сайын, 11:00–12:30"),
    # --- several weekdays: "по вторникам и четвергам", "… күндері"
    ("FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270630", "2026-09-08 15:00", "2026-09-08 17:00", (),
     "по вторникам и четвергам, 15:00–17:00, до 29 июня 2027~г.",
     "сейсенбі мен бейсенбі күндері, 15:00–17:00, 2027~ж. 29 маусымға дейін"),
    ("FREQ=WEEKLY;BYDAY=FR,MO,WE", MON, None, (),
     "по понедельникам, средам и пятницам", "дүйсенбі, сәрсенбі және жұма күндері"),
    ("FREQ=WEEKLY;BYDAY=SA,SU", SAT, None, (), "по субботам и воскресеньям", "сенбі мен жексенбі күндері"),
    ("FREQ=WEEKLY;BYDAY=MO,TU,FR", MON, None, (),
     "по понедельникам, вторникам и пятницам", "дүйсенбі, сейсенбі және жұма күндері"),
    # three or more days in a row: a range ("со" before вт-, ср-)
    ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "2026-09-07 09:00", "2026-09-07 18:00", (),
     "с понедельника по пятницу, 09:00–18:00", "дүйсенбіден жұмаға дейін, 09:00–18:00"),
    ("FREQ=WEEKLY;BYDAY=TU,WE,TH", TUE, None, (), "со вторника по четверг", "сейсенбіден бейсенбіге дейін"),
    ("FREQ=WEEKLY;BYDAY=WE,TH,FR,SA", WED, None, (), "со среды по субботу", "сәрсенбіден сенбіге дейін"),
    ("FREQ=WEEKLY;BYDAY=FR,SA,SU", FRI, None, (), "с пятницы по воскресенье", "жұмадан жексенбіге дейін"),
    ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU", MON, None, (), "каждый день", "күн сайын"),
    # --- every n weeks
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", SAT, None, (), "раз в две недели по субботам", "екі аптада бір рет, сенбі күндері"),
    ("FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,TH", TUE, None, (),
     "раз в три недели по вторникам и четвергам", "үш аптада бір рет, сейсенбі мен бейсенбі күндері"),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,WE,TH,FR", MON, None, (),
     "раз в две недели с понедельника по пятницу", "екі аптада бір рет, дүйсенбіден жұмаға дейін"),
    ("FREQ=WEEKLY;INTERVAL=5", SUN, None, (), "раз в пять недель по воскресеньям", "бес аптада бір рет, жексенбі күндері"),
    ("FREQ=WEEKLY;INTERVAL=21", SUN, None, (), "раз в 21 неделю по воскресеньям", "21 аптада бір рет, жексенбі күндері"),
    # --- monthly, by the day of the month
    ("FREQ=MONTHLY;BYMONTHDAY=15", "2026-09-15 18:00", "2026-09-15 20:00", (),
     "ежемесячно 15-го числа, 18:00–20:00", "әр айдың 15-күні, 18:00–20:00"),
    ("FREQ=MONTHLY", "2026-09-01", None, (), "ежемесячно 1-го числа", "әр айдың 1-күні"),
    ("FREQ=MONTHLY;BYMONTHDAY=-1", "2026-09-30", None, (), "в последний день каждого месяца", "әр айдың соңғы күні"),
    # --- monthly, by a numbered weekday
    ("FREQ=MONTHLY;BYDAY=1SA", "2026-09-05", None, (), "каждую первую субботу месяца", "әр айдың бірінші сенбісінде"),
    ("FREQ=MONTHLY;BYDAY=2MO", "2026-09-14", None, (), "каждый второй понедельник месяца", "әр айдың екінші дүйсенбісінде"),
    ("FREQ=MONTHLY;BYDAY=3TH", "2026-09-17", None, (), "каждый третий четверг месяца", "әр айдың үшінші бейсенбісінде"),
    ("FREQ=MONTHLY;BYDAY=4WE", "2026-09-23", None, (), "каждую четвёртую среду месяца", "әр айдың төртінші сәрсенбісінде"),
    ("FREQ=MONTHLY;BYDAY=-1FR", "2026-09-25 17:00", "2026-09-25 19:00", (),
     "каждую последнюю пятницу месяца, 17:00–19:00", "әр айдың соңғы жұмасында, 17:00–19:00"),
    ("FREQ=MONTHLY;BYDAY=-1SU", "2026-09-27", None, (), "каждое последнее воскресенье месяца", "әр айдың соңғы жексенбісінде"),
    ("FREQ=MONTHLY;BYDAY=1SA,3SA", "2026-09-05", None, (),
     "каждую первую и третью субботу месяца", "әр айдың бірінші және үшінші сенбісінде"),
    ("FREQ=MONTHLY;BYDAY=-1TU,2TU", "2026-09-08", None, (),
     "каждый второй и последний вторник месяца", "әр айдың екінші және соңғы сейсенбісінде"),
    # --- yearly
    ("FREQ=YEARLY", "2026-05-01", None, (), "ежегодно 1 мая", "жыл сайын 1 мамырда"),
    ("FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=1", "2026-05-01 10:00", "2026-05-01 14:00", (),
     "ежегодно 1 мая, 10:00–14:00", "жыл сайын 1 мамырда, 10:00–14:00"),
    ("FREQ=YEARLY;BYMONTH=3", "2026-03-21", None, (), "ежегодно 21 марта", "жыл сайын 21 наурызда"),
    ("FREQ=YEARLY;UNTIL=20300501", "2026-05-01", None, (),
     "ежегодно 1 мая, до 1 мая 2030~г.", "жыл сайын 1 мамырда, 2030~ж. 1 мамырға дейін"),
    ("FREQ=YEARLY;BYMONTH=5;BYDAY=1SA", "2026-05-02", None, (),
     "ежегодно в первую субботу мая", "жыл сайын мамыр айының бірінші сенбісінде"),
    ("FREQ=YEARLY;BYMONTH=11;BYDAY=2TU", "2026-11-10", None, (),
     "ежегодно во второй вторник ноября", "жыл сайын қараша айының екінші сейсенбісінде"),
    ("FREQ=YEARLY;BYMONTH=9;BYDAY=-1SU", "2026-09-27", None, (),
     "ежегодно в последнее воскресенье сентября", "жыл сайын қыркүйек айының соңғы жексенбісінде"),
    ("FREQ=YEARLY;BYMONTH=6;BYDAY=3SU", "2026-06-21", None, (),
     "ежегодно в третье воскресенье июня", "жыл сайын маусым айының үшінші жексенбісінде"),
    # --- the end: the last date held, also when UNTIL is an instant in UTC
    ("FREQ=WEEKLY;BYDAY=SA;UNTIL=20270531T000000Z", "2026-09-05 11:00", "2026-09-05 12:30", ("2026-12-26", "2027-01-02"),
     "каждую субботу, 11:00–12:30, до 29 мая 2027~г., кроме 26 декабря и 2 января",
     "сенбі сайын, 11:00–12:30, 2027~ж. 29 мамырға дейін, 26 желтоқсан мен 2 қаңтардан басқа"),
    # 05:59:59 UTC is 10:59:59 in Almaty: the class at 11:00 on 29 May is not held
    ("FREQ=WEEKLY;BYDAY=SA;UNTIL=20270529T055959Z", "2026-09-05 11:00", "2026-09-05 12:30", (),
     "каждую субботу, 11:00–12:30, до 22 мая 2027~г.", "сенбі сайын, 11:00–12:30, 2027~ж. 22 мамырға дейін"),
    # the last date excepted: the one before it ends the run, and is not "skipped"
    ("FREQ=WEEKLY;UNTIL=20261003", SAT, None, ("2026-10-03",),
     "каждую субботу, до 26 сентября 2026~г.", "сенбі сайын, 2026~ж. 26 қыркүйекке дейін"),
    # a date the rule does not give is not mentioned
    ("FREQ=WEEKLY;UNTIL=20261003", SAT, None, ("2026-09-13",),
     "каждую субботу, до 3 октября 2026~г.", "сенбі сайын, 2026~ж. 3 қазанға дейін"),
    # without an end, skipped dates keep their year
    ("FREQ=WEEKLY", SAT, None, ("2026-11-28",), "каждую субботу, кроме 28 ноября 2026~г.", "сенбі сайын, 2026~ж. 28 қарашадан басқа"),
    # a run longer than a year: years too
    ("FREQ=MONTHLY;BYDAY=1SA;UNTIL=20271231", "2026-09-05", None, ("2026-10-03", "2027-10-02"),
     "каждую первую субботу месяца, до 4 декабря 2027~г., кроме 3 октября 2026~г. и 2 октября 2027~г.",
     "әр айдың бірінші сенбісінде, 2027~ж. 4 желтоқсанға дейін, 2026~ж. 3 қазан мен 2027~ж. 2 қазаннан басқа"),
    # --- COUNT: the times held
    ("FREQ=WEEKLY;COUNT=10", "2026-09-05 11:00", "2026-09-05 12:30", (), "каждую субботу, 11:00–12:30, 10 раз", "сенбі сайын, 11:00–12:30, 10 рет"),
    ("FREQ=WEEKLY;COUNT=22", SAT, None, ("2026-09-19",), "каждую субботу, 21 раз, кроме 19 сентября", "сенбі сайын, 21 рет, 19 қыркүйектен басқа"),
    ("FREQ=DAILY;INTERVAL=2;COUNT=5", SAT, None, (), "раз в два дня, 5 раз", "екі күнде бір рет, 5 рет"),
    # --- the time: "18:00–00:00" is one evening
    ("FREQ=WEEKLY", "2026-09-05 18:00", "2026-09-06 00:00", (), "каждую субботу, 18:00–00:00", "сенбі сайын, 18:00–00:00"),
    ("FREQ=WEEKLY", "2026-09-05 11:00", None, (), "каждую субботу, 11:00–13:00", "сенбі сайын, 11:00–13:00"),
]


@pytest.mark.parametrize("rule, start, end, skip, ru, kk", CASES, ids=[f"{c[0]}@{c[1]}" for c in CASES])
def test_phrases(rule, start, end, skip, ru, kk):
    assert words(rule, start, "ru", end, skip) == nb(ru)
    assert words(rule, start, "kk", end, skip) == nb(kk)


# Rules too unusual to say in one plain, correct phrase: the page lists the dates.
UNSAID = [
    ("FREQ=MONTHLY;BYDAY=SA,SU;BYSETPOS=1", "2026-09-05", None),
    ("FREQ=YEARLY;BYWEEKNO=20", "2026-05-11", None),
    ("FREQ=YEARLY;BYYEARDAY=100", "2026-04-10", None),
    ("FREQ=MONTHLY;BYMONTHDAY=1,15", "2026-09-01", None),
    ("FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR", "2026-11-13", None),  # Friday the 13th
    ("FREQ=MONTHLY;BYMONTHDAY=31", "2026-10-31", None),  # only some months
    ("FREQ=MONTHLY", "2026-10-30", None),  # the 30th: not in February
    ("FREQ=MONTHLY;BYMONTHDAY=-2", "2026-09-29", None),
    ("FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15", "2026-09-15", None),
    ("FREQ=MONTHLY;BYMONTH=9,10;BYMONTHDAY=15", "2026-09-15", None),
    ("FREQ=MONTHLY;BYDAY=SA", "2026-09-05", None),  # every Saturday, said oddly
    ("FREQ=MONTHLY;BYDAY=5SA", "2026-08-29", None),  # not every month has one
    ("FREQ=MONTHLY;BYDAY=-2FR", "2026-09-18", None),
    ("FREQ=MONTHLY;BYDAY=1SA,3SU", "2026-09-05", None),
    ("FREQ=YEARLY;INTERVAL=2", "2026-05-01", None),
    ("FREQ=YEARLY", "2028-02-29", None),  # once in four years
    ("FREQ=YEARLY;BYMONTH=5,6;BYMONTHDAY=1", "2026-05-01", None),
    ("FREQ=YEARLY;BYMONTHDAY=1", "2026-10-01", None),  # every month, in a yearly rule
    ("FREQ=YEARLY;BYDAY=1SA", "2026-01-03", None),  # the first Saturday of the year
    ("FREQ=YEARLY;BYMONTH=5;BYDAY=SA", "2026-05-02", None),  # every Saturday of May
    ("FREQ=WEEKLY;BYMONTH=9,10;BYDAY=SA", "2026-09-05", None),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,WE,TH,FR,SA,SU", "2026-09-07", None),
    ("FREQ=DAILY;INTERVAL=2;BYDAY=MO,WE", "2026-09-07", None),
    ("FREQ=DAILY;BYMONTHDAY=1,15", "2026-09-01", None),
    ("FREQ=WEEKLY;COUNT=1", "2026-09-05", None),  # held once
    ("FREQ=WEEKLY;COUNT=2", "2026-09-05", ("2026-09-12",)),  # held once after `except`
    ("FREQ=WEEKLY", "2026-09-05", None, "2026-09-06"),  # two days each time
    ("FREQ=WEEKLY", "2026-09-05 20:00", None, "2026-09-06 02:00"),  # past midnight
    ("FREQ=WEEKLY", "2026-09-05 10:00", None, "2026-09-07 10:00"),
]


@pytest.mark.parametrize("case", UNSAID, ids=[c[0] + "@" + c[1] for c in UNSAID])
@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_unusual_rules_are_not_described(case, lang):
    rule, start, skip, *end = case
    assert words(rule, start, lang, end[0] if end else None, skip or ()) is None


def test_other_languages_are_not_described():
    assert words("FREQ=WEEKLY", SAT, "en") is None
    assert skipped([dt.date(2026, 11, 28)], "en") is None


# --- Kazakh case endings on all twelve months ----------------------------------------------

MONTHS_KK = [  # locative (жыл сайын …), dative (… дейін), ablative (… басқа)
    ("қаңтарда", "қаңтарға", "қаңтардан"),
    ("ақпанда", "ақпанға", "ақпаннан"),
    ("наурызда", "наурызға", "наурыздан"),
    ("сәуірде", "сәуірге", "сәуірден"),
    ("мамырда", "мамырға", "мамырдан"),
    ("маусымда", "маусымға", "маусымнан"),
    ("шілдеде", "шілдеге", "шілдеден"),
    ("тамызда", "тамызға", "тамыздан"),
    ("қыркүйекте", "қыркүйекке", "қыркүйектен"),
    ("қазанда", "қазанға", "қазаннан"),
    ("қарашада", "қарашаға", "қарашадан"),
    ("желтоқсанда", "желтоқсанға", "желтоқсаннан"),
]
MONTHS_RU = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
             "ноября", "декабря"]


@pytest.mark.parametrize("month", range(1, 13))
def test_months_in_kazakh_cases(month):
    locative, dative, ablative = MONTHS_KK[month - 1]
    yearly = f"2027-{month:02d}-10"
    assert words("FREQ=YEARLY", yearly, "kk") == f"жыл сайын 10 {locative}"
    assert words("FREQ=DAILY;UNTIL=2027" + f"{month:02d}" + "20", yearly, "kk") == nb(f"күн сайын, 2027~ж. 20 {dative} дейін")
    assert skipped([dt.date(2027, month, 10)], "kk") == nb(f"2027~ж. 10 {ablative} басқа")
    assert skipped([dt.date(2027, month, 10)], "kk", years=False) == f"10 {ablative} басқа"


@pytest.mark.parametrize("month", range(1, 13))
def test_months_in_russian(month):
    name = MONTHS_RU[month - 1]
    yearly = f"2027-{month:02d}-10"
    assert words("FREQ=YEARLY", yearly, "ru") == f"ежегодно 10 {name}"
    assert words("FREQ=DAILY;UNTIL=2027" + f"{month:02d}" + "20", yearly, "ru") == nb(f"каждый день, до 20 {name} 2027~г.")
    assert skipped([dt.date(2027, month, 10)], "ru", years=False) == f"кроме 10 {name}"


# --- Russian plurals after counts and intervals --------------------------------------------

@pytest.mark.parametrize("count, noun", [(2, "раза"), (3, "раза"), (4, "раза"), (5, "раз"), (11, "раз"), (12, "раз"),
                                         (14, "раз"), (21, "раз"), (22, "раза"), (25, "раз"), (101, "раз"),
                                         (111, "раз"), (104, "раза")])
def test_russian_counts(count, noun):
    assert words(f"FREQ=DAILY;COUNT={count}", SAT, "ru") == f"каждый день, {count} {noun}"
    assert words(f"FREQ=DAILY;COUNT={count}", SAT, "kk") == f"күн сайын, {count} рет"


def test_one_time_in_russian():
    # a rule held once is not described, but the word stays right
    assert describe._times_count(1, "ru") == "1 раз"
    assert describe._times_count(31, "ru") == "31 раз"


@pytest.mark.parametrize("interval, ru", [(4, "раз в четыре недели"), (10, "раз в десять недель"), (11, "раз в 11 недель"),
                                          (22, "раз в 22 недели"), (25, "раз в 25 недель")])
def test_russian_weeks(interval, ru):
    assert words(f"FREQ=WEEKLY;INTERVAL={interval}", SAT, "ru") == f"{ru} по субботам"


# --- skipped dates ------------------------------------------------------------------------

def days(*texts: str) -> list[dt.date]:
    return [dt.date.fromisoformat(t) for t in texts]


@pytest.mark.parametrize("dates, years, ru, kk", [
    (days("2026-11-28"), False, "кроме 28 ноября", "28 қарашадан басқа"),
    (days("2026-11-28"), True, "кроме 28 ноября 2026~г.", "2026~ж. 28 қарашадан басқа"),
    (days("2026-12-05", "2026-11-28"), False, "кроме 28 ноября и 5 декабря", "28 қараша мен 5 желтоқсаннан басқа"),
    # one year: written once, where each language writes it
    (days("2026-11-28", "2026-12-05"), True, "кроме 28 ноября и 5 декабря 2026~г.",
     "2026~ж. 28 қараша мен 5 желтоқсаннан басқа"),
    (days("2026-11-28", "2026-12-05", "2027-01-09"), True, "кроме 28 ноября, 5 декабря 2026~г. и 9 января 2027~г.",
     "2026~ж. 28 қараша, 5 желтоқсан және 2027~ж. 9 қаңтардан басқа"),
    (days("2026-12-26", "2027-01-09", "2027-02-06"), True, "кроме 26 декабря 2026~г., 9 января и 6 февраля 2027~г.",
     "2026~ж. 26 желтоқсан, 2027~ж. 9 қаңтар және 6 ақпаннан басқа"),
    # "бен" after з, "пен" after к
    (days("2026-03-21", "2026-09-05"), False, "кроме 21 марта и 5 сентября", "21 наурыз бен 5 қыркүйектен басқа"),
    (days("2026-09-05", "2026-10-10"), False, "кроме 5 сентября и 10 октября", "5 қыркүйек пен 10 қазаннан басқа"),
    (days("2026-01-01", "2026-03-08", "2026-05-01"), False, "кроме 1 января, 8 марта и 1 мая",
     "1 қаңтар, 8 наурыз және 1 мамырдан басқа"),
    # days of one month share its name
    (days("2027-01-02", "2027-01-09"), False, "кроме 2 и 9 января", "2 және 9 қаңтардан басқа"),
    (days("2027-01-16", "2027-01-02", "2027-01-09"), True, "кроме 2, 9 и 16 января 2027~г.",
     "2027~ж. 2, 9 және 16 қаңтардан басқа"),
    (days("2026-12-26", "2027-01-02", "2027-01-09"), False, "кроме 26 декабря, 2 и 9 января",
     "26 желтоқсан, 2 және 9 қаңтардан басқа"),
    (days("2026-12-26", "2027-01-02", "2027-01-09"), True, "кроме 26 декабря 2026~г., 2 и 9 января 2027~г.",
     "2026~ж. 26 желтоқсан, 2027~ж. 2 және 9 қаңтардан басқа"),
    (days("2026-12-26", "2026-12-26"), False, "кроме 26 декабря", "26 желтоқсаннан басқа"),
])
def test_skipped(dates, years, ru, kk):
    assert skipped(dates, "ru", years=years) == nb(ru)
    assert skipped(dates, "kk", years=years) == nb(kk)


def test_nothing_skipped():
    assert skipped([], "ru") is None
    assert skipped((), "kk") is None


# --- agreement with the rest of the site ----------------------------------------------------

@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_dates_as_the_site_writes_them(lang):
    from babel.dates import format_skeleton
    from dostyq.dates import DateFormat
    for day in (dt.date(2027, 6, 30), dt.date(2026, 1, 2)):
        assert describe._date(day, lang, years=True) == DateFormat(lang, ZONE).date(day)
        assert describe._date(day, lang, years=False) == format_skeleton("MMMMd", day, locale=lang)


def test_a_start_time_alone():
    rule = parse_rule("FREQ=WEEKLY")
    assert repetition(rule, dt.datetime(2026, 9, 5, 11), None, "ru", ZONE) == "каждую субботу, 11:00"
    assert repetition(rule, dt.datetime(2026, 9, 5, 11), None, "kk", ZONE) == "сенбі сайын, 11:00"


def test_russian_weekdays_are_babels():
    from babel.dates import get_day_names
    names = get_day_names("wide", "format", locale="ru")
    assert [describe._RU_DAYS[day].nominative for day in describe.WEEKDAYS] == [names[i] for i in range(7)]


def test_no_content_model_or_pelican():
    code = ("import sys, dostyq.calendar.describe; "
            "print(sorted(m for m in sys.modules if m.startswith(('dostyq.model', 'pelican', 'dostyq.dates'))))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
