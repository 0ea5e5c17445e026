"""Quarterly reports: the figures the Houses of Friendship file every quarter
(events held by category, centre and city or district, participants), computed
from the one occurrence expansion (dostyq.calendar.occurrences). No Pelican
import: the site's report pages and `dostyq report` share this package.

    figures.py  counts for a period (a quarter or a year), and the year before
    table.py    those counts as labelled rows in a language
    charts.py   bar charts as inline SVG, drawn at build time
    csv_file.py the same rows as CSV
"""
