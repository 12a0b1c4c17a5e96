"""Cross-year rules on the store: each current report checked against its organ's previous-year
report as stored (the rules themselves live in nianbao.rules.crossyear). Ingest runs them for every
organ and year it touched and stores their findings with the report's own."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model import Finding, Report
from ..rules.crossyear import cross_year_findings
from ..rules.locations import label_findings
from ..rules.registry import REGISTRY
from .store import Store


def cross_year_check(store: Store) -> Iterator[tuple[Report, Report, list[Finding]]]:
    """(report, previous-year report, findings) for every current report that has a previous year."""
    for report in store.stored_reports():
        previous = store.previous_report(report)
        if previous is not None:
            yield report, previous, cross_year_findings(report, previous)


def store_cross_year(store: Store, touched: Iterable[tuple[str, int]]) -> int:
    """Run the cross-year rules for each (organ, year) touched and for the year after it (whose previous
    year may just have arrived), replacing the cross-year findings stored before; the number stored."""
    pair_rules = {r.id for r in REGISTRY.values() if r.pair_check is not None}
    todo = {(organ, y) for organ, year in touched for y in (year, year + 1)}
    stored = 0
    for organ, year in sorted(todo):
        report = store.latest_report(organ, year)
        if report is None or report.source.sha256 is None:
            continue
        previous = store.latest_report(organ, year - 1)
        found = cross_year_findings(report, previous) if previous is not None else []
        stored += len(found)
        kept = [f for f in report.findings if f.rule not in pair_rules]
        if [*kept, *found] == report.findings:
            continue
        report.findings = [*kept, *found]
        label_findings(report)
        report_id = store.report_id(report.source.sha256)
        if report_id is None:
            continue
        with store.engine.begin() as conn:
            store.replace_content(report_id, report, conn)
    return stored
