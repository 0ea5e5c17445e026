"""Quarterly reports (issue 12): the figures of tests/fixtures/reports, whose
counts are known by construction, through the model, the real `pelican` command
(pages, charts, CSV read back with the csv module) and `dostyq report`.

The fixture, as of the build's day 2026-11-23:
- language-club: weekly, COUNT=4 from Tue 2026-01-06, except 2026-01-20: held 3
  times in Q1 2026; seminar; polish-center; Oskemen; 20 participants;
- shared-forum: 2026-02-10, forum, polish-center AND hostile-center, a place in
  Semey's Abai district, 100 participants;
- cancelled-festival: 2026-03-01, cancelled: listed apart, not counted;
- round-table: 2026-03-20, no centre, no place, no participants;
- spring-meeting: 2026-03-31 to 04-01 (counts in Q1, its first day), meeting,
  hostile-center (no place: the centre's, in Semey), 15 participants;
- old-forum: 2025-02-15, the year earlier: forum, polish-center, Oskemen, 50;
- dombyra-evening: 2026-04-10, Q2, concert, polish-center, Oskemen, 30.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, TODAY, epoch_of, read, run_pelican
from dostyq.calendar.occurrences import all_occurrences
from dostyq.config import SiteConfig
from dostyq.model import load_content
from dostyq.reports.figures import Count, Period, figures, quarters

REPORTS = FIXTURES / "reports"
HOSTILE = '=HYPERLINK("http://x") </svg><script>alert(1)</script> & "кавычки" <b>'
POLISH_RU = "Польский центр «Полония»"


@pytest.fixture(scope="module")
def model():
    config = SiteConfig(today=TODAY)
    content = load_content(REPORTS, config)
    return content, all_occurrences(content.events, config), config


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("reports") / "output"
    result = run_pelican(REPORTS, out)
    assert result.returncode == 0, result.stderr
    return out


def test_quarter_figures_count_occurrences_held_and_shared_events_once(model):
    content, occurrences, config = model
    q1 = figures(occurrences, content, Period(2026, 1), TODAY, config.zone)
    assert q1.total == Count(held=6, events=4, participants=135, without_participants=1)
    assert q1.by_category == {"seminar": Count(3, 1, 20, 0), "forum": Count(1, 1, 100, 0),
                              "round-table": Count(1, 1, 0, 1), "meeting": Count(1, 1, 15, 0)}
    assert q1.by_center == {"polish-center": Count(4, 2, 120, 0), "hostile-center": Count(2, 2, 115, 0),
                            "": Count(1, 1, 0, 1)}
    assert q1.by_area == {("oskemen", ""): Count(3, 1, 20, 0), ("semey", "abai"): Count(1, 1, 100, 0),
                          ("semey", ""): Count(1, 1, 15, 0), ("", ""): Count(1, 1, 0, 1)}
    assert [(n.event.slug, n.day, n.status) for n in q1.not_held] == [
        ("cancelled-festival", dt.date(2026, 3, 1), "cancelled")]
    assert q1.complete
    earlier = figures(occurrences, content, Period(2025, 1), TODAY, config.zone)
    assert earlier.total == Count(1, 1, 50, 0) and earlier.by_center == {"polish-center": Count(1, 1, 50, 0)}
    year = figures(occurrences, content, Period(2026), TODAY, config.zone)
    assert year.total == Count(held=7, events=5, participants=165, without_participants=1)
    assert quarters(occurrences, TODAY, config.zone) == [Period(2026, 2), Period(2026, 1), Period(2025, 1)]


def test_a_quarter_not_over_counts_only_up_to_the_build_day(model):
    content, occurrences, config = model
    early = figures(occurrences, content, Period(2026, 1), dt.date(2026, 1, 14), config.zone)
    assert early.total == Count(2, 1, 20, 0)  # the club's 6 and 13 January; nothing later yet
    assert not early.complete and early.up_to == dt.date(2026, 1, 14)


def read_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM spreadsheets need to read UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_csv_reads_back_with_every_figure(built):
    rows = read_csv(built / "ru" / "reports" / "2026" / "q1" / "report.csv")
    header, body = rows[0], rows[1:]
    assert header == ["Раздел", "Идентификатор", "Название", "Проведено событий", "Участники",
                      "Без числа участников", "Проведено годом ранее", "Участники годом ранее"]
    sections = {"Все события": "total", "По категориям": "category", "По центрам": "center",
                "По городам и районам": "area"}
    got = {(sections[r[0]], r[1]): tuple(int(n) for n in r[3:]) for r in body}
    assert got == {
        ("total", ""): (6, 135, 1, 1, 50),
        ("category", "seminar"): (3, 20, 0, 0, 0), ("category", "forum"): (1, 100, 0, 1, 50),
        ("category", "round-table"): (1, 0, 1, 0, 0), ("category", "meeting"): (1, 15, 0, 0, 0),
        ("center", "polish-center"): (4, 120, 0, 1, 50), ("center", "hostile-center"): (2, 115, 0, 0, 0),
        ("center", ""): (1, 0, 1, 0, 0),
        ("area", "oskemen"): (3, 20, 0, 1, 50), ("area", "semey/abai"): (1, 100, 0, 0, 0),
        ("area", "semey"): (1, 15, 0, 0, 0), ("area", ""): (1, 0, 1, 0, 0)}
    assert len(body) == len(got)
    names = {r[1]: r[2] for r in body if sections[r[0]] == "center"}
    assert names == {"polish-center": POLISH_RU, "hostile-center": "'" + HOSTILE, "": "Без центра"}
    areas = {r[1]: r[2] for r in body if sections[r[0]] == "area"}
    assert areas["semey/abai"] == "Семей, Абайский район" and areas[""] == "Не указано"


def test_every_quarter_with_events_has_a_page_listed_in_the_index(built):
    for lang in ("kk", "ru"):
        listed = set(re.findall(rf'href="/{lang}/reports/(\d{{4}}/q\d)/"', read(built / lang / "reports" / "index.html")))
        assert listed == {"2026/q2", "2026/q1", "2025/q1"}
        made = {p.parent.relative_to(built / lang / "reports").as_posix()
                for p in (built / lang / "reports").glob("*/q*/index.html")}
        assert made == listed
        for quarter in listed:
            assert (built / lang / "reports" / quarter / "report.csv").is_file()
            assert f'href="/{lang}/reports/{quarter}/report.csv"' in read(built / lang / "reports" / quarter / "index.html")


def test_the_report_page_lists_cancelled_events_apart_and_draws_accessible_charts(built):
    page = read(built / "ru" / "reports" / "2026" / "q1" / "index.html")
    assert "<h1>Отчёт: I\u00a0квартал 2026\u00a0г.</h1>" in page
    not_held = page[page.index('id="not-held-heading"'):]
    assert 'href="/ru/events/cancelled-festival/"' in not_held and "Отменено" in not_held
    assert "cancelled-festival" not in page[:page.index('id="not-held-heading"')]
    charts = re.findall(r"<svg.*?</svg>", page, re.S)
    assert len(charts) == 3
    for chart in charts:
        svg = ET.fromstring(chart)  # well-formed, whatever the names hold
        ns = "{http://www.w3.org/2000/svg}"
        ids = svg.get("aria-labelledby").split()
        assert svg.get("role") == "img" and [svg.find(f"{ns}title").get("id"), svg.find(f"{ns}desc").get("id")] == ids
        assert svg.find(f"{ns}title").text.strip() and svg.find(f"{ns}desc").text.strip()
    # the hostile centre name is text everywhere: in the table and in the chart
    assert "<script>alert" not in page and "</svg><script>" not in page
    centre_chart = ET.fromstring(charts[1])
    labels = [t.text for t in centre_chart.iter("{http://www.w3.org/2000/svg}text") if t.get("class") == "label"]
    assert labels[0] == POLISH_RU and labels[1].startswith('=HYPERLINK("http://x") </svg>')
    # bars: the Polish centre's 4 held is the longest; its bar a year earlier a quarter of it
    bars = [float(r.get("width")) for r in centre_chart.iter("{http://www.w3.org/2000/svg}rect")][2:]
    assert bars[0] > 0 and bars[1] == pytest.approx(bars[0] / 4, abs=0.1)
    assert "<script" not in page.split("</head>")[1]  # no script in the body of a report


def dostyq(*args: str) -> subprocess.CompletedProcess:
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "SOURCE_DATE_EPOCH": epoch_of(TODAY)}
    return subprocess.run([str(Path(sys.executable).parent / "dostyq"), *args], cwd=ROOT, capture_output=True,
                          text=True, env=env, timeout=120)


def test_the_command_prints_the_table_and_writes_the_sites_csv(built, tmp_path):
    target = tmp_path / "q1.csv"
    done = dostyq("report", "2026", "1", "--content", str(REPORTS), "--lang", "ru", "--csv", str(target))
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == (built / "ru" / "reports" / "2026" / "q1" / "report.csv").read_bytes()
    lines = done.stdout.splitlines()
    for label, figures_shown in ((POLISH_RU, ["4", "120", "0", "1", "50"]), ("Без центра", ["1", "0", "1", "0", "0"])):
        line = next(line for line in lines if label in line)
        assert re.findall(r"\d+", line.split(label)[1]) == figures_shown
    assert "Фестиваль, который отменили" in done.stdout  # listed apart
    year = dostyq("report", "2026", "--content", str(REPORTS), "--lang", "kk", "--csv", str(tmp_path / "y.csv"))
    assert year.returncode == 0, year.stderr
    rows = read_csv(tmp_path / "y.csv")
    assert rows[1][3:] == ["7", "165", "1", "1", "50"]
    bad = dostyq("report", "2026", "5", "--content", str(REPORTS))
    assert bad.returncode == 2 and "QUARTER" in bad.stderr
