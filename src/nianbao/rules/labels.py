"""Human names of table cells for rule messages, taken from the edition data."""

from __future__ import annotations

from ..editions import E2021, Edition, resolve
from ..editions.labels import strip_enumerator
from ..model import Report

_T3 = {r.key: r.label for r in E2021.applications.rows}
_T3_COLUMNS = {c.key: c.label for c in E2021.applications.columns}
_T4_GROUPS = {g.key: g.label for g in E2021.review.groups}
_T4_COLUMNS = {c.key: c.label for c in E2021.review.columns}


def edition_of(report: Report) -> Edition:
    return resolve(report.edition, report.year)


def t3_row(key: str) -> str:
    return strip_enumerator(_T3[key])


def t3_column(key: str) -> str:
    return _T3_COLUMNS[key]


def t4_group(key: str) -> str:
    return _T4_GROUPS[key]


def t4_column(key: str) -> str:
    return _T4_COLUMNS[key]
