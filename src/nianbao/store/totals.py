"""The per-report totals the statistics add up: which cells of a report feed which total (applications
received, carried over and handled, the outcome groups, review and litigation with their corrections).

Ingest fills one `report_totals` row per stored report from its cells (`totals_of`), migration 0005
back-fills stores written before it with the same mapping in SQL (`totals_query`), and `analyze.stats`
sums these rows with one GROUP BY over the reports instead of walking every cell."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, Table, and_, case, func, select

from ..editions import APPLICATIONS, E2021, REVIEW
from ..editions.common import DENIED, NOT_PROCESSED, OTHER, UNABLE

# The outcomes counted, by their names in the statistics and the row of the form that heads each; a row's
# `total` column feeds the outcome it sits under (E2021's tree holds the rows of both editions).
OUTCOMES = {
    "granted": "r_granted",
    "partial": "r_partial",
    "denied": DENIED,
    "unable": UNABLE,
    "not_processed": NOT_PROCESSED,
    "other": OTHER,
}
_LITIGATION_GROUPS = tuple(g.key for g in E2021.review.litigation_groups)


def _outcome_rows(key: str) -> tuple[str, ...]:
    # A leaf row is its own only leaf: each row once.
    return tuple(dict.fromkeys((key, *(leaf.key for leaf in E2021.applications.leaves(key)))))


# Each total: the table, the column and the rows whose cells it sums.
FEEDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "received": (APPLICATIONS, "total", ("new_received",)),
    "carried_over": (APPLICATIONS, "total", ("carried_over",)),
    "handled": (APPLICATIONS, "total", ("r_total",)),
    **{name: (APPLICATIONS, "total", _outcome_rows(key)) for name, key in OUTCOMES.items()},
    "review_total": (REVIEW, "total", ("review",)),
    "review_corrected": (REVIEW, "corrected", ("review",)),
    "litigation_total": (REVIEW, "total", _LITIGATION_GROUPS),
    "litigation_corrected": (REVIEW, "corrected", _LITIGATION_GROUPS),
}
TOTALS = tuple(FEEDS)
_TOTAL_OF_CELL = {(tbl, row, col): name for name, (tbl, col, rows) in FEEDS.items() for row in rows}
assert len(_TOTAL_OF_CELL) == sum(len(rows) for _, _, rows in FEEDS.values()), "a cell feeds one total"


def totals_of(cells: Iterable[tuple[Any, ...]]) -> dict[str, float]:
    """The totals of one report from its cells, each `(table, row, column, value, ...)`; a blank adds 0."""
    totals = dict.fromkeys(TOTALS, 0.0)
    for cell in cells:
        name = _TOTAL_OF_CELL.get((cell[0], cell[1], cell[2]))
        if name is not None and cell[3] is not None:
            totals[name] += float(cell[3])
    return totals


def totals_query(reports: Table, cells: Table) -> Select[Any]:
    """`(report_id, *TOTALS)` of every stored report computed from its cells in the database (a report
    without cells has all totals 0): what migration 0005 back-fills, the same numbers as `totals_of`."""
    sums = []
    for name in TOTALS:
        tbl, col, rows = FEEDS[name]
        feeds = and_(cells.c.tbl == tbl, cells.c.col == col, cells.c.row.in_(rows))
        sums.append(func.coalesce(func.sum(case((feeds, cells.c.value))), 0.0).label(name))
    return (
        select(reports.c.id, *sums)
        .select_from(reports.outerjoin(cells, cells.c.report_id == reports.c.id))
        .group_by(reports.c.id)
    )
