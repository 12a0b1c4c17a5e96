"""A new year's report started from nothing or from last year's: what a clerk begins writing with.

From last year's report (E2021 form): 上年结转 = last year's 结转下年度继续办理 per applicant column, and
each 现行有效件数 of 表二 starts from last year's (made and repealed start at 0, so valid = previous valid +
made − repealed holds until the clerk enters the year's figures); the six sections keep last year's text
for the clerk to rewrite. Every other cell starts blank, never guessed."""

from __future__ import annotations

from datetime import date

from .editions import edition_for_year
from .editions.grids import form_grids
from .model import Period, Report, SectionEntry, Source, TableValues
from .render.layout import title_of


def blank_report(organ: str, year: int) -> Report:
    """The year's form with every cell present and blank, and the six headings with no text."""
    edition = edition_for_year(year)
    report = Report(
        source=Source(path=f"{organ}{year}年度报告（编制中）", format="json"),
        organ=organ,
        year=year,
        edition=edition.key,  # type: ignore[arg-type]
        period=Period(start=date(year, 1, 1), end=date(year, 12, 31)),
        sections=[SectionEntry(key=s.key, heading=s.heading, canonical=True) for s in edition.sections],
    )
    report.title = title_of(report)
    tables: dict[str, TableValues] = {}
    for grid in form_grids(report, edition).values():
        for row in grid.rows:
            for cell in row:
                if cell.key:
                    table, row_key, col = cell.key.split(".")
                    tables.setdefault(table, {}).setdefault(row_key, {})[col] = None
    report.tables = tables
    return report


def carried_from(previous: Report, organ: str, year: int) -> Report:
    """`blank_report` with last year's carry-overs and text (see the module's docstring)."""
    report = blank_report(organ, year)
    if previous.edition != report.edition or report.edition != "E2021":
        # Across the 2019 → 2021 form change the rows differ: only the text carries over.
        return _with_text(report, previous)
    forward = previous.tables.get("applications", {}).get("carry_forward", {})
    carried = report.tables.get("applications", {}).get("carried_over")
    if carried is not None:
        for col in carried:
            carried[col] = forward.get(col)
    for row, values in report.tables.get("active", {}).items():
        if "valid" in values:
            before = previous.cell("active", row, "valid")
            values["valid"] = before
            values["made"] = 0 if before is not None else None
            values["repealed"] = 0 if before is not None else None
    return _with_text(report, previous)


def _with_text(report: Report, previous: Report) -> Report:
    texts = {s.key: s.text for s in previous.sections if s.key}
    for section in report.sections:
        section.text = texts.get(section.key or "", "")
    report.contact = previous.contact.model_copy()
    return report
