"""Human names of table cells for rule messages, taken from the edition data."""

from __future__ import annotations

from ..chinese.marks import strip_enumerator
from ..editions import E2021, LEGACY, Edition, resolve
from ..model import Report

TABLE_NAMES = {table.key: table.name for table in E2021.tables}
_T3 = {r.key: r.label for r in E2021.applications.rows}
_T3_COLUMNS = {c.key: c.label for c in E2021.applications.columns}
_T4_GROUPS = {g.key: g.label for g in E2021.review.groups}
_T4_COLUMNS = {c.key: c.label for c in E2021.review.columns}


def printed_edition(report: Report) -> Edition:
    """The edition the report's tables are printed in (its own), else the one its year requires: what
    the rules check against. (A renderer writes the edition the year requires: render.layout.)"""
    return resolve(report.edition, report.year)


def under_2008_regulation(report: Report) -> bool:
    """A report of a year before 2019 (read as `legacy`, or of such a year): the 2008 条例 applied to it,
    and no national format did — the rules of the 2019 and 2021 forms do not."""
    if report.edition == LEGACY.key:
        return True
    return report.edition is None and report.year is not None and LEGACY.applies_to(report.year)


def t3_row(key: str) -> str:
    return strip_enumerator(_T3[key])


def t3_column(key: str) -> str:
    return _T3_COLUMNS[key]


def t4_group(key: str) -> str:
    return _T4_GROUPS[key]


def t4_column(key: str) -> str:
    return _T4_COLUMNS[key]
