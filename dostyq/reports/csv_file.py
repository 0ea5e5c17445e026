"""A report's rows as CSV: UTF-8 with a byte-order mark (so spreadsheet programs
read Cyrillic and Kazakh letters right instead of guessing a code page), a
header row in the report's language, CRLF line ends (RFC 4180)."""
from __future__ import annotations

import csv
import io

from .table import Table, words

COLUMNS = ("section", "id", "name", "held", "participants", "without_participants", "held_before",
           "participants_before")
# A cell starting with one of these is read as a formula by spreadsheets (CSV
# injection): an entry's name is shown as text instead.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def report_csv(table: Table, gettext) -> bytes:
    names = words(gettext)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([names[c] for c in COLUMNS])
    rows = [(names["total"], table.total)] + [(section.title, row) for section in table.sections
                                                for row in section.rows]
    for section, row in rows:
        writer.writerow([_text(section), _text(row.key), _text(row.label), row.now.held, row.now.participants,
                         row.now.without_participants, row.before.held, row.before.participants])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
