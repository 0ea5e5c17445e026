"""The quarterly report pages of one language: `/<lang>/reports/`, and for every
quarter with events `/<lang>/reports/<yyyy>/q<n>/` with its `report.csv`. The
figures come from dostyq.reports; this module only lays them out.

A page's key is what it shows (the labelled figures, the events listed apart),
so a rebuild renders only the quarters an edit changed."""
from __future__ import annotations

from dostyq import urls
from dostyq.reports.charts import bar_chart
from dostyq.reports.csv_file import report_csv
from dostyq.reports.figures import Period, by_quarter, figures, quarters
from dostyq.reports.table import Table, table, up_to_note, words

from .vocabulary import CATEGORY_LABELS, N_

CHART_TITLE = N_("%(section)s: events held in %(period)s")
CHART_DESCRIPTION = N_("Bars for each row of the table below: events held in %(period)s, and beside them "
                       "the same quarter a year earlier (%(earlier)s).")


class ReportPages:
    def __init__(self, view, listings, page, output):
        self.view = view
        self.listings = listings
        self.page = page  # PageWriter.page
        self.output = output
        self.lang = view.lang

    def write_all(self) -> None:
        view, lang, zone = self.view, self.lang, self.view.site_zone
        occurrences = self.listings.occurrences
        grouped = by_quarter(occurrences, zone)
        made = []
        for period in quarters(occurrences, self.listings.today, zone):
            earlier = period.year_earlier()
            now = figures(grouped.get(period, ()), view.content, period, self.listings.today, zone)
            before = figures(grouped.get(earlier, ()), view.content, earlier, self.listings.today, zone)
            report = table(now, before, view.content, lang, view.gettext, CATEGORY_LABELS)
            made.append(report)
            self.page(urls.report(lang, period.year, period.quarter), "report", (_key(report),),
                      lambda r=report: self.values(r))
            self.output.write(urls.report_csv(lang, period.year, period.quarter), report_csv(report, view.gettext))
        summaries = [(r.title, urls.report(lang, r.period.year, r.period.quarter), r.total) for r in made]
        self.page(urls.reports(lang), "reports", tuple((t, p, c.now, c.before) for t, p, c in summaries),
                  lambda: {"reports": [(t, self.view.href(p), c) for t, p, c in summaries],
                           "number": made[0].number if made else str})

    def values(self, report: Table) -> dict:
        gettext, lang = self.view.gettext, self.lang
        charts = []
        for section in report.sections:
            if not section.rows:
                continue
            chart_id = f"chart-{section.id}"
            charts.append((section, bar_chart(
                section, chart_id,
                gettext(CHART_TITLE) % {"section": section.title, "period": report.title},
                gettext(CHART_DESCRIPTION) % {"period": report.title, "earlier": report.earlier_title},
                report.title, report.earlier_title, report.number, lang)))
        up_to = up_to_note(report.figures)
        period: Period = report.period
        return {"report": report, "words": words(gettext), "charts": charts,
                "not_held": [(self.view.text(n.event.title), self.view.event_url(n.event), self.view.dates.date(n.day),
                              self.view.status_label(n.status)) for n in report.figures.not_held],
                "up_to": self.view.dates.date(up_to) if up_to else None,
                "csv_url": self.view.href(urls.report_csv(lang, period.year, period.quarter)),
                "reports_url": self.view.href(urls.reports(lang))}


def _key(report: Table) -> tuple:
    """Everything the page shows, as plain values."""
    return (report.title, report.earlier_title, report.total, tuple((s.id, s.title, s.rows) for s in report.sections),
            tuple((n.event.slug, n.event.fingerprint, n.day, n.status) for n in report.figures.not_held),
            report.figures.up_to)
