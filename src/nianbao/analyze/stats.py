"""Aggregate statistics over the current report versions in a store, grouped by region, level, year
or organ: applications received and handled, outcome shares, correction rates, findings per report."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import or_, select

from ..editions import APPLICATIONS, E2021, REVIEW
from ..editions.common import DENIED, NOT_PROCESSED, OTHER, UNABLE
from ..store import Store, StoredReport
from ..store.store import cells_t

GROUPINGS = ("region", "level", "year", "organ")
UNKNOWN = "（未知）"

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
_OUTCOME_OF_ROW = {
    row: name
    for name, key in OUTCOMES.items()
    for row in (key, *(leaf.key for leaf in E2021.applications.leaves(key)))
}
_LITIGATION_GROUPS = {g.key for g in E2021.review.litigation_groups}


def _ratio(part: float | None, whole: float | None) -> float | None:
    if part is None or not whole:
        return None
    return part / whole


@dataclass
class StatsRow:
    group: tuple[str, ...]
    reports: int = 0
    received: float = 0
    carried_over: float = 0
    handled: float = 0
    outcomes: dict[str, float] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0.0))
    review_total: float = 0
    review_corrected: float = 0
    litigation_total: float = 0
    litigation_corrected: float = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0

    @property
    def outcome_shares(self) -> dict[str, float | None]:
        return {k: _ratio(v, self.handled) for k, v in self.outcomes.items()}

    @property
    def substantive_rate(self) -> float | None:
        """实质公开率 = (予以公开 + 部分公开) / 办理结果总计."""
        return _ratio(self.outcomes["granted"] + self.outcomes["partial"], self.handled)

    @property
    def review_correction_rate(self) -> float | None:
        return _ratio(self.review_corrected, self.review_total)

    @property
    def litigation_correction_rate(self) -> float | None:
        return _ratio(self.litigation_corrected, self.litigation_total)

    @property
    def findings_per_report(self) -> float | None:
        return _ratio(float(self.errors + self.warnings + self.infos), self.reports)

    def to_dict(self) -> dict[str, object]:
        return {
            "group": list(self.group),
            "reports": self.reports,
            "received": self.received,
            "carried_over": self.carried_over,
            "handled": self.handled,
            "outcomes": self.outcomes,
            "outcome_shares": self.outcome_shares,
            "substantive_rate": self.substantive_rate,
            "review_total": self.review_total,
            "review_corrected": self.review_corrected,
            "review_correction_rate": self.review_correction_rate,
            "litigation_total": self.litigation_total,
            "litigation_corrected": self.litigation_corrected,
            "litigation_correction_rate": self.litigation_correction_rate,
            "findings": {"error": self.errors, "warning": self.warnings, "info": self.infos},
            "findings_per_report": self.findings_per_report,
        }


def group_value(report: StoredReport, by: str) -> str:
    if by == "region":
        return report.region or UNKNOWN
    if by == "level":
        return report.level or UNKNOWN
    if by == "year":
        return str(report.year) if report.year is not None else UNKNOWN
    if by == "organ":
        return report.organ_name or report.organ or UNKNOWN
    raise ValueError(f"unknown grouping {by!r}; choose from {', '.join(GROUPINGS)}")


def _add_cell(target: StatsRow, tbl: str, row: str, col: str, value: float) -> None:
    if tbl == APPLICATIONS and col == "total":
        if row == "new_received":
            target.received += value
        elif row == "carried_over":
            target.carried_over += value
        elif row == "r_total":
            target.handled += value
        elif (outcome := _OUTCOME_OF_ROW.get(row)) is not None:
            target.outcomes[outcome] += value
    elif tbl == REVIEW and col in ("total", "corrected"):
        if row == "review":
            if col == "total":
                target.review_total += value
            else:
                target.review_corrected += value
        elif row in _LITIGATION_GROUPS:
            if col == "total":
                target.litigation_total += value
            else:
                target.litigation_corrected += value


def compute_stats(store: Store, by: Sequence[str] = ()) -> list[StatsRow]:
    """One row per group (all current reports in one row when `by` is empty), in group order."""
    for grouping in by:  # fail early on an unknown grouping, even on an empty store
        group_value(StoredReport(0, "", "", None, None, None, None, None, None, 1, 0, 0, 0), grouping)
    reports = {r.id: r for r in store.current_reports()}
    groups: dict[tuple[str, ...], StatsRow] = {}
    group_of: dict[int, StatsRow] = {}
    for report in reports.values():
        key = tuple(group_value(report, b) for b in by)
        target = groups.setdefault(key, StatsRow(key))
        target.reports += 1
        target.errors += report.errors
        target.warnings += report.warnings
        target.infos += report.infos
        group_of[report.id] = target
    query = select(cells_t.c.report_id, cells_t.c.tbl, cells_t.c.row, cells_t.c.col, cells_t.c.value).where(
        or_(
            (cells_t.c.tbl == APPLICATIONS) & (cells_t.c.col == "total"),
            (cells_t.c.tbl == REVIEW) & cells_t.c.col.in_(("total", "corrected")),
        )
    )
    with store.engine.connect() as conn:
        for report_id, tbl, row, col, value in conn.execute(query):
            target_row = group_of.get(report_id)
            if target_row is not None and value is not None:
                _add_cell(target_row, tbl, row, col, float(value))
    return [groups[k] for k in sorted(groups)]


def top_organs(store: Store, limit: int = 10) -> list[tuple[str, int, int, int]]:
    """Organs with the most problems over their current reports: (organ, errors, warnings, reports)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for report in store.current_reports():
        entry = counts[report.organ_name or report.organ or UNKNOWN]
        entry[0] += report.errors
        entry[1] += report.warnings
        entry[2] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))
    return [(name, e, w, n) for name, (e, w, n) in ranked[:limit] if e or w]
