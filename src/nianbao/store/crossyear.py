"""Cross-year rules on the store: each current report checked against its organ's previous-year
report as stored (the rules themselves live in nianbao.rules.crossyear)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ..rules.crossyear import cross_year_findings
from .store import Store


def cross_year_check(store: Store) -> Iterator[tuple[Report, Report, list[Finding]]]:
    """(report, previous-year report, findings) for every current report that has a previous year."""
    for report in store.stored_reports():
        previous = store.previous_report(report)
        if previous is not None:
            yield report, previous, cross_year_findings(report, previous)
