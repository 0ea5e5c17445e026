"""Every feed of the fixture site read by the parsers of real clients: ical.js
(Thunderbird) and libical (Evolution). Their own expansion of each event must give
the occurrences the site shows. The tools come from tests/setup-tools.sh; a missing
one fails these tests rather than skipping them."""
from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest

from conftest import FIXTURES, ROOT
from dostyq.calendar.occurrences import occurrences
from dostyq.config import SiteConfig
from dostyq.model import load_content

pytestmark = pytest.mark.oracle
ORACLES = ROOT / "tests" / "oracles"
# Both sides are compared on every occurrence before this day: the site expands
# rules without an end to its horizon (18 months after the fixture's today), so
# the window ends before that.
UNTIL = dt.datetime(2028, 1, 1, tzinfo=dt.timezone.utc)
UNTIL_DAY = UNTIL.date().isoformat()
RDATE_ONLY = {"maslenitsa@dostyq.kz"}


def run(command: list[str]) -> dict:
    result = subprocess.run(command, capture_output=True, text=True, cwd=ORACLES)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def feeds(site) -> list[str]:
    return [str(p) for p in sorted(site.rglob("*.ics"))]


@pytest.fixture(scope="module")
def expected(site) -> dict[str, list[tuple[str, str]]]:
    """Our own occurrences of each event (UID -> [(start, end)]), in the oracles' notation:
    UTC instants for timed events, dates with an exclusive end for all-day ones."""
    config = SiteConfig(today=dt.date(2026, 11, 23))
    result = {}
    for event in load_content(FIXTURES / "site", config).events:
        spans = []
        for o in occurrences(event, config):
            if o.start_utc >= UNTIL:
                continue
            if o.all_day:
                spans.append((o.start.isoformat(), (o.end + dt.timedelta(days=1)).isoformat()))
            else:
                spans.append(tuple(m.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
                                   for m in (o.start, o.end)))
        result[f"{event.id}@dostyq.kz"] = spans
    return result


def test_icaljs_reads_every_feed_and_expands_every_event_as_the_site_does(feeds, expected):
    report = run(["node", "icaljs_expand.js", UNTIL_DAY, *feeds])
    assert set(report) == set(feeds)
    seen = set()
    for path, calendar in report.items():
        assert "error" not in calendar, (path, calendar)
        if "/categories/" not in path and "/centers/" not in path:  # those may be empty
            assert calendar["events"], path
        for event in calendar["events"]:
            spans = [tuple(o) for o in event["occurrences"]]
            ours = expected[event["uid"]]
            if event["uid"] in RDATE_ONLY:
                ours = ours[1:]  # ical.js's iterator skips DTSTART when there is RDATE but no RRULE (ical.js PR #534)
            assert spans == ours and spans, (path, event["uid"])  # every occurrence: none missing, none extra
            seen.add(event["uid"])
    assert seen == set(expected)


def test_icaljs_sees_zones_statuses_and_texts(site):
    report = run(["node", "icaljs_expand.js", UNTIL_DAY, str(site / "kk/calendar.ics"),
                  str(site / "kk/events/debates-2018/event.ics")])
    calendar = report[str(site / "kk/calendar.ics")]
    assert sorted(calendar["zones"]) == ["Asia/Almaty", "Asia/Omsk"]
    events = {e["uid"]: e for e in calendar["events"]}
    assert events["omsk-forum@dostyq.kz"]["status"] == "CANCELLED"
    assert events["omsk-forum@dostyq.kz"]["occurrences"][0] == ["2026-12-05T09:00:00.000Z", "2026-12-05T12:00:00.000Z"]
    assert events["tricky-title@dostyq.kz"]["summary"] == "Бірінші жол A; B, C: END:VEVENT"
    # Thunderbird does not use that iterator for RDATEs: every date is in the file
    assert "RDATE;VALUE=DATE:20270314,20280227" in (site / "kk/events/maslenitsa/event.ics").read_text()
    debates = report[str(site / "kk/events/debates-2018/event.ics")]["events"][0]
    assert debates["occurrences"] == [["2018-03-15T04:00:00.000Z", "2018-03-15T06:00:00.000Z"]]  # UTC+6 then


def test_libical_parses_every_feed_without_errors_and_agrees_on_the_starts(feeds, expected):
    report = run(["/usr/bin/python3", "libical_expand.py", UNTIL_DAY, *feeds])
    for path, calendar in report.items():
        assert "error" not in calendar and calendar["parse_errors"] == [], (path, calendar)
        for event in calendar["events"]:
            starts = event["starts"]
            ours = [s if "T" in s else s + "T00:00:00+00:00" for s, _ in expected[event["uid"]]]
            ours = [dt.datetime.fromisoformat(s.replace(".000Z", "+00:00")).isoformat() for s in ours]
            assert starts == ours and starts, (path, event["uid"])  # every occurrence: none missing, none extra
    statuses = {e["uid"]: e["status"] for e in report[str(next(p for p in feeds if p.endswith("kk/calendar.ics")))]["events"]}
    assert statuses["omsk-forum@dostyq.kz"] == "CANCELLED"
