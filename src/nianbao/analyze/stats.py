"""Aggregate statistics over the current report versions in a store, grouped by region, level, year
or organ: applications received and handled, outcome shares, correction rates, findings per report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, func, select

from ..store import Store, StoredReport
from ..store.store import is_current, organs_t, reports_t, totals_t
from ..store.totals import OUTCOMES, TOTALS

GROUPINGS = ("region", "level", "year", "organ")
UNKNOWN = "（未知）"
# The stored columns each grouping reads, folded into its group name by `group_value`.
_GROUP_COLUMNS: dict[str, tuple[ColumnElement[Any], ...]] = {
    "region": (organs_t.c.region,),
    "level": (organs_t.c.level,),
    "year": (reports_t.c.year,),
    "organ": (organs_t.c.name, reports_t.c.organ),
}


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


def _group_of(by: Sequence[str], stored: dict[ColumnElement[Any], Any]) -> tuple[str, ...]:
    report = StoredReport(
        0,
        "",
        "",
        stored.get(reports_t.c.organ),
        stored.get(organs_t.c.name),
        stored.get(organs_t.c.level),
        stored.get(organs_t.c.region),
        stored.get(reports_t.c.year),
        None,
        1,
        0,
        0,
        0,
    )
    return tuple(group_value(report, b) for b in by)


def compute_stats(store: Store, by: Sequence[str] = ()) -> list[StatsRow]:
    """One row per group (all current reports in one row when `by` is empty), in group order.

    One GROUP BY in the database over the current report versions and their `report_totals` rows
    (filled at ingest); groups whose stored values name the same group (an organ by name or as printed)
    are added up here."""
    for grouping in by:  # fail early on an unknown grouping, even on an empty store
        if grouping not in GROUPINGS:
            raise ValueError(f"unknown grouping {grouping!r}; choose from {', '.join(GROUPINGS)}")
    columns = list(dict.fromkeys(c for b in by for c in _GROUP_COLUMNS[b]))
    query = (
        select(
            *columns,
            func.count(),
            func.sum(reports_t.c.errors),
            func.sum(reports_t.c.warnings),
            func.sum(reports_t.c.infos),
            *(func.sum(totals_t.c[name]) for name in TOTALS),
        )
        .select_from(
            reports_t.outerjoin(organs_t, organs_t.c.id == reports_t.c.organ_id).outerjoin(
                totals_t, totals_t.c.report_id == reports_t.c.id
            )
        )
        .where(is_current())
        .group_by(*columns)
    )
    groups: dict[tuple[str, ...], StatsRow] = {}
    with store.engine.connect() as conn:
        for found in conn.execute(query):
            count, errors, warnings, infos, *totals = found[len(columns) :]
            if not count:
                continue
            key = _group_of(by, dict(zip(columns, found[: len(columns)], strict=True)))
            target = groups.setdefault(key, StatsRow(key))
            target.reports += int(count)
            target.errors += int(errors or 0)
            target.warnings += int(warnings or 0)
            target.infos += int(infos or 0)
            sums = dict(zip(TOTALS, (float(t or 0) for t in totals), strict=True))
            target.received += sums["received"]
            target.carried_over += sums["carried_over"]
            target.handled += sums["handled"]
            for outcome in OUTCOMES:
                target.outcomes[outcome] += sums[outcome]
            target.review_total += sums["review_total"]
            target.review_corrected += sums["review_corrected"]
            target.litigation_total += sums["litigation_total"]
            target.litigation_corrected += sums["litigation_corrected"]
    return [groups[k] for k in sorted(groups)]


def top_organs(store: Store, limit: int = 10) -> list[tuple[str, int, int, int]]:
    """Organs with the most problems over their current reports: (organ, errors, warnings, reports)."""
    counts: dict[str, list[int]] = {}
    for row in compute_stats(store, ["organ"]):
        counts[row.group[0]] = [row.errors, row.warnings, row.reports]
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))
    return [(name, e, w, n) for name, (e, w, n) in ranked[:limit] if e or w]
