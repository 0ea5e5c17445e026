"""The month grid and the months shown (dostyq/calendar/month.py), on the occurrences
of tests/fixtures/calendar expanded as the build does, with today = 2026-03-18."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from conftest import FIXTURES
from dostyq.calendar.month import by_month, calendar_months, month_grid, months_between
from dostyq.calendar.occurrences import Occurrence, all_occurrences
from dostyq.config import SiteConfig
from dostyq.model import load_content

TODAY = dt.date(2026, 3, 18)
ALMATY = ZoneInfo("Asia/Almaty")
OMSK = ZoneInfo("Asia/Omsk")


@pytest.fixture(scope="module")
def occurrences() -> list[Occurrence]:
    config = SiteConfig(today=TODAY)
    return all_occurrences(load_content(FIXTURES / "calendar", config).events, config)


def grid_days(year: int, month: int, occurrences) -> dict[dt.date, list[str]]:
    """The month's own days, with the slugs of what happens on each, in order."""
    weeks = month_grid(year, month, by_month(occurrences, ALMATY).get((year, month), []), ALMATY)
    return {day.date: [o.event.slug for o in day.occurrences] for week in weeks for day in week if day.in_month}


def days_of(slug: str, days: dict[dt.date, list[str]]) -> list[int]:
    return [day.day for day, slugs in days.items() if slug in slugs]


def test_weeks_run_monday_to_sunday_and_cover_the_month(occurrences):
    weeks = month_grid(2026, 3, occurrences, ALMATY)
    assert len(weeks) == 6 and all(len(week) == 7 for week in weeks)
    assert weeks[0][0].date == dt.date(2026, 2, 23) and weeks[-1][-1].date == dt.date(2026, 4, 5)
    assert all(day.date.weekday() == i for week in weeks for i, day in enumerate(week))
    inside = [day.date for week in weeks for day in week if day.in_month]
    assert inside[0] == dt.date(2026, 3, 1) and inside[-1] == dt.date(2026, 3, 31) and len(inside) == 31
    # a month that starts on a Monday has no leading days from the month before
    assert month_grid(2026, 6, [], ALMATY)[0][0].date == dt.date(2026, 6, 1)


def test_days_of_neighbouring_months_stay_empty(occurrences):
    """22 February (Maslenitsa) is in March's first row, but it has its own page."""
    weeks = month_grid(2026, 3, occurrences, ALMATY)
    assert all(day.occurrences == () for week in weeks for day in week if not day.in_month)
    assert days_of("maslenitsa", grid_days(2026, 2, occurrences)) == [22]


def test_weekly_rule_with_byday_until_and_an_exception(occurrences):
    """FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=2026-04-15 with except 2026-03-23 (Nauryz)."""
    assert days_of("kazakh-course", grid_days(2026, 3, occurrences)) == [2, 4, 9, 11, 16, 18, 25, 30]
    assert days_of("kazakh-course", grid_days(2026, 4, occurrences)) == [1, 6, 8, 13, 15]
    assert "kazakh-course" not in sum(grid_days(2026, 5, occurrences).values(), [])


def test_count_and_a_daily_rule(occurrences):
    assert days_of("choir-rehearsal", grid_days(2024, 2, occurrences)) == [17, 24]
    assert days_of("choir-rehearsal", grid_days(2024, 3, occurrences)) == [2, 9]  # COUNT=4
    assert days_of("craft-fair", grid_days(2026, 3, occurrences)) == [19, 20, 21, 22, 23, 24, 25]


def test_yearly_holidays_and_moveable_feasts_on_their_dates(occurrences):
    for year in (2025, 2026, 2027):
        assert days_of("unity-day", grid_days(year, 5, occurrences)) == [1]  # FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=1
        assert days_of("nauryz", grid_days(year, 3, occurrences)) == [21, 22, 23]  # FREQ=YEARLY, three days
    moveable = {"chinese-new-year": [(2025, 1, 29), (2026, 2, 17), (2027, 2, 6)],
                "maslenitsa": [(2025, 3, 2), (2026, 2, 22), (2027, 3, 14)],
                "kurban-ait": [(2025, 6, 6), (2026, 5, 27), (2027, 5, 16)]}
    for slug, dates in moveable.items():
        for year, month, day in dates:
            assert days_of(slug, grid_days(year, month, occurrences)) == [day], (slug, year)


def test_repetition_without_an_end_stops_at_the_horizon(occurrences):
    """18 months after 2026-03-18: 1 May 2027 is shown, 1 May 2028 is not."""
    assert max(o.start for o in occurrences if o.event.slug == "unity-day") == dt.date(2027, 5, 1)


def test_months_shown_run_from_the_first_occurrence_to_the_last(occurrences):
    months = calendar_months(occurrences, ALMATY, TODAY)
    assert months[0] == (2024, 2) and months[-1] == (2027, 5)
    assert months == months_between((2024, 2), (2027, 5)) and len(months) == 40
    assert calendar_months([], ALMATY, TODAY) == [(2026, 3)]  # the current month always has its page
    assert months_between((2026, 11), (2027, 2)) == [(2026, 11), (2026, 12), (2027, 1), (2027, 2)]


def test_an_event_over_several_days_is_on_each_even_across_months(occurrences):
    days = grid_days(2026, 3, occurrences)
    assert days_of("youth-forum", days) == [26, 27]  # 10:00 on the 26th to 17:00 on the 27th
    nauryz = next(o.event for o in occurrences if o.event.slug == "nauryz")
    spanning = Occurrence(nauryz, dt.date(2026, 3, 30), dt.date(2026, 4, 2))
    assert by_month([spanning], ALMATY) == {(2026, 3): [spanning], (2026, 4): [spanning]}
    assert days_of("nauryz", grid_days(2026, 3, [spanning])) == [30, 31]
    assert days_of("nauryz", grid_days(2026, 4, [spanning])) == [1, 2]


def test_a_timed_event_past_midnight_is_on_both_days(occurrences):
    forum = next(o.event for o in occurrences if o.event.slug == "youth-forum")
    night = Occurrence(forum, dt.datetime(2026, 4, 10, 22, tzinfo=ALMATY), dt.datetime(2026, 4, 11, 2, tzinfo=ALMATY))
    until_midnight = Occurrence(forum, dt.datetime(2026, 4, 12, 22, tzinfo=ALMATY),
                                dt.datetime(2026, 4, 13, 0, tzinfo=ALMATY))
    assert days_of("youth-forum", grid_days(2026, 4, [night, until_midnight])) == [10, 11, 12]


def test_an_event_in_another_zone_is_on_the_sites_day(occurrences):
    assert days_of("omsk-meeting", grid_days(2026, 3, occurrences)) == [12]  # 16:00 in Omsk, 15:00 in Almaty
    meeting = next(o.event for o in occurrences if o.event.slug == "omsk-meeting")
    after_midnight_in_omsk = Occurrence(meeting, dt.datetime(2026, 3, 13, 0, 30, tzinfo=OMSK),
                                        dt.datetime(2026, 3, 13, 1, 0, tzinfo=OMSK))
    assert days_of("omsk-meeting", grid_days(2026, 3, [after_midnight_in_omsk])) == [12]  # 23:30-00:00 in Almaty


def test_a_day_lists_all_day_events_first_then_by_time(occurrences):
    days = grid_days(2026, 3, occurrences)
    assert days[dt.date(2026, 3, 21)] == ["nauryz", "craft-fair"]
    assert days[dt.date(2026, 3, 25)] == ["craft-fair", "kazakh-course"]  # 10:00, 18:00
    assert days[dt.date(2026, 3, 27)] == ["youth-forum", "spring-concert"]  # began the day before, 18:00


def test_repetition_across_almatys_offset_change_keeps_its_wall_clock_time(occurrences):
    """Kazakhstan moved from UTC+6 to UTC+5 on 2024-03-01: 19:00 stays 19:00, the instant moves."""
    rehearsals = [o for o in occurrences if o.event.slug == "choir-rehearsal"]
    assert [(o.start.day, o.start.hour) for o in rehearsals] == [(17, 19), (24, 19), (2, 19), (9, 19)]
    assert [o.start.utcoffset() for o in rehearsals] == [dt.timedelta(hours=h) for h in (6, 6, 5, 5)]
    assert [o.start_utc.hour for o in rehearsals] == [13, 13, 14, 14]


def test_events_over_several_days_keep_one_lane_through_each_week(occurrences):
    """A bar per week for each occurrence over several days, in the lowest lane free on
    all its days, so a day it crosses keeps its place free (None) for it."""
    forum = next(o.event for o in occurrences if o.event.slug == "youth-forum")
    nauryz = next(o.event for o in occurrences if o.event.slug == "nauryz")
    monday_to_wednesday = Occurrence(nauryz, dt.date(2026, 4, 6), dt.date(2026, 4, 8))
    tuesday_to_thursday = Occurrence(forum, dt.datetime(2026, 4, 7, 10, tzinfo=ALMATY),
                                     dt.datetime(2026, 4, 9, 17, tzinfo=ALMATY))
    thursday_to_next_tuesday = Occurrence(nauryz, dt.date(2026, 4, 9), dt.date(2026, 4, 14))
    one_day = Occurrence(forum, dt.datetime(2026, 4, 8, 9, tzinfo=ALMATY), dt.datetime(2026, 4, 8, 10, tzinfo=ALMATY))
    weeks = month_grid(2026, 4, [monday_to_wednesday, tuesday_to_thursday, thursday_to_next_tuesday, one_day], ALMATY)
    week = {day.date.day: day for day in weeks[1]}  # 6 to 12 April
    lanes = {n: [(span.occurrence, span.days, span.starts_here) if span else None for span in day.lanes]
             for n, day in week.items()}
    assert lanes == {
        6: [(monday_to_wednesday, 3, True)],
        7: [(monday_to_wednesday, 3, False), (tuesday_to_thursday, 3, True)],
        8: [(monday_to_wednesday, 3, False), (tuesday_to_thursday, 3, False)],
        9: [(thursday_to_next_tuesday, 4, True), (tuesday_to_thursday, 3, False)],
        10: [(thursday_to_next_tuesday, 4, False)],
        11: [(thursday_to_next_tuesday, 4, False)],
        12: [(thursday_to_next_tuesday, 4, False)],
    }
    assert week[8].occurrences == (monday_to_wednesday, tuesday_to_thursday, one_day)  # bars first, by lane
    next_week = {day.date.day: day for day in weeks[2]}
    assert [(s.occurrence, s.days, s.starts_here) for s in next_week[13].lanes] == [(thursday_to_next_tuesday, 2, True)]
    gap = month_grid(2026, 4, [monday_to_wednesday, tuesday_to_thursday], ALMATY)[1][3]  # Thursday the 9th
    assert [span and span.occurrence for span in gap.lanes] == [None, tuesday_to_thursday]
    # a bar stops at the month's end: those days have their own page
    last_week = month_grid(2026, 4, [Occurrence(nauryz, dt.date(2026, 4, 29), dt.date(2026, 5, 2))], ALMATY)[-1]
    assert [span.days for day in last_week for span in day.lanes] == [2, 2]
